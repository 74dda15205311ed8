"""The Word reader of a læringssamtale: an agenda (with or without minutes), written
by ``samtale render`` or by people. Labelled lines ("Dato: ..."), sections under their
headings (or bold lines: Formål, Deltagere, Aftaler ...) and the agenda table
(:mod:`samtale_cli.wordin.agenda`).

``read(src, where)`` is this kind's reader (``kinds.hook(kinds.MEETING, "reader")``);
every kind's reader has this signature (see :mod:`samtale_cli.wordin.importer`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.yamlout import Comment
from samtale_cli.model import AGREEMENT_STATES
from samtale_cli.out.wordread import Para, Table, paragraphs_markdown
from samtale_cli.wordin.agenda import (
    AgendaReading,
    Item,
    attendance_of,
    continues,
    is_agenda,
    is_part_caption,
    people_from_text,
    responsible_of,
)
from samtale_cli.wordin.importer import destination
from samtale_cli.wordin.common import (
    with_themes,
    CLOCK_SPAN,
    Reading,
    Source,
    Where,
    cell_paras,
    cell_text,
    clock_of,
    duration_of,
    first_date,
    fold,
    inline_lines,
    label_of,
    section_paras,
    segment,
    table_rows,
    unplaced,
)

PARTS_HEADER = {"del": "del", "titel": "titel", "tid": "tid", "varighed": "varighed"}
PEOPLE_HEADER = {"navn": "navn", "rolle": "rolle", "funktion": "rolle", "stilling": "rolle", "titel": "rolle",
                 "afdeling": "afdeling", "institution": "afdeling", "enhed": "afdeling", "dele": "dele",
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


def section_of(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    folded = fold(text)
    folded = re.sub(r"\s*\d+$", "", folded)  # "Deltagere (28)"
    for start, key in table:
        if folded == start or folded.startswith(start + " ") or (len(start) > 6 and folded.startswith(start)):
            return key
    return None


class MeetingReader(AgendaReading):
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
        self.absent: list[dict[Any, Any]] = []  # "Afbud: ..." people not listed otherwise
        self.end: dt.time | None = None  # the meeting's end ("kl. 8.30-11.30")
        self.unmapped: dict[int, str] = {}  # agenda columns under a header samtale does not know
        self.people_written = False  # the document has a participants section
        self.landmarks: list[str] = []  # pejlemærker listed in the minutes

    def note(self, text: str) -> None:
        if text.strip():
            self.comments.setdefault(self.anchor, []).append(text)

    def read(self) -> dict[Any, Any]:  # noqa: C901
        blocks = self.src.blocks
        title, at = self.src.title()
        title = re.sub(r"^(referat|dagsorden)\s*:\s*", "", title or "", flags=re.I).strip() or None
        section: str | None = None
        captions: list[str] = []
        agenda_tables: list[tuple[str | None, Table]] = []
        pending: list[Para | Table] = []
        by_headings = any(isinstance(b, Para) and b.heading and section_of(b.clean, MEETING_SECTIONS)
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
                if not self.src.own and self._foreign_line(block, section, not agenda_tables):
                    continue
                header = block.heading if by_headings else (block.heading or block.bold)
                header = header or (not self.src.own and plain_header(block))
                key = section_of(block.clean.rstrip(":"), MEETING_SECTIONS) if header else None
                if key is not None and not label_of(block, MEETING_LABELS):
                    flush()
                    section = key
                    self.anchor = key
                    continue
                labelled = label_of(block, MEETING_LABELS)
                if labelled and section not in ("læringsfokus", "formål", "mål"):
                    self._label(*labelled)
                    continue
                if block.caption or (section == "dagsorden" and is_part_caption(block.clean)):
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
                continued = section in (None, "dagsorden") and agenda_tables and continues(block, agenda_tables[-1][1])
                if is_agenda(block) or continued:
                    agenda_tables.append((captions[-1] if captions else None, block))
                    captions.clear()
                    self.anchor = "dagsorden"
                    continue
                pending.append(block)
        flush()
        if title:
            self.data["titel"] = title
        self.read_agenda(agenda_tables)
        return self._assemble()

    # --- labelled lines and sections

    def _end(self, text: str) -> None:
        span = CLOCK_SPAN.search(text)
        if span and int(span[3]) <= 23 and int(span[4]) <= 59:
            self.end = dt.time(int(span[3]), int(span[4]))

    def _foreign_line(self, para: Para, section: str | None, before_agenda: bool) -> bool:
        """Lines of documents people wrote: "Afbud: ...", "Deltagere: Navn (rolle), ...",
        and before the agenda a prose line with the date, time and place."""
        if self._absent(para) or self._inline_people(para):
            return True
        return section is None and before_agenda and self._prose_when(para)

    def _inline_people(self, para: Para) -> bool:
        """"Deltagere: Navn (rolle, afdeling), Navn – rolle, ..." on one line."""
        m = re.match(r"(?i)^\s*deltagere\s*:\s*(\S.*)$", para.clean)
        if not m or para.heading:
            return False
        self.people_written = True
        pieces = [x.strip(" .") for x in re.split(r"\s*(?:,|;|\bog\b)\s*(?![^()]*\))", m[1]) if x.strip(" .")]
        people = [person_of_line(x) for x in pieces]
        if all(people):
            self.people.extend(x for x in people if x)
            return True
        found, left = people_from_text(m[1])
        self.people.extend(found)
        if left:
            self.comments.setdefault("deltagere", []).append(f"Deltagere: {left}")
        return True

    def _absent(self, para: Para) -> bool:
        """"Afbud: Navn, Navn": those people, fremmøde afbud (their role when listed)."""
        m = re.match(r"(?i)^\s*(?:(?:meldt\s+)?afbud\s*(?:fra)?|(?P<away>fraværende|udeblev))\s*:\s*(?P<who>.+)$",
                     para.clean)
        if not m:
            return False
        attendance = "fraværende" if m["away"] else "afbud"
        names = re.split(r"\s*(?:,|;|\bog\b)\s*(?![^()]*\))", m["who"])  # not inside "(rolle, afdeling)"
        for name in [n.strip(" .") for n in names if n.strip(" .")]:
            found, _ = people_from_text(name)
            person = person_of_line(name) or (found[0] if found else {"navn": name})
            if "rolle" not in person:
                person[Comment("rolle: stod ikke ved navnet under Afbud/Fraværende i Word-dokumentet; skriv den her.")] = None
            person["fremmøde"] = attendance
            self.absent.append(person)
        return True

    def _absentees(self) -> list[dict[Any, Any]]:
        """The "Afbud:" people not listed among the participants; the listed ones are
        marked afbud where they stand."""
        listed = {fold(p["navn"]): p for p in self.people}
        new = []
        for person in self.absent:
            known = listed.get(fold(person["navn"]))
            if known is None:
                new.append(person)
            else:
                known["fremmøde"] = person["fremmøde"]
        return new

    def _prose_when(self, para: Para) -> bool:
        """"Onsdag den 12. marts 2025 kl. 8.30-11.30 i Solsidens personalestue, Skolevej 4":
        dato, start and sted, when none of them is known yet."""
        if "dato" in self.data or len(para.clean) > 200:
            return False
        labelled = label_of(para, MEETING_LABELS)
        if labelled and labelled[0] not in ("dato", "tid", "sted"):
            return False  # "Næste møde: 20. maj 2025 kl. 9.00"
        m = re.search(r"(?i)\bkl\.?\s*\d{1,2}(?:[:.]\d{2})?(?:\s*[-–—]\s*\d{1,2}(?:[:.]\d{2})?)?", para.clean)
        day = first_date(para.clean[:m.start()]) if m else None
        if day is None or m is None:
            return False
        self.data["dato"] = day
        self._end(m[0])
        start = clock_of(m[0])
        if start is not None:
            self.data.setdefault("start", start)
        place = re.match(r"^\s*[,;]?\s*(?:(?:i|på)\s+)?(\S.*?)\.?\s*$", para.clean[m.end():])
        if place and "sted" not in self.data:
            self.data["sted"] = place[1]
        return True

    def _label(self, key: str, value: str) -> None:
        if key in ("dato", "næste_møde"):
            d = first_date(value)
            if d:
                self.data[key] = d
            else:
                self.note(f"{key.capitalize().replace('_', ' ')}: {value}")
        elif key == "tid":
            self._end(value)
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
        paras = section_paras(blocks)
        tables = [b for b in blocks if isinstance(b, Table)]
        rest: list[Para | Table] = []
        if section == "læringsfokus":
            self.data["læringsfokus"] = " ".join(p.markdown for p in paras)
        elif section in ("formål", "mål"):
            self.data[section] = paragraphs_markdown(paras) + "\n"
        elif section == "pejlemærker":
            self.data[section] = with_themes(inline_lines(paras))
        elif section in ("kernebegreber", "beslutninger"):
            self.data[section] = inline_lines(paras)
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
            self.note(unplaced(block))

    def _parts_table(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        rest: list[Para | Table] = list(paras)
        for f in table_rows(tables, PARTS_HEADER, {"del"}, rest):
            if cell_text(f.get("del")):
                self.parts.append({"del": cell_text(f.get("del")), "titel": cell_text(f.get("titel")) or None,
                                   "minutter": duration_of(cell_text(f.get("varighed"))), "tid": cell_text(f.get("tid"))})
        return rest

    def _roles(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        rest: list[Para | Table] = list(paras)
        roles: dict[str, str] = {}
        for f in table_rows(tables, ROLES_HEADER, {"rolle", "opgave"}, rest):
            if cell_text(f.get("rolle")):
                roles[cell_text(f.get("rolle"))] = paragraphs_markdown(cell_paras(f.get("opgave"))) + "\n"
        if roles:
            self.data["roller"] = roles
        return rest

    def _people(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        self.people_written = True
        rest: list[Para | Table] = []
        for f in table_rows(tables, PEOPLE_HEADER, {"navn", "rolle"}, rest):
            if not cell_text(f.get("navn")):  # no name (merged away): what the row holds is kept
                keep_row(f, rest)
                continue
            person: dict[str, Any] = {"navn": cell_text(f.get("navn")), "rolle": cell_text(f.get("rolle"))}
            if cell_text(f.get("afdeling")):
                person["afdeling"] = cell_text(f.get("afdeling"))
            parts = cell_text(f.get("dele"))
            if parts:
                person["dele"] = [x.strip() for x in parts.split(",") if x.strip()]
            attendance = attendance_of(cell_text(f.get("fremmøde")))
            if attendance != "mødt":
                person["fremmøde"] = attendance
            self.people.append(person)
        for para in paras:  # "Navn, rolle[, afdeling]" a line each, or one after the other
            for line in para.lines:
                person = None if self.src.own else person_of_line(line)
                if person is not None:
                    self.people.append(person)
                    continue
                found, left = people_from_text(line)
                self.people.extend(found)
                if left:
                    rest.append(Para([segment(left)]))
        return rest

    def _agreements(self, tables: list[Table], paras: list[Para]) -> list[Para | Table]:
        """The table of agreements: what, who (a line each), department, deadline and
        status ("udført (10. juni 2025)" holds the day it was done)."""
        rest: list[Para | Table] = list(paras)
        found = []
        for f in table_rows(tables, AGREEMENT_HEADER, {"hvad"}, rest):
            what = paragraphs_markdown(cell_paras(f.get("hvad")))
            if not what:
                keep_row(f, rest)
                continue
            entry: dict[str, Any] = {"hvad": what}
            lines = [line for p in cell_paras(f.get("ansvarlig")) for line in p.lines if line]
            entry["ansvarlig"] = lines if self.src.own else [who for line in lines for who in responsible_of(line)[0]]
            deadline_of(cell_text(f.get("frist")), entry)
            status_text = cell_text(f.get("status"))
            status = next((s for s in AGREEMENT_STATES if fold(status_text).startswith(fold(s))), None)
            if status:
                entry["status"] = status
            elif status_text:
                entry[Comment(f"status: {status_text}")] = None
            if cell_text(f.get("afdeling")):
                entry["afdeling"] = cell_text(f.get("afdeling"))
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
        for f in table_rows(tables, DATA_HEADER, {"data"}, rest):
            if not cell_text(f.get("data")):
                keep_row(f, rest)
                continue
            entry: dict[str, Any] = {"titel": cell_text(f.get("data"))}
            if fold(cell_text(f.get("obligatorisk"))) in ("ja", "x", "obligatorisk"):
                entry["obligatorisk"] = True
            for key in ("kilde", "fil"):
                if cell_text(f.get(key)):
                    entry[key] = cell_text(f.get(key))
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
        if self.people or self.absent:
            out["deltagere"] = self.people + self._absentees()
        elif self.people_written:
            out[Comment("deltagere: kunne ikke læses som navn og rolle (se herunder); skriv dem her.")] = None
        else:
            out[Comment("deltagere: fandtes ikke i Word-dokumentet; skriv dem her.")] = None
        self._after(out, "deltagere")
        if "datagrundlag" in d:
            out["datagrundlag"] = d["datagrundlag"]
        self._after(out, "datagrundlag")
        several = len(parts) > 1
        out["dagsorden"] = [self._item(item, several) for item in self.items]
        self._after(out, "dagsorden")
        if self.landmarks:  # from the minutes; after those of a section of their own
            listed = d.get("pejlemærker") or []
            seen = {fold(str(y.get("tekst", "")) if isinstance(y, dict) else y) for y in listed}
            d["pejlemærker"] = listed + [x for x in self.landmarks if fold(x) not in seen]
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
        elif item.unread or any(c.startswith("Tid: ") for c in item.comments):
            out[Comment("minutter: kunne ikke læses af tiden ovenfor")] = None
        elif item.start is not None:
            out[Comment(f"minutter: kun starttiden kl. {item.start:%H:%M} stod i Word-dokumentet")] = None
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




def keep_row(fields: dict[str, Any], rest: list[Para | Table]) -> None:
    """A table row without its first field (merged into the row above): what its other
    cells hold goes to ``rest``, to be kept as a comment."""
    texts = [cell_text([c for c in cells if not c.continued]) for cells in fields.values()]
    if any(texts):
        rest.append(Para([segment(" | ".join(t for t in texts if t))]))


def deadline_of(text: str, entry: dict[Any, Any]) -> None:
    """An agreement's ``frist`` as Word has it: a date, or a week ("uge 16", "Uge 16
    2025"); anything else is kept as a comment on the agreement, never dropped."""
    if not text.strip():
        return
    deadline = first_date(text)
    week = re.fullmatch(r"(?i)(?:i\s+|senest\s+)?uge\s*(\d{1,2})(?:[\s,]+(\d{4}))?\.?", text.strip())
    if deadline:
        entry["frist"] = deadline
    elif week:
        entry["frist"] = f"uge {int(week[1])}" + (f" {week[2]}" if week[2] else "")
    else:
        entry[Comment(f"frist: {text.strip()} (ikke en dato; skriv fx 14/6 2025 eller uge 16)")] = None


