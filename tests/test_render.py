"""Tests for 'samtale render': golden files, clock times, escaping, PDF, folders, templates.

Regenerate the golden files after an intended change with:

    SAMTALE_UPDATE_GOLDEN=1 python3 -m pytest tests/test_render.py -q
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import conftest
from conftest import EXAMPLES, Eks, examples, samtale
from samtale_cli.out import markdown
from samtale_cli.core.files import HTML_MARK, TEXT_MARK
from samtale_cli.out.html import Renderer, builtin_template_dirs, marked, marked_stream
from samtale_cli.check.checker import Brief
from samtale_cli.out.pages import Page, load, site_facts, site_pages
from samtale_cli.out.views import build_view
from samtale_cli.out.views.meeting import meeting_view
from samtale_cli.out.views.plan import plan_view
from samtale_cli.out.views.sheet import sheets_view
from samtale_cli.core.kinds import RENDERINGS

GOLDEN = Path(__file__).resolve().parent / "golden"
MEETING = EXAMPLES / conftest.MEETING
MEETING_2025 = EXAMPLES / conftest.MEETING_2025
PLAN = EXAMPLES / conftest.PLAN
PLAN_2025 = EXAMPLES / conftest.PLAN_2025
SHEETS = [EXAMPLES / rel for rel in sorted(conftest.SHEETS)]
TODAY = dt.date(2022, 3, 1)  # inside the example plan, so the "today" mark is covered
UPDATE = os.environ.get("SAMTALE_UPDATE_GOLDEN") == "1"

CASES = (
    [(meeting, doc) for meeting in (MEETING, MEETING_2025) for doc in ("dagsorden", "referat", "opmærksomhedspunkter")]
    + [(path, "opmærksomhedspunkter") for path in SHEETS]
    + [(PLAN, "indsatsplan"), (PLAN_2025, "indsatsplan")]
)


def _golden_name(path: Path, document: str, fmt: str) -> str:
    return f"{path.parent.name}--{path.stem}--{RENDERINGS[document].template}.{fmt}"


SHARED_STYLE = (Path(builtin_template_dirs()[0]) / "stil.css.j2").read_text(encoding="utf-8")


def _without_style(html: str) -> str:
    """HTML without the shared stylesheet (compared once, in test_stylesheet); a
    document's own rules stay."""
    assert html.count(SHARED_STYLE) == 1, "the shared stylesheet is not in the page"
    return html.replace(SHARED_STYLE, "/* stil.css */\n")


# --------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("path", "document"), CASES, ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_golden(path: Path, document: str, fmt: str) -> None:
    text = Renderer(today=TODAY).render(load(path), document, fmt)
    output = (_without_style(text) if fmt == "html" else text).encode("utf-8")
    golden = GOLDEN / _golden_name(path, document, fmt)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(output)
    assert golden.exists(), f"{golden.name} mangler; kør med SAMTALE_UPDATE_GOLDEN=1"
    assert output == golden.read_bytes()


def _history_pages() -> dict[str, Page]:
    from samtale_cli.check.runs import run

    sources = run([EXAMPLES], EXAMPLES, documents=True).documents
    return {p.rel.as_posix(): p for p in site_pages(EXAMPLES, [Brief.of(c, site_facts) for c in sources], ["html"]) if p.template == "historik"}


@pytest.mark.parametrize("rel", ["historik.html", "afdelinger/vuggestuen-kernehuset/historik.html"])
def test_golden_history(rel: str) -> None:
    html = str(Renderer(today=TODAY).render_page(_history_pages()[rel]))
    golden = GOLDEN / f"{rel.replace('/', '--').removesuffix('.html')}.html"
    output = _without_style(html).encode("utf-8")
    if UPDATE:
        golden.write_bytes(output)
    assert golden.exists(), f"{golden.name} mangler; kør med SAMTALE_UPDATE_GOLDEN=1"
    assert output == golden.read_bytes()


