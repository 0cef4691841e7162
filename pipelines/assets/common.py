OWNERS = ["team:plans-data"]
CODE_VERSION = "2026-11-29.1"  # bump when extraction or publishing logic changes the output
