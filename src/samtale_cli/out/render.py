"""Rendering: from a checked model to Markdown, HTML and PDF through Jinja templates.

The templates know nothing of YAML or of the models: this module builds a plain view
(dicts, lists and strings) for each document and hands it to a template named
``<dokument>.<md|html>.j2``. Templates are looked up first in the folder given with
``--skabeloner``, then among the built-in ones. All rendering runs in Jinja's sandbox;
HTML is autoescaped, and free text written as Markdown is turned into HTML by
markdown-it-py with raw HTML switched off (so it comes out escaped).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from samtale_cli.out import markdown
from samtale_cli.core import kinds
from samtale_cli import model as m
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import HTML_MARK, PDF_ID_PREFIX, TEXT_MARK, check_inside, check_output, leads_inside, write_atomic
from samtale_cli.core.kinds import FORMATS, RENDERINGS

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked

__all__ = ["FORMATS", "Renderer", "build_view", "load", "site_pages"]


def renderings_for(model: Any) -> tuple[str, ...]:
    """The documents a model can be rendered as (the kinds table); the first is the default."""
    return kinds.kind_of(model).renderings


def load(path: Path) -> Checked:
    """One file through the pipeline, ready to render (a usage error when it is not)."""
    from samtale_cli.check.runs import run

    from samtale_cli.check.runs import with_referrers

    path = path.resolve()
    result = run([path], path.parent, documents=True)
    if not result.documents:
        raise SamtaleError(f"'{path.name}' kan ikke laves; kør 'samtale check' på den.", 1)
    return with_referrers(result.documents[0], path.parent)


# --------------------------------------------------------------------- views


def _clock(t: dt.time | None) -> str | None:
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


def _add(t: dt.time | None, minutes: int) -> dt.time | None:
    return None if t is None else v.format_minutes_clock(t, minutes)


def _span(start: dt.time | None, minutes: int) -> str | None:
    return None if start is None else f"{_clock(start)}–{_clock(_add(start, minutes))}"


def _minute_of_day(t: dt.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def _daycare(meeting: m.Meeting, workspace: m.Workspace | None) -> str | None:
    return meeting.daycare or (workspace.daycare if workspace else None)


def meeting_view(meeting: m.Meeting, workspace: m.Workspace | None = None) -> dict[str, Any]:
    """Everything the dagsorden and referat templates show."""
    total = sum(part.minutes.minutes for part in meeting.parts)
    parts = []
    part_start = meeting.start
    part_minute = _minute_of_day(meeting.start)  # minutes since midnight, not wrapped
    number = 0
    for part in meeting.parts:
        offset = 0
        items = []
        for index, item in enumerate(meeting.agenda):
            if meeting.part_of(item) != part.id:
                continue
            start = _add(part_start, offset)
            start_minute = None if part_minute is None else part_minute + offset
            offset += item.minutes.minutes
            if not item.pause:
                number += 1
            items.append({
                "index": index,  # in the file's dagsorden
                "start_minute": start_minute,
                "end_minute": None if start_minute is None else start_minute + item.minutes.minutes,
                "minutes": item.minutes.minutes,
                "number": None if item.pause else number,
                "pause": item.pause,
                "topic": item.topic,
                "duration": str(item.minutes),
                "start": _clock(start),
                "end": _clock(_add(start, item.minutes.minutes)),
                "time": _span(start, item.minutes.minutes),
                "responsible": list(item.responsible),
                "goals": list(item.goals),
                "questions": list(item.questions),
                "subitems": [
                    {
                        "index": k - 1,
                        "number": f"{number}.{k}" if not item.pause else None,
                        "topic": sub.topic,
                        "duration": str(sub.minutes) if sub.minutes is not None else None,
                        "responsible": list(sub.responsible),
                        "goals": list(sub.goals),
                        "questions": list(sub.questions),
                        "minutes_text": sub.minutes_text,
                    }
                    for k, sub in enumerate(item.subitems, 1)
                ],
                "minutes_text": item.minutes_text,
            })
        parts.append({
            "id": part.id,
            "name": part.title,  # as written (None when the file has none)
            "title": part.title or part.id,
            "duration": str(part.minutes),
            "time": _span(part_start, part.minutes.minutes),
            "items": items,
        })
        part_start = _add(part_start, part.minutes.minutes)
        if part_minute is not None:
            part_minute += part.minutes.minutes

    part_titles = {part.id: part.title or part.id for part in meeting.parts}
    groups: dict[str, list[dict[str, Any]]] = {}
    present: dict[str, list[dict[str, Any]]] = {}
    away: dict[str, list[dict[str, Any]]] = {state: [] for state in m.ATTENDANCE[1:]}
    for p in meeting.participants:
        shown_parts = [part_titles.get(meeting.part_named(x) or x, x) for x in p.parts] if p.parts is not None else []
        if len(shown_parts) == len(meeting.parts):
            shown_parts = []  # all parts: nothing to say
        person = {"name": p.name, "role": p.role, "parts": shown_parts, "department": p.department}
        groups.setdefault(p.department or "", []).append(person)
        if p.attendance == "mødt":
            present.setdefault(p.department or "", []).append(person)
        else:
            away[p.attendance].append(person)
    participants = _grouped(groups)

    return {
        "title": meeting.title,
        "daycare": _daycare(meeting, workspace),
        "date": v.format_date_long(meeting.date),
        "date_iso": meeting.date.isoformat(),
        "start": _clock(meeting.start),
        "end": _clock(_add(meeting.start, total)),
        "time": _span(meeting.start, total),
        "duration": str(v.Duration(total)),
        "place": meeting.place,
        "focus": meeting.focus,
        "purpose": meeting.purpose,
        "goal": meeting.goal,
        "key_concepts": list(meeting.key_concepts),
        "parts": parts,
        "minutes": minutes_blocks(parts),
        "roles": [{"role": role, "text": text} for role, text in meeting.roles.items()],
        "participants": participants,
        "people": [  # in the file's order, for Word's table of participants
            {"name": p.name, "role": p.role, "department": p.department,
             "parts": [meeting.part_named(x) or x for x in p.parts] if p.parts is not None else None,
             "attendance": p.attendance}
            for p in meeting.participants
        ],
        "participant_count": len(meeting.participants),
        "present": _grouped(present),  # who came, by department
        "present_count": sum(len(people) for people in present.values()),
        "apologies": away["afbud"],
        "absent": away["fraværende"],
        "data": [
            {"title": d.title, "mandatory": d.mandatory, "source": d.source, "file": d.file}
            for d in meeting.data
        ],
        "secretary": meeting.secretary,
        "decisions": list(meeting.decisions),
        "landmarks": list(meeting.landmarks),
        "agreements": [agreement_view(a) for a in meeting.agreements],
        "next_meeting": v.format_date_long(meeting.next_meeting) if meeting.next_meeting else None,
        "next_meeting_iso": meeting.next_meeting.isoformat() if meeting.next_meeting else None,
    }


def _grouped(groups: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """People by department, the shared ones (no department) first."""
    grouped = [{"department": dep or None, "people": people} for dep, people in groups.items()]
    grouped.sort(key=lambda g: g["department"] is not None)
    return grouped


def agreement_view(agreement: m.Agreement) -> dict[str, Any]:
    """One agreement as the referat, Word and the history show it."""
    return {
        "what": agreement.what,
        "responsible": list(agreement.responsible),
        "deadline": v.format_date_short(agreement.deadline) if agreement.deadline else None,
        "deadline_iso": agreement.deadline.isoformat() if agreement.deadline else None,
        "status": agreement.status,
        "department": agreement.department,
        "done": v.format_date_short(agreement.done) if agreement.done else None,
        "done_iso": agreement.done.isoformat() if agreement.done else None,
    }


def minutes_blocks(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The referat in the agenda's order: an item with minutes (its own or a sub-item's)
    is a block of its own; the items between them without minutes are listed briefly
    in one block (``brief``); a pause without minutes is left out."""
    blocks: list[dict[str, Any]] = []
    for part in parts:
        for item in part["items"]:
            if item["minutes_text"] or any(sub["minutes_text"] for sub in item["subitems"]):
                blocks.append({"item": item, "brief": None})
            elif not item["pause"]:
                if not blocks or blocks[-1]["brief"] is None:
                    blocks.append({"item": None, "brief": []})
                blocks[-1]["brief"].append(item)
    return blocks


