"""The Word reader of an action plan (indsats): the plan's questions ("Hvad vil vi
opnå?", "Hvorfor ...", fremmere, hæmmere, evaluering, relevans) as headings, bold lines
or list items with the answers under them; evaluations under dated headings; phases as
samtale writes them (a table, then a heading per phase with milestones and recurring
meetings) or as people do ("Fase 1: ... fra 15/6 til 1/9 2021", a table of phases).

``read(src, where)`` is this kind's reader (``kinds.hook(kinds.PLAN, "reader")``);
see :mod:`samtale_cli.wordin.importer` for the signature every reader shares.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from samtale_cli.check.loader import MAX_DIGITS
from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import ParseError
from samtale_cli.core.yamlout import Comment
from samtale_cli.model import PLAN_STATES
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.wordread import (
    Para,
    Segment,
    Table,
    inline_markdown,
    paragraphs_markdown,
)
from samtale_cli.wordin.common import (
    department_in,
    Reading,
    Source,
    Where,
    clock_of,
    duration_of,
    find_dates,
    first_date,
    fold,
    label_of,
    section_paras,
    segment,
    unplaced,
)

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


PHASE_HEADS = ("fase", "faser", "faseplan", "faseoversigt", "tidsplan", "")
PERIOD_LABELS = {"periode": "period", "tidsperiode": "period", "tidsperspektiv": "period", "tid": "period",
                 "datoer": "period", "dato": "period", "hvornaar": "period", "varighed": "period",
                 "start": "start", "startdato": "start", "fra": "start",
                 "slut": "end", "slutdato": "end", "til": "end", "deadline": "end",
                 "milepaele": "milestone", "milepael": "milestone", "milepaele og datoer": "milestone",
                 "moeder": "meeting", "faste moeder": "meeting", "moede": "meeting", "moedeplan": "meeting",
                 "tilbagevendende moeder": "meeting", "beskrivelse": "text", "indhold": "text",
                 "hvad goer vi": "text", "aktiviteter": "text", "handlinger": "text"}
_PHASE_NAME = re.compile(r"(?i)^(?:tidsperspektiv\s+(?:for\s+)?)?(fase\s*\d+\w*)\s*[:.]?\s*(.*)$", re.S)
_MONTHS = (r"januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
           r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DATE_TEXT = re.compile(rf"(?i)(?:\d{{1,2}}\.?\s*(?:{_MONTHS})\.?(?:\s+\d{{4}})?|\d{{4}}-\d{{1,2}}-\d{{1,2}}|"
                        r"\d{1,2}\s*[/.]\s*\d{1,2}(?:(?:\s*[/.-]\s*|\s+)\d{4})?)(?![\d])")
_PERIOD_FILLER = re.compile(r"(?i)\b(tidsperspektiv|tidsperiode|perioden|periode|for|fase\s*\d+\w*|kører|koerer|"
                            r"løber|varer|fra|frem|til|og|med|den|d|start|slut|ca|i|dato|datoer)\b|[-–—:.,()/]")
_MEETING_WORD = r"((?:[a-zæøå]+-)?[a-zæøå]*møde(?:r|t)?)"
_PROSE_MILESTONE = re.compile(rf"(?i)\b{_MEETING_WORD}\s+(?:den\s+|d\.\s*)?(?=\d)")
_EVERY = (r"hvert?\s+(?:\d+\s*\.?\s*|anden\s+|andet\s+|tredje\s+|fjerde\s+|femte\s+|sjette\s+)?"
          r"(?:uge|dag|måned|år)")
_CLOCK_TEXT = r"(\d{1,2})(?:[.:](\d{2}))?(?:\s*[-–]\s*(\d{1,2})(?:[.:](\d{2}))?)?"
_RECURRING = re.compile(rf"(?i)\b{_MEETING_WORD}(?:\s+[a-zæøå]+){{0,3}}?\s+({_EVERY})\b"
                        rf"(?:\s*,?\s*kl\.?\s*{_CLOCK_TEXT})?")


def list_styled(para: Para) -> Para:
    """``para`` with the list level its style's name gives: Word's built-in list styles
    ("List Bullet 2", in a Danish Word "Opstilling med punkttegn 2") share one numbering,
    so the level is in the name only, and a style without numbering still makes an item."""
    m = _LIST_STYLE.match(para.style.strip())
    if not m:
        return para
    level = int(m[2]) - 1 if m[2] and m[2] != "0" else 0
    if para.list_kind is not None and para.level >= level:
        return para
    kind = "decimal" if re.search(r"(?i)number|tal", m[1]) else "bullet"
    return dataclasses.replace(para, list_kind=para.list_kind or kind, level=max(para.level, level))


_LIST_STYLE = re.compile(r"(?i)^(list bullet|list number|opstilling med punkttegn|opstilling med tal|"
                         r"punktopstilling|talopstilling)\s*(\d)?$")
_SIDE = re.compile(r"(?i)^\s*(fremme\w*|hæmme\w*|haemme\w*)(?:\s+faktorer)?\s*:\s*")


SIDES = ("fremmere", "hæmmere", "fremmere+hæmmere")


def section_ends(block: Para, section: str, level: int, kind: str | None) -> bool:
    """Whether ``block`` ends the answers of a question asked at list ``level`` (-1: not
    a list item) with list ``kind``."""
    # a sibling of the question (answers typed "–" under numbered questions are no siblings)
    ends = block.list_kind == kind and block.level <= level
    ends = ends or (level >= 0 and not block.list_kind and block.indent == 0)  # plain text after
    return ends or (section != "faser" and _PHASE_LINE.match(block.clean) is not None)


def label_length(para: Para, key: str) -> int:
    """The length of "Label: " when ``para`` is "Label: an answer" with the question
    ``key`` as its label (0 when it is not)."""
    m = re.match(r"^\s*([^:]{1,80}):\s*", para.text)
    if m and para.text[m.end():].strip() and plan_section(m[1]) == key:
        return m.end()
    return 0


def side_of(para: Para) -> tuple[str | None, int]:
    """'fremmere' or 'hæmmere' when ``para`` begins "Fremmer: ..." / "Hæmmere: ...",
    and the length of that label."""
    m = _SIDE.match(para.text)
    if not m:
        return None, 0
    return ("fremmere" if fold(m[1]).startswith("fremme") else "hæmmere"), m.end()


def without_prefix(para: Para, length: int) -> Para:
    """``para`` without its first ``length`` characters (across its runs)."""
    segments, left = [], length
    for seg in para.segments:
        if left >= len(seg.text):
            left -= len(seg.text)
            continue
        segments.append(dataclasses.replace(seg, text=seg.text[left:]))
        left = 0
    return dataclasses.replace(para, segments=segments)


def split_lines(para: Para) -> list[Para]:
    """A paragraph with line breaks (Shift+Enter in a cell) as one paragraph per line."""
    if "\n" not in para.text:
        return [para]
    lines: list[list[Segment]] = [[]]
    for seg in para.segments:
        for k, part in enumerate(seg.text.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append(dataclasses.replace(seg, text=part))
    return [dataclasses.replace(para, segments=line) for line in lines if line]


# --- phases written by people: tables either way, dates, milestones and meetings in prose ---


def phase_name(cell: Any) -> tuple[str, list[Para]] | None:
    """("Fase 1", the rest of the cell) when the cell begins with a phase's name
    ("Fase 1", "Tidsperspektiv for fase 1:")."""
    paras = [q for p in cell.paras if not p.empty for q in split_lines(p)] if cell is not None else []
    m = _PHASE_NAME.match(paras[0].clean) if paras else None
    if not m:
        return None
    name = " ".join(m[1].split())
    rest = ([Para([segment(m[2])])] if m[2].strip() else []) + paras[1:]
    return name[0].upper() + name[1:], rest


def _grid(row: list[Any]) -> list[Any]:
    """A row's cells by grid column (None under a span and for a cell merged from above)."""
    out: list[Any] = []
    for cell in row:
        out.append(None if cell.continued else cell)
        out.extend([None] * (cell.span - 1))
    return out


