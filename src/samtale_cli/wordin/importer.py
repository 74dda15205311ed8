"""``samtale import``: a Word document (an agenda with or without minutes, an
attention-point sheet, an action plan) as a YAML file of its kind.

The kind is recognised from the document's structure, not its name: an agenda table
(columns such as Tid, Emne, Mål med punktet, Ansvarlig), the sheet's three-column table,
the plan's questions ("Hvad vil vi opnå?" ...) as headings or list items. Word files
that samtale rendered (:mod:`samtale_cli.out.word`) come back as the same model; files laid
out by people are read as well as their structure allows: merged cells, line breaks and
soft hyphens in cells, "Ca. 35 min." spelled in many ways, a table split in two,
numbers written in the topic, minutes in "Referat ..." rows, bullets typed by hand.

What cannot be placed is kept as YAML comments where it stood, so nothing is lost
silently. The YAML is written by hand (not by a YAML library) so that comments, key
order and Danish keys read as a person would write them.

No printing: :func:`import_docx` returns the file written and what was mapped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.core.errors import ParseError, SamtaleError
from samtale_cli.model import AGREEMENT_STATES, PLAN_STATES
from samtale_cli.out.wordread import MAX_BYTES, Cell, Para, Table, paragraphs_markdown, w

# --- small readers ----------------------------------------------------------------------


def fold(text: str) -> str:
    """Text for comparing headings and labels: ASCII, lower case, no punctuation."""
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", v.fold_ascii(text).lower()).split())


_MONTHS = {fold(name): k for k, name in enumerate(v.MONTH_NAMES, 1)}
_MONTHS.update({fold(name)[:3]: k for k, name in enumerate(v.MONTH_NAMES, 1)})
_MONTH_WORD = r"(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|" \
              r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
_DATE_WORDS = re.compile(rf"(\d{{1,2}})\.?\s*{_MONTH_WORD}\s+(\d{{4}})", re.I)
_DATE_NUM = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*(?:[/.-]\s*|\s)\s*(\d{4})(?![\d])")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_MONTH = r"(\d{1,2})\s*[/.]\s*(\d{1,2})"
_RANGE_SHORT = re.compile(rf"{_DAY_MONTH}\.?\s*(?:til|–|-|—)\s*{_DAY_MONTH}\s*(?:[/.-]\s*|\s)\s*(\d{{4}})")
_CLOCK_SPAN = re.compile(r"(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})")
_CLOCK = re.compile(r"(?:kl\.?\s*)(\d{1,2})(?:[:.](\d{2}))?|(\d{1,2})[:.](\d{2})")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        if v.MIN_YEAR <= year <= v.MAX_YEAR:
            return dt.date(year, month, day)
    except ValueError:
        pass
    return None


def find_dates(text: str) -> list[dt.date]:
    """Every date in ``text``, in order: "13. maj 2024", "13/5 2024", "13.05.2024",
    "2024-05-13", and ranges written "fra 15/6 til 1/9 2021" (the year of the second)."""
    found: list[tuple[int, dt.date]] = []
    for m in _RANGE_SHORT.finditer(text):
        year = int(m[5])
        for pos, (day, month) in ((m.start(), (m[1], m[2])), (m.start(3), (m[3], m[4]))):
            d = _date(year, int(month), int(day))
            if d:
                found.append((pos, d))
    taken = [(m.start(), m.end()) for m in _RANGE_SHORT.finditer(text)]
    for pattern, order in ((_DATE_WORDS, "words"), (_DATE_NUM, "dmy"), (_DATE_ISO, "ymd")):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if order == "words":
                month = _MONTHS.get(fold(m[2])) or _MONTHS.get(fold(m[2])[:3])
                d = _date(int(m[3]), month, int(m[1])) if month else None
            elif order == "dmy":
                d = _date(int(m[3]), int(m[2]), int(m[1]))
            else:
                d = _date(int(m[1]), int(m[2]), int(m[3]))
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
    m = _CLOCK_SPAN.search(text)
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


# --- YAML written by hand ---------------------------------------------------------------


class Comment:
    """Lines kept as YAML comments where they stood."""

    def __init__(self, text: str) -> None:
        self.text = text


def _scalar(value: Any) -> str:
    from samtale_cli.check.workspace import yaml_scalar

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, dt.time)):
        return f'"{value.strftime("%H:%M")}"' if isinstance(value, dt.time) else value.isoformat()
    return yaml_scalar(str(value))


def _block_safe(text: str) -> bool:
    lines = text.split("\n")
    return (
        all(line.isprintable() and line == line.rstrip() for line in lines)
        and not text.startswith((" ", "\t"))
        and text.strip() != ""
    )


def dump(value: Any, indent: int = 0) -> list[str]:
    """``value`` (dicts, lists, text, numbers, dates, Comments) as YAML lines."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, Comment):
                lines.extend(_comment_lines(key.text, pad))
                continue
            lines.extend(_keyed(f"{pad}{key}:", item, indent))
        return lines
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Comment):
                lines.extend(_comment_lines(item.text, pad))
                continue
            if isinstance(item, dict):
                inner = dump(item, indent + 2)
                first = next((k for k, ln in enumerate(inner) if not ln.lstrip().startswith("#")), None)
                if first is None:
                    lines.extend(inner)
                    continue
                lines.extend(inner[:first])
                lines.append(f"{pad}- {inner[first][indent + 2:]}")
                lines.extend(inner[first + 1:])
            else:
                lines.extend(_keyed(f"{pad}-", item, indent))
        return lines
    raise TypeError(value)


def _keyed(head: str, item: Any, indent: int) -> list[str]:
    if isinstance(item, (dict, list)):
        if not item:
            return [f"{head} {'{}' if isinstance(item, dict) else '[]'}"]
        return [head, *dump(item, indent + 2)]
    if isinstance(item, str):
        text = item.strip("\n")
        if "\n" not in text:
            return [f"{head} {_scalar(text)}"]
        wrapped = wrap_markdown(text, WIDTH - indent - 2)
        if _block_safe(wrapped):
            return [f"{head} |", *[(" " * (indent + 2) + ln) if ln else "" for ln in wrapped.split("\n")]]
    return [f"{head} {_scalar(item)}"]


WIDTH = 92  # YAML lines are wrapped near this width where Markdown allows it


def wrap_markdown(text: str, width: int) -> str:
    """Long paragraph and list-item lines wrapped as a person would write them; a line
    is left long when wrapping it would change what Markdown shows (a wrapped line that
    begins with '- ' or '1. ' would start a list)."""
    import textwrap

    from samtale_cli.out.wordread import same_markdown

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


def _comment_lines(text: str, pad: str) -> list[str]:
    return [f"{pad}# {line}".rstrip() for line in text.split("\n")]


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


def _unplaced(block: Para | Table) -> str:
    """A block as comment text."""
    if isinstance(block, Para):
        return ("- " if block.list_kind else "") + block.clean
    rows = []
    for row in block.rows:
        rows.append(" | ".join(" / ".join(c.lines) for c in row if not c.continued))
    return "\n".join(rows)


def _section_paras(blocks: list[Para | Table]) -> list[Para]:
    return [b for b in blocks if isinstance(b, Para) and not b.empty]


def _inline_lines(paras: list[Para]) -> list[str]:
    """One entry per line of each paragraph (line breaks in a cell part entries)."""
    out = []
    for para in paras:
        if para.empty:
            continue
        for line in para.markdown_lines():
            if line.strip():
                out.append(_strip_number(line.strip()) if para.list_kind is None else line.strip())
    return out


def _strip_number(text: str) -> str:
    return re.sub(r"^\d{1,2}[.)]\s+", "", text)


def _column_map(header: list[Cell], names: dict[str, str]) -> dict[int, str]:
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


def _row_fields(row: list[Cell], mapping: dict[int, str]) -> dict[str, list[Cell]]:
    fields: dict[str, list[Cell]] = {}
    col = 0
    for cell in row:
        key = mapping.get(col)
        if key is not None and not any(cell is c for c in fields.get(key, [])):
            fields.setdefault(key, []).append(cell)
        col += cell.span
    return fields


