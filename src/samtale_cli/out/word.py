"""Word (DOCX) output: the four documents, bundles of many, and the Word template.

The documents are built with python-docx from the same views as the Markdown and HTML
templates (:func:`samtale_cli.out.render.build_view`), never from the models directly.
Word's own heading styles carry the structure (so the navigation pane and a table of
contents work); agenda, participants, data, parts, phases and the attention-point sheet
are Word tables; Markdown in free text becomes Word formatting (bold, italics, links,
lists) through markdown-it-py's tokens, so no raw markup reaches the page.

The layout is also the contract with ``samtale import`` (:mod:`samtale_cli.wordin.importer`):
the headings, labels and column names below are read back from the Word file, so a
document rendered here and imported gives the same model. Both modules take them from
this one place.

A Word template (``--word-skabelon``) works like pandoc's ``--reference-doc``: the
document starts as a copy of the template with its body cleared, so its styles, page
setup, header and footer (a municipality's logo) stay; styles that samtale needs and the
template lacks are copied from the built-in neutral template. The neutral template is
built in code from python-docx's own: A4, Danish, page numbers in the footer.

Output is byte-identical for the same input: the document properties carry the
document's own date (never the clock), and the zip entries a fixed timestamp. samtale
marks its files (``creator`` and ``lastModifiedBy`` are "samtale", the application in
``docProps/app.xml`` too), so a later run can tell its own earlier output from a file a
person saved in Word (:func:`samtale_cli.core.files.made_by_samtale`).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml.etree import SubElement as _SubElement

from samtale_cli.out import markdown
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import DOCX_CREATOR

MARK = DOCX_CREATOR  # creator and last editor of the files samtale writes (files.made_by_samtale)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024

# --- the vocabulary shared with samtale import ----------------------------------------

AGENDA_COLUMNS = ("Nr.", "Tid", "Emne", "Mål med punktet", "Ansvarlig")
PARTS_COLUMNS = ("Del", "Titel", "Tid", "Varighed")
PEOPLE_COLUMNS = ("Navn", "Rolle", "Afdeling", "Dele")
ATTENDANCE_COLUMN = "Fremmøde"  # the referat's table of participants has it too
AGREEMENT_COLUMNS = ("Hvad", "Ansvarlig", "Afdeling", "Frist", "Status")
DATA_COLUMNS = ("Data", "Kilde", "Obligatorisk", "Fil")
ROLES_COLUMNS = ("Rolle", "Opgave")
PHASE_COLUMNS = ("Fase", "Start", "Slut")
SHEET_TITLE = "Opsamling på opmærksomhedspunkter i egen afdeling"
SHEET_COLUMNS = (
    "Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen?",
    "Hvad peger data på, vi skal arbejde med?",
    "3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen i afdelingen",
)
SHEET_DECISION = "Beslutning fra læringssamtalen"
# the plan's sections: the view's key and its heading
PLAN_SECTIONS = (
    ("goals", "Hvad vil vi opnå?"),
    ("why", "Hvorfor vil vi opnå dette?"),
    ("knowledge", "Vidensgrundlag og indikatorer for høj kvalitet"),
    ("enablers", "Fremmere"),
    ("barriers", "Hæmmere"),
    ("evaluation", "Hvordan vil vi evaluere og lave målopfølgning?"),
)
RELEVANCE = "Er dette et relevant mål?"
H_FOCUS = "Læringsfokus"
H_PURPOSE = "Formål med læringssamtalen"
H_GOAL = "Mål med samtalen"
H_CONCEPTS = "Kernebegreber og mindset"
H_PARTS = "Tidsramme"
H_ROLES = "Roller under samtalen"
H_PEOPLE = "Deltagere"
H_DATA = "Datagrundlag"
H_AGENDA = "Dagsorden"
H_DECISIONS = "Beslutninger"
H_LANDMARKS = "Pejlemærker"
H_AGREEMENTS = "Aftaler"
H_FOLLOWS = "Følger op på opmærksomhedspunkter"
H_EVALUATIONS = "Evalueringer"
NEXT_MEETING = "Næste møde"
PLAN_STATUS = "Status"
FOLLOWED_SHEET = "Ark"
FOLLOWED_POINTS = "Punkter"
MEETING_TIME = "Tid"
MEETING_DAY_OFF = "Ved fridag"
MEETING_FIRST = "Første møde"
H_TIMELINE = "Tidslinje"
H_PHASES = "Faser"
QUESTIONS = "Spørgsmål"
MINUTES = "Referat"
MILESTONES = "Milepæle"
TOC_HEADING = "Indhold"
YES = "ja"

# --- page and look ----------------------------------------------------------------------

TEAL = "1D3F42"
BAR = "7FA7AB"
HEAD_FILL = "E1E7E8"
LIST_INDENT = 284  # twips per list level (0.5 cm)
CODE_FONT = "Consolas"

# OOXML wants children in schema order; these are the orders of the few elements that
# are edited here beyond what python-docx knows.
_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
              "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
_SETTINGS_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                                 "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                                 "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                                 "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                                 "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")
# styles the documents use; a template that lacks one gets it from the neutral template
NEEDED_STYLES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Paragraph", "Caption",
                 "Header", "Footer")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: Any) -> str:
    """Text that XML can hold (the loader already refuses control characters)."""
    return _XML_INVALID.sub("", str(text))


_NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
               "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@lru_cache(maxsize=None)
def _qn(tag: str) -> str:
    """'w:p' as lxml's '{namespace}p'."""
    prefix, name = tag.split(":")
    return f"{{{_NAMESPACES[prefix]}}}{name}"


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(_qn(f"w:{key}"), str(value))
    return element