Pieces = list[tuple[str, list[Para]]]


def phase_columns(table: Table) -> list[tuple[str, Pieces]] | None:
    """The phases of a table people made, by column (a column per phase, with or without
    a first column of labels) or by row (a header "Fase | Periode | ..."): each phase's
    name and its texts, each with its label (the row's or column's heading, or "")."""
    rows = [_grid(r) for r in table.rows]
    if not rows or not rows[0] or not any(rows[0]):
        return None
    header = rows[0]
    first = fold(header[0].text) if header[0] is not None else ""
    labelled = first in PHASE_HEADS and phase_name(header[0]) is None
    columns = [k for k in range(1 if labelled else 0, len(header)) if header[k] is not None]
    names = {k: phase_name(header[k]) for k in columns}
    if columns and all(names.values()):
        return [_column_phase(rows, k, names[k], labelled) for k in columns]  # type: ignore[arg-type]
    if first in PHASE_HEADS and first and len(header) >= 2:
        return _row_phases(rows)
    return None


def _column_phase(rows: list[list[Any]], k: int, named: tuple[str, list[Para]], labelled: bool) -> tuple[str, Pieces]:
    name, rest = named
    pieces: Pieces = [("", rest)]
    for row in rows[1:]:
        cell = row[k] if k < len(row) else None
        if cell is not None:
            label = row[0].text if labelled and row[0] is not None else ""
            pieces.append((label, cell.paras))
    return name, pieces


