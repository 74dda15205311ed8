"""A year's PDF bundle (issue 23 item 3, issue 26 item 2): every first-level heading one
of a kind and carrying its date or years, a sheet in once, 'Indhold' a real heading whose
lines are the headings and link to them; the documents made as PDFs of their own in worker
processes and joined (each written into the joined file as it comes) with the bookmarks,
the contents' links, the page numbers and PDF/UA-1 kept, the same bytes run after run and the
same pages as the bundle made whole; the contents made a page at a time; memory that does not
grow with the number of documents. Every PDF is read back with pypdf."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from conftest import EXAMPLES, samtale
from samtale_cli.check.runs import run
from samtale_cli.out.bundle import select
from samtale_cli.out.html import Renderer
from samtale_cli.out.pages import bundle_entries
from samtale_cli.out.pdf import html_to_pdf

DATED = re.compile(r"\((?:\w+dag den )?\d{1,2}\. \w+ (\d{4})\)$|\((\d{4})(?:–(\d{4}))?\)$")
DEPARTMENTS_2024 = 9  # the sheets of the meeting of 13 May 2024


class _Headings(HTMLParser):
    """The ``<h1>``s of an HTML page (id and text) and the contents' links."""

    def __init__(self) -> None:
        super().__init__()
        self.h1: list[tuple[str | None, str]] = []
        self.links: list[tuple[str, str]] = []
        self._in: str | None = None
        self._text: list[str] = []
        self._id: str | None = None
        self._nav = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav":
            self._nav = True
        if tag == "h1" or (tag == "a" and self._nav):
            self._in, self._text, self._id = tag, [], a.get("id") if tag == "h1" else a.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._nav = False
        if tag == self._in:
            text = " ".join("".join(self._text).split())
            (self.h1 if tag == "h1" else self.links).append((self._id, text))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)


def _entries(year: int | None) -> list:
    sources = run([EXAMPLES], EXAMPLES, documents=True).documents
    return select(bundle_entries(sources), year)


def _outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page from 1) of every bookmark."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@pytest.mark.parametrize("year", [2024, 2025, None])
def test_the_html_headings_are_unique_dated_and_the_contents_match_them(year: int | None) -> None:
    html = Renderer().bundle_html(_entries(year), "Samlet")
    parsed = _Headings()
    parsed.feed(html)
    first, *headings = parsed.h1
    assert first == ("indhold", "Indhold")  # the contents' title is a real heading
    texts = [text for _, text in headings]
    assert len(set(texts)) == len(texts), [t for t in texts if texts.count(t) > 1]
    for text in texts:
        dated = DATED.search(text)
        assert dated, text
        if year is not None:
            years = [int(y) for y in dated.groups() if y]
            assert min(years) <= year <= max(years), text
    assert parsed.links == [(f"#{anchor}", text) for anchor, text in headings]  # same order, same words
    sheets = [t for t in texts if t.startswith("Opsamling på opmærksomhedspunkter i egen afdeling: ")]
    assert len(sheets) == len(set(sheets)) and (year != 2024 or len(sheets) == DEPARTMENTS_2024)
    assert ".yaml" not in html


def _bundle(tmp_path: Path, *args: str, name: str = "samlet.pdf") -> bytes:
    out = tmp_path / name
    result = samtale("render", EXAMPLES, "-o", out, "--force", *args)
    assert result.code == 0, result.stderr
    return out.read_bytes()


def test_the_pdf_bundle_of_a_year_in_pieces(tmp_path: Path) -> None:
    """Bookmarks: 'Indhold', then every heading once with its date, each at the page the
    contents says; every link of the contents goes to its heading's page."""
    data = _bundle(tmp_path, "--år", "2024")
    reader = pypdf.PdfReader(io.BytesIO(data))
    outline = _outline(reader)
    top = [(title, page) for depth, title, page in outline if depth == 0]
    assert top[0] == ("Indhold", 1)
    titles = [t for t, _ in top[1:]]
    assert len(titles) == len(set(titles)) == 2 + DEPARTMENTS_2024 + 1  # agenda, minutes, sheets, plan
    assert all(DATED.search(t) for t in titles), titles
    assert [p for _, p in top] == sorted(p for _, p in top)
    contents = " ".join(reader.pages[0].extract_text().split())
    for title, page in top[1:]:
        assert re.search(re.escape(title) + rf" ?\.+ ?{page}\b", contents), (title, page, contents)
    named = reader.named_destinations
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert links and all(a["/Subtype"] == "/Link" for a in links)
    by_page = {reader.get_destination_page_number(named[a["/Dest"]]) + 1 for a in links}
    assert by_page == {page for _, page in top[1:]}
    assert "Indsatsplan" in reader.pages[-1].extract_text() or "Evalueringer" in reader.pages[-1].extract_text()


