"""Word documents fit to send (issue 23) and a year's Word bundle built in linear time
(issue 26): every test reads the file back with python-docx."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from conftest import EXAMPLES
from samtale_cli.check.runs import run
from samtale_cli.out import docx as word_out
from samtale_cli.out.pages import bundle_entries, document_title
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