def _row_phases(rows: list[list[Any]]) -> list[tuple[str, Pieces]]:
    header = rows[0]
    phases: list[tuple[str, Pieces]] = []
    for row in rows[1:]:
        pieces = [(header[k].text if k < len(header) and header[k] is not None else "", row[k].paras)
                  for k in range(1, len(row)) if row[k] is not None]
        if row[0] is not None and row[0].text.strip():
            phases.append((" ".join(row[0].lines), pieces))
        elif phases:  # a row without a name continues the phase above
            phases[-1][1].extend(pieces)
        else:
            phases.append(("", pieces))
    return phases


def build_phase(name: str, pieces: Pieces) -> dict[str, Any]:
    """A phase from its texts: periods ("1/5 2025 – 15/6 2025", "Fase 3 kører fra 1/9
    2025 frem til 30/6 2026") give start and slut; a "Milepæle" text gives milestones, a
    "Møder" text recurring meetings; the rest is the description, in which "p-møde den
    19/8 2025" is a milestone and "stuemøde hver 4. uge kl. 13.00-14.00" a recurring
    meeting as well."""
    phase: dict[str, Any] = {"navn": name, "_prose": []}
    description: list[Para] = []
    for label, paras in pieces:
        kind = PERIOD_LABELS.get(fold(label), "other" if label.strip() else "text")
        for para in (q for p in paras if not p.empty for q in split_lines(p)):
            if para.clean in ("–", "-", "—") or place(phase, kind, para.clean):
                continue
            if kind == "other":
                para = dataclasses.replace(para, segments=[segment(f"{' '.join(label.split())}: "), *para.segments])
            description.append(para)
            phase["_prose"].append(para.clean)
    text = paragraphs_markdown(description)
    if text:
        phase["beskrivelse"] = text + "\n"
    return phase


def place(phase: dict[str, Any], kind: str, text: str) -> bool:
    """Put ``text`` where its label says (dates, a milestone, a meeting); False when it
    is none of them (then it is description)."""
    if kind in ("period", "start", "end"):
        dates = find_dates(text)
        if len(_DATE_TEXT.findall(text)) > len(dates):  # "31/2 2025" is no date: the text stays as written
            return False
        if dates and kind != "period":
            phase["start" if kind == "start" else "slut"] = dates[0]
            return True
        return bool(dates) and set_period(phase, text, dates)
    if kind == "milestone":
        d = first_date(text)
        if d is None:
            return False
        phase.setdefault("milepæle", []).append({"dato": d, "titel": without_dates(text) or "Milepæl"})
        return True
    if kind == "meeting":
        meeting = recurring(text)
        if meeting is None:
            return False
        phase.setdefault("møder", []).append(meeting)
        return True
    dates = find_dates(text)
    whole = len(_DATE_TEXT.findall(text)) == len(dates)
    if "slut" in phase:  # a second period in one phase's text (the seed's "fase 2b") stays as written
        return False
    return bool(dates) and whole and is_period(text) and set_period(phase, text, dates)


def before_period(text: str) -> str:
    """The words before a period at the end of ``text`` ("Vi måler støjen fra 1/8 til
    30/9 2025" -> "Vi måler støjen"); "" when ``text`` is only the period."""
    if len(text) > 500 or is_period(text):
        return "" if len(text) <= 500 else text.strip()
    for space in re.finditer(r"\s+", text):
        tail = text[space.end():]
        if is_period(tail) and find_dates(tail):
            return text[:space.start()].strip(" ,;:–-")
    return text.strip()


def is_period(text: str) -> bool:
    """Only dates and the words around them ("Tidsperspektiv fra 16/6 til 31/8 2025",
    "Fase 3 kører fra 1/9 2025 frem til 30/6 2026.")."""
    return not _PERIOD_FILLER.sub(" ", _DATE_TEXT.sub(" ", text)).strip()


