"""Read back the staged data package descriptors: the site and the harvester metadata describe what was written."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.publish.files import sha256_file
from schemas.constants import FORMATS


def load_descriptor(stage: Path, package: dict) -> dict:
    return json.loads((stage / package["path"]).read_text(encoding="utf-8"))


def bilingual_description(descriptor: dict) -> tuple[str, str]:
    """(zh, en): the packager writes the two languages as two paragraphs of `description`."""
    zh, _, en = descriptor["description"].partition("\n\n")
    return zh.strip(), en.strip()


def package_files(stage: Path, package: dict) -> list[dict]:
    """Every download of a package as it lies in `stage`: each resource in each format, then the zip.

    Sizes and hashes are taken from the files themselves, so the pages and catalog.jsonld cannot
    drift from what a user downloads.
    """

    def entry(resource: str | None, fmt: str, path: str) -> dict:
        return {
            "resource": resource,
            "format": fmt,
            "label": FORMATS[fmt].label,
            "path": path,
            "media_type": FORMATS[fmt].mediatype,
        }

    out = [entry(res["name"], fmt, path) for res in package["resources"] for fmt, path in res["downloads"].items()]
    out.append(entry(None, "zip", package["zip"]))
    for f in out:
        file = stage / f["path"]
        f["bytes"] = file.stat().st_size
        f["sha256"] = sha256_file(file)
    return out