def _insert_ordered(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
    """Put ``child`` into ``parent`` in schema order, replacing one of the same tag."""
    name = child.tag.split("}")[1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = set(order[order.index(name) + 1:])
    for index, sibling in enumerate(parent):
        if isinstance(sibling.tag, str) and sibling.tag.split("}")[-1] in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    """A child element ``tag`` ('w:p') appended to ``parent`` (plain lxml: python-docx's
    generic insertion costs more than the whole rest of a document)."""
    element = _SubElement(parent, _qn(tag))
    for key, value in attrs.items():
        element.set(_qn("w:" + key), value)
    return element


def _run(p: Any, text: str = "", *, bold: bool = False, italic: bool = False, code: bool = False,
         size: float | None = None, underline: bool = False, color: str | None = None,
         style: str | None = None, parent: Any = None) -> Any:
    """A run in paragraph ``p`` (or in ``parent``, a hyperlink), its properties in schema
    order; line breaks in ``text`` become Word line breaks."""
    r = _sub(parent if parent is not None else p, "w:r")
    if style or code or bold or italic or color or size or underline:
        r_pr = _sub(r, "w:rPr")
        if style:
            _sub(r_pr, "w:rStyle", val=style)
        if code:
            _sub(r_pr, "w:rFonts", ascii=CODE_FONT, hAnsi=CODE_FONT, cs=CODE_FONT)
        if bold:
            _sub(r_pr, "w:b")
        if italic:
            _sub(r_pr, "w:i")
        if color:
            _sub(r_pr, "w:color", val=color)
        if size:
            _sub(r_pr, "w:sz", val=str(int(size * 2)))
        if underline:
            _sub(r_pr, "w:u", val="single")
    for k, line in enumerate(_clean(text).split("\n")):
        if k:
            _sub(r, "w:br")
        if line:
            t = _sub(r, "w:t")
            t.text = line
            if line != line.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


# --- templates --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def neutral_template() -> bytes:
    """The built-in neutral template: python-docx's own, made A4 and Danish, with page
    numbers in the footer and without the parts no document needs (a thumbnail of an
    empty page, Word 2010's second copy of the styles)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    _drop_stale_parts(document, custom_xml=True)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for level, size in ((1, 18), (2, 14), (3, 12), (4, 11)):
        style = styles[f"Heading {level}"]
        style.font.color.rgb = RGBColor.from_string(TEAL)
        style.font.size = Pt(size)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _drop_stale_parts(document: Any, custom_xml: bool = False) -> None:
    """Drop the parts that would describe another document: the thumbnail of the
    template's first page, and Word 2010's second copy of the styles (which Word checks
    against the first, and which would no longer match); ``custom_xml`` also the
    custom XML (python-docx's own template carries an empty one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects") or (custom_xml and rel.reltype == RT.CUSTOM_XML):
            document.part.rels.pop(rel_id)


def _page_number(p: Any) -> None:
    """'Side N af M' with Word fields, in the paragraph element ``p``."""
    _run(p, "Side ")
    _field(p, "PAGE", "1")
    _run(p, " af ")
    _field(p, "NUMPAGES", "1")


def _field(p: Any, instruction: str, shown: str) -> Any:
    """A Word field (PAGE, NUMPAGES, TOC) with the text shown until Word updates it;
    returns the run that shows it."""
    _sub(_sub(p, "w:r"), "w:fldChar", fldCharType="begin")
    instr = _sub(_sub(p, "w:r"), "w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    _sub(_sub(p, "w:r"), "w:fldChar", fldCharType="separate")
    shown_run = _run(p, shown)
    _sub(_sub(p, "w:r"), "w:fldChar", fldCharType="end")
    return shown_run


def read_template(path: Path) -> bytes:
    """A Word template's bytes, checked as ``samtale import`` checks its input (a
    Danish usage error when it is no readable DOCX)."""
    from samtale_cli.out.wordread import open_docx

    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_TEMPLATE_BYTES else b""
    except OSError as exc:
        raise SamtaleError(f"Word-skabelonen '{path}' kan ikke læses: {exc.strerror or exc}.") from None
    if not raw:
        raise SamtaleError(f"Word-skabelonen '{path}' er tom eller over {MAX_TEMPLATE_BYTES // 2**20} MB.")
    open_docx(raw, path.name, what="Word-skabelonen")
    return raw


# --- the builder --------------------------------------------------------------------------


@dataclass
class Builder:
    """One Word document being built: a copy of the template with its body cleared.

    Paragraphs, runs and tables are lxml elements made here; python-docx serves for the
    package, sections, styles, numbering, relationships and properties. A container is
    None (the body) or a table cell's ``w:tc``.
    """

    template: bytes | None = None
    doc: Any = None
    _abstract: dict[str, int] = field(default_factory=dict)
    _style_ids: dict[str, str | None] = field(default_factory=dict)
    _widths: dict[Any, list[int]] = field(default_factory=dict)
    _sections: int = 0  # documents started

    def __post_init__(self) -> None:
        import docx

        self.doc = docx.Document(io.BytesIO(self.template or neutral_template()))
        self.body = self.doc.element.body
        self.body.clear_content()  # keeps the last section: page, header, footer
        if self.template is not None:
            _drop_stale_parts(self.doc)
            _adopt_styles(self.doc)
            _ensure_page_number(self.doc)
        _set_language(self.doc)

    # --- page structure

    @property
    def width(self) -> int:
        """The text width of the current section, in twips."""
        section = self.doc.sections[-1]
        return int((section.page_width - section.left_margin - section.right_margin) / 635)

    def start(self, landscape: bool = False) -> None:
        """Begin a document (a new page after the first), portrait or landscape."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        if self._sections:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        else:
            section = self.doc.sections[-1]
        self._sections += 1
        wide = section.page_width > section.page_height
        if landscape != wide:
            section.page_width, section.page_height = section.page_height, section.page_width
            # the margins turn with the page
            section.left_margin, section.top_margin, section.right_margin, section.bottom_margin = (
                section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT

    def _append(self, container: Any, tag: str) -> Any:
        if container is not None:
            return _sub(container, tag)
        element = _el(tag)
        sect_pr = self.body.find(_qn("w:sectPr"))
        if sect_pr is not None:
            sect_pr.addprevious(element)
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
            p_pr = _sub(p, "w:pPr")
            if style_id:
                _sub(p_pr, "w:pStyle", val=style_id)
            if num:
                num_pr = _sub(p_pr, "w:numPr")
                _sub(num_pr, "w:ilvl", val=str(num[1]))
                _sub(num_pr, "w:numId", val=str(num[0]))
            if indent:
                _sub(p_pr, "w:ind", left=str(indent))
        if text:
            _run(p, text)
        return p

    def heading(self, text: str, level: int) -> Any:
        return self.paragraph(None, text, style=f"Heading {level}")

    def labelled(self, label: str, value: str | None, container: Any = None) -> None:
        """'Label: value' with the label in bold (read back by samtale import)."""
        if not value:
            return
        p = self.paragraph(container)
        _run(p, f"{label}:", bold=True)
        _run(p, " " + _clean(value))

    def label(self, text: str, container: Any = None, italic: bool = False) -> Any:
        p = self.paragraph(container)
        _run(p, text, bold=True, italic=italic)
        return p

    def markdown(self, container: Any, text: str | None) -> None:
        """Markdown blocks as Word paragraphs and lists."""
        if text and text.strip():
            _MarkdownWriter(self, container).blocks(text)

    def inline(self, p: Any, text: str | None, bold: bool = False) -> None:
        """Markdown inline text (bold, italics, links, code) as runs of ``p``."""
        if text:
            _MarkdownWriter(self, None).inline_into(p, text, bold=bold)

    def items(self, container: Any, entries: list[str], *, numbered: bool = False, block: bool = False) -> None:
        """A Word list: one item per entry; ``block`` entries may hold paragraphs and lists."""
        if not entries:
            return
        writer = _MarkdownWriter(self, container)
        num = self.new_list("decimal" if numbered else "bullet")
        for entry in entries:
            writer.list_item(entry, num, block=block)

    # --- numbering

    def new_list(self, kind: str, start: int = 1) -> int:
        """A new list (its own ``w:num``, so numbering starts again) of ``kind``
        ('bullet' or 'decimal'); returns its numId."""
        numbering = self.doc.part.numbering_part.element
        if kind not in self._abstract:
            self._abstract[kind] = _add_abstract(numbering, kind)
        num = numbering.add_num(self._abstract[kind])
        for ilvl in range(9):
            override = _sub(num, "w:lvlOverride", ilvl=str(ilvl))
            _sub(override, "w:startOverride", val=str(start if ilvl == 0 else 1))
        return int(num.numId)

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
        tbl_pr = _sub(tbl, "w:tblPr")
        _sub(tbl_pr, "w:tblW", w=str(sum(twips)), type="dxa")
        borders = _sub(tbl_pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, f"w:{side}", val="single", sz="4", space="0", color="9AA5A6")
        _sub(tbl_pr, "w:tblLayout", type="fixed")
        margins = _sub(tbl_pr, "w:tblCellMar")
        _sub(margins, "w:top", w="28", type="dxa")
        _sub(margins, "w:left", w="85", type="dxa")
        _sub(margins, "w:bottom", w="28", type="dxa")
        _sub(margins, "w:right", w="85", type="dxa")
        _sub(tbl_pr, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
             noHBand="0", noVBand="1")
        grid = _sub(tbl, "w:tblGrid")
        for width in twips:
            _sub(grid, "w:gridCol", w=str(width))
        cells = self.row(tbl, header=True)
        for cell, text in zip(cells, header):
            _shade(cell, HEAD_FILL)
            _run(self.paragraph(cell), text, bold=True, size=header_size)
        return tbl

    def row(self, tbl: Any, header: bool = False, height: int | None = None) -> list[Any]:
        tr = _sub(tbl, "w:tr")
        if header or height:
            tr_pr = _sub(tr, "w:trPr")
            if header:
                _sub(tr_pr, "w:cantSplit")
            if height:
                _sub(tr_pr, "w:trHeight", val=str(height))
            if header:
                _sub(tr_pr, "w:tblHeader")
        cells = []
        for width in self._widths[tbl]:
            tc = _sub(tr, "w:tc")
            _sub(_sub(tc, "w:tcPr"), "w:tcW", w=str(width), type="dxa")
            cells.append(tc)
        return cells

    def full_row(self, tbl: Any) -> Any:
        """A row of one cell merged across the table."""
        tr = _sub(tbl, "w:tr")
        tc = _sub(tr, "w:tc")
        tc_pr = _sub(tc, "w:tcPr")
        _sub(tc_pr, "w:tcW", w=str(sum(self._widths[tbl])), type="dxa")
        if len(self._widths[tbl]) > 1:
            _sub(tc_pr, "w:gridSpan", val=str(len(self._widths[tbl])))
        return tc

    # --- output

    def save(self, title: str, subject: str | None, category: str, date: dt.date | None) -> bytes:
        """The document as bytes: every cell ends in a paragraph, properties set, zip
        entries with a fixed time."""
        for tc in self.body.iter(_qn("w:tc")):
            if tc.find(_qn("w:p")) is None:
                _sub(tc, "w:p")
        props = self.doc.core_properties
        props.title = _clean(title)
        props.subject = _clean(subject or "")
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
        return _stable_zip(out.getvalue())


def _shade(tc: Any, fill: str) -> None:
    _insert_ordered(tc.find(_qn("w:tcPr")), _el("w:shd", val="clear", color="auto", fill=fill), _TCPR_ORDER)


def _add_abstract(numbering: Any, kind: str) -> int:
    """An abstract list definition (bullets or decimals, nine levels) after the others."""
    existing = numbering.findall(_qn("w:abstractNum"))
    ident = max((int(a.get(_qn("w:abstractNumId"))) for a in existing), default=-1) + 1
    abstract = _el("w:abstractNum", abstractNumId=str(ident))
    _sub(abstract, "w:multiLevelType", val="hybridMultilevel")
    for ilvl in range(9):
        lvl = _sub(abstract, "w:lvl", ilvl=str(ilvl))
        _sub(lvl, "w:start", val="1")
        if kind == "bullet":
            _sub(lvl, "w:numFmt", val="bullet")
            _sub(lvl, "w:lvlText", val="•◦▪"[ilvl % 3])
        else:
            _sub(lvl, "w:numFmt", val="decimal")
            _sub(lvl, "w:lvlText", val=f"%{ilvl + 1}.")
        _sub(lvl, "w:lvlJc", val="left")
        _sub(_sub(lvl, "w:pPr"), "w:ind", left=str(LIST_INDENT * (ilvl + 1)), hanging=str(LIST_INDENT))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return ident


def _set_language(document: Any) -> None:
    """Danish as the default language of all text, and of the theme's fonts."""
    styles = document.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    if defaults is None:
        defaults = _el("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(_qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        rpr_default.append(rpr)
    _insert_ordered(rpr, _el("w:lang", val="da-DK", eastAsia="da-DK", bidi="ar-SA"), _RPR_ORDER)


def _adopt_styles(document: Any) -> None:
    """Copy the styles samtale uses and the template lacks from the neutral template
    (with the styles they are based on); the template's own ones win."""
    import docx

    neutral = docx.Document(io.BytesIO(neutral_template())).styles
    ours = document.styles
    for name in NEEDED_STYLES:
        _copy_style(neutral, ours, name)


def _copy_style(source: Any, target: Any, name: str) -> None:
    try:
        target[name]
        return
    except KeyError:
        pass
    try:
        style = source[name]
    except KeyError:
        return
    if style.base_style is not None:
        _copy_style(source, target, style.base_style.name)
    target.element.append(copy.deepcopy(style.element))


def _ensure_page_number(document: Any) -> None:
    """A template whose footer shows no page number gets 'Side N af M' under it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[-1].footer
    if footer.is_linked_to_previous and len(document.sections) == 1:
        footer.is_linked_to_previous = False
    xml = footer._element.xml
    if "PAGE" in xml and ("fldSimple" in xml or "instrText" in xml):
        return
    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(paragraph._p)


def _stable_zip(raw: bytes) -> bytes:
    """The same package with fixed entry times and samtale as the application."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                data = _app_properties(data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def _app_properties(data: bytes) -> bytes:
    """docProps/app.xml naming samtale as the application, without the template's
    counts and company."""
    text = data.decode("utf-8", "replace")
    text = re.sub(r"<Application>.*?</Application>", f"<Application>{MARK}</Application>", text, flags=re.S)
    if "<Application>" not in text:
        text = text.replace("</Properties>", f"<Application>{MARK}</Application></Properties>")
    text = re.sub(r"<TotalTime>\d*</TotalTime>", "<TotalTime>0</TotalTime>", text)
    return text.encode("utf-8")


# --- Markdown to Word ---------------------------------------------------------------------


class _MarkdownWriter:
    """markdown-it-py tokens to Word paragraphs, runs and lists (raw HTML stays text)."""

    def __init__(self, builder: Builder, container: Any) -> None:
        self.b = builder
        self.container = container

    def blocks(self, text: str, level: int = -1) -> None:
        self._walk(markdown.parser().parse(text.strip()), level)

    def list_item(self, text: str, num: int, *, block: bool) -> None:
        """One entry of a list made by :meth:`Builder.items`."""
        if not block:
            self.inline_into(self.b.list_paragraph(self.container, num, 0), text)
            return
        tokens = markdown.parser().parse(text.strip())
        rest = tokens
        if len(tokens) >= 3 and tokens[0].type == "paragraph_open":
            self._inline(self.b.list_paragraph(self.container, num, 0), tokens[1].children or [])
            rest = tokens[3:]
        else:  # no paragraph first (a list or a heading): an empty item, then the rest
            self.b.list_paragraph(self.container, num, 0)
        self._walk(rest, 0)

    def _walk(self, tokens: list[Any], level: int) -> None:
        """Block tokens; ``level`` is the list depth (-1 outside any list)."""
        stack: list[dict[str, Any]] = []  # open lists: numId and whether the item has a paragraph yet
        depth = level
        quote = 0
        for index, tok in enumerate(tokens):
            kind = tok.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                start = int(tok.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 1
                stack.append({"num": self.b.new_list("decimal" if kind == "ordered_list_open" else "bullet", start),
                              "fresh": False})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                stack.pop()
            elif kind == "list_item_open":
                stack[-1]["fresh"] = True
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "inline" and index and tokens[index - 1].type in ("paragraph_open", "heading_open"):
                p = self._block_paragraph(stack, depth, quote)
                self._inline(p, tok.children or [], bold=tokens[index - 1].type == "heading_open")
            elif kind in ("fence", "code_block"):
                p = self._block_paragraph(stack, depth, quote)
                _run(p, tok.content.rstrip("\n"), code=True)
            elif kind == "hr":
                _run(self._block_paragraph(stack, depth, quote), "* * *")

    def _block_paragraph(self, stack: list[dict[str, Any]], depth: int, quote: int) -> Any:
        if stack:
            top = stack[-1]
            num = top["num"] if top["fresh"] else None
            top["fresh"] = False
            return self.b.list_paragraph(self.container, num, depth)
        if depth >= 0:  # inside an item of a list made by Builder.items
            return self.b.list_paragraph(self.container, None, depth)
        return self.b.paragraph(self.container, indent=LIST_INDENT * 2 * quote)

    def inline_into(self, p: Any, text: str, bold: bool = False) -> None:
        tokens = markdown.parser().parseInline(text.strip())
        self._inline(p, tokens[0].children if tokens else [], bold=bold)

    def _inline(self, p: Any, children: list[Any], bold: bool = False) -> None:
        strong, emphasis = int(bold), 0
        link = None
        for tok in children:
            kind = tok.type
            if kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "link_open":
                link = self._hyperlink(p, str(tok.attrs.get("href", "")))
            elif kind == "link_close":
                link = None
            elif kind == "image":  # as in HTML: a link with its description, nothing loaded
                alt = "".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline"))
                src = str(tok.attrGet("src") or "")
                target = self._hyperlink(p, src) if src else None
                style = self._link_style() if target is not None else None
                _run(p, f"billede: {alt}" if src else alt, parent=target, style=style,
                     underline=target is not None and style is None,
                     color="0563C1" if target is not None and style is None else None)
            elif kind in ("text", "code_inline", "softbreak", "hardbreak", "html_inline"):
                text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, tok.content)
                style = self._link_style() if link is not None else None
                _run(p, text, bold=bool(strong), italic=bool(emphasis), code=kind == "code_inline", parent=link,
                     style=style, underline=link is not None and style is None,
                     color="0563C1" if link is not None and style is None else None)

    def _hyperlink(self, p: Any, href: str) -> Any:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        rel = self.b.doc.part.relate_to(_clean(href), RT.HYPERLINK, is_external=True)
        link = _sub(p, "w:hyperlink")
        link.set(_qn("r:id"), rel)
        return link

    def _link_style(self) -> str | None:
        from docx.enum.style import WD_STYLE_TYPE

        key = "\0Hyperlink"
        if key not in self.b._style_ids:
            try:
                style = self.b.doc.styles["Hyperlink"]
                self.b._style_ids[key] = style.style_id if style.type == WD_STYLE_TYPE.CHARACTER else None
            except KeyError:
                self.b._style_ids[key] = None
        return self.b._style_ids[key]


def _date_of(view: dict[str, Any]) -> dt.date | None:
    for key in ("date_iso", "meeting_date_iso"):
        if view.get(key):
            return dt.date.fromisoformat(view[key])
    phases = view.get("phases") or []
    if phases:
        return dt.date.fromisoformat(phases[0]["start_iso"])
    return None


def write_meeting(b: Builder, view: dict[str, Any]) -> None:
    """Dagsorden or referat: the meeting, its parts, people, data and agenda table."""
    minutes = view["document"] == "referat"
    b.start()
    b.heading(f"{view['document_label']}: {view['title']}", 1)
    b.labelled("Dagtilbud", view["daycare"])
    b.labelled("Dato", view["date"])
    b.labelled("Tid", f"kl. {view['time']} ({view['duration']})" if view["time"] else view["duration"])
    b.labelled("Sted", view["place"])
    if minutes:
        b.labelled(NEXT_MEETING, view["next_meeting"])

    b.heading(H_FOCUS, 2)
    b.inline(b.paragraph(), view["focus"])
    if view["purpose"]:
        b.heading(H_PURPOSE, 3)
        b.markdown(None, view["purpose"])
    if view["goal"]:
        b.heading(H_GOAL, 3)
        b.markdown(None, view["goal"])
    if view["key_concepts"]:
        b.heading(H_CONCEPTS, 3)
        b.items(None, view["key_concepts"])

    b.heading(H_PARTS, 2)
    table = b.table(None, PARTS_COLUMNS, [2, 7, 3, 2])
    for part in view["parts"]:
        for cell, text in zip(b.row(table), (part["id"], part["name"], part["time"], part["duration"])):
            b.paragraph(cell, text or "")
    if view["roles"]:
        b.heading(H_ROLES, 3)
        table = b.table(None, ROLES_COLUMNS, [1, 3])
        for role in view["roles"]:
            name, text = b.row(table)
            b.paragraph(name, role["role"])
            b.markdown(text, role["text"])

    b.heading(f"{H_PEOPLE} ({view['participant_count']})", 2)
    columns = PEOPLE_COLUMNS + ((ATTENDANCE_COLUMN,) if minutes else ())
    table = b.table(None, columns, [4, 3, 4, 2, 2][: len(columns)])
    for person in view["people"]:
        parts = ", ".join(person["parts"]) if person["parts"] is not None else ""
        values = (person["name"], person["role"], person["department"] or "", parts, person["attendance"])
        for cell, text in zip(b.row(table), values):
            b.paragraph(cell, text)
    b.labelled("Referent", view["secretary"])

    if view["data"]:
        b.heading(H_DATA, 2)
        table = b.table(None, DATA_COLUMNS, [6, 2, 2, 4])
        for d in view["data"]:
            values = (d["title"], d["source"] or "", YES if d["mandatory"] else "", d["file"] or "")
            for cell, text in zip(b.row(table), values):
                b.paragraph(cell, text)

    b.heading(H_AGENDA, 2)
    for part in view["parts"]:
        caption = part["title"] + (f", kl. {part['time']}" if part["time"] else "") + f" ({part['duration']})"
        b.paragraph(None, caption, style="Caption")
        table = b.table(None, AGENDA_COLUMNS, [1.1, 2.6, 3.9, 6.0, 2.6])
        for item in part["items"]:
            _agenda_row(b, table, item, sub=False)
            if minutes and item["minutes_text"]:
                _minutes_row(b, table, item["minutes_text"])
            for sub in item["subitems"]:
                _agenda_row(b, table, sub, sub=True)
                if minutes and sub["minutes_text"]:
                    _minutes_row(b, table, sub["minutes_text"])
    if view["end"]:
        b.paragraph(None, f"Mødet slutter kl. {view['end']}.")

    if minutes and view["decisions"]:
        b.heading(H_DECISIONS, 2)
        b.items(None, view["decisions"], numbered=True)
    if minutes and view["landmarks"]:
        b.heading(H_LANDMARKS, 2)
        b.items(None, view["landmarks"], numbered=True)
    if minutes and view["agreements"]:
        b.heading(H_AGREEMENTS, 2)
        table = b.table(None, AGREEMENT_COLUMNS, [6, 3, 3, 2, 2])
        for agreement in view["agreements"]:
            what, who, department, deadline, status = b.row(table)
            b.inline(b.paragraph(what), agreement["what"])
            for name in agreement["responsible"]:
                b.paragraph(who, name)
            b.paragraph(department, agreement["department"] or "")
            b.paragraph(deadline, agreement["deadline"] or "–")
            b.paragraph(status, agreement["status"] + (f" ({agreement['done']})" if agreement["done"] else ""))


def _agenda_row(b: Builder, table: Any, item: dict[str, Any], *, sub: bool) -> None:
    nr, tid, topic, goals, responsible = b.row(table)
    b.paragraph(nr, item["number"] or "")
    when = f"{item['time']}\n" if item.get("time") else ""
    b.paragraph(tid, when + (item["duration"] or ""))
    p = b.paragraph(topic, indent=LIST_INDENT if sub else 0)
    pause = bool(item.get("pause")) and not sub
    _run(p, item["topic"], bold=not sub and not pause, italic=pause)
    b.items(goals, item["goals"])
    if item["questions"]:
        b.label(QUESTIONS, goals, italic=True)
        b.items(goals, item["questions"])
    for name in item["responsible"]:
        b.paragraph(responsible, name)


def _minutes_row(b: Builder, table: Any, text: str) -> None:
    cell = b.full_row(table)
    b.label(f"{MINUTES}:", cell)
    b.markdown(cell, text)


def write_sheets(b: Builder, view: dict[str, Any]) -> None:
    """One landscape page per department: the sheet's three columns."""
    for sheet in view["sheets"]:
        b.start(landscape=True)
        b.heading(f"{SHEET_TITLE}: {sheet['department']}", 1)
        b.labelled("Dagtilbud", sheet["daycare"])
        b.labelled("Afdeling", sheet["department"])
        b.labelled("Læringssamtale", f"{sheet['meeting_title']}, {sheet['meeting_date']}")
        b.label(f"{SHEET_DECISION}:")
        if len(sheet["decision"]) == 1:
            b.markdown(None, sheet["decision"][0])
        else:
            b.items(None, sheet["decision"])
        table = b.table(None, SHEET_COLUMNS, [1, 1, 1])
        worked, data, points = b.row(table, height=5100)  # 9 cm to write in
        b.markdown(worked, sheet["worked_with"])
        b.markdown(data, sheet["data_points_to"])
        if sheet["points"]:
            b.items(points, sheet["points"], numbered=True)
        else:  # a blank form: three numbered lines to fill in
            num = b.new_list("decimal")
            for _ in range(3):
                b.list_paragraph(points, num, 0)


def write_plan(b: Builder, view: dict[str, Any]) -> None:
    """The plan's sections, its timeline as a table with shaded months, and its phases."""
    b.start()
    b.heading(f"Indsatsplan: {view['title']}", 1)
    b.labelled("Dagtilbud", view["daycare"])
    b.labelled("Afdeling", view["department"])
    b.labelled(PLAN_STATUS, view["status"])
    follows = view["follows"]
    if follows:
        b.heading(H_FOLLOWS, 2)
        b.labelled(FOLLOWED_SHEET, follows["file"])
        b.labelled(FOLLOWED_POINTS, ", ".join(map(str, follows["numbers"])) or None)
        if follows["points"]:
            b.items(None, [f"Punkt {point['number']}: {point['text']}" for point in follows["points"]])
    for key, heading in PLAN_SECTIONS:
        if view[key]:
            b.heading(heading, 2)
            b.items(None, view[key], block=True)
    if view["relevance"]:
        b.heading(RELEVANCE, 2)
        b.markdown(None, view["relevance"])

    b.heading(H_TIMELINE, 2)
    _timeline_table(b, view)

    b.heading(H_PHASES, 2)
    table = b.table(None, PHASE_COLUMNS, [3, 2, 2])
    for phase in view["phases"]:
        for cell, text in zip(b.row(table), (phase["name"], phase["start"] or "–", phase["end"])):
            b.paragraph(cell, text)
    for phase in view["phases"]:
        span = f"{phase['start']} – {phase['end']}" if phase["start"] else f"til {phase['end']}"
        b.heading(f"{phase['name']} ({span})", 3)
        b.markdown(None, phase["description"])
        if phase["milestones"]:
            b.label(MILESTONES)
            b.items(None, [f"{ms['date']}: {ms['title']}" for ms in phase["milestones"]])
        for meeting in phase["meetings"]:
            p = b.paragraph()
            b.inline(p, meeting["title"], bold=True)
            _run(p, f" ({meeting['every']}, {len(meeting['dates'])} møder)")
            if meeting["clock"]:
                shown = f"kl. {meeting['time']} ({meeting['length']})" if meeting["length"] else f"kl. {meeting['clock']}"
                b.labelled(MEETING_TIME, shown)
            if meeting["on_day_off"] != "behold":
                b.labelled(MEETING_DAY_OFF, meeting["on_day_off"])
            if meeting["first_iso"] and meeting["dates_iso"][:1] != [meeting["first_iso"]]:
                b.labelled(MEETING_FIRST, meeting["first"])
            b.items(None, meeting["dates"])
    if view["evaluations"]:
        b.heading(H_EVALUATIONS, 2)
        for evaluation in view["evaluations"]:
            b.heading(evaluation["date"], 3)
            b.markdown(None, evaluation["text"])


def _timeline_table(b: Builder, view: dict[str, Any]) -> None:
    """Phases down, periods across (months, or quarters or years for long plans); a
    phase's periods shaded, a milestone ◆ and a recurring meeting ● in their period."""
    phases = view["phases"]
    lo = min(dt.date.fromisoformat(p["start_iso"]) for p in phases)
    hi = max(dt.date.fromisoformat(p["end_iso"]) for p in phases)
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    step = 1 if months <= 18 else 3 if months <= 54 else 12
    if step == 12 and months > 12 * 40:
        step = 12 * ((months + 12 * 40 - 1) // (12 * 40))  # at most 40 columns
    first = (lo.year * 12 + lo.month - 1) // step * step
    last = (hi.year * 12 + hi.month - 1) // step * step
    periods = list(range(first, last + 1, step))

    def label(index: int) -> str:
        year, month = divmod(index, 12)
        if step == 1:
            return f"{MONTH_ABBR[month]} {year % 100:02d}"
        if step == 3:
            return f"K{month // 3 + 1} {year % 100:02d}"
        return str(year)

    def period(day: dt.date) -> int:
        return (day.year * 12 + day.month - 1) // step * step

    table = b.table(None, ["Fase", *[label(p) for p in periods]], [6] + [1] * len(periods), header_size=7)
    for phase in phases:
        start, end = dt.date.fromisoformat(phase["start_iso"]), dt.date.fromisoformat(phase["end_iso"])
        marks: dict[int, str] = {}
        for ms in phase["milestones"]:
            marks[period(dt.date.fromisoformat(ms["date_iso"]))] = "◆"
        for meeting in phase["meetings"]:
            for iso in meeting["dates_iso"]:
                marks.setdefault(period(dt.date.fromisoformat(iso)), "●")
        cells = b.row(table)
        b.paragraph(cells[0], phase["name"])
        for cell, index in zip(cells[1:], periods):
            if period(start) <= index <= period(end):
                _shade(cell, BAR)
            p = b.paragraph(cell)
            if index in marks:
                _run(p, marks[index], size=7)
    _run(b.paragraph(), "Farvede felter: fasen er i gang. ◆: milepæl. ●: tilbagevendende møde.", italic=True)


MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


WRITERS = {
    "dagsorden": write_meeting,
    "referat": write_meeting,
    "opmærksomhedspunkter": write_sheets,
    "indsatsplan": write_plan,
}


def document_bytes(view: dict[str, Any], title: str, template: bytes | None = None) -> bytes:
    """One document as a Word file."""
    b = Builder(template)
    WRITERS[view["document"]](b, view)
    return b.save(title, view.get("daycare"), view["document_label"], _date_of(view))


def bundle_bytes(views: list[tuple[str, dict[str, Any]]], title: str, daycare: str | None,
                 template: bytes | None = None) -> bytes:
    """Many documents as one Word file: a table of contents headed 'Indhold' (a Word
    field, updated when Word opens the file), then every document on its own pages."""
    b = Builder(template)
    b.start()
    _run(b.paragraph(), TOC_HEADING, bold=True, size=18)
    toc = b.paragraph()
    _field(toc, 'TOC \\o "1-1" \\h \\z \\u', "\n".join(entry for entry, _ in views))
    settings = b.doc.settings.element
    _insert_after_order(settings, _el("w:updateFields", val="true"), _SETTINGS_AFTER_UPDATE_FIELDS)
    dates = []
    for _, view in views:
        WRITERS[view["document"]](b, view)
        dates.append(_date_of(view))
    known = [d for d in dates if d is not None]
    return b.save(title, daycare, "Samlet", max(known) if known else None)


def _insert_after_order(parent: Any, child: Any, successors: tuple[str, ...]) -> None:
    for old in parent.findall(child.tag):
        parent.remove(old)
    for index, sibling in enumerate(parent):
        if isinstance(sibling.tag, str) and sibling.tag.split("}")[-1] in successors:
            parent.insert(index, child)
            return
    parent.append(child)