def _table_rows(tables: list[Table], header: dict[str, str], needed: set[str],
                rest: list[Para | Table]) -> Any:
    """The fields of each row of the tables whose header names the ``needed`` columns;
    the other tables go to ``rest`` (to be kept as comments)."""
    for table in tables:
        mapping = _column_map(table.rows[0], header) if table.rows else {}
        if not needed <= set(mapping.values()):
            rest.append(table)
            continue
        for row in table.rows[1:]:
            yield _row_fields(row, mapping)


def _paras(cells: list[Cell] | None) -> list[Para]:
    return [p for c in cells or [] for p in c.paras]


def _text(cells: list[Cell] | None) -> str:
    return " ".join(" ".join(p.clean for p in c.paras) for c in cells or []).strip()


# --- læringssamtale ---------------------------------------------------------------------

AGENDA_HEADER = {
    "nr": "nr", "nummer": "nr", "pkt": "nr",
    "tid": "tid", "tidspunkt": "tid", "varighed": "tid", "minutter": "tid", "tidsforbrug": "tid",
    "emne": "emne", "punkt": "emne", "dagsordenspunkt": "emne", "dagsorden": "emne",
    "maal med punktet": "maal", "maal": "maal", "formaal": "maal", "indhold": "maal", "beskrivelse": "maal",
    "ansvarlig": "ansvarlig", "ansvar": "ansvarlig", "ansvarlige": "ansvarlig", "hvem": "ansvarlig",
}
PARTS_HEADER = {"del": "del", "titel": "titel", "tid": "tid", "varighed": "varighed"}
PEOPLE_HEADER = {"navn": "navn", "rolle": "rolle", "funktion": "rolle", "afdeling": "afdeling", "dele": "dele",
                 "fremmoede": "fremmøde", "deltog": "fremmøde"}
AGREEMENT_HEADER = {"hvad": "hvad", "aftale": "hvad", "ansvarlig": "ansvarlig", "hvem": "ansvarlig",
                    "afdeling": "afdeling", "frist": "frist", "hvornaar": "frist", "status": "status"}
DATA_HEADER = {"data": "data", "kilde": "kilde", "obligatorisk": "obligatorisk", "fil": "fil"}
ROLES_HEADER = {"rolle": "rolle", "opgave": "opgave"}
MEETING_LABELS = {"dagtilbud": "dagtilbud", "dato": "dato", "tid": "tid", "tidspunkt": "tid", "sted": "sted",
                  "referent": "referent", "laeringsfokus": "læringsfokus", "moedested": "sted",
                  "naeste moede": "næste_møde", "naeste laeringssamtale": "næste_møde"}
MEETING_SECTIONS = (
    ("laeringsfokus", "læringsfokus"),
    ("formaal", "formål"),
    ("maal med samtalen", "mål"),
    ("kernebegreber", "kernebegreber"),
    ("tidsramme", "tidsramme"),
    ("roller", "roller"),
    ("deltagere", "deltagere"),
    ("datagrundlag", "datagrundlag"),
    ("dagsorden", "dagsorden"),
    ("beslutninger", "beslutninger"),
    ("pejlemaerker", "pejlemærker"),
    ("aftaler", "aftaler"),
)