def test_the_pieces_give_the_pages_of_the_bundle_made_whole(tmp_path: Path) -> None:
    """The optimised path equals the plain one: page for page the same text, the same
    bookmarks, the same sizes (the sheets landscape)."""
    entries = _entries(2024)
    title = f"Dokumenter fra {EXAMPLES.name}, 2024"
    whole = pypdf.PdfReader(io.BytesIO(html_to_pdf(Renderer().bundle_html(entries, title))))
    pieces = pypdf.PdfReader(io.BytesIO(Renderer().bundle(entries, "pdf", title, jobs=1)))
    assert len(whole.pages) == len(pieces.pages)
    for a, b in zip(whole.pages, pieces.pages, strict=True):
        assert a.extract_text() == b.extract_text()
        assert [round(float(x)) for x in a.mediabox] == [round(float(x)) for x in b.mediabox]
    assert _outline(whole) == _outline(pieces)
    assert pieces.metadata.title == title


def test_the_same_bytes_run_after_run_and_on_any_number_of_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _bundle(tmp_path, "--år", "2024")
    assert _bundle(tmp_path, "--år", "2024", name="igen.pdf") == first
    monkeypatch.setenv("SAMTALE_JOBS", "1")
    assert _bundle(tmp_path, "--år", "2024", name="en.pdf") == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _bundle(tmp_path, "--år", "2024", name="epoke.pdf") == first
    reader = pypdf.PdfReader(io.BytesIO(first))
    assert "/CreationDate" not in reader.metadata and "/ModDate" not in reader.metadata
    ids = reader.trailer["/ID"]
    assert str(ids[0]).startswith("samtale-")  # the second part: a hash of the content (qpdf)


