"""Benchmark: ``samtale new læringssamtale`` in a workspace of 15,000 files (issue 26, item 4).

Builds the workspace from the examples as bench/bench.py does (meetings, plans and sheets
in the department folders, a third of each), but with each meeting's ``dato`` the date its
file name carries, as ``new`` and ``import`` name them: one meeting per day going back
from the examples' first. Then it times, the commands taking turns round by round:

* ``samtale new læringssamtale -o ... --force`` in the workspace (the latest meeting is
  found, the new one is made from it, with its open agreements);
* the same in a copy of the examples alone (two meetings): the difference is what the
  15,000 files cost;
* the floor: ``python -c pass`` plus reading one meeting YAML file (ruamel.yaml's C
  loader) in one process;

and prints the medians of the wall time and of the CPU time (user + system, which a busy
machine disturbs less), the ratio to the floor and whether the target (under 0.3 s of wall
time) is met. The machine may be busy: the ratio, measured in the same run, says more than
the seconds. Python's bytecode cache is on for the runs (as for an installed package), also
when PYTHONDONTWRITEBYTECODE is set. Usage::

    python bench/new_time.py [--files 15000] [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "eksempler"
TARGET = 0.3  # seconds (issue 26)
FIRST = "2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml"


def make_workspace(target: Path, files: int) -> int:
    """Copy the example workspace, then add meetings (named by their own date), plans and
    sheets up to ``files`` YAML files; the number of files."""
    shutil.copytree(EXAMPLES, target)
    meetings = target / "laeringssamtaler"
    meeting_text = (meetings / FIRST).read_text(encoding="utf-8")
    plan = next((target / "afdelinger").rglob("indsats-*.yaml"))
    plan_text = plan.read_text(encoding="utf-8")
    sheet_texts = [(s.parent, s.read_text(encoding="utf-8"))
                   for s in sorted((target / "afdelinger").rglob("opmaerksomhedspunkter-*.yaml"))]
    count = len(list(target.rglob("*.yaml")))
    day = dt.date(2024, 5, 13)
    i = 0
    while count < files:
        i += 1
        day -= dt.timedelta(days=1)
        name = f"{day.isoformat()}-laeringssamtale-{i}.yaml"
        text = meeting_text.replace("dato: 2024-05-13", f"dato: {day.isoformat()}", 1)
        (meetings / name).write_text(text.replace("titel: ", f"titel: Nr. {i} ", 1), encoding="utf-8")
        (plan.parent / f"indsats-{i}.yaml").write_text(plan_text, encoding="utf-8")
        folder, sheet = sheet_texts[i % len(sheet_texts)]
        own = re.sub(r"(?m)^(læringssamtale: .*/)[^/\n]+$", lambda found: found[1] + name, sheet, count=1)
        (folder / f"opmaerksomhedspunkter-{i}.yaml").write_text(own, encoding="utf-8")
        count += 3
    return count


ENV = {k: value for k, value in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENV)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} fejlede:\n{done.stderr.decode('utf-8', 'replace')}")
    return seconds, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=15000, help="filer i arbejdsmappen (standard 15000)")
    parser.add_argument("--runs", type=int, default=7, help="runder pr. måling (standard 7)")
    parser.add_argument("--hurtig", action="store_true", help="500 filer og 3 runder, til at prøve")
    args = parser.parse_args()
    if args.hurtig:
        args.files, args.runs = 500, 3

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "arbejdsmappe"
        n = make_workspace(ws, args.files)
        small = Path(tmp) / "eksempler"
        shutil.copytree(EXAMPLES, small)
        out = Path(tmp) / "ny.yaml"
        installed = shutil.which("samtale")
        new = [*([installed] if installed else [sys.executable, "-m", "samtale_cli"]),
               "new", "læringssamtale", "-o", str(out), "--force"]
        commands = {  # name -> (command, folder it runs in)
            f"samtale new læringssamtale ({n} filer)": (new, ws),
            "samtale new læringssamtale (kun eksemplerne)": (new, small),
            "gulv: python -c pass + læs én YAML-fil": ([
                sys.executable, "-c",
                "import sys; from ruamel.yaml import YAML; YAML(typ='safe', pure=False).load(open(sys.argv[1], 'rb'))",
                str(ws / "laeringssamtaler" / FIRST)], ws),
        }
        for cmd, cwd in commands.values():  # warm up: the schema file and the bytecode cache, as in real use
            run_once(cmd, cwd)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, cwd) in commands.items():
                times[name].append(run_once(cmd, cwd))
        wall = {name: statistics.median(t[0] for t in values) for name, values in times.items()}
        cpu = {name: statistics.median(t[1] for t in values) for name, values in times.items()}
    new_name, small_name, floor_name = list(commands)
    width = max(map(len, commands))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Median af {args.runs} runder; {os.cpu_count()} kerner, belastning {load:.1f} (andre kan bruge maskinen).")
    print(f"  {'':<{width}}   væg     CPU")
    for name in commands:
        print(f"  {name:<{width}}  {wall[name]:6.3f}  {cpu[name]:6.3f} s")
    print(f"  forhold til gulvet: {wall[new_name] / wall[floor_name]:.2f}x (væg), {cpu[new_name] / cpu[floor_name]:.2f}x (CPU)")
    print(f"  det, {n} filer koster: {wall[new_name] - wall[small_name]:+.3f} s (væg), "
          f"{cpu[new_name] - cpu[small_name]:+.3f} s (CPU)")
    met = "opfyldt" if wall[new_name] < TARGET else "IKKE opfyldt"
    print(f"  mål: under {TARGET} s: {met} ({wall[new_name]:.3f} s)")
    from alle import Row, bench_line  # the BENCH line bench/alle.py reads

    row = Row.against(f"new læringssamtale ({n} filer)", wall[new_name], "s", "python -c pass + én YAML-fil",
                      wall[floor_name], None)
    row.target, row.met = f"under {TARGET} s".replace(".", ","), wall[new_name] < TARGET
    print(bench_line([row]))

if __name__ == "__main__":
    main()
