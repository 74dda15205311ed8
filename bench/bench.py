"""Benchmark: `samtale check` against generic tools, start-up time and memory.

Generates a realistic corpus from the example workspace (meetings, plans and sheets in
many department folders), then measures in one run:

* ``samtale check`` over the corpus, against ``check-jsonschema --schemafile <samtale's
  own schema>`` and ``yamllint`` over the same files. The tools take turns, round by
  round, so a busy moment on the machine hits them alike; the table shows medians.
* ``samtale check`` of one and of three files (what a commit hook checks) against
  ``yamllint`` and ``check-jsonschema`` on the same files and ``python -c pass``.
* ``samtale --version`` and ``samtale --help`` against ``python -c pass``.
* the peak memory of ``samtale check`` in one process over a quarter of the corpus and
  over all of it: it must not grow with the number of files.

Each row says whether it meets its target: check at most 0.5x check-jsonschema on the
corpus, a one-file check no slower than yamllint, --version within 4x and --help within
10x of ``python -c pass``, memory flat (within 10 %). Tools that are not installed are reported as such. Usage::

    pip install ".[bench]"
    python bench/bench.py [--files 1500] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
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
    """Copy the example workspace, then add meetings, plans and sheets up to ``files``.

    Sheets go to the department folders in turn; every sheet refers to a meeting.
    """
    shutil.copytree(EXAMPLES, target)
    meeting = next((target / "laeringssamtaler").glob("*.yaml"))
    plan = next((target / "afdelinger").rglob("indsats-*.yaml"))
    sheets = sorted((target / "afdelinger").rglob("opmaerksomhedspunkter-*.yaml"))
    meeting_text = meeting.read_text(encoding="utf-8")
    plan_text = plan.read_text(encoding="utf-8")
    sheet_texts = [(s.parent, s.read_text(encoding="utf-8")) for s in sheets]
    written = sorted(target.rglob("*.yaml"))
    i = 0
    while len(written) < files:
        i += 1
        path = meeting.parent / f"{2025 + i // 300}-{1 + i % 12:02d}-{1 + i % 28:02d}-laeringssamtale-{i}.yaml"
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


def available(cmd: list[str]) -> bool:
    return shutil.which(cmd[0]) is not None or Path(cmd[0]).exists()


def run_once(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def rounds(commands: dict[str, list[str]], runs: int) -> dict[str, float | None]:
    """Median wall time of each command; the commands take turns in each round."""
    present = {name: cmd for name, cmd in commands.items() if available(cmd)}
    times: dict[str, list[float]] = {name: [] for name in present}
    for _ in range(runs):
        for name, cmd in present.items():
            times[name].append(run_once(cmd))
    return {name: statistics.median(times[name]) if name in times else None for name in commands}


def peak_memory_mib(cmd: list[str]) -> float | None:
    """Peak resident memory of ``cmd`` in MiB (Linux and macOS), run in one process."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(rss / 1024 / 1024 if sys.platform == 'darwin' else rss / 1024)\n"
    )
    env = dict(os.environ, SAMTALE_JOBS="1")
    done = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env)
    return float(done.stdout) if done.returncode == 0 and done.stdout.strip() else None


