"""PDF: self-contained HTML through weasyprint, byte-stable and fetching nothing, and
accessible as a public body's documents must be: PDF/UA-1 (tagged, with the title shown
and the language set, headings and tables in the structure; ``pdfua check`` passes)."""

from __future__ import annotations

import os
import re
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


def html_to_pdf(html: str) -> bytes:
    """A PDF from self-contained HTML, byte-stable: fixed identifier, no timestamps."""
    import hashlib
    import logging

    from weasyprint import HTML

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