def set_period(phase: dict[str, Any], text: str, dates: list[dt.date]) -> bool:
    if len(dates) >= 2:
        phase["start"], phase["slut"] = dates[0], dates[-1]
    elif re.search(r"(?i)\bfra\b", text) and not re.search(r"(?i)\btil\b", text):
        phase["start"] = dates[0]
    else:
        phase["slut"] = dates[0]
    return True


def without_dates(text: str) -> str:
    """A milestone's title: its line without the date ("Personalemøde 23/9 2025: fælles
    analyse" -> "Personalemøde: fælles analyse")."""
    rest = _DATE_TEXT.sub(" ", text)
    rest = re.sub(r"(?i)\b(den|d\.)\s+(?=[:,.–-]|$)", " ", rest)
    rest = re.sub(r"\s+([:,.])", r"\1", " ".join(rest.split())).strip(" -–—,.:")
    return rest[:1].upper() + rest[1:]


def recurring(text: str) -> dict[str, Any] | None:
    """A recurring meeting written in prose: "stuemøde hver 4. uge kl. 13.00-14.00"."""
    m = _RECURRING.search(text)
    if not m:
        return None
    try:
        v.parse_interval(" ".join(m[2].split()))  # as check reads it
    except ParseError:
        return None
    word = re.sub(r"(?i)(møde)r$", r"\1", m[1])
    meeting: dict[str, Any] = {"titel": word[0].upper() + word[1:], "hver": " ".join(m[2].split()).lower()}
    if m[3] is not None and int(m[3]) <= 23 and int(m[4] or 0) <= 59:
        start = int(m[3]) * 60 + int(m[4] or 0)
        meeting["kl"] = f"{int(m[3]):02d}:{int(m[4] or 0):02d}"
        end = int(m[5]) * 60 + int(m[6] or 0) if m[5] is not None and int(m[6] or 0) <= 59 else None
        if end is not None and start < end <= 24 * 60:
            meeting["varighed"] = str(v.Duration(end - start))
    return meeting


def prose_milestones(text: str) -> list[dict[str, Any]]:
    """Milestones named in a description: "på p-møde den 19/8 2025"."""
    found = []
    for m in _PROSE_MILESTONE.finditer(text):
        written = _DATE_TEXT.match(text, m.end())
        d = first_date(written[0]) if written else None
        if d is not None:
            found.append({"dato": d, "titel": m[1][0].upper() + m[1][1:]})
    return found


def plan_section(text: str) -> str | None:
    folded = fold(text)
    for start, key in PLAN_SECTIONS:
        if folded == start or folded.startswith(start):
            return key
    return None