def verdict(ok: bool) -> str:
    return "opfyldt" if ok else "IKKE opfyldt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1500, help="filer i arbejdsmappen (standard 1500)")
    parser.add_argument("--runs", type=int, default=5, help="runder pr. måling (standard 5)")
    args = parser.parse_args()

    samtale = shutil.which("samtale")
    if samtale is None:
        sys.exit("samtale er ikke installeret: kør 'pip install .[bench]' først.")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "arbejdsmappe"
        files = make_corpus(corpus, args.files)
        small = Path(tmp) / "lille"
        small_files = make_corpus(small, args.files // 4)
        schema = Path(tmp) / "schema.json"
        subprocess.run([samtale, "schema", "-o", str(schema)], capture_output=True, check=True)
        check_name = f"samtale check ({len(files)} filer)"
        timed = rounds(
            {
                check_name: [samtale, "check", str(corpus)],
                "check-jsonschema (samtales skema)": ["check-jsonschema", "--schemafile", str(schema), *map(str, files)],
                "yamllint": ["yamllint", "-d", "relaxed", str(corpus)],
            },
            args.runs,
        )
        few = [corpus / "laeringssamtaler" / next(p.name for p in sorted((EXAMPLES / "laeringssamtaler").glob("*.yaml"))),
               *sorted(corpus.rglob("indsats-*.yaml"))[:1], *sorted(corpus.rglob("opmaerksomhedspunkter-*.yaml"))[:1]]
        commit = {}
        for n in (1, 3):
            files_n = list(map(str, few[:n]))
            commit[n] = rounds(
                {
                    f"samtale check ({n} fil{'er' if n > 1 else ''})": [samtale, "check", *files_n],
                    "yamllint": ["yamllint", "-d", "relaxed", *files_n],
                    "check-jsonschema": ["check-jsonschema", "--schemafile", str(schema), *files_n],
                },
                max(args.runs, 10),
            )
        start = rounds(
            {
                "python -c pass": [sys.executable, "-c", "pass"],
                "samtale --version": [samtale, "--version"],
                "samtale --help": [samtale, "--help"],
            },
            max(args.runs, 10),
        )
        memory = [
            (len(small_files), peak_memory_mib([samtale, "check", str(small)])),
            (len(files), peak_memory_mib([samtale, "check", str(corpus)])),
        ]

    check_time = timed[check_name]
    assert check_time is not None
    print(f"{'måling':40} {'median':>9} {'pr. fil':>9} {'forhold':>10}  mål")
    for name, seconds in timed.items():
        if seconds is None:
            print(f"{name:40} {'ikke installeret':>9}")
            continue
        ratio = check_time / seconds
        target = ""
        if name.startswith("check-jsonschema"):
            target = f"samtale højst 0.5x: {verdict(ratio <= 0.5)}"
        print(f"{name:40} {seconds:>8.3f}s {seconds / len(files) * 1000:>7.2f}ms {ratio:>9.2f}x  {target}")
    baseline = start["python -c pass"]
    assert baseline is not None
    print(f"{'python -c pass':40} {baseline:>8.3f}s")
    for n, times in commit.items():
        own = next(t for name, t in times.items() if name.startswith("samtale"))
        assert own is not None
        for name, seconds in times.items():
            if seconds is None:
                print(f"{name:40} {'ikke installeret':>9}")
                continue
            ratio = own / seconds
            target = ""
            if name == "yamllint" and n == 1:
                target = f"samtale højst 1.0x: {verdict(ratio <= 1.0)}"
            elif name == "yamllint":
                target = "(mål kun for 1 fil)"
            shown = f"  {name} ({n})" if not name.startswith("samtale") else name
            print(f"{shown:40} {seconds:>8.3f}s {'':>9} {ratio:>9.2f}x  {target}")
    for name, limit in (("samtale --version", 4), ("samtale --help", 10)):
        seconds = start[name]
        assert seconds is not None
        ratio = seconds / baseline
        print(f"{name:40} {seconds:>8.3f}s {'':>9} {ratio:>7.1f}x py  højst {limit}x: {verdict(ratio <= limit)}")
    if all(mib is not None for _, mib in memory):
        (n1, m1), (n2, m2) = memory
        flat = m2 <= m1 * 1.10  # type: ignore[operator]
        print(f"{'hukommelse, én proces':40} {m1:>7.0f}MiB ved {n1} filer, {m2:.0f}MiB ved {n2} filer: flad: {verdict(flat)}")
    print("\n'forhold': samtale checks tid delt med værktøjets tid (under 1 er samtale hurtigst).")


if __name__ == "__main__":
    main()
