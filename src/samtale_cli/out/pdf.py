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
    try:
        return HTML(string=html, url_fetcher=_no_fetcher()).write_pdf(
            pdf_identifier=identifier, pdf_variant="pdf/ua-1", finisher=_header_scopes)
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
    joined = PdfJoin()
    for piece in pieces:
        joined.add(piece)
    return joined.write(identifier)


class PdfJoin:
    """PDFs from :func:`html_to_pdf` joined into one, still PDF/UA-1: the structure trees
    become one (a Document of the pieces' parts, the parent trees renumbered), the
    bookmarks one outline, the named destinations one name tree (so a link in one piece
    to an anchor in another works); the catalogue, information and XMP metadata are
    those of the piece put first. Byte-stable: the file identifier is the one given to
    :meth:`write` (twice) and nothing depends on the clock. A piece is let go once
    added: what is kept is the joined file, not the pieces."""

    def __init__(self) -> None:
        from pypdf import PdfWriter

        self.writer = PdfWriter()
        self.kids: list[Any] = []  # the joined Document's children (each piece's parts)
        self.parents: list[Any] = []  # the joined parent tree: key, value, key, value ...
        self.role_map: dict[str, Any] = {}
        self.dests: dict[str, Any] = {}
        self.outline: list[Any] = []  # (title, page, left, top, zoom, children)
        self.offset = 0  # the first parent-tree key of the next piece
        self.pages = 0  # the pages so far
        self.catalogued = False

    def add(self, piece: bytes, first: bool = False) -> int:
        """A piece after the others (before them when ``first``): its pages, structure,
        bookmarks and named destinations. Returns its number of pages."""
        import io

        from pypdf import PdfReader
        from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject

        reader = PdfReader(io.BytesIO(piece))
        writer = self.writer
        if first or not self.catalogued:
            _catalogue(writer, reader)
            self.catalogued = True
        added = []
        for k, page in enumerate(reader.pages):
            # pypdf leaves /StructParents out of the copy: set anew
            copy = writer.insert_page(page, k) if first else writer.add_page(page)
            if "/StructParents" in page:
                copy[NameObject("/StructParents")] = NumberObject(int(page["/StructParents"]) + self.offset)
            for annotation in copy.get("/Annots") or []:
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(int(annotation["/StructParent"]) + self.offset)
            added.append(copy.indirect_reference)
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        kids: list[Any] = []
        if tree is not None:
            kids = self._structure(tree.get_object())
        self.kids = kids + self.kids if first else self.kids + kids
        outline = _outline(reader, reader.outline, added)
        self.outline = outline + self.outline if first else self.outline + outline
        for name, dest in reader.named_destinations.items():
            page = reader.get_destination_page_number(dest)
            if page is not None and 0 <= page < len(added) and not (first and str(name) in self.dests):
                # the contents piece, put first, holds empty anchors of the others' headings
                self.dests[str(name)] = ArrayObject([added[page], NameObject("/XYZ"), FloatObject(dest.left or 0),
                                                     FloatObject(dest.top or 0), NumberObject(0)])
        self.pages += len(added)
        getattr(writer, "_id_translated", {}).pop(id(reader), None)  # let the piece go (pypdf keeps every reader)
        return len(added)

    def _structure(self, tree: Any) -> list[Any]:
        """A piece's structure elements (copied after its pages, so they point at the
        copies) and its parent tree, its keys moved past the earlier pieces'."""
        from pypdf.generic import NumberObject

        writer = self.writer
        kids = []
        for element in _as_list(tree.get("/K")):
            element = element.get_object()
            if element.get("/S") == "/Document":
                kids += [kid.clone(writer, ignore_fields=("/P",)) for kid in _as_list(element.get("/K"))]
            else:
                kids.append(element.indirect_reference.clone(writer, ignore_fields=("/P",)))
        most = -1
        for key, value in _number_tree(tree.get("/ParentTree")):
            self.parents += [NumberObject(key + self.offset), value.clone(writer, ignore_fields=("/P",))]
            most = max(most, key)
        self.offset += max(most + 1, int(tree.get("/ParentTreeNextKey", 0)))
        self.role_map.update(tree.get("/RoleMap") or {})
        return kids

    def write(self, identifier: bytes) -> bytes:
        """The joined file: one structure tree, one outline, one name tree of destinations."""
        import io

        from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject, NumberObject, TextStringObject

        writer = self.writer
        document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
                                     NameObject("/K"): ArrayObject(self.kids)})
        document_ref = writer._add_object(document)
        tree = DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject([document_ref]),
            NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): ArrayObject(self.parents)})),
            NameObject("/ParentTreeNextKey"): NumberObject(self.offset),
        })
        if self.role_map:
            tree[NameObject("/RoleMap")] = DictionaryObject(self.role_map)
        tree_ref = writer._add_object(tree)
        document[NameObject("/P")] = tree_ref
        _parented(document_ref)
        writer.root_object[NameObject("/StructTreeRoot")] = tree_ref
        _bookmarks(writer, self.outline, None)
        names = ArrayObject()
        for name in sorted(self.dests):
            names += [TextStringObject(name), self.dests[name]]
        if names:
            writer.root_object[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): writer._add_object(
                DictionaryObject({NameObject("/Names"): names}))})
        writer._ID = ArrayObject([ByteStringObject(identifier), ByteStringObject(identifier)])
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    value = value.get_object() if hasattr(value, "get_object") else value
    return list(value) if isinstance(value, list) else [value]


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree (its /Nums, and its /Kids' in order)."""
    if node is None:
        return
    node = node.get_object()
    nums = node.get("/Nums") or []
    for k in range(0, len(nums) - 1, 2):
        yield int(nums[k]), nums[k + 1]
    for kid in node.get("/Kids") or []:
        yield from _number_tree(kid)


def _parented(top: Any) -> None:
    """Every structure element under ``top`` has its parent (/P) set to the element above
    it (the copies were made without: a copied /P would drag each piece's old tree along)."""
    from pypdf.generic import DictionaryObject, NameObject

    stack = [top]
    while stack:
        ref = stack.pop()
        element = ref.get_object()
        for kid in _as_list(element.get("/K")):
            if not hasattr(kid, "get_object"):
                continue  # a marked-content id
            child = kid.get_object()
            if isinstance(child, DictionaryObject) and "/S" in child:  # not a marked-content or object reference
                child[NameObject("/P")] = ref
                stack.append(kid)


def _catalogue(writer: Any, reader: Any) -> None:
    """The joined file's language, title display, marking, metadata and information: the
    first piece's."""
    from pypdf.generic import NameObject

    root = reader.trailer["/Root"]
    for key in ("/Lang", "/ViewerPreferences", "/MarkInfo", "/Metadata"):
        if key in root:
            writer.root_object[NameObject(key)] = root.raw_get(key).clone(writer)
    if reader.metadata is not None:
        writer.add_metadata(dict(reader.metadata))


def _outline(reader: Any, items: list[Any], pages: list[Any]) -> list[Any]:
    """A piece's bookmarks, each (title, page in the joined file, left, top, zoom, the
    bookmarks under it)."""
    found: list[Any] = []
    for item in items:
        if isinstance(item, list):
            if found:
                found[-1][5].extend(_outline(reader, item, pages))
            continue
        page = reader.get_destination_page_number(item)
        if page is not None and 0 <= page < len(pages):
            found.append((str(item.title), pages[page], item.left, item.top, item.zoom, []))
    return found


def _bookmarks(writer: Any, outline: list[Any], parent: Any) -> None:
    """The joined outline in the file."""
    from pypdf.generic import Fit

    for title, page, left, top, zoom, children in outline:
        item = writer.add_outline_item(title=title, page_number=page, parent=parent, fit=Fit.xyz(left, top, zoom))
        _bookmarks(writer, children, item)
