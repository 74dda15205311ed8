"""The Word template: the built-in neutral one, and a user's own (``--word-skabelon``).

A Word template works like pandoc's ``--reference-doc``: a document starts as a copy of the
template made passive (:func:`passive_template`) with its body cleared (:class:`samtale_cli.out.docx.builder.Builder`), so its
styles, page setup, header and footer (a municipality's logo) stay; styles that samtale
needs and the template lacks are copied from the built-in neutral template
(:func:`adopt_styles`). The neutral template is built in code from python-docx's own: A4,
Danish, page numbers in the footer.
"""

from __future__ import annotations

import copy
import io
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from samtale_cli.core.errors import SamtaleError
from samtale_cli.out.docx import oxml
from samtale_cli.out.docx.passive import clean_template
from samtale_cli.out.wordread import MAX_ENTRIES, MAX_UNPACKED, open_docx

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
# styles the documents use; a template that lacks one gets it from the neutral template
NEEDED_STYLES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Paragraph", "Caption",
                 "Header", "Footer")

@lru_cache(maxsize=1)
def neutral_template() -> bytes:
    """The built-in neutral template: python-docx's own, made A4 and Danish, with page
    numbers in the footer and without the parts no document needs (a thumbnail of an
    empty page, Word 2010's second copy of the styles)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    drop_stale_parts(document, custom_xml=True)
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
        style.font.color.rgb = RGBColor.from_string(oxml.TEAL)
        style.font.size = Pt(size)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def drop_stale_parts(document: Any, custom_xml: bool = False) -> None:
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
    oxml.run(p, "Side ")
    oxml.field(p, "PAGE", "1")
    oxml.run(p, " af ")
    oxml.field(p, "NUMPAGES", "1")


def read_template(path: Path, report: Callable[[str], None] | None = None) -> bytes:
    """A Word template's bytes made passive (:func:`passive_template`), checked as
    ``samtale import`` checks its input (a Danish usage error when it is no readable
    DOCX); ``report`` gets one Danish line, naming the file, per kind of thing dropped."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_TEMPLATE_BYTES else b""
    except OSError as exc:
        raise SamtaleError(f"Word-skabelonen '{path}' kan ikke læses: {exc.strerror or exc}.") from None
    if not raw:
        raise SamtaleError(f"Word-skabelonen '{path}' er tom eller over {MAX_TEMPLATE_BYTES // 2**20} MB.")
    cleaned, dropped = _passive(raw, path.name)
    for line in dropped:
        if report is not None:
            report(f"Word-skabelonen '{path}': {line}.")
    return cleaned


def passive_template(raw: bytes) -> bytes:
    """The template ``raw`` with only styles, numbering, page setup, theme, fonts,
    header and footer left (:mod:`samtale_cli.out.docx.passive`): what every document
    built on a user's template starts from, whichever way the template came in."""
    return _passive(raw, "skabelon.docx")[0]


@lru_cache(maxsize=4)
def _passive(raw: bytes, name: str) -> tuple[bytes, tuple[str, ...]]:
    """Cleaned once per template (a folder renders many documents on one)."""
    limits = _over_limits(raw)
    try:
        cleaned, dropped = clean_template(raw) if not limits else (b"", [])
    except Exception:  # noqa: BLE001 - zipfile, lxml and a broken package raise many kinds
        cleaned, dropped = b"", []
    if not cleaned:
        open_docx(raw, name, what="Word-skabelonen")  # the Danish reason, if there is one
        raise SamtaleError(f"Word-skabelonen '{name}' kan ikke læses som Word-dokument.")
    open_docx(cleaned, name, what="Word-skabelonen")
    return cleaned, tuple(dropped)


def _over_limits(raw: bytes) -> bool:
    """Whether the zip is too big to unpack (left to :func:`open_docx` to say why)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except Exception:  # noqa: BLE001 - not a zip: open_docx says what it is
        return True
    return len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED


def set_language(document: Any) -> None:
    """Danish as the default language of all text, and of the theme's fonts."""
    styles = document.styles.element
    defaults = styles.find(oxml.qn("w:docDefaults"))
    if defaults is None:
        defaults = oxml.el("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(oxml.qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = oxml.el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(oxml.qn("w:rPr"))
    if rpr is None:
        rpr = oxml.el("w:rPr")
        rpr_default.append(rpr)
    oxml.insert_ordered(rpr, oxml.el("w:lang", val="da-DK", eastAsia="da-DK", bidi="ar-SA"), oxml.RPR_ORDER)


def adopt_styles(document: Any) -> None:
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


def ensure_page_number(document: Any) -> None:
    """Each footer the template's pages show (the footer, and the first page's and even
    pages' own when the template has them switched on) that has no page number gets
    'Side N af M' under it; a footer with one, and every header, stay as they are."""
    section = document.sections[-1]
    footers = [section.footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    if document.settings.odd_and_even_pages_header_footer:
        footers.append(section.even_page_footer)
    for footer in footers:
        _number_footer(footer, len(document.sections))


def _number_footer(footer: Any, sections: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if footer.is_linked_to_previous and sections == 1:
        footer.is_linked_to_previous = False
    xml = footer._element.xml
    if "PAGE" in xml and ("fldSimple" in xml or "instrText" in xml):
        return
    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(paragraph._p)
