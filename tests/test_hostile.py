"""Hostile input: every bad file fails with a message naming where and what, and the previously
published warehouse and catalogue stay byte-for-byte unchanged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipelines.process import process_documents
from tests.helpers import DOC_ID, PLAN_FILE, make_raw, run_build, seed_bytes, seed_text, tree_digest


@pytest.fixture(scope="module")
def published(built, tmp_path_factory):
    """A copy of the session's good build, which every hostile build below must leave untouched."""
    root = tmp_path_factory.mktemp("published")
    for folder in ("warehouse", "catalog"):
        shutil.copytree(built[folder], root / folder)
    return root


def _fails(published: Path, raw: Path, *fragments: str) -> str:
    before = tree_digest(published / "warehouse", published / "catalog")
    result = run_build(raw, published / "warehouse", published / "catalog")
    assert result.code != 0, result.out
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in:\n{result.err}"
    assert tree_digest(published / "warehouse", published / "catalog") == before
    leftovers = [
        p.name for p in list((published / "warehouse").iterdir()) + list(published.iterdir()) if "staging" in p.name
    ]
    assert not leftovers
    return result.err


def _replace_line(no: int, old: str, new: str) -> bytes:
    lines = seed_text().split("\n")
    assert old in lines[no - 1], lines[no - 1]
    lines[no - 1] = lines[no - 1].replace(old, new)
    return "\n".join(lines).encode("utf-8")


def test_truncated_mid_paragraph(published, tmp_path):
    data = seed_bytes()[: len(seed_bytes()) // 2]
    cut = data.decode("utf-8", errors="ignore").rstrip().encode("utf-8")
    _fails(published, make_raw(tmp_path / "raw", cut), PLAN_FILE, "mid-paragraph", "truncated")


def test_truncated_at_a_paragraph_end(tmp_path):
    """A text cut after box 16 reads as a plan without priority actions, measures or annex: it is published with a
    warning per missing part (a cut text and a shorter plan look alike; the warnings say which parts are absent)."""
    lines = seed_text().split("\n")[:1613]
    result = run_build(make_raw(tmp_path / "raw", "\n".join(lines).encode()), tmp_path / "wh", tmp_path / "cat")
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if "WARN  check [" in x and "plan_documents.complete failed" in x)
    for table in ("priority_actions", "annex_tasks"):
        assert table in line


def test_empty_file(published, tmp_path):
    _fails(published, make_raw(tmp_path / "raw", b""), PLAN_FILE, "file is empty")


def test_whitespace_only_file(published, tmp_path):
    _fails(published, make_raw(tmp_path / "raw", b" \n\n  \r\n"), PLAN_FILE, "file is empty")


def test_binary_bytes(published, tmp_path):
    blob = bytes(range(256)) * 64
    _fails(published, make_raw(tmp_path / "raw", blob), PLAN_FILE, "not valid utf-8", "gb18030")


def test_nul_bytes_in_otherwise_valid_utf8(published, tmp_path):
    _fails(
        published,
        make_raw(tmp_path / "raw", seed_bytes()[:5000] + b"\x00\x00" + seed_bytes()[5000:]),
        PLAN_FILE,
        "NUL bytes",
        "binary",
    )


def test_gb18030_file_undeclared_is_refused(published, tmp_path):
    _fails(
        published,
        make_raw(tmp_path / "raw", seed_text().encode("gb18030")),
        PLAN_FILE,
        "not valid utf-8",
        "declare `encoding: gb18030`",
    )


@pytest.mark.slow  # a whole build that succeeds
def test_gb18030_file_declared_is_decoded(tmp_path, tables):
    """Decision: a GBK/GB18030 file is decoded when the manifest declares it, and gives the same tables."""
    raw = make_raw(tmp_path / "raw", seed_text().encode("gb18030"), entry_updates={"encoding": "gb18030"})
    result = run_build(raw, tmp_path / "warehouse", tmp_path / "catalog")
    assert result.code == 0, result.err
    got = pd.read_parquet(tmp_path / "warehouse" / "parquet" / "annex_tasks.parquet")
    assert got.task_zh.tolist() == tables["annex_tasks"].task_zh.tolist()


def test_missing_indicator_row(published, tmp_path):
    lines = seed_text().split("\n")
    assert lines[438].startswith("6.固定宽带家庭普及率")
    del lines[438:440]
    _fails(
        published,
        make_raw(tmp_path / "raw", "\n".join(lines).encode()),
        "table indicators",
        "targets_13th #7",
        "indicator number 7 where 6 was expected",
    )


def test_duplicated_annex_row_number(published, tmp_path):
    data = _replace_line(2337, " 5 ", " 4 ")
    _fails(published, make_raw(tmp_path / "raw", data), "table annex_tasks", "序号 4", "line 2337", "appears twice")


@pytest.mark.parametrize("garbled", ["7O", "3八", "1,2"])
def test_garbled_number(published, tmp_path, garbled):
    data = _replace_line(439, "40 70 〔30〕", f"40 {garbled} 〔30〕")
    _fails(
        published,
        make_raw(tmp_path / "raw", data),
        "table indicators",
        "targets_13th #6",
        "line 439",
        "target_2020",
        repr(garbled),
    )


def test_sha256_no_longer_matches(published, tmp_path):
    raw = make_raw(tmp_path / "raw", _replace_line(439, "40 70", "40 71"), fix_sha=False)
    _fails(published, raw, PLAN_FILE, "sha256", "the file changed")


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd", "sub/../../outside.txt"])
def test_manifest_path_outside_raw(published, tmp_path, path):
    raw = make_raw(tmp_path / "raw", entry_updates={"path": path})
    _fails(published, raw, "sources.yaml", repr(path))


