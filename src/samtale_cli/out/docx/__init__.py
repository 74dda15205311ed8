"""Word (DOCX) output: the four documents, bundles of many, and the Word template.

The documents are built with python-docx from the same views as the Markdown and HTML
templates (:func:`samtale_cli.out.views.build_view`), never from the models directly.
Word's own heading styles carry the structure (so the navigation pane and a table of
contents work); agenda, participants, data, parts, phases and the attention-point sheet
are Word tables; Markdown in free text becomes Word formatting (bold, italics, links,
lists) through markdown-it-py's tokens, so no raw markup reaches the page.

The layout is also the contract with ``samtale import`` (:mod:`samtale_cli.wordin.importer`):
the headings, labels and column names (:mod:`~samtale_cli.out.docx.vocabulary`, named here
too) are read back from the Word file, so a document rendered here and imported gives the
same model. Both sides take them from that one place.

A Word template (``--word-skabelon``) works like pandoc's ``--reference-doc``: the
document starts as a copy of the template with its body cleared, so its styles, page
setup, header and footer (a municipality's logo) stay; styles that samtale needs and the
template lacks are copied from the built-in neutral template. The neutral template is
built in code from python-docx's own: A4, Danish, page numbers in the footer
(:mod:`~samtale_cli.out.docx.template`). A user's template is first made passive
(:mod:`~samtale_cli.out.docx.passive`): only its look stays, nothing that fetches, runs
or carries data.

Output is byte-identical for the same input: the document properties carry the
document's own date (never the clock), and the zip entries a fixed timestamp. samtale
marks its files (``creator`` and ``lastModifiedBy`` are "samtale", the application in
``docProps/app.xml`` too), so a later run can tell its own earlier output from a file a
person saved in Word (:func:`samtale_cli.core.files.made_by_samtale`;
:mod:`~samtale_cli.out.docx.package`).

The modules: :mod:`~samtale_cli.out.docx.builder` (one document being built),
:mod:`~samtale_cli.out.docx.richtext` (Markdown as Word formatting),
:mod:`~samtale_cli.out.docx.oxml` (the XML and the look), and one writer per rendered
document, ``write(builder, view)``: :mod:`~samtale_cli.out.docx.meeting` (dagsorden and
referat), :mod:`~samtale_cli.out.docx.sheet` (opmærksomhedspunkter) and
:mod:`~samtale_cli.out.docx.plan` (indsatsplan). Which writer writes a document is the
rendered document's (``Rendering.docx`` in :mod:`samtale_cli.core.kinds`), not the file's
kind: a læringssamtale's opmærksomhedspunkter are written as a sheet's are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from samtale_cli.core.kinds import RENDERINGS
from samtale_cli.out.docx import oxml
from samtale_cli.out.docx.builder import Builder
from samtale_cli.out.docx.template import neutral_template, read_template
# the vocabulary shared with samtale import, named here too (the contract of the layout)
from samtale_cli.out.docx.vocabulary import (
    AGENDA_COLUMNS, PARTS_COLUMNS, PEOPLE_COLUMNS, ATTENDANCE_COLUMN, AGREEMENT_COLUMNS, DATA_COLUMNS,
    ROLES_COLUMNS, PHASE_COLUMNS, SHEET_TITLE, SHEET_COLUMNS, SHEET_DECISION, PLAN_SECTIONS, RELEVANCE,
    H_FOCUS, H_PURPOSE, H_GOAL, H_CONCEPTS, H_PARTS, H_ROLES, H_PEOPLE, H_DATA, H_AGENDA, H_DECISIONS,
    H_LANDMARKS, H_AGREEMENTS, H_FOLLOWS, H_EVALUATIONS, NEXT_MEETING, PLAN_STATUS, FOLLOWED_SHEET,
    FOLLOWED_POINTS, MEETING_TIME, MEETING_DAY_OFF, MEETING_FIRST, H_TIMELINE, H_PHASES, QUESTIONS, MINUTES,
    MILESTONES, TOC_HEADING, YES, LIST_INDENT, MARK,
)

__all__ = [
    "document_bytes", "bundle_bytes", "read_template", "neutral_template", "AGENDA_COLUMNS", "PARTS_COLUMNS",
    "PEOPLE_COLUMNS", "ATTENDANCE_COLUMN", "AGREEMENT_COLUMNS", "DATA_COLUMNS", "ROLES_COLUMNS",
    "PHASE_COLUMNS", "SHEET_TITLE", "SHEET_COLUMNS", "SHEET_DECISION", "PLAN_SECTIONS", "RELEVANCE",
    "H_FOCUS", "H_PURPOSE", "H_GOAL", "H_CONCEPTS", "H_PARTS", "H_ROLES", "H_PEOPLE", "H_DATA", "H_AGENDA",
    "H_DECISIONS", "H_LANDMARKS", "H_AGREEMENTS", "H_FOLLOWS", "H_EVALUATIONS", "NEXT_MEETING", "PLAN_STATUS",
    "FOLLOWED_SHEET", "FOLLOWED_POINTS", "MEETING_TIME", "MEETING_DAY_OFF", "MEETING_FIRST", "H_TIMELINE",
    "H_PHASES", "QUESTIONS", "MINUTES", "MILESTONES", "TOC_HEADING", "YES", "LIST_INDENT", "MARK",
]

def document_bytes(view: dict[str, Any], title: str, template: bytes | None = None) -> bytes:
    """One document as a Word file."""
    b = Builder(template)
    RENDERINGS[view["document"]].writer()(b, view)
    return b.save(title, view.get("daycare"), view["document_label"], _date_of(view))


def bundle_bytes(views: list[tuple[str, dict[str, Any]]], title: str, daycare: str | None,
                 template: bytes | None = None) -> bytes:
    """Many documents as one Word file: a table of contents headed 'Indhold', written by
    samtale from the headings (each entry a link to its heading's bookmark, inside a TOC
    field that Word may update but need not: no ``updateFields``, so Word asks nothing on
    opening), then every document on its own pages, its heading carrying its date or years."""
    b = Builder(template, bundle=True)
    b.start()
    if "TOC Heading" in b.doc.styles:  # Word's own style for a contents' title (not itself in the contents)
        b.paragraph(None, TOC_HEADING, style="TOC Heading")
    else:
        oxml.run(b.paragraph(), TOC_HEADING, bold=True, size=18)
    toc = b.paragraph()
    dates = []
    for _, view in views:
        RENDERINGS[view["document"]].writer()(b, view)
        dates.append(_date_of(view))
    _contents(b, toc)
    known = [d for d in dates if d is not None]
    return b.save(title, daycare, "Samlet", max(known) if known else None)


def _contents(b: Builder, toc: Any) -> None:
    """The table of contents in ``toc``: a link per first-level heading, to a bookmark on it."""
    oxml.sub(oxml.sub(toc, "w:r"), "w:fldChar", fldCharType="begin")
    instr = oxml.sub(oxml.sub(toc, "w:r"), "w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = ' TOC \\o "1-1" \\h \\z \\u '
    oxml.sub(oxml.sub(toc, "w:r"), "w:fldChar", fldCharType="separate")
    for k, heading in enumerate(b.titles, 1):
        if k > 1:
            oxml.sub(oxml.sub(toc, "w:r"), "w:br")
        name = b.bookmark(heading, f"_Toc{k:06d}")
        link = oxml.sub(toc, "w:hyperlink", anchor=name, history="1")
        text = "".join(t.text or "" for t in heading.iter(oxml.qn("w:t")))
        oxml.run(toc, text, parent=link, style=b.link_style())
    oxml.sub(oxml.sub(toc, "w:r"), "w:fldChar", fldCharType="end")


def _date_of(view: dict[str, Any]) -> dt.date | None:
    """The date the Word file's properties carry: the document's own, never the clock."""
    for key in ("date_iso", "meeting_date_iso"):
        if view.get(key):
            return dt.date.fromisoformat(view[key])
    phases = view.get("phases") or []
    if phases:
        return dt.date.fromisoformat(phases[0]["start_iso"])
    return None
