"""Benchmark: `samtale check` against generic tools, start-up time and memory.

Generates a realistic corpus from the example workspace (meetings, plans and sheets in
many department folders), then measures in one run:

* ``samtale check`` over the corpus, against ``check-jsonschema --schemafile <samtale's
  own schema>`` and ``yamllint`` over the same files. The tools take turns, round by
  round, so a busy moment on the machine hits them alike; the table shows medians.
* ``samtale check`` of one and of three files (what a commit hook checks) against
  ``yamllint`` and ``check-jsonschema`` on the same files and ``python -c pass``.
* ``samtale --version`` and ``samtale --help`` against ``python -c pass``.
* ``samtale render`` of the corpus against the floor (``bench/floor_render.py``: ruamel's C
  loader and a trivial Jinja template per file), the tools taking turns. From the second
  round on, render writes over the site it made (as after an edit): every page is checked
  against the inputs before the first write.
* time and peak memory in one process of check, render, oversigt and kalender at 150,
  1,500 and 15,000 files (``--sizes``): linear in time, flat-ish in memory.

Each row says whether it meets its target: check at most 0.5x check-jsonschema on the
corpus, a check of one and of three files no slower than yamllint, render at most 2x the
floor, --version within 4x and --help within 10x of ``python -c pass``, and the memory of
render, oversigt and kalender at 1,500 files at most 1.5x that at 150 (issue 26: at the
largest size, 15,000 by default, at most 1.5x that at the smallest; the BENCH line says
that). Tools that are not installed are reported as such. The render floor here is the
one-process floor; ``bench/alle.py`` also measures the parallel one. The last line is a
``BENCH`` line (see bench/alle.py). Usage::

    pip install ".[bench]"
    python bench/bench.py [--files 1500] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
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

    Sheets go to the department folders in turn; each meeting has one sheet per department.
    """
    shutil.copytree(EXAMPLES, target)
    meeting = next((target / "laeringssamtaler").glob("*.yaml"))
    plan = next((target / "afdelinger").rglob("indsats-*.yaml"))
    sheets = sorted((target / "afdelinger").rglob("opmaerksomhedspunkter-*.yaml"))
    meeting_text = meeting.read_text(encoding="utf-8")
    plan_text = plan.read_text(encoding="utf-8")
    sheet_texts = [(s.parent, s.read_text(encoding="utf-8")) for s in sheets]
    written = sorted(target.rglob("*.yaml"))
    meetings: dict[int, Path] = {}
    i = 0
    while len(written) < files:
        i += 1
        path = meeting.parent / f"{2025 + i // 300}-{1 + i % 12:02d}-{1 + i % 28:02d}-laeringssamtale-{i}.yaml"
        path.write_text(meeting_text.replace("titel: ", f"titel: Nr. {i} ", 1), encoding="utf-8")
        written.append(path)
        meetings[i] = path
        plan_copy = plan.parent / f"indsats-{i}.yaml"
        plan_copy.write_text(plan_text, encoding="utf-8")
        written.append(plan_copy)
        folder, text = sheet_texts[i % len(sheet_texts)]
        sheet = folder / f"opmaerksomhedspunkter-{i}.yaml"
        # as in a daycare: each meeting has one sheet per department (a second would be O504)
        first = i - i % len(sheet_texts) or 1
        owner = meetings[first]  # (looked up, not globbed: a folder of 5,000 meetings)
        own = re.sub(r"(?m)^(læringssamtale: .*/)[^/\n]+$", lambda found: found[1] + owner.name, text, count=1)
        sheet.write_text(own, encoding="utf-8")
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


def timed_run(cmd: list[str]) -> tuple[float, float | None]:
    """Wall time and peak memory (MiB, one process: SAMTALE_JOBS=1) of one run."""
    start = time.perf_counter()
    mib = peak_memory_mib(cmd)
    return time.perf_counter() - start, mib


def scaling(samtale: str, tmp: Path, sizes: list[int]) -> dict[str, list[tuple[int, float, float | None]]]:
    """Time and peak memory of each command at each size, in one process each."""
    results: dict[str, list[tuple[int, float, float | None]]] = {}
    for size in sizes:
        corpus = tmp / f"skala-{size}"
        n = len(make_corpus(corpus, size))
        commands = {
            "check": [samtale, "check", str(corpus)],
            "render": [samtale, "render", str(corpus), "-o", str(tmp / f"site-{size}")],
            "oversigt": [samtale, "oversigt", str(corpus), "--dato", "2022-03-01", "--format", "json"],
            "kalender": [samtale, "kalender", str(corpus), "-o", str(tmp / f"k-{size}.ics")],
        }
        for name, cmd in commands.items():
            seconds, mib = timed_run(cmd)
            results.setdefault(name, []).append((n, seconds, mib))
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(tmp / f"site-{size}", ignore_errors=True)
    return results


