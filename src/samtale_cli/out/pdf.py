"""PDF: self-contained HTML through weasyprint, byte-stable and fetching nothing, and
accessible as a public body's documents must be: PDF/UA-1 (tagged, with the title shown
and the language set, headings and tables in the structure; ``pdfua check`` passes)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from samtale_cli.core.files import PDF_ID_PREFIX

def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> Any:
    """weasyprint's fetcher: the HTML is self-contained, so a PDF never fetches anything
    (not http: from the machine, not file: from the disk, whatever a template says)."""
    raise ValueError(f"samtale henter ikke {url[:80]}")


def _no_fetcher() -> Any:
    """The fetcher in the form the installed weasyprint wants: a URLFetcher (version 66
    and later) or a function (before)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        return _fetch_nothing

    class NoFetching(URLFetcher):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _fetch_nothing(url)

    return NoFetching()


def _weasyprint_html() -> Any:
    """weasyprint's ``HTML``, or a Danish SamtaleError when weasyprint cannot load the
    libraries it draws text with (Pango and the ones it uses: cffi raises OSError "cannot
    load library 'libpango-1.0-0'" while weasyprint is imported, after printing an English
    note to standard output, which is kept back). Advice from WeasyPrint's installation
    guide, https://doc.courtbouillon.org/weasyprint/stable/first_steps.html."""
    import contextlib
    import io

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            from weasyprint import HTML
    except OSError as exc:
        from samtale_cli.core.errors import SamtaleError

        named = re.search(r"cannot load library '([^']+)'", str(exc))
        missing = f"biblioteket '{named[1]}'" if named else f"et bibliotek ({exc})"
        raise SamtaleError(
            f"PDF kræver Pango, men {missing} kunne ikke indlæses. Sådan får du Pango:\n"
            "  Windows: installér MSYS2 (https://www.msys2.org) og kør i 'MSYS2 UCRT64': "
            "pacman -S mingw-w64-ucrt-x86_64-pango\n"
            "  macOS: installér Homebrew (https://brew.sh) og kør: brew install weasyprint (det henter Pango)\n"
            "  Linux: sudo apt install libpango-1.0-0 libpangoft2-1.0-0 (Debian, Ubuntu) eller sudo dnf install pango (Fedora)\n"
            "Se https://doc.courtbouillon.org/weasyprint/stable/first_steps.html. Word og HTML virker nu: "
            "-o X.docx eller -o X.html."
        ) from None
    return HTML


def html_to_pdf(html: str) -> bytes:
    """A PDF from self-contained HTML, byte-stable: fixed identifier, no timestamps."""
    return _pdf(html, first_page=False)[0]


def first_page_pdf(html: str) -> tuple[bytes, list[set[str]]]:
    """The PDF of the first page of ``html``'s layout alone (as :func:`html_to_pdf`
    makes it), and the anchors each page of the layout links to (their number is the
    number of pages)."""
    return _pdf(html, first_page=True)


def _pdf(html: str, first_page: bool) -> tuple[bytes, list[set[str]]]:
    import hashlib
    import logging

    HTML = _weasyprint_html()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    identifier = PDF_ID_PREFIX + hashlib.sha256(html.encode("utf-8")).hexdigest()[:24].encode()
    # fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set
    # (to a whole number: fontTools fails on anything else)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved if saved and re.fullmatch(r"-?[0-9]+", saved.strip()) else "0"
    options = {"pdf_identifier": identifier, "pdf_variant": "pdf/ua-1"}
    try:
        if not first_page:
            return HTML(string=html, url_fetcher=_no_fetcher()).write_pdf(finisher=_header_scopes, **options), []
        document = HTML(string=html, url_fetcher=_no_fetcher()).render(**options)
        links = [{target for kind, target, *_ in page.links if kind == "internal"} for page in document.pages]
        return document.copy(document.pages[:1]).write_pdf(finisher=_header_scopes, **options), links
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def _header_scopes(_document: Any, pdf: Any) -> None:
    """Each table header cell says which cells it heads (/Scope: a header in the table's
    head heads its column, one in its body its row), so a screen reader can say "Ansvarlig:
    dagtilbudsleder"; weasyprint tags the cells but leaves the scope out. Reads
    weasyprint's objects as they are today; if they change, the PDF is still written
    (tests/test_render.py checks the scopes with ``pdfua``)."""
    try:
        import pydyf

        numbered = {o.number: o for o in pdf.objects if getattr(o, "number", None) is not None}

        def parent(element: Any) -> Any:
            ref = element.get("P")
            return numbered.get(int(ref.split()[0])) if isinstance(ref, bytes) else None

        for element in pdf.objects:
            if isinstance(element, pydyf.Dictionary) and element.get("S") == "/TH" and isinstance(element.get("A"), dict):
                row = parent(element)
                section = parent(row) if row is not None else None
                head = section is not None and section.get("S") == "/THead"
                element["A"].setdefault("Scope", "/Column" if head else "/Row")
    except (ImportError, AttributeError, KeyError, TypeError, ValueError):
        return


