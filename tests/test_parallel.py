"""`check` in worker processes gives exactly what it gives in one process."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, MEETING, SHEET_DERUDA, SRC, WORKSPACE, Eks, samtale
from samtale_cli.check import workers
from samtale_cli.check.checker import Checker, REFERENCE_CACHE
from samtale_cli.check.discover import discover
from samtale_cli.check.runs import check, check_parallel
from samtale_cli.check.workers import cores, default_jobs


def broken_workspace(root: Path, copies: int = 40) -> Path:
    """The examples plus ``copies`` meetings and sheets, each with one line deleted."""
    shutil.copytree(EXAMPLES, root)
    rnd = random.Random(5)
    meeting_lines = (root / MEETING).read_text(encoding="utf-8").split("\n")
    sheet_lines = (root / SHEET_DERUDA).read_text(encoding="utf-8").split("\n")
    for i in range(copies):
        for lines, target in ((meeting_lines, root / MEETING), (sheet_lines, root / SHEET_DERUDA)):
            kept = list(lines)
            del kept[rnd.randrange(len(kept))]
            target.with_name(f"{target.stem}-{i:02d}.yaml").write_text("\n".join(kept), encoding="utf-8")
    # a workspace finding, which every worker meets: it must be reported once
    ws = root / WORKSPACE
    text = ws.read_text(encoding="utf-8")
    ws.write_text(text.replace("  - Vuggestuen Kernehuset\n", "  - Vuggestuen Kernehuset\n  - vuggestuen kernehuset\n", 1),
                  encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return broken_workspace(tmp_path_factory.mktemp("par") / "eks")


def test_workers_find_exactly_what_one_process_finds(many: Path) -> None:
    alone = check([many], many, jobs=1)
    files = list(discover([many]))
    together: set = set()
    check_parallel(files, many, 2, together)  # raises if the pool cannot start
    assert sorted(together) == alone
    assert len({d.file for d in alone}) > 15  # the copies that lost more than a comment
    assert [d.code for d in alone if d.file == WORKSPACE] == ["W305"]


def test_spawned_workers_as_on_windows_and_macos(many: Path) -> None:
    files = list(discover([many]))[:40]
    together: set = set()
    check_parallel(files, many, 2, together, method="spawn")
    assert sorted(together) == check(files, many, jobs=1)


def test_a_spawned_worker_importing_main_does_not_run_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    """Spawn runs the parent's main module again as __mp_main__: it must only import."""
    import runpy

    runpy.run_module("samtale_cli.__main__", run_name="__mp_main__")
    assert capsys.readouterr() == ("", "")


def test_check_with_two_jobs_is_sorted_and_identical(many: Path) -> None:
    assert check([many], many, jobs=2) == check([many], many, jobs=1)


