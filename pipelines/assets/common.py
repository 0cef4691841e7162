OWNERS = ["team:plans-data"]
CODE_VERSION = "2026-12-07.1"  # bump when extraction or publishing logic changes the output
STORE = "checked_store"  # the resource key of the IO manager of the checked intermediates (assets/store.py)
