"""The paths that keep render, oversigt and kalender flat in memory (issue 26) give the
same bytes as the plain ones: the slim documents spilled to the disk
(:mod:`samtale_cli.check.spill`) and kalender's events streamed from it. And what a
survey keeps per file stays small."""

from __future__ import annotations

import gc
import json
import pickle
import shutil
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import EXAMPLES, samtale
from samtale_cli.check import spill as spill_module
from samtale_cli.check.followup import Linked
from samtale_cli.check.runs import survey
from samtale_cli.check.spill import Spill, Spilled

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))  # after tests/: bench/word.py is no tests/word


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples grown to 120 files as bench/bench.py grows them (meetings, plans and
    sheets, each sheet after its own meeting)."""
    import bench

    root = tmp_path_factory.mktemp("hukommelse") / "arbejdsmappe"
    bench.make_corpus(root, 120)
    return root


class Plain(Spill):
    """A spill that keeps everything in memory: the plain path, to compare with."""

    def linked(self, found: Linked) -> Linked:  # type: ignore[override]
        return found


def test_a_spilled_document_reads_back_equal_and_crosses_processes_whole(corpus: Path) -> None:
    from samtale_cli.reports.overview import overview_facts

    run = survey([corpus], corpus, overview_facts, False, jobs=1)
    spill = Spill()
    for brief in run.documents[:40]:
        found = brief.facts
        spilled = spill.linked(found)
        assert isinstance(spilled, Spilled)
        assert (spilled.path, spilled.refs, spilled.workspace) == (found.path, found.refs, found.workspace)
        assert spilled.model == found.model
        assert type(spilled.model) is type(found.model)
        assert pickle.loads(pickle.dumps(spilled)) == Linked(found.path, found.model, found.refs, found.workspace)
    # read back in another order than written, past the few that are kept
    for brief in reversed(run.documents[:40]):
        assert spill.get(spill.linked(brief.facts)._where) == brief.facts.model


@pytest.mark.parametrize("ansvarlig", [None, "pædagogisk leder"])
def test_oversigt_spilled_equals_plain(corpus: Path, ansvarlig: str | None) -> None:
    import datetime as dt

    from samtale_cli.check.workspace import Workspace
    from samtale_cli.reports.overview import overview, overview_facts

    ws = Workspace.at(corpus)
    assert ws is not None
    made = []
    for settle in (Plain().settle, Spill().settle):
        for jobs in (1, 2):
            run = survey([corpus], corpus, overview_facts, ansvarlig is not None, jobs=jobs, settle=settle)
            for day in (dt.date(2022, 3, 1), dt.date(2025, 6, 1), dt.date(2030, 1, 1)):
                made.append(json.dumps(overview(run, corpus, ws.model, day, ansvarlig), ensure_ascii=False))
    half = len(made) // 2
    assert made[:half] == made[half:]
    assert len(set(made[:3])) == 3  # the days differ: the comparison means something


def test_kalender_streamed_equals_whole(corpus: Path) -> None:
    from samtale_cli.reports.calendar import Spool, calendar_bytes, calendar_chunks, calendar_part, source_date_epoch

    stamp = source_date_epoch()
    whole = calendar_bytes(survey([corpus], corpus, calendar_part, (corpus, stamp), jobs=1).documents, corpus, stamp)
    for jobs in (1, 2):
        with Spool() as spool:
            run = survey([corpus], corpus, calendar_part, (corpus, stamp), jobs=jobs, settle=spool)
            assert all(b.facts is None or not b.facts.events for b in run.documents)  # on the disk
            assert b"".join(calendar_chunks(run.documents, corpus, stamp, spool)) == whole
    assert whole.count(b"BEGIN:VEVENT") > 100


def test_kalender_command_writes_the_same_bytes_as_before(tmp_path: Path) -> None:
    """The command streams; the result is the whole calendar of the examples."""
    from samtale_cli.reports.calendar import calendar_bytes, calendar_part, source_date_epoch

    root = tmp_path / "eks"
    shutil.copytree(EXAMPLES, root)
    out = tmp_path / "k.ics"
    samtale("kalender", root, "-o", out)
    stamp = source_date_epoch()
    run = survey([root], Path.cwd(), calendar_part, (root, stamp), jobs=1)
    assert out.read_bytes() == calendar_bytes(run.documents, root, stamp)


def test_render_spilled_equals_plain(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from samtale_cli.out import site
    from samtale_cli.out.html import Renderer

    def render(out: Path, jobs: int) -> dict[str, bytes]:
        site.render_site(corpus, out, corpus, Renderer(today=dt.date(2025, 6, 1)), ["html", "md"], jobs=jobs)
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    spilled = render(tmp_path / "a", 1)
    assert render(tmp_path / "b", 2) == spilled
    monkeypatch.setattr(site, "Spill", Plain)
    plain = render(tmp_path / "c", 1)
    assert plain == spilled
    assert any(name.endswith("historik.html") for name in plain)


def test_what_a_survey_keeps_per_file_is_small(corpus: Path) -> None:
    """With the slim documents on the disk, oversigt keeps well under 2 KB per file
    (each slim document in memory was some 9 KB on average, a meeting 16 KB)."""
    from samtale_cli.reports.overview import overview_facts

    survey([corpus], corpus, overview_facts, False, jobs=1)  # imports, caches: not per file
    kept = {}
    for name, settle in (("plain", None), ("spilled", Spill().settle)):
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            run = survey([corpus], corpus, overview_facts, False, jobs=1, settle=settle)
            gc.collect()
            kept[name] = (tracemalloc.get_traced_memory()[0] - before) / len(run.documents)
        finally:
            tracemalloc.stop()
        del run
    assert kept["spilled"] < 2048, kept
    assert kept["spilled"] < kept["plain"] / 3, kept


def test_spill_module_keeps_few_models() -> None:
    spill = Spill()
    places = [spill.put({"n": n}) for n in range(spill_module.RECENT * 3)]
    assert [spill.get(p)["n"] for p in places] == list(range(spill_module.RECENT * 3))
    assert len(spill._recent) == spill_module.RECENT


def test_referrers_by_the_run_s_checker_equal_those_of_a_run_of_their_own(corpus: Path) -> None:
    """render's workers find a meeting's sheets with one checker per run; the sheets
    are those a run of the candidates alone finds, in the same order."""
    from samtale_cli.check.discover import discover, sniffed_referrers
    from samtale_cli.check.runs import referrer_checker, run, with_referrers

    files = list(discover([corpus]))
    candidates = sniffed_referrers(files)
    meetings = [c for c in run([corpus], corpus, documents=True).documents if c.path in candidates]
    assert len(meetings) > 10
    token = object()
    found = 0
    for meeting in meetings:
        alone = [c.path for c in with_referrers(meeting, corpus, candidates[meeting.path]).referrers]
        shared = with_referrers(meeting, corpus, candidates[meeting.path], referrer_checker(corpus, token)).referrers
        assert [c.path for c in shared] == alone
        found += len(alone)
        assert all(c.usable and c.doc.data is None for c in shared)  # lightened, as a run keeps them
    assert found >= len(meetings) // 2  # sheets were found: the comparison means something
    assert referrer_checker(corpus, token) is referrer_checker(corpus, token)
    assert referrer_checker(corpus, object()) is not referrer_checker(corpus, token)


# --- render's site without a Path, a page or an entry per file held at once (issue 26) --


def _site_briefs(corpus: Path) -> list:
    from samtale_cli.check.checker import Brief
    from samtale_cli.check.runs import run
    from samtale_cli.out.pages import site_facts

    return [Brief.of(c, site_facts) for c in run([corpus], corpus, documents=True).documents]


def _views(pages: list, renderer) -> dict[str, str]:  # noqa: ANN001
    return {p.rel.as_posix(): renderer.render_page(p) for p in pages if p.shows_a_view}


def test_site_pages_views_only_are_the_views_of_all_pages(corpus: Path) -> None:
    """render asks for the index and history pages only, each index's view made when it
    is written; they are the views serve's whole list of pages has."""
    import datetime as dt

    from samtale_cli.out.html import Renderer
    from samtale_cli.out.pages import site_pages

    briefs = _site_briefs(corpus)
    renderer = Renderer(today=dt.date(2025, 6, 1))
    whole = site_pages(corpus, briefs, ["html", "md"])
    only = site_pages(corpus, briefs, ["html", "md"], views_only=True)
    assert all(p.shows_a_view and p.view is None for p in only)  # no document pages, no view made yet
    assert len(whole) > len(only) > 5
    made = _views(only, renderer)
    assert made == _views(whole, renderer)
    assert sum(page.count("<li") for page in made.values()) > 100  # the entries are there


