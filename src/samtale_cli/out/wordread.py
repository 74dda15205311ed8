"""Reading Word files: a guarded opening, and the body as plain blocks.

:func:`open_docx` is the gate every Word file passes (``samtale import`` and
``--word-skabelon``): it refuses what is no readable DOCX with a Danish message (exit 2),
before python-docx sees it: a text file or an old .doc with the name .docx, a corrupt
zip, a zip bomb (more than :data:`MAX_UNPACKED` bytes, or more than
:data:`MAX_ENTRIES` entries), a spreadsheet or a macro document.

:func:`blocks` turns the body into :class:`Para` and :class:`Table` values in reading
order, with what the importer needs and nothing of Word's XML: text (soft hyphens
dropped, line breaks kept), Markdown (bold, italics, links, code), heading level, list
kind and level, indentation; tables as rows of cells with merged cells resolved (a cell
merged across columns is one cell with a span; a cell merged down continues the one
above). Text in content controls, tracked insertions, hyperlinks and fields' results is
read; deleted text, field instructions and the fallback copies of text boxes are not.

What a person reads and what ``samtale import`` needs differ in a few places of samtale's
own Word files: the minutes show "Til stede" by department, parts and data by title, while
the model has part keys, attendance and file paths. The writer puts those places' exact
content in an invisible part of the file (:func:`hidden_part`: an XML part of its own,
``samtale/import.xml``, related as custom XML); :func:`blocks` gives them back in place of
what is shown, as long as what is shown is unchanged (its text's digest). A place a
person edited in Word is read as it stands.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from samtale_cli.out import markdown
from samtale_cli.core.errors import SamtaleError

MAX_BYTES = 20 * 1024 * 1024  # the .docx itself
MAX_UNPACKED = 100 * 1024 * 1024  # everything in it, unpacked
MAX_ENTRIES = 5000
MAX_TAGS = 1_000_000  # XML tags in one part: a 300-page document has about 200,000
# Numbers read from the XML are clamped to what Word itself allows, so a hostile value
# ("30000000") costs no more than an ordinary one.
MAX_COLUMNS = 64  # a table's grid (Word allows 63 columns)
MAX_LEVEL = 8  # list levels 0-8
MAX_TWIPS = 31680  # an indent (22 inches, Word's widest page)
MAX_STYLE_CHAIN = 32  # styles based on styles (Word's own are a few deep)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MONO = ("consolas", "courier", "courier new", "menlo", "monaco", "lucida console", "source code pro")
_DROP = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\u2060": None})


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def open_docx(raw: bytes, name: str, what: str = "Filen") -> Any:
    """``raw`` as a python-docx Document, or a SamtaleError (exit 2) in Danish."""
    where = f"{what} '{name}'"
    if raw.startswith(_OLE):
        raise SamtaleError(
            f"{where} er et gammelt Word-dokument (.doc) eller beskyttet med adgangskode. "
            "Åbn den i Word, fjern en eventuel adgangskode, og gem den som Word-dokument (.docx).")
    if not raw.startswith(b"PK"):
        kind = "en tekstfil" if _looks_like_text(raw) else "ikke en zip-pakke, som en .docx er"
        raise SamtaleError(f"{where} er ikke et Word-dokument (.docx): den er {kind}.")
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise SamtaleError(f"{where} er beskadiget: zip-pakken kan ikke læses.") from None
    if len(infos) > MAX_ENTRIES:
        raise SamtaleError(f"{where} har over {MAX_ENTRIES} dele; det er ikke et almindeligt Word-dokument.")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise SamtaleError(
            f"{where} pakker sig ud til over {MAX_UNPACKED // 2**20} MB (en zip-bombe?); den læses ikke.")
    if any(i.flag_bits & 0x1 for i in infos):
        raise SamtaleError(f"{where} er krypteret og kan ikke læses.")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise SamtaleError(f"{where} er ikke et Word-dokument (.docx): der mangler [Content_Types].xml.")
    if "word/document.xml" not in names and not any(n.startswith("word/") for n in names):
        other = "et regneark (.xlsx)" if any(n.startswith("xl/") for n in names) else (
            "en præsentation (.pptx)" if any(n.startswith("ppt/") for n in names) else "ikke et Word-dokument")
        raise SamtaleError(f"{where} er {other}, ikke et Word-dokument (.docx).")
    _refuse_too_many_elements(package, infos, where)
    try:
        import docx

        return docx.Document(io.BytesIO(raw))
    except ValueError as exc:
        if "content type" in str(exc):
            raise SamtaleError(f"{where} er ikke et almindeligt Word-dokument (.docx), fx et dokument med makroer "
                               "(.docm) eller en skabelon (.dotx). Gem den som Word-dokument (.docx).") from None
        raise SamtaleError(f"{where} kan ikke læses som Word-dokument: {exc}.") from None
    except Exception as exc:  # noqa: BLE001 - lxml, zipfile and python-docx raise many kinds
        raise SamtaleError(f"{where} er beskadiget og kan ikke læses som Word-dokument "
                           f"({type(exc).__name__}).") from None


def _refuse_too_many_elements(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], where: str) -> None:
    """Refuse a document whose text parts hold more XML tags than a real document does
    (:data:`MAX_TAGS`): two million empty paragraphs pack into 18 KB and would take
    gigabytes and minutes to read. Counted in the packed bytes, a part at a time."""
    for info in infos:
        if not (info.filename.startswith("word/") and info.filename.endswith(".xml")):
            continue
        import zlib

        try:
            tags = package.read(info).count(b"<")
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
            raise SamtaleError(f"{where} er beskadiget: zip-pakken kan ikke læses.") from None
        if tags > MAX_TAGS:
            limit = f"{MAX_TAGS:,}".replace(",", ".")
            raise SamtaleError(
                f"{where} har over {limit} XML-mærker i '{info.filename}' (et dokument på 300 sider har omkring "
                "200.000); den læses ikke. Er det et meget stort dokument, så del det op.")


def _looks_like_text(raw: bytes) -> bool:
    head = raw[:4096]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return head.count(b"\x00") == 0 and sum(b < 9 for b in head) == 0
    return True


# --- blocks ----------------------------------------------------------------------------


@dataclass
class Segment:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass
class Para:
    """One paragraph: its lines (split at line breaks) as text and as Markdown."""

    segments: list[Segment]
    style: str = ""  # the style's name, as Word has it
    heading: int | None = None  # 1-9 for headings
    list_kind: str | None = None  # "bullet" or "decimal" for a list item
    level: int = 0  # list level (0 the outermost)
    indent: int = 0  # left indent in twips
    page_break: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def lines(self) -> list[str]:
        return [" ".join(line.split()) for line in self.text.split("\n")]

    @property
    def clean(self) -> str:
        """The text on one line, spaces collapsed."""
        return " ".join(self.text.split())

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @property
    def bold(self) -> bool:
        """All its visible text is bold."""
        visible = [s for s in self.segments if s.text.strip()]
        return bool(visible) and all(s.bold for s in visible)

    @property
    def caption(self) -> bool:
        return self.style.lower() in ("caption", "billedtekst")

    def markdown_lines(self) -> list[str]:
        """Each line as inline Markdown."""
        lines: list[list[Segment]] = [[]]
        for seg in self.segments:
            parts = seg.text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    lines.append([])
                if part:
                    lines[-1].append(Segment(part, seg.bold, seg.italic, seg.code, seg.href))
        return [inline_markdown(line) for line in lines]

    @property
    def markdown(self) -> str:
        """The paragraph as inline Markdown; line breaks become hard breaks."""
        return "\\\n".join(line for line in self.markdown_lines())


@dataclass
class Cell:
    paras: list[Para]
    span: int = 1
    continued: bool = False  # merged with the cell above
    fill: str | None = None
    above: Cell | None = None  # for a continued cell: the cell it continues

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()

    @property
    def lines(self) -> list[str]:
        return [line for p in self.paras for line in p.lines if line]


@dataclass
class Table:
    rows: list[list[Cell]]
    columns: int = 0


@dataclass
class Reader:
    """Reads one document's body; knows its numbering and styles."""

    document: Any
    _numbering: dict[tuple[int, int], str] = field(default_factory=dict)
    _styles: dict[str, Any] = field(default_factory=dict)
    _chains: dict[str | None, list[Any]] = field(default_factory=dict)  # style id -> its chain, once

    def __post_init__(self) -> None:
        self._read_numbering()
        try:
            for style in self.document.styles.element.findall(w("style")):
                self._styles[style.get(w("styleId"))] = style
        except Exception:  # noqa: BLE001 - a broken styles part: read without styles
            self._styles = {}

    def _read_numbering(self) -> None:
        try:
            part = self.document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, str]] = {}
        for a in root.findall(w("abstractNum")):
            levels = {}
            for lvl in a.findall(w("lvl")):
                fmt = lvl.find(w("numFmt"))
                level = _int(lvl.get(w("ilvl")), 0, MAX_LEVEL)
                levels[level] = fmt.get(w("val"), "decimal") if fmt is not None else "decimal"
            abstract[a.get(w("abstractNumId"))] = levels
        for num in root.findall(w("num")):
            ref = num.find(w("abstractNumId"))
            if ref is None:
                continue
            for ilvl, fmt in abstract.get(ref.get(w("val")), {}).items():
                self._numbering[(_int(num.get(w("numId"))), ilvl)] = fmt

    # --- styles

    def _style_chain(self, style_id: str | None) -> list[Any]:
        """The style and the styles it is based on, nearest first; worked out once per
        style (a document of many paragraphs on a long chain cost their product)."""
        if style_id not in self._chains:
            self._chains[style_id] = self._follow(style_id)
        return self._chains[style_id]

    def _follow(self, style_id: str | None) -> list[Any]:
        chain: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen and len(chain) < MAX_STYLE_CHAIN:
            seen.add(style_id)
            style = self._styles[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return chain

    def _style_name(self, style_id: str | None) -> str:
        chain = self._style_chain(style_id)
        if not chain:
            return style_id or ""
        name = chain[0].find(w("name"))
        return name.get(w("val")) if name is not None else (style_id or "")

    # --- body

    def blocks(self) -> list[Para | Table]:
        return list(self._container(self.document.element.body))

    def _container(self, element: Any) -> Any:
        for child in element:
            tag = child.tag
            if tag == w("p"):
                yield self.paragraph(child)
                yield from self._text_boxes(child)
            elif tag == w("tbl"):
                yield self.table(child)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._container(content)
            elif tag in (w("ins"), w("customXml"), w("smartTag")):
                yield from self._container(child)

    def _text_boxes(self, p: Any) -> Any:
        """The text boxes of ``p``, each read once: a box inside a box is read with the
        paragraph it stands in (reading every box below ``p`` read it once per level)."""
        for box, _ in _walk(p, _BOXES):
            yield from self._container(box)

    def paragraph(self, p: Any) -> Para:  # noqa: C901
        p_pr = p.find(w("pPr"))
        style_id = None
        num_id, ilvl, indent, outline = None, 0, 0, None
        if p_pr is not None:
            ps = p_pr.find(w("pStyle"))
            style_id = ps.get(w("val")) if ps is not None else None
        chain = self._style_chain(style_id)
        # direct formatting first, then the style chain
        for source in ([p_pr] if p_pr is not None else []) + [s.find(w("pPr")) for s in chain]:
            if source is None:
                continue
            if num_id is None:
                num_pr = source.find(w("numPr"))
                if num_pr is not None:
                    nid = num_pr.find(w("numId"))
                    lvl = num_pr.find(w("ilvl"))
                    if nid is not None:
                        num_id = _int(nid.get(w("val")))
                        ilvl = _int(lvl.get(w("val")), 0, MAX_LEVEL) if lvl is not None else 0
            if not indent:
                ind = source.find(w("ind"))
                if ind is not None:
                    indent = _int(ind.get(w("left")) or ind.get(w("start")), -MAX_TWIPS, MAX_TWIPS)
            if outline is None:
                ol = source.find(w("outlineLvl"))
                if ol is not None:
                    outline = _int(ol.get(w("val")), -1, 9)
        name = self._style_name(style_id)
        heading = _heading_level(name, outline)
        list_kind = None
        if num_id:  # numId 0 switches numbering off
            fmt = self._numbering.get((num_id, ilvl), "decimal")
            list_kind = "bullet" if fmt in ("bullet", "none") else "decimal"
        segments, page_break = self._runs(p)
        para = Para(segments, name, heading, list_kind, ilvl if list_kind else 0, indent, page_break)
        if list_kind is None:
            _typed_bullet(para)
        return para

    def _runs(self, p: Any) -> tuple[list[Segment], bool]:  # noqa: C901
        segments: list[Segment] = []
        page_break = False
        in_field = 0  # inside a field's instruction (between begin and separate)
        for r, link in _walk(p, _RUNS):
            r_pr = r.find(w("rPr"))
            bold, italic, code = self._run_format(r_pr)
            href = self._href(link)
            for child in r:
                tag = child.tag
                if tag == w("fldChar"):
                    kind = child.get(w("fldCharType"))
                    if kind == "begin":
                        in_field += 1
                    elif kind in ("separate", "end") and in_field:
                        in_field -= 1
                    continue
                if in_field:
                    continue
                text = None
                if tag == w("t"):
                    text = (child.text or "").translate(_DROP).replace("\u00a0", " ")
                elif tag == w("tab"):
                    text = "\t"
                elif tag in (w("br"), w("cr")):
                    if child.get(w("type")) in ("page", "column"):
                        page_break = True
                    else:
                        text = "\n"
                elif tag == w("noBreakHyphen"):
                    text = "-"
                elif tag == w("sym"):
                    text = _symbol(child.get(w("char"), ""))
                if text:
                    segments.append(Segment(text, bold, italic, code, href))
        return _merge(segments), page_break

    def _run_format(self, r_pr: Any) -> tuple[bool, bool, bool]:
        bold = italic = code = None
        sources = [r_pr] if r_pr is not None else []
        if r_pr is not None:
            rs = r_pr.find(w("rStyle"))
            if rs is not None:
                sources += [s.find(w("rPr")) for s in self._style_chain(rs.get(w("val")))]
        for source in sources:
            if source is None:
                continue
            if bold is None and source.find(w("b")) is not None:
                bold = _on(source.find(w("b")))
            if italic is None and source.find(w("i")) is not None:
                italic = _on(source.find(w("i")))
            if code is None and source.find(w("rFonts")) is not None:
                font = (source.find(w("rFonts")).get(w("ascii")) or "").lower()
                code = font in _MONO
        return bool(bold), bool(italic), bool(code)

    def _href(self, link: Any) -> str | None:
        """The address of the hyperlink element ``link`` (None: none, or not external)."""
        rel_id = link.get(f"{{{R}}}id") if link is not None else None
        if not rel_id:
            return None
        try:
            rel = self.document.part.rels[rel_id]
        except KeyError:
            return None
        return rel.target_ref if rel.is_external else None

    def table(self, tbl: Any) -> Table:
        rows: list[list[Cell]] = []
        columns = 0
        origin: dict[int, Cell] = {}  # grid column -> the last cell that began there
        grid = tbl.find(w("tblGrid"))
        width = min(len(grid.findall(w("gridCol"))), MAX_COLUMNS) if grid is not None else 0
        width = width or MAX_COLUMNS
        for tr in tbl.findall(w("tr")):
            row = []
            col = 0
            for tc in _cells(tr):
                tc_pr = tc.find(w("tcPr"))
                span, continued, fill = 1, False, None
                if tc_pr is not None:
                    gs = tc_pr.find(w("gridSpan"))
                    # at most the columns left in the grid: a span of 2,000,000,000 is a full row
                    span = _int(gs.get(w("val")), 1, max(1, width - col)) if gs is not None else 1
                    vm = tc_pr.find(w("vMerge"))
                    continued = vm is not None and vm.get(w("val"), "continue") == "continue"
                    shd = tc_pr.find(w("shd"))
                    fill = shd.get(w("fill")) if shd is not None else None
                paras = [b for b in self._container(tc) if isinstance(b, Para)]
                cell = Cell(paras, span, continued, fill)
                if continued and col in origin:
                    cell.above = origin[col]
                else:
                    origin[col] = cell
                row.append(cell)
                col += span
            columns = max(columns, sum(c.span for c in row))
            rows.append(row)
        return Table(rows, columns)


def _cells(tr: Any) -> list[Any]:
    cells = []
    for child in tr:
        if child.tag == w("tc"):
            cells.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                cells.extend(c for c in content if c.tag == w("tc"))
    return cells


# What _walk looks for, and the elements whose insides it skips.
_RUNS = (w("r"), frozenset({w("del"), w("moveFrom"), w("txbxContent"), f"{{{MC}}}Fallback"}))
_BOXES = (w("txbxContent"), frozenset({w("txbxContent"), f"{{{MC}}}Fallback"}))


def _walk(p: Any, what: tuple[str, frozenset[str]]) -> Any:
    """The elements below ``p`` with the tag ``what[0]``, in document order, each with
    its nearest enclosing hyperlink (or None); the insides of the elements in ``what[1]``
    are skipped: deleted text and fallback copies are not shown, and a text box is read
    as its own paragraphs. Each element is visited once (no walk up the ancestors)."""
    tag, skipped = what
    stack: list[tuple[Any, Any]] = [(iter(p), None)]
    while stack:
        children, link = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        if child.tag == tag:
            yield child, link
        if child.tag not in skipped:
            stack.append((iter(child), child if child.tag == _HYPERLINK else link))


_HYPERLINK = w("hyperlink")


def _heading_level(style_name: str, outline: int | None) -> int | None:
    m = re.fullmatch(r"(?:heading|overskrift)\s*(\d)", style_name.strip().lower())
    if m:
        return int(m[1])
    if style_name.strip().lower() in ("title", "titel"):
        return 1
    if outline is not None and 0 <= outline < 9:
        return outline + 1
    return None


_TYPED_BULLET = re.compile(r"^\s*([•◦▪▫●○■□–·\uf0b7\uf0a7\uf0d8]|[-*o](?=\s))\s*")


def _typed_bullet(para: Para) -> None:
    """A paragraph that starts with a typed bullet ('• ', 'o ', '- ') is a list item;
    the bullet is taken off its text."""
    if not para.segments:
        return
    first = para.segments[0]
    m = _TYPED_BULLET.match(first.text)
    if not m:
        return
    para.list_kind = "bullet"
    para.level = 1 if m[1] in "o◦○" else 2 if m[1] in "▪▫■□§\uf0a7" else 0
    first.text = first.text[m.end():]
    if not first.text:
        para.segments.pop(0)


def _symbol(char: str) -> str:
    """The character of a ``w:sym`` (hex, Symbol-font codes from F000); none for a code
    outside Unicode or one that is no printable character."""
    try:
        code = int(char[:8], 16)
    except ValueError:
        return ""
    if code in (0xF0B7, 0xF0A7):  # Symbol-font bullets
        return "•"
    code = code - 0xF000 if code >= 0xF000 else code
    text = chr(code) if code <= 0x10FFFF else ""
    return text if text.isprintable() else ""


def _on(element: Any) -> bool:
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


def _int(text: str | None, low: int = -(2**31), high: int = 2**31) -> int:
    """A number from the XML ("12", "12.0"), clamped to ``low``-``high``; 0 (or the
    nearest bound) for no number."""
    try:
        number = float((text or "0")[:40])
    except ValueError:
        number = 0.0
    if number != number:  # nan
        number = 0.0
    return int(min(max(number, low), high))


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for seg in segments:
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.code, last.href) == (seg.bold, seg.italic, seg.code, seg.href):
            last.text += seg.text
        else:
            merged.append(Segment(seg.text, seg.bold, seg.italic, seg.code, seg.href))
    return merged


