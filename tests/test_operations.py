"""Operators' faults on the output folders: two builds at once, folders restored from a copy that followed the
links, a full disk while staging. The published output is never lost or half-replaced, and the message says why."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.lock import LOCK_NAME
from tests.helpers import ROOT, make_raw, relative_digest, run_build, tree_digest

pytestmark = pytest.mark.slow  # whole builds


def _build_process(raw: Path, warehouse: Path, catalog: Path, **more: str) -> subprocess.Popen:
    """`python -m pipelines build` in a process of its own, on these folders (and `more` variables)."""
    env = {
        **os.environ,
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(warehouse),
        "PLANS_CATALOG_DIR": str(catalog),
        **more,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines", "build"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _served(warehouse: Path) -> int:
    con = duckdb.connect(str(warehouse / "plans.duckdb"), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM annex_tasks").fetchone()
        assert row is not None
        return int(row[0])
    finally:
        con.close()


def test_two_builds_started_together_one_publishes_the_other_says_another_is_running(tmp_path):
    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    first = _build_process(raw, wh, cat)
    deadline = time.monotonic() + 120
    while not (wh / LOCK_NAME).exists():  # the first has taken the lock (its first act)
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.05)
    second = _build_process(raw, wh, cat)
    out2, err2 = second.communicate(timeout=600)
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert second.returncode == 1, out2 + err2
    assert "another build is running (pid " in err2 and ", since " in err2, err2
    assert "Traceback" not in err2
    assert _served(wh) == 74


HOLD = """
import sys, time
from pathlib import Path
from pipelines.lock import build_lock
with build_lock(Path(sys.argv[1]), Path(sys.argv[2])):
    Path(sys.argv[3]).touch()
    while not Path(sys.argv[4]).exists():
        time.sleep(0.05)
