"""The catalogue as built, in memory: every package's descriptor and every file with its size and hash.

`build_packages` fills it while it writes the files (each size and sha256 taken from the bytes written, each
table's files hashed once however many packages hold them); the site, the DCAT and schema.org metadata and
the 政务信息资源目录 entry are rendered from it, and nothing is read back from disk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from schemas.constants import FORMATS


@dataclass
class CatalogModel:
    root: Path
    descriptors: dict[str, dict] = field(default_factory=dict)  # package name → its datapackage.json
    files: dict[str, tuple[int, str]] = field(default_factory=dict)  # catalogue-relative path → (bytes, sha256)

    def put(self, path: str, data: bytes, sha256: str | None = None) -> tuple[int, str]:
        """Write `data` at the catalogue-relative `path` and record its size and hash (given, or computed)."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files[path] = (len(data), sha256 or hashlib.sha256(data).hexdigest())
        return self.files[path]


def descriptor_of(model: CatalogModel, package: dict) -> dict:
    return model.descriptors[package["name"]]


def bilingual_description(descriptor: dict) -> tuple[str, str]:
    """(zh, en): the packager writes the two languages as two paragraphs of `description`."""
    zh, _, en = descriptor["description"].partition("\n\n")
    return zh.strip(), en.strip()


def package_files(model: CatalogModel, package: dict) -> list[dict]:
    """Every download of a package: each resource in each format, then the zip, with the size and hash of the
    bytes written, so the pages and catalog.jsonld cannot drift from what a user downloads."""

    def entry(resource: str | None, fmt: str, path: str) -> dict:
        size, sha = model.files[path]
        return {
            "resource": resource,
            "format": fmt,
            "label": FORMATS[fmt].label,
            "path": path,
            "media_type": FORMATS[fmt].mediatype,
            "bytes": size,
            "sha256": sha,
        }

    out = [entry(res["name"], fmt, path) for res in package["resources"] for fmt, path in res["downloads"].items()]
    out.append(entry(None, "zip", package["zip"]))
    return out
