"""Rebuilding while analysts read: nobody blocks, nobody sees half a database, nobody loses their view.

DuckDB takes a POSIX advisory lock (fcntl) on the database file for every connection, a shared one
for read-only. An update in place would therefore fail while anyone reads ("Could not set lock on
file"); the build instead writes a new file and renames it over the published path. rename(2)
ignores advisory locks and leaves the reader's open inode intact, so on Linux:

- an open read-only connection keeps reading the old file until it disconnects,
- a connection opened after the rename reads the new file,
- a connection opened during the build reads one whole file, old or new, never a mix.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import yaml

from pipelines.lock import LOCK_NAME

pytestmark = pytest.mark.slow  # builds and readers in other processes

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "cn-13th-fyp-informatization-2016.txt"
# A table cell, not prose: every prose text has a reviewed translation keyed by its hash, so changing one
# would (rightly) stop the build as a stale translation.
ORIGINAL_PHRASE, CHANGED_PHRASE = "40 70 〔30〕", "40 71 〔31〕"
CHANGED_SQL = (
    "SELECT count(*) FROM indicator_values WHERE table_id = 'targets_13th' AND indicator_no = 6 AND raw_text = '71'"
)
READ_FOR_AT_MOST = 60.0  # seconds: a safety net; the readers stop half a second after the rebuild ends

READER = r"""
import json, os, sys, time
import duckdb

path, mode, ready, stop, limit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
deadline = time.monotonic() + limit
rounds, errors, queries = [], [], 0


def one_round(con):
    # Several statements in one transaction: a snapshot of one whole database file.
    con.execute("BEGIN TRANSACTION")
    sha = con.execute("SELECT source_sha256 FROM documents").fetchone()[0]
    changed = con.execute("@CHANGED_SQL@").fetchone()[0]
    led = con.execute("SELECT tasks_led FROM department_workload WHERE department_id = 'cac'").fetchone()[0]
    heavy = con.execute("SELECT sum(length(text_zh)) FROM paragraphs, range(300)").fetchone()[0]
    con.execute("COMMIT")
    return sha, changed, led, heavy


con = duckdb.connect(path, read_only=True) if mode == "hold" else None
open(ready, "w").close()
while time.monotonic() < deadline and not os.path.exists(stop):
    try:
        if mode == "reopen":
            con = duckdb.connect(path, read_only=True)
        sha, changed, led, heavy = one_round(con)
        queries += 4
        rounds.append([time.time(), sha, changed, led, heavy])
        if mode == "reopen":
            con.close()
        time.sleep(0.05)  # leave the build most of the CPU: the point is to overlap it, not to starve it
    except Exception as exc:  # every error is a failure of the test: report it, keep going
        errors.append(f"{time.time():.3f} {type(exc).__name__}: {exc}")
        time.sleep(0.01)
print(json.dumps({"mode": mode, "queries": queries, "rounds": rounds, "errors": errors}))
""".replace("@CHANGED_SQL@", CHANGED_SQL)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def modified_raw(tmp: Path) -> Path:
    """A copy of raw/ with one table cell changed and the manifest's sha256 updated to match."""
    raw = tmp / "raw-modified"
    shutil.copytree(ROOT / "raw", raw)
    text_file = raw / SOURCE
    text = text_file.read_text(encoding="utf-8")
    assert text.count(ORIGINAL_PHRASE) == 1, (
        f"raw/{SOURCE} no longer holds {ORIGINAL_PHRASE!r} once: pick another phrase"
    )
    old_sha = sha256(text_file)
    text_file.write_text(text.replace(ORIGINAL_PHRASE, CHANGED_PHRASE), encoding="utf-8")
    new_sha = sha256(text_file)
    manifest = raw / "sources.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old_sha, new_sha), encoding="utf-8")
    entry = next(d for d in yaml.safe_load(manifest.read_text(encoding="utf-8"))["documents"] if d["path"] == SOURCE)
    assert entry["sha256"] == new_sha == sha256(text_file) != old_sha
    return raw


