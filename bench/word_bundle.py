"""Benchmark: a workspace's Word bundle (``samtale render MAPPE -o samlet.docx``) beside
its floor, python-docx building a comparable document.

The corpus is that of ``bench.py`` (``--files``, 150 by default: meetings, plans and
sheets). The floor is python-docx's own API writing as many sections, headings,
paragraphs and tables (with as many cells) as samtale's bundle has, read back from it;
what samtale does beyond that (checking the files, the views, the look) is its own cost.
Both run as a process each, start-up included; the tools take turns round by round and
the table shows medians.

Usage::

    python bench/word_bundle.py [--files 150] [--runs 3] [--hurtig]

``--hurtig``: 30 files, one round. The last line is a ``BENCH`` line (bench/alle.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from word import _bench_module  # noqa: E402

FLOOR = r'''
import sys, json, docx
from docx.enum.section import WD_SECTION
shape = json.loads(sys.argv[1])
d = docx.Document()
for k, (paragraphs, tables) in enumerate(shape):
    if k:
        d.add_section(WD_SECTION.NEW_PAGE)
    d.add_heading(f"Dokument {k}", 1)
    for n in range(paragraphs):
        d.add_paragraph(f"Afsnit {n}")
    for rows, cols in tables:
        t = d.add_table(rows=rows, cols=cols)
        for row in t.rows:
            for cell in row.cells:
                cell.text = "x"
d.save(sys.argv[2])
'''


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def shape_of(path: Path) -> list[tuple[int, list[tuple[int, int]]]]:
    """Per section of the bundle: its body paragraphs and its tables (rows, columns)."""
    import docx

    d = docx.Document(str(path))
    shape: list[tuple[int, list[tuple[int, int]]]] = [(0, [])]
    for block in d.element.body:
        tag = block.tag.rsplit("}", 1)[1]
        if tag == "p":
            shape[-1] = (shape[-1][0] + 1, shape[-1][1])
            if block.find(".//{*}sectPr") is not None:
                shape.append((0, []))
        elif tag == "tbl":
            rows = block.findall("{*}tr")
            shape[-1][1].append((len(rows), max((len(r.findall("{*}tc")) for r in rows), default=1)))
    return shape


def main() -> None:
    import json

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=150, help="filer i arbejdsmappen (standard 150)")
    parser.add_argument("--runs", type=int, default=3, help="runder pr. måling (standard 3)")
    parser.add_argument("--hurtig", action="store_true", help="30 filer, én runde")
    args = parser.parse_args()
    if args.hurtig:
        args.files, args.runs = 30, 1
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "arbejdsmappe"
        files = _bench_module().make_corpus(corpus, args.files)
        bundle = tmp_path / "samlet.docx"
        render = [sys.executable, "-m", "samtale_cli", "render", str(corpus), "-o", str(bundle), "--force"]
        subprocess.run(render, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        shape = json.dumps(shape_of(bundle))
        floor = [sys.executable, "-c", FLOOR, shape, str(tmp_path / "gulv.docx")]
        times: dict[str, list[float]] = {"samtale": [], "gulv": []}
        for _ in range(args.runs):
            times["samtale"].append(timed(render, env))
            times["gulv"].append(timed(floor, env))
        ours, base = statistics.median(times["samtale"]), statistics.median(times["gulv"])
        print(f"{'måling':<58}{'median':>9}")
        print(f"{f'render MAPPE -o samlet.docx ({len(files)} filer)':<58}{ours:>8.2f}s")
        print(f"{'python-docx, et tilsvarende dokument (gulvet)':<58}{base:>8.2f}s")
        print(f"{'forhold til gulvet (mål: højst 2,0x)':<58}{ours / base:>8.2f}x")
        from alle import Row, bench_line

        print(bench_line([Row.against(f"Word-samling, {len(files)} filer", ours, "s", "python-docx, tilsvarende dokument",
                                      base, 2.0)]))


if __name__ == "__main__":
    main()