def blocks(document: Any) -> list[Para | Table]:
    """The body of a python-docx Document as plain blocks, in reading order; the places
    samtale wrote for people and kept for import in its invisible part (:func:`hidden_part`)
    as kept, when they are unchanged."""
    reader = Reader(document)
    hidden = read_hidden(document)
    if not hidden:
        return reader.blocks()
    children = list(document.element.body)
    out: list[Para | Table] = []
    k = 0
    while k < len(children):
        kept = hidden.get(_bookmark_of(children[k]) or "")
        if kept is not None and text_digest(children[k:k + kept.count]) == kept.digest:
            out.extend(kept.blocks)
            k += kept.count
            continue
        out.extend(reader._container([children[k]]))
        k += 1
    return out


# --- the invisible part: what import needs where the page shows it for people ----------

HIDDEN_NS = "urn:samtale:word-import:1"
HIDDEN_PART = "/samtale/import.xml"
HIDDEN_PREFIX = "_samtale_"  # the bookmarks that mark the places (hidden bookmarks: '_')


@dataclass
class Kept:
    """A place of the body: ``count`` elements from a bookmarked one, the digest of their
    text as written, and the blocks import reads instead."""

    count: int
    digest: str
    blocks: list[Para | Table]


def text_digest(elements: list[Any]) -> str:
    """The digest of the text of body elements (their ``w:t``), the same when written
    and when read back."""
    import hashlib

    texts = ("".join(t.text or "" for t in element.iter(w("t"))) for element in elements)
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()


