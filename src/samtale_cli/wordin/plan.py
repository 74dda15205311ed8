"""The Word reader of an action plan (indsats): the plan's questions ("Hvad vil vi
opnå?", "Hvorfor ...", fremmere, hæmmere, evaluering, relevans) as headings, bold lines
or list items with the answers under them; evaluations under dated headings; phases as
samtale writes them (a table, then a heading per phase with milestones and recurring
meetings) or as people do ("Fase 1: ... fra 15/6 til 1/9 2021", a table of phases).

``read(src, where)`` is this kind's reader (``kinds.hook(kinds.PLAN, "reader")``);
see :mod:`samtale_cli.wordin.importer` for the signature every reader shares.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from samtale_cli.check.loader import MAX_DIGITS
from samtale_cli.core import kinds
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


def plan_section(text: str) -> str | None:
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
        if title and plan_section(title) is None:
            fields["titel"] = re.sub(r"^indsatsplan\s*:\s*", "", title, flags=re.I).strip()
        else:
            at = -1
        section: str | None = None
        section_level = -1
        collected: list[Para | Table] = []
        by_headings = any(isinstance(b, Para) and b.heading and plan_section(b.clean) for b in self.src.blocks)
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
                key = plan_section(block.clean) if len(block.clean) < 120 else None
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
        paras = section_paras(blocks)
        for table in (b for b in blocks if isinstance(b, Table)):
            self.comments.setdefault(key, []).append(unplaced(table))
        if key == "relevans":
            if under_item:  # the answers' bullets only mark them as answers
                paras = [Para(p.segments, p.style, None, None, 0, 0) for p in paras]
            text = paragraphs_markdown(paras)
            if text:
                self.sections["relevans"] = text + "\n"
            return
        entries = section_entries(paras)
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
    reader = PlanReader(src)
    data = reader.read()
    target = where.target(kinds.PLAN, title=data.get("titel", ""), department=data.get("afdeling", ""))
    return Reading(data, target, reader.mapped)