def join_pdfs(pieces: Iterable[bytes], identifier: bytes) -> bytes:
    """One PDF of ``pieces`` (PDFs from :func:`html_to_pdf`), their pages in order (see
    :class:`PdfJoin`)."""
    import io

    out = io.BytesIO()
    joined = PdfJoin(out)
    for piece in pieces:
        joined.add(piece)
    joined.write(identifier)
    return out.getvalue()


# A token of an object as qpdf writes it (Object.unparse): a literal string (qpdf escapes
# every parenthesis and backslash in it), a hex string, or a reference "N G R" (group 1
# and 2); a number glued to a name (/F1) or another number is not the start of one.
_TOKENS = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\w./#+-])(\d+) (\d+) R\b", re.S)
_CATALOG, _PAGES, _TREE, _DOCUMENT = 1, 2, 3, 4  # the joined file's own objects
_PER_STREAM = 100  # objects in an object stream, as qpdf packs them


class PdfJoin:
    """PDFs from :func:`html_to_pdf` joined into one, written as they are added to
    ``out`` (a binary file), still PDF/UA-1: the structure trees become one (a Document
    of the pieces' parts, the parent trees renumbered), the bookmarks one outline, the
    named destinations one name tree (so a link in one piece to an anchor in another
    works); the language, title display, marking, XMP metadata and information are those
    of the piece put first (else of the first piece).

    A piece's objects reachable from its pages, structure, destinations and catalogue
    are renumbered and written at once (each object qpdf reads from the piece as qpdf
    writes it, references moved; streams as they are, still compressed), the small ones
    in compressed object streams as weasyprint and qpdf write them; then the piece is
    closed. What stays in memory is a few numbers a page and the bookmarks' titles and
    places, so memory does not grow with the number of pieces (the pikepdf join held
    about 1 MB of qpdf's objects a document until the whole was saved). Byte-stable:
    the identifier given to :meth:`write`, nothing from the clock."""

    def __init__(self, out: Any) -> None:
        from array import array

        import hashlib

        self.out = out
        self.digest = hashlib.md5(usedforsecurity=False)  # of the bytes written: the identifier's second part
        self.version = b"1.7"  # a later one of a piece goes into the catalogue
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.next = _DOCUMENT + 1  # the next free object number
        self.xref = bytearray(7 * (self.next))  # per object: type (1 byte), offset or stream (4), index (2)
        self.packed: list[tuple[int, bytes]] = []  # small objects waiting for an object stream
        self.pages = array("L")  # the joined pages' objects, in order
        self.front_pages = array("L")  # those of the pieces put first
        self.kids = bytearray()  # the joined Document's children: "N 0 R " each
        self.front_kids = bytearray()
        self.parents = bytearray()  # the joined parent tree: "key N 0 R " each
        self.role_map: dict[str, bytes] = {}
        self.dests: dict[str, bytes] = {}  # name -> destination (as written)
        self.outline: list[Any] = []  # (title, destination, children)
        self.front_outline: list[Any] = []
        self.catalogue: dict[str, bytes] = {}  # /Lang, /ViewerPreferences, /MarkInfo, /Metadata
        self.info: int | None = None
        self.catalogued = False
        self.offset = 0  # the first parent-tree key of the next piece

    # --- writing objects ---------------------------------------------------------

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)

    def _number(self) -> int:
        number = self.next
        self.next += 1
        self.xref += bytes(7)
        return number

    def _entry(self, number: int, kind: int, where: int, index: int) -> None:
        self.xref[7 * number : 7 * number + 7] = bytes([kind]) + where.to_bytes(4, "big") + index.to_bytes(2, "big")

    def _small(self, number: int, body: bytes) -> None:
        """An object that is not a stream: into the next object stream."""
        self.packed.append((number, body))
        if len(self.packed) >= _PER_STREAM:
            self._pack()

    def _pack(self) -> None:
        import zlib

        if not self.packed:
            return
        number = self._number()
        head, bodies, at = [], [], 0
        for index, (member, body) in enumerate(self.packed):
            head.append(b"%d %d" % (member, at))
            bodies.append(body)
            at += len(body) + 1
            self._entry(member, 2, number, index)
        first = b" ".join(head) + b"\n"
        data = zlib.compress(first + b"\n".join(bodies) + b"\n")
        self.packed = []
        self._stream(number, b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
                     % (len(bodies), len(first), len(data)), data)

    def _stream(self, number: int, head: bytes, data: bytes) -> None:
        self._entry(number, 1, self.out.tell(), 0)
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, head))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    # --- adding a piece ------------------------------------------------------------

    def add(self, piece: bytes, first: bool = False, catalogue: bool | None = None) -> int:
        """A piece after the others (when ``first``: before those added without it, after
        those added with it): its pages, structure, bookmarks and named destinations,
        written now. The catalogue's entries come from
        it when ``catalogue`` (by default: when it is put first or is the first piece).
        Returns its number of pages."""
        import io

        import pikepdf

        with pikepdf.open(io.BytesIO(piece)) as source:
            return _Piece(self, source).add(first, self._takes_catalogue(first, catalogue))

    def _takes_catalogue(self, first: bool, catalogue: bool | None) -> bool:
        take = (first or not self.catalogued) if catalogue is None else catalogue
        self.catalogued = self.catalogued or take
        return take

    # --- the end ---------------------------------------------------------------------

    def write(self, identifier: bytes) -> None:
        """The joined file's catalogue, page tree, structure tree, outline, name tree
        and cross-reference stream; ``out`` then holds the whole PDF."""
        import zlib

        import pikepdf

        pages = self.front_pages + self.pages
        self._small(_PAGES, b"<< /Count %d /Kids [ %s] /Type /Pages >>"
                    % (len(pages), b"".join(b"%d 0 R " % page for page in pages)))
        parent_tree = self._number()
        self._small(parent_tree, b"<< /Nums [ %s] >>" % self.parents)
        role_map = b"".join(pikepdf.Name(role).unparse() + b" " + standard + b" " for role, standard in sorted(self.role_map.items()))
        self._small(_TREE, b"<< /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d%s /Type /StructTreeRoot >>"
                    % (_DOCUMENT, parent_tree, self.offset, b" /RoleMap << %s>>" % role_map if role_map else b""))
        self._small(_DOCUMENT, b"<< /K [ %s] /P %d 0 R /S /Document /Type /StructElem >>"
                    % (self.front_kids + self.kids, _TREE))
        entries = [b"/Type /Catalog", b"/Pages %d 0 R" % _PAGES, b"/StructTreeRoot %d 0 R" % _TREE]
        outline = self.front_outline + self.outline
        if outline:
            entries.append(b"/Outlines %d 0 R" % self._outline(outline))
        if self.dests:
            names = self._number()
            self._small(names, b"<< /Names [ %s] >>" % b"".join(
                b"%s %s " % (pikepdf.String(name).unparse(), self.dests[name]) for name in sorted(self.dests)))
            entries.append(b"/Names << /Dests %d 0 R >>" % names)
        entries += [b"%s %s" % (pikepdf.Name(key).unparse(), value) for key, value in sorted(self.catalogue.items())]
        if self.version != b"1.7":
            entries.append(b"/Version /%s" % self.version)
        self._small(_CATALOG, b"<< %s >>" % b" ".join(entries))
        self._pack()
        number = self._number()
        self._entry(0, 0, 0, 0xFFFF)
        at = self.out.tell()
        self._entry(number, 1, at, 0)
        data = zlib.compress(bytes(self.xref))
        self.digest.update(data)
        ids = b"%s <%s>" % (pikepdf.String(identifier).unparse(), self.digest.hexdigest().encode())
        info = b" /Info %d 0 R" % self.info if self.info is not None else b""
        self._write(b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Root %d 0 R%s /ID [ %s ] "
                    b"/Filter /FlateDecode /Length %d >>\nstream\n" % (number, self.next, _CATALOG, info, ids, len(data)))
        self._write(data)
        self._write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % at)

    def _outline(self, outline: list[Any]) -> int:
        """The outline's objects (every item open, as weasyprint writes them); returns
        the number of its root."""
        root = self._number()

        def items(level: list[Any], parent: int) -> tuple[list[int], int]:
            numbers = [self._number() for _ in level]
            shown = 0
            for k, (title, place, children) in enumerate(level):
                entries = [b"/Title %s" % title, b"/Parent %d 0 R" % parent, b"/Dest %s" % place]
                if k:
                    entries.append(b"/Prev %d 0 R" % numbers[k - 1])
                if k + 1 < len(numbers):
                    entries.append(b"/Next %d 0 R" % numbers[k + 1])
                below, count = items(children, numbers[k]) if children else ([], 0)
                if below:
                    entries += [b"/First %d 0 R" % below[0], b"/Last %d 0 R" % below[-1], b"/Count %d" % count]
                self._small(numbers[k], b"<< %s >>" % b" ".join(entries))
                shown += 1 + count
            return numbers, shown

        top, count = items(outline, root)
        self._small(root, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (top[0], top[-1], count))
        return root


