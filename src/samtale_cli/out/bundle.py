"""What goes into a bundle (``render MAPPE -o samlet.docx|pdf [--år ÅÅÅÅ]``): one
selection for the Word and the PDF bundle.

A year takes the meetings held that year, the sheets of those meetings (a sheet belongs
to its meeting's day) and the plans whose phases touch the year. A sheet is in once: a
sheet file whose meeting's own opmærksomhedspunkter are in the bundle is left out (the
meeting's document holds every department's sheet).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli import model as m
from samtale_cli.check.checker import Checked
from samtale_cli.out.pages import document_date, document_title

SHEETS = "opmærksomhedspunkter"


def select(entries: list[tuple[Checked, str]], year: int | None = None) -> list[tuple[Checked, str]]:
    """The entries of ``year`` (all without one), each sheet once."""
    chosen = [(source, document) for source, document in entries if year is None or in_year(source, year)]
    meetings = {_meeting_key(source.model) for source, document in chosen
                if document == SHEETS and isinstance(source.model, m.Meeting)}
    return [(source, document) for source, document in chosen
            if not (isinstance(source.model, m.AttentionSheet) and _sheet_meeting(source) in meetings)]


def bundle_title(folder: Path, year: int | None) -> str:
    """The bundle's title: "Dokumenter fra <the daycare>, <year>"; the daycare as
    samtale.yaml names it, else the folder's name."""
    from samtale_cli.check.workspace import find_workspace

    ws = find_workspace(folder)
    name = ws.model.daycare if ws is not None and ws.model.daycare else folder.resolve().name
    return f"Dokumenter fra {name}" + (f", {year}" if year is not None else "")


def in_year(source: Checked, year: int) -> bool:
    """Whether a file's documents belong to ``year``: a plan whose phases touch it, any
    other file by its day (a meeting's date, a sheet's meeting's)."""
    plan = source.model
    if isinstance(plan, m.Plan):
        days = [d for phase in plan.phases for d in (phase.start, phase.end) if d is not None]
        return bool(days) and min(days).year <= year <= max(days).year
    day = document_date(source)
    return day is not None and day.year == year


def _meeting_key(meeting: m.Meeting) -> tuple[str, dt.date]:
    return meeting.title, meeting.date


def _sheet_meeting(source: Checked) -> Any:
    meeting = source.referenced(m.Meeting)
    return _meeting_key(meeting) if meeting is not None else None


# --- the PDF bundle ------------------------------------------------------------------

_H1 = re.compile(r"<h1(?P<attrs>(?:\s[^>]*)?)>(?P<inner>.*?)</h1>", re.S)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[^>]*>")


@dataclass
class Headed:
    """A document's HTML in a bundle: its first-level headings made one of a kind (each
    carrying its date or years, as in the Word bundle), each with an anchor."""

    title: str  # the document's title (Referat: ...)
    body: str
    headings: list[tuple[str, str]]  # (anchor, text) of each first-level heading, in order
    landscape: bool


def when_of(document: str, view: Any) -> list[str]:
    """What a document's first-level headings say in a bundle beyond what they say alone,
    heading by heading: a meeting's date, a plan's years, and for the sheets (one
    heading each) the department and the meeting's date; the Word bundle's headings
    (:meth:`samtale_cli.out.docx.builder.Builder.title`) say the same."""
    if document == SHEETS or "sheets" in view:
        return [f": {sheet['department']} ({sheet['meeting_date']})" for sheet in view["sheets"]]
    if "phases" in view:
        from samtale_cli.out.docx.plan import _years

        years = _years(view)
        return [f" ({years})"] if years else []
    date = view.get("date")
    return [f" ({date})"] if date else []


def headed(body: str, when: list[str], number: int, seen: set[str]) -> tuple[str, list[tuple[str, str]]]:
    """``body`` with each ``<h1>`` carrying its part of ``when`` (a heading past the list
    the last part) and an anchor (its own id, else ``dok-<number>-<k>``); a heading that
    would repeat one in ``seen`` gets a running number. Returns the body and its headings."""
    from html import escape, unescape

    headings: list[tuple[str, str]] = []

    def one(match: re.Match[str]) -> str:
        k = len(headings)
        attrs, inner = match["attrs"], match["inner"]
        if when:
            inner += escape(when[min(k, len(when) - 1)], quote=False)
        text = " ".join(unescape(_TAG.sub("", inner)).split())
        if text in seen:
            n = 2
            while f"{text} ({n})" in seen:
                n += 1
            inner, text = f"{inner} ({n})", f"{text} ({n})"
        seen.add(text)
        own = _ID.search(attrs)
        anchor = (own[1] if own[1] is not None else own[2]) if own else f"dok-{number}-{k + 1}"
        if not own:
            attrs += f' id="{anchor}"'
        headings.append((anchor, text))
        return f"<h1{attrs}>{inner}</h1>"

    return _H1.sub(one, body), headings


