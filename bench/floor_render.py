"""The floor for rendering a site: what any tool must at least do per file. Reads every
YAML file under a folder with ruamel.yaml's C loader and writes one HTML page per file
from a trivial Jinja template, in one process. ``bench/bench.py`` runs it beside
``samtale render`` on the same files.

    python bench/floor_render.py MAPPE UD
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment
from ruamel.yaml import YAML

TEMPLATE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=\"da\"><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1><pre>{{ body }}</pre></body></html>\n"
)


def main() -> None:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    yaml = YAML(typ="safe", pure=False)  # the C loader
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        title = data.get("titel", path.stem) if isinstance(data, dict) else path.stem
        target = out / path.relative_to(folder).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATE.render(title=title, body=str(data)[:2000]), encoding="utf-8")


if __name__ == "__main__":
    main()
