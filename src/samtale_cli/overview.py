"""``samtale oversigt``: per department, the phase each plan is in, the next milestone
and meeting, what is overdue, and missing opmærksomhedspunkter.

Works on what the pipeline passed (:class:`samtale_cli.pipeline.Run`): files with
errors are left out and listed under ``filer_med_fejl``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samtale_cli import kinds
from samtale_cli import values as v

if TYPE_CHECKING:
    from samtale_cli.pipeline import Run


def _of(run: Run, kind: kinds.Kind) -> list[tuple[Path, Any]]:
    return [(c.path, c.model) for c in run.documents if kinds.kind_of(c.model) is kind]


def phase_on(plan: Any, day: dt.date) -> str:
    """The name of the phase ``plan`` is in on ``day``, or a Danish description."""
    for phase in plan.phases:
        if phase.contains(day):
            return phase.name
    first = plan.phases[0]
    if first.start is not None and day < first.start:
        return f"ikke startet (starter {v.format_date_short(first.start)})"
    if day > max(p.end for p in plan.phases):
        return "afsluttet"
    return "mellem to faser"


def plan_events(plan: Any) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]]]:
    """(milestones, recurring meeting occurrences) of ``plan`` as (date, title), sorted."""
    stones = sorted((s.date, s.title) for p in plan.phases for s in p.milestones)
    meetings: list[tuple[dt.date, str]] = []
    for phase in plan.phases:
        for meeting in phase.meetings:
            meetings.extend((d, meeting.title) for d in phase.meeting_dates(meeting))
    return stones, sorted(meetings)


def overview(run: Run, root: Path, workspace: Any, day: dt.date) -> dict[str, Any]:
    """Per department: plans (phase, next milestone, next meeting, overdue) and missing sheets.

    Overdue ("forfalden") means: a milestone before ``day`` in the phase the plan is in
    now, or a plan whose last phase ended before ``day`` (time to evaluate it).
    Missing sheets are counted for the latest læringssamtale on or before ``day``
    (the latest at all when every meeting is later), for each department among its
    participants (all departments when none is named).
    """
    from samtale_cli.pipeline import display_name

    departments: list[str] = list(workspace.departments) if workspace is not None else []

    def dept_name(name: str) -> str:
        for known in departments:
            if v.department_key(known) == v.department_key(name):
                return known
        departments.append(name)
        return name

    plans: dict[str, list[dict[str, Any]]] = {}
    for path, plan in _of(run, kinds.PLAN):
        name = dept_name(plan.department)
        stones, meetings = plan_events(plan)
        now = next((p for p in plan.phases if (p.start is None or p.start <= day) and day <= p.end), None)
        overdue = []
        if now is not None:
            overdue = [f"Milepæl {v.format_date_short(s.date)}: {s.title}" for s in now.milestones if s.date < day]
        elif day > max(p.end for p in plan.phases):
            overdue = [f"Indsatsen sluttede {v.format_date_short(max(p.end for p in plan.phases))}; evaluér den"]
        upcoming = next(((d, t) for d, t in stones if d >= day), None)
        meeting = next(((d, t) for d, t in meetings if d >= day), None)
        plans.setdefault(name, []).append({
            "titel": plan.title,
            "fil": display_name(path, root),
            "fase": phase_on(plan, day),
            "næste_milepæl": {"dato": upcoming[0].isoformat(), "titel": upcoming[1]} if upcoming else None,
            "næste_møde": {"dato": meeting[0].isoformat(), "titel": meeting[1]} if meeting else None,
            "forfaldne": overdue,
        })

    meetings = sorted(_of(run, kinds.MEETING), key=lambda pm: (pm[1].date, pm[0].name))
    past = [pm for pm in meetings if pm[1].date <= day]
    latest = (past or meetings or [None])[-1]
    missing: set[str] = set()
    if latest is not None:
        meeting_path, meeting = latest
        wanted = [dept_name(p.department) for p in meeting.participants if p.department] or list(departments)
        have = {
            v.department_key(sheet.department)
            for path, sheet in _of(run, kinds.SHEET)
            if (path.parent / sheet.meeting).resolve() == meeting_path.resolve()
        }
        missing = {name for name in wanted if v.department_key(name) not in have}
    return {
        "dato": day.isoformat(),
        "dagtilbud": workspace.daycare if workspace is not None else None,
        "læringssamtale": (
            {"fil": display_name(latest[0], root), "dato": latest[1].date.isoformat(), "titel": latest[1].title}
            if latest else None
        ),
        "afdelinger": [
            {
                "navn": name,
                "indsatser": plans.get(name, []),
                "mangler_opmærksomhedspunkter": name in missing,
            }
            for name in departments
        ],
        "filer_med_fejl": [display_name(c.path, root) for c in run.skipped],
    }


def overview_text(data: dict[str, Any]) -> str:
    day = v.format_date_short(dt.date.fromisoformat(data["dato"]))
    lines = [f"Oversigt {day}" + (f" – {data['dagtilbud']}" if data["dagtilbud"] else "")]
    meeting = data["læringssamtale"]
    if meeting:
        lines.append(f"Seneste læringssamtale: {meeting['titel']} ({v.format_date_short(dt.date.fromisoformat(meeting['dato']))})")
    for dept in data["afdelinger"]:
        lines.append("")
        lines.append(dept["navn"])
        if not dept["indsatser"]:
            lines.append("  Ingen indsatser.")
        for plan in dept["indsatser"]:
            lines.append(f"  Indsats: {plan['titel']} ({plan['fil']})")
            lines.append(f"    Fase: {plan['fase']}")
            for key, label in (("næste_milepæl", "Næste milepæl"), ("næste_møde", "Næste møde")):
                item = plan[key]
                if item:
                    lines.append(f"    {label}: {v.format_date_short(dt.date.fromisoformat(item['dato']))} – {item['titel']}")
            for item in plan["forfaldne"]:
                lines.append(f"    Forfalden: {item}")
        if dept["mangler_opmærksomhedspunkter"]:
            lines.append("  Mangler opmærksomhedspunkter til den seneste læringssamtale.")
    if data["filer_med_fejl"]:
        lines.append("")
        lines.append("Filer med fejl (ikke med i oversigten; kør samtale check): " + ", ".join(data["filer_med_fejl"]))
    return "\n".join(lines) + "\n"