def test_stylesheet() -> None:
    """The one stylesheet every HTML document carries (each golden file checks that its
    page holds it, exactly once), compared with its golden copy once."""
    golden = GOLDEN / "stil.css"
    if UPDATE:
        golden.write_text(SHARED_STYLE, encoding="utf-8")
    assert SHARED_STYLE == golden.read_text(encoding="utf-8")


def test_output_is_byte_identical_between_processes(tmp_path: Path) -> None:
    """Two separate runs (different hash seeds, so set and dict order could differ) write
    the same bytes: git sees no change when nothing changed."""
    outputs = []
    for seed in ("1", "2"):
        site = tmp_path / f"site{seed}"
        done = samtale("render", EXAMPLES, "-o", site, "--format", "md", process=True, env={"PYTHONHASHSEED": seed})
        assert done.code == 0, done.stderr
        outputs.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10


# --------------------------------------------------------------------- content


def test_dagsorden_clock_times() -> None:
    view = meeting_view(load(MEETING).model)
    plenum, leadership = view["parts"]
    items = plenum["items"] + leadership["items"]
    assert view["start"] == "13:00" and view["end"] == "16:00"
    assert (items[0]["topic"], items[0]["time"]) == ("Velkomst", "13:00–13:05")
    assert plenum["time"] == "13:00–15:00" and leadership["time"] == "15:00–16:00"
    assert items[-1]["end"] == "16:00"
    data = next(i for i in items if i["topic"] == "Data")
    assert data["duration"] == "ca. 35 min" and data["time"] == "13:10–13:45"
    pauses = [i for i in items if i["pause"]]
    assert pauses and all(i["number"] is None for i in pauses)
    assert [i["number"] for i in items if not i["pause"]] == list(range(1, 13))

    md = Renderer().render(load(MEETING), "dagsorden", "md")
    assert "mandag den 13. maj 2024" in md
    assert "| 1 | 13:00–13:05<br>5 min | **Velkomst** |" in md
    assert "| 12 | 15:45–16:00<br>ca. 15 min | **Afrunding og næste skridt** |" in md
    assert "|  | 14:15–14:25<br>ca. 10 min | *Pause* |" in md
    assert "Mødet slutter kl. 16:00." in md


def test_referat_has_participants_data_and_landmarks() -> None:
    html = Renderer().render(load(MEETING), "referat", "html")
    assert '<html lang="da">' in html and "<style>" in html
    assert not re.search(r'(src|href)="https?:', html)  # no remote assets
    assert "<h3>Børnehuset Derudá</h3>" in html
    assert "Opsamling på det samlede tilsyn i dagtilbuddet <span class=\"obligatorisk\">(obligatorisk)</span>" in html
    assert "<h2>Pejlemærker</h2>" in html and "<strong>Referent:</strong> Jonas Gregersen" in html
    assert "<strong>Pointer fra opsamling af analyse af data</strong>" in html  # referat Markdown


def test_script_is_escaped_in_html(eks: Eks) -> None:
    meeting = eks.path(conftest.MEETING)
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("  - emne: Velkomst\n", "  - emne: Velkomst <script>alert(1)</script>\n", 1)
    text = text.replace(
        "      Deltagerne præsenterede sig med navn og funktion.\n",
        "      Deltagerne præsenterede sig. <script>alert(2)</script> <img src=x onerror=alert(3)>\n"
        "      [klik](javascript:alert(4))\n",
        1,
    )
    meeting.write_text(text, encoding="utf-8")
    result = samtale("render", str(meeting), "--format", "html")
    assert result.code == 0, result.stderr
    html = result.stdout
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html
    assert "Velkomst &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    md = samtale("render", str(meeting), "--format", "md").stdout
    assert "<script" not in md and "<img" not in md  # raw HTML in Markdown output is text too
    assert "Velkomst &lt;script&gt;alert(1)&lt;/script&gt;" in md


