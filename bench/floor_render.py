"""The floor for rendering a site: what any tool must at least do per file. Reads every
YAML file under a folder with ruamel.yaml's C loader and writes one HTML page per file
from a trivial Jinja template. ``bench/bench.py`` and ``bench/alle.py`` run it beside
``samtale render`` on the same files.

Two floors (issue 26): in one process (the default; what the README's table has always
compared with, though ``render`` uses every core) and, with ``--jobs N``, in N processes
that each take every N-th file (the *parallel* floor, the fair one for a render on all
cores; ``--jobs 0``: one per core).

    python bench/floor_render.py MAPPE UD [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from jinja2 import Environment
from ruamel.yaml import YAML

TEMPLATE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=\"da\"><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1><pre>{{ body }}</pre></body></html>\n"
)


def render(folder: Path, out: Path, paths: list[Path]) -> None:
    yaml = YAML(typ="safe", pure=False)  # the C loader
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"))
        title = data.get("titel", path.stem) if isinstance(data, dict) else path.stem
        target = out / path.relative_to(folder).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATE.render(title=title, body=str(data)[:2000]), encoding="utf-8")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="processer (0: én pr. kerne; standard 1)")
    args = parser.parse_args(argv)
    paths = sorted(args.folder.rglob("*.yaml"))
    jobs = args.jobs or cores()
    if jobs <= 1 or not hasattr(os, "fork"):
        render(args.folder, args.out, paths)
        return
    children = []
    for k in range(jobs):  # fork: each child renders every jobs-th file, as a pool would
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                render(args.folder, args.out, paths[k::jobs])
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