def hidden_part(places: list[tuple[str, int, str, list[tuple[Any, ...]]]]) -> bytes:
    """The invisible part's XML: per place its bookmark, element count, digest and the
    blocks import reads: ``("heading", level, text)``, ``("label", label, value)``,
    ``("table", rows)`` (rows of cell texts, the first the header)."""
    from lxml import etree

    root = etree.Element(f"{{{HIDDEN_NS}}}samtale", nsmap={None: HIDDEN_NS})
    for name, count, digest, kept in places:
        place = etree.SubElement(root, f"{{{HIDDEN_NS}}}place", name=name, count=str(count), digest=digest)
        for block in kept:
            kind = block[0]
            element = etree.SubElement(place, f"{{{HIDDEN_NS}}}{kind}")
            if kind == "heading":
                element.set("level", str(block[1]))
                element.text = block[2]
            elif kind == "label":
                element.set("label", block[1])
                element.text = block[2]
            else:
                for row in block[1]:
                    tr = etree.SubElement(element, f"{{{HIDDEN_NS}}}row")
                    for text in row:
                        etree.SubElement(tr, f"{{{HIDDEN_NS}}}cell").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_hidden(document: Any) -> dict[str, Kept]:
    """The places of :func:`hidden_part` by bookmark; none when the file has no such
    part or it cannot be read (then the body is read as it stands)."""
    try:
        blob = next((rel.target_part.blob for rel in document.part.rels.values()
                     if not rel.is_external and rel.target_part.partname == HIDDEN_PART), None)
        return _places(blob) if blob else {}
    except Exception:  # noqa: BLE001 - a damaged part: read what is shown
        return {}