def test_planned_pages_are_those_of_the_paths_joined(corpus: Path) -> None:
    """A site's plan keeps a folder and the documents per file; the pages it gives are
    those PurePosixPath made for each file before."""
    from pathlib import PurePosixPath

    from samtale_cli.check.discover import discover, sniffed_kind
    from samtale_cli.out.pages import output_name, site_rel
    from samtale_cli.out.site import plan, targets

    files = list(discover([corpus]))
    for document in (None, "referat", "indsatsplan"):
        planned = plan(corpus, files, ["html", "pdf"], document)
        before = {}
        for path in files:
            kind, rel = sniffed_kind(path), site_rel(corpus, path)
            if kind is None or rel is None or (document is not None and document not in kind.renderings):
                continue
            docs = kind.renderings
            before[path] = [(d, f, (rel / output_name(path, d, f, single=len(docs) == 1)).as_posix())
                            for d in docs for f in ["html", "pdf"]]
        assert {path: planned[path] for path in planned} == before
        assert planned.get(corpus / "nowhere.yaml", []) == [] and len(planned) == len(before) > 0
        old = [rel for pages in before.values() for _d, _f, rel in pages]
        folders = {p for rel in old for p in PurePosixPath(rel).parents}
        assert targets(planned) == old + sorted((f / "index.html").as_posix() for f in folders)