def plain_header(para: Para) -> bool:
    """A plain line that opens a section: "Deltagere:" (a few words and a colon)."""
    return para.clean.endswith(":") and not para.list_kind and len(para.clean.split()) <= 3


def person_of_line(line: str) -> dict[str, Any] | None:
    """"Navn (rolle, afdeling)" or "Navn – rolle[, afdeling]", when the role is one."""
    m = re.match(r"^\s*(?P<name>[^()–—]+?)\s*\((?P<rest>[^()]+)\)\s*\.?$", line) or re.match(
        r"^\s*(?P<name>[^–—,]+?)\s+[–—-]\s+(?P<rest>.+?)\s*\.?$", line)
    if not m:
        return None
    fields = [f.strip() for f in m["rest"].split(",") if f.strip()]
    if not fields or not v.canonical_role(fields[0]) or len(fields) > 2:
        return None
    person: dict[str, Any] = {"navn": m["name"].strip(), "rolle": fields[0]}
    if len(fields) == 2:
        person["afdeling"] = fields[1]
    return person


def read(src: Source, where: Where) -> Reading:
    """The læringssamtale in ``src``, to be written where the workspace keeps meetings
    (named by its date and title, :func:`samtale_cli.wordin.importer.destination`)."""
    reader = MeetingReader(src)
    data = reader.read()
    target = destination(kinds.MEETING, where, date=data.get("dato"), title=data.get("titel", ""))
    return Reading(data, target, reader.mapped)
