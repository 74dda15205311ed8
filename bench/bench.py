"""Benchmark: `samtale check` against generic tools, and start-up time.

Generates a realistic corpus from the example workspace (meetings, plans and sheets in
many department folders), then times in one run, as medians of several runs:

* ``samtale check`` over the corpus,
* ``check-jsonschema --schemafile <samtale's own schema>`` over the same files,
* ``yamllint`` over the same files,
* ``samtale --version`` and ``samtale --help`` against ``python -c pass``.

Tools that are not installed are reported as such. Usage::

    python bench/bench.py [--files 1500] [--runs 3]

Install the comparison tools with ``pip install check-jsonschema yamllint``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "eksempler"


def make_corpus(target: Path, files: int) -> list[Path]:
    """Copy the example workspace, then add meetings, plans and sheets up to ``files``."""
    shutil.copytree(EXAMPLES, target)
    meeting = next((target / "laeringssamtaler").glob("*.yaml"))
    plan = next((target / "afdelinger").rglob("indsats-*.yaml"))
    sheets = sorted((target / "afdelinger").rglob("opmaerksomhedspunkter-*.yaml"))
    meeting_text = meeting.read_text(encoding="utf-8")
    plan_text = plan.read_text(encoding="utf-8")
    sheet_texts = [(s.parent, s.read_text(encoding="utf-8")) for s in sheets]
    written = sorted(target.rglob("*.yaml"))
    year = 2025
    i = 0
    while len(written) < files:
        i += 1
        path = meeting.parent / f"{year + i // 300}-{1 + i % 12:02d}-{1 + i % 28:02d}-laeringssamtale-{i}.yaml"
        path.write_text(meeting_text.replace("titel: ", f"titel: Nr. {i} ", 1), encoding="utf-8")
        written.append(path)
        plan_copy = plan.parent / f"indsats-{i}.yaml"
        plan_copy.write_text(plan_text, encoding="utf-8")
        written.append(plan_copy)
        folder, text = sheet_texts[i % len(sheet_texts)]
        sheet = folder / f"opmaerksomhedspunkter-{i}.yaml"
        sheet.write_text(text, encoding="utf-8")
        written.append(sheet)
    return written


def timed(cmd: list[str], runs: int, cwd: Path | None = None) -> float | None:
    """Median wall time of ``cmd`` over ``runs`` runs; None when the tool is missing."""
    if shutil.which(cmd[0]) is None and not Path(cmd[0]).exists():
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    samtale = shutil.which("samtale") or "samtale"
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "arbejdsmappe"
        files = make_corpus(corpus, args.files)
        yaml_files = [str(p) for p in files]
        schema = Path(tmp) / "schema.json"
        have_schema = subprocess.run([samtale, "schema", "-o", str(schema)], capture_output=True).returncode == 0
        rows: list[tuple[str, float | None]] = []
        check_time = timed([samtale, "check", str(corpus)], args.runs)
        rows.append((f"samtale check ({len(files)} filer)", check_time))
        if have_schema:
            rows.append(("check-jsonschema (samtales skema)", timed(["check-jsonschema", "--schemafile", str(schema), *yaml_files], args.runs)))
        rows.append(("yamllint", timed(["yamllint", "-d", "relaxed", str(corpus)], args.runs)))
        baseline = timed([sys.executable, "-c", "pass"], max(args.runs, 5))
        version = timed([samtale, "--version"], max(args.runs, 5))
        help_ = timed([samtale, "--help"], max(args.runs, 5))

    print(f"{'måling':45} {'median':>10} {'pr. fil':>10} {'forhold':>9}")
    for name, seconds in rows:
        if seconds is None:
            print(f"{name:45} {'ikke installeret':>10}")
            continue
        ratio = f"{seconds / check_time:.2f}x" if check_time else ""
        print(f"{name:45} {seconds:>9.3f}s {seconds / len(files) * 1000:>8.2f}ms {ratio:>9}")
    print(f"{'python -c pass':45} {baseline:>9.3f}s")
    for name, seconds in (("samtale --version", version), ("samtale --help", help_)):
        print(f"{name:45} {seconds:>9.3f}s {'':>10} {seconds / baseline:>8.1f}x python")


if __name__ == "__main__":
    main()