def agenda_items(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a :func:`meeting_view` in the order they are held, each with its
    part's title."""
    return [{**item, "part": part["title"]} for part in view["parts"] for item in part["items"]]


def numbered_items(meeting: m.Meeting) -> dict[str, tuple[int, int | None]]:
    """Every number the agenda shows (``"3"``, ``"3.1"``) -> where that item stands in
    the file: its index in ``dagsorden`` and, for a sub-item, in its ``punkter``."""
    found: dict[str, tuple[int, int | None]] = {}
    for item in agenda_items(meeting_view(meeting)):
        if item["number"] is None:
            continue
        found[str(item["number"])] = (item["index"], None)
        for sub in item["subitems"]:
            if sub["number"] is not None:
                found[sub["number"]] = (item["index"], sub["index"])
    return found


def meeting_mode_view(
    meeting: m.Meeting, workspace: m.Workspace | None, now: int, step: int | None = None
) -> dict[str, Any]:
    """The meeting mode: every item with its state at ``now`` (minutes since midnight),
    the current item (``step``, 1-based, when the chair has chosen one; else the one the
    clock says), the next item and the minutes left of the current one (negative: over
    time). Without a start time there is no clock: no current item."""
    view = meeting_view(meeting, workspace)
    items = agenda_items(view)
    timed = items and items[0]["start_minute"] is not None
    if timed and now < items[0]["start_minute"] and now + 24 * 60 < items[-1]["end_minute"]:
        now += 24 * 60  # a meeting that goes past midnight
    by_clock = None
    if timed:
        by_clock = next((k for k, it in enumerate(items) if it["start_minute"] <= now < it["end_minute"]), None)
    chosen = step - 1 if step is not None and 1 <= step <= len(items) else None
    current = chosen if chosen is not None else by_clock
    if current is not None:
        upcoming = current + 1
    elif timed and now < items[0]["start_minute"]:
        upcoming = 0
    else:
        upcoming = len(items)
    for k, item in enumerate(items):
        item["step"] = k + 1
        if not timed:
            item["state"] = "nu" if k == current else "senere"
        elif k == current:
            item["state"] = "nu"
        else:
            item["state"] = "forbi" if item["end_minute"] <= now else "senere"
    left = None
    if current is not None and timed:
        left = items[current]["end_minute"] - now
    if not timed:
        status = "Mødet har intet starttidspunkt ('start' i filen), så uret kan ikke vise, hvor I er."
    elif current is not None:
        status = ""
    elif now < items[0]["start_minute"]:
        status = f"Mødet begynder kl. {items[0]['start']}."
    else:
        status = f"Mødet sluttede kl. {items[-1]['end']}."
    return {
        **view,
        "items": items,
        "current": items[current] if current is not None else None,
        "next": items[upcoming] if upcoming < len(items) else None,
        "chosen": chosen is not None,
        "timed": bool(timed),
        "now": f"{now // 60 % 24:02d}:{now % 60:02d}",
        "left": left,
        "status": status,
    }


def _meeting_departments(meeting: m.Meeting) -> list[str]:
    seen: dict[str, str] = {}
    for p in meeting.participants:
        if p.department:
            seen.setdefault(v.department_key(p.department), p.department)
    return list(seen.values())


def sheets_view(
    meeting: m.Meeting, workspace: m.Workspace | None = None, sheet: m.AttentionSheet | None = None,
    existing: Sequence[m.AttentionSheet] = (),
) -> dict[str, Any]:
    """One filled sheet; or, for the meeting, a sheet per department that took part:
    the department's sheet from ``existing`` (the sheets written for this meeting) where
    there is one, else a blank form to fill in."""
    daycare = _daycare(meeting, workspace)
    base = {
        "daycare": daycare,
        "meeting_title": meeting.title,
        "meeting_date": v.format_date_long(meeting.date),
        "meeting_date_iso": meeting.date.isoformat(),
    }

    def filled(sheet: m.AttentionSheet) -> dict[str, Any]:
        return {
            **base,
            "department": sheet.department,
            "decision": [sheet.decision] if sheet.decision else list(meeting.landmarks),
            "worked_with": sheet.worked_with,
            "data_points_to": sheet.data_points_to,
            "points": list(sheet.points),
            "blank": False,
        }

    if sheet is not None:
        sheets = [filled(sheet)]
    else:
        written = {}
        for found in existing:
            written.setdefault(v.department_key(found.department), found)
        sheets = []
        for dep in _meeting_departments(meeting):
            found = written.pop(v.department_key(dep), None)
            sheets.append(filled(found) if found is not None else {
                **base, "department": dep, "decision": list(meeting.landmarks),
                "worked_with": None, "data_points_to": None, "points": [], "blank": True,
            })
        sheets.extend(filled(found) for found in written.values())  # a department not at the meeting (O503)
    title = "Opsamling på opmærksomhedspunkter i egen afdeling"
    if sheet is not None:
        title = f"{title}: {sheet.department}"
    return {**base, "title": title, "sheets": sheets}


# --- the action plan and its timeline ---

TIMELINE = {"width": 800, "label_width": 150, "row": 30, "top": 34, "bottom": 8}
MONTHS_SHORT = [name[:3] for name in v.MONTH_NAMES]


def _phase_bounds(phase: m.Phase) -> tuple[dt.date, dt.date]:
    if phase.start is not None:
        return phase.start, phase.end
    dated = [ms.date for ms in phase.milestones] + [r.first for r in phase.meetings if r.first]
    return min([*dated, phase.end]), phase.end


def _mermaid_label(text: str) -> str:
    return " ".join(text.replace(":", " –").replace(";", ",").replace("#", "nr.").split())


def plan_view(
    plan: m.Plan, workspace: m.Workspace | None = None, today: dt.date | None = None,
    sheet: m.AttentionSheet | None = None,
) -> dict[str, Any]:
    """Every section of the plan, its phases with Danish dates and its timeline, the
    attention points it follows up (``sheet``: the sheet it names), its evaluations."""
    closed = workspace.closed if workspace else None
    phases = []
    for phase in plan.phases:
        start, end = _phase_bounds(phase)
        meetings = []
        for rec in phase.meetings:
            dates = phase.held_dates(rec, closed)
            first = phase.first_date(rec)
            meetings.append({
                "title": rec.title,
                "every": str(rec.every),
                "time": _span(rec.clock, rec.minutes),
                "clock": _clock(rec.clock),
                "length": str(rec.length) if rec.length is not None else None,
                "on_day_off": rec.on_day_off,
                "first": v.format_date_short(first) if first else None,
                "first_iso": first.isoformat() if first else None,
                "dates": [v.format_date_weekday(d) for d in dates],
                "dates_iso": [d.isoformat() for d in dates],
            })
        phases.append({
            "name": phase.name,
            "start": v.format_date_short(phase.start) if phase.start else None,
            "end": v.format_date_short(phase.end),
            "start_iso": start.isoformat(),
            "end_iso": end.isoformat(),
            "description": phase.description,
            "milestones": [
                {"date": v.format_date_short(ms.date), "date_iso": ms.date.isoformat(), "title": ms.title}
                for ms in phase.milestones
            ],
            "meetings": meetings,
        })
    return {
        "title": plan.title,
        "department": plan.department,
        "daycare": workspace.daycare if workspace else None,
        "goals": list(plan.goals),
        "why": list(plan.why),
        "knowledge": list(plan.knowledge),
        "enablers": list(plan.enablers),
        "barriers": list(plan.barriers),
        "evaluation": list(plan.evaluation),
        "relevance": plan.relevance,
        "follows": follow_up_view(plan, sheet),
        "status": plan.status,
        "evaluations": [
            {"date": v.format_date_short(e.date), "date_iso": e.date.isoformat(), "text": e.text}
            for e in plan.evaluations
        ],
        "phases": phases,
        "gantt": _gantt(plan, today, closed),
        "timeline": _timeline(plan, today, closed),
    }


def follow_up_view(plan: m.Plan, sheet: m.AttentionSheet | None) -> dict[str, Any] | None:
    """The attention points a plan follows up: the sheet's file and the points, numbered
    as in the sheet (all of them when the plan names none)."""
    if plan.follows is None:
        return None
    points = list(sheet.points) if sheet is not None else []
    numbers = plan.follows.points or list(range(1, len(points) + 1))
    return {
        "file": plan.follows.file,
        "department": sheet.department if sheet is not None else plan.department,
        "numbers": list(plan.follows.points),
        "points": [{"number": n, "text": points[n - 1]} for n in numbers if 1 <= n <= len(points)],
        "all": not plan.follows.points,
    }


def _gantt(plan: m.Plan, today: dt.date | None, closed: Any = None) -> dict[str, Any]:
    """Rows for a Mermaid gantt chart (end dates exclusive, as Mermaid wants them)."""
    sections: list[dict[str, Any]] = [{"name": "Faser", "tasks": []}]
    milestones: list[dict[str, Any]] = []
    meetings: list[dict[str, Any]] = []
    lo, hi = None, None
    for k, phase in enumerate(plan.phases, 1):
        start, end = _phase_bounds(phase)
        lo, hi = min(lo or start, start), max(hi or end, end)
        sections[0]["tasks"].append({
            "label": _mermaid_label(phase.name), "id": f"fase{k}", "milestone": False,
            "start": start.isoformat(), "end": (end + dt.timedelta(days=1)).isoformat(),
        })
        for ms in phase.milestones:
            milestones.append({"label": _mermaid_label(ms.title), "id": None, "milestone": True,
                               "start": ms.date.isoformat(), "end": "0d"})
        for rec in phase.meetings:
            for d in phase.held_dates(rec, closed):
                meetings.append({"label": _mermaid_label(rec.title), "id": None, "milestone": True,
                                 "start": d.isoformat(), "end": "0d"})
    if milestones:
        sections.append({"name": "Milepæle", "tasks": milestones})
    if meetings:
        sections.append({"name": "Møder", "tasks": meetings})
    if today is not None and lo is not None and lo <= today <= hi:
        sections.append({"name": "I dag", "tasks": [
            {"label": "I dag", "id": None, "milestone": True, "start": today.isoformat(), "end": "0d"}]})
    return {"sections": sections}


# Month labels: font-size 11 in the SVG; a character is at most this wide on average
# (Danish month abbreviations and digits in the usual sans-serif fonts), and labels keep
# this gap between them. Measured in Chromium (tests/test_browser.py checks the boxes).
LABEL_CHAR = 6.4
LABEL_GAP = 8
LABEL_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600)


