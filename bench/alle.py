"""Every row of issue 26 side by side, in one run and one table: ``python3 bench/alle.py``.

For each row the table shows the figure, the floor or peer it is measured against (in the
same run, the tools taking turns round by round, medians), the ratio, the target and
whether it is met, and above it the machine (CPU, cores, Python, load). Rows:

* ``check`` of 1 and of 3 files (what a commit hook checks) against ``yamllint`` on the
  same files: at most 1.0x;
* ``check --staged`` of the same 3 files added to git's index, against ``yamllint``: at
  most 1.0x (issue 26 measured 1.54x with two git processes per file);
* the Word bundle of a workspace against python-docx building a comparable document
  (``bench/word_bundle.py``): at most 2.0x;
* the PDF bundle (``bench/pdf_bundle.py``), serve (a save, the first page, the size of a
  history page: ``bench/serve_load.py``) and ``new`` at 15,000 files
  (``bench/new_time.py``): measured by those scripts, read from their ``BENCH`` line;
* peak memory (RSS, one process: ``SAMTALE_JOBS=1``) of render, oversigt and kalender at
  15,000 files against 150: at most 1.5x;
* render of 15,000 files on all cores against the floor (``bench/floor_render.py``) on
  all cores (the parallel floor: the target, at most 2.0x) and in one process (the floor
  the README's table used before; shown for comparison);
* single documents: the HTML and the Word file of one meeting, and importing that Word
  file, against their floors (the floor script on one file; python-docx building a
  document with as many paragraphs and tables; python-docx opening it and reading every
  paragraph and cell): no target in issue 26, shown as figures.

``--hurtig`` uses small sizes (50 and 500 files instead of 150 and 15,000, one round) so
the whole table can be tried in a minute or two; its figures are not the issue's.

**The BENCH line** (the convention between this script and the others in ``bench/``): a
script that measures rows prints, as the last line of its output::

    BENCH {"rows": [{"row": "...", "figure": 1.23, "unit": "s", "peer": "...",
                     "peer_figure": 0.61, "ratio": 2.02, "target": "højst 2,0x", "met": false}]}

one JSON object on one line after ``BENCH ``, with ``rows``: each row's ``row`` (its
name, Danish), ``figure`` and ``unit``, and where there is one ``peer`` (the floor or
tool it is measured against), ``peer_figure``, ``ratio`` (figure / peer_figure),
``target`` (Danish text) and ``met`` (true, false, or null without a target). A script
that supports ``--hurtig`` says so in its source (the word ``--hurtig``) and then runs
small sizes; one that does not is run as it is, with a time limit under ``--hurtig``.
A script that is missing, fails or prints no BENCH line gives its rows as "ikke målt".
:func:`bench_line` prints such a line.

Figures taken on a machine that others use are noisy: the ratios come from runs taking
turns in the same minutes, and memory (peak RSS) does not depend on load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "eksempler"
sys.path.insert(0, str(HERE))

MARK = "BENCH "


@dataclass
class Row:
    """One row of the table (and of a BENCH line)."""

    row: str
    figure: float | None = None
    unit: str = "s"
    peer: str | None = None
    peer_figure: float | None = None
    ratio: float | None = None
    target: str | None = None
    met: bool | None = None
    note: str | None = None  # "ikke målt: ..." and the like

    @classmethod
    def against(cls, row: str, figure: float, unit: str, peer: str, peer_figure: float, limit: float | None) -> Row:
        """A row measured against a peer; ``limit``: the highest ratio that meets the target."""
        ratio = figure / peer_figure if peer_figure else None
        target = None if limit is None else f"højst {limit:.1f}x".replace(".", ",")
        met = None if limit is None or ratio is None else ratio <= limit
        return cls(row, figure, unit, peer, peer_figure, ratio, target, met)


def bench_line(rows: list[Row] | list[dict]) -> str:
    """The last line of a bench script's output (see the module's docstring)."""
    return MARK + json.dumps({"rows": [asdict(r) if isinstance(r, Row) else r for r in rows]}, ensure_ascii=False)


def parse_bench(output: str) -> list[Row] | None:
    """The rows of the last BENCH line in ``output`` (None: there is none)."""
    for line in reversed(output.splitlines()):
        if line.startswith(MARK):
            try:
                data = json.loads(line[len(MARK):])
                return [Row(**{k: v for k, v in r.items() if k in Row.__dataclass_fields__}) for r in data["rows"]]
            except (ValueError, KeyError, TypeError):
                return None
    return None


_SCRIPT: list[Path] = []


def samtale_cmd() -> list[str]:
    """samtale from this checkout, started as the installed ``samtale`` script starts it
    (a small script importing the entry point, src on the path; ``python -m`` would add
    runpy's work to every start)."""
    if not _SCRIPT:
        folder = Path(tempfile.mkdtemp(prefix="samtale-bench-"))
        script = folder / "samtale"
        script.write_text("import sys\nfrom samtale_cli.cli.entry import main\nsys.exit(main())\n", encoding="utf-8")
        _SCRIPT.append(script)
    return [sys.executable, str(_SCRIPT[0])]


def env_here() -> dict[str, str]:
    """The environment samtale runs in here: src on the path, and compiled modules written
    and read (an installed package has them; PYTHONDONTWRITEBYTECODE would make every start
    compile samtale again while yamllint's are compiled at installation)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def compile_src() -> None:
    """Compile samtale's modules once, as pip does when it installs the package."""
    import compileall

    compileall.compile_dir(ROOT / "src", quiet=1)


def tool(name: str) -> str | None:
    """A console script beside this Python (where pip put it), else on PATH: a version
    manager's shim on PATH (pyenv's is a shell script) would add its own start to the tool's."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.is_file() else shutil.which(name)


def run_once(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=cwd, env=env or env_here())
    return time.perf_counter() - start


def turns(commands: dict[str, list[str]], runs: int, cwd: Path | None = None, warm: bool = True) -> dict[str, float]:
    """Median wall time of each command; the commands take turns in each round."""
    if warm:
        for cmd in commands.values():
            run_once(cmd, cwd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(run_once(cmd, cwd))
    return {name: statistics.median(t) for name, t in times.items()}


def peak_mib(cmd: list[str], env: dict[str, str]) -> float | None:
    """Peak resident memory (MiB) of ``cmd`` and the processes it waits for."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(rss / 1024 / 1024 if sys.platform == 'darwin' else rss / 1024, done.returncode)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env)
    try:
        mib, code = done.stdout.split()
    except ValueError:
        return None
    return float(mib) if code in ("0", "1") else None  # 1: findings (warnings are no failure)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}; {usable} kerner; Python {platform.python_version()} ({platform.system()}); "
            f"belastning {load:.1f} ved start")


