"""The catalogue site for people: static HTML rendered with Jinja2 (autoescaped), no server, no CDN."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from schemas.spec import table_spec

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_site(tables: dict[str, pd.DataFrame], index: dict, out: Path) -> None:
    env = environment()
    packages = []
    for pkg in index["packages"]:
        packages.append({**pkg, "tables": [{"spec": table_spec(r["name"]), **r} for r in pkg["resources"]]})
    html = env.get_template("index.html.j2").render(catalog=index, packages=packages,
                                                    documents=tables["documents"].to_dict("records"))
    (out / "index.html").write_text(html, encoding="utf-8")
