"""One build at a time on the same output folders, whatever starts it: the command line, a Dagster run, a sensor.

The lock is an advisory `flock` on `<warehouse>/.build.lock` and on `.<catalogue>.build.lock` beside the
catalogue folder, held for the whole command-line build and for the publishing step of a Dagster run; the file
says who holds it (pid and start time), so that a second build on either folder exits at once with
`another build is running (pid N, since T)` instead of tripping over the first.
The kernel releases the lock when its holder exits, however it exits, so a killed build never leaves a
stale lock behind. A process that already holds the lock (the command line running its jobs in-process)
takes it again without waiting for itself.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from pipelines.errors import PlanDataError
from pipelines.settings import VARIABLES

LOCK_NAME = ".build.lock"
_held: dict[Path, int] = {}  # lock file → how many times this process holds it


class BuildRunning(PlanDataError):
    """Another process is building into the same folders."""


def usable_folders(folders: dict[Path, str]) -> None:
    """A build's output folders (folder → the setting that chose it) must be folders, or not exist yet: anything
    else is said plainly, naming the path and the setting, before anything is read or written. Missing ones are
    then created."""
    for folder, variable in folders.items():
        if os.path.lexists(folder) and not folder.is_dir():
            what = "a link to nothing" if os.path.islink(folder) else "a file, not a folder"
            raise PlanDataError(
                f"the output folder is {what}",
                file=str(folder),
                hint=f"move it away (the build creates the folder), or point {variable} at a folder",
            )
    for folder, variable in folders.items():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlanDataError(
                f"the output folder cannot be created: {exc.strerror}",
                file=str(folder),
                hint=f"make its parent writable, or point {variable} at a folder this user may write",
            ) from exc


# what marks a folder as a catalogue this project published (the contract's index of the catalogue)
CATALOGUE_MARK = "catalog.json"


def folders_apart(raw_dir: Path | None, warehouse_dir: Path, catalog_dir: Path | None) -> None:
    """The sources, the warehouse and the catalogue are three folders apart, and the catalogue folder, which each
    release replaces whole, holds nothing but a catalogue (or nothing): checked before anything is read or written,
    so that a mistaken setting (PLANS_CATALOG_DIR=raw, the project root, a home folder) never deletes what the
    folder held. Links are followed: two names for one folder are the same folder."""
    named = {
        "warehouse": (warehouse_dir, VARIABLES["warehouse_dir"]),
        **({"catalogue": (catalog_dir, VARIABLES["catalog_dir"])} if catalog_dir is not None else {}),
        **({"source": (raw_dir, VARIABLES["raw_dir"])} if raw_dir is not None else {}),
    }
    real = {role: path.resolve() for role, (path, _) in named.items()}
    roles = list(named)
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            if real[a] == real[b]:
                what = f"the {a} folder and the {b} folder are the same folder"
            elif real[a].is_relative_to(real[b]):
                what = f"the {a} folder lies inside the {b} folder"
            elif real[b].is_relative_to(real[a]):
                what = f"the {b} folder lies inside the {a} folder"
            else:
                continue
            settings = " and ".join(named[r][1] for r in (a, b))
            raise PlanDataError(
                what,
                file=f"{named[a][0]} ({named[a][1]}), {named[b][0]} ({named[b][1]})",
                hint=f"point {settings} at folders apart from one another: a build replaces the catalogue folder "
                "whole and tidies the warehouse folder, so nothing else may live in either; nothing was changed",
            )
    if catalog_dir is not None and catalog_dir.is_dir() and not (catalog_dir / CATALOGUE_MARK).is_file():
        held = sorted(p.name for p in catalog_dir.iterdir())
        if held:
            shown = ", ".join(held[:5]) + (f" and {len(held) - 5} more" if len(held) > 5 else "")
            raise PlanDataError(
                f"the catalogue folder holds files that are not a published catalogue (no {CATALOGUE_MARK}): {shown}",
                file=str(catalog_dir),
                hint=f"each build replaces the catalogue folder whole, so it would delete them: point "
                f"{VARIABLES['catalog_dir']} at a new or empty folder (or at a catalogue this project published), "
                f"or move those files away (a catalogue whose {CATALOGUE_MARK} was deleted: restore it from a backup, "
                "or remove the folder to start its changelog afresh); nothing was changed",
            )


def catalog_lock(catalog_dir: Path) -> Path:
    """The catalogue's lock file, beside the folder (a release replaces the folder whole): `.<name>.build.lock`."""
    return catalog_dir.parent / f".{catalog_dir.name}{LOCK_NAME}"


@contextmanager
def build_lock(warehouse_dir: Path, catalog_dir: Path | None = None, raw_dir: Path | None = None) -> Iterator[None]:
    """Hold the build lock of the warehouse folder and of the catalogue folder (checked first: see
    folders_apart and usable_folders): two builds that share either one cannot run together, even when the other
    differs (two checkouts publishing to one served catalogue)."""
    folders_apart(raw_dir, warehouse_dir, catalog_dir)
    folders = {warehouse_dir: VARIABLES["warehouse_dir"]}
    if catalog_dir is not None:
        folders[catalog_dir] = VARIABLES["catalog_dir"]
    usable_folders(folders)
    with ExitStack() as held:
        held.enter_context(_lock((warehouse_dir / LOCK_NAME).resolve()))
        if catalog_dir is not None:
            held.enter_context(_lock(catalog_lock(catalog_dir.resolve())))
        yield


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive flock on `path`, saying who holds it; taken again at once by the process that holds it."""
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        in_the_way = "a folder, not a file" if path.is_dir() else exc.strerror
        raise PlanDataError(
            f"the build lock cannot be opened: {in_the_way}",
            file=str(path),
            hint="no build ever leaves anything but a small file there: move what is there away (or make the "
            "folder writable for this user), then build again",
        ) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "pid unknown"
            raise BuildRunning(
                f"another build is running ({holder})",
                file=str(path),
                hint="wait for it to finish (the lock is released when it exits), then build again",
            ) from None
        since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {since}".encode(), 0)
        _held[path] = 1
        try:
            yield
        finally:
            del _held[path]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the lock