def test_without_multiprocessing_check_falls_back_to_one_process(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    def refuse(*_args: object) -> None:
        raise OSError("no semaphores here")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    assert check([many], many, jobs=2) == check([many], many, jobs=1)


def test_few_files_stay_in_one_process() -> None:
    assert default_jobs(0) == 1
    assert default_jobs(workers.FILES_PER_JOB - 1) == 1
    assert default_jobs(100_000) == cores()


def test_referenced_meetings_are_not_all_kept(tmp_path: Path) -> None:
    """Memory stays flat: a checker keeps only the last REFERENCE_CACHE referenced files."""
    checker = Checker(tmp_path)
    for i in range(REFERENCE_CACHE + 10):
        path = tmp_path / f"m{i}.yaml"
        path.write_text("type: læringssamtale\n", encoding="utf-8")
        checker.read_reference(path)
    assert len(checker._refs) == REFERENCE_CACHE
    assert tmp_path / "m0.yaml" not in checker._refs


def test_cli_output_is_the_same_with_one_or_two_jobs(many: Path) -> None:
    one = samtale("check", ".", cwd=many, process=True, env={"SAMTALE_JOBS": "1"})
    two = samtale("check", ".", cwd=many, process=True, env={"SAMTALE_JOBS": "2"})
    assert one.code == two.code == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 15
    assert one.stderr == two.stderr


@pytest.mark.parametrize("value", ["0", "-1", "to", "2.5", "²"])
def test_bad_samtale_jobs_is_a_usage_error(eks: Eks, value: str) -> None:
    done = samtale("check", ".", cwd=eks.root, env={"SAMTALE_JOBS": value})
    assert done.code == 2
    assert "SAMTALE_JOBS skal være et helt tal på mindst 1" in done.stderr


def _children_file_exists() -> bool:
    import os

    return Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists()


@pytest.mark.skipif(not _children_file_exists(), reason="reads worker processes from /proc/PID/task/PID/children (Linux)")
def test_ctrl_c_stops_the_workers_without_a_traceback(tmp_path: Path) -> None:
    """Ctrl-C while the workers run: exit 130, one Danish line, no worker tracebacks."""
    import os
    import signal
    import subprocess
    import sys
    import time

    root = broken_workspace(tmp_path / "eks", copies=600)
    env = dict(os.environ, SAMTALE_JOBS="2", PYTHONPATH=str(SRC))
    proc = subprocess.Popen(
        [sys.executable, "-m", "samtale_cli", "check", "."], cwd=root, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if len(children.read_text().split()) >= 2:  # the pool's workers have started
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err == "samtale: afbrudt.\n"


@pytest.fixture(scope="module")
def valid_many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples with every plan and sheet copied 20 times: enough usable files to
    spread over two workers. A sheet's copy follows a copy of its meeting (two sheets of
    one department for one meeting are an error, O504)."""
    import re

    root = tmp_path_factory.mktemp("gyldige") / "eks"
    shutil.copytree(EXAMPLES, root)
    meetings = root / "laeringssamtaler"
    for source in sorted((root / "afdelinger").rglob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        meeting = re.search(r"(?m)^læringssamtale: .*/([^/\n]+)\.yaml$", text)
        for i in range(20):
            copy = text
            if meeting:
                twin = meetings / f"{meeting[1]}-{i:02d}.yaml"
                if not twin.exists():
                    shutil.copyfile(meetings / f"{meeting[1]}.yaml", twin)
                copy = text.replace(f"/{meeting[1]}.yaml", f"/{twin.name}")
            source.with_name(f"{source.stem}-{i:02d}.yaml").write_text(copy, encoding="utf-8")
    return root


@pytest.mark.parametrize("args", [
    ["kalender", ".", "-o", "{out}/k.ics"],
    ["oversigt", ".", "--dato", "2025-09-01", "--format", "json"],
    ["oversigt", ".", "--dato", "2025-09-01", "--ansvarlig", "pædagogisk leder"],
], ids=["kalender", "oversigt", "oversigt-ansvarlig"])
def test_kalender_and_oversigt_are_the_same_in_workers(valid_many: Path, tmp_path: Path, args: list[str]) -> None:
    """Both survey the files in workers (keeping a small part of each); the output is
    the one process's, byte for byte."""
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        out.mkdir()
        done = samtale(*[a.format(out=out) for a in args], cwd=valid_many, process=True, env={"SAMTALE_JOBS": jobs})
        assert done.code == 0, done.stderr
        outputs.append((out / "k.ics").read_bytes() if args[0] == "kalender" else done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"BEGIN:VEVENT" if args[0] == "kalender" else "\n") > 100


def test_kalender_and_oversigt_from_briefs_are_what_the_documents_give(valid_many: Path) -> None:
    """The survey's small parts give what the whole documents gave."""
    import datetime as dt

    from samtale_cli.reports.calendar import calendar_bytes, calendar_part
    from samtale_cli.reports.overview import overview, overview_facts
    from samtale_cli.check.runs import run, survey

    whole = run([valid_many], valid_many, documents=True)
    stamp = dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc)
    briefs = survey([valid_many], valid_many, calendar_part, (valid_many, stamp), jobs=1)
    assert calendar_bytes(briefs.documents, valid_many, stamp) == calendar_bytes(
        whole.briefly(calendar_part, (valid_many, stamp)).documents, valid_many, stamp)
    day = dt.date(2025, 9, 1)
    for who in (None, "pædagogisk leder", "Merete Juhl"):
        slim = survey([valid_many], valid_many, overview_facts, who is not None, jobs=1)
        assert overview(slim, valid_many, None, day, who) == overview(
            whole.briefly(overview_facts, who is not None), valid_many, None, day, who)


