"""Benchmark: a PDF bundle (``samtale render MAPPE -o samlet.pdf``) made whole in one
process (weasyprint on the bundle's whole HTML: the path before issue 26) beside the same
bundle made in pieces (each document's PDF in a worker process, one per core, written
into the joined file as it comes, and the contents a page at a time), for 50 and 150
documents (``--documents 50 150 300`` for more).

The workspace is ``bench.py``'s corpus (meetings, plans, sheets); a bundle of N documents
is the first N of its selection. Each measurement is a process of its own: its wall time
and its peak memory, the largest sum of the proportional set sizes (PSS) of the process
and its workers at any moment (read from /proc every 20 ms; on a system without /proc
the largest single process's RSS, from getrusage). The table shows medians, then the ratios:
pieces against whole (time, memory), and 150 against 50 documents (memory: flat is 1.0x).
Figures from a loaded machine move; compare the ratios of one run.

Usage::

    python bench/pdf_bundle.py [--documents 50 150] [--runs 1] [--kun hel|stykker]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from word import _bench_module  # noqa: E402

MAKE = r'''
import sys
from pathlib import Path
from samtale_cli.check.runs import run
from samtale_cli.out.bundle import select
from samtale_cli.out.html import Renderer
from samtale_cli.out.pages import bundle_entries
from samtale_cli.out.pdf import html_to_pdf

folder, count, how, out = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
entries = select(bundle_entries(run([folder], folder, documents=True).documents))[:count]
assert len(entries) == count, len(entries)
renderer = Renderer()
if how == "hel":
    data = html_to_pdf(renderer.bundle_html(entries, "Bench"))
else:
    data = renderer.bundle(entries, "pdf", "Bench")
out.write_bytes(data)
'''


def _tree_rss(pid: int) -> int:
    """The memory (bytes) of ``pid`` and all its descendants, from /proc: their
    proportional set sizes (a page a worker shares with its parent after the fork is
    counted once, not in each)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as rollup:  # Pss: pages shared with a fork counted once
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():  # a pool's thread starts the workers that replace others
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of ``cmd`` and its workers."""
    import resource

    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0]
    polling = Path("/proc").is_dir()

    def poll() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=poll, daemon=True)
    if polling:
        watcher.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    if polling:
        watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"fejl: {' '.join(cmd[:3])} ...\n{err.decode(errors='replace')[-2000:]}")
    if not polling:  # the largest process so far, in KiB (bytes on macOS)
        peak[0] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return seconds, peak[0] / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+", default=[50, 150], help="dokumenter i det samlede (standard 50 150)")
    parser.add_argument("--runs", type=int, default=1, help="runder pr. måling (standard 1)")
    parser.add_argument("--kun", choices=["hel", "stykker"], help="mål kun den ene måde (ingen forhold mellem dem)")
    parser.add_argument("--hurtig", action="store_true", help="10 og 30 dokumenter, til at prøve")
    args = parser.parse_args()
    if args.hurtig:
        args.documents, args.kun = [10, 30], None
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    sizes = sorted(args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "arbejdsmappe"
        _bench_module().make_corpus(corpus, max(sizes))  # 3 files give 4 documents: enough
        results: dict[tuple[str, int], list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            for n in sizes:
                for how in [args.kun] if args.kun else ["hel", "stykker"]:  # turn by turn: load falls on both alike
                    out = tmp_path / f"{how}-{n}.pdf"
                    cmd = [sys.executable, "-c", MAKE, str(corpus), str(n), how, str(out)]
                    results.setdefault((how, n), []).append(measured(cmd, env))
        median = {key: (statistics.median(t for t, _ in v), statistics.median(m for _, m in v)) for key, v in results.items()}
        label = {"hel": "hel (én proces)", "stykker": f"i stykker ({os.cpu_count()} kerner)"}
        print(f"{'måling':<44}{'tid':>9}{'højeste RSS':>14}")
        for (how, n), (seconds, mib) in sorted(median.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            print(f"{f'{label[how]}, {n} dokumenter':<44}{seconds:>8.1f}s{mib:>10.0f} MiB")
        print()
        for n in sizes if not args.kun else []:
            (t1, m1), (t2, m2) = median[("hel", n)], median[("stykker", n)]
            print(f"{f'{n} dokumenter: stykker mod hel':<44}{t2 / t1:>8.2f}x{m2 / m1:>13.2f}x")
        lo, hi = sizes[0], sizes[-1]
        if lo != hi:
            for how in [args.kun] if args.kun else ["hel", "stykker"]:
                (t1, m1), (t2, m2) = median[(how, lo)], median[(how, hi)]
                print(f"{f'{label[how]}: {hi} mod {lo} dokumenter':<44}{t2 / t1:>8.2f}x{m2 / m1:>13.2f}x")
    if not args.kun:  # the BENCH line bench/alle.py reads
        from alle import Row, bench_line

        (t_whole, _), (t_pieces, m_pieces) = median[("hel", hi)], median[("stykker", hi)]
        rows = [Row.against(f"PDF-samling, {hi} dokumenter, i stykker", t_pieces, "s", "hel, én proces", t_whole, 1.0)]
        if lo != hi:
            rows.append(Row.against(f"hukommelse, PDF-samling i stykker, {hi} dokumenter", m_pieces, "MiB",
                                    f"samme ved {lo} dokumenter", median[("stykker", lo)][1], 1.5))
        print(bench_line(rows))


if __name__ == "__main__":
    main()