def _section_of(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    folded = fold(text)
    folded = re.sub(r"\s*\d+$", "", folded)  # "Deltagere (28)"
    for start, key in table:
        if folded == start or folded.startswith(start + " ") or (len(start) > 6 and folded.startswith(start)):
            return key
    return None


def is_agenda(table: Table) -> bool:
    if not table.rows:
        return False
    names = set(_column_map(table.rows[0], AGENDA_HEADER).values())
    return "emne" in names and len(names & {"tid", "maal", "ansvarlig"}) >= 1


@dataclass
class Item:
    topic: str
    number: str = ""
    pause: bool = False
    sub: bool = False
    start: dt.time | None = None
    duration: v.Duration | None = None
    goals: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    minutes: str | None = None
    comments: list[str] = field(default_factory=list)
    subitems: list[Item] = field(default_factory=list)
    part: str | None = None


class MeetingReader:
    """A læringssamtale from an agenda (with or without minutes)."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.data: dict[Any, Any] = {}
        self.comments: dict[str, list[str]] = {}  # the key they follow ("" = the top)
        self.anchor = ""
        self.people: list[dict[str, Any]] = []
        self.parts: list[dict[str, Any]] = []
        self.items: list[Item] = []
        self.mapped: list[str] = []
        self.last_row_sub = False  # the last agenda row read was a sub-item's

    def note(self, text: str) -> None:
        if text.strip():
            self.comments.setdefault(self.anchor, []).append(text)

    def read(self) -> dict[Any, Any]:
        blocks = self.src.blocks
        title, at = self.src.title()
        title = re.sub(r"^(referat|dagsorden)\s*:\s*", "", title or "", flags=re.I).strip() or None
        section: str | None = None
        captions: list[str] = []
        agenda_tables: list[tuple[str | None, Table]] = []
        pending: list[Para | Table] = []
        by_headings = any(isinstance(b, Para) and b.heading and _section_of(b.clean, MEETING_SECTIONS)
                          for b in blocks)  # else a bold line starts a section too

        def flush() -> None:
            self._section(section, pending)
            pending.clear()

        for k, block in enumerate(blocks):
            if k == at:
                continue
            if isinstance(block, Para):
                if block.empty:
                    continue
                header = block.heading if by_headings else (block.heading or block.bold)
                key = _section_of(block.clean, MEETING_SECTIONS) if header else None
                if key is not None and not label_of(block, MEETING_LABELS):
                    flush()
                    section = key
                    self.anchor = key
                    continue
                labelled = label_of(block, MEETING_LABELS)
                if labelled and section not in ("læringsfokus", "formål", "mål"):
                    self._label(*labelled)
                    continue
                if block.caption or (section == "dagsorden" and _is_part_caption(block.clean)):
                    captions.append(block.clean)
                    continue
                if re.fullmatch(r"Mødet slutter kl\. \d{1,2}:\d{2}\.", block.clean):
                    continue
                if block.heading and section is not None:
                    flush()
                    section = None
                    self.note(block.clean)
                    continue
                pending.append(block)
            else:
                continued = section in (None, "dagsorden") and agenda_tables and _continues(block, agenda_tables[-1][1])
                if is_agenda(block) or continued:
                    agenda_tables.append((captions[-1] if captions else None, block))
                    captions.clear()
                    self.anchor = "dagsorden"
                    continue
                pending.append(block)
        flush()
        if title:
            self.data["titel"] = title
        self._agenda(agenda_tables)
        return self._assemble()

    # --- labelled lines and sections

    def _label(self, key: str, value: str) -> None:
        if key in ("dato", "næste_møde"):
            d = first_date(value)
            if d:
                self.data[key] = d
            else:
                self.note(f"{key.capitalize().replace('_', ' ')}: {value}")
        elif key == "tid":
            start = clock_of(value)
            if start is not None:
                self.data["start"] = start
        elif key == "læringsfokus":
            self.data["læringsfokus"] = value
        elif key == "referent":
            self.data["referent"] = value
        else:
            self.data[key] = value

    def _section(self, section: str | None, blocks: list[Para | Table]) -> None:
        if not blocks:
            return
        paras = _section_paras(blocks)
        tables = [b for b in blocks if isinstance(b, Table)]
        rest: list[Para | Table] = []
        if section == "læringsfokus":
            self.data["læringsfokus"] = " ".join(p.markdown for p in paras)
        elif section in ("formål", "mål"):
            self.data[section] = paragraphs_markdown(paras) + "\n"
        elif section in ("kernebegreber", "beslutninger", "pejlemærker"):
            self.data[section] = _inline_lines(paras)
        elif section == "tidsramme":
            rest = self._parts_table(tables, paras)
        elif section == "roller":
            rest = self._roles(tables, paras)
        elif section == "deltagere":
            rest = self._people(tables, paras)
        elif section == "datagrundlag":
            rest = self._data(tables, paras)
        elif section == "aftaler":
            rest = self._agreements(tables, paras)
        else:
            rest = blocks
        for block in rest:
            self.note(_unplaced(block))

    def _parts_table(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        rest: list[Para | Table] = list(paras)
        for f in _table_rows(tables, PARTS_HEADER, {"del"}, rest):
            if _text(f.get("del")):
                self.parts.append({"del": _text(f.get("del")), "titel": _text(f.get("titel")) or None,
                                   "minutter": duration_of(_text(f.get("varighed"))), "tid": _text(f.get("tid"))})
        return rest

    def _roles(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        rest: list[Para | Table] = list(paras)
        roles: dict[str, str] = {}
        for f in _table_rows(tables, ROLES_HEADER, {"rolle", "opgave"}, rest):
            if _text(f.get("rolle")):
                roles[_text(f.get("rolle"))] = paragraphs_markdown(_paras(f.get("opgave"))) + "\n"
        if roles:
            self.data["roller"] = roles
        return rest

    def _people(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        rest: list[Para | Table] = []
        for f in _table_rows(tables, PEOPLE_HEADER, {"navn", "rolle"}, rest):
            if not _text(f.get("navn")):
                continue
            person: dict[str, Any] = {"navn": _text(f.get("navn")), "rolle": _text(f.get("rolle"))}
            if _text(f.get("afdeling")):
                person["afdeling"] = _text(f.get("afdeling"))
            parts = _text(f.get("dele"))
            if parts:
                person["dele"] = [x.strip() for x in parts.split(",") if x.strip()]
            attendance = _attendance(_text(f.get("fremmøde")))
            if attendance != "mødt":
                person["fremmøde"] = attendance
            self.people.append(person)
        for para in paras:  # "Navn, rolle[, afdeling]" a line each, or one after the other
            for line in para.lines:
                found, left = people_from_text(line)
                self.people.extend(found)
                if left:
                    rest.append(Para([_seg(left)]))
        return rest

    def _agreements(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        """The table of agreements: what, who (a line each), department, deadline and
        status ("udført (10. juni 2025)" holds the day it was done)."""
        rest: list[Para | Table] = list(paras)
        found = []
        for f in _table_rows(tables, AGREEMENT_HEADER, {"hvad"}, rest):
            what = paragraphs_markdown(_paras(f.get("hvad")))
            if not what:
                continue
            entry: dict[str, Any] = {"hvad": what}
            entry["ansvarlig"] = [line for p in _paras(f.get("ansvarlig")) for line in p.lines if line]
            deadline = first_date(_text(f.get("frist")))
            if deadline:
                entry["frist"] = deadline
            status_text = _text(f.get("status"))
            status = next((s for s in AGREEMENT_STATES if fold(status_text).startswith(fold(s))), None)
            if status:
                entry["status"] = status
            elif status_text:
                entry[Comment(f"status: {status_text}")] = None
            if _text(f.get("afdeling")):
                entry["afdeling"] = _text(f.get("afdeling"))
            done = first_date(status_text)
            if done and status == "udført":
                entry["udført"] = done
            found.append(entry)
        if found:
            self.data["aftaler"] = found
        return rest

    def _data(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        rest: list[Para | Table] = []
        data = []
        for f in _table_rows(tables, DATA_HEADER, {"data"}, rest):
            if not _text(f.get("data")):
                continue
            entry: dict[str, Any] = {"titel": _text(f.get("data"))}
            if fold(_text(f.get("obligatorisk"))) in ("ja", "x", "obligatorisk"):
                entry["obligatorisk"] = True
            for key in ("kilde", "fil"):
                if _text(f.get(key)):
                    entry[key] = _text(f.get(key))
            data.append(entry)
        for para in paras:
            for line in para.lines:
                if not line:
                    continue
                mandatory = bool(re.search(r"\(\s*obligatorisk\s*\)", line, re.I))
                title = re.sub(r"\s*\(\s*obligatorisk\s*\)\s*", " ", line, flags=re.I).strip(" .")
                entry = {"titel": title}
                if mandatory:
                    entry["obligatorisk"] = True
                data.append(entry)
        if data:
            self.data["datagrundlag"] = data
        return rest

    # --- the agenda

    def _agenda(self, tables: list[tuple[str | None, Table]]) -> None:
        if not tables:
            return
        part_for_caption = {}
        for part in self.parts:
            part_for_caption[fold(part["titel"] or part["del"])] = part["del"]
        current_part = self.parts[0]["del"] if self.parts else None
        mapping: dict[int, str] = {}
        own = False
        for k, (caption, table) in enumerate(tables):
            rows = table.rows
            if is_agenda(table):
                mapping = _column_map(rows[0], AGENDA_HEADER)
                own = tuple(c.text for c in rows[0]) == wf.AGENDA_COLUMNS
                rows = rows[1:]
            if caption:
                key = fold(re.sub(r",\s*kl\..*$|\s*\([^()]*\)\s*$", "", caption))
                if key in part_for_caption:
                    current_part = part_for_caption[key]
                elif k and self.parts:
                    index = min(k, len(self.parts) - 1)
                    current_part = self.parts[index]["del"]
            for row in rows:
                if _same_as_header(row, tables[0][1].rows[0]):
                    continue  # a header repeated after a page break
                self._row(row, mapping, own, current_part)

    def _row(self, row: list[Cell], mapping: dict[int, str], own: bool, part: str | None) -> None:
        visible = [c for c in row if not c.continued]
        texts = [c for c in visible if c.text]
        if not texts:
            return
        first = texts[0]
        if (len(visible) == 1 or len(texts) == 1) and fold(first.paras[0].clean if first.paras else "").startswith(
                "referat") and not first.paras[0].list_kind:
            self._minutes(first)
            return
        f = _row_fields(row, mapping)
        continued = all(c.continued for c in (f.get("emne") or []))
        nr = _text(f.get("nr"))
        topic_paras = [p for p in _paras(f.get("emne")) if not p.empty]
        if continued or (not topic_paras and not nr and self.items):
            self._more(f)
            return
        topic_lines = [line for p in topic_paras for line in p.lines if line]
        topic = " ".join(topic_lines)
        if not topic:
            self.note(_unplaced(Table([row])))
            return
        if not nr:
            m = re.match(r"^(\d+(?:\.\d+)?)\.?\s+(?=\S)", topic)
            if m and not own:
                nr, topic = m[1], topic[m.end():]
        is_sub = bool(re.fullmatch(r"\d+\.\d+", nr)) or bool(topic_paras and topic_paras[0].indent > 0 and own)
        item = Item(topic=topic, number=nr, sub=is_sub, part=part)
        if own:
            item.pause = not nr and not is_sub
        else:
            item.pause = bool(re.fullmatch(r"(?i)(frokost|kaffe)?\s*pause.*", topic)) and not is_sub
        times = [line for p in _paras(f.get("tid")) for line in p.lines if line]
        durations = []
        for line in times:
            if _CLOCK_SPAN.search(line):
                item.start = clock_of(line)
                continue
            d = duration_of(line)
            if d is not None:
                durations.append(d)
            else:
                item.comments.append(f"Tid: {line}")
        if not durations:  # only a span of clock times: its length
            spans = [m for line in times for m in [_CLOCK_SPAN.search(line)] if m]
            if spans:
                m = spans[0]
                begin, end = int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])
                if end > begin:
                    durations.append(v.Duration(end - begin))
        if durations:
            item.duration = durations[0]
        self._goals(item, _paras(f.get("maal")), own, durations[1:])
        responsible = f.get("ansvarlig") or []
        if responsible and all(c.continued and c.above is not None for c in responsible):
            responsible = [c.above for c in responsible if c.above is not None]  # merged down from above
        self._responsible(item, _paras(responsible), own)
        if is_sub and self.items:
            self.items[-1].subitems.append(item)
        else:
            self.items.append(item)
        self.last_row_sub = self.items[-1] is not item

    def _more(self, f: dict[str, list[Cell]]) -> None:
        """A row that continues the one above (a row split across pages)."""
        last = self.items[-1]
        target = last.subitems[-1] if last.subitems else last
        extra = Item(topic="")
        self._goals(extra, _paras(f.get("maal")), False, [])
        self._responsible(extra, _paras(f.get("ansvarlig")), False)
        target.goals += extra.goals
        target.questions += extra.questions
        target.responsible += [r for r in extra.responsible if r not in target.responsible]
        target.comments += extra.comments

    def _goals(self, item: Item, paras: list[Para], own: bool, sub_durations: list[v.Duration]) -> None:
        paras = [p for p in paras if not p.empty]
        if own:
            questions = False
            for para in paras:
                if para.clean == wf.QUESTIONS and para.list_kind is None:
                    questions = True
                    continue
                (item.questions if questions else item.goals).extend(para.markdown_lines())
            return
        if sub_durations:
            plain = [p for p in paras if p.list_kind is None]
            if len(plain) >= len(sub_durations):
                subs = []
                target: Item | None = None
                for para in paras:
                    if para.list_kind is None and len(subs) < len(sub_durations):
                        target = Item(topic=para.clean, sub=True, duration=sub_durations[len(subs)], part=item.part)
                        subs.append(target)
                        continue
                    entries = [line for line in para.markdown_lines() if line.strip()]
                    for entry in entries:
                        holder = target or item
                        (holder.questions if entry.rstrip().endswith("?") else holder.goals).append(entry)
                item.subitems.extend(subs)
                return
            item.comments.append("Underpunkternes tider: " + ", ".join(str(d) for d in sub_durations))
        question_label = False
        for para in paras:
            if fold(para.clean) in ("spoergsmaal", "spoergsmaal til refleksion") and para.list_kind is None:
                question_label = True
                continue
            for entry in para.markdown_lines():
                entry = entry.strip()
                if not entry:
                    continue
                if question_label or entry.endswith("?"):
                    item.questions.append(entry)
                else:
                    item.goals.append(_strip_number(entry))

    def _responsible(self, item: Item, paras: list[Para], own: bool) -> None:
        lines = [line for p in paras for line in p.lines if line]
        if own:
            item.responsible.extend(lines)
            return
        for line in lines:
            found = responsible_from_text(line)
            if found:
                item.responsible.extend(r for r in found if r not in item.responsible)
                if fold(line) not in {fold(r) for r in found} and len(found) == 1 and not _only_roles(line):
                    item.comments.append(f"Ansvarlig: {line}")
            else:
                item.responsible.append(line)

    def _minutes(self, cell: Cell) -> None:
        paras = [p for p in cell.paras if not p.empty]
        label = paras[0].clean
        head = re.match(r"(?i)^referat[^(:]*(?:\((?P<what>[^)]*)\))?\s*:?\s*(?P<rest>.*)$", label)
        what = (head["what"] or "").strip() if head else ""
        rest_text = (head["rest"] or "").strip() if head else ""
        body = paras[1:]
        if fold(what).startswith("deltager"):
            found, left = people_from_text(" ".join([rest_text] + [line for p in body for line in p.lines if line]))
            self.people.extend(found)
            if left:
                self.note(f"Referat ({what}): {left}")
            return
        text = paragraphs_markdown(body)
        if rest_text:
            text = (rest_text + "\n\n" + text).strip()
        if what:
            text = f"**{what}**\n\n{text}".strip()
        if not text:
            return
        if not self.items:
            self.note(f"Referat: {text}")
            return
        last = self.items[-1]
        target = last.subitems[-1] if last.subitems and self.last_row_sub else last  # minutes follow their row
        target.minutes = ((target.minutes + "\n\n") if target.minutes else "") + text + "\n"

    # --- putting it together

    def _assemble(self) -> dict[Any, Any]:
        out: dict[Any, Any] = {"type": kinds.MEETING.name}
        for c in self.comments.get("", []):
            out[Comment(c)] = None
        d = self.data
        if "start" not in d and self.items and self.items[0].start is not None:
            d["start"] = self.items[0].start  # the first item's clock time
        for key in ("titel", "dagtilbud", "dato", "start", "sted", "læringsfokus", "formål", "mål", "kernebegreber"):
            if key in d and d[key] not in (None, "", []):
                out[key] = d[key]
            self._after(out, key)
        parts = self.parts or self._implied_parts()
        out["tidsramme"] = [
            {k: (str(val) if k == "minutter" else val) for k, val in p.items() if k != "tid" and val is not None}
            for p in parts
        ]
        self._after(out, "tidsramme")
        if "roller" in d:
            out["roller"] = d["roller"]
        self._after(out, "roller")
        if self.people:
            out["deltagere"] = self.people
        else:
            out[Comment("deltagere: fandtes ikke i Word-dokumentet; skriv dem her.")] = None
        self._after(out, "deltagere")
        if "datagrundlag" in d:
            out["datagrundlag"] = d["datagrundlag"]
        self._after(out, "datagrundlag")
        several = len(parts) > 1
        out["dagsorden"] = [self._item(item, several) for item in self.items]
        self._after(out, "dagsorden")
        for key in ("referent", "beslutninger", "pejlemærker", "aftaler", "næste_møde"):
            if d.get(key):
                out[key] = d[key]
            self._after(out, key)
        self.mapped = self._summary(parts)
        return out

    def _after(self, out: dict[Any, Any], key: str) -> None:
        for c in self.comments.pop(key, []):
            out[Comment(c)] = None

    def _implied_parts(self) -> list[dict[str, Any]]:
        total = sum(i.duration.minutes for i in self.items if i.duration)
        for item in self.items:
            item.part = None
        return [{"del": "plenum", "minutter": v.Duration(total)}]

    def _item(self, item: Item, several: bool) -> dict[Any, Any]:
        out: dict[Any, Any] = {"emne": item.topic}
        for c in item.comments:  # under the topic, so they stay with their item
            out[Comment(c)] = None
        if several and item.part:
            out["del"] = item.part
        if item.pause:
            out["pause"] = True
        if item.duration is not None:
            out["minutter"] = str(item.duration)
        else:
            out[Comment("minutter: stod ikke i Word-dokumentet")] = None
        for key, values in (("ansvarlig", item.responsible), ("mål", item.goals), ("spørgsmål", item.questions)):
            if values:
                out[key] = values
        if item.subitems:
            out["punkter"] = [self._sub(s) for s in item.subitems]
        if item.minutes:
            out["referat"] = item.minutes
        return out

    def _sub(self, sub: Item) -> dict[Any, Any]:
        out: dict[Any, Any] = {"emne": sub.topic}
        for c in sub.comments:
            out[Comment(c)] = None
        if sub.duration is not None:
            out["minutter"] = str(sub.duration)
        for key, values in (("ansvarlig", sub.responsible), ("mål", sub.goals), ("spørgsmål", sub.questions)):
            if values:
                out[key] = values
        if sub.minutes:
            out["referat"] = sub.minutes
        return out

    def _summary(self, parts: list[dict[str, Any]]) -> list[str]:
        subs = sum(len(i.subitems) for i in self.items)
        minutes = sum(bool(i.minutes) + sum(bool(s.minutes) for s in i.subitems) for i in self.items)
        found = [f"{len(self.items)} punkter på dagsordenen" + (f" ({subs} underpunkter)" if subs else ""),
                 f"{len(parts)} {'del' if len(parts) == 1 else 'dele'} i tidsrammen",
                 f"{len(self.people)} deltagere"]
        if minutes:
            found.append(f"referat til {minutes} punkter")
        for key, label in (("datagrundlag", "datakilder"), ("beslutninger", "beslutninger"),
                           ("pejlemærker", "pejlemærker"), ("aftaler", "aftaler")):
            if self.data.get(key):
                found.append(f"{len(self.data[key])} {label}")
        return found


def _attendance(text: str) -> str:
    """A participant's fremmøde as Word has it ("afbud", "Meldt afbud", "fraværende");
    anything else is 'mødt'."""
    folded = fold(text)
    if "afbud" in folded:
        return "afbud"
    if folded.startswith("fravaer") or folded in ("nej", "udeblev"):
        return "fraværende"
    return "mødt"


def _seg(text: str) -> Any:
    from samtale_cli.out.wordread import Segment

    return Segment(text)


def _is_part_caption(text: str) -> bool:
    return bool(re.search(r"\(\s*(?:ca\.\s*)?\d+[^()]*\)\s*$", text)) and len(text) < 160


def _continues(table: Table, previous: Table) -> bool:
    """A table without a header right after an agenda table, with as many columns: the
    rest of it (Word split it, or a person did)."""
    return table.columns == previous.columns and not is_agenda(table)


def _same_as_header(row: list[Cell], header: list[Cell]) -> bool:
    return [fold(c.text) for c in row] == [fold(c.text) for c in header]


def _only_roles(text: str) -> bool:
    pieces = [p for p in re.split(r"\s*(?:,|&|/|\bog\b)\s*", text) if p.strip()]
    return bool(pieces) and all(v.canonical_role(p) for p in pieces)


_ROLE_NAMES = sorted({name for name, aliases in v.ROLES.items() for name in (name, *aliases)}, key=len, reverse=True)


def responsible_from_text(text: str) -> list[str]:
    """The roles a responsible cell names: "Dagtilbudsleder & BU-Chef" -> both;
    "Faciliteres af konsulent" -> konsulent."""
    pieces = [p.strip(" .") for p in re.split(r"\s*(?:,|&|/|\bog\b|\+)\s*", text) if p.strip(" .")]
    found: list[str] = []
    for piece in pieces:
        if v.canonical_role(piece):
            found.append(piece)
            continue
        key = v.role_key(piece)
        for name in _ROLE_NAMES:
            role = v.role_key(name)
            if re.search(rf"(?<![a-z]){re.escape(role)}(?:en|et|erne|ne)?(?![a-z])", key):
                found.append(v.canonical_role(name) or name)
                break
    return found


def people_from_text(text: str) -> tuple[list[dict[str, Any]], str]:
    """Participants written as running text: "Navn, rolle[, afdeling]." one after the
    other (as minutes list them). Returns the people and the text left over."""
    text = " ".join(text.split())
    fields = [f.strip() for f in re.split(r"(?<!\b[A-ZÆØÅ])\.\s+|\.$|,\s*|;\s*|\n", text) if f and f.strip()]
    roles = [k for k, f in enumerate(fields) if v.canonical_role(f)]
    people: list[dict[str, Any]] = []
    used: set[int] = set()
    for n, k in enumerate(roles):
        if k == 0 or (k - 1) in roles:
            continue
        person: dict[str, Any] = {"navn": fields[k - 1], "rolle": fields[k]}
        used.update((k - 1, k))
        following = roles[n + 1] if n + 1 < len(roles) else len(fields) + 1
        if k + 1 < len(fields) and k + 1 != following - 1 and (k + 1) not in roles:
            person["afdeling"] = fields[k + 1]
            used.add(k + 1)
        people.append(person)
    left = ", ".join(f for k, f in enumerate(fields) if k not in used)
    return people, left


# --- opmærksomhedspunkter ---------------------------------------------------------------

SHEET_LABELS = {"dagtilbud": "dagtilbud", "afdeling": "afdeling", "dagtilbud afdeling": "dagtilbud/afdeling",
                "laeringssamtale": "læringssamtale", "beslutning fra laeringssamtalen": "beslutning",
                "beslutning": "beslutning"}


def is_sheet(table: Table) -> bool:
    return bool(table.rows) and len(set(_sheet_columns(table.rows[0]).values())) >= 2


def _sheet_columns(header: list[Cell]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    col = 0
    for cell in header:
        text = fold(cell.text)
        key = None
        if "arbejdet med" in text:
            key = "arbejdet_med"
        elif "peger data" in text or "data peger" in text:
            key = "data_peger_på"
        elif "opmaerksomhedspunkt" in text:
            key = "punkter"
        if key:
            for k in range(col, col + cell.span):
                mapping[k] = key
        col += cell.span
    return mapping


class SheetReader:
    def __init__(self, src: Source, meeting_finder: Any) -> None:
        self.src = src
        self.find_meeting = meeting_finder
        self.comments: list[str] = []
        self.mapped: list[str] = []

    def read(self) -> dict[Any, Any]:
        fields: dict[str, Any] = {}
        decision: list[Para] = []
        columns: dict[str, list[Para]] = {"arbejdet_med": [], "data_peger_på": [], "punkter": []}
        in_decision = False
        sheets = 0
        mapping: dict[int, str] = {}
        for block in self.src.blocks:
            if isinstance(block, Table):
                if is_sheet(block):
                    sheets += 1
                    if sheets > 1:
                        break
                    mapping = _sheet_columns(block.rows[0])
                    rows = block.rows[1:]
                elif mapping and block.columns == max(mapping) + 1:  # the rest of the sheet's table
                    rows = block.rows
                else:
                    self.comments.append(_unplaced(block))
                    continue
                in_decision = False
                for row in rows:
                    for key, cells in _row_fields(row, mapping).items():
                        columns[key].extend(_paras(cells))
                continue
            if block.empty:
                continue
            if block.heading and fold(block.clean).startswith(fold(wf.SHEET_TITLE)):
                if sheets:
                    sheets += 1
                    break
                title_dep = block.clean.split(":", 1)
                if len(title_dep) == 2 and title_dep[1].strip():
                    fields.setdefault("afdeling", title_dep[1].strip())
                continue
            labelled = label_of(block, SHEET_LABELS)
            if labelled:
                key, value = labelled
                in_decision = key == "beslutning"
                if key == "dagtilbud/afdeling":
                    daycare, _, department = value.partition("/")
                    fields["dagtilbud"] = daycare.strip()
                    if department.strip():
                        fields["afdeling"] = department.strip()
                elif key == "beslutning":
                    if value:
                        decision.append(Para([_seg(value)]))
                else:
                    fields[key] = value
                continue
            if in_decision:
                decision.append(block)
                continue
            if block.heading and fold(block.clean) in ("opmaerksomhedspunkter", "opsamling paa opmaerksomhedspunkter"):
                continue
            self.comments.append(_unplaced(block))
        if sheets > 1:
            self.src.notes.append("Dokumentet har flere ark; kun det første er taget med.")
        return self._assemble(fields, decision, columns)

    def _assemble(self, fields: dict[str, Any], decision: list[Para], columns: dict[str, list[Para]]) -> dict[Any, Any]:
        out: dict[Any, Any] = {"type": kinds.SHEET.name}
        meeting_text = fields.get("læringssamtale", "")
        meeting_date = first_date(meeting_text)
        meeting_title = re.sub(r",[^,]*$", "", meeting_text).strip() if meeting_date else meeting_text
        ref, landmarks, comment = self.find_meeting(meeting_title, meeting_date)
        if comment:
            out[Comment(comment)] = None
        out["læringssamtale"] = ref
        if fields.get("afdeling"):
            out["afdeling"] = fields["afdeling"]
        else:
            out[Comment("afdeling: stod ikke i Word-dokumentet")] = None
        shown = _inline_lines(decision)
        if shown and (landmarks is None or shown != list(landmarks)):
            text = paragraphs_markdown(decision) if len(shown) > 1 else shown[0]
            out["beslutning"] = text if len(shown) == 1 else text + "\n"
        for key in ("arbejdet_med", "data_peger_på"):
            text = paragraphs_markdown(columns[key])
            if text:
                out[key] = text + "\n"
        out["punkter"] = _inline_lines(columns["punkter"])
        for c in self.comments:
            out[Comment(c)] = None
        self.mapped = [f"{len(out['punkter'])} opmærksomhedspunkter",
                       "beslutning" if "beslutning" in out else "beslutning: læringssamtalens pejlemærker"]
        return out


# --- indsats -------------------------------------------------------------------------------

PLAN_SECTIONS = (
    ("foelger op paa opmaerksomhedspunkter", "opfølgning"),
    ("evalueringer", "evalueringer"),
    ("hvad vil vi opnaa", "mål"),
    ("hvorfor vil vi opnaa", "hvorfor"),
    ("vidensgrundlag", "vidensgrundlag"),
    ("hvilket videns grundlag", "vidensgrundlag"),
    ("hvilket vidensgrundlag", "vidensgrundlag"),
    ("hvad er fremmere og hvad er haemmere", "fremmere+hæmmere"),
    ("fremmere", "fremmere"),
    ("haemmere", "hæmmere"),
    ("hvordan vil vi evaluere", "evaluering"),
    ("evaluering", "evaluering"),
    ("er dette et relevant maal", "relevans"),
    ("relevans", "relevans"),
    ("tidslinje", "tidslinje"),
    ("faser", "faser"),
)
PLAN_LABELS = {"afdeling": "afdeling", "dagtilbud": "dagtilbud", "titel": "titel", "indsats": "titel",
               "status": "status", "ark": "ark", "punkter": "punkter"}
RECURRING_LABELS = {"tid": "kl", "ved fridag": "ved_fridag", "foerste moede": "første"}
_PHASE_LINE = re.compile(r"(?i)^(?:tidsperspektiv\s+(?:for\s+)?)?(fase\s*\d+\w*)\s*[:.]?\s*(.*)$")
_MEETING_LINE = re.compile(r"^(?P<title>.+?) \((?P<every>[^(),]+), (?P<count>\d+) møder?\)$")


def _plan_section(text: str) -> str | None:
    folded = fold(text)
    for start, key in PLAN_SECTIONS:
        if folded == start or folded.startswith(start):
            return key
    return None


class PlanReader:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.out: dict[Any, Any] = {"type": kinds.PLAN.name}
        self.sections: dict[str, Any] = {}
        self.comments: dict[str, list[str]] = {}
        self.phases: list[dict[str, Any]] = []
        self.mapped: list[str] = []

    def read(self) -> dict[Any, Any]:
        title, at = self.src.title()
        fields: dict[str, str] = {}
        if title and _plan_section(title) is None:
            fields["titel"] = re.sub(r"^indsatsplan\s*:\s*", "", title, flags=re.I).strip()
        else:
            at = -1
        section: str | None = None
        section_level = -1
        collected: list[Para | Table] = []
        by_headings = any(isinstance(b, Para) and b.heading and _plan_section(b.clean) for b in self.src.blocks)
        groups: list[tuple[str | None, int, list[Para | Table]]] = []
        for k, block in enumerate(self.src.blocks):
            if k == at:
                continue
            if isinstance(block, Para):
                if block.empty:
                    continue
                labelled = label_of(block, PLAN_LABELS)
                if labelled and not block.list_kind:
                    fields[labelled[0]] = labelled[1]
                    continue
                key = _plan_section(block.clean) if len(block.clean) < 120 else None
                level = block.level if block.list_kind else -1
                # where the questions are headings, only a heading starts a section (an
                # answer may well read 'Hæmmere'); else a list item or bold line does
                header = block.heading if by_headings else bool(block.heading or block.bold or block.list_kind
                                                                  or block.clean.endswith("?"))
                if key and header:
                    groups.append((section, section_level, collected))
                    section, section_level, collected = key, level, []
                    continue
                if block.heading and section is not None and block.heading <= 2:
                    groups.append((section, section_level, collected))
                    section, section_level, collected = None, -1, []
                ends = block.list_kind and block.level <= section_level  # a sibling of the question
                ends = ends or (section_level >= 0 and not block.list_kind and block.indent == 0)  # plain text after
                ends = ends or (section != "faser" and _PHASE_LINE.match(block.clean) is not None)
                if section is not None and ends:
                    groups.append((section, section_level, collected))
                    section, section_level, collected = None, -1, []
            collected.append(block)
        groups.append((section, section_level, collected))
        for key, level, blocks in groups:
            self._group(key, blocks, under_item=level >= 0)
        return self._assemble(fields)

    def _group(self, key: str | None, blocks: list[Para | Table], under_item: bool = False) -> None:
        """One section's blocks; ``under_item``: the question was itself a list item
        (as people write plans), so its answers are the items under it."""
        if key is None:
            self._loose(blocks)
            return
        if key in ("tidslinje", "opfølgning"):
            return  # samtale's own timeline, the points of the sheet followed up: made again from the files
        if key == "evalueringer":
            self._evaluations(blocks)
            return
        if key == "faser":
            self._phases(blocks)
            return
        paras = _section_paras(blocks)
        for table in (b for b in blocks if isinstance(b, Table)):
            self.comments.setdefault(key, []).append(_unplaced(table))
        if key == "relevans":
            if under_item:  # the answers' bullets only mark them as answers
                paras = [Para(p.segments, p.style, None, None, 0, 0) for p in paras]
            text = paragraphs_markdown(paras)
            if text:
                self.sections["relevans"] = text + "\n"
            return
        entries = _entries(paras)
        if key == "fremmere+hæmmere":
            key = "fremmere"
            self.comments.setdefault("fremmere", []).append(
                "Stod under 'Hvad er fremmere og hvad er hæmmere?': flyt hæmmerne til hæmmere.")
        self.sections.setdefault(key, []).extend(entries)

    def _evaluations(self, blocks: list[Para | Table]) -> None:
        """A heading with the date, then the text, for each evaluation."""
        found: list[tuple[dt.date, list[Para]]] = []
        for block in blocks:
            if isinstance(block, Para) and block.heading and first_date(block.clean):
                found.append((first_date(block.clean), []))  # type: ignore[arg-type]
            elif found and isinstance(block, Para):
                found[-1][1].append(block)
            else:
                self.comments.setdefault("evalueringer", []).append(_unplaced(block))
        self.sections["evalueringer"] = [
            {"dato": date, "tekst": paragraphs_markdown(paras) + "\n"} for date, paras in found
        ]

    def _loose(self, blocks: list[Para | Table]) -> None:
        """Blocks outside any section: phases written as text or a table, else comments."""
        for block in blocks:
            if isinstance(block, Table) and self._phase_table(block):
                continue
            if isinstance(block, Para) and self._phase_line(block):
                continue
            if isinstance(block, Para) and re.fullmatch(r"\*?Farvede felter.*", block.clean):
                continue
            self.comments.setdefault(self._anchor(), []).append(_unplaced(block))

    def _anchor(self) -> str:
        return "faser" if self.phases else (list(self.sections)[-1] if self.sections else "")

    def _phase_table(self, table: Table) -> bool:
        header = [fold(c.text) for c in table.rows[0]] if table.rows else []
        if not header or header[0] not in ("fase", "faser", "faseplan") or len(header) < 2:
            return False
        for row in table.rows[1:]:
            cells = [c for c in row if not c.continued]
            if not cells or not cells[0].text:
                continue
            name = " ".join(cells[0].lines)
            texts = [" ".join(c.lines) for c in cells[1:]]
            phase: dict[str, Any] = {"navn": name}
            dates = [find_dates(t) for t in texts]
            flat = [d for ds in dates for d in ds]
            if len(texts) >= 2 and len(dates[0]) <= 1 and len(dates[1]) == 1 and header[1].startswith("start"):
                if dates[0]:
                    phase["start"] = dates[0][0]
                phase["slut"] = dates[1][0]
                rest = texts[2:]
            elif flat:
                if len(flat) >= 2:
                    phase["start"], phase["slut"] = flat[0], flat[1]
                else:
                    phase["slut"] = flat[0]
                rest = [t for t, ds in zip(texts, dates) if not ds]
            else:
                rest = texts
            description = "\n\n".join(t for t in rest if t.strip() and t.strip() != "–")
            if description:
                phase["beskrivelse"] = description + "\n"
            self.phases.append(phase)
        return True

    def _phase_line(self, para: Para) -> bool:
        m = _PHASE_LINE.match(para.clean)
        if not m:
            if self.phases and not para.heading:
                dates = find_dates(para.clean)
                last = self.phases[-1]
                if dates and re.match(r"(?i)^(tidsperspektiv|fase \w+ kører|frem til)", para.clean):
                    self._phase_dates(last, dates)
                    return True
                last["beskrivelse"] = (last.get("beskrivelse", "") + "\n" + para.clean + "\n").lstrip("\n")
                return True
            return False
        name = m[1][0].upper() + m[1][1:]
        phase: dict[str, Any] = {"navn": " ".join(name.split())}
        rest = m[2]
        dates = find_dates(rest)
        self._phase_dates(phase, dates)
        text = re.sub(r"(?i)(tidsperspektiv\s*)?(fra\s*)?[\d/. -–]+(til\s*[\d/. -–]+)?$", "", rest).strip()
        if text and not dates:
            phase["beskrivelse"] = text + "\n"
        self.phases.append(phase)
        return True

    @staticmethod
    def _phase_dates(phase: dict[str, Any], dates: list[dt.date]) -> None:
        if len(dates) >= 2:
            phase["start"], phase["slut"] = dates[0], dates[1]
        elif dates:
            phase["slut"] = dates[0]

    def _phases(self, blocks: list[Para | Table]) -> None:
        """samtale's own layout: a table (Fase, Start, Slut), then a heading per phase
        with its description, milestones and recurring meetings."""
        tables = [b for b in blocks if isinstance(b, Table)]
        own = bool(tables) and tuple(c.text for c in tables[0].rows[0]) == wf.PHASE_COLUMNS
        if not own:
            self._loose(blocks)
            return
        for row in tables[0].rows[1:]:
            name, start, end = (" ".join(c.lines) for c in row[:3])
            phase: dict[str, Any] = {"navn": name}
            if start and start != "–":
                phase["start"] = first_date(start)
            phase["slut"] = first_date(end)
            self.phases.append(phase)
        index = -1
        mode = "description"
        description: list[Para] = []
        for block in blocks:
            if block is tables[0]:
                continue
            if isinstance(block, Table):
                self.comments.setdefault("faser", []).append(_unplaced(block))
                continue
            if block.empty:
                continue
            if block.heading:
                self._finish(index, description)
                index, mode, description = index + 1, "description", []
                continue
            if index < 0 or index >= len(self.phases):
                self.comments.setdefault("faser", []).append(_unplaced(block))
                continue
            phase = self.phases[index]
            if block.list_kind is None and block.clean == wf.MILESTONES:
                mode = "milestones"
                continue
            meeting = _MEETING_LINE.match(block.clean) if block.list_kind is None and block.bold is False else None
            if meeting and block.segments and block.segments[0].bold:
                title_segments = _without_suffix(block)
                phase.setdefault("møder", []).append({"titel": title_segments, "hver": meeting["every"]})
                mode = "meeting"
                continue
            if mode == "milestones" and block.list_kind:
                date_text, _, title = block.markdown.partition(": ")
                d = first_date(date_text)
                if d:
                    phase.setdefault("milepæle", []).append({"dato": d, "titel": title})
                    continue
            labelled = label_of(block, RECURRING_LABELS) if mode == "meeting" and not block.list_kind else None
            if labelled:
                self._recurring(phase["møder"][-1], *labelled)
                continue
            if mode == "meeting" and block.list_kind:
                d = first_date(block.clean)
                current = phase["møder"][-1]
                if d and "første" not in current:
                    current["første"] = d
                continue
            description.append(block)
        self._finish(index, description)

    @staticmethod
    def _recurring(meeting: dict[str, Any], key: str, value: str) -> None:
        """A recurring meeting's 'Tid: kl. 14:00–15:00 (1 t)', 'Ved fridag: ...' and
        'Første møde: ...' (written when the first meeting is moved or skipped)."""
        if key == "kl":
            meeting["kl"] = clock_of(value) or value
            length = re.search(r"\(([^()]+)\)\s*$", value)
            if length and duration_of(length[1]) is not None:
                meeting["varighed"] = str(duration_of(length[1]))
        elif key == "første":
            meeting["første"] = first_date(value) or value
        else:
            meeting[key] = value

    def _finish(self, index: int, description: list[Para]) -> None:
        if 0 <= index < len(self.phases) and description:
            text = paragraphs_markdown(description)
            if text:
                self.phases[index]["beskrivelse"] = text + "\n"

    def _assemble(self, fields: dict[str, str]) -> dict[Any, Any]:
        out = self.out
        for c in self.comments.pop("", []):
            out[Comment(c)] = None
        if fields.get("titel"):
            out["titel"] = fields["titel"]
        else:
            out[Comment("titel: stod ikke i Word-dokumentet")] = None
        if fields.get("afdeling"):
            out["afdeling"] = fields["afdeling"]
        else:
            out[Comment("afdeling: stod ikke i Word-dokumentet")] = None
        for key in ("mål", "hvorfor", "vidensgrundlag", "fremmere", "hæmmere", "evaluering", "relevans"):
            if self.sections.get(key):
                out[key] = self.sections[key]
            for c in self.comments.pop(key, []):
                out[Comment(c)] = None
        if fields.get("ark"):
            follows: dict[str, Any] = {"fil": fields["ark"]}
            numbers = [int(n) for n in re.findall(r"\d+", fields.get("punkter", ""))]
            if numbers:
                follows["punkter"] = numbers
            out["opmærksomhedspunkter"] = follows
        status = fields.get("status", "")
        if any(fold(status) == fold(state) for state in PLAN_STATES):
            out["status"] = status
        elif status:
            out[Comment(f"Status: {status}")] = None
        if self.sections.get("evalueringer"):
            out["evalueringer"] = self.sections["evalueringer"]
        for c in self.comments.pop("evalueringer", []):
            out[Comment(c)] = None
        phases = []
        for phase in self.phases:
            entry = {k: phase[k] for k in ("navn", "start", "slut", "beskrivelse", "milepæle", "møder")
                     if phase.get(k) not in (None, "", [])}
            for meeting in entry.get("møder", []):
                if meeting.get("første") is not None and meeting["første"] == entry.get("start"):
                    del meeting["første"]
                order = ("titel", "hver", "første", "kl", "varighed", "ved_fridag")
                ordered = {k: meeting.pop(k) for k in order if k in meeting}
                meeting.update(ordered)  # as the format lists them (a dict keeps the order)
            phases.append(entry)
        out["faser"] = phases
        for key in list(self.comments):
            for c in self.comments.pop(key):
                out[Comment(c)] = None
        self.mapped = [f"{sum(len(self.sections.get(k, [])) for k in ('mål', 'hvorfor', 'vidensgrundlag'))} mål, "
                       "begrundelser og vidensgrundlag",
                       f"{len(phases)} faser"]
        return out


def _without_suffix(para: Para) -> str:
    """A recurring meeting's title: the paragraph without '(hver ..., N møder)', as plain
    Markdown (samtale writes the whole title in bold)."""
    from samtale_cli.out.wordread import Segment, inline_markdown

    text = para.text
    cut = text.rfind(" (")
    segments, pos = [], 0
    for seg in para.segments:
        end = pos + len(seg.text)
        if pos < cut:
            segments.append(Segment(seg.text[: max(0, cut - pos)], False, seg.italic, seg.code, seg.href))
        pos = end
    return inline_markdown(segments)


def _entries(paras: list[Para]) -> list[str]:
    """A section's entries: each list item at the outermost level starts one; deeper
    items and paragraphs indented under it belong to it (as Markdown)."""
    items = [p for p in paras if p.list_kind]
    base = min((p.level for p in items), default=0)
    groups: list[list[Para]] = []
    for para in paras:
        starts = (para.list_kind and para.level == base) or (not items) or not groups
        if starts:
            groups.append([para])
        else:
            groups[-1].append(para)
    entries = []
    for group in groups:
        head, rest = group[0], group[1:]
        shifted = []
        for para in rest:
            level = para.level - base - 1 if para.list_kind else 0
            indent = max(0, para.indent - wf.LIST_INDENT * (base + 1)) if not para.list_kind else 0
            shifted.append(Para(para.segments, para.style, None, para.list_kind, max(0, level), indent))
        first = Para(head.segments, head.style, None, None, 0, 0)
        text = paragraphs_markdown([first, *shifted])
        if text:
            entries.append(text if "\n" not in text else text + "\n")
    return entries


# --- the whole import --------------------------------------------------------------------


@dataclass
class Imported:
    path: Path
    kind: kinds.Kind
    mapped: list[str]
    notes: list[str]
    text: str


def classify(blocks: list[Para | Table], title: str | None) -> kinds.Kind | None:
    """The kind of document the blocks make up, from their structure."""
    folded = fold(title or "")
    if folded.startswith("indsatsplan"):
        return kinds.PLAN
    if folded.startswith(fold(wf.SHEET_TITLE)):
        return kinds.SHEET
    tables = [b for b in blocks if isinstance(b, Table)]
    if any(is_sheet(t) for t in tables):
        return kinds.SHEET
    if any(is_agenda(t) for t in tables):
        return kinds.MEETING
    sections = {_plan_section(b.clean) for b in blocks if isinstance(b, Para) and not b.empty and len(b.clean) < 120}
    sections.discard(None)
    if len(sections & {"mål", "hvorfor", "vidensgrundlag", "fremmere", "hæmmere", "fremmere+hæmmere",
                       "evaluering", "relevans"}) >= 2:
        return kinds.PLAN
    return None


def read_docx(path: Path) -> tuple[Any, list[Para | Table]]:
    """The document and its blocks; a Danish usage error when it is no readable DOCX."""
    from samtale_cli.out.wordread import blocks, open_docx

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
        raise SamtaleError(f"'{path}' kan ikke læses: {exc.strerror or exc}.") from None
    document = open_docx(raw, path.name)
    try:
        return document, blocks(document)
    except SamtaleError:
        raise
    except Exception as exc:  # noqa: BLE001 - a package python-docx opened but cannot walk
        raise SamtaleError(f"'{path.name}' er beskadiget og kan ikke læses som Word-dokument "
                           f"({type(exc).__name__}).") from None


def import_docx(path: Path, cwd: Path, output: Path | None = None, force: bool = False) -> Imported:
    """Read ``path``, write the YAML file (refusing an existing one unless ``force``)."""
    from samtale_cli.core.files import refuse_existing, write_new
    from samtale_cli.out.schema import modeline
    from samtale_cli.check.workspace import find_workspace

    document, blocks = read_docx(path)
    toc = [t for t in document.element.body.iter(w("instrText")) if (t.text or "").strip().startswith("TOC")]
    if toc and sum(1 for b in blocks if isinstance(b, Para) and b.heading == 1) > 1:
        raise SamtaleError(f"'{path.name}' er et samlet dokument med flere dokumenter og en indholdsfortegnelse; "
                           "importér dokumenterne ét ad gangen.")
    own = (document.core_properties.author or "") == wf.MARK
    src = Source(blocks, own)
    title, _ = src.title()
    kind = classify(blocks, title)
    if kind is None:
        raise SamtaleError(
            f"'{path.name}' ligner hverken en dagsorden, et ark med opmærksomhedspunkter eller en indsatsplan: "
            "der er ingen dagsordenstabel (Tid, Emne, Mål, Ansvarlig), ingen tabel med arkets tre spørgsmål og "
            "ingen af indsatsplanens spørgsmål (Hvad vil vi opnå? ...).")
    ws = find_workspace(cwd)
    if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
        raise SamtaleError(f"-o '{output}' skal ende på .yaml, så 'samtale check' finder filen.")
    if kind is kinds.MEETING:
        reader: Any = MeetingReader(src)
        data = reader.read()
        target = _target(output, cwd, ws, kind, date=data.get("dato"), title=data.get("titel", ""))
    elif kind is kinds.SHEET:
        target_box: dict[str, Path] = {}

        def finder(title: str, date: dt.date | None) -> tuple[str, Any, str | None]:
            return _find_meeting(ws, target_box["path"], title, date)

        reader = SheetReader(src, finder)
        department = _sheet_department(blocks)
        preview_date = None
        for block in blocks:
            if isinstance(block, Para) and fold(block.clean).startswith("laeringssamtale"):
                preview_date = first_date(block.clean)
                break
        target_box["path"] = _target(output, cwd, ws, kind, date=preview_date, department=department)
        data = reader.read()
        target = target_box["path"]
    else:
        reader = PlanReader(src)
        data = reader.read()
        target = _target(output, cwd, ws, kind, title=data.get("titel", ""), department=data.get("afdeling", ""))
    if target.resolve() == path.resolve():
        raise SamtaleError("Word-filen kan ikke overskrives med YAML; vælg en anden fil med -o.")
    refuse_existing(target, force=force)
    notes: list[str] = []
    head = [modeline(ws, kind, target, notes),
            f"# Importeret fra Word: {path.name}. Tjek filen med: samtale check {target.name}"]
    text = "\n".join(head + dump(data)) + "\n"
    write_new(target, text, force=force)
    return Imported(target, kind, reader.mapped, notes + src.notes, text)


def _sheet_department(blocks: list[Para | Table]) -> str:
    for block in blocks:
        if isinstance(block, Para):
            labelled = label_of(block, SHEET_LABELS)
            if labelled and labelled[0] == "afdeling":
                return labelled[1]
            if labelled and labelled[0] == "dagtilbud/afdeling":
                return labelled[1].partition("/")[2].strip()
    return ""


def _target(output: Path | None, cwd: Path, ws: Any, kind: kinds.Kind, *, date: Any = None, title: str = "",
            department: str = "") -> Path:
    """Where the YAML goes: ``-o``, else the workspace's place for its kind (as
    ``samtale new`` puts it), else the current folder."""
    from samtale_cli.check.workspace import output_path
    from samtale_cli.check.workspace import resolve_department

    day = date if isinstance(date, dt.date) else None
    conventional = cwd / kind.path(None, department=department, date=day, title=title)
    if ws is not None and (kind is kinds.MEETING or department):
        try:
            department = resolve_department(department, ws) if department else department
            conventional = kind.path(ws.root, department=department, date=day, title=title)
        except SamtaleError:  # a department the workspace does not know: the current folder
            pass
    return output_path(output, conventional, cwd, ws)


def _find_meeting(ws: Any, target: Path, title: str, date: dt.date | None) -> tuple[str, Any, str | None]:
    """The sheet's meeting: a læringssamtale in the workspace with the date (and the
    title, when several share it). Returns the path relative to the sheet, the meeting's
    pejlemærker, and a comment when it was not found."""
    from samtale_cli.check.document import read
    from samtale_cli.check.workspace import relative

    if ws is not None and date is not None:
        folder = ws.root / kinds.MEETINGS_DIR
        candidates = []
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            doc = read(path, path.name)
            model = doc.model
            if model is not None and getattr(model, "date", None) == date and model.type == kinds.MEETING.name:
                candidates.append((fold(model.title) == fold(title), path, model))
        candidates.sort(key=lambda c: not c[0])
        if candidates:
            _, path, model = candidates[0]
            return relative(path, target.parent), list(model.landmarks), None
    guess = kinds.MEETING.path(ws.root if ws else None, date=date, title=title or "laeringssamtale")
    if ws is None:
        guess = target.parent / guess
    when = f" fra {date.isoformat()}" if date else ""
    return (relative(guess, target.parent), None,
            f"Fandt ingen læringssamtale{when} i arbejdsmappen; ret stien herunder til mødets fil.")