def month_ticks(lo: dt.date, hi: dt.date, x: Callable[[dt.date], float], right: float) -> list[dict[str, Any]]:
    """A tick at every month (at every year for long spans) from ``lo`` up to ``hi``
    (excluded), and labels on as many as fit without overlapping: every month, else
    every 2nd, 3rd, ... (always the calendar's months: jan, apr, jul, okt), a year
    label alone ("2024") from every 12 months. The year is written on the first label
    and where it changes."""
    months = []
    cursor = dt.date(lo.year, lo.month, 1)
    while cursor < hi:
        months.append(cursor)
        cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    for step in LABEL_STEPS:
        chosen = [k for k, month in enumerate(months) if (month.year * 12 + month.month - 1) % step == 0]
        if not chosen or (chosen[0] != 0 and x(months[chosen[0]]) - x(lo) > 40):
            chosen = [0, *chosen]  # the start gets a label when the first chosen month is far from it
        labels: dict[int, str] = {}
        year = None
        for k in chosen:
            month = months[k]
            if step >= 12:
                labels[k] = str(month.year)
            else:
                labels[k] = MONTHS_SHORT[month.month - 1] + (f" {month.year}" if month.year != year else "")
            year = month.year
        if _labels_fit([(x(max(months[k], lo)) + 2, text) for k, text in labels.items()], right):
            break
    else:  # even one label a decade does not fit (a plan of centuries): the first and nothing else
        labels = {0: str(months[0].year)}
    return [
        {"x": x(max(month, lo)), "label": labels.get(k)}
        for k, month in enumerate(months)
        if len(months) <= 48 or k in labels or month.month == 1  # a line a month, for a few years
    ]


