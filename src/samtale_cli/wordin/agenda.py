"""The agenda table of a læringssamtale, read row by row (a part of
:class:`samtale_cli.wordin.meeting.MeetingReader`): clock times and durations in the Tid
column, sub-items (numbered 3.1 or indented), goals and questions, the responsible roles,
"Referat ..." rows under their item, rows split across pages; and participants written
as running text ("Navn, rolle, afdeling.").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from samtale_cli.core import values as v
from samtale_cli.model.common import People
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.wordread import Cell, Para, Table, paragraphs_markdown
from samtale_cli.wordin.sheet import is_sheet
from samtale_cli.wordin.common import (
    CLOCK_SPAN,
    cell_paras,
    cell_text,
    clock_of,
    column_map,
    duration_of,
    fold,
    row_fields,
    strip_number,
    unplaced,
)

AGENDA_HEADER = {
    "nr": "nr", "nummer": "nr", "pkt": "nr",
    "tid": "tid", "tidspunkt": "tid", "kl": "tid", "klokken": "tid", "varighed": "tid", "minutter": "tid", "tidsforbrug": "tid",
    "emne": "emne", "punkt": "emne", "dagsordenspunkt": "emne", "dagsorden": "emne",
    "maal med punktet": "maal", "maal": "maal", "formaal": "maal", "indhold": "maal", "beskrivelse": "maal",
    "ansvarlig": "ansvarlig", "ansvar": "ansvarlig", "ansvarlige": "ansvarlig", "hvem": "ansvarlig",
}


LONE_CLOCK = re.compile(r"(?i)(?:kl\.?\s*)?\d{1,2}[:.]\d{2}")


def is_agenda(table: Table) -> bool:
    """An agenda table: its header names the topic and one of time, goal, responsible;
    the header is the first row, or comes after section rows ("Den samlede
    deltagerkreds kl. 8.30-10.30") above it."""
    return header_index(table) is not None


def is_agenda_header(row: list[Cell]) -> bool:
    names = set(column_map(row, AGENDA_HEADER).values())
    return "emne" in names and len(names & {"tid", "maal", "ansvarlig"}) >= 1


def header_index(table: Table) -> int | None:
    """The index of the agenda header row: the first row, or the first after up to two
    section rows."""
    for k, row in enumerate(table.rows[:3]):
        if is_agenda_header(row):
            return k
        if section_row(row) is None:
            return None
    return None


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
    unread: bool = False  # a cell under an unknown header: its time may be there




class AgendaReading:
    """The agenda rows, read into :attr:`items`. The reader that uses this part keeps
    ``items``, ``parts`` (the tidsramme's parts), ``people`` and ``last_row_sub`` and
    has ``note(text)`` for what cannot be placed."""

    items: list[Item]
    parts: list[dict[str, Any]]
    people: list[dict[str, Any]]
    last_row_sub: bool
    landmarks: list[str]  # pejlemærker the minutes list
    unmapped: dict[int, str]  # grid column -> the name of a header that names no field
    end: dt.time | None  # when the meeting ends, if the document says so

    def note(self, text: str) -> None:
        raise NotImplementedError

    def read_agenda(self, tables: list[tuple[str | None, Table]]) -> None:
        if not tables:
            return
        current_part = self.parts[0]["del"] if self.parts else None
        mapping: dict[int, str] = {}
        own = False
        foreign = False
        first_header = tables[0][1].rows[header_index(tables[0][1]) or 0]
        for k, (caption, table) in enumerate(tables):
            rows = table.rows
            current_part = self._caption_part(caption, k) or current_part
            at = header_index(table)
            if at is not None:
                mapping = column_map(rows[at], AGENDA_HEADER)
                self._header_text(rows[at])
                self.unmapped = unmapped_columns(rows[at], mapping)
                own = at == 0 and tuple(c.text for c in rows[0]) == wf.AGENDA_COLUMNS
                foreign = foreign or not own
                for row in rows[:at]:  # section rows above the header
                    current_part = self._section_part(section_row(row) or "")
                rows = rows[at + 1:]
            for row in rows:
                if same_as_header(row, first_header):
                    continue  # a header repeated after a page break
                heading = None if own else section_row(row)
                if heading is not None and not self._pause_row(heading, current_part):
                    current_part = self._section_part(heading)
                if heading is not None:
                    continue
                self._row(row, mapping, own, current_part)
        if foreign:
            lasts_until_next(self.items, self.end)
            self._part_minutes()

    def _unmapped(self, item: Item, row: list[Cell]) -> None:
        """Cells under a header samtale does not know ("Noter", a mistyped "l."): kept as
        comments on the item, under their header's name."""
        col = 0
        for cell in row:
            name = self.unmapped.get(col)
            if name is not None and not cell.continued and cell.lines:
                item.comments.append(f"{name or 'Kolonne'}: {' / '.join(cell.lines)}")
                item.unread = True
            col += cell.span

    def _header_text(self, header: list[Cell]) -> None:
        """What a header cell holds beyond its column's name (a cell merged down into the
        first row, a note typed there) is kept as a comment."""
        for cell in header:
            lines = cell.lines
            if len(lines) > 1 and not cell.continued and fold(" ".join(lines)) not in AGENDA_HEADER:
                self.note(f"{lines[0]}: {' / '.join(lines[1:])}")  # not a name wrapped over two lines

    def _caption_part(self, caption: str | None, k: int) -> str | None:
        """The part a caption above the ``k``-th table names (by title, else by place)."""
        if not caption:
            return None
        key = fold(re.sub(r",\s*kl\..*$|\s*\([^()]*\)\s*$", "", caption))
        for part in reversed(self.parts):  # the last of equal titles, as before
            if fold(part["titel"] or part["del"]) == key:
                return str(part["del"])
        if k and self.parts:
            return str(self.parts[min(k, len(self.parts) - 1)]["del"])
        return None

    def _part_minutes(self) -> None:
        """A section row without a clock span: its part lasts as long as its items; one
        without either and without items is no part (kept as a comment)."""
        for part in list(self.parts):
            if part.get("minutter") is not None or part.get("tid") != "":
                continue
            items = [i for i in self.items if i.part == part["del"]]
            total = sum(i.duration.minutes for i in items if i.duration)
            part["minutter"] = v.Duration(total) if total else None
            if not items and not total:
                self.parts.remove(part)
                self.note(f"Afsnit i dagsordenen uden punkter og tid: {part['titel']}")

    def _pause_row(self, text: str, part: str | None) -> bool:
        """A row across the table that is a pause ("Frokost kl. 11.30-12.00"): an item."""
        title = without_clock(text)
        if not re.fullmatch(r"(?i)(?:frokost|kaffe|pause)\w*(?:\s.*)?", title):
            return False
        item = Item(topic=title, pause=True, part=part, start=clock_of(text) if CLOCK_SPAN.search(text) else None)
        item.duration = span_minutes(text) or duration_of(re.sub(r"(?i)^\D*", "", title))
        self.items.append(item)
        self.last_row_sub = False
        return True

    def _section_part(self, text: str) -> str:
        """The tidsramme part a section row ("Ledelsestimen kl. 10.30-11.30") names: the
        part of that title, or a new one with the minutes of its clock span."""
        title = without_clock(text)
        for part in self.parts:
            if fold(part.get("titel") or "") == fold(title):
                return str(part["del"])
        taken = {p["del"] for p in self.parts}
        key = "ledelse" if "ledelse" in fold(title) else "plenum" if not self.parts else ""
        if not key or key in taken:
            key = next(f"del{n}" for n in range(len(taken) + 1, len(taken) + 3) if f"del{n}" not in taken)
        self.parts.append({"del": key, "titel": title, "minutter": span_minutes(text), "tid": ""})
        return key

    def _row(self, row: list[Cell], mapping: dict[int, str], own: bool, part: str | None) -> None:  # noqa: C901
        visible = [c for c in row if not c.continued]
        texts = [c for c in visible if c.text]
        if not texts:
            return
        first = texts[0]
        if (len(visible) == 1 or len(texts) == 1) and fold(first.paras[0].clean if first.paras else "").startswith(
                "referat") and not first.paras[0].list_kind:
            self._minutes(first, own)
            return
        f = row_fields(row, mapping)
        continued = all(c.continued for c in (f.get("emne") or []))
        nr = cell_text(f.get("nr"))
        topic_paras = [p for p in cell_paras(f.get("emne")) if not p.empty]
        if (continued or not topic_paras and not nr) and self.items:
            self._more(f)
            return
        topic_lines = [line for p in topic_paras for line in p.lines if line]
        topic = " ".join(topic_lines)
        if not topic:
            self.note(unplaced(Table([row])))
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
        times = [line for p in cell_paras(f.get("tid")) for line in p.lines if line]
        durations = []
        for line in times:
            if CLOCK_SPAN.search(line):
                item.start = clock_of(line)
                continue
            d = duration_of(line)
            if not own and LONE_CLOCK.fullmatch(line.strip()) and clock_of(line) is not None:
                item.start = clock_of(line)  # a start only ("9.00" is no 9 min): lasts until the next item's
            elif d is not None:
                durations.append(d)
            else:
                item.comments.append(f"Tid: {line}")
        if not durations:  # only a span of clock times: its length
            spans = [m for line in times for m in [CLOCK_SPAN.search(line)] if m]
            if spans:
                m = spans[0]
                begin, end = int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])
                if end > begin:
                    durations.append(v.Duration(end - begin))
        if not durations and not own:  # "Velkomst (10 min.)"
            item.topic, in_topic = topic_duration(item.topic)
            durations += [in_topic] if in_topic else []
        if durations:
            item.duration = durations[0]
        self._goals(item, cell_paras(f.get("maal")), own, durations[1:])
        responsible = f.get("ansvarlig") or []
        if responsible and all(c.continued and c.above is not None for c in responsible):
            responsible = [c.above for c in responsible if c.above is not None]  # merged down from above
        self._responsible(item, cell_paras(responsible), own)
        if not own:
            self._unmapped(item, row)
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
        self._goals(extra, cell_paras(f.get("maal")), False, [])
        self._responsible(extra, cell_paras(f.get("ansvarlig")), False)
        target.goals += extra.goals
        target.questions += extra.questions
        target.responsible += [r for r in extra.responsible if r not in target.responsible]
        target.comments += extra.comments
        (target if target is last else last).subitems.extend(extra.subitems)  # "10 min. ..." lines in it
        for key, label in (("tid", "Tid"), ("nr", "Nr.")):  # a cell merged across the topic's: kept, not lost
            lines = [line for p in cell_paras([c for c in f.get(key) or [] if not c.continued]) for line in p.lines
                     if line]
            if lines:
                target.comments.append(f"{label} (rækken under): {' / '.join(lines)}")

    def _goals(self, item: Item, paras: list[Para], own: bool, sub_durations: list[v.Duration]) -> None:
        paras = [p for p in paras if not p.empty]
        if own:
            own_goals(item, paras)
            return
        if sub_durations and timed_subitems(item, paras, sub_durations):
            return
        if sub_durations:
            item.comments.append("Underpunkternes tider: " + ", ".join(str(d) for d in sub_durations))
        elif subitems_in_text(item, paras):
            return
        plain_goals(item, paras)
        if item.duration is None:
            duration_in_goals(item)

    def _responsible(self, item: Item, paras: list[Para], own: bool) -> None:
        lines = [line for p in paras for line in p.lines if line]
        if own:
            item.responsible.extend(lines)
            return
        for line in lines:
            found, said_more = responsible_of(line)
            item.responsible.extend(r for r in found if r not in item.responsible)
            if said_more:
                item.comments.append(f"Ansvarlig: {line}")

    def _minutes(self, cell: Cell, own: bool) -> None:
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
        if not own:  # samtale writes its pejlemærker apart from the minutes
            landmarks, body = landmarks_in(body, "pejlemaerke" in fold(what))
            self.landmarks.extend(x for x in landmarks if x not in self.landmarks)
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