class PlanReader:
    def __init__(self, src: Source, departments: list[str] | None = None) -> None:
        self.src = src
        self.blocks = [list_styled(b) if isinstance(b, Para) else b for b in src.blocks]
        self.departments = departments or []
        self.out: dict[Any, Any] = {"type": kinds.PLAN.name}
        self.sections: dict[str, Any] = {}
        self.comments: dict[str, list[str]] = {}
        self.phases: list[dict[str, Any]] = []
        self.mapped: list[str] = []

    def _title(self, fields: dict[str, str]) -> int:
        """The title (and the department it names) into ``fields``; its block's index."""
        title, at = self.src.title()
        if not title or plan_section(title) is not None:
            return -1
        fields["titel"] = re.sub(r"^indsatsplan\s*:\s*", "", title, flags=re.I).strip()
        self._department(title, fields)
        return at

    def read(self) -> dict[Any, Any]:
        fields: dict[str, str] = {}
        at = self._title(fields)
        section: str | None = None
        section_level, section_kind = -1, None
        collected: list[Para | Table] = []
        by_headings = any(isinstance(b, Para) and b.heading and plan_section(b.clean) for b in self.blocks)
        groups: list[tuple[str | None, int, list[Para | Table]]] = []
        for k, block in enumerate(self.blocks):
            if k == at:
                continue
            if isinstance(block, Para):
                if block.empty:
                    continue
                if self._field_line(block, fields, above=not groups and section is None):
                    continue
                key = plan_section(block.clean) if len(block.clean) < 120 else None
                level = block.level if block.list_kind else -1
                # where the questions are headings, only a heading starts a section (an
                # answer may well read 'Hæmmere'); else a list item or bold line does
                header = block.heading if by_headings else bool(block.heading or block.bold or block.list_kind
                                                                  or block.clean.endswith("?"))
                if key and header:
                    content = label_length(block, key)  # "Hæmmere: Få voksne." is an answer with its label
                    if content and section in SIDES and key in SIDES:
                        collected.append(block)
                        continue
                    groups.append((section, section_level, collected))
                    section, section_level, section_kind, collected = key, level, block.list_kind, []
                    if content:
                        section_level = -1
                        collected.append(block if key in SIDES else without_prefix(block, content))
                    continue
                if block.heading and section is not None and block.heading <= 2:
                    groups.append((section, section_level, collected))
                    section, section_level, collected = None, -1, []
                if section is not None and section_ends(block, section, section_level, section_kind):
                    groups.append((section, section_level, collected))
                    section, section_level, collected = None, -1, []
            collected.append(block)
        groups.append((section, section_level, collected))
        for key, level, blocks in groups:
            self._group(key, blocks, under_item=level >= 0)
        return self._assemble(fields)

    def _field_line(self, block: Para, fields: dict[str, str], above: bool) -> bool:
        """A labelled line ("Afdeling: ..."), or ``above`` the questions a line that is
        only a department's name, read into ``fields``; True when nothing else is left."""
        labelled = label_of(block, PLAN_LABELS)
        if labelled and not block.list_kind:
            fields[labelled[0]] = labelled[1]
            return True
        return above and self._department(block.clean, fields)

    def _department(self, text: str, fields: dict[str, str]) -> bool:
        """Take the department from a line above the questions (or the title) that names
        one of the workspace's; True when the line is only its name (nothing else to keep)."""
        found = department_in(text, self.departments) if len(text) < 120 else None
        if found is None:
            return False
        fields.setdefault("afdeling", found)
        return fold(text) == fold(found)

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
        paras = section_paras(blocks)
        for table in (b for b in blocks if isinstance(b, Table)):
            if not self._phase_table(table):
                self.comments.setdefault(key, []).append(unplaced(table))
        if key == "relevans":
            if under_item:  # the answers' bullets only mark them as answers
                paras = [Para(p.segments, p.style, None, None, 0, 0) for p in paras]
            text = paragraphs_markdown(paras)
            if text:
                self.sections["relevans"] = text + "\n"
            return
        if key in ("fremmere", "hæmmere", "fremmere+hæmmere"):
            self._sides(key, paras)
            return
        self.sections.setdefault(key, []).extend(section_entries(paras))

    def _sides(self, key: str, paras: list[Para]) -> None:
        """Answers about enablers and barriers: "Fremmer: ..." and "Hæmmer: ..." (or a
        line "Hæmmere:" above them) say which; under the question for both, an answer
        that does not say goes to fremmere, with a comment."""
        buckets: dict[str, list[Para]] = {"fremmere": [], "hæmmere": []}
        unsaid: list[Para] = []
        side = None if key == "fremmere+hæmmere" else key
        for para in paras:
            said, length = side_of(para)
            if said:
                side, para = said, without_prefix(para, length)
                if para.empty:
                    continue
            (buckets[side] if side else unsaid).append(para)
        if unsaid:
            self.comments.setdefault("fremmere", []).append(
                "Stod under 'Hvad er fremmere og hvad er hæmmere?': flyt hæmmerne til hæmmere.")
        for name, found in (("fremmere", unsaid + buckets["fremmere"]), ("hæmmere", buckets["hæmmere"])):
            if found:
                self.sections.setdefault(name, []).extend(section_entries(found))

    def _evaluations(self, blocks: list[Para | Table]) -> None:
        """A heading with the date, then the text, for each evaluation."""
        found: list[tuple[dt.date, list[Para]]] = []
        for block in blocks:
            if isinstance(block, Para) and block.heading and first_date(block.clean):
                found.append((first_date(block.clean), []))  # type: ignore[arg-type]
            elif found and isinstance(block, Para):
                found[-1][1].append(block)
            else:
                self.comments.setdefault("evalueringer", []).append(unplaced(block))
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
            self.comments.setdefault(self._anchor(), []).append(unplaced(block))

    def _anchor(self) -> str:
        return "faser" if self.phases else (list(self.sections)[-1] if self.sections else "")

    def _phase_table(self, table: Table) -> bool:
        """A table of phases people made (by row or by column), read into phases."""
        found = phase_columns(table)
        if found is None:
            return False
        for name, pieces in found:
            self.phases.append(build_phase(name or f"Fase {len(self.phases) + 1}", pieces))
        return True

    def _phase_line(self, para: Para) -> bool:
        m = _PHASE_LINE.match(para.clean)
        if not m:
            if self.phases and not para.heading:
                dates = find_dates(para.clean)
                last = self.phases[-1]
                if dates and (is_period(para.clean)
                              or re.match(r"(?i)^(tidsperspektiv|fase \w+ kører|frem til)", para.clean)):
                    self._phase_dates(last, dates)
                    return True
                last["beskrivelse"] = (last.get("beskrivelse", "") + "\n" + para.clean + "\n").lstrip("\n")
                last.setdefault("_prose", []).append(para.clean)
                return True
            return False
        name = m[1][0].upper() + m[1][1:]
        phase: dict[str, Any] = {"navn": " ".join(name.split())}
        rest = m[2]
        dates = find_dates(rest)
        self._phase_dates(phase, dates)
        text = before_period(rest) if dates else rest.strip()
        if text:  # the words before the dates are the phase's description
            phase["beskrivelse"] = text + "\n"
            phase["_prose"] = [text]
        self.phases.append(phase)
        return True

    @staticmethod
    def _phase_dates(phase: dict[str, Any], dates: list[dt.date]) -> None:
        if len(dates) >= 2:
            phase["start"], phase["slut"] = dates[0], dates[1]
        elif dates:
            phase["slut"] = dates[0]

    def _phases(self, blocks: list[Para | Table]) -> None:  # noqa: C901
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
                self.comments.setdefault("faser", []).append(unplaced(block))
                continue
            if block.empty:
                continue
            if block.heading:
                self._finish(index, description)
                index, mode, description = index + 1, "description", []
                continue
            if index < 0 or index >= len(self.phases):
                self.comments.setdefault("faser", []).append(unplaced(block))
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

    def _assemble(self, fields: dict[str, str]) -> dict[Any, Any]:  # noqa: C901
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
            written = fields.get("punkter", "")
            numbers = re.findall(r"\d+", written)
            if numbers and all(len(n) <= MAX_DIGITS for n in numbers):
                follows["punkter"] = [int(n) for n in numbers]
            elif numbers:  # no number samtale uses (and int() refuses over 4,300 digits)
                follows[Comment(f"Punkter: {written}")] = None
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
        for k, phase in enumerate(self.phases):
            from_prose(phase)
            entry: dict[Any, Any] = {key: phase[key] for key in ("navn", "start", "slut", "beskrivelse", "milepæle",
                                                               "møder") if phase.get(key) not in (None, "", [])}
            before = self.phases[k - 1] if k else None
            if before is not None and "start" not in entry and "slut" in entry and before.get("slut"):
                entry = {"navn": entry["navn"], "start": before["slut"],
                         Comment(f"start: sat til slutdatoen for {before['navn']}; Word-dokumentet gav kun "
                                 "fasens slutdato"): None, **{k: v for k, v in entry.items() if k != "navn"}}
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