def _labels_fit(labels: list[tuple[float, str]], right: float) -> bool:
    """Whether labels starting at these x positions overlap neither each other nor the
    right edge."""
    end = float("-inf")
    for left, text in labels:
        if left < end + LABEL_GAP:
            return False
        end = left + len(text) * LABEL_CHAR
    return end <= right


def timeline_axis(lo: dt.date, hi: dt.date, left: float, chart: float) -> Callable[[dt.date], float]:
    """x of a day on a chart from ``lo`` (at ``left``) to ``hi`` (``chart`` wide)."""
    days = max((hi - lo).days, 1)

    def x(d: dt.date) -> float:
        return round(left + (d - lo).days / days * chart, 1)

    return x


def _timeline(plan: m.Plan, today: dt.date | None, closed: Any = None) -> dict[str, Any]:
    """Geometry for the SVG timeline: one row per phase, marks for milestones and meetings."""
    g = TIMELINE
    bounds = [_phase_bounds(phase) for phase in plan.phases]
    lo = min(b[0] for b in bounds)
    hi = max(b[1] for b in bounds) + dt.timedelta(days=1)  # the last day is included
    left, chart = g["label_width"], g["width"] - g["label_width"] - 10
    x = timeline_axis(lo, hi, left, chart)

    rows, marks = [], []
    for k, (phase, (start, end)) in enumerate(zip(plan.phases, bounds)):
        y = g["top"] + k * g["row"]
        mid = y + g["row"] / 2
        rows.append({
            "label": phase.name, "y": y, "mid": mid, "x": x(start),
            "width": max(round(x(end + dt.timedelta(days=1)) - x(start), 1), 2),
            "title": f"{phase.name}: {v.format_date_short(start)} – {v.format_date_short(end)}",
        })
        for ms in phase.milestones:
            marks.append({"kind": "milepæl", "x": x(ms.date), "y": mid,
                          "title": f"{v.format_date_short(ms.date)}: {ms.title}"})
        for rec in phase.meetings:
            for d in phase.held_dates(rec, closed):
                marks.append({"kind": "møde", "x": x(d), "y": mid,
                              "title": f"{v.format_date_weekday(d)}: {rec.title}"})
    height = g["top"] + len(rows) * g["row"] + g["bottom"]
    ticks = month_ticks(lo, hi, x, g["width"])

    today_mark = None
    if today is not None and lo <= today < hi:
        today_mark = {"x": x(today), "title": f"I dag: {v.format_date_short(today)}"}
    return {
        "width": g["width"], "height": height, "left": left, "right": left + chart,
        "top": g["top"], "bottom": height - g["bottom"],
        "rows": rows, "marks": marks, "ticks": ticks, "today": today_mark,
        "title": f"Tidslinje: {v.format_date_short(lo)} – {v.format_date_short(hi - dt.timedelta(days=1))}",
    }


