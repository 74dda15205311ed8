"""What the Word readers share: the blocks of a document (:class:`Source`), where
its YAML goes (:class:`Where`), folding text for comparison, dates, clock times and
durations written in cells, labelled lines ("Dato: ..."), tables read by their header,
and blocks kept as comments. See :mod:`samtale_cli.wordin.importer` for the whole import.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.check.loader import MAX_BYTES as MAX_YAML_BYTES
from samtale_cli.check.workspace import output_path, resolve_department
from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import ParseError, SamtaleError, danish_oserror
from samtale_cli.core.yamlout import Flow
from samtale_cli.out import wordread
from samtale_cli.out.docx.vocabulary import THEMES_LABEL
from samtale_cli.out.wordread import (
    MAX_BYTES,
    Cell,
    Para,
    Segment,
    Table,
    same_markdown,
)

# --- small readers ----------------------------------------------------------------------


def fold(text: str) -> str:
    """Text for comparing headings and labels: ASCII, lower case, no punctuation."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", v.fold_ascii(text).lower()).split())


def department_in(text: str, departments: list[str]) -> str | None:
    """The workspace department named in ``text`` (the longest, when several are)."""
    folded = f" {fold(text)} "
    found = [d for d in departments if fold(d) and f" {fold(d)} " in folded]
    return max(found, key=len) if found else None


_MONTH_WORD = r"(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|" \
              r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
_DATE_WORDS = re.compile(rf"(\d{{1,2}})\.?\s*{_MONTH_WORD}\s+(\d{{4}})", re.I)
_DATE_NUM = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*(?:[/.-]\s*|\s)\s*(\d{4})(?![\d])")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_MONTH = r"(\d{1,2})\s*[/.]\s*(\d{1,2})"
_RANGE_SHORT = re.compile(rf"{_DAY_MONTH}\.?\s*(?:til|–|-|—)\s*{_DAY_MONTH}\s*(?:[/.-]\s*|\s)\s*(\d{{4}})")
CLOCK_SPAN = re.compile(r"(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})")
_CLOCK = re.compile(r"(?:kl\.?\s*)(\d{1,2})(?:[:.](\d{2}))?|(\d{1,2})[:.](\d{2})")


def _date(written: str) -> dt.date | None:
    """The date a match found, read by :func:`samtale_cli.core.values.parse_date` (the
    one date reader); None when it is no date (31/2, a year outside its range)."""
    try:
        return v.parse_date(written)
    except ParseError:
        return None


def find_dates(text: str) -> list[dt.date]:
    """Every date in ``text``, in order: "13. maj 2024", "13/5 2024", "13.05.2024",
    "2024-05-13", and ranges written "fra 15/6 til 1/9 2021" (the year of the second)."""
    found: list[tuple[int, dt.date]] = []
    for m in _RANGE_SHORT.finditer(text):
        year = int(m[5])
        for pos, (day, month) in ((m.start(), (m[1], m[2])), (m.start(3), (m[3], m[4]))):
            d = _date(f"{int(day)}/{int(month)} {year:04d}")
            if d:
                found.append((pos, d))
    taken = [(m.start(), m.end()) for m in _RANGE_SHORT.finditer(text)]
    # Each match is written again in a form parse_date reads (ASCII digits, the month's
    # name folded: "13.maj. 2024" -> "13. maj 2024"), so finding and reading stay apart.
    for pattern, order in ((_DATE_WORDS, "words"), (_DATE_NUM, "dmy"), (_DATE_ISO, "ymd")):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if order == "words":
                d = _date(f"{int(m[1])}. {fold(m[2])} {int(m[3]):04d}")
            elif order == "dmy":
                d = _date(f"{int(m[1])}/{int(m[2])} {int(m[3]):04d}")
            else:
                d = _date(f"{int(m[1]):04d}-{int(m[2])}-{int(m[3])}")
            if d:
                found.append((m.start(), d))
                taken.append((m.start(), m.end()))
    return [d for _, d in sorted(found, key=lambda x: x[0])]


def first_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def duration_of(text: str) -> v.Duration | None:
    """A duration written in a cell: "Ca. 35 min.", "ca 35 minutter", "cirka 35 min", "1 t"."""
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" .,;:()")
    text = re.sub(r"(?i)^ca\.?(?=\d)", "ca. ", text)
    text = re.sub(r"(?i)\bmin\b\.?$", "min", text)
    if not text or not re.search(r"\d|½", text):
        return None
    try:
        return v.parse_duration(text)
    except ParseError:
        return None