def build(raw: Path, warehouse: Path, catalog: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(warehouse),
        "PLANS_CATALOG_DIR": str(catalog),
    }
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def read_in_subprocess(db: Path, sql: str) -> list:
    """A brand-new process, so DuckDB's per-process instance cache cannot hand back an old file."""
    code = (
        "import duckdb, json, sys; "
        "print(json.dumps(duckdb.connect(sys.argv[1], read_only=True).execute(sys.argv[2]).fetchall()))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db), sql], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_rebuild_while_readers_query(built, tmp_path):
    warehouse, catalog = tmp_path / "warehouse", tmp_path / "catalog"
    db = warehouse / "plans.duckdb"
    # the published build of raw/ the readers start on: the suite's shared build, copied with its links
    shutil.copytree(built["warehouse"], warehouse, symlinks=True)
    shutil.copytree(built["catalog"], catalog, symlinks=True)
    old_sha, new_raw = sha256(ROOT / "raw" / SOURCE), modified_raw(tmp_path)
    new_sha = sha256(new_raw / SOURCE)
    old_inode = db.stat().st_ino

    stop = tmp_path / "stop"
    readers = {}
    for mode in ("hold", "reopen"):
        ready = tmp_path / f"ready-{mode}"
        readers[mode] = (
            ready,
            subprocess.Popen(
                [sys.executable, "-c", READER, str(db), mode, str(ready), str(stop), str(READ_FOR_AT_MOST)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    try:
        waited = time.monotonic()
        while not all(ready.exists() for ready, _ in readers.values()):
            assert time.monotonic() - waited < 15, "the readers did not start"
            time.sleep(0.05)
        time.sleep(0.3)  # both readers are querying the old file

        started = time.time()
        second = build(new_raw, warehouse, catalog)
        finished = time.time()
        time.sleep(0.5)  # let the readers run against the new file too
    finally:
        stop.touch()
        results = {}
        for mode, (_, proc) in readers.items():
            out, err = proc.communicate(timeout=READ_FOR_AT_MOST + 30)
            assert proc.returncode == 0, f"{mode} reader crashed:\n{err}"
            results[mode] = json.loads(out)

    assert second.returncode == 0, (
        f"the rebuild failed while readers held the database:\n{second.stdout}\n{second.stderr}"
    )
    assert db.stat().st_ino != old_inode, "the rebuild did not replace the file"
    for mode, result in results.items():
        assert result["errors"] == [], f"{mode} reader hit errors during the rebuild: {result['errors'][:5]}"

    during = {
        mode: sum(1 for r in result["rounds"] if started <= r[0] <= finished) * 4 for mode, result in results.items()
    }
    print(
        f"\nrebuild took {finished - started:.2f}s; queries during it: {during}; "
        f"in all: { {m: r['queries'] for m, r in results.items()} }"
    )

    # The analyst holding the database open kept a whole, unchanged database throughout.
    hold = results["hold"]["rounds"]
    assert hold[-1][0] > finished, (
        f"the rebuild ({finished - started:.1f}s) outlasted the readers' "
        f"{READ_FOR_AT_MOST:.0f}s: nothing was read after it"
    )
    assert during["hold"] >= 20
    assert {(r[1], r[2]) for r in hold} == {(old_sha, 0)}
    assert len({(r[3], r[4]) for r in hold}) == 1

    # Connections opened meanwhile saw a whole old file, then from some moment on the whole new one.
    reopen = results["reopen"]["rounds"]
    assert during["reopen"] >= 4
    shas = [r[1] for r in reopen]
    assert set(shas) == {old_sha, new_sha}, "the reopening reader never saw the new build"
    switch = shas.index(new_sha)
    assert all(s == old_sha for s in shas[:switch]) and all(s == new_sha for s in shas[switch:])
    assert all(r[2] == (1 if r[1] == new_sha else 0) for r in reopen), "a snapshot mixed old and new data"
    assert started <= reopen[switch][0]

    # Afterwards a new connection sees the new data, and nothing of the build is left lying around.
    assert read_in_subprocess(db, "SELECT source_sha256 FROM documents") == [[new_sha]]
    assert read_in_subprocess(db, CHANGED_SQL) == [[1]]
    names = sorted(p.name for p in warehouse.iterdir())
    names = [n for n in names if n != LOCK_NAME]  # the build lock's file stays (unlocked) between builds
    assert names[1:] == ["current", "parquet", "plans.duckdb"] and names[0].startswith(".build-"), names


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads Linux's /proc/locks")
def test_a_read_only_lock_blocks_an_in_place_writer_but_not_the_rename(tmp_path):
    """Why the build never opens the published file: DuckDB's lock would stop it, a rename is not stopped."""
    db = tmp_path / "plans.duckdb"
    for path, value in ((db, "old"), (tmp_path / "new.duckdb", "new")):
        with duckdb.connect(str(path)) as con:
            con.execute(f"CREATE TABLE t AS SELECT '{value}' AS v")
    old_inode = db.stat().st_ino

    reader = duckdb.connect(str(db), read_only=True)
    try:
        locks = [line.split() for line in Path("/proc/locks").read_text().splitlines()]
        mine = [f for f in locks if f[4] == str(os.getpid()) and f[5].endswith(f":{old_inode}")]
        assert mine and mine[0][1:4] == ["POSIX", "ADVISORY", "READ"], locks

        writer = subprocess.run(
            [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1])", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert writer.returncode != 0 and "Could not set lock" in writer.stderr

        t0 = time.monotonic()
        os.replace(tmp_path / "new.duckdb", db)
        assert time.monotonic() - t0 < 1.0
        assert reader.execute("SELECT v FROM t").fetchall() == [("old",)]  # still the old inode
        assert read_in_subprocess(db, "SELECT v FROM t") == [["new"]]
        writer = subprocess.run(
            [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert writer.returncode == 0, "the new file should carry no lock: " + writer.stderr
    finally:
        reader.close()
