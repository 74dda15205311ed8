"""Documents fit to send (issue 23, item 2): every agenda lists the participants by
department with their roles, and no rendered document shows a file path.

The examples are rendered to Markdown, HTML (the whole site: documents, indexes and
history) and PDF, and the text a reader sees is searched for anything that looks like a
``.yaml``, ``.md`` or ``.txt`` path. Links (``href``) are not text a reader sees; the
site's pages link only to its own ``.html``/``.pdf`` pages anyway.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import conftest
from conftest import EXAMPLES, samtale

PATH_TEXT = re.compile(r"[\w./-]*\w\.(?:ya?ml|md|txt)\b", re.IGNORECASE)
MEETINGS = [EXAMPLES / rel for rel in conftest.MEETINGS]
DOCUMENTS = (
    [(rel, doc) for rel in conftest.MEETINGS for doc in ("dagsorden", "referat", "opmærksomhedspunkter")]
    + [(rel, "indsatsplan") for rel in conftest.PLANS]
    + [(rel, "opmærksomhedspunkter") for rel in conftest.SHEETS]
)


class _VisibleText(HTMLParser):
    """The text of a page as a reader meets it: every text node (the <title> and SVG
    titles included, as a browser shows them), never a style or script, never an
    attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def pdf_text(data: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def paths_in(text: str) -> list[str]:
    return sorted(set(PATH_TEXT.findall(text)))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = samtale("render", EXAMPLES, "-o", out, "--format", "html")
    assert result.code == 0, result.stderr
    return out


def test_the_examples_name_files_so_the_test_has_something_to_find() -> None:
    """The examples refer to data files and to last year's meeting: without such
    references the tests below would prove nothing."""
    texts = [p.read_text(encoding="utf-8") for p in MEETINGS]
    assert any("data/opsamling-tilsyn-2024.md" in t for t in texts)
    assert any("fil: 2024-05-13-laeringssamtale" in t for t in texts)


def test_no_page_of_the_site_shows_a_path(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    found = {p.relative_to(site).as_posix(): paths_in(visible_text(p.read_text(encoding="utf-8"))) for p in pages}
    assert {page: hits for page, hits in found.items() if hits} == {}


@pytest.mark.parametrize(("rel", "document"), DOCUMENTS, ids=lambda x: str(x).rsplit("/", 1)[-1])
def test_no_markdown_document_shows_a_path(rel: str, document: str) -> None:
    result = samtale("render", EXAMPLES / rel, "--dokument", document, "--format", "md")
    assert result.code == 0, result.stderr
    assert paths_in(result.stdout) == []


@pytest.mark.parametrize(("rel", "document"), [(rel, doc) for rel in conftest.MEETINGS for doc in ("dagsorden", "referat")]
                         + [(conftest.PLAN_2025, "indsatsplan")], ids=lambda x: str(x).rsplit("/", 1)[-1])
def test_no_pdf_document_shows_a_path(rel: str, document: str, tmp_path: Path) -> None:
    out = tmp_path / "dokument.pdf"
    result = samtale("render", EXAMPLES / rel, "--dokument", document, "-o", out)
    assert result.code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Datagrundlag" in text or document == "indsatsplan"  # the text was read at all
    assert paths_in(text) == []


def test_data_sources_are_named_by_title_and_source() -> None:
    """What replaces the path: the title, and the source where there is one."""
    md = samtale("render", MEETINGS[1], "--dokument", "referat", "--format", "md").stdout
    assert "- Referat og pejlemærker fra læringssamtalen 13. maj 2024 – Læringssamtale\n" in md


def test_a_plan_names_the_sheet_it_follows_by_department() -> None:
    md = samtale("render", EXAMPLES / conftest.PLAN_2025, "--format", "md").stdout
    assert "Vuggestuen Kernehusets ark" in md
    assert ".yaml" not in md


# ------------------------------------------------------------------ the agenda's participants


def _participants_md(agenda: str) -> str:
    """The agenda's participant section in Markdown (up to the next level-2 heading)."""
    match = re.search(r"^## Deltagere \((\d+)\)\n(.*?)(?=^## )", agenda, re.M | re.S)
    assert match, "the agenda has no '## Deltagere (N)' section"
    return match[0]


@pytest.mark.parametrize("meeting", MEETINGS, ids=lambda p: p.stem[:10])
def test_every_agenda_lists_the_participants_by_department(meeting: Path) -> None:
    from samtale_cli.out.pages import load
    from samtale_cli.out.views.meeting import meeting_view

    view = meeting_view(load(meeting).model)
    md = samtale("render", meeting, "--dokument", "dagsorden", "--format", "md").stdout
    section = _participants_md(md)
    assert f"## Deltagere ({view.participant_count})" in section
    for group in view.participants:
        if group.department:
            assert f"\n### {group.department}\n" in section
        for person in group.people:
            assert f"- {person.name}, {person.role}" in section
    html = samtale("render", meeting, "--dokument", "dagsorden", "--format", "html").stdout
    text = " ".join(visible_text(html).split())
    assert f"Deltagere ({view.participant_count})" in text
    for group in view.participants:
        for person in group.people:
            assert f"{person.name}, {person.role}" in text


def test_agenda_says_who_takes_part_in_only_some_parts() -> None:
    """A participant in the plenary part only is marked so, by the part's title, never
    by its key ('plenum')."""
    md = samtale("render", MEETINGS[0], "--dokument", "dagsorden", "--format", "md").stdout
    section = _participants_md(md)
    assert "(kun Den samlede deltagerkreds)" in section
    assert "plenum" not in section


def test_pdf_agenda_lists_the_participants(tmp_path: Path) -> None:
    out = tmp_path / "dagsorden.pdf"
    assert samtale("render", MEETINGS[0], "--dokument", "dagsorden", "-o", out).code == 0
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert re.search(r"Deltagere \(\d+\)", text)


# ------------------------------------------------------------------ PDF/UA: what a reader hears


def _structure(pdf: object) -> list[str]:
    """The structure types of a tagged PDF's elements, in document order."""
    import pikepdf

    found: list[str] = []

    def walk(node: object) -> None:
        kids = node.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(str(kid.S))
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


@pytest.mark.parametrize("document", ["dagsorden", "referat"])
def test_pdf_agenda_and_minutes_carry_title_language_headings_and_table_headers(document: str, tmp_path: Path) -> None:
    """PDF/UA-1 (issue 23, item 5): the title is shown instead of the file name, the
    language is Danish, every heading of the HTML (the agenda's participants included)
    is a heading in the structure, and the tables have header cells."""
    pikepdf = pytest.importorskip("pikepdf")
    out = tmp_path / f"{document}.pdf"
    assert samtale("render", MEETINGS[0], "--dokument", document, "-o", out).code == 0
    html = samtale("render", MEETINGS[0], "--dokument", document, "--format", "html").stdout
    with pikepdf.open(out) as pdf:
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.Root.Lang).lower().startswith("da")
        assert str(pdf.docinfo.Title).startswith(document.capitalize())
        kinds = _structure(pdf)
    assert html.count("<h2>Deltagere (") == (document == "dagsorden")  # the referat has "Til stede"
    for level in (1, 2, 3):
        assert kinds.count(f"/H{level}") == html.count(f"<h{level}>") + html.count(f"<h{level} "), level
    # a table split over pages repeats its header row, so the PDF may have more header cells
    assert kinds.count("/TH") >= html.count("<th ") + html.count("<th>") > 0
    assert kinds.count("/Table") >= html.count("<table") > 0  # one per page it runs over