def own_goals(item: Item, paras: list[Para]) -> None:
    """Goals, then questions under samtale's own "Spørgsmål" line."""
    questions = False
    for para in paras:
        if para.clean == wf.QUESTIONS and para.list_kind is None:
            questions = True
            continue
        (item.questions if questions else item.goals).extend(para.markdown_lines())


def _entries(holder: Item, para: Para) -> None:
    for entry in (line.strip() for line in para.markdown_lines()):
        if entry:
            (holder.questions if entry.endswith("?") else holder.goals).append(entry)


def timed_subitems(item: Item, paras: list[Para], durations: list[v.Duration]) -> bool:
    """Several times in the time cell: the item's, then one per plain line of the content
    cell (the sub-items); the lists under a sub-item are its goals and questions."""
    if len([p for p in paras if p.list_kind is None]) < len(durations):
        return False
    subs: list[Item] = []
    target: Item | None = None
    for para in paras:
        if para.list_kind is None and len(subs) < len(durations):
            target = Item(topic=para.clean, sub=True, duration=durations[len(subs)], part=item.part)
            subs.append(target)
            continue
        _entries(target or item, para)
    item.subitems.extend(subs)
    return True


_LEAD_DURATION = re.compile(r"(?i)^\s*(?:ca\.?\s*|cirka\s+)?\d+(?:[,.]\d+)?\s*(?:min(?:utter)?|t|timer?)\.?"
                            r"\s*[:–—-]?\s+(?=\S)")