def main() -> None:  # noqa: C901
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1500, help="filer i arbejdsmappen (standard 1500)")
    parser.add_argument("--runs", type=int, default=5, help="runder pr. måling (standard 5)")
    parser.add_argument("--sizes", default="150,1500,15000", help="størrelser til hukommelse og tid (standard 150,1500,15000)")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    samtale = shutil.which("samtale")
    if samtale is None:
        sys.exit("samtale er ikke installeret: kør 'pip install .[bench]' først.")
    floor = [sys.executable, str(Path(__file__).with_name("floor_render.py"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "arbejdsmappe"
        files = make_corpus(corpus, args.files)
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
                    # the floor of the fixed stack: importing the model's library and the YAML parser
                    "gulv: import pydantic + ruamel.yaml": [sys.executable, "-c", "from pydantic import BaseModel; import ruamel.yaml"],
                },
                max(args.runs, 10),
            )
        site = Path(tmp) / "site"
        floor_site = Path(tmp) / "gulv"
        render_times = rounds(
            {
                f"samtale render ({len(files)} filer)": [samtale, "render", str(corpus), "-o", str(site)],
                "gulvet (bench/floor_render.py)": [*floor, str(corpus), str(floor_site)],
            },
            args.runs,
        )
        start = rounds(
            {
                "python -c pass": [sys.executable, "-c", "pass"],
                "samtale --version": [samtale, "--version"],
                "samtale --help": [samtale, "--help"],
            },
            max(args.runs, 10),
        )
        shutil.rmtree(corpus, ignore_errors=True)
        scale = scaling(samtale, Path(tmp), sizes)

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
    for n, times in commit.items():
        own = next(t for name, t in times.items() if name.startswith("samtale"))
        assert own is not None
        for name, seconds in times.items():
            if seconds is None:
                print(f"{name:40} {'ikke installeret':>9}")
                continue
            ratio = own / seconds
            target = ""
            if name == "yamllint":
                target = f"samtale højst 1.0x: {verdict(ratio <= 1.0)}"
            shown = f"  {name} ({n})" if not name.startswith("samtale") else name
            print(f"{shown:40} {seconds:>8.3f}s {'':>9} {ratio:>9.2f}x  {target}")
    own_render, floor_time = render_times.values()
    assert own_render is not None and floor_time is not None
    print(f"{f'samtale render ({len(files)} filer)':40} {own_render:>8.3f}s {own_render / len(files) * 1000:>7.2f}ms {1.0:>9.2f}x")
    ratio = own_render / floor_time
    print(f"{'  gulvet (C-indlæser + triviel skabelon)':40} {floor_time:>8.3f}s {'':>9} {ratio:>9.2f}x  "
          f"samtale højst 2.0x: {verdict(ratio <= 2.0)}")
    baseline = start["python -c pass"]
    assert baseline is not None
    print(f"{'python -c pass':40} {baseline:>8.3f}s")
    for name, limit in (("samtale --version", 4), ("samtale --help", 10)):
        seconds = start[name]
        assert seconds is not None
        print(f"{name:40} {seconds:>8.3f}s {'':>9} {seconds / baseline:>7.1f}x py  højst {limit}x: {verdict(seconds / baseline <= limit)}")
    print()
    print(f"{'én proces':12}" + "".join(f"{f'{n} filer':>22}" for n, _s, _m in next(iter(scale.values()))) + "  mål")
    for name, rows in scale.items():
        cells = "".join(f"{f'{s:.1f}s {(m or 0):.0f}MiB':>22}" for _n, s, m in rows)
        target = ""
        by_size = {n: m for n, _s, m in rows}
        small = next((m for n, m in by_size.items() if 100 <= n <= 200), None)
        mid = next((m for n, m in by_size.items() if 1000 <= n <= 2000), None)
        if small and mid and name != "check":
            target = f"hukommelse 1500 højst 1.5x 150: {mid / small:.2f}x {verdict(mid <= small * 1.5)}"
        elif small and mid:
            target = f"flad: {mid / small:.2f}x"
        print(f"{name:12}{cells}  {target}")
    print("\n'forhold': samtales tid delt med værktøjets tid (under 1 er samtale hurtigst).")
    print(bench_rows(timed, check_name, commit, own_render, floor_time, len(files), scale))


def bench_rows(timed: dict, check_name: str, commit: dict, render: float, floor: float, files: int,
               scale: dict) -> str:
    """The BENCH line (see bench/alle.py) with this table's rows that have a target."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from alle import Row, bench_line

    rows = []
    peer = timed.get("check-jsonschema (samtales skema)")
    if peer:
        rows.append(Row.against(check_name, timed[check_name], "s", "check-jsonschema", peer, 0.5))
    for n, times in commit.items():
        own = next(t for name, t in times.items() if name.startswith("samtale"))
        if times.get("yamllint"):
            rows.append(Row.against(f"check, {n} fil{'er' if n > 1 else ''}", own, "s", "yamllint", times["yamllint"], 1.0))
    rows.append(Row.against(f"render, {files} filer", render, "s", "gulvet i én proces", floor, 2.0))
    for name, found in scale.items():
        if name == "check" or len(found) < 2 or not found[0][2] or not found[-1][2]:
            continue
        (n0, _s0, m0), (n1, _s1, m1) = found[0], found[-1]
        rows.append(Row.against(f"hukommelse, {name} {n1} filer (én proces)", m1, "MiB", f"samme ved {n0} filer", m0, 1.5))
    return bench_line(rows)


if __name__ == "__main__":
    main()