def test_history_pages_with_small_caches_are_the_same(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history pages keep a bounded number of documents' addresses; with room for
    one only they are the same bytes."""
    import datetime as dt

    from samtale_cli.out import history, pages
    from samtale_cli.out.html import Renderer
    from samtale_cli.out.pages import site_pages

    briefs = _site_briefs(corpus)
    renderer = Renderer(today=dt.date(2025, 6, 1))
    roomy = _views(site_pages(corpus, briefs, ["html"], views_only=True), renderer)
    monkeypatch.setattr(history, "LINKS_KEPT", 1)
    monkeypatch.setattr(pages, "TARGETS_KEPT", 1)
    assert _views(site_pages(corpus, briefs, ["html"], views_only=True), renderer) == roomy
    assert sum(1 for name in roomy if "historik" in name) > 3  # split into years: several pages link


def test_a_survey_that_keeps_errors_only_finds_the_same_errors(corpus: Path, tmp_path: Path) -> None:
    """render, oversigt and kalender report errors only: their survey does not hold every
    warning of a large workspace. The errors and the documents are those of a whole run."""
    from samtale_cli.reports.overview import overview_facts

    root = tmp_path / "ws"
    shutil.copytree(corpus, root)
    broken = sorted((root / "laeringssamtaler").glob("*.yaml"))[3]
    broken.write_text(broken.read_text(encoding="utf-8").replace("dato:", "dato: ikke en dato #", 1), encoding="utf-8")
    whole = survey([root], root, overview_facts, False, jobs=1)
    for jobs in (1, 2):
        errors = survey([root], root, overview_facts, False, jobs=jobs, errors_only=True)
        assert errors.findings == whole.errors
        assert [b.path for b in errors.documents] == [b.path for b in whole.documents]
        assert [b.path for b in errors.skipped] == [b.path for b in whole.skipped]
    assert whole.errors and len(whole.findings) > len(whole.errors)  # warnings were left out


def test_render_site_counts_its_pages_and_checks_late_pages_against_the_inputs(corpus: Path, tmp_path: Path) -> None:
    """render_site counts the files it wrote (no Path per page held). A history page
    known only after the documents are made is checked against the inputs that it may
    lead to (:func:`samtale_cli.out.site._inputs_among`), as against all of them."""
    import datetime as dt

    from samtale_cli.check.discover import discover
    from samtale_cli.core.files import resolved
    from samtale_cli.out import site
    from samtale_cli.out.html import Renderer

    first = tmp_path / "first"
    count, _run = site.render_site(corpus, first, corpus, Renderer(today=dt.date(2025, 6, 1)), ["html"], jobs=1)
    assert count == sum(1 for p in first.rglob("*") if p.is_file()) > 100
    planned = site.plan(corpus, list(discover([corpus])), ["html"], None)
    meeting = sorted((corpus / "laeringssamtaler").glob("*.yaml"))[0]
    link = tmp_path / "historik-2021.html"
    link.symlink_to(meeting)
    pages = [link, first / "historik.html", tmp_path / "ikke-her.html"]
    among = site._inputs_among(planned, pages)
    assert among == {p.resolve() for p in pages if p.exists()} & resolved(planned) == {meeting.resolve()}
    assert site._inputs_among(planned, [tmp_path / "ikke-her.html"]) == frozenset()


def test_oversigt_numbers_agreements_of_more_meetings_than_the_spill_keeps(corpus: Path, tmp_path: Path) -> None:
    """An agreement's 'nr' is its place in its meeting, also when the meeting's model was
    read back from the disk since (more meetings with open agreements than the spill
    keeps: the place was looked up by identity, and oversigt failed)."""
    import datetime as dt
    import re

    from samtale_cli.check.workspace import Workspace
    from samtale_cli.reports.overview import overview, overview_facts

    root = tmp_path / "ws"
    shutil.copytree(corpus, root)
    meetings = sorted((root / "laeringssamtaler").glob("*.yaml"))
    assert len(meetings) > spill_module.RECENT + 5
    for i, path in enumerate(meetings):  # every meeting's agreements its own: none carried over
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^(\s*- hvad: )(.*)$", lambda m: f"{m[1]}{m[2]} ({i})", text), encoding="utf-8")
    ws = Workspace.at(root)
    assert ws is not None
    made = []
    for settle in (Plain().settle, Spill().settle):
        run = survey([root], root, overview_facts, False, jobs=1, settle=settle)
        made.append(overview(run, root, ws.model, dt.date(2030, 1, 1)))
    assert made[0] == made[1]
    numbers = [(a["fil"], a["nr"]) for a in made[1]["aftaler"]]
    assert len({fil for fil, _nr in numbers}) > spill_module.RECENT  # many meetings: the comparison means something
    assert len(set(numbers)) == len(numbers) and min(nr for _f, nr in numbers) == 1


def test_a_sheet_s_siblings_are_read_only_as_far_as_they_are_looked_through(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second-sheet rule looks through the first MAX_SIBLINGS YAML files of a folder
    by name; only those are read and kept (the names of every file of a folder of
    thousands were). The siblings are those it looked through before."""
    import os

    from samtale_cli.check.rules import sheet

    folder = max({p.parent for p in corpus.rglob("opmaerksomhedspunkter-*.yaml")}, key=lambda f: len(os.listdir(f)))
    kept = len(os.listdir(folder)) - 3
    monkeypatch.setattr(sheet, "MAX_SIBLINGS", kept)
    monkeypatch.setattr(sheet, "_NAMES", {})

    class Ctx:
        memo: dict = {}

    found = sheet._siblings(Ctx(), folder)  # type: ignore[arg-type]
    assert len(sheet._NAMES) == kept < len(os.listdir(folder))
    before = []
    for entry in os.scandir(folder):
        if entry.name.endswith((".yaml", ".yml")) and entry.name[:1] != "." and not entry.is_symlink():
            info = entry.stat()
            before.append((entry.name, sheet._named_meetings(entry.path, info.st_size, info.st_mtime_ns)))
    assert found == sorted(before)[:kept]
    assert any(names for _name, names in found)  # sheets that name their meeting: the comparison means something