_TAIL_DURATION = re.compile(r"(?i)\s+\(?((?:ca\.?\s*|cirka\s+)?\d+\s*min(?:utter)?\.?)\)?\s*:\s*$")


def lead_duration(line: str) -> tuple[str, v.Duration] | None:
    """A sub-item written in the content cell with its minutes: "10 min. Dagtilbudsleder
    præsenterer data" or "Egenrefleksion 5 min:" -> (its topic, its minutes)."""
    m = _LEAD_DURATION.match(line)
    if m:
        found = duration_of(m[0].rstrip(" :–—-"))
        return (line[m.end():].strip(), found) if found else None
    m = _TAIL_DURATION.search(line)
    if m and line[:m.start()].strip():
        found = duration_of(m[1])
        return (line[:m.start()].strip(), found) if found else None
    return None


def subitems_in_text(item: Item, paras: list[Para]) -> bool:
    """Plain lines of the content cell that begin with minutes are the item's sub-items
    (what stands under one is its goals and questions; what stands before the first is
    the item's)."""
    if not any(p.list_kind is None and p.lines and lead_duration(p.lines[0]) for p in paras):
        return False
    before: list[Para] = []
    target: Item | None = None
    for para in paras:
        found = lead_duration(para.lines[0]) if para.list_kind is None and para.lines else None
        if found is None:
            if target is None:
                before.append(para)
            else:
                _entries(target, para)
            continue
        target = Item(topic=found[0], sub=True, duration=found[1], part=item.part)
        item.subitems.append(target)
        for line in para.lines[1:]:
            if line.strip():
                (target.questions if line.strip().endswith("?") else target.goals).append(line.strip())
    plain_goals(item, before)
    return True