def build_view(source: Checked, document: str, today: dt.date | None = None) -> dict[str, Any]:
    """The plain view (dicts, lists, strings) that ``document``'s template shows."""
    model, ws = source.model, source.workspace
    if document in ("dagsorden", "referat"):
        view = meeting_view(model, ws)
    elif document == "opmærksomhedspunkter":
        if isinstance(model, m.Meeting):
            view = sheets_view(model, ws, existing=[c.model for c in source.referring(m.AttentionSheet)])
        else:
            view = sheets_view(source.referenced(m.Meeting), ws, model)
    else:
        view = plan_view(model, ws, today, source.referenced(m.AttentionSheet))
    view["document"] = document
    view["document_label"] = RENDERINGS[document].label
    return view


# --------------------------------------------------------------------- templates


def builtin_template_dirs() -> list[Path]:
    """The installed templates (inside the package), else the repository's ``skabeloner/``."""
    import samtale_cli

    package = Path(samtale_cli.__file__).parent
    return [d for d in (package / "skabeloner", package.parent.parent / "skabeloner") if d.is_dir()]


_HTML_IN_MD = str.maketrans({"<": "&lt;", ">": "&gt;"})


def _md_escape(value: Any) -> Any:
    """Every value in Markdown output: raw HTML from a file (a <script>, an injected
    heading tag) becomes text; Markdown itself (bold, lists) stays."""
    return value.translate(_HTML_IN_MD) if isinstance(value, str) else value


def _md_cell(value: Any) -> str:
    """Text in a Markdown table cell: no pipes, no line breaks."""
    text = " ".join(str(value if value is not None else "").split())
    return text.replace("|", "\\|")


def _md_block(text: Any) -> str:
    return str(text or "").strip()


class _ContainedLoader:
    """Jinja's FileSystemLoader, but a template must be a regular file inside its folder:
    a link named like a template (dagsorden.md.j2 -> /etc/passwd) is no template."""

    def __new__(cls, folder: str) -> Any:
        from jinja2 import FileSystemLoader, TemplateNotFound

        root = os.path.realpath(folder)

        class Loader(FileSystemLoader):
            def get_source(self, environment: Any, template: str) -> Any:
                source, filename, uptodate = super().get_source(environment, template)
                real = os.path.realpath(filename)
                if os.path.islink(filename) or os.path.commonpath([root, real]) != root:
                    raise TemplateNotFound(template)
                return source, filename, uptodate

        return Loader(folder)


