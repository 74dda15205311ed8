"""Word documents fit to send (issue 23) and a year's Word bundle built in linear time
(issue 26): every test reads the file back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

import conftest
from conftest import EXAMPLES
from samtale_cli.check.runs import run
from samtale_cli.out import docx as word_out
from samtale_cli.out.html import Renderer
from samtale_cli.out.pages import bundle_entries, document_title, load
from samtale_cli.out.views import build_view

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _example_views() -> list[tuple[str, dict]]:
    sources = run([EXAMPLES], EXAMPLES, documents=True).documents
    today = dt.date(2026, 1, 1)
    return [(document_title(s, d), build_view(s, d, today)) for s, d in bundle_entries(sources)]


# --------------------------------------------------------------------- linear bundle (issue 26)


def test_the_bundle_builder_does_no_whole_document_search_per_table_paragraph_or_list(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The three O(n^2) spots: ``doc.sections`` (an XPath over the body) per table, a
    search of the body for its ``w:sectPr`` per paragraph, ``numbering.add_num`` (all
    ``w:num`` searched) per list. Counted, not timed: the searches must not grow with
    the tables, paragraphs and lists, only (at most) with the documents."""
    from docx.document import Document
    from docx.oxml.document import CT_Body
    from docx.oxml.numbering import CT_Numbering

    calls = {"sections": 0, "find": 0, "add_num": 0}
    sections = Document.sections.fget
    find = CT_Body.find
    add_num = CT_Numbering.add_num

    def counted_sections(self):  # noqa: ANN001, ANN202
        calls["sections"] += 1
        return sections(self)

    def counted_find(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls["find"] += 1
        return find(self, *args, **kwargs)

    def counted_add_num(self, *args):  # noqa: ANN001, ANN002, ANN202
        calls["add_num"] += 1
        return add_num(self, *args)

    views = _example_views()
    monkeypatch.setattr(Document, "sections", property(counted_sections))
    monkeypatch.setattr(CT_Body, "find", counted_find)
    monkeypatch.setattr(CT_Numbering, "add_num", counted_add_num)
    data = word_out.bundle_bytes(views, "Samlet", "Dagtilbud", None)
    d = _open(data)
    tables = len(d.tables)
    lists = len(d.part.numbering_part.element.findall(f"{W}num"))
    assert tables > 40 and lists > 40
    for name, count in calls.items():
        assert count <= 2, f"{name}: {count} gange for {len(views)} dokumenter, {tables} tabeller, {lists} lister"
    # the lists still number apart: every w:num its own numId, 1, 2, 3 ...
    ids = [int(n.get(f"{W}numId")) for n in d.part.numbering_part.element.findall(f"{W}num")]
    assert ids == list(range(1, len(ids) + 1))


# --------------------------------------------------------------------- minutes that read like the PDF (issue 23.1)

MEETING_2025 = EXAMPLES / conftest.MEETING_2025
MEETING_2024 = EXAMPLES / conftest.MEETING


def _render(path: Path, document: str) -> docx.document.Document:
    return _open(Renderer().render(load(path), document, "docx"))


def _all_text(d: docx.document.Document) -> list[str]:
    """Every paragraph's text, in the body and in every table cell."""
    cells = [p.text for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in d.paragraphs] + cells


@pytest.mark.parametrize("path", [MEETING_2024, MEETING_2025], ids=["2024", "2025"])
@pytest.mark.parametrize("document", ["referat", "dagsorden"])
def test_minutes_and_agenda_show_no_key_no_attended_cell_no_path(path: Path, document: str) -> None:
    model = load(path).model
    d = _render(path, document)
    texts = _all_text(d)
    cells = {c.text.strip() for t in d.tables for row in t.rows for c in row.cells}
    assert "mødt" not in cells
    keys = {part.id for part in model.parts if part.title and part.title != part.id}
    assert keys and not keys & cells, keys & cells
    assert not [t for t in texts if re.search(r"\w\.(yaml|yml|txt|md|pdf|xlsx)\b", t)]
    headers = [tuple(c.text for c in t.rows[0].cells) for t in d.tables]
    assert ("Del", "Tid", "Varighed") in headers  # the parts by their titles and clock times
    part_rows = next(t for t in d.tables if tuple(c.text for c in t.rows[0].cells) == ("Del", "Tid", "Varighed"))
    assert [r.cells[0].text for r in part_rows.rows[1:]] == [p.title for p in model.parts]
    assert all(re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", r.cells[1].text) for r in part_rows.rows[1:])
    data = next(t for t in d.tables if t.rows[0].cells[0].text == "Data")
    assert [c.text for c in data.rows[0].cells] == ["Data", "Kilde", "Obligatorisk"]
    assert [r.cells[0].text for r in data.rows[1:]] == [x.title for x in model.data]


def test_minutes_attendance_as_the_pdf_has_it() -> None:
    d = _render(MEETING_2025, "referat")
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    present = [p for p in load(MEETING_2025).model.participants if p.attendance == "mødt"]
    assert f"Til stede ({len(present)})" in h2 and not [h for h in h2 if h.startswith("Deltagere")]
    texts = [p.text for p in d.paragraphs]
    assert "Afbud: Henrik Lauridsen, børn og unge-chef; Birthe Holm, pædagogisk leder, Børnehuset Ovenpå" in texts
    assert next(t for t in texts if t.startswith("Fraværende: ")).startswith(
        "Fraværende: Sofie Winther, forældrerepræsentant, Vuggestuen Kernehuset")
    table = next(t for t in d.tables if tuple(c.text for c in t.rows[0].cells) == ("Navn", "Rolle"))
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    # the departments as rows across the table, their people under them; the shared ones first
    assert rows[0] == ["Dagtilbud, forvaltning og konsulenter"] * 2
    assert ["Børnehuset Derudá"] * 2 in rows
    gitte = next(r for r in rows if r[0] == "Gitte Østergaard")
    assert gitte[1] == "fagligt fyrtårn (kun Den samlede deltagerkreds)"
    assert not [r for r in rows if r[0] in ("Henrik Lauridsen", "Sofie Winther")]


def test_agenda_lists_the_participants_by_department() -> None:
    d = _render(MEETING_2025, "dagsorden")
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    model = load(MEETING_2025).model
    assert f"Deltagere ({len(model.participants)})" in h2
    table = next(t for t in d.tables if tuple(c.text for c in t.rows[0].cells) == ("Navn", "Rolle"))
    names = [r.cells[0].text for r in table.rows[1:]]
    assert set(names) >= {p.name for p in model.participants}


def test_word_minutes_import_back_exactly_from_the_invisible_part(tmp_path: Path) -> None:
    """What the page shows for people; what import needs (part keys, attendance, file
    paths) in samtale's own part, read back by wordread.blocks."""
    from samtale_cli.out.wordread import HIDDEN_PART, Table, blocks

    raw = Renderer().render(load(MEETING_2025), "referat", "docx")
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        hidden = z.read(HIDDEN_PART.lstrip("/")).decode()
    assert "2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml" in hidden
    tables = [b for b in blocks(_open(raw)) if isinstance(b, Table)]
    header = [[" ".join(p.clean for p in c.paras) for c in t.rows[0]] for t in tables]
    assert ["Del", "Titel", "Tid", "Varighed"] in header
    assert ["Navn", "Rolle", "Afdeling", "Dele", "Fremmøde"] in header
    assert ["Data", "Kilde", "Obligatorisk", "Fil"] in header


def test_an_edited_place_is_read_as_it_stands() -> None:
    """A place a person changed in Word is not replaced by the invisible copy."""
    from samtale_cli.out.wordread import Table, blocks

    d = _open(Renderer().render(load(MEETING_2025), "referat", "docx"))
    table = next(t for t in d.tables if tuple(c.text for c in t.rows[0].cells) == ("Del", "Tid", "Varighed"))
    table.rows[1].cells[0].paragraphs[0].runs[0].text = "Hele kredsen"
    header = [[" ".join(p.clean for p in c.paras) for c in t.rows[0]] for t in blocks(d) if isinstance(t, Table)]
    assert ["Del", "Tid", "Varighed"] in header and ["Del", "Titel", "Tid", "Varighed"] not in header


# --------------------------------------------------------------------- a year's bundle (issue 23.3)


def test_a_years_word_bundle(tmp_path: Path) -> None:
    from conftest import samtale

    out = tmp_path / "samlet-2025.docx"
    result = samtale("render", EXAMPLES, "-o", out, "--år", "2025")
    assert result.code == 0, result.stderr
    raw = out.read_bytes()
    d = _open(raw)
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(set(headings))  # every heading one of a kind
    assert all(re.search(r"\b20\d\d\b", h) for h in headings)  # each carries its date or years
    assert all("2025" in h for h in headings)
    assert not [h for h in headings if "2024)" in h and "Læringssamtale før" in h]
    sheets = [h for h in headings if h.startswith("Opsamling på opmærksomhedspunkter")]
    assert len(sheets) == len({h.split(":")[1] for h in sheets})  # a department's sheet once
    # the contents: samtale's own, the same as the headings, each a link to its heading's bookmark
    toc = d.paragraphs[1]
    assert toc.text.split("\n") == headings
    anchors = [h.get(f"{W}anchor") for h in toc._p.iter(f"{W}hyperlink")]
    marks = {b.get(f"{W}name"): b.getparent() for b in d.element.body.iter(f"{W}bookmarkStart")}
    assert [marks[a].xpath("string(.)") for a in anchors] == headings
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert "updateFields" not in z.read("word/settings.xml").decode()
    assert d.core_properties.title.endswith(", 2025")


def test_the_year_selects_meetings_sheets_and_plans() -> None:
    from samtale_cli.out.bundle import select

    sources = run([EXAMPLES], EXAMPLES, documents=True).documents
    entries = bundle_entries(sources)
    titles = {y: [document_title(s, d) for s, d in select(entries, y)] for y in (2021, 2024, 2025)}
    assert titles[2021] == ["Indsatsplan: Små børnegrupper og systematisk kontakt med alle børn"]  # phases 2021-22
    assert "Referat: Læringssamtale før forløb med Dagtilbud for alle" in titles[2024]
    assert not [t for t in titles[2025] if "før forløb" in t]
    assert "Indsatsplan: Små grupper i rutinerne og onboarding i vores guidelines" in titles[2024]
    # a sheet once: the meeting's own opmærksomhedspunkter hold every department's sheet
    assert not [t for t in titles[2024] if t.startswith("Opmærksomhedspunkter:") and "før" not in t]
    assert len([t for t in titles[2024] if t.startswith("Opmærksomhedspunkter")]) == 1


def test_year_only_with_a_bundle(tmp_path: Path) -> None:
    from conftest import samtale

    result = samtale("render", EXAMPLES, "-o", tmp_path / "site", "--år", "2025")
    assert result.code == 2 and "--år bruges kun" in result.stderr
    empty = samtale("render", EXAMPLES, "-o", tmp_path / "samlet.docx", "--år", "1999")
    assert empty.code == 1 and "ingen dokumenter fra 1999" in empty.stderr


# --------------------------------------------------------------------- the municipality's template (issue 23.4)


def _template_with_page_numbers(path: Path, *, first_page: bool) -> Path:
    """A template whose footer has its own page number ('Side N', a PAGE field), a
    header, and (``first_page``) a first page footer of its own without one."""
    from docx.oxml import parse_xml

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Solby Kommune · Børn og Unge"
    footer = section.footer.paragraphs[0]
    footer.text = "Rådhuset, Torvet 1 · Side "
    footer._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    if first_page:
        section.different_first_page_header_footer = True
        section.first_page_footer.paragraphs[0].text = "Forside: Solby Kommune"
    d.save(str(path))
    return path


def _page_fields(xml: str) -> int:
    return len(re.findall(r'instr="\s*PAGE\b|<w:instrText[^>]*>\s*PAGE\b', xml))


@pytest.mark.parametrize("first_page", [False, True], ids=["footer", "first-page-footer"])
def test_a_templates_header_and_footer_stay_as_they_are(tmp_path: Path, first_page: bool) -> None:
    from samtale_cli.out.docx import read_template

    path = _template_with_page_numbers(tmp_path / "kommune.docx", first_page=first_page)
    template = read_template(path)
    passive = _open(template).sections[0]
    for document, source in (("referat", MEETING_2025), ("opmærksomhedspunkter", MEETING_2024)):
        d = _open(Renderer(word_template=template).render(load(source), document, "docx"))
        section = d.sections[0]
        assert section.header._element.xml == passive.header._element.xml
        assert section.footer._element.xml == passive.footer._element.xml  # its own page number: nothing added
        assert _page_fields(section.footer._element.xml) == 1
        if first_page:  # a first page footer without a page number gets samtale's, its text kept
            first = section.first_page_footer
            assert first.paragraphs[0].text == "Forside: Solby Kommune"
            assert _page_fields(first._element.xml) == 1
        for later in d.sections[1:]:
            assert later.header.is_linked_to_previous and later.footer.is_linked_to_previous


# --------------------------------------------------------------------- accessible Word files (issue 23.5)


def _accessible(raw: bytes) -> None:
    d = _open(raw)
    assert d.core_properties.title and d.core_properties.language == "da-DK"
    styles = d.styles.element
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "da-DK"
    levels = [int(p.style.name.split()[-1]) for p in d.paragraphs if p.style.name.startswith("Heading ")]
    assert levels and levels[0] == 1  # real headings (Word's styles), starting at the top level
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))  # no level skipped on the way down
    for table in d.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None  # the header row repeats on every page
    assert not list(d.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"))


@pytest.mark.parametrize(("path", "document"), [
    (MEETING_2025, "referat"), (MEETING_2024, "dagsorden"), (MEETING_2024, "opmærksomhedspunkter"),
    (EXAMPLES / conftest.PLAN, "indsatsplan")])
def test_word_documents_are_accessible(path: Path, document: str) -> None:
    _accessible(Renderer().render(load(path), document, "docx"))


def test_the_word_bundle_is_accessible() -> None:
    _accessible(word_out.bundle_bytes(_example_views(), "Samlet", "Dagtilbud", None))


def test_a_plan_names_the_sheet_it_follows_by_title_not_file() -> None:
    from samtale_cli.out.wordread import Para, blocks

    plan = EXAMPLES / "afdelinger/vuggestuen-kernehuset/indsats-smaa-grupper-i-rutinerne.yaml"
    raw = Renderer().render(load(plan), "indsatsplan", "docx")
    texts = _all_text(_open(raw))
    assert "Ark: Opsamling på opmærksomhedspunkter i egen afdeling: Vuggestuen Kernehuset" in texts
    assert not [t for t in texts if ".yaml" in t]
    read = [b.clean for b in blocks(_open(raw)) if isinstance(b, Para)]
    assert [t for t in read if t.startswith("Ark:")] == [f"Ark: {load(plan).model.follows.file}"]


def test_the_pdf_bundle_takes_the_same_year(tmp_path: Path) -> None:
    """One selection for both bundles: the PDF of 2025 has the documents the Word file has."""
    from conftest import samtale

    pdf = samtale("render", EXAMPLES, "-o", tmp_path / "samlet.pdf", "--år", "2025")
    word = samtale("render", EXAMPLES, "-o", tmp_path / "samlet.docx", "--år", "2025")
    assert pdf.code == word.code == 0, pdf.stderr
    assert "(4 dokumenter)" in pdf.stderr and "(4 dokumenter)" in word.stderr
    assert (tmp_path / "samlet.pdf").read_bytes().startswith(b"%PDF")
