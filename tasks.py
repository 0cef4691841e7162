#!/usr/bin/env python3
"""Project entry points that need nothing but Python 3.11+: they create .venv and install on first use.

python3 tasks.py build     # raw/ → warehouse/ and catalog/  (python -m pipelines build)
python3 tasks.py test      # the test suite (pytest)
python3 tasks.py ui        # the Dagster UI on http://127.0.0.1:3000
python3 tasks.py serve     # the catalogue site on http://127.0.0.1:8000
python3 tasks.py bench     # performance figures
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


def ensure_env() -> None:
    """Create the virtualenv and (re)install when pyproject.toml changed since the last install."""
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print(f"creating {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing the project and its pinned dependencies …", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True)
    stamp.write_text(wanted)


def run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command not in {"build", "test", "ui", "serve", "bench"}:
        print(__doc__)
        return 0 if command in {"help", "-h", "--help"} else 2
    ensure_env()
    if command == "build":
        return run([str(PY), "-m", "pipelines", "build", *rest])
    if command == "test":
        code = run([str(PY), "-m", "pytest", *rest])
        if code == 5:
            print("pytest collected no tests: that is a failure here", file=sys.stderr)
            return 1
        return code
    if command == "ui":
        os.environ.setdefault("DAGSTER_HOME", str(ROOT / ".dagster_home"))
        Path(os.environ["DAGSTER_HOME"]).mkdir(exist_ok=True)
        return run([str(BIN / "dagster"), "dev", "-w", str(ROOT / "workspace.yaml"), *rest])
    if command == "serve":
        return run([str(PY), "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(ROOT / "catalog")])
    return run([str(PY), "-m", "pipelines.bench", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