def test_pipes_do_not_break_markdown_tables(eks: Eks) -> None:
    meeting = eks.path(conftest.MEETING)
    text = meeting.read_text(encoding="utf-8").replace("emne: Velkomst\n", "emne: Velkomst | hej\n", 1)
    meeting.write_text(text, encoding="utf-8")
    md = samtale("render", str(meeting), "--dokument", "dagsorden", "--format", "md").stdout
    assert "**Velkomst \\| hej**" in md


def test_sheets_from_meeting_one_per_department() -> None:
    view = sheets_view(load(MEETING).model, load(MEETING).workspace)
    assert len(view["sheets"]) == 9
    assert all(s["blank"] and len(s["decision"]) == 3 for s in view["sheets"])
    deruda = load(EXAMPLES / "afdelinger" / "boernehuset-deruda" / "opmaerksomhedspunkter-2024-05-13.yaml")
    filled = build_view(deruda, "opmærksomhedspunkter")["sheets"]
    assert len(filled) == 1 and len(filled[0]["decision"]) == 3  # default: the meeting's pejlemærker


def test_plan_timeline_and_today() -> None:
    source = load(PLAN)
    inside = plan_view(source.model, today=TODAY)
    assert inside["timeline"]["today"] is not None
    assert plan_view(source.model, today=dt.date(2030, 1, 1))["timeline"]["today"] is None
    assert plan_view(source.model)["timeline"]["today"] is None
    meetings = inside["phases"][3]["meetings"][0]
    assert meetings["dates"][0] == "mandag 10. januar 2022" and len(meetings["dates"]) == 8
    md = Renderer(today=TODAY).render(source, "indsatsplan", "md")
    assert "```mermaid\ngantt" in md and ":milestone, 2021-08-23, 0d" in md
    html = Renderer(today=TODAY).render(source, "indsatsplan", "html")
    assert html.count("<svg") == 1 and "I dag" in html
    for heading in ("Hvad vil vi opnå?", "Hvorfor vil vi opnå dette?", "Vidensgrundlag", "Fremmere",
                    "Hæmmere", "Hvordan vil vi evaluere", "Er dette et relevant mål?"):
        assert heading in html and heading in md


# --------------------------------------------------------------------- PDF


def test_pdf_one_page_per_department(tmp_path: Path) -> None:
    from weasyprint import HTML

    out = tmp_path / "ark.pdf"
    result = samtale("render", str(MEETING), "--dokument", "opmaerksomhedspunkter", "-o", str(out))
    assert result.code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    html = Renderer().render(load(MEETING), "opmærksomhedspunkter", "html")
    assert len(HTML(string=html).render().pages) == 9
    again = tmp_path / "igen.pdf"
    samtale("render", str(MEETING), "--dokument", "opmærksomhedspunkter", "--format", "pdf", "-o", str(again))
    assert again.read_bytes() == data  # byte-stable


def test_every_kind_of_pdf_is_pdf_ua(tmp_path: Path) -> None:
    """Public bodies must publish accessible documents: every kind of PDF samtale makes
    (agenda, minutes, sheets, plan, history and the bundle) passes ``pdfua check`` with
    no finding at all, table header scopes included."""
    import json
    import shutil
    import subprocess

    pdfua = shutil.which("pdfua")
    assert pdfua, "pdfua is in the test extras"
    site = tmp_path / "site"
    assert samtale("render", str(EXAMPLES), "-o", str(site), "--format", "pdf").code == 0
    bundle = tmp_path / "samlet.pdf"
    assert samtale("render", str(EXAMPLES), "-o", str(bundle)).code == 0
    pdfs = sorted(site.rglob("*.pdf")) + [bundle]
    for made in ("-dagsorden.pdf", "-referat.pdf", "-opmaerksomhedspunkter.pdf", "indsats-", "samlet.pdf"):
        assert any(made in p.name for p in pdfs), made
    done = subprocess.run([pdfua, "check", "--format", "json", *map(str, pdfs)], capture_output=True, text=True, timeout=300)
    reports, at, text = [], 0, done.stdout
    while text[at:].strip():  # one JSON object per file, one after the other
        report, at = json.JSONDecoder().raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        reports.append(report)
    assert len(reports) == len(pdfs)
    findings = [(r["file"], f) for r in reports for f in r["findings"]]
    assert findings == [] and done.returncode == 0, findings[:5]