def from_prose(phase: dict[str, Any]) -> None:
    """The milestones and recurring meetings a phase's description names, added to those
    written as such (the description keeps its text)."""
    for text in phase.pop("_prose", []):
        for milestone in prose_milestones(text):
            if milestone not in phase.get("milepæle", []):
                phase.setdefault("milepæle", []).append(milestone)
        meeting = recurring(text)
        if meeting is not None and meeting not in phase.get("møder", []):
            phase.setdefault("møder", []).append(meeting)


def _without_suffix(para: Para) -> str:
    """A recurring meeting's title: the paragraph without '(hver ..., N møder)', as plain
    Markdown (samtale writes the whole title in bold)."""
    text = para.text
    cut = text.rfind(" (")
    segments, pos = [], 0
    for seg in para.segments:
        end = pos + len(seg.text)
        if pos < cut:
            segments.append(Segment(seg.text[: max(0, cut - pos)], False, seg.italic, seg.code, seg.href))
        pos = end
    return inline_markdown(segments)


def section_entries(paras: list[Para]) -> list[str]:
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




def read(src: Source, where: Where) -> Reading:
    """The plan in ``src``, to be written in its department's folder (named by its
    title)."""
    reader = PlanReader(src, where.ws.departments if where.ws is not None else [])
    data = reader.read()
    target = where.target(kinds.PLAN, title=data.get("titel", ""), department=data.get("afdeling", ""))
    return Reading(data, target, reader.mapped)
