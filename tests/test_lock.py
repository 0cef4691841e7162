"""requirements.lock is the whole installed set, resolved from pyproject.toml's pins: the two must agree."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement

import tasks
from tests.helpers import ROOT

LOCKED = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.M)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = {}
    for spec in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        req = Requirement(spec)
        (pin,) = [s for s in req.specifier if s.operator == "=="]  # every direct dependency is pinned
        out[_name(req.name)] = pin.version
    return out


def test_every_pin_of_pyproject_is_locked_at_the_same_version():
    locked = {_name(n): v for n, v in LOCKED.findall(tasks.LOCK.read_text(encoding="utf-8"))}
    pins = _pins()
    disagree = {n: (v, locked.get(n)) for n, v in pins.items() if locked.get(n) != v}
    assert not disagree, (
        f"pyproject.toml and requirements.lock disagree (pin, lock): {disagree}; run python3 tasks.py lock"
    )
    assert len(locked) > len(pins)  # the transitive dependencies are locked too


def test_the_lock_was_written_by_the_documented_command_with_hashes():
    text = tasks.LOCK.read_text(encoding="utf-8")
    assert " ".join(tasks.LOCK_COMMAND) in text.splitlines()[1]
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert all("--hash=sha256:" in e for e in entries if LOCKED.match(e))