# --- the rows measured here -----------------------------------------------------------


def commit_rows(tmp: Path, runs: int) -> list[Row]:
    """check of 1 and 3 files, and check --staged of the 3 files, against yamllint; and what
    importing pydantic's BaseModel alone costs against yamllint (the stack's floor)."""
    yamllint = tool("yamllint")
    if yamllint is None:
        return [Row(name, note="ikke målt: yamllint er ikke installeret")
                for name in ("check, 1 fil", "check, 3 filer", "check --staged, 3 filer")]
    repo = tmp / "hook"
    shutil.copytree(EXAMPLES, repo)
    few = [*sorted((repo / "laeringssamtaler").glob("*.yaml"))[:1], *sorted(repo.rglob("indsats-*.yaml"))[:1],
           *sorted(repo.rglob("opmaerksomhedspunkter-*.yaml"))[:1]]
    rows = []
    for n in (1, 3):
        files = [str(p) for p in few[:n]]
        commands = {"samtale": [*samtale_cmd(), "check", *files], "yamllint": [yamllint, "-d", "relaxed", *files]}
        if n == 1:
            commands["pydantic"] = [sys.executable, "-c", "from pydantic import BaseModel, Field"]
        t = turns(commands, runs)
        rows.append(Row.against(f"check, {n} fil{'er' if n > 1 else ''}", t["samtale"], "s",
                                f"yamllint, {n} fil{'er' if n > 1 else ''}", t["yamllint"], 1.0))
        if n == 1:
            rows.append(Row.against("gulv: python -c 'from pydantic import BaseModel'", t["pydantic"], "s",
                                    "yamllint, 1 fil", t["yamllint"], None))
    git = shutil.which("git")
    if git is None:
        rows.append(Row("check --staged, 3 filer", note="ikke målt: git er ikke installeret"))
        return rows
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": repo}
    subprocess.run([git, "init", "-q"], check=True, **quiet)
    subprocess.run([git, "add", *map(str, few)], check=True, **quiet)
    files = [str(p) for p in few]
    t = turns({"samtale": [*samtale_cmd(), "check", "--staged"], "yamllint": [yamllint, "-d", "relaxed", *files]},
              runs, cwd=repo)
    rows.append(Row.against("check --staged, 3 filer", t["samtale"], "s", "yamllint, 3 filer", t["yamllint"], 1.0))
    return rows