def test_grouped_puts_each_meeting_right_after_the_files_that_refer_to_it() -> None:
    from samtale_cli.check.runs import grouped

    p = {name: Path(f"/w/{name}") for name in ("a1", "a2", "b1", "m1", "m2", "x")}
    numbered = list(enumerate([p["a1"], p["a2"], p["b1"], p["m1"], p["m2"], p["x"]]))
    together = {p["m1"]: [p["a1"], p["b1"]], p["m2"]: [p["a2"]], Path("/w/udenfor"): [p["x"]]}
    order = [path.name for _i, path in grouped(numbered, together)]
    assert order == ["a1", "b1", "m1", "a2", "m2", "x"]
    assert sorted(grouped(numbered, together)) == numbered  # every file once, with its own number


def test_a_large_run_reads_each_meeting_once_and_finds_what_it_found_before(valid_many: Path, monkeypatch) -> None:
    """With more files than the reference cache holds, the sheets of a meeting are checked
    right after it (runs.grouped), so the meeting is read once, not once per sheet; the
    findings are those of the run in the files' own order."""
    from samtale_cli.check import checker as checker_module
    from samtale_cli.check import runs

    files = list(discover([valid_many]))
    assert len(files) > REFERENCE_CACHE
    reads: list[Path] = []
    real = checker_module.read

    def counted(path: Path, *args, **kwargs):
        reads.append(path.resolve())
        return real(path, *args, **kwargs)

    monkeypatch.setattr(checker_module, "read", counted)
    grouped_run = runs.run([valid_many], valid_many, jobs=1)
    meetings = [f for f in reads if f.parent.name == "laeringssamtaler"]
    assert len(meetings) == len(set(meetings)), "a meeting was read more than once"
    reads.clear()
    monkeypatch.setattr(runs, "sniffed_referrers", lambda files: {})
    plain_run = runs.run([valid_many], valid_many, jobs=1)
    assert len([f for f in reads if f.parent.name == "laeringssamtaler"]) > len(meetings)
    assert grouped_run.findings == plain_run.findings


def test_a_large_render_reads_every_file_once(valid_many: Path, tmp_path: Path, monkeypatch) -> None:
    """In a site's render each meeting comes right after its sheets (runs.grouped): the
    sheets find the meeting read, and the meeting's sheets page finds the sheets checked
    (runs.with_referrers), so no file is read twice; the site is the one made without that."""
    from collections import Counter

    from samtale_cli.check import checker as checker_module
    from samtale_cli.check import runs

    reads: Counter[Path] = Counter()
    real = checker_module.read

    def counted(path: Path, *args, **kwargs):
        reads[path.resolve()] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(checker_module, "read", counted)
    monkeypatch.setenv("SAMTALE_JOBS", "1")
    assert samtale("render", valid_many, "-o", tmp_path / "site", "--format", "html").code == 0
    twice = {p.name: n for p, n in reads.items() if n > 1 and p.name != WORKSPACE}
    assert not twice
    monkeypatch.setattr(runs, "sniffed_referrers", lambda files: {})
    assert samtale("render", valid_many, "-o", tmp_path / "plain", "--format", "html").code == 0
    made = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*") if p.is_file())
    for rel in made:
        assert (tmp_path / "site" / rel).read_bytes() == (tmp_path / "plain" / rel).read_bytes(), rel