@dataclass
class Renderer:
    """Renders views with the sandboxed template environments (one per output format)."""

    templates: Path | None = None
    today: dt.date | None = None
    word_template: bytes | None = None  # --word-skabelon: the Word file's bytes
    _envs: dict[str, Any] = field(default_factory=dict)

    def env(self, fmt: str) -> Any:
        if fmt not in self._envs:
            from jinja2 import ChoiceLoader, FileSystemLoader
            from jinja2.sandbox import SandboxedEnvironment

            dirs = ([self.templates] if self.templates else []) + builtin_template_dirs()
            html = fmt == "html"
            env = SandboxedEnvironment(
                loader=ChoiceLoader([_ContainedLoader(str(d)) for d in dirs]),
                autoescape=html,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
                finalize=None if html else _md_escape,
            )
            if html:
                env.filters["md"] = markdown.to_html
                env.filters["mdi"] = lambda text: markdown.to_html(text, inline=True)
                env.filters["cell"] = lambda text: text
            else:
                env.filters["md"] = _md_block
                env.filters["mdi"] = _md_cell
                env.filters["cell"] = _md_cell
            self._envs[fmt] = env
        return self._envs[fmt]

    def render_view(self, template: str, view: dict[str, Any], fmt: str) -> str:
        name = f"{template}.{fmt}.j2"
        with _template_errors(name):
            text = self.env(fmt).get_template(name).render(**view)
        if fmt == "md":  # templates may leave runs of blank lines between sections
            text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
        return _marked(text, fmt)

    def html_body(self, template: str, view: dict[str, Any]) -> str:
        """The inside of an HTML document (its ``<main>``, else its ``<body>``), for a
        bundle."""
        text = self.render_view(template, view, "html")
        inside = re.search(r"<main>(.*)</main>", text, re.S) or re.search(r"<body[^>]*>(.*)</body>", text, re.S)
        return inside[1] if inside else text

    def stream_page(self, page: Page) -> Iterator[str]:
        """An index or history page (``page.shows_a_view``) piece by piece, as
        :meth:`render_view` would make it whole (the same text, marked): a large
        workspace's history page goes to its file without ever being one string."""
        name = f"{page.template}.html.j2"
        with _template_errors(name):
            template = self.env("html").get_template(name)
            yield from _marked_stream(template.generate(**(page.view if page.view is not None else page.make())))

    def render_page(self, page: Page) -> str | bytes:
        """A page of :func:`site_pages` (not a broken file's: it has no document)."""
        if page.shows_a_view:
            return "".join(self.stream_page(page))
        assert page.source is not None and page.document is not None
        return self.render(page.source, page.document, page.fmt)

    def render(self, source: Checked, document: str, fmt: str) -> str | bytes:
        """The document as text (md, html) or bytes (pdf, docx)."""
        view = build_view(source, document, self.today)
        template = RENDERINGS[document].template
        if fmt == "pdf":
            return html_to_pdf(self.render_view(template, view, "html"))
        if fmt == "docx":
            from samtale_cli.out import docx as word

            return word.document_bytes(view, document_title(source, document), self.word_template)
        return self.render_view(template, view, fmt)

    def bundle(self, entries: list[tuple[Checked, str]], fmt: str, title: str) -> bytes:
        """Many documents as one PDF or Word file with a table of contents ('Indhold')."""
        if fmt == "docx":
            from samtale_cli.out import docx as word

            views = [(document_title(source, document), build_view(source, document, self.today))
                     for source, document in entries]
            daycare = next((v.get("daycare") for _, v in views if v.get("daycare")), None)
            return word.bundle_bytes(views, title, daycare, self.word_template)
        return html_to_pdf(self.bundle_html(entries, title))

    def bundle_html(self, entries: list[tuple[Checked, str]], title: str) -> str:
        """The HTML of a PDF bundle: the contents, then each document from a new page
        (the sheets on landscape pages)."""
        documents = []
        for k, (source, document) in enumerate(entries, 1):
            view = build_view(source, document, self.today)
            documents.append({
                "title": document_title(source, document), "id": f"dok-{k}",
                "landscape": document == "opmærksomhedspunkter",
                "body": _safe(self.html_body(RENDERINGS[document].template, view)),
            })
        return self.render_view("samlet", {"title": title, "documents": documents}, "html")


def _safe(html: str) -> Any:
    from markupsafe import Markup

    return Markup(html)