def test_pdf_needs_output() -> None:
    result = samtale("render", str(MEETING), "--format", "pdf")
    assert result.code == 2
    assert "-o" in result.stderr


# --------------------------------------------------------------------- CLI


def test_defaults_and_ascii_names() -> None:
    assert samtale("render", str(MEETING), "--format", "md").stdout.startswith("# Referat:")
    assert samtale("render", str(PLAN), "--format", "md").stdout.startswith("# Indsatsplan:")
    ascii_ = samtale("render", str(MEETING), "--dokument", "opmaerksomhedspunkter", "--format", "md")
    assert ascii_.code == 0 and ascii_.stdout.count("# Opsamling på opmærksomhedspunkter") == 9


def test_wrong_document_for_file() -> None:
    result = samtale("render", str(MEETING), "--dokument", "indsatsplan")
    assert result.code == 2
    assert "kan ikke laves som 'indsatsplan'" in result.stderr
    assert samtale("render", str(MEETING), "--dokument", "nyhedsbrev").code == 2


def test_failing_file_is_not_rendered(eks: Eks) -> None:
    plan = eks.path(conftest.PLAN)
    plan.write_text(plan.read_text(encoding="utf-8").replace("slut: 15/6 2021", "slut: 31/6 2021"), encoding="utf-8")
    out = eks.root / "plan.html"
    result = samtale("render", str(plan), "-o", str(out), cwd=eks.root)
    assert result.code == 1
    assert not out.exists() and result.stdout == ""
    assert re.search(r"indsats-smaa-boernegrupper\.yaml:\d+:\d+: fejl \[\w+\]: ", result.stderr)