def headed_documents(renderer: Any, entries: list[tuple[Checked, str]]) -> Iterator[Headed]:
    """Each entry's HTML for a bundle, one at a time (a large bundle is never whole in
    memory as views)."""
    from samtale_cli.core.kinds import RENDERINGS
    from samtale_cli.out.views import build_view

    seen: set[str] = set()
    for number, (source, document) in enumerate(entries, 1):
        view = build_view(source, document, renderer.today)
        body = renderer.html_body(RENDERINGS[document].template, view)
        body, headings = headed(body, when_of(document, view), number, seen)
        yield Headed(document_title(source, document), body, headings, landscape=document == SHEETS)


def bundle_html(renderer: Any, entries: list[tuple[Checked, str]], title: str) -> str:
    """The HTML of a whole PDF bundle: the contents ('Indhold', a line per first-level
    heading, linked to it, its page found by weasyprint), then each document from a new
    page (the sheets on landscape pages)."""
    from markupsafe import Markup

    from samtale_cli.out.views.pages import BundledDocument, BundleView, ContentsEntry

    documents, contents = [], []
    for k, doc in enumerate(headed_documents(renderer, entries), 1):
        documents.append(BundledDocument(title=doc.title, id=f"dok-{k}", landscape=doc.landscape, body=Markup(doc.body)))
        contents += [ContentsEntry(title=text, id=anchor) for anchor, text in doc.headings]
    return renderer.render_view("samlet", BundleView(title=title, documents=documents, contents=contents), "html")


