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
