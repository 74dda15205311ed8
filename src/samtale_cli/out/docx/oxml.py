"""The XML underneath samtale's Word files, and their look.

Paragraphs, runs, fields and table cells are made here as plain lxml elements (python-docx's
generic insertion costs more than the whole rest of a document); elements that python-docx
does not know are put in schema order. The colours and fonts of the documents are here too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lxml.etree import SubElement as _SubElement

# --- page and look ----------------------------------------------------------------------

TEAL = "1D3F42"
BAR = "7FA7AB"
HEAD_FILL = "E1E7E8"
CODE_FONT = "Consolas"

# OOXML wants children in schema order; these are the orders of the few elements that
# are edited here beyond what python-docx knows.
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
             "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
SETTINGS_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                                "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                                "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                                "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                                "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: Any) -> str:
    """Text that XML can hold (the loader already refuses control characters)."""
    return _XML_INVALID.sub("", str(text))


_NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
               "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@lru_cache(maxsize=None)
def qn(tag: str) -> str:
    """'w:p' as lxml's '{namespace}p'."""
    prefix, name = tag.split(":")
    return f"{{{_NAMESPACES[prefix]}}}{name}"


def el(tag: str, **attrs: str) -> Any:
    """A new element ``tag`` ('w:shd') with ``w:`` attributes, made by python-docx."""
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def insert_ordered(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
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


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    """A child element ``tag`` ('w:p') appended to ``parent`` (plain lxml: python-docx's
    generic insertion costs more than the whole rest of a document)."""
    element = _SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn("w:" + key), value)
    return element


def run(p: Any, text: str = "", *, bold: bool = False, italic: bool = False, code: bool = False,  # noqa: C901
        size: float | None = None, underline: bool = False, color: str | None = None,
        style: str | None = None, parent: Any = None) -> Any:
    """A run in paragraph ``p`` (or in ``parent``, a hyperlink), its properties in schema
    order; line breaks in ``text`` become Word line breaks."""
    r = sub(parent if parent is not None else p, "w:r")
    if style or code or bold or italic or color or size or underline:
        r_pr = sub(r, "w:rPr")
        if style:
            sub(r_pr, "w:rStyle", val=style)
        if code:
            sub(r_pr, "w:rFonts", ascii=CODE_FONT, hAnsi=CODE_FONT, cs=CODE_FONT)
        if bold:
            sub(r_pr, "w:b")
        if italic:
            sub(r_pr, "w:i")
        if color:
            sub(r_pr, "w:color", val=color)
        if size:
            sub(r_pr, "w:sz", val=str(int(size * 2)))
        if underline:
            sub(r_pr, "w:u", val="single")
    for k, line in enumerate(clean(text).split("\n")):
        if k:
            sub(r, "w:br")
        if line:
            t = sub(r, "w:t")
            t.text = line
            if line != line.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def field(p: Any, instruction: str, shown: str) -> Any:
    """A Word field (PAGE, NUMPAGES, TOC) with the text shown until Word updates it;
    returns the run that shows it."""
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="begin")
    instr = sub(sub(p, "w:r"), "w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="separate")
    shown_run = run(p, shown)
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="end")
    return shown_run


def shade(tc: Any, fill: str) -> None:
    """The table cell ``tc`` filled with the colour ``fill``."""
    insert_ordered(tc.find(qn("w:tcPr")), el("w:shd", val="clear", color="auto", fill=fill), TCPR_ORDER)


def insert_after_order(parent: Any, child: Any, successors: tuple[str, ...]) -> None:
    """Put ``child`` into ``parent`` before the first of ``successors`` (the elements
    that follow it in schema order), replacing one of the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    for index, sibling in enumerate(parent):
        if isinstance(sibling.tag, str) and sibling.tag.split("}")[-1] in successors:
            parent.insert(index, child)
            return
    parent.append(child)