def memory_rows(tmp: Path, small: int, large: int) -> tuple[list[Row], Path]:
    """Peak RSS of render, oversigt and kalender in one process at ``small`` and
    ``large`` files; the large workspace is kept for the render rows."""
    import bench

    corpora = {}
    for size in (small, large):
        corpora[size] = tmp / f"arbejdsmappe-{size}"
        bench.make_corpus(corpora[size], size)
    env = {**env_here(), "SAMTALE_JOBS": "1"}
    rows = []
    for name, args in (
        ("render", lambda c, s: ["render", str(c), "-o", str(tmp / f"site-{s}")]),
        ("oversigt", lambda c, s: ["oversigt", str(c), "--dato", "2022-03-01", "--format", "json"]),
        ("kalender", lambda c, s: ["kalender", str(c), "-o", str(tmp / f"kalender-{s}.ics")]),
    ):
        mib = {size: peak_mib([*samtale_cmd(), *args(corpus, size)], env) for size, corpus in corpora.items()}
        shutil.rmtree(tmp / f"site-{small}", ignore_errors=True)
        shutil.rmtree(tmp / f"site-{large}", ignore_errors=True)
        if mib[small] is None or mib[large] is None:
            rows.append(Row(f"hukommelse, {name} {large} filer", note="ikke målt: kommandoen fejlede"))
            continue
        rows.append(Row.against(f"hukommelse, {name} {large} filer (én proces)", mib[large], "MiB",
                                f"samme ved {small} filer", mib[small], 1.5))
    shutil.rmtree(corpora[small], ignore_errors=True)
    return rows, corpora[large]


def render_rows(tmp: Path, corpus: Path, runs: int) -> list[Row]:
    """render on all cores against the floor on all cores (the target) and in one process."""
    floor = [sys.executable, str(HERE / "floor_render.py"), str(corpus)]
    n = sum(1 for _ in corpus.rglob("*.yaml"))
    t = turns({
        "samtale": [*samtale_cmd(), "render", str(corpus), "-o", str(tmp / "site")],
        "parallel": [*floor, str(tmp / "gulv-alle"), "--jobs", "0"],
        "one": [*floor, str(tmp / "gulv-en")],
    }, runs, warm=False)
    for folder in ("site", "gulv-alle", "gulv-en"):
        shutil.rmtree(tmp / folder, ignore_errors=True)
    return [
        Row.against(f"render, {n} filer, alle kerner", t["samtale"], "s", "gulvet på alle kerner", t["parallel"], 2.0),
        Row.against(f"render, {n} filer, alle kerner", t["samtale"], "s", "gulvet i én proces (README før)", t["one"], 2.0),
    ]