def clock_of(text: str) -> dt.time | None:
    m = CLOCK_SPAN.search(text)
    if m:
        return _time(int(m[1]), int(m[2]))
    m = _CLOCK.search(text)
    if m:
        if m[1] is not None:
            return _time(int(m[1]), int(m[2] or 0))
        return _time(int(m[3]), int(m[4]))
    return None


def _time(hour: int, minute: int) -> dt.time | None:
    return dt.time(hour, minute) if hour <= 23 and minute <= 59 else None


def wrap_markdown(text: str, width: int) -> str:
    """Long paragraph and list-item lines wrapped as a person would write them; a line
    is left long when wrapping it would change what Markdown shows (a wrapped line that
    begins with '- ' or '1. ' would start a list)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        marker = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*)", line)
        lead = marker[1] if marker else ""
        body = line[len(lead):]
        lines = textwrap.wrap(body, width=max(20, width - len(lead)), break_long_words=False,
                              break_on_hyphens=False)
        candidate = "\n".join([lead + lines[0], *[" " * len(lead) + ln for ln in lines[1:]]]) if lines else line
        out.append(candidate if same_markdown(line, candidate) else line)
    return "\n".join(out)



# --- structure shared by the kinds --------------------------------------------------------


@dataclass
class Source:
    """The blocks of one document, and what reading them found."""

    blocks: list[Para | Table]
    own: bool  # written by samtale render (the document properties say so)
    notes: list[str] = field(default_factory=list)

    def title(self) -> tuple[str | None, int]:
        """The first heading (or, when there is none, the first line) and its index."""
        for k, block in enumerate(self.blocks):
            if isinstance(block, Para) and block.heading and not block.empty:
                return block.clean, k
        for k, block in enumerate(self.blocks):
            if isinstance(block, Para) and not block.empty:
                return block.clean, k
        return None, -1


_LABEL = re.compile(r"^\s*([^:]{1,40}?)\s*:\s*(.*)$", re.S)


def label_of(para: Para, labels: dict[str, str]) -> tuple[str, str] | None:
    """('key', value) when ``para`` is 'Label: value' with a known label."""
    m = _LABEL.match(para.clean)
    if not m:
        return None
    key = labels.get(fold(m[1]))
    return (key, m[2].strip()) if key else None


def unplaced(block: Para | Table) -> str:
    """A block as comment text."""
    if isinstance(block, Para):
        return ("- " if block.list_kind else "") + block.clean
    rows = []
    for row in block.rows:
        rows.append(" | ".join(" / ".join(c.lines) for c in row if not c.continued))
    return "\n".join(rows)


def section_paras(blocks: list[Para | Table]) -> list[Para]:
    return [b for b in blocks if isinstance(b, Para) and not b.empty]


def inline_lines(paras: list[Para]) -> list[str]:
    """One entry per line of each paragraph (line breaks in a cell part entries)."""
    out = []
    for para in paras:
        if para.empty:
            continue
        for line in para.markdown_lines():
            if line.strip():
                out.append(strip_number(line.strip()) if para.list_kind is None else line.strip())
    return out


def with_themes(lines: list[str]) -> list[Any]:
    """Pejlemærker as samtale's Word minutes write them: a line "Temaer: a; b" under a
    pejlemærke gives it its themes (``{tekst, temaer}``); other lines stay text."""
    out: list[Any] = []
    for line in lines:
        if line.startswith(THEMES_LABEL) and out and isinstance(out[-1], str):
            themes = [t.strip() for t in line.removeprefix(THEMES_LABEL).split(";") if t.strip()]
            if themes:
                out[-1] = {"tekst": out[-1], "temaer": Flow(themes)}
                continue
        out.append(line)
    return out


def strip_number(text: str) -> str:
    return re.sub(r"^\d{1,2}[.)]\s+", "", text)


def column_map(header: list[Cell], names: dict[str, str]) -> dict[int, str]:
    """Grid column -> field, from a header row; names maps folded header texts (or their
    beginnings) to fields."""
    mapping: dict[int, str] = {}
    col = 0
    for cell in header:
        text = fold(cell.text)
        key = names.get(text) or next((f for n, f in names.items() if n and text.startswith(n)), None)
        if key:
            for k in range(col, col + cell.span):
                mapping.setdefault(k, key)
        col += cell.span
    return mapping


def row_fields(row: list[Cell], mapping: dict[int, str]) -> dict[str, list[Cell]]:
    fields: dict[str, list[Cell]] = {}
    col = 0
    for cell in row:
        key = mapping.get(col)
        if key is not None and not any(cell is c for c in fields.get(key, [])):
            fields.setdefault(key, []).append(cell)
        col += cell.span
    return fields


def table_rows(tables: list[Table], header: dict[str, str], needed: set[str],
                rest: list[Para | Table]) -> Any:
    """The fields of each row of the tables whose header names the ``needed`` columns;
    the other tables go to ``rest`` (to be kept as comments)."""
    for table in tables:
        mapping = column_map(table.rows[0], header) if table.rows else {}
        if not needed <= set(mapping.values()):
            rest.append(table)
            continue
        for cell in table.rows[0]:  # a header cell holding more than its name (a cell merged down into it)
            paras = [p.clean for p in cell.paras if not p.empty]
            if len(paras) > 1 and not cell.continued:
                rest.append(Para([Segment(f"{paras[0]}: {' / '.join(paras[1:])}")]))
        for row in table.rows[1:]:
            yield row_fields(row, mapping)


def cell_paras(cells: list[Cell] | None) -> list[Para]:
    return [p for c in cells or [] for p in c.paras]


def cell_text(cells: list[Cell] | None) -> str:
    return " ".join(" ".join(p.clean for p in c.paras) for c in cells or []).strip()


def segment(text: str) -> Segment:
    """A run of plain text (for a value read off a labelled line)."""
    return Segment(text)


def read_docx(path: Path) -> tuple[Any, list[Para | Table]]:
    """The document and its blocks; a Danish usage error when it is no readable DOCX."""
    try:
        if not path.is_file():
            raise SamtaleError(f"'{path}' findes ikke eller er ikke en fil.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SamtaleError(f"'{path.name}' fylder over {MAX_BYTES // 2**20} MB; det er ikke et almindeligt "
                               "Word-dokument.")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SamtaleError(f"'{path}' kan ikke læses: {danish_oserror(exc)}.") from None
    document = wordread.open_docx(raw, path.name)
    try:
        blocks = wordread.blocks(document)
    except SamtaleError:
        raise
    except Exception as exc:  # noqa: BLE001 - a package python-docx opened but cannot walk
        raise SamtaleError(f"'{path.name}' er beskadiget og kan ikke læses som Word-dokument "
                           f"({type(exc).__name__}).") from None
    size = text_size(blocks)
    if size > MAX_YAML_BYTES:  # every line of it goes into the YAML, as a value or a comment
        raise SamtaleError(f"'{path.name}' har over {size // 2**20} MB tekst, så YAML-filen ville blive for stor til "
                           f"'samtale check' (grænsen er {MAX_YAML_BYTES // 2**20} MB). Del Word-dokumentet op, "
                           "og importér delene hver for sig.")
    return document, blocks


def text_size(blocks: list[Para | Table]) -> int:
    """The characters of text in ``blocks``, tables' cells included."""
    paras = [b for b in blocks if isinstance(b, Para)]
    cells = [p for b in blocks if isinstance(b, Table) for row in b.rows for c in row for p in c.paras]
    return sum(len(p.text) for p in paras + cells)


@dataclass
class Reading:
    """What a kind's reader made of a document: the file's values (dicts and lists in
    the order they are written, :class:`~samtale_cli.core.yamlout.Comment` keys for
    what could not be placed), the file it goes to, and what was found (for the user)."""

    data: dict[Any, Any]
    target: Path
    mapped: list[str]


@dataclass
class Where:
    """Where the YAML of an import goes: ``-o`` (``output``), else the workspace's place
    for its kind, else the current folder (``cwd``)."""

    output: Path | None
    cwd: Path
    ws: Any  # the workspace around cwd, or None

    def target(self, kind: kinds.Kind, *, date: Any = None, title: str = "", department: str = "") -> Path:
        """The file for a document of ``kind`` (as ``samtale new`` puts it)."""
        day = date if isinstance(date, dt.date) else None
        conventional = self.cwd / kind.path(None, department=department, date=day, title=title)
        if self.ws is not None and ("{afdeling}" not in kind.folder or department):
            try:
                department = resolve_department(department, self.ws) if department else department
                conventional = kind.path(self.ws.root, department=department, date=day, title=title)
            except SamtaleError:  # a department the workspace does not know: the current folder
                pass
        return output_path(self.output, conventional, self.cwd, self.ws)