def bundle_pdf(renderer: Any, entries: list[tuple[Checked, str]], title: str, jobs: int | None = None) -> bytes:
    """A PDF bundle made in pieces: each document's PDF on its own, in worker processes
    (one per core, or ``jobs``), joined in order as they come
    (:class:`samtale_cli.out.pdf.PdfJoin`); then the contents, with the pages the pieces
    gave, put in front. The bookmarks, the contents' links and PDF/UA-1 are kept. Each
    piece is written to a temporary file as it is joined, so memory stays that of a few
    documents at a time, whatever the number of documents (what grows is a few numbers a
    page, the bookmarks and the contents); the bytes are the same run after run, on any
    number of processes."""
    import hashlib
    import tempfile

    from markupsafe import Markup

    from samtale_cli.check.workers import capped_jobs, cores
    from samtale_cli.core.files import PDF_ID_PREFIX
    from samtale_cli.out.pdf import PdfJoin, _weasyprint_html
    from samtale_cli.out.views.pages import BundledDocument, BundleView, ContentsEntry

    _weasyprint_html()  # the Danish message about Pango here, not from a worker
    headings: list[list[tuple[str, str]]] = []
    digest = hashlib.sha256(title.encode("utf-8"))

    def pieces() -> Iterator[tuple[int, str]]:
        for k, doc in enumerate(headed_documents(renderer, entries)):
            headings.append(doc.headings)
            view = BundleView(title=title, documents=[BundledDocument(
                title=doc.title, id=f"dok-{k + 1}", landscape=doc.landscape, body=Markup(doc.body))])
            html = renderer.render_view("samlet", view, "html")
            digest.update(html.encode("utf-8"))
            yield k, html

    # two documents a process at least: one is made about as fast in this process
    jobs = min(capped_jobs(jobs) if jobs else cores(), max(1, len(entries) // 2))
    with tempfile.TemporaryFile() as spool:
        joined = PdfJoin(spool)
        waiting: dict[int, bytes] = {}  # pieces done before one in front of them
        placed: list[tuple[int, dict[str, int]]] = []  # each piece's pages and its headings' pages
        after = 0  # the piece to join next
        for number, pdf, pages, anchors in _pieces(pieces(), jobs):
            waiting[number] = pdf
            if number >= len(placed):
                placed += [(0, {})] * (number + 1 - len(placed))
            placed[number] = (pages, {anchor: anchors.get(anchor, 0) for anchor, _ in headings[number]})
            while after in waiting:
                joined.add(waiting.pop(after), catalogue=False)
                after += 1
        toc_pages = max(1, round(sum(len(shown) for shown in headings) / 40))  # a guess: 40 lines a page
        for _ in range(4):  # the contents' own length moves the pages after it; it settles at once
            contents, first = [], toc_pages + 1
            for (pages, anchors), shown in zip(placed, headings, strict=True):
                contents += [ContentsEntry(title=text, id=anchor, page=first + anchors[anchor]) for anchor, text in shown]
                first += pages
            contents_pages = _contents_pages(renderer, title, contents)
            if len(contents_pages) == toc_pages:
                break
            toc_pages = len(contents_pages)
        for k, page in enumerate(contents_pages):
            joined.add(page, first=True, catalogue=k == 0)
        joined.write(PDF_ID_PREFIX + digest.hexdigest()[:24].encode())
        spool.seek(0)
        return spool.read()


PIECES_PER_WORKER = 20
PROBE = 60  # contents lines laid out to find how many fit on the first page (more than fit)
MORE = 8  # lines laid out beyond those that fit on the page before


def _contents_pages(renderer: Any, title: str, contents: list[Any]) -> list[bytes]:
    """The contents as PDFs of a page each, 'Indhold' on the first: each page the first
    page of a layout of the lines left (as many as fit on the page before, and a few
    more), which holds those it holds wholly. A layout of all the lines takes memory for
    every line (1,100 lines took 300 MB); this takes that of about a page."""
    from samtale_cli.out.pdf import first_page_pdf
    from samtale_cli.out.views.pages import BundleView

    def html(lines: list[Any], heading: bool) -> str:
        return renderer.render_view("samlet", BundleView(title=title, documents=[], contents=lines, heading=heading), "html")

    pages: list[bytes] = []
    at, size = 0, PROBE
    while at < len(contents) or not pages:
        lines = contents[at : at + size]
        pdf, links = first_page_pdf(html(lines, not pages))
        fit = len(lines)
        if len(links) > 1:
            later = set().union(*links[1:])
            fit = 0
            while fit < len(lines) and lines[fit].id in links[0] and lines[fit].id not in later:
                fit += 1
            fit = max(fit, 1)
            if fit == len(lines) or links[0] - {line.id for line in lines[:fit]}:
                # the page holds part of a line (or all the lines did not fit after all):
                # the lines that fit, laid out alone
                pdf = _piece((-1, html(lines[:fit], not pages)))[1]
        pages.append(pdf)
        at, size = at + fit, fit + MORE
    return pages


def _piece(item: tuple[int, str]) -> tuple[int, bytes, int, dict[str, int]]:
    """A piece's PDF (in a worker): its number, bytes, number of pages and the page (from
    0) of each of its anchors."""
    import io

    import pikepdf

    from samtale_cli.out.pdf import html_to_pdf

    number, html = item
    pdf = html_to_pdf(html)
    with pikepdf.open(io.BytesIO(pdf)) as read:
        index = {page.obj.objgen: k for k, page in enumerate(read.pages)}
        anchors = {}
        names = read.Root.get("/Names", {}).get("/Dests")
        for name, dest in (pikepdf.NameTree(names).items() if names is not None else []):
            if isinstance(dest, pikepdf.Dictionary):
                dest = dest.get("/D")
            if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in index:
                anchors[name] = index[dest[0].objgen]
        return number, pdf, len(read.pages), anchors


def _start_worker(*, own: bool = False) -> None:
    """Nothing to set up: a worker gets a piece's whole HTML."""


def _pieces(items: Iterator[tuple[int, str]], jobs: int) -> Iterator[tuple[int, bytes, int, dict[str, int]]]:
    """Every piece (:func:`_piece`), made in ``jobs`` worker processes (in this one when
    they cannot start), in the order they finish."""
    from samtale_cli.check.workers import in_workers

    try:
        # weasyprint keeps some memory from document to document (a worker grew 0.3 MB a
        # document): a worker makes PIECES_PER_WORKER, then a new one takes over
        yield from in_workers(_piece, items, jobs, _start_worker, (),  # type: ignore[arg-type]
                              tasks_per_worker=PIECES_PER_WORKER)
    except (ImportError, NotImplementedError, OSError):
        if jobs <= 1:
            raise
        yield from map(_piece, items)