def test_a_manifest_path_naming_a_folder_is_said_as_such(published, tmp_path):
    raw = make_raw(tmp_path / "raw", entry_updates={"path": "sub"})
    (raw / "sub").mkdir()
    _fails(published, raw, "raw/sub", "names a folder, not a file")


def test_symlink_out_of_raw(published, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(seed_bytes())
    raw = make_raw(tmp_path / "raw", entry_updates={"path": "link.txt"})
    os.symlink(outside, raw / "link.txt")
    _fails(published, raw, "sources.yaml", "points outside raw/")


@pytest.mark.parametrize("doc_id", ["my plan", "a/b", "十三五规划", "../x", ""])
def test_bad_document_id(published, tmp_path, doc_id):
    raw = make_raw(tmp_path / "raw", entry_updates={"document_id": doc_id})
    _fails(published, raw, "sources.yaml")


@pytest.mark.slow  # a whole build that succeeds
def test_very_long_line(tmp_path):
    """A 300 000-character paragraph after the preamble is read whole; having no reviewed English, it is published
    pending review, the review queue naming its line (and nothing fails)."""
    long_paragraph = "信息化" * 100_000 + "。 "
    lines = seed_text().split("\n")
    lines[41:41] = ["", long_paragraph]
    batch = process_documents(make_raw(tmp_path / "raw", "\n".join(lines).encode()), [DOC_ID])
    outcome = batch.outcomes[DOC_ID]
    assert outcome.error is None and outcome.model is not None
    assert max(len(p.text) for p in outcome.model.paragraphs) == 300_001
    assert outcome.failures == []
    assert outcome.review is not None
    assert [(i.kind, i.line, len(i.zh)) for i in outcome.review.items] == [("translation", 43, 300_001)]


def test_blocking_schema_check_names_table_row_and_line(published, tmp_path, monkeypatch):
    """Reviewed data that would be wrong stops the release, and the message says where: here a reviewed English
    text that lost a figure of its Chinese (the check figures_kept on paragraphs)."""
    from pipelines.extract import translation

    folder = tmp_path / "translations"
    shutil.copytree(translation.TRANSLATIONS_DIR, folder)
    path = folder / f"{DOC_ID}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("6.88") >= 1
    path.write_text(text.replace("688 million", "680 million", 1), encoding="utf-8")
    monkeypatch.setattr(translation, "TRANSLATIONS_DIR", folder)
    translation.translations.cache_clear()
    translation.memory.cache_clear()
    try:
        err = _fails(
            published, make_raw(tmp_path / "raw"), "paragraphs.schema", "figures_kept", "p0009", "source line 55"
        )
    finally:
        translation.translations.cache_clear()
        translation.memory.cache_clear()
    assert "release" not in err.split("build FAILED")[0]


@pytest.mark.parametrize("key", ["path", "documents"])
def test_a_manifest_key_given_twice_is_refused_naming_it(published, tmp_path, key):
    """A key twice in one entry, or a second `documents:` list, would silently replace the first: refused."""
    raw = make_raw(tmp_path / "raw")
    lines = (raw / "sources.yaml").read_text(encoding="utf-8").split("\n")
    if key == "path":
        at = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("path: cn-13th"))
        lines.insert(at, lines[at].replace("cn-13th", "other-cn-13th"))
    else:
        lines += ["documents:", "- document_id: second-list"]
    (raw / "sources.yaml").write_text("\n".join(lines), encoding="utf-8")
    err = _fails(published, raw, "sources.yaml", f"key {key!r} appears twice", "again at line")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "state, said",
    [
        ("the folder a file", "is a file, not a folder"),
        ("no such folder", "does not exist"),
        ("sources.yaml a folder", "sources.yaml is a folder, not a file"),
        ("no sources.yaml", "manifest not found"),
    ],
)
def test_a_sources_folder_that_is_not_one_is_named_as_such(published, tmp_path, state, said):
    """PLANS_RAW_DIR pointed at a file or at nothing, or the manifest's path taken by a folder: each said as it
    is, not all as 'manifest not found'."""
    raw = tmp_path / "raw"
    if state == "the folder a file":
        raw.write_bytes(seed_bytes())
    elif state == "sources.yaml a folder":
        (raw / "sources.yaml").mkdir(parents=True)
    elif state == "no sources.yaml":
        raw.mkdir()
    err = _fails(published, raw, said)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text, said, line",
    [
        ("- document_id: a\n- document_id: b\n", "holds a list at its top", None),
        ("", "holds nothing at its top", None),
        ("docs:\n  - document_id: a\n", "has no `documents:` list (its keys: docs)", None),
        ("documents:\n", "`documents:` is empty", None),
        ("documents:\n  document_id: a\n", "`documents:` is a mapping, not a list", None),
        ("# the plans\ndocuments:\n  - document_id: a\n", "entry 1 lacks path", 3),
        ("documents:\n  - just a line\n", "entry 1 is not a mapping", 2),
    ],
)
def test_a_manifest_of_another_shape_says_what_it_holds(published, tmp_path, text, said, line):
    """A manifest that is not a mapping with a list of entries says what it holds instead; an entry's problem
    names the line the entry starts on."""
    raw = make_raw(tmp_path / "raw")
    (raw / "sources.yaml").write_text(text, encoding="utf-8")
    err = _fails(published, raw, "sources.yaml", said)
    assert (f"sources.yaml, line {line}]" in err) if line else ("sources.yaml]" in err), err