def plain_goals(item: Item, paras: list[Para]) -> None:
    """Goals and questions (a question ends in '?', or stands under "Spørgsmål")."""
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
                item.goals.append(strip_number(entry))


def duration_in_goals(item: Item) -> None:
    """A content cell that holds only the item's minutes ("ca. 10 min." beside a pause):
    the item's duration, not a goal."""
    for k, goal in enumerate(item.goals):
        found = duration_of(goal) if re.fullmatch(r"(?i)[\w\s.,½]{1,25}", goal) else None
        if found is not None:
            item.duration = found
            del item.goals[k]
            return


_LANDMARK = re.compile(r"(?i)^\s*(?:\d{1,2}[.)]\s+)?vi\s+(?:vil|skal|arbejder|ønsker)\b")


def landmarks_in(body: list[Para], called: bool) -> tuple[list[str], list[Para]]:
    """The pejlemærker in minutes: the numbered, bulleted or "Vi vil ..." lines right after
    a line that calls them pejlemærker ("... enige i de tre pejlemærker:"), or anywhere
    in minutes headed so (``called``). Returns them and the other paragraphs."""
    found: list[str] = []
    rest: list[Para] = []
    after = called
    for para in body:
        lines = [line.strip() for line in para.lines if line.strip()]
        numbered = all(re.match(r"^\d{1,2}[.)]\s+\S", line) or _LANDMARK.match(line) for line in lines)
        if after and lines and (para.list_kind is not None or numbered):
            found.extend(strip_number(line) for line in lines)
            continue
        after = called or "pejlemaerke" in fold(para.clean)
        rest.append(para)
    return found, rest


def unmapped_columns(header: list[Cell], mapping: dict[int, str]) -> dict[int, str]:
    """The grid columns (where a cell starts) of a header that names no field, and their names."""
    found: dict[int, str] = {}
    col = 0
    for cell in header:
        if not any(k in mapping for k in range(col, col + cell.span)):
            found[col] = " ".join(cell.lines)
        col += cell.span
    return found


