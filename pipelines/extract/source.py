"""Read the manifest and the raw files it names, refusing anything that is not what it claims to be."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.errors import PlanDataError
from pipelines.settings import DEFAULTS, VARIABLES
from schemas.vocabulary import UniqueKeyLoader

MANIFEST = "sources.yaml"
DOCUMENT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = (
    "document_id",
    "path",
    "sha256",
    "title_zh",
    "title_en",
    "issuer_zh",
    "issuer_en",
    "document_number",
    "issued_date",
    "origin_url",
    "terms_of_use",
)
ENCODINGS = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "gb18030": "gb18030", "gbk": "gb18030"}
# How a file is read: `text` (PDF text or a web copy; the layout is told from the text itself) or `html`
# (the web page as published, read with an HTML parser).
FORMATS = ("text", "html")


@dataclass(frozen=True)
class SourceDocument:
    """One verified source file with its manifest entry."""

    document_id: str
    path: str  # relative to raw/
    sha256: str
    text: str
    meta: dict
    display_path: str | None = None  # how messages name the file, where it is not raw/<path> (inspect)

    @property
    def shown(self) -> str:
        """The file as messages name it: raw/<path> for a source of the manifest, else the path given."""
        return self.display_path or f"raw/{self.path}"

    @property
    def lines(self) -> list[str]:
        return split_lines(self.text)

    @property
    def format(self) -> str:
        return str(self.meta.get("format") or "text").lower()


def split_lines(text: str) -> list[str]:
    """Lines as the file numbers them, whatever the line ending (LF, CRLF or CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def load_manifest_yaml(manifest: Path):
    """The manifest's YAML, read with a loader that refuses duplicate keys, naming the key and its lines."""
    try:
        return yaml.load(manifest.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506 (a safe loader)
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise PlanDataError(str(exc.problem), file=str(manifest), line=line, hint="keep one of the two") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PlanDataError(f"manifest is not valid UTF-8 YAML: {exc}", file=str(manifest)) from exc


def _folder_problem(raw_dir: Path, manifest: Path) -> PlanDataError | None:
    """What is wrong with the sources folder or its manifest's path, said as such, or None."""
    variable = VARIABLES["raw_dir"]
    setting = f"the sources folder ({variable}, {DEFAULTS[variable]}/ by default)"
    if raw_dir.is_file():
        return PlanDataError(
            f"{setting} is a file, not a folder",
            file=str(raw_dir),
            hint=f"point {variable} at the folder of {MANIFEST}",
        )
    if not raw_dir.is_dir():
        return PlanDataError(
            f"{setting} does not exist",
            file=str(raw_dir),
            hint=f"point {variable} at the folder of {MANIFEST}, or create the folder with one",
        )
    if manifest.is_dir():
        return PlanDataError(f"the manifest {MANIFEST} is a folder, not a file", file=str(manifest))
    if not manifest.is_file():
        return PlanDataError(
            "manifest not found", file=str(manifest), hint=f"create {manifest} listing each document under `documents:`"
        )
    return None


def _kind_of(value) -> str:
    """What a YAML value is, in a manifest author's words."""
    if value is None:
        return "nothing"
    kinds = {
        dict: "a mapping",
        list: "a list",
        str: "a text",
        bool: "a yes/no value",
        int: "a number",
        float: "a number",
    }
    return kinds.get(type(value), f"a {type(value).__name__}")


def _entry_lines(manifest: Path) -> list[int]:
    """The line on which each entry of the manifest's `documents:` list starts (for the messages)."""
    node = yaml.compose(manifest.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506 (a safe loader)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "documents" and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def read_manifest(raw_dir: Path) -> list[dict]:
    manifest = raw_dir / MANIFEST
    problem = _folder_problem(raw_dir, manifest)
    if problem:
        raise problem
    data = load_manifest_yaml(manifest)
    if not isinstance(data, dict):
        raise PlanDataError(
            f"the manifest holds {_kind_of(data)} at its top, not a mapping with a `documents:` list",
            file=str(manifest),
            hint="write `documents:` on the first line and each document as an entry (`- document_id: …`) under it",
        )
    entries = data.get("documents")
    if "documents" not in data:
        raise PlanDataError(
            f"the manifest has no `documents:` list (its keys: {', '.join(map(str, data)) or 'none'})",
            file=str(manifest),
            hint="list each document under `documents:`",
        )
    if not isinstance(entries, list) or not entries:
        kind = "empty" if isinstance(entries, list) or entries is None else f"{_kind_of(entries)}, not a list"
        raise PlanDataError(
            f"the manifest's `documents:` is {kind}", file=str(manifest), hint="add entries under `documents:`"
        )
    lines = _entry_lines(manifest)
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        line = lines[i - 1] if len(lines) >= i else None
        if not isinstance(entry, dict):
            raise PlanDataError(f"entry {i} is not a mapping", file=str(manifest), line=line)
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            raise PlanDataError(f"entry {i} lacks {', '.join(missing)}", file=str(manifest), line=line)
        doc_id = str(entry["document_id"])
        if not DOCUMENT_ID.match(doc_id):
            raise PlanDataError(
                f"document_id {doc_id!r} is not lower-case ASCII words joined by hyphens",
                file=str(manifest),
                line=line,
                hint="use an id such as cn-13th-fyp-informatization-2016",
            )
        if doc_id in seen:
            raise PlanDataError(f"document_id {doc_id!r} is listed twice", file=str(manifest), line=line)
        seen.add(doc_id)
        if isinstance(entry["issued_date"], str):
            try:
                entry["issued_date"] = dt.date.fromisoformat(entry["issued_date"])
            except ValueError as exc:
                raise PlanDataError(
                    f"issued_date of {doc_id} is not YYYY-MM-DD", file=str(manifest), line=line
                ) from exc
    return entries


def resolve_inside(raw_dir: Path, rel: str, manifest: Path) -> Path:
    """The file a manifest path names, refusing anything that leaves raw/ (.., absolute, symlinks)."""
    if not rel or Path(rel).is_absolute() or "\\" in rel:
        raise PlanDataError(f"path {rel!r} must be relative to raw/", file=str(manifest))
    root = raw_dir.resolve()
    target = (raw_dir / rel).resolve()
    if root != target and root not in target.parents:
        raise PlanDataError(
            f"path {rel!r} points outside raw/ (to {target})",
            file=str(manifest),
            hint="keep every source file inside raw/",
        )
    return target


OUTCOME_TABLE = "outcome_figures"  # what a file under `outcomes:` feeds, unless its entry names another `table`


def read_outcome_files(raw_dir: Path, table: str = OUTCOME_TABLE) -> list[tuple[dict, str]]:
    """(manifest entry, verified text) of every file under `outcomes:` in raw/sources.yaml that feeds `table` (its
    entry's `table:`, outcome_figures by default); none is fine."""
    manifest = raw_dir / MANIFEST
    data = load_manifest_yaml(manifest) if manifest.is_file() else None
    entries = (data or {}).get("outcomes") or []
    out = []
    for i, entry in enumerate(entries, 1):
        missing = [k for k in ("path", "sha256", "document_id") if k not in (entry or {})]
        if missing:
            raise PlanDataError(f"outcomes entry {i} lacks {', '.join(missing)}", file=str(manifest))
        if entry.get("table", OUTCOME_TABLE) == table:
            out.append((entry, load_source(raw_dir, entry).text))
    return out


def load_source(raw_dir: Path, entry: dict) -> SourceDocument:
    manifest = raw_dir / MANIFEST
    rel = str(entry["path"])
    path = resolve_inside(raw_dir, rel, manifest)
    shown = f"raw/{rel}"
    if path.is_dir():
        raise PlanDataError(
            "the manifest's path names a folder, not a file", file=shown, hint="give the path of the document's file"
        )
    if not path.is_file():
        raise PlanDataError("file listed in the manifest does not exist", file=shown)
    data = path.read_bytes()
    if not data.strip():
        raise PlanDataError("file is empty", file=shown, hint="restore the document's text")
    digest = hashlib.sha256(data).hexdigest()
    if digest != str(entry["sha256"]).lower():
        raise PlanDataError(
            f"sha256 is {digest}, the manifest says {entry['sha256']}: the file changed",
            file=shown,
            hint="restore the original file, or review the change and update sha256 in raw/sources.yaml",
        )
    form = str(entry.get("format") or "text").lower()
    if form not in FORMATS:
        raise PlanDataError(
            f"format {form!r} is not supported ({' or '.join(FORMATS)})",
            file=shown,
            hint="declare `format: html` for a saved web page; leave it out for text",
        )
    text = decode(data, str(entry.get("encoding", "utf-8")), shown)
    return SourceDocument(document_id=str(entry["document_id"]), path=rel, sha256=digest, text=text, meta=dict(entry))


def decode(data: bytes, encoding: str, shown: str) -> str:
    """The file's text in its declared encoding; PlanDataError naming the line where it is not that encoding."""
    declared = encoding.lower()
    codec = ENCODINGS.get(declared)
    if codec is None:
        raise PlanDataError(f"encoding {declared!r} is not supported (utf-8 or gb18030)", file=shown)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = (
            "if it is a GBK/GB18030 file, declare `encoding: gb18030` in raw/sources.yaml"
            if codec != "gb18030"
            else "the file is not GB18030 either"
        )
        raise PlanDataError(
            f"bytes are not valid {declared} at offset {exc.start}", file=shown, line=line, hint=hint
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise PlanDataError("file holds NUL bytes: it is binary, not text", file=shown, line=line)
    return text


def load_sources(raw_dir: Path) -> list[SourceDocument]:
    return [load_source(raw_dir, e) for e in read_manifest(raw_dir)]