@contextmanager
def _template_errors(name: str) -> Iterator[None]:
    """Jinja's errors as Danish usage errors naming the template."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except SecurityError:
        raise SamtaleError(
            f"Skabelonen '{name}' prøver at bruge noget, som ikke er tilladt i en skabelon "
            "(fx interne attributter som __class__)."
        ) from None
    except TemplateSyntaxError as exc:
        raise SamtaleError(
            f"Skabelonen '{exc.name or name}' har en fejl i linje {exc.lineno}: {exc.message}"
        ) from None
    except TemplateNotFound as exc:
        raise SamtaleError(f"Skabelonen '{exc.name}' findes ikke.") from None
    except TemplateError as exc:
        raise SamtaleError(f"Skabelonen '{name}' kunne ikke bruges: {exc}") from None
    except (OverflowError, MemoryError, RecursionError, ValueError, TypeError, ArithmeticError) as exc:
        # one's own template may loop too far (range(10**8)), recurse, divide by zero ...
        raise SamtaleError(
            f"Skabelonen '{name}' kunne ikke laves færdig ({type(exc).__name__}: {str(exc)[:120]})."
        ) from None


def _marked(text: str, fmt: str) -> str:
    """Output carries samtale's mark, so a later run may replace it (files.check_output):
    the built-in HTML has it in its head; Markdown, and HTML from one's own templates,
    get a closing comment."""
    if fmt == "html" and HTML_MARK in text:
        return text
    return text if text.endswith(TEXT_MARK + "\n") else f"{text.rstrip(chr(10))}\n\n{TEXT_MARK}\n"


def _marked_stream(chunks: Iterator[str]) -> Iterator[str]:
    """:func:`_marked` for HTML given in pieces: trailing newlines are held back until
    it is known whether more text follows, and the mark is looked for across pieces."""
    seen = False
    keep = max(len(HTML_MARK), len(TEXT_MARK) + 1)
    tail = ""  # the end of the text so far: the mark may lie across two pieces
    pending = ""  # newlines at the end of the text so far
    for piece in chunks:
        chunk = str(piece)  # plain text: adding to a Markup piece would escape it
        if not chunk:
            continue
        seen = seen or HTML_MARK in tail + chunk
        tail = (tail + chunk)[-keep:]
        body = chunk.rstrip("\n")
        if body:
            yield pending + body
            pending = chunk[len(body):]
        else:
            pending += chunk
    if seen or tail.endswith(TEXT_MARK + "\n"):
        yield pending
    else:
        yield f"\n\n{TEXT_MARK}\n"


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
        return HTML(string=html, url_fetcher=_no_fetcher()).write_pdf(pdf_identifier=identifier)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]


# --------------------------------------------------------------------- output


def output_name(path: Path, document: str, fmt: str, single: bool) -> str:
    """``<stem>.<fmt>`` for a file with one document, ``<stem>-<dokument>.<fmt>`` else."""
    stem = path.stem if single else f"{path.stem}-{RENDERINGS[document].template}"
    return f"{stem}.{fmt}"


def document_title(source: Checked, document: str) -> str:
    model = source.model
    if isinstance(model, m.AttentionSheet):
        return f"{RENDERINGS[document].label}: {model.department}"
    return f"{RENDERINGS[document].label}: {model.title}"


def document_date(source: Checked) -> dt.date | None:
    """The day a file belongs to, for the indexes: a meeting's date, a sheet's meeting's
    (two sheets of one department differ by it); a plan has its own title."""
    model = source.model
    if isinstance(model, m.Meeting):
        return model.date
    if isinstance(model, m.AttentionSheet):
        meeting = source.referenced(m.Meeting)
        return meeting.date if meeting is not None else None
    return None


def bundle_entries(sources: list[Checked], document: str | None = None) -> list[tuple[Checked, str]]:
    """Every document of ``sources`` for one bundle: meetings first, then sheets, then
    plans (the order of the kinds table), each file's documents in the order of
    RENDERINGS; only ``document`` when given."""
    kind_order = [k.name for k in kinds.DOCUMENT_KINDS]
    order = list(RENDERINGS)
    entries = []
    for source in sorted(sources, key=lambda s: (kind_order.index(kinds.kind_of(s.model).name), s.path.as_posix())):
        for name in sorted(renderings_for(source.model), key=order.index):
            if document is None or name == document:
                entries.append((source, name))
    return entries


@dataclass
class Page:
    """One page of a rendered folder, at ``rel`` (a path inside the site).

    A document page has a ``source`` and a ``document``; an index page has a ``view``.
    A page of a file that cannot be rendered (``broken``, only asked for by ``serve``)
    has a source and no document: it shows the file's findings instead.
    """

    rel: PurePosixPath
    fmt: str = "html"
    source: Checked | None = None
    document: str | None = None
    view: dict[str, Any] | None = None
    listed: bool = True  # False: another name for a broken file's page, not in the index
    last: bool = False  # the last page of its source (for a progress bar)
    template: str = "index"  # the template of a page with a view (kinds.SITE_VIEWS)
    make: Callable[[], dict[str, Any]] | None = None  # a view made when the page is (a history page)

    @property
    def shows_a_view(self) -> bool:
        """An index or history page: made from a view, not from a file."""
        return self.view is not None or self.make is not None


def site_rel(folder: Path, path: Path) -> PurePosixPath | None:
    """The folder of ``path`` inside the site, or None when it lies outside ``folder``
    (a link to a file elsewhere is never part of the site)."""
    if path.is_symlink() and not leads_inside(path, folder):
        return None  # a link out of the folder (Y016 in check): no page, not even one of findings
    try:
        return PurePosixPath(path.relative_to(folder).parent.as_posix())
    except ValueError:
        return None


def site_facts(checked: Checked) -> dict[str, Any]:
    """What a site needs of a usable file without its document (see pipeline.survey):
    its documents, in site order, their titles for the indexes, and its place in the
    cycle for the history pages (followup.Linked)."""
    from samtale_cli.check.followup import linked

    documents = sorted(renderings_for(checked.model), key=list(RENDERINGS).index)
    return {"documents": documents, "titles": {d: document_title(checked, d) for d in documents},
            "date": document_date(checked), "cycle": linked(checked)}


def _documents_of(source: Any) -> list[str]:
    if getattr(source, "facts", None) is not None:  # a pipeline.Brief
        return list(source.facts["documents"])
    return sorted(renderings_for(source.model), key=list(RENDERINGS).index)


def _title_of(source: Any, document: str) -> str:
    if getattr(source, "facts", None) is not None:
        return source.facts["titles"][document]
    return document_title(source, document)


def _entry(source: Any, title: str, **more: Any) -> dict[str, Any]:
    """An index entry: the title, and the day the file belongs to (see document_date)."""
    if getattr(source, "facts", None) is not None:
        day = source.facts["date"]
    else:
        day = document_date(source) if source.model is not None else None
    when = {"date": day.isoformat(), "date_text": v.format_date_short(day)} if day is not None else {}
    return {"title": title, **when, **more}


def _folder_labels(folder: Path, sources: Sequence[Any]) -> dict[PurePosixPath, str]:
    """The names people know a workspace's folders by: the daycare's name for the
    site's root, 'Læringssamtaler', 'Afdelinger' and each department's name for its
    folder (none when ``folder`` is no workspace)."""
    from samtale_cli.out.history import department_folders
    from samtale_cli.check.discover import find_workspace_root

    if find_workspace_root(folder) != folder:
        return {}
    labels = {PurePosixPath(kinds.MEETINGS_DIR): "Læringssamtaler", PurePosixPath(kinds.DEPARTMENTS_DIR): "Afdelinger"}
    for source in sources:
        facts = getattr(source, "facts", None)
        workspace = facts["cycle"].workspace if facts is not None else getattr(source, "workspace", None)
        if workspace is not None:
            for name, rel in department_folders(workspace.departments, kinds.DEPARTMENTS_DIR).items():
                labels[rel] = name
            if workspace.daycare:
                labels[PurePosixPath(".")] = workspace.daycare
            break
    return labels


def site_pages(
    folder: Path,
    sources: list[Checked],
    formats: list[str],
    *,
    broken: Sequence[Checked] = (),
    extra_entries: Callable[[Checked], list[dict[str, Any]]] | None = None,
    history: bool = True,
) -> list[Page]:
    """Every page of the site made from ``folder``: each document of each source in each
    of ``formats``, mirroring the folders, and an ``index.html`` in every folder that
    holds pages, linking its documents and subfolders; for a workspace, with
    ``history``, the history pages (kinds.SITE_VIEWS). ``render`` writes them;
    ``serve`` shows them, with the files in ``broken`` listed as having errors and
    ``extra_entries`` (the meeting mode) in the indexes."""
    order = list(RENDERINGS)
    entries: dict[PurePosixPath, list[dict[str, Any]]] = {}
    pages: list[Page] = []
    items = [(s, False) for s in sources] + [(b, True) for b in broken]
    if broken:
        items.sort(key=lambda pair: pair[0].path.as_posix())
    for source, failed in items:
        rel = site_rel(folder, source.path)
        if rel is None:
            continue
        if failed:
            listed, hidden = _broken_names(source)
            pages.extend(Page(rel / name, "html", source) for name in listed)
            pages.extend(Page(rel / name, "html", source, listed=False) for name in hidden)
            title = source.path.name
            if source.model is not None:
                title = document_title(source, renderings_for(source.model)[0])
            links = [{"label": "Fejl", "href": quote(name)} for name in listed[:1]]
            entries.setdefault(rel, []).append({"title": title, "errors": True, "links": links})  # no date: unsure
        else:
            docs = _documents_of(source)
            for document in docs:
                links = []
                for f in formats:
                    name = output_name(source.path, document, f, single=len(docs) == 1)
                    pages.append(Page(rel / name, f, source, document))
                    links.append({"label": f.upper(), "href": quote(name)})
                entries.setdefault(rel, []).append(_entry(source, _title_of(source, document), links=links))
            if extra_entries is not None:
                entries[rel].extend(extra_entries(source))
        pages[-1].last = True
    if history:
        pages.extend(_history_pages(folder, sources, entries))
    # every ancestor of a folder with output gets an index too
    for rel in list(entries):
        for parent in rel.parents:
            entries.setdefault(parent, [])
    labels = _folder_labels(folder, sources)
    for rel in sorted(entries, key=lambda p: p.as_posix()):
        children = sorted({c.parts[len(rel.parts)] for c in entries if c != rel and rel in c.parents})
        view = {
            "title": labels.get(rel) or f"Dokumenter i {(folder.name + '/' + rel.as_posix()) if rel.parts else folder.name}",
            "parent": bool(rel.parts),
            "folders": [{"name": c, "label": labels.get(rel / c), "href": f"{quote(c)}/index.html"} for c in children],
            "entries": entries[rel],
        }
        pages.append(Page(rel / "index.html", "html", view=view))
    return pages


def _history_pages(folder: Path, sources: list[Checked], entries: dict[PurePosixPath, list[dict[str, Any]]]) -> list[Page]:
    """The history pages (kinds.SITE_VIEWS), when ``folder`` is a workspace: at the
    root and in each department's folder, each listed in its folder's index."""
    from samtale_cli.check.followup import Cycle
    from samtale_cli.out.history import history_views
    from samtale_cli.check.discover import find_workspace_root

    if find_workspace_root(folder) != folder:
        return []
    cycle = Cycle.of(s.facts["cycle"] if getattr(s, "facts", None) is not None else s for s in sources)
    if cycle.workspace is None:  # no file passed: no history to tell
        return []
    documents = {s.path: _documents_of(s) for s in sources}
    targets: dict[tuple[Path, str], tuple[str, ...] | None] = {}

    def link(source: Any, document: str, here: PurePosixPath) -> str | None:
        key = (source.path, document)
        if key not in targets:
            rel = site_rel(folder, source.path)
            single = len(renderings_for(source.model)) == 1
            targets[key] = None if rel is None or document not in documents.get(source.path, []) else (
                (rel / output_name(source.path, document, "html", single=single)).parts)
        target = targets[key]
        if target is None:
            return None
        common = 0  # the address from ``here`` (both are folders of the site): up, then down
        while common < min(len(here.parts), len(target) - 1) and here.parts[common] == target[common]:
            common += 1
        return quote("/".join([".."] * (len(here.parts) - common) + list(target[common:])))

    rendering = kinds.SITE_VIEWS["historik"]
    pages = []
    for rel, title, make in history_views(cycle, link, kinds.DEPARTMENTS_DIR):
        pages.append(Page(rel, "html", make=make, template=rendering.template))
        entries.setdefault(rel.parent, []).append({"title": title, "links": [{"label": "HTML", "href": quote(rel.name)}]})
    return pages


def _broken_names(source: Checked) -> tuple[list[str], list[str]]:
    """The page names of a file that cannot be rendered: its documents' names when its
    kind is known; else ``<stem>.html``, and unlisted every name its documents could
    have (so an open page keeps its address while its file is broken)."""
    if source.model is not None:
        docs = renderings_for(source.model)
        return [output_name(source.path, d, "html", single=len(docs) == 1) for d in docs], []
    hidden = [output_name(source.path, d, "html", single=False) for d in RENDERINGS]
    return [output_name(source.path, "referat", "html", single=True)], hidden