def test_output_file_is_written_atomically_and_replaced_when_samtale_wrote_it(tmp_path: Path) -> None:
    out = tmp_path / "dagsorden.md"
    assert samtale("render", str(MEETING), "--dokument", "referat", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("# Referat:")  # format taken from -o's suffix
    assert samtale("render", str(MEETING), "--dokument", "dagsorden", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("# Dagsorden:")  # its own output: replaced
    assert [p.name for p in tmp_path.iterdir()] == ["dagsorden.md"]  # no temporary files left


def test_folder_render_writes_index_files(eks: Eks, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = samtale("render", str(eks.root), "-o", str(site), "--format", "md")
    assert result.code == 0, result.stderr
    indexes = sorted(site.rglob("index.html"))
    assert site / "index.html" in indexes and site / "afdelinger" / "vuggestuen-kernehuset" / "index.html" in indexes
    # a department without files has its history page (and an index to find it), nothing else
    assert sorted(p.name for p in (site / "afdelinger" / "vuggestuen-vestervang").iterdir()) == ["historik.html", "index.html"]
    for index in indexes:
        links = re.findall(r'href="([^"]+)"', index.read_text(encoding="utf-8"))
        assert links
        for link in links:
            assert (index.parent / link).is_file(), f"{index}: {link}"
    meetings = site / "laeringssamtaler"
    stem = MEETING.stem
    for doc in ("dagsorden", "referat", "opmaerksomhedspunkter"):
        assert (meetings / f"{stem}-{doc}.html").is_file() and (meetings / f"{stem}-{doc}.md").is_file()
    assert (site / "afdelinger" / "vuggestuen-kernehuset" / "indsats-smaa-boernegrupper.html").is_file()


def test_folder_render_skips_failing_files(eks: Eks, tmp_path: Path) -> None:
    bad = eks.path(conftest.SHEET_HAVEN)
    bad.write_text(bad.read_text(encoding="utf-8").replace("afdeling:", "afdelling:"), encoding="utf-8")
    site = tmp_path / "site"
    result = samtale("render", str(eks.root), "-o", str(site), cwd=eks.root)
    assert result.code == 1
    assert not (site / "afdelinger" / "boernehuset-haven" / "opmaerksomhedspunkter-2024-05-13.html").exists()
    assert (site / "afdelinger" / "boernehuset-deruda" / "opmaerksomhedspunkter-2024-05-13.html").is_file()


# --------------------------------------------------------------------- templates


def test_template_override(tmp_path: Path) -> None:
    (tmp_path / "dagsorden.md.j2").write_text("Min dagsorden: {{ title }} slutter {{ end }}\n", encoding="utf-8")
    result = samtale("render", str(MEETING), "--dokument", "dagsorden", "--format", "md", "--skabeloner", str(tmp_path))
    assert result.code == 0
    assert result.stdout == (
        "Min dagsorden: Læringssamtale før forløb med Dagtilbud for alle slutter 16:00\n\n<!-- lavet med samtale -->\n"
    )
    # other templates still come from the built-in ones
    other = samtale("render", str(MEETING), "--format", "md", "--skabeloner", str(tmp_path))
    assert other.stdout.startswith("# Referat:")


def test_sandbox_blocks_template_tricks(tmp_path: Path) -> None:
    (tmp_path / "referat.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    result = samtale("render", str(MEETING), "--skabeloner", str(tmp_path))
    assert result.code == 2
    err = result.stderr
    assert "ikke er tilladt" in err and "Traceback" not in err
    assert result.stdout == ""


def test_a_view_reads_as_a_dict_of_its_fields_only(tmp_path: Path) -> None:
    """Views are frozen dataclasses that dict-style readers (Word, own templates with
    view["x"]) read as before; a key reaches a field and nothing else, so a template
    gets no further through view["__class__"] than through view.__class__."""
    view = meeting_view(load(MEETING).model)
    part = view["parts"][0]
    assert part["items"] is part.items and view.get("daycare") == view.daycare and "time" in view
    assert view.get("nothing", "x") == "x" and "nothing" not in view and "get" not in view
    for key in ("__class__", "__init__", "get", "context"):
        with pytest.raises(KeyError):
            view[key]
    (tmp_path / "dagsorden.md.j2").write_text(
        '[{{ parts[0]["__class__"] }}][{{ parts[0]["__init__"] }}][{{ parts[0]["items"][0]["topic"] }}]\n', encoding="utf-8")
    text = Renderer(templates=tmp_path).render(load(MEETING), "dagsorden", "md")
    assert text.startswith("[][][Velkomst]\n")


def test_every_template_of_the_kinds_table_has_a_view() -> None:
    from samtale_cli.out.views.reference import missing_templates

    assert missing_templates() == []


def test_every_view_is_a_frozen_dataclass_and_every_kind_has_its_view_hook() -> None:
    """The views are the templates' contract: frozen, so no reader changes what the
    next one sees; each document kind's view hook (the kinds table) resolves, with the
    title and day its module gives for the indexes."""
    import dataclasses

    from samtale_cli.core import kinds
    from samtale_cli.out.views import kind_views
    from samtale_cli.out.views.reference import view_types

    for name, view in view_types().items():
        assert dataclasses.is_dataclass(view) and view.__dataclass_params__.frozen, name
    for kind in kinds.DOCUMENT_KINDS:
        build = kinds.hook(kind, "view")
        assert callable(build) and callable(kind_views(kind.model).subject) and callable(kind_views(kind.model).day)


def test_the_templates_variables_in_the_readme_are_current() -> None:
    """skabeloner/README.md lists each template's variables, made from the views."""
    from samtale_cli.out.views.reference import with_reference

    readme = Path(__file__).parents[1] / "skabeloner" / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert text == with_reference(text), (
        "skabeloner/README.md er forældet; skriv den igen med: "
        "PYTHONPATH=src python -m samtale_cli.out.views.reference skabeloner/README.md"
    )


def test_broken_template_is_a_danish_error(tmp_path: Path) -> None:
    (tmp_path / "referat.md.j2").write_text("{% for x in %}", encoding="utf-8")
    result = samtale("render", str(MEETING), "--format", "md", "--skabeloner", str(tmp_path))
    assert result.code == 2
    assert "har en fejl i linje 1" in result.stderr


def test_workspace_file_is_not_a_document() -> None:
    result = samtale("render", str(EXAMPLES / "samtale.yaml"))
    assert result.code == 2
    assert "arbejdsmappens fil" in result.stderr


@settings(max_examples=examples(400), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcæøå ABC019.,;:-+*_#!?\"'()[]<>&/\\|~`=%\t\u00a0\n")), max_size=40)
       | st.text(max_size=30), st.booleans())
@example("· 0", False)  # found by hypothesis: a Word bullet at the start
def test_the_short_road_for_plain_text_is_markdown_it(text: str, inline: bool) -> None:
    """Plain sentences skip the Markdown parser; the HTML must be exactly the parser's
    (of the text as to_html gives it to the parser: a Word bullet at a line's start, '• x',
    is a list item on purpose, see test_word_bullets_in_free_text_stay_a_list)."""
    md = markdown.parser()
    stripped = markdown.word_bullets(text).strip()
    want = (md.renderInline(stripped) if inline else md.render(stripped)).strip() if stripped else ""
    assert str(markdown.to_html(text, inline)) == want


_PIECES = st.lists(
    st.one_of(st.sampled_from(["\n", "\n\n", "<p>", "æ–ø", HTML_MARK, TEXT_MARK, TEXT_MARK + "\n", "<meta name=", '"generator"']),
              st.text(alphabet="ab<&\n", max_size=5)),
    max_size=12,
)


@settings(max_examples=examples(300), deadline=None)
@given(_PIECES, st.lists(st.booleans(), max_size=12))
def test_a_page_in_pieces_is_the_page_whole(pieces: list[str], markup: list[bool]) -> None:
    """A history page is written as Jinja makes it, piece by piece (some pieces Markup):
    the bytes are those of the whole text, with samtale's mark where _marked puts it."""
    from markupsafe import Markup

    given_pieces = [Markup(p) if i < len(markup) and markup[i] else p for i, p in enumerate(pieces)]
    assert "".join(marked_stream(iter(given_pieces))) == marked("".join(pieces), "html")


def test_a_large_history_page_is_written_in_pieces_as_it_is_rendered_whole(tmp_path: Path) -> None:
    """render writes index and history pages from Renderer.stream_page (serve joins its
    pieces); they are what render_view makes of the same view in one string."""
    from samtale_cli.check.runs import run

    documents = run([EXAMPLES], EXAMPLES, documents=True).documents
    pages = [p for p in site_pages(EXAMPLES, [Brief.of(c, site_facts) for c in documents], ["html"]) if p.shows_a_view]
    assert any(p.rel.name == "historik.html" for p in pages) and any(p.rel.name == "index.html" for p in pages)
    renderer = Renderer(today=dt.date(2025, 9, 1))
    for page in pages:
        view = page.view if page.view is not None else page.make()
        assert "".join(renderer.stream_page(page)) == renderer.render_view(page.template, view, "html"), page.rel


@pytest.mark.parametrize("items, expected", [
    (["1. Vi fortsætter", "2. Dagplejen kobles på"], ["Vi fortsætter", "Dagplejen kobles på"]),
    (["1) Første", "2) Anden", "3) Tredje"], ["Første", "Anden", "Tredje"]),
    (["1.Genbesøge", "2) Inddrage"], ["Genbesøge", "Inddrage"]),  # no space, '.' and ')' mixed
    (["1.5 time om ugen", "2.5 time"], ["1.5 time om ugen", "2.5 time"]),  # numbers, not numbering
    (["1. klasse"], ["1. klasse"]),  # one item: maybe its text
    (["1. Første", "3. Tredje"], ["1. Første", "3. Tredje"]),  # not numbered from 1 in order
    (["2. Anden", "1. Første"], ["2. Anden", "1. Første"]),
])
def test_a_list_typed_with_its_own_numbers_loses_them(items: list[str], expected: list[str]) -> None:
    from samtale_cli.model.common import unnumbered

    assert unnumbered(items) == expected


def test_decisions_typed_with_numbers_are_numbered_once_in_the_referat(eks: Eks) -> None:
    """A trial user wrote '- 1. Vi fortsætter': the referat said '1. 1. Vi fortsætter'."""
    eks.edit(conftest.MEETING_2025, "  - Organiseringen i små grupper", "  - 1. Organiseringen i små grupper")
    eks.edit(conftest.MEETING_2025, "  - De faglige fyrtårne får et fast", "  - 2. De faglige fyrtårne får et fast")
    out = eks.root / "referat.md"
    assert samtale("render", conftest.MEETING_2025, "--dokument", "referat", "--format", "md", "-o", out, cwd=eks.root).code == 0
    text = out.read_text(encoding="utf-8")
    assert "1. Organiseringen i små grupper" in text and "1. 1." not in text and "2. 2." not in text


def test_word_bullets_in_free_text_stay_a_list() -> None:
    """Lines pasted from Word as '• Hanne ...' ran into one paragraph in every document
    (the new-user trial): they are list items, in HTML, Markdown and Word."""
    text = "Vi talte om:\n• Hanne bød velkommen.\n• Poul sagde: hej"
    html = str(markdown.to_html(text))
    assert "<li>Hanne bød velkommen.</li>" in html and "<li>Poul sagde: hej</li>" in html and "•" not in html
    assert str(markdown.to_html("Kl. 9 · kaffe")) == "<p>Kl. 9 · kaffe</p>"  # a dot inside a line is text
    from samtale_cli.out.html import _md_block

    assert _md_block(text).split("\n")[1:] == ["- Hanne bød velkommen.", "- Poul sagde: hej"]


def test_a_word_bullet_after_the_dash_goes(eks: Eks) -> None:
    from samtale_cli.check.document import read

    eks.edit(conftest.SHEET_DERUDA, "  - Sproglige", "  - • Sproglige")
    doc = read(eks.path(conftest.SHEET_DERUDA), conftest.SHEET_DERUDA)
    assert any(p.startswith("Sproglige") for p in doc.model.points) and not any("•" in p for p in doc.model.points)


def test_a_site_made_again_rewrites_only_the_pages_that_changed(tmp_path: Path) -> None:
    """A page that already holds its bytes is left as it is (time and inode kept: a synced
    folder uploads nothing); a changed meeting's pages are written, and a page someone
    altered is made right again."""
    import shutil

    work = tmp_path / "ws"
    shutil.copytree(EXAMPLES, work)
    out = tmp_path / "site"
    assert samtale("render", work, "-o", out, "--format", "html").code == 0
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20

    def seen() -> dict[Path, tuple[int, int]]:
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in pages}

    before = seen()
    meeting = sorted((work / "laeringssamtaler").glob("*.yaml"))[-1]
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("titel: ", "titel: Ny ", 1), encoding="utf-8")
    altered = next(p for p in pages if "boernehuset-haven" in p.as_posix())
    altered.write_text(altered.read_text(encoding="utf-8") + "<!-- rettet i hånden -->", encoding="utf-8")
    before[altered] = (altered.stat().st_ino, altered.stat().st_mtime_ns)
    assert samtale("render", work, "-o", out, "--format", "html", "--force").code == 0
    after = seen()
    changed = {p.relative_to(out).as_posix() for p in pages if after[p] != before[p]}
    assert altered.relative_to(out).as_posix() in changed
    assert "<!-- rettet i hånden -->" not in altered.read_text(encoding="utf-8")
    assert any(meeting.stem in rel for rel in changed), changed
    assert len(changed) < len(pages) / 2, changed
