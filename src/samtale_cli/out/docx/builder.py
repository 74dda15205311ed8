"""One Word document being built (:class:`Builder`), the tool of the Word writers.

A writer (``write(builder, view)`` in :mod:`samtale_cli.out.docx.meeting`, ``sheet`` and
``plan``) starts a document with :meth:`Builder.start` and adds headings, labelled
values, Markdown, lists and tables; Word's own heading styles carry the structure (so the
navigation pane and a table of contents work). :meth:`Builder.save` gives the bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from samtale_cli.out.docx import oxml
from samtale_cli.out.docx.package import stable_zip
from samtale_cli.out.docx.richtext import MarkdownWriter
from samtale_cli.out.docx.template import (
    adopt_styles, drop_stale_parts, ensure_page_number, neutral_template, passive_template, set_language,
)
from samtale_cli.out.docx.vocabulary import LIST_INDENT, MARK
from samtale_cli.out.wordread import HIDDEN_PART, HIDDEN_PREFIX, hidden_part, text_digest


@dataclass
class Builder:
    """One Word document being built: a copy of the template (a user's made passive)
    with its body cleared.

    Paragraphs, runs and tables are lxml elements made here; python-docx serves for the
    package, sections, styles, numbering, relationships and properties. A container is
    None (the body) or a table cell's ``w:tc``.
    """

    template: bytes | None = None
    bundle: bool = False  # one of many documents: headings carry their date or years
    doc: Any = None
    titles: list[Any] = field(default_factory=list)  # the first-level headings written
    _abstract: dict[str, int] = field(default_factory=dict)
    _style_ids: dict[str, str | None] = field(default_factory=dict)
    _widths: dict[Any, list[int]] = field(default_factory=dict)
    _sections: int = 0  # documents started
    _width: int = 0  # the text width of the current section, in twips
    _end: Any = None  # the body's last w:sectPr (python-docx keeps it as the sentinel)
    _numbering: Any = None
    _num_ids: set[int] = field(default_factory=set)  # the numIds in use
    _next_num: int = 1  # no numId below it is free
    _cleanup: Any = None  # the numbering's w:numIdMacAtCleanup, which w:num go before
    _bookmarks: int = 0  # bookmarks made (their ids)
    _kept: list[tuple[str, int, str, list[tuple[Any, ...]]]] = field(default_factory=list)  # wordread.hidden_part

    def __post_init__(self) -> None:
        import docx

        source = passive_template(self.template) if self.template is not None else neutral_template()
        self.doc = docx.Document(io.BytesIO(source))
        self.body = self.doc.element.body
        self.body.clear_content()  # keeps the last section: page, header, footer
        if self.template is not None:
            drop_stale_parts(self.doc)
            adopt_styles(self.doc)
            ensure_page_number(self.doc)
        set_language(self.doc)
        # Looked up once: a search of the whole body (or of every list) per paragraph,
        # table or list makes a bundle quadratic in its length.
        self._end = self.body.find(oxml.qn("w:sectPr"))
        self._measure(self.doc.sections[-1])

    # --- page structure

    @property
    def width(self) -> int:
        """The text width of the current section, in twips."""
        return self._width

    def _measure(self, section: Any) -> None:
        self._width = int((section.page_width - section.left_margin - section.right_margin) / 635)

    def start(self, landscape: bool = False) -> None:
        """Begin a document (a new page after the first), portrait or landscape."""
        from docx.enum.section import WD_ORIENT
        from docx.section import Section

        if self._sections:
            self._section_break()
        section = Section(self._end, self.doc.part)
        self._sections += 1
        wide = section.page_width > section.page_height
        if landscape != wide:
            section.page_width, section.page_height = section.page_height, section.page_width
            # the margins turn with the page
            section.left_margin, section.top_margin, section.right_margin, section.bottom_margin = (
                section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        self._measure(section)

    def _section_break(self) -> None:
        """What python-docx's ``add_section(NEW_PAGE)`` does, without its two searches
        of the body: the last section's ``w:sectPr`` copied into a paragraph before it,
        the last one (the same element) without header and footer references, so it
        inherits them."""
        from docx.enum.section import WD_SECTION

        p = oxml.el("w:p")
        oxml.sub(p, "w:pPr").append(self._end.clone())
        self._end.addprevious(p)
        for ref in self._end.xpath("w:headerReference|w:footerReference"):
            self._end.remove(ref)
        self._end.start_type = WD_SECTION.NEW_PAGE

    def _append(self, container: Any, tag: str) -> Any:
        if container is not None:
            return oxml.sub(container, tag)
        element = oxml.el(tag)
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.body.append(element)
        return element

    # --- text

    def style_id(self, name: str) -> str | None:
        """The id of the paragraph style ``name`` (looked up once)."""
        if name not in self._style_ids:
            from docx.enum.style import WD_STYLE_TYPE

            self._style_ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self._style_ids[name]

    def paragraph(self, container: Any = None, text: str = "", style: str | None = None, *,
                  indent: int = 0, num: tuple[int, int] | None = None) -> Any:
        """A paragraph: optionally styled, in a list (``num``: numId, level) or indented
        (twips)."""
        p = self._append(container, "w:p")
        style_id = self.style_id(style) if style else None
        if style_id or num or indent:
            p_pr = oxml.sub(p, "w:pPr")
            if style_id:
                oxml.sub(p_pr, "w:pStyle", val=style_id)
            if num:
                num_pr = oxml.sub(p_pr, "w:numPr")
                oxml.sub(num_pr, "w:ilvl", val=str(num[1]))
                oxml.sub(num_pr, "w:numId", val=str(num[0]))
            if indent:
                oxml.sub(p_pr, "w:ind", left=str(indent))
        if text:
            oxml.run(p, text)
        return p

    def link_style(self) -> str | None:
        """The id of the character style 'Hyperlink', if the template has one (looked up
        once)."""
        from docx.enum.style import WD_STYLE_TYPE

        key = "\0Hyperlink"
        if key not in self._style_ids:
            try:
                style = self.doc.styles["Hyperlink"]
                self._style_ids[key] = style.style_id if style.type == WD_STYLE_TYPE.CHARACTER else None
            except KeyError:
                self._style_ids[key] = None
        return self._style_ids[key]

    def heading(self, text: str, level: int) -> Any:
        p = self.paragraph(None, text, style=f"Heading {level}")
        if level == 1:
            self.titles.append(p)
        return p

    def title(self, text: str, when: str | None) -> Any:
        """A document's first-level heading; in a bundle with its date or years (``when``),
        so that every heading of the bundle is one of a kind."""
        return self.heading(f"{text} ({when})" if self.bundle and when else text, 1)

    def labelled(self, label: str, value: str | None, container: Any = None) -> Any:
        """'Label: value' with the label in bold (read back by samtale import); the
        paragraph, or None for no value."""
        if not value:
            return None
        p = self.paragraph(container)
        oxml.run(p, f"{label}:", bold=True)
        oxml.run(p, " " + oxml.clean(value))
        return p

    def label(self, text: str, container: Any = None, italic: bool = False) -> Any:
        p = self.paragraph(container)
        oxml.run(p, text, bold=True, italic=italic)
        return p

    def markdown(self, container: Any, text: str | None) -> None:
        """Markdown blocks as Word paragraphs and lists."""
        if text and text.strip():
            MarkdownWriter(self, container).blocks(text)

    def inline(self, p: Any, text: str | None, bold: bool = False) -> None:
        """Markdown inline text (bold, italics, links, code) as runs of ``p``."""
        if text:
            MarkdownWriter(self, None).inline_into(p, text, bold=bold)

    def items(self, container: Any, entries: list[str], *, numbered: bool = False, block: bool = False) -> None:
        """A Word list: one item per entry; ``block`` entries may hold paragraphs and lists."""
        if not entries:
            return
        writer = MarkdownWriter(self, container)
        num = self.new_list("decimal" if numbered else "bullet")
        for entry in entries:
            writer.list_item(entry, num, block=block)

    # --- bookmarks, and what import reads instead of what people read

    def bookmark(self, p: Any, name: str | None = None) -> str:
        """A bookmark at the start of paragraph ``p`` (after its properties); its name."""
        self._bookmarks += 1
        name = name or f"{HIDDEN_PREFIX}{self._bookmarks}"
        start = oxml.el("w:bookmarkStart", id=str(self._bookmarks), name=name)
        p_pr = p.find(oxml.qn("w:pPr"))
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            p.insert(0, start)
        start.addnext(oxml.el("w:bookmarkEnd", id=str(self._bookmarks)))
        return name

    def keep_for_import(self, first: Any, kept: list[tuple[Any, ...]], count: int | None = None) -> None:
        """The body from ``first`` to the end (or ``count`` elements) is written for
        people; ``samtale import`` reads ``kept`` there instead
        (:func:`samtale_cli.out.wordread.hidden_part`)."""
        elements = [first]
        for sibling in first.itersiblings():
            if sibling is self._end or len(elements) == count:
                break
            elements.append(sibling)
        self._kept.append((self.bookmark(first), len(elements), text_digest(elements), kept))

    # --- numbering

    def new_list(self, kind: str, start: int = 1) -> int:
        """A new list (its own ``w:num``, so numbering starts again) of ``kind``
        ('bullet' or 'decimal'); returns its numId."""
        numbering = self._numbering_element()
        if kind not in self._abstract:
            self._abstract[kind] = _add_abstract(numbering, kind)
        num = self._add_num(numbering, self._abstract[kind])
        for ilvl in range(9):
            override = oxml.sub(num, "w:lvlOverride", ilvl=str(ilvl))
            oxml.sub(override, "w:startOverride", val=str(start if ilvl == 0 else 1))
        return int(num.numId)

    def _numbering_element(self) -> Any:
        """The numbering part's root, with the numIds in use read once."""
        if self._numbering is None:
            self._numbering = self.doc.part.numbering_part.element
            self._num_ids = {int(n) for n in self._numbering.xpath("./w:num/@w:numId")}
            self._cleanup = self._numbering.find(oxml.qn("w:numIdMacAtCleanup"))
        return self._numbering

    def _add_num(self, numbering: Any, abstract: int) -> Any:
        """What python-docx's ``numbering.add_num`` does (the first free numId, the
        ``w:num`` before ``w:numIdMacAtCleanup``), without searching every ``w:num``."""
        from docx.oxml.numbering import CT_Num

        while self._next_num in self._num_ids:
            self._next_num += 1
        self._num_ids.add(self._next_num)
        num = CT_Num.new(self._next_num, abstract)
        if self._cleanup is not None:
            self._cleanup.addprevious(num)
        else:
            numbering.append(num)
        return num

    def list_paragraph(self, container: Any, num: int | None, level: int) -> Any:
        """A paragraph of a list: numbered/bulleted (``num``), or a continuation of an
        item (None) indented to its level."""
        if num is not None:
            return self.paragraph(container, style="List Paragraph", num=(num, level))
        return self.paragraph(container, style="List Paragraph", indent=LIST_INDENT * (level + 1))

    # --- tables

    def table(self, container: Any, header: tuple[str, ...] | list[str], widths: list[float],
              header_size: float | None = None) -> Any:
        """A table with a bold, shaded header row that repeats on every page; ``widths``
        are shares of the text width. Borders are set directly (a template may lack
        'Table Grid')."""
        tbl = self._append(container, "w:tbl")
        total = sum(widths)
        twips = [int(self.width * w / total) for w in widths]
        self._widths[tbl] = twips
        tbl_pr = oxml.sub(tbl, "w:tblPr")
        oxml.sub(tbl_pr, "w:tblW", w=str(sum(twips)), type="dxa")
        borders = oxml.sub(tbl_pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            oxml.sub(borders, f"w:{side}", val="single", sz="4", space="0", color="9AA5A6")
        oxml.sub(tbl_pr, "w:tblLayout", type="fixed")
        margins = oxml.sub(tbl_pr, "w:tblCellMar")
        oxml.sub(margins, "w:top", w="28", type="dxa")
        oxml.sub(margins, "w:left", w="85", type="dxa")
        oxml.sub(margins, "w:bottom", w="28", type="dxa")
        oxml.sub(margins, "w:right", w="85", type="dxa")
        oxml.sub(tbl_pr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
             noHBand="0", noVBand="1")
        grid = oxml.sub(tbl, "w:tblGrid")
        for width in twips:
            oxml.sub(grid, "w:gridCol", w=str(width))
        cells = self.row(tbl, header=True)
        for cell, text in zip(cells, header):
            oxml.shade(cell, oxml.HEAD_FILL)
            oxml.run(self.paragraph(cell), text, bold=True, size=header_size)
        return tbl

    def row(self, tbl: Any, header: bool = False, height: int | None = None) -> list[Any]:
        tr = oxml.sub(tbl, "w:tr")
        if header or height:
            tr_pr = oxml.sub(tr, "w:trPr")
            if header:
                oxml.sub(tr_pr, "w:cantSplit")
            if height:
                oxml.sub(tr_pr, "w:trHeight", val=str(height))
            if header:
                oxml.sub(tr_pr, "w:tblHeader")
        cells = []
        for width in self._widths[tbl]:
            tc = oxml.sub(tr, "w:tc")
            oxml.sub(oxml.sub(tc, "w:tcPr"), "w:tcW", w=str(width), type="dxa")
            cells.append(tc)
        return cells

    def full_row(self, tbl: Any) -> Any:
        """A row of one cell merged across the table."""
        tr = oxml.sub(tbl, "w:tr")
        tc = oxml.sub(tr, "w:tc")
        tc_pr = oxml.sub(tc, "w:tcPr")
        oxml.sub(tc_pr, "w:tcW", w=str(sum(self._widths[tbl])), type="dxa")
        if len(self._widths[tbl]) > 1:
            oxml.sub(tc_pr, "w:gridSpan", val=str(len(self._widths[tbl])))
        return tc

    # --- output

    def save(self, title: str, subject: str | None, category: str, date: dt.date | None) -> bytes:
        """The document as bytes: every cell ends in a paragraph, properties set, zip
        entries with a fixed time."""
        for tc in self.body.iter(oxml.qn("w:tc")):
            if tc.find(oxml.qn("w:p")) is None:
                oxml.sub(tc, "w:p")
        if self._kept:
            self._hidden_part()
        props = self.doc.core_properties
        props.title = oxml.clean(title)
        props.subject = oxml.clean(subject or "")
        props.category = category
        props.author = props.last_modified_by = MARK
        props.keywords = MARK
        props.comments = ""
        props.language = "da-DK"
        props.revision = 1
        stamp = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time(0, 0))
        props.created = props.modified = stamp
        props.last_printed = stamp
        out = io.BytesIO()
        self.doc.save(out)
        return stable_zip(out.getvalue())

    def _hidden_part(self) -> None:
        """What import reads in place of what people read, as a part of its own."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        part = Part(PackURI(HIDDEN_PART), "application/xml", hidden_part(self._kept), self.doc.part.package)
        self.doc.part.relate_to(part, RT.CUSTOM_XML)


def _add_abstract(numbering: Any, kind: str) -> int:
    """An abstract list definition (bullets or decimals, nine levels) after the others."""
    existing = numbering.findall(oxml.qn("w:abstractNum"))
    ident = max((int(a.get(oxml.qn("w:abstractNumId"))) for a in existing), default=-1) + 1
    abstract = oxml.el("w:abstractNum", abstractNumId=str(ident))
    oxml.sub(abstract, "w:multiLevelType", val="hybridMultilevel")
    for ilvl in range(9):
        lvl = oxml.sub(abstract, "w:lvl", ilvl=str(ilvl))
        oxml.sub(lvl, "w:start", val="1")
        if kind == "bullet":
            oxml.sub(lvl, "w:numFmt", val="bullet")
            oxml.sub(lvl, "w:lvlText", val="•◦▪"[ilvl % 3])
        else:
            oxml.sub(lvl, "w:numFmt", val="decimal")
            oxml.sub(lvl, "w:lvlText", val=f"%{ilvl + 1}.")
        oxml.sub(lvl, "w:lvlJc", val="left")
        oxml.sub(oxml.sub(lvl, "w:pPr"), "w:ind", left=str(LIST_INDENT * (ilvl + 1)), hanging=str(LIST_INDENT))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return ident
