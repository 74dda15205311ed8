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
    """PDFs from :func:`html_to_pdf` joined into one with pikepdf (qpdf), still PDF/UA-1:
    the structure trees become one (a Document of the pieces' parts, the parent trees
    renumbered), the bookmarks one outline, the named destinations one name tree (so a
    link in one piece to an anchor in another works); the catalogue, information and
    XMP metadata are those of the piece put first. Written with object streams, as
    weasyprint writes a PDF, and byte-stable: the identifier given to :meth:`write`,
    nothing from the clock. A piece is let go once added; what stays is its copy in the
    joined file (about 1 MB of qpdf's objects for a document of a few pages)."""

    def __init__(self) -> None:
        import pikepdf

        self.pdf = pikepdf.new()
        self.kids: list[Any] = []  # the joined Document's children (each piece's parts)
        self.parents: list[Any] = []  # the joined parent tree: key, value, key, value ...
        self.role_map: dict[str, Any] = {}
        self.dests: dict[str, Any] = {}
        self.outline: list[Any] = []  # (title, destination, children)
        self.offset = 0  # the first parent-tree key of the next piece
        self.catalogued = False

    def add(self, piece: bytes, first: bool = False) -> int:
        """A piece after the others (before them when ``first``): its pages, structure,
        bookmarks and named destinations. Returns its number of pages."""
        import io

        import pikepdf

        source = pikepdf.open(io.BytesIO(piece))
        pdf, offset = self.pdf, self.offset
        before = len(pdf.objects)
        start = 0 if first else len(pdf.pages)
        for k, page in enumerate(source.pages):
            pdf.pages.insert(start + k, page)
        added = [pdf.pages[start + k].obj for k in range(len(source.pages))]
        for copy in added:
            if "/StructParents" in copy:
                copy.StructParents = int(copy.StructParents) + offset
            for annotation in copy.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        if first or not self.catalogued:
            self._catalogue(source)
        index = {page.obj.objgen: k for k, page in enumerate(source.pages)}
        kids = self._structure(source)
        self.kids = kids + self.kids if first else self.kids + kids
        outline = self._bookmarks(source, index, added)
        self.outline = outline + self.outline if first else self.outline + outline
        names = source.Root.get("/Names", {}).get("/Dests")
        for name, dest in (pikepdf.NameTree(names).items() if names is not None else []):
            place = _place(dest, index, added)
            if place is not None and not (first and name in self.dests):
                # the contents piece, put first, holds empty anchors of the others' headings
                self.dests[name] = place
        # the copied streams take their data now, so the piece can go (qpdf would read
        # it from the piece when writing): about half the memory a piece costs
        for k in range(before, len(pdf.objects)):
            copied = pdf.objects[k]
            if isinstance(copied, pikepdf.Stream):
                copied.write(copied.read_raw_bytes(), filter=copied.get("/Filter"), decode_parms=copied.get("/DecodeParms"))
        source.close()
        return len(added)

    def _catalogue(self, source: Any) -> None:
        """The joined file's language, title display, marking, metadata and information."""
        import pikepdf

        pdf = self.pdf
        for key in ("/Lang", "/ViewerPreferences", "/MarkInfo", "/Metadata"):
            if key in source.Root:
                value = source.Root[key]
                # a direct dictionary (/MarkInfo) is copied by its text: it holds no reference
                pdf.Root[key] = pdf.copy_foreign(value) if value.is_indirect else pikepdf.Object.parse(value.unparse())
        if "/Info" in source.trailer:
            pdf.trailer.Info = pdf.copy_foreign(source.trailer.Info)
        self.catalogued = True

    def _structure(self, source: Any) -> list[Any]:
        """A piece's structure elements (copied after its pages, so they point at the
        copies) and its parent tree, its keys moved past the earlier pieces'."""
        import pikepdf

        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return []
        pdf, kids = self.pdf, []
        for element in _as_list(tree.get("/K")):
            inside = _as_list(element.get("/K")) if element.get("/S") == "/Document" else [element]
            kids += [pdf.copy_foreign(kid) for kid in inside if isinstance(kid, pikepdf.Dictionary)]
        most = -1
        for key, value in _number_tree(tree.get("/ParentTree")):
            copied = (pikepdf.Array([pdf.copy_foreign(v) if v.is_indirect else v for v in value])
                      if isinstance(value, pikepdf.Array) else pdf.copy_foreign(value))
            self.parents += [key + self.offset, copied]
            most = max(most, key)
        self.offset += max(most + 1, int(tree.get("/ParentTreeNextKey", 0)))
        for role, standard in (tree.get("/RoleMap") or {}).items():
            self.role_map[role] = standard
        return kids

    def _bookmarks(self, source: Any, index: dict[Any, int], added: list[Any]) -> list[Any]:
        """A piece's bookmarks: (title, destination in the joined file, those under it)."""
        def walk(items: Any) -> list[Any]:
            found = []
            for item in items:
                place = _place(item.destination, index, added) if item.destination is not None else None
                if place is not None:
                    found.append((str(item.title), place, walk(item.children)))
            return found

        with source.open_outline() as outline:
            return walk(outline.root)

    def write(self, identifier: bytes) -> bytes:
        """The joined file: one structure tree, one outline, one name tree of destinations."""
        import io

        import pikepdf

        pdf = self.pdf
        document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document,
                                                        K=pikepdf.Array(self.kids)))
        tree = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]),
            ParentTree=pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(self.parents))),
            ParentTreeNextKey=self.offset,
        ))
        if self.role_map:
            tree.RoleMap = pikepdf.Dictionary(self.role_map)
        document.P = tree
        for kid in self.kids:
            kid.P = document
        pdf.Root.StructTreeRoot = tree
        with pdf.open_outline() as outline:
            outline.root.extend(_outline_items(self.outline))
        if self.dests:
            names = pikepdf.Array()
            for name in sorted(self.dests):
                names.extend([pikepdf.String(name), self.dests[name]])
            pdf.Root.Names = pikepdf.Dictionary(Dests=pdf.make_indirect(pikepdf.Dictionary(Names=names)))
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(identifier), pikepdf.String(identifier)])
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def _place(dest: Any, index: dict[Any, int], added: list[Any]) -> Any:
    """A destination ``[page /XYZ left top zoom]`` of a piece, on the joined file's page."""
    import pikepdf

    if isinstance(dest, pikepdf.Dictionary):
        dest = dest.get("/D")
    if not isinstance(dest, pikepdf.Array) or len(dest) < 1 or not isinstance(dest[0], pikepdf.Dictionary):
        return None
    page = index.get(dest[0].objgen)
    if page is None:
        return None
    return pikepdf.Array([added[page], *list(dest)[1:]])


def _outline_items(outline: list[Any]) -> list[Any]:
    import pikepdf

    items = []
    for title, place, children in outline:
        item = pikepdf.OutlineItem(title, destination=place)
        item.children.extend(_outline_items(children))
        items.append(item)
    return items


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