class _Piece:
    """One piece being written into a :class:`PdfJoin`: its objects numbered in the
    joined file as they are reached (breadth first from its pages, so the numbering is
    the same run after run)."""

    def __init__(self, join: PdfJoin, source: Any) -> None:
        self.join = join
        self.source = source
        self.numbers: dict[bytes, int] = {}  # a piece's reference ("N G R") -> the joined file's number
        self.queue: list[bytes] = []

    def ref(self, match: re.Match[bytes]) -> bytes:
        """A token with its reference moved to the joined file's number."""
        if match[1] is None:
            return match[0]
        number = self.numbers.get(match[0])
        if number is None:
            number = self.numbers[match[0]] = self.join._number()
            self.queue.append(match[0])
        return b"%d 0 R" % number

    def moved(self, obj: Any) -> bytes:
        """A direct object (or a reference) as written, its references moved."""
        return _TOKENS.sub(self.ref, obj.unparse())

    def add(self, first: bool, catalogue: bool) -> int:
        """The piece into the joined file (see :meth:`PdfJoin.add`); its number of pages."""
        join, source = self.join, self.source
        version = str(source.pdf_version).encode()
        if tuple(map(int, version.split(b"."))) > tuple(map(int, join.version.split(b"."))):
            join.version = version
        kids = self._stand_ins()
        offset = join.offset
        pages = self._pages(offset)
        (join.front_pages if first else join.pages).extend(pages)
        self._structure(kids, offset, first)
        self._places(first)
        if catalogue:
            join.catalogue = {key: self.moved(source.Root[key]) for key in ("/Lang", "/ViewerPreferences", "/MarkInfo", "/Metadata")
                              if key in source.Root}
            info = source.trailer.get("/Info")
            join.info = int(self.moved(info).split()[0]) if info is not None and info.is_indirect else None
        self._write_reached()
        return len(pages)

    def _stand_ins(self) -> list[Any]:
        """The joined file's catalogue, page tree and Document stand for the piece's own
        (a reference to one of those is one to the joined file's); returns the parts of
        the piece's structure that go under the joined Document."""
        source = self.source
        self.numbers[_written(source.Root)] = _CATALOG
        nodes = [source.Root.Pages]
        while nodes:
            node = nodes.pop()
            if node.get("/Type") == "/Pages":
                self.numbers[_written(node)] = _PAGES
                nodes += list(node.get("/Kids", []))
        tree = source.Root.get("/StructTreeRoot")
        kids: list[Any] = []
        if tree is not None:
            self.numbers[_written(tree)] = _DOCUMENT
            for element in _as_list(tree.get("/K")):
                if element.get("/S") == "/Document":
                    if element.is_indirect:
                        self.numbers[_written(element)] = _DOCUMENT
                    kids += _as_list(element.get("/K"))
                else:
                    kids.append(element)
        return kids

    def _pages(self, offset: int) -> list[int]:
        """The piece's pages' numbers in the joined file, their and their links'
        parent-tree keys moved past the earlier pieces'."""
        import pikepdf

        pages = []
        for page in self.source.pages:
            page = page.obj
            if "/StructParents" in page:
                page.StructParents = int(page.StructParents) + offset
            for annotation in page.get("/Annots", []):
                if isinstance(annotation, pikepdf.Dictionary) and "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
            pages.append(int(self.moved(page).split()[0]))
        return pages

    def _structure(self, kids: list[Any], offset: int, first: bool) -> None:
        """The piece's parts under the joined Document, its parent tree's values in the
        joined one, its role map."""
        import pikepdf

        join = self.join
        moved = bytearray()
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary):
                moved += self._indirect(kid) + b" "
        (join.front_kids if first else join.kids).extend(moved)
        tree = self.source.Root.get("/StructTreeRoot")
        if tree is None:
            return
        most = -1
        for key, value in _number_tree(tree.get("/ParentTree")):
            join.parents += b"%d %s " % (key + offset, self._indirect(value))
            most = max(most, key)
        join.offset += max(most + 1, int(tree.get("/ParentTreeNextKey", 0)))
        for role, standard in (tree.get("/RoleMap") or {}).items():
            join.role_map[role] = self.moved(standard) if isinstance(standard, pikepdf.Object) else pikepdf.Name(standard).unparse()

    def _places(self, first: bool) -> None:
        """The piece's bookmarks and named destinations, on the joined file's pages."""
        import pikepdf

        join, source = self.join, self.source
        index = {page.obj.objgen: k for k, page in enumerate(source.pages)}
        with source.open_outline() as outline:
            bookmarks = self._bookmarks(outline.root, index)
        (join.front_outline if first else join.outline).extend(bookmarks)
        names = source.Root.get("/Names", {}).get("/Dests")
        for name, dest in (pikepdf.NameTree(names).items() if names is not None else []):
            place = self._place(dest, index)
            if place is not None and not (first and name in join.dests):
                # the contents piece, put first, holds empty anchors of the others' headings
                join.dests[name] = place

    def _indirect(self, obj: Any) -> bytes:
        """A reference to ``obj`` in the joined file, made an object of its own when it
        is direct (the parent tree's arrays are)."""
        if obj.is_indirect:
            return self.moved(obj)
        number = self.join._number()
        self.join._small(number, self.moved(obj))
        return b"%d 0 R" % number

    def _place(self, dest: Any, index: dict[tuple[int, int], int]) -> bytes | None:
        """A destination ``[page /XYZ left top zoom]`` of the piece, as written in the
        joined file (None when it is not on one of its pages)."""
        import pikepdf

        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        if not isinstance(dest, pikepdf.Array) or len(dest) < 1 or not isinstance(dest[0], pikepdf.Dictionary):
            return None
        if dest[0].objgen not in index:
            return None
        return self.moved(dest)

    def _bookmarks(self, items: Any, index: dict[tuple[int, int], int]) -> list[Any]:
        """The piece's bookmarks: (title, destination, those under it), as written."""
        import pikepdf

        found = []
        for item in items:
            place = self._place(item.destination, index) if item.destination is not None else None
            if place is not None:
                found.append((pikepdf.String(str(item.title)).unparse(), place, self._bookmarks(item.children, index)))
        return found

    def _write_reached(self) -> None:
        """Every object reached, in the order numbered: streams as they are (their
        data still compressed), the others into object streams."""
        import pikepdf

        join, at = self.join, 0
        while at < len(self.queue):
            ref = self.queue[at]
            at += 1
            number = self.numbers[ref]
            num, gen, _ = ref.split()
            obj = self.source.get_object((int(num), int(gen)))
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                head = pikepdf.Dictionary({key: value for key, value in obj.stream_dict.items() if key != "/Length"})
                head.Length = len(data)
                join._stream(number, _TOKENS.sub(self.ref, head.unparse()), data)
            elif isinstance(obj, pikepdf.Object):
                join._small(number, _TOKENS.sub(self.ref, obj.unparse(resolved=True)))
            else:  # a number, true or false, or null (what qpdf makes of a missing object)
                join._small(number, b"null" if obj is None else str(obj).lower().encode())


def _written(obj: Any) -> bytes:
    """An indirect object's reference as qpdf writes it."""
    return b"%d %d R" % obj.objgen


def _as_list(value: Any) -> list[Any]:
    import pikepdf

    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree (its /Nums, and its /Kids' in order)."""
    if node is None:
        return
    nums = node.get("/Nums") or []
    for k in range(0, len(nums) - 1, 2):
        yield int(nums[k]), nums[k + 1]
    for kid in node.get("/Kids") or []:
        yield from _number_tree(kid)
