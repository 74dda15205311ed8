"""Benchmark: Word export of a whole site, and import of Word files.

* Export: ``samtale render MAPPE -o SITE --format docx`` over the corpus of
  ``bench.py`` (1,500 files: meetings, plans and sheets in department folders). A site
  always gets HTML too, so the same command with ``--format html`` is measured beside
  it; the difference is the Word files' own cost.
* Import: 100 Word files made by ``render --format docx`` from the corpus (a third each
  minutes, sheets, plans), each imported with ``samtale import`` as a person would (one
  process per file, start-up included), and the same 100 in one process
  (:func:`samtale_cli.api.import_word`), which is the import's own cost.

The tools take turns round by round; the table shows medians and the time per file.
Usage::

    pip install ".[bench]"
    python bench/word.py [--files 1500] [--runs 3] [--imports 100]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench_module():  # noqa: ANN202 - the corpus maker of bench.py, without copying it
    spec = importlib.util.spec_from_file_location("samtale_bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=cwd)
    return time.perf_counter() - start


def word_files(corpus: Path, target: Path, count: int) -> list[Path]:
    """``count`` Word files rendered from the corpus: minutes, sheets and plans in turn."""
    sys.path.insert(0, str(ROOT / "src"))
    from samtale_cli import api

    by_kind = {  # the corpus's files by kind, known from their names (see bench.make_corpus)
        "læringssamtale": sorted((corpus / "laeringssamtaler").glob("*.yaml")),
        "opmærksomhedspunkter": sorted((corpus / "afdelinger").rglob("opmaerksomhedspunkter-*.yaml")),
        "indsats": sorted((corpus / "afdelinger").rglob("indsats-*.yaml")),
    }
    order = [("læringssamtale", "referat"), ("opmærksomhedspunkter", "opmærksomhedspunkter"),
             ("indsats", "indsatsplan")]
    target.mkdir(parents=True)
    written = []
    for k in range(count):
        kind, document = order[k % 3]
        source = by_kind[kind][k // 3 % len(by_kind[kind])]
        path = target / f"{k:03d}-{document}.docx"
        path.write_bytes(api.render(source, document, "docx"))
        written.append(path)
    return written


def import_in_process(files: list[Path], out: Path) -> float:
    from samtale_cli import api

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for path in files:
        api.import_word(path, cwd=out, output=out / f"{path.stem}.yaml", force=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1500, help="filer i arbejdsmappen (standard 1500)")
    parser.add_argument("--runs", type=int, default=3, help="runder pr. måling (standard 3)")
    parser.add_argument("--imports", type=int, default=100, help="Word-filer at importere (standard 100)")
    args = parser.parse_args()

    samtale = shutil.which("samtale")
    if samtale is None:
        sys.exit("samtale er ikke installeret: kør 'pip install .[bench]' først.")
    bench = _bench_module()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "arbejdsmappe"
        files = bench.make_corpus(corpus, args.files)
        documents = tmp_path / "word"
        docs = word_files(corpus, documents, args.imports)
        export: dict[str, list[float]] = {"docx": [], "html": []}
        imports: dict[str, list[float]] = {"cli": [], "proces": []}
        for k in range(args.runs):
            for fmt in ("docx", "html"):
                site = tmp_path / f"site-{fmt}-{k}"
                export[fmt].append(timed([samtale, "render", str(corpus), "-o", str(site), "--format", fmt]))
                shutil.rmtree(site, ignore_errors=True)
            out = tmp_path / f"import-{k}"
            out.mkdir()
            start = time.perf_counter()
            for path in docs:
                subprocess.run([samtale, "import", str(path), "-o", str(out / f"{path.stem}.yaml")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=out)
            imports["cli"].append(time.perf_counter() - start)
            imports["proces"].append(import_in_process(docs, tmp_path / f"import-proces-{k}"))
        n = len(files)
        docx, html = statistics.median(export["docx"]), statistics.median(export["html"])
        cli, proc = statistics.median(imports["cli"]), statistics.median(imports["proces"])
        print(f"{'måling':<52}{'median':>9}{'pr. fil':>11}")
        print(f"{f'render --format docx ({n} filer, html med)':<52}{docx:>8.1f}s{docx / n * 1000:>9.1f}ms")
        print(f"{f'render --format html ({n} filer)':<52}{html:>8.1f}s{html / n * 1000:>9.1f}ms")
        print(f"{'  heraf Word-filerne':<52}{docx - html:>8.1f}s{(docx - html) / n * 1000:>9.1f}ms")
        label = f"samtale import, {len(docs)} filer, en proces pr. fil"
        print(f"{label:<52}{cli:>8.1f}s{cli / len(docs) * 1000:>9.1f}ms")
        label = f"import_docx, {len(docs)} filer i én proces"
        print(f"{label:<52}{proc:>8.1f}s{proc / len(docs) * 1000:>9.1f}ms")


if __name__ == "__main__":
    main()