"""


def test_a_build_into_a_catalogue_another_build_is_publishing_says_so(tmp_path):
    """Two checkouts (two warehouses) publishing one served catalogue: while one holds its folders, the other
    exits at once naming the holder, and publishes nothing."""
    raw = make_raw(tmp_path / "raw")
    cat = tmp_path / "www" / "catalog"
    held, stop = tmp_path / "held", tmp_path / "stop"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / "wh-a"), str(cat), str(held), str(stop)])
    try:
        deadline = time.monotonic() + 60
        while not held.exists():
            assert holder.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        result = run_build(raw, tmp_path / "wh-b", cat)
    finally:
        stop.touch()
        holder.wait(timeout=60)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"another build is running (pid {holder.pid}, since " in result.err, result.err
    assert "catalog.build.lock" in result.err and list(cat.iterdir()) == []  # nothing published
    assert not (tmp_path / "wh-b" / "plans.duckdb").exists()


def test_a_restored_copy_that_followed_the_links_builds_twice(built, tmp_path):
    """A backup or artefact upload copies files, not links: `current`, `plans.duckdb` and `parquet` come back
    as real folders and files. Two builds in a row over the copy both succeed and lay the links again."""
    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["warehouse"], wh, symlinks=False)  # like cp -rL
    shutil.copytree(built["catalog"], cat, symlinks=False)
    assert not (wh / "current").is_symlink() and (wh / "current").is_dir()
    assert not (wh / "plans.duckdb").is_symlink()
    for _ in range(2):
        result = run_build(raw, wh, cat)
        assert result.code == 0, result.err
        assert "Traceback" not in result.err
        assert (wh / "current").is_symlink() and (wh / "plans.duckdb").is_symlink() and (wh / "parquet").is_symlink()
        assert _served(wh) == 74
    versions = [p.name for p in wh.iterdir() if p.name.startswith(".build-")]
    assert len(versions) == 1, versions  # the restored folders and the first build's version were tidied


@pytest.mark.parametrize("which", ["warehouse", "catalog"])
def test_an_output_folder_that_is_a_file_is_refused_by_name_and_the_file_kept(tmp_path, which):
    """A file where an output folder should be (a stray download, a mistyped setting) stops the build before it
    reads anything, naming the path and the setting to change; the file is left as it was."""
    raw = make_raw(tmp_path / "raw")
    folders = {"warehouse": tmp_path / "wh", "catalog": tmp_path / "cat"}
    folders[which].write_text("not a folder\n", encoding="utf-8")
    result = run_build(raw, folders["warehouse"], folders["catalog"])
    assert result.code != 0 and "Traceback" not in result.err
    variable = {"warehouse": "PLANS_WAREHOUSE_DIR", "catalog": "PLANS_CATALOG_DIR"}[which]
    assert f"[file {folders[which]}] the output folder is a file, not a folder" in result.err, result.err
    assert variable in result.err
    assert folders[which].read_text(encoding="utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["raw", folders[which].name]), "nothing else made"


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda text: text[:100], "the published catalog.json is damaged"),
        (lambda text: text.replace('"version": "', '"version": "v', 1), "holds no version of the form"),
    ],
)
def test_a_damaged_catalog_json_stops_the_build_and_keeps_what_is_published(built, tmp_path, damage, message):
    """The published catalog.json carries the version and the changelog that the next release continues; a
    damaged one is named with what to do, rather than silently starting the history again at 1.0.0."""
    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["warehouse"], wh, symlinks=True)
    shutil.copytree(built["catalog"], cat, symlinks=True)
    index = cat / "catalog.json"
    index.write_text(damage(index.read_text(encoding="utf-8")), encoding="utf-8")
    before = tree_digest(wh.resolve() / "current", cat)
    result = run_build(raw, wh, cat)
    assert result.code != 0 and "Traceback" not in result.err
    assert f"[file {index}" in result.err and message in result.err and "restore it from a backup" in result.err
    assert tree_digest(wh.resolve() / "current", cat) == before  # nothing published was touched
    staged = [p for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith(LOCK_NAME)]
    assert not staged, "nothing staged is left behind (the lock file stays, as in the warehouse)"


def test_a_full_disk_while_staging_says_so_and_leaves_the_published_output(built, tmp_path, monkeypatch):
    from pipelines.publish.warehouse import database

    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["warehouse"], wh, symlinks=True)
    shutil.copytree(built["catalog"], cat, symlinks=True)
    before = tree_digest(wh.resolve() / "current", cat)

    def full(tables, folder):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "part.parquet").write_bytes(b"half a file")  # what the disk took before it filled
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "part.parquet"))

    monkeypatch.setattr(database, "write_parquet", full)
    result = run_build(raw, wh, cat)
    assert result.code == 1
    assert "the disk is full" in result.err and "No space left on device" in result.err, result.err
    assert "free some space and build again" in result.err
    assert "Traceback" not in result.err
    assert tree_digest(wh.resolve() / "current", cat) == before
    leftovers = [p.name for p in [*wh.iterdir(), *tmp_path.iterdir()] if "staging" in p.name]
    assert not leftovers, leftovers


@pytest.mark.parametrize("which", ["warehouse", "catalog"])
def test_a_folder_where_the_build_lock_goes_is_named_not_a_traceback(built, tmp_path, which):
    """A folder in the lock file's place (a restore tool, a mistaken mkdir) stops the build at once with the path
    and what to do; nothing published is touched."""
    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["warehouse"], wh, symlinks=True)
    shutil.copytree(built["catalog"], cat, symlinks=True)
    before = tree_digest(wh.resolve() / "current", cat)
    lock = {"warehouse": wh / LOCK_NAME, "catalog": tmp_path / f".cat{LOCK_NAME}"}[which]
    lock.unlink(missing_ok=True)
    lock.mkdir()
    result = run_build(raw, wh, cat)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert f"[file {lock}] the build lock cannot be opened: a folder, not a file" in result.err, result.err
    assert "move what is there away" in result.err
    assert tree_digest(wh.resolve() / "current", cat) == before


# raw, warehouse, catalogue (from tmp_path), and what the build says; a mistaken setting that would have the
# release of the catalogue (a rename over the folder) delete the sources, the warehouse or a person's files
OVERLAPS = {
    "catalogue is the sources": ("raw", "wh", "raw", "the catalogue folder and the source folder are the same folder"),
    "catalogue holds the sources": ("out/raw", "wh", "out", "the source folder lies inside the catalogue folder"),
    "warehouse is the catalogue": ("raw", "out", "out", "the warehouse folder and the catalogue folder are the same"),
    "catalogue holds the warehouse": ("raw", "out/wh", "out", "the warehouse folder lies inside the catalogue folder"),
    "warehouse holds the sources": ("wh/raw", "wh", "cat", "the source folder lies inside the warehouse folder"),
}


@pytest.mark.parametrize("case", OVERLAPS)
def test_output_folders_that_overlap_the_sources_or_each_other_are_refused_before_anything_is_touched(tmp_path, case):
    """The catalogue folder is replaced whole at every release: pointed at the sources (PLANS_CATALOG_DIR=raw)
    it used to publish over them and delete the plans' texts. Any two of the three folders that are one, or one
    inside the other, stop the build at once, naming both settings; every file stays as it was."""
    raw_at, wh_at, cat_at, message = OVERLAPS[case]
    raw = make_raw(tmp_path / raw_at)
    before = tree_digest(tmp_path)
    result = run_build(raw, tmp_path / wh_at, tmp_path / cat_at)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert message in result.err, result.err
    assert "nothing was changed" in result.err
    assert tree_digest(tmp_path) == before


def test_a_catalogue_folder_with_other_files_is_refused_and_the_files_kept(built, tmp_path):
    """A catalogue folder that holds no catalog.json is not a catalogue this project published (a home folder, the
    project's root, a published catalogue whose index was deleted): the release would delete what it holds, so
    the build stops and lists it. An empty folder is fine, and so is a published catalogue."""
    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["catalog"], cat, symlinks=True)
    (cat / "catalog.json").unlink()
    (cat / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = tree_digest(cat)
    result = run_build(raw, wh, cat)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert f"[file {cat}] the catalogue folder holds files that are not a published catalogue" in result.err
    assert "achieved, actions, all" in result.err and "restore it from a backup" in result.err
    assert tree_digest(cat) == before
    assert not wh.exists(), "checked before any folder is made"


def test_ctrl_c_while_publishing_stops_the_build_and_keeps_what_is_published(built, tmp_path):
    """Ctrl-C while publishing used to end in a class name ("DagsterExecutionInterruptedError", or DuckDB's "Query
    interrupted"), and while the pages were rendered it was swallowed: Python printed "Exception ignored" and the
    build went on to publish (that part is tested in test_parallel). Now the build stops with the shell's code
    for Ctrl-C, says so in one line, leaves the published output as it was and nothing staged behind."""
    import signal

    raw = make_raw(tmp_path / "raw")
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["warehouse"], wh, symlinks=True)
    shutil.copytree(built["catalog"], cat, symlinks=True)
    before = tree_digest(wh.resolve() / "current", cat)
    build = _build_process(raw, wh, cat)
    assert build.stdout is not None
    for line in build.stdout:
        if "task_progress_step" in line:  # the last step before publishing: the publishing step starts now
            time.sleep(1.0)  # into the staging (a second: well before it ends, on a fast machine too)
            build.send_signal(signal.SIGINT)
            break
    out, err = build.communicate(timeout=300)
    assert build.returncode == 130, out + err
    assert "publish: interrupted (Ctrl-C or a stop signal) before it finished" in err, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert tree_digest(wh.resolve() / "current", cat) == before
    leftovers = [p.name for p in [*wh.iterdir(), *tmp_path.iterdir()] if "staging" in p.name or "-old-" in p.name]
    assert not leftovers, leftovers


def test_ctrl_c_while_the_build_starts_says_so_in_one_line(tmp_path):
    """Ctrl-C in the first second, while Python loads dagster and the project, ended in a KeyboardInterrupt
    traceback of the import machinery. It now ends like a Ctrl-C at any other moment: one line, the shell's code."""
    import signal

    build = _build_process(make_raw(tmp_path / "raw"), tmp_path / "wh", tmp_path / "cat")
    time.sleep(0.5)  # the interpreter is up; dagster and the project take seconds to load
    build.send_signal(signal.SIGINT)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 130, out + err
    assert "Traceback" not in err and err.strip().count("\n") == 0 and "interrupted (Ctrl-C)" in err, err
    assert not (tmp_path / "cat").exists() or not any((tmp_path / "cat").iterdir())


@pytest.mark.parametrize("value", ["abc", "1.5", "-5", "99999999999999", "²", "١٤٨٠٩٨٢٤٠٠"])
def test_a_source_date_epoch_that_is_not_one_is_refused_at_once(tmp_path, monkeypatch, value):
    """SOURCE_DATE_EPOCH dates a reproducible build; a value that is no date ended the build in its publishing step
    with `ValueError: invalid literal for int()`. It is now refused before anything is built, naming it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run_build(make_raw(tmp_path / "raw"), tmp_path / "wh", tmp_path / "cat")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"SOURCE_DATE_EPOCH is {value!r}, not a whole number of seconds" in result.err, result.err
    assert "document_tables" not in result.out  # said before the documents were built
    assert not (tmp_path / "cat" / "catalog.json").exists()


def test_a_person_s_files_at_the_top_of_the_catalogue_are_kept_by_every_release(built, tmp_path):
    """A CNAME and .nojekyll for GitHub Pages, or a folder of one's own, put at the top of the published catalogue
    were deleted without a word by the next build (the release replaces the folder). They are carried into each
    release; everything else is the build's, as a fresh build makes it."""
    wh, cat = tmp_path / "wh", tmp_path / "cat"
    shutil.copytree(built["warehouse"], wh, symlinks=True)
    shutil.copytree(built["catalog"], cat, symlinks=True)
    mine = {"CNAME": b"plans.example.org\n", ".nojekyll": b"", ".well-known/security.txt": b"Contact: x@example.org\n"}
    for name, data in mine.items():
        (cat / name).parent.mkdir(parents=True, exist_ok=True)
        (cat / name).write_bytes(data)
    raw = make_raw(tmp_path / "raw")
    for _ in range(2):  # and again, from the release that carried them
        result = run_build(raw, wh, cat)
        assert result.code == 0, result.err
        assert {n: (cat / n).read_bytes() for n in mine} == mine
    theirs = {k: v for k, v in relative_digest(cat).items() if k not in mine}
    assert theirs == relative_digest(built["catalog"])


def test_a_console_that_cannot_show_chinese_gets_the_build_s_lines_escaped(tmp_path):
    """With PYTHONIOENCODING=ascii (or a Latin-1 terminal) the build's first line ended in a UnicodeEncodeError
    traceback. Its lines now come with such characters escaped; here a refusal that quotes a Chinese id."""
    raw = make_raw(tmp_path / "raw", entry_updates={"document_id": "十三五"})
    build = _build_process(raw, tmp_path / "wh", tmp_path / "cat", PYTHONIOENCODING="ascii")
    _, err = build.communicate(timeout=300)
    assert err.isascii(), err  # nothing but ASCII came out
    assert build.returncode == 1 and "Traceback" not in err, err
    assert "document_id '\\u5341\\u4e09\\u4e94' is not lower-case ASCII" in err, err


@pytest.mark.parametrize("fault", ["no such folder", "a file", "units.csv missing"])
def test_a_vocabulary_folder_or_file_that_is_not_there_is_named(tmp_path, fault):
    """PLANS_VOCAB_DIR pointed at nothing or at a file, or a copy lacking one of its files, ended in a traceback
    (FileNotFoundError while Python loaded the table declarations). Each now ends in one refusal naming it."""
    vocab = tmp_path / "vocab"
    if fault == "a file":
        vocab.write_text("x", encoding="utf-8")
    elif fault == "units.csv missing":
        shutil.copytree(ROOT / "schemas" / "vocab", vocab)
        (vocab / "units.csv").unlink()
    build = _build_process(make_raw(tmp_path / "raw"), tmp_path / "wh", tmp_path / "cat", PLANS_VOCAB_DIR=str(vocab))
    _, err = build.communicate(timeout=300)
    assert build.returncode == 1 and "Traceback" not in err, err
    named = {
        "no such folder": f"{vocab} (PLANS_VOCAB_DIR) does not exist",
        "a file": f"{vocab} (PLANS_VOCAB_DIR) is a file",
    }
    said = named.get(fault, f"the vocabulary file {vocab / 'units.csv'} cannot be read")
    assert said in err and "VocabularyMissing" not in err, err
    assert not (tmp_path / "cat" / "catalog.json").exists()