def _places(blob: bytes) -> dict[str, Kept]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(blob, parser)
    if root.tag != f"{{{HIDDEN_NS}}}samtale":
        return {}
    places = {}
    for place in root.iterchildren(f"{{{HIDDEN_NS}}}place"):
        kept = [_kept_block(element) for element in place if isinstance(element.tag, str)]
        places[place.get("name", "")] = Kept(_int(place.get("count"), 1, MAX_TAGS), place.get("digest", ""),
                                             [b for b in kept if b is not None])
    return places


def _kept_block(element: Any) -> Para | Table | None:
    kind = element.tag.split("}")[-1]
    text = element.text or ""
    if kind == "heading":
        level = _int(element.get("level"), 1, 9)
        return Para([Segment(text)], f"Heading {level}", level)
    if kind == "label":
        return Para([Segment(f"{element.get('label', '')}:", bold=True), Segment(" " + text)])
    if kind == "table":
        rows = [[Cell([Para([Segment(c.text)] if c.text else [])]) for c in row] for row in element]
        return Table(rows, max((len(r) for r in rows), default=0))
    return None


def _bookmark_of(element: Any) -> str | None:
    """The name of the first of samtale's place bookmarks in a body paragraph."""
    if element.tag != w("p"):
        return None
    for mark in element.iterchildren(w("bookmarkStart")):
        name = mark.get(w("name"), "")
        if name.startswith(HIDDEN_PREFIX):
            return name
    return None