def topic_duration(topic: str) -> tuple[str, v.Duration | None]:
    """"Velkomst (ca. 10 min.)" -> ("Velkomst", 10 min); a topic without one as it is."""
    m = re.search(r"\s*\(([^()]*\d[^()]*)\)\s*$", topic)
    unit = m is not None and re.search(r"(?i)[\d½]\s*(?:min|minutter|t|timer?)\b", m[1])
    found = duration_of(m[1]) if m and unit else None
    if m is None or found is None or not topic[:m.start()].strip():
        return topic, None
    return topic[:m.start()].strip(), found


def without_clock(text: str) -> str:
    """A section row's title: its text without "kl. 8.30-10.30" or "(kl. 8.30-10.30)"."""
    title = re.sub(r"\s*\(?\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\s*\)?", " ", text)
    return " ".join(title.split()).strip(" ,:;-–") or text


def span_minutes(text: str) -> v.Duration | None:
    """The length of the first clock span in ``text`` ("kl. 10.30-11.30" -> 60 min)."""
    span = CLOCK_SPAN.search(text)
    if not span:
        return None
    begin, end = int(span[1]) * 60 + int(span[2]), int(span[3]) * 60 + int(span[4])
    return v.Duration(end - begin) if end > begin else None


def lasts_until_next(items: list[Item], end: dt.time | None) -> None:
    """Items with only a start ("8.30") last until the next item's start; the last one
    until the meeting's ``end``."""
    for k, item in enumerate(items):
        if item.duration is not None or item.start is None:
            continue
        following = next((i.start for i in items[k + 1:] if i.start is not None), end)
        if following is None:
            continue
        minutes = (following.hour * 60 + following.minute) - (item.start.hour * 60 + item.start.minute)
        if minutes > 0:
            item.duration = v.Duration(minutes)


def section_row(row: list[Cell]) -> str | None:
    """The text of a section row: one cell across the table (merged, or the only one with
    text while spanning), not a "Referat ..." row."""
    visible = [c for c in row if not c.continued]
    texts = [c for c in visible if c.text]
    if len(texts) != 1 or (len(visible) > 1 and texts[0].span == 1) or len(row) < 1:
        return None
    if len(visible) == 1 and visible[0].span == 1:
        return None
    text = " ".join(texts[0].lines)
    if fold(text).startswith("referat") or len(text) > 120:
        return None
    return text


def attendance_of(text: str) -> str:
    """A participant's fremmøde as Word has it ("afbud", "Meldt afbud", "fraværende");
    anything else is 'mødt'."""
    folded = fold(text)
    if "afbud" in folded:
        return "afbud"
    if folded.startswith("fravaer") or folded in ("nej", "udeblev"):
        return "fraværende"
    return "mødt"


def is_part_caption(text: str) -> bool:
    return bool(re.search(r"\(\s*(?:ca\.\s*)?\d+[^()]*\)\s*$", text)) and len(text) < 160


def continues(table: Table, previous: Table) -> bool:
    """A table without a header right after an agenda table, with as many columns: the
    rest of it (Word split it, or a person did); never an attention-point sheet's table."""
    return table.columns == previous.columns and not is_agenda(table) and not is_sheet(table)


def same_as_header(row: list[Cell], header: list[Cell]) -> bool:
    return [fold(c.text) for c in row] == [fold(c.text) for c in header]


def only_roles(text: str) -> bool:
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


def responsible_of(line: str) -> tuple[list[str], bool]:
    """The names and roles one responsible line holds, split as ``check`` splits one text
    (",", " og ", " + ", "/", " & "; never "børn og unge-chef"), a role found in prose
    ("Faciliteres af konsulent", "De pædagogiske ledere"); and whether the line said
    more than those (then it is kept as a comment too)."""
    found: list[str] = []
    more = False
    for piece in split_people(line):
        piece = piece.strip(" .")
        if not piece:
            continue
        if v.canonical_role(piece) or fold(piece) == "alle":
            found.append(piece)
            continue
        roles = responsible_from_text(piece)
        if roles:
            found.extend(roles)
            more = more or not only_roles(piece)
            continue
        found.append(piece)
    unique = list(dict.fromkeys(found))
    return unique, more and fold(line) not in {fold(r) for r in unique}


def split_people(line: str) -> list[str]:
    """``line`` split as the model splits a text written under ``ansvarlig``."""
    try:
        value = TypeAdapter(People).validate_python(line)
    except ValidationError:
        return [line]
    return [str(x) for x in value]


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


