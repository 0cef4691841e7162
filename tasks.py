#!/usr/bin/env python3
"""Project entry points that need nothing but Python 3.11+: they create .venv and install on first use.

python3 tasks.py build     # raw/ → warehouse/ and catalog/  (python -m pipelines build)
python3 tasks.py test      # the whole test suite on every core, with the 10 slowest tests
python3 tasks.py test -m "not slow"   # the quick loop: no servers, browsers or extra processes
python3 tasks.py lint      # ruff check, ruff format --check, mypy, dg check defs
python3 tasks.py ui        # the Dagster UI on http://127.0.0.1:3000 (dg dev, instance in .dagster_home/)
python3 tasks.py serve     # the catalogue site on http://127.0.0.1:8000
python3 tasks.py bench     # performance figures
python3 tasks.py lock      # re-resolve requirements.lock from pyproject.toml (after changing a pin)
python3 tasks.py screenshots   # docs/*.png from the built catalog/ in Chromium (needs fonts-noto-cjk)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PLANS_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
LOCK = ROOT / "requirements.lock"
# The one command that writes the lock: every platform's wheels, hashed, for Python 3.11 and later.
LOCK_COMMAND = [
    "uv", "pip", "compile", "pyproject.toml", "--extra", "dev", "--universal", "--generate-hashes",
    "--python-version", "3.11", "-o", "requirements.lock",
]  # fmt: skip
COMMANDS = {"build", "test", "lint", "ui", "serve", "bench", "lock", "screenshots"}


def ensure_env() -> None:
    """Create the virtualenv and install the locked set when pyproject.toml or the lock changed."""
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print(f"creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing the locked dependencies (requirements.lock) and the project …", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The lock is the whole set: no resolver run, every file checked against its hash.
    subprocess.run([*pip, "--require-hashes", "--no-deps", "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    subprocess.run([str(PY), "-m", "pip", "check"], check=True)
    stamp.write_text(wanted)


def run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT).returncode


def activated() -> dict[str, str]:
    """The environment with .venv activated (what `dg` expects of a project's virtualenv)."""
    return {**os.environ, "VIRTUAL_ENV": str(VENV), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def dagster_home() -> Path:
    """DAGSTER_HOME (.dagster_home/ by default) holding the local instance's dagster.yaml (deploy/local/)."""
    home = Path(os.environ.get("DAGSTER_HOME") or ROOT / ".dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "deploy" / "local" / "dagster.yaml").read_bytes()
    if not (home / "dagster.yaml").exists() or (home / "dagster.yaml").read_bytes() != config:
        (home / "dagster.yaml").write_bytes(config)
    return home


def test(rest: list[str]) -> int:
    workers = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in rest) else ["-n", "auto"]
    code = run([str(PY), "-m", "pytest", *workers, "--durations=10", *rest])
    if code == 5:
        print("pytest collected no tests: that is a failure here", file=sys.stderr)
        return 1
    return code


def lint() -> int:
    codes = [
        run([str(BIN / "ruff"), "check", "."]),
        run([str(BIN / "ruff"), "format", "--check", "."]),
        run([str(BIN / "mypy")]),
        subprocess.run([str(BIN / "dg"), "check", "defs"], cwd=ROOT, env=activated()).returncode,
    ]
    return max(codes)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command not in COMMANDS:
        print(__doc__)
        return 0 if command in {"help", "-h", "--help"} else 2
    ensure_env()
    if command == "build":
        return run([str(PY), "-m", "pipelines", "build", *rest])
    if command == "test":
        return test(rest)
    if command == "lint":
        return lint()
    if command == "lock":
        return run([str(BIN / LOCK_COMMAND[0]), *LOCK_COMMAND[1:], *rest])
    if command == "screenshots":
        return run([str(PY), "-m", "tests.screenshots", *rest])
    if command == "ui":
        env = {**activated(), "DAGSTER_HOME": str(dagster_home())}
        return subprocess.run([str(BIN / "dg"), "dev", *rest], cwd=ROOT, env=env).returncode
    if command == "serve":
        return run([str(PY), "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(ROOT / "catalog")])
    return run([str(PY), "-m", "tests.benchmark", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