# --- Word formatting to Markdown ----------------------------------------------------------


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&!])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-*=|]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """``text`` written so that inline Markdown shows it as it is: unchanged when it
    already would, else with backslashes before the characters Markdown would read."""
    if not text or markdown.parser().renderInline(text) == _escape_html(text):
        return text
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def inline_markdown(segments: list[Segment]) -> str:
    """Segments as inline Markdown: **bold**, *italics*, `code`, [links](url)."""
    out = []
    for seg in _merge(segments):
        text = seg.text.replace("\t", " ")
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        core = text.strip()
        if not core:
            out.append(text)
            continue
        if seg.code and "`" not in core:
            body = f"`{core}`"
        else:
            body = escape_markdown(core)
        if seg.italic:
            body = f"*{body}*"
        if seg.bold:
            body = f"**{body}**"
        if seg.href:
            body = f"[{body}](<{seg.href}>)" if " " in seg.href else f"[{body}]({seg.href})"
        out.append(lead + body + trail)
    return " ".join("".join(out).split(" ")).strip() if out else ""


def paragraphs_markdown(paras: list[Para]) -> str:
    """Paragraphs and lists as Markdown blocks (a list's continuation paragraphs, indented
    to an item's level, stay inside the item)."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # open lists: kind and content indent (spaces)
    counters: list[int] = []
    previous_list = False
    for para in paras:
        if para.empty:
            continue
        text = para.markdown
        if para.list_kind is not None:
            level = para.level
            while len(stack) > level + 1:
                stack.pop()
                counters.pop()
            if len(stack) == level + 1 and stack[-1][0] != para.list_kind:
                stack.pop()
                counters.pop()
            while len(stack) < level + 1:
                parent = stack[-1][1] if stack else 0
                stack.append((para.list_kind, parent + (2 if para.list_kind == "bullet" else 3)))
                counters.append(0)
            counters[-1] += 1
            indent = stack[-2][1] if len(stack) > 1 else 0
            marker = "- " if para.list_kind == "bullet" else f"{counters[-1]}. "
            body = guard_block(text)
            if out and not previous_list:
                out.append("")
            out.append(" " * indent + marker + _indent_rest(body, stack[-1][1]))
            previous_list = True
            continue
        if stack and para.indent > 0:  # a continuation paragraph of the open item
            level = min(len(stack), max(1, round(para.indent / 284)))
            while len(stack) > level:
                stack.pop()
                counters.pop()
            out.append("")
            out.append(" " * stack[-1][1] + _indent_rest(guard_block(text), stack[-1][1]))
            previous_list = False
            continue
        stack.clear()
        counters.clear()
        if out:
            out.append("")
        out.append(guard_block(text))
        previous_list = False
    return "\n".join(out).strip("\n")


def guard_block(text: str) -> str:
    """Inline Markdown that stays one paragraph: a start that Markdown would read as a
    heading, list, quote or rule ('# ', '- ', '1. ', '> ') is escaped."""
    rendered = markdown.parser().render(text)
    if rendered.startswith("<p>") and rendered.count("<p>") == 1 and rendered.rstrip().endswith("</p>"):
        return text
    return _BLOCK_START.sub(lambda m: m[1] + "".join("\\" + c if not c.isdigit() else c for c in m[2]), text, count=1)


def _indent_rest(text: str, indent: int) -> str:
    return text.replace("\n", "\n" + " " * indent)


def normal_html(text: str) -> str:
    """What Markdown shows, for comparing: HTML with white space collapsed and the
    paragraphs that loose lists put around an item's text taken off."""
    html = markdown.parser().render(text or "")
    html = re.sub(r"\s+", " ", html).strip()
    html = re.sub(r"<li>\s*<p>", "<li>", html)
    return re.sub(r"</p>\s*</li>", "</li>", html)


def same_markdown(a: str, b: str) -> bool:
    return normal_html(a) == normal_html(b)