def _structure_problems(data: bytes) -> list[str]:
    """What would make the joined structure tree wrong: a page or link whose parent-tree
    key is missing or points at elements of another page, an element whose parent chain
    does not reach the root, a link annotation not in the tree."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
    problems = []
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "da" and root["/ViewerPreferences"]["/DisplayDocTitle"]
    for number, page in enumerate(reader.pages, 1):
        key = page.get("/StructParents")
        if key is None or int(key) not in parents:
            problems.append(f"side {number}: ingen nøgle")
            continue
        for element in parents[int(key)]:
            element = element.get_object()
            if element is None:
                continue
            if element.get("/Pg") is not None and element["/Pg"].get_object() != page.get_object():
                problems.append(f"side {number}: element på en anden side")
            seen = 0
            while element.get("/Type") != "/StructTreeRoot" and seen < 100:
                element, seen = element["/P"].get_object(), seen + 1
            if seen >= 100:
                problems.append(f"side {number}: element uden rod")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            link = parents.get(int(annotation.get("/StructParent", -1)))
            if link is None or link.get_object()["/S"] != "/Link":
                problems.append(f"side {number}: link uden struktur")
    return problems


def test_the_joined_structure_tree_holds_together(tmp_path: Path) -> None:
    assert _structure_problems(_bundle(tmp_path, "--år", "2024")) == []
    assert _structure_problems(_bundle(tmp_path, name="alle.pdf")) == []


def test_the_joined_bundles_pass_pdfua(tmp_path: Path) -> None:
    """The joined PDF is still PDF/UA-1: ``pdfua check`` finds nothing in the bundle of a
    year, of every year, and of one kind of document."""
    pdfua = shutil.which("pdfua")
    assert pdfua, "pdfua is in the test extras"
    made = [tmp_path / "2024.pdf", tmp_path / "alle.pdf", tmp_path / "referater.pdf"]
    _bundle(tmp_path, "--år", "2024", name=made[0].name)
    _bundle(tmp_path, name=made[1].name)
    _bundle(tmp_path, "--dokument", "referat", name=made[2].name)
    done = subprocess.run([pdfua, "check", "--format", "json", *map(str, made)], capture_output=True, text=True, timeout=300)
    reports, at, text = [], 0, done.stdout
    while text[at:].strip():
        report, at = json.JSONDecoder().raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        reports.append(report)
    assert len(reports) == len(made)
    findings = [(r["file"], f) for r in reports for f in r["findings"]]
    assert findings == [] and done.returncode == 0, findings[:5]


def test_a_heading_that_would_repeat_gets_a_number_and_an_own_anchor_is_kept() -> None:
    from samtale_cli.out.bundle import headed

    seen: set[str] = set()
    body, first = headed('<header><h1>Indsatsplan: <em>A&amp;B</em></h1></header>', [" (2024)"], 1, seen)
    assert body == '<header><h1 id="dok-1-1">Indsatsplan: <em>A&amp;B</em> (2024)</h1></header>'
    assert first == [("dok-1-1", "Indsatsplan: A&B (2024)")]
    body, again = headed('<h1 id="egen">Indsatsplan: <em>A&amp;B</em></h1><h1>X</h1>', [" (2024)", " <2025>"], 2, seen)
    assert again == [("egen", "Indsatsplan: A&B (2024) (2)"), ("dok-2-2", "X <2025>")]
    assert "X &lt;2025&gt;</h1>" in body and 'id="egen"' in body and body.count("id=") == 2


@pytest.fixture(scope="module")
def pieces() -> list[bytes]:
    """The PDFs of 2024's four documents (agenda, minutes, sheets, plan), each made alone
    as the bundle makes them."""
    from markupsafe import Markup

    from samtale_cli.out.bundle import _piece, headed_documents
    from samtale_cli.out.views.pages import BundledDocument, BundleView

    renderer, made = Renderer(), []
    for k, doc in enumerate(headed_documents(renderer, _entries(2024))):
        view = BundleView(title="Samlet", documents=[BundledDocument(
            title=doc.title, id=f"dok-{k + 1}", landscape=doc.landscape, body=Markup(doc.body))])
        made.append(_piece((k, renderer.render_view("samlet", view, "html")))[1])
    return made


def _kinds(reader: pypdf.PdfReader) -> dict[str, int]:
    """How many structure elements of each kind the tree holds (walked from its root)."""
    found: dict[str, int] = {}
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        kids = stack.pop().get("/K")
        for kid in (kids if isinstance(kids, list) else [kids]) if kids is not None else []:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                found[kid["/S"]] = found.get(kid["/S"], 0) + 1
                stack.append(kid)
    return found


def test_several_joined_documents_keep_their_pages_bookmarks_anchors_and_tags(pieces: list[bytes]) -> None:
    """The streaming join (each piece written out as it is added): page for page the
    pieces' text, their bookmarks at the moved pages, their anchors in one name tree,
    every structure element of every piece under one Document, the parent tree whole,
    language, title display and marking kept; qpdf finds nothing wrong."""
    import pikepdf

    from samtale_cli.out.pdf import join_pdfs

    joined = join_pdfs(pieces + pieces[:1], b"samtale-test")  # a piece twice: its names once, its tags twice
    reader = pypdf.PdfReader(io.BytesIO(joined))
    readers = [pypdf.PdfReader(io.BytesIO(p)) for p in pieces + pieces[:1]]
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for r in readers for p in r.pages]
    expected, first, kinds = [], 0, {"/Document": 1}
    for r in readers:
        expected += [(depth, title, page + first) for depth, title, page in _outline(r)]
        for kind, count in _kinds(r).items():
            kinds[kind] = kinds.get(kind, 0) + (count if kind != "/Document" else 0)
        first += len(r.pages)
    assert _outline(reader) == expected and len(expected) > 4 * len(pieces)
    assert _kinds(reader) == kinds and kinds["/H1"] >= len(pieces)
    assert _structure_problems(joined) == []
    first, anchors = 0, {}
    for r in readers:  # a name a later piece has too goes to the later one's page
        anchors.update({name: r.get_destination_page_number(dest) + first for name, dest in r.named_destinations.items()})
        first += len(r.pages)
    assert {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()} == anchors
    assert anchors["dok-1"] == first - len(readers[-1].pages) and len(anchors) > len(pieces)
    assert reader.metadata.title == "Samlet" and reader.trailer["/ID"][0] == "samtale-test"
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.Root.Metadata.read_bytes()).count("pdfuaid:part") == 1
    assert join_pdfs(pieces + pieces[:1], b"samtale-test") == joined


JOIN_MEMORY = r'''
import resource, sys
from pathlib import Path
from samtale_cli.out.pdf import PdfJoin
pieces = [Path(p).read_bytes() for p in sys.argv[2:]]
with open("/dev/null", "wb") as out:
    joined = PdfJoin(out)
    for k in range(int(sys.argv[1])):
        joined.add(pieces[k % len(pieces)])
    joined.write(b"samtale-test")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="ru_maxrss in KiB on Linux")
def test_joining_holds_no_piece_so_memory_does_not_grow_with_their_number(pieces: list[bytes], tmp_path: Path) -> None:
    """The peak memory of a process joining 20 pieces and of one joining 120 is nearly
    the same: a joined piece leaves a few numbers a page behind, not its objects (the
    pikepdf join held about 1 MB a document: 100 more would be 50 MB or more)."""
    import os
    import sys

    from conftest import SRC

    files = []
    for k, piece in enumerate(pieces):
        files.append(tmp_path / f"{k}.pdf")
        files[-1].write_bytes(piece)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    peak = {n: int(subprocess.run([sys.executable, "-c", JOIN_MEMORY, str(n), *map(str, files)], capture_output=True,
                                  text=True, check=True, env=env, timeout=300).stdout) / 1024 for n in (20, 120)}
    assert peak[120] - peak[20] < 8, peak  # MiB


def _lines(count: int) -> list:
    """Contents lines as a bundle of many documents has them, some long enough to wrap."""
    from samtale_cli.out.views.pages import ContentsEntry

    return [ContentsEntry(title=("Opsamling på opmærksomhedspunkter i egen afdeling: Børnehuset Haven, "
                                 "med et navn så langt, at linjen brydes" if k % 7 == 3 else f"Referat: Møde nummer {k}")
                          + " (mandag den 13. maj 2024)", id=f"dok-{k}-1", page=30 + 3 * k) for k in range(count)]


def test_a_long_contents_made_a_page_at_a_time_has_the_pages_of_one_made_whole(tmp_path: Path) -> None:
    """The contents of a large bundle is laid out a page at a time: the same lines on the
    same pages as when laid out whole, 'Indhold' once, every line a link."""
    from samtale_cli.out.bundle import _contents_pages, _piece
    from samtale_cli.out.views.pages import BundleView

    from samtale_cli.out.pdf import join_pdfs

    lines, renderer = _lines(100), Renderer()
    made = _contents_pages(renderer, "Samlet", lines)
    pages = [pypdf.PdfReader(io.BytesIO(p)) for p in made]
    whole = pypdf.PdfReader(io.BytesIO(_piece((-1, renderer.render_view(
        "samlet", BundleView(title="Samlet", documents=[], contents=lines), "html")))[1]))
    assert [len(p.pages) for p in pages] == [1] * len(whole.pages) and len(whole.pages) >= 3
    assert [p.pages[0].extract_text() for p in pages] == [p.extract_text() for p in whole.pages]
    assert [_outline(p) for p in pages] == [[(0, "Indhold", 1)]] + [[]] * (len(pages) - 1)
    linked = [str(a.get_object()["/Dest"]) for p in pages for a in p.pages[0]["/Annots"]]
    assert list(dict.fromkeys(linked)) == [line.id for line in lines]
    assert _structure_problems(join_pdfs(made, b"samtale-test")) == []


CONTENTS_MEMORY = r'''
import resource, sys
sys.path.insert(0, sys.argv[2])
from test_bundle_pdf import _lines
from samtale_cli.out.bundle import _contents_pages
from samtale_cli.out.html import Renderer
_contents_pages(Renderer(), "Samlet", _lines(int(sys.argv[1])))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
'''


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="ru_maxrss in KiB on Linux")
def test_the_contents_takes_the_memory_of_a_page_whatever_its_length() -> None:
    """The peak memory of a process making the contents of 50 lines (two pages) and of
    one making 200 (five) is nearly the same (laid out whole, 200 lines took about 55 MB
    more than 50)."""
    import os
    import sys

    from conftest import SRC

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    peak = {n: int(subprocess.run([sys.executable, "-c", CONTENTS_MEMORY, str(n), str(Path(__file__).parent)],
                                  capture_output=True, text=True, check=True, env=env, timeout=600).stdout) / 1024
            for n in (50, 200)}
    assert peak[200] - peak[50] < 12, peak  # MiB