def single_rows(tmp: Path, runs: int) -> list[Row]:
    """One meeting as HTML and as Word, and importing that Word file, against floors."""
    import word_bundle

    workspace, one = tmp / "eksempler", tmp / "en"
    shutil.copytree(EXAMPLES, workspace)  # the meeting with its workspace and data files
    source = sorted((workspace / "laeringssamtaler").glob("*.yaml"))[0]
    one.mkdir()
    shutil.copy(source, one / source.name)  # the floor reads the one file
    html, docx_file = tmp / "en.html", tmp / "en.docx"
    render = [*samtale_cmd(), "render", str(source), "-o"]
    subprocess.run([*render, str(docx_file), "--format", "docx", "--force"], check=False, env=env_here(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not docx_file.exists():
        return [Row("enkelt dokument", note="ikke målt: render --format docx fejlede")]
    shape = json.dumps(word_bundle.shape_of(docx_file))
    read_floor = ("import sys, docx\nd = docx.Document(sys.argv[1])\ntext = [p.text for p in d.paragraphs]\n"
                  "cells = [c.text for t in d.tables for r in t.rows for c in r.cells]\n")
    t = turns({
        "html": [*render, str(html), "--force"],
        "html-floor": [sys.executable, str(HERE / "floor_render.py"), str(one), str(tmp / "en-gulv")],
        "word": [*render, str(tmp / "en2.docx"), "--format", "docx", "--force"],
        "word-floor": [sys.executable, "-c", word_bundle.FLOOR, shape, str(tmp / "gulv.docx")],
        "import": [*samtale_cmd(), "import", str(docx_file), "-o", str(source.with_name("ind.yaml")), "--force"],
        "import-floor": [sys.executable, "-c", read_floor, str(docx_file)],
    }, runs)
    return [
        Row.against("HTML af én læringssamtale", t["html"], "s", "gulvet på én fil", t["html-floor"], None),
        Row.against("Word af én læringssamtale", t["word"], "s", "python-docx, tilsvarende dokument", t["word-floor"], None),
        Row.against("import af én Word-fil", t["import"], "s", "python-docx åbner og læser den", t["import-floor"], None),
    ]


# --- the rows other scripts measure -------------------------------------------------------

SCRIPTS = {  # script -> (the rows it gives, arguments: normal, --hurtig)
    "word_bundle.py": (["Word-samling"], [], ["--hurtig"]),
    "pdf_bundle.py": (["PDF-samling"], [], ["--hurtig"]),
    "serve_load.py": (["serve: gem, første side, historikside"], [], ["--hurtig"]),
    "new_time.py": (["new ved 15.000 filer"], [], ["--hurtig"]),
}


def script_rows(script: str, quick: bool) -> list[Row]:
    names, normal, fast = SCRIPTS[script]
    path = HERE / script
    if not path.exists():
        return [Row(name, note=f"ikke målt: bench/{script} findes ikke") for name in names]
    supports = "--hurtig" in path.read_text(encoding="utf-8")
    args = fast if quick and supports else normal
    limit = 120 if quick and not supports else None
    try:
        done = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, env=env_here(),
                              timeout=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return [Row(name, note=f"ikke målt: bench/{script} tog over {limit} s (kender ikke --hurtig)") for name in names]
    rows = parse_bench(done.stdout)
    if rows is None:
        why = f"fejlede (kode {done.returncode})" if done.returncode else "skriver ingen BENCH-linje"
        return [Row(name, note=f"ikke målt: bench/{script} {why}") for name in names]
    return rows


# --- the table ---------------------------------------------------------------------------


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:.3f}" if unit == "s" and value < 10 else f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    head = ("række", "tal", "gulv/sammenligning", "gulvets tal", "forhold", "mål", "opfyldt")
    lines = []
    for r in rows:
        if r.note:
            lines.append((r.row, r.note, "", "", "", "", ""))
            continue
        met = "-" if r.met is None else "opfyldt" if r.met else "IKKE opfyldt"
        lines.append((r.row, number(r.figure, r.unit), r.peer or "", number(r.peer_figure, r.unit),
                      f"{r.ratio:.2f}x" if r.ratio is not None else "", r.target or "intet mål", met))
    measured = [line for line in lines if not line[1].startswith("ikke målt")]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *measured)]
    out = []
    for line in (head, *lines):
        if line[1].startswith("ikke målt"):
            out.append(f"{line[0]:<{widths[0]}}  {line[1]}")
        else:
            out.append("  ".join(f"{cell:<{w}}" for cell, w in zip(line, widths)).rstrip())
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hurtig", action="store_true", help="små størrelser, én runde: til at prøve på et minut")
    parser.add_argument("--runs", type=int, default=3, help="runder pr. tidsmåling (standard 3)")
    parser.add_argument("--store", type=int, default=15000, help="den store arbejdsmappe (standard 15000 filer)")
    parser.add_argument("--lille", type=int, default=150, help="den lille arbejdsmappe (standard 150 filer)")
    parser.add_argument("--kun", choices=("commit", "scripts", "hukommelse", "enkelt"),
                        help="kun én gruppe rækker: commit (check mod yamllint), scripts (de andre scripts i bench/), "
                             "hukommelse (hukommelse og render), enkelt (enkelte dokumenter)")
    args = parser.parse_args()
    small, large, runs = (50, 500, 1) if args.hurtig else (args.lille, args.store, args.runs)
    print(f"Maskine: {machine()}", flush=True)
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        compile_src()
        if args.kun in (None, "commit"):
            rows += commit_rows(tmp, 3 if args.hurtig else max(runs, 10))
        if args.kun in (None, "scripts"):
            for script in SCRIPTS:
                rows += script_rows(script, args.hurtig)
        if args.kun in (None, "hukommelse"):
            memory, corpus = memory_rows(tmp, small, large)
            rows += memory
            rows += render_rows(tmp, corpus, runs)
            shutil.rmtree(corpus, ignore_errors=True)
        if args.kun in (None, "enkelt"):
            rows += single_rows(tmp, 1 if args.hurtig else max(runs, 5))
    print(table(rows))
    print(f"\n{'hurtig prøve (små størrelser): ikke issue 26s tal; ' if args.hurtig else ''}"
          f"målt på {time.perf_counter() - started:.0f} s. Forhold: tallet delt med gulvets tal; tiderne er medianer "
          "af kørsler på skift, hukommelsen er højeste RSS.")
    print(bench_line(rows))
    if _SCRIPT:
        shutil.rmtree(_SCRIPT[0].parent, ignore_errors=True)


if __name__ == "__main__":
    main()
