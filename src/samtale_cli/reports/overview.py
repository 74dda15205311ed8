"""``samtale oversigt``: what is under way and what is missing on a day: the open
agreements (overdue ones marked), and per department the phase each plan is in, the
next milestone and meeting, what is overdue, plans that ended without an evaluation,
attention points no plan follows up yet, and missing attention-point sheets; and how
many of the current pejlemærker, points and plans have each theme.

Works on what a survey passed (:class:`samtale_cli.check.runs.Run` of briefs whose facts
are :func:`overview_facts`; :meth:`~samtale_cli.check.runs.Run.briefly` makes one of a run
of checked files): files with errors are left out and listed under ``filer_med_fejl``.
The links between the files
come from :mod:`samtale_cli.check.followup`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samtale_cli.check.rules.meeting import People
from samtale_cli.core import values as v
from samtale_cli.core.files import display_name
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.text import suggest
from samtale_cli.check.followup import Cycle, Linked, evaluations_by, linked, part_of, plan_ended_without_evaluation
from samtale_cli.out.views.themes import theme_counts, theme_rows

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked
    from samtale_cli.check.runs import Run


def phase_on(plan: Any, day: dt.date) -> str:
    """The name of the phase ``plan`` is in on ``day``, or a Danish description."""
    for phase in plan.phases:
        if phase.contains(day):
            return phase.name
    first = plan.phases[0]
    if first.start is not None and day < first.start:
        return f"ikke startet (starter {v.format_date_short(first.start)})"
    if day > plan.end:
        return "afsluttet"
    return "mellem to faser"


def plan_events(plan: Any, closed: Any = None) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, Any]]]:
    """(milestones as (date, title), recurring meetings as (date, the meeting)) of
    ``plan``, sorted; the meetings on the days they are held (``ved_fridag``)."""
    stones = sorted((s.date, s.title) for p in plan.phases for s in p.milestones)
    meetings: list[tuple[dt.date, Any]] = []
    for phase in plan.phases:
        for meeting in phase.meetings:
            meetings.extend((d, meeting) for d in phase.held_dates(meeting, closed))
    return stones, sorted(meetings, key=lambda dm: (dm[0], dm[1].title))


@dataclass
class Responsible:
    """``--ansvarlig NAVN``: a role, or a person among the meetings' participants.

    An agreement is theirs when its ``ansvarlig`` names them, their role (for an
    agreement of one department: only its people) or ``alle``; their plans are those of
    their department (a role: of the departments with a participant in that role)."""

    text: str
    role: str | None = None  # the role's key, when NAVN is a role
    departments: set[str] = field(default_factory=set)  # department keys

    @classmethod
    def find(cls, text: str, cycle: Cycle) -> Responsible:
        extra = tuple(cycle.workspace.roles) if cycle.workspace is not None else ()
        role = v.canonical_role(text, extra)
        found = cls(text, v.role_key(role) if role else None)
        known = role is not None
        namesakes: set[str] = set()
        for meeting in cycle.meetings:
            people = People.at(meeting.model, cycle.workspace)
            known = known or people.unique_name(text) is not None
            namesakes.update(people.namesakes(text))
            for person in meeting.model.participants:
                if found.is_person(people, person) and person.department:
                    found.departments.add(v.department_key(person.department))
        if namesakes and role is None:  # one meeting's Merete is another's two: say so
            raise SamtaleError(f"--ansvarlig: '{text}' passer på flere deltagere ({', '.join(sorted(namesakes))}); "
                               "skriv hele navnet.")
        if not known:
            names = {p.name for m in cycle.meetings for p in m.model.participants}
            firsts = {name.split()[0] for name in names if name.split()}
            roles = {p.role for m in cycle.meetings for p in m.model.participants}
            hint = suggest(text, sorted(names | firsts | roles))
            raise SamtaleError(f"--ansvarlig: '{text}' er hverken en rolle eller en deltager i læringssamtalerne.{hint}")
        return found

    def is_person(self, people: Any, person: Any) -> bool:
        """Whether ``person`` (a participant of the meeting of ``people``) is who NAVN says."""
        if self.role is not None:
            return people.role(person.role) == self.role
        return people.unique_name(self.text) == person.name

    def has(self, meeting: Checked, agreement: Any, workspace: Any) -> bool:
        people = People.at(meeting.model, workspace)
        for who in agreement.responsible:
            if self.role is not None and (people.role(who) == self.role or v.role_key(who) == "alle"):
                return True
            for person in meeting.model.participants:
                same_department = not (agreement.department and person.department) or (
                    v.department_key(agreement.department) == v.department_key(person.department)
                )
                if self.is_person(people, person) and people.matches(who, person) and same_department:
                    return True
        return False


# What oversigt needs besides the cycle: the plans' recurring meetings (the next
# meeting), the meetings' participants (their departments, whose sheets are missing),
# and with --ansvarlig the meetings' own roles.
_KEEP = frozenset({"meetings", "participants"})
_KEEP_PEOPLE = _KEEP | {"roles"}


def overview_facts(checked: Checked, people: bool = False) -> Linked:
    """What oversigt keeps of a usable file (a :func:`samtale_cli.check.runs.survey`
    action; ``people``: for --ansvarlig): the cycle's slim document, so a large
    workspace fits in little memory. Without --ansvarlig a meeting keeps one
    participant of each department: the departments are what it is asked."""
    found = linked(checked, _KEEP_PEOPLE if people else _KEEP)
    field_name = part_of(found.model).people
    if people or field_name is None:
        return found
    first = {}
    for person in getattr(found.model, field_name):
        if person.department:
            first.setdefault(v.department_key(person.department), person)
    model = found.model.model_copy(update={field_name: list(first.values())})
    return Linked(found.path, model, found.refs, found.workspace)


def overview(run: Run, root: Path, workspace: Any, day: dt.date, responsible: str | None = None) -> dict[str, Any]:
    """Per department (``run``: briefs whose facts are :func:`overview_facts`): plans (phase, next milestone, next meeting, overdue, evaluation),
    attention points not followed up, missing sheets; and the open agreements.

    Overdue ("forfalden") means: a milestone before ``day`` in the phase the plan is in
    now, or a plan whose last phase ended before ``day`` without an evaluation. An
    agreement is overdue ("overskredet") when its deadline is before ``day``; only
    agreements made at a meeting on or before ``day`` count (a later meeting has not
    been held yet). Missing sheets are counted for the latest læringssamtale on or
    before ``day`` (none when every meeting is later), for each department among its
    participants (all departments when none is named). The points not followed up are
    those of each department's latest sheet (on or before ``day``) that no plan names.
    ``temaer`` counts what is current on ``day`` by theme (:func:`_theme_counts`; an
    empty list when none of it has a theme).
    """
    cycle = Cycle.of(brief.facts for brief in run.documents)
    cycle.workspace = workspace if workspace is not None else cycle.workspace
    closed = workspace.closed if workspace is not None else None
    if responsible is not None and not responsible.strip():
        raise SamtaleError("--ansvarlig er tom; skriv en rolle eller et navn, fx --ansvarlig 'pædagogisk leder'.")
    who = Responsible.find(responsible, cycle) if responsible else None
    departments = cycle.departments

    def dept_name(name: str) -> str:
        return next((d for d in departments if v.department_key(d) == v.department_key(name)), name)

    plans: dict[str, list[dict[str, Any]]] = {}
    for checked in cycle.plans:
        plan = checked.model
        stones, meetings = plan_events(plan, closed)
        now = next((p for p in plan.phases if p.contains(day)), None)
        overdue = []
        if now is not None:
            overdue = [f"Milepæl {v.format_date_weekday(s.date)}: {s.title}" for s in now.milestones if s.date < day]
        elif plan_ended_without_evaluation(plan, day):
            overdue = [f"Indsatsen sluttede {v.format_date_short(plan.end)} uden en evaluering; evaluér den"]
        upcoming = next(((d, t) for d, t in stones if d >= day), None)
        meeting = next(((d, r) for d, r in meetings if d >= day), None)
        sheet = cycle.sheet_of(checked)
        held = evaluations_by(plan, day)
        plans.setdefault(dept_name(plan.department), []).append({
            "titel": plan.title,
            "fil": display_name(checked.path, root),
            "status": plan.status,
            "fase": phase_on(plan, day),
            "næste_milepæl": {"dato": upcoming[0].isoformat(), "titel": upcoming[1]} if upcoming else None,
            "næste_møde": {
                "dato": meeting[0].isoformat(), "titel": meeting[1].title,
                "kl": f"{meeting[1].clock:%H:%M}" if meeting[1].clock else None,
            } if meeting else None,
            "forfaldne": overdue,
            "følger_op": {
                "fil": display_name(sheet.path, root), "punkter": list(plan.follows.points),
            } if sheet is not None and plan.follows is not None else None,
            "evalueringer": len(held),
            "seneste_evaluering": max(e.date for e in held).isoformat() if held else None,
            "mangler_evaluering": plan_ended_without_evaluation(plan, day),
        })

    past = [m for m in cycle.meetings if m.model.date <= day]
    latest = past[-1] if past else None
    missing: set[str] = set()
    if latest is not None:
        wanted = [dept_name(p.department) for p in latest.model.participants if p.department] or list(departments)
        have = {v.department_key(sheet.model.department) for sheet in cycle.sheets_after(latest)}
        missing = {name for name in wanted if v.department_key(name) not in have}
    latest_sheets = cycle.latest_sheets(day)

    agreements = []
    for held in cycle.open_agreements(day):
        meeting, agreement = held
        if who is not None and not who.has(meeting, agreement, cycle.workspace):
            continue
        agreements.append({
            "hvad": agreement.what,
            "ansvarlig": list(agreement.responsible),
            "frist": agreement.deadline.isoformat() if agreement.deadline else None,
            "status": agreement.status,
            "udført": agreement.done.isoformat() if agreement.done else None,  # after --dato: still open that day
            "overskredet": agreement.deadline is not None and agreement.deadline < day,
            "afdeling": dept_name(agreement.department) if agreement.department else None,
            "fil": display_name(meeting.path, root),
            "læringssamtale": meeting.model.date.isoformat(),
            # its place in the meeting's aftaler (1-based): what /_oversigt's status form changes
            "nr": held.number,
        })
    agreements.sort(key=lambda a: (a["frist"] is None, a["frist"] or "", a["læringssamtale"]))

    shown = departments if who is None else [d for d in departments if v.department_key(d) in who.departments]
    themes = _theme_counts(cycle, latest, latest_sheets, shown, day)
    return {
        "dato": day.isoformat(),
        "dagtilbud": workspace.daycare if workspace is not None else None,
        "ansvarlig": responsible,
        "læringssamtale": (
            {"fil": display_name(latest.path, root), "dato": latest.model.date.isoformat(), "titel": latest.model.title}
            if latest else None
        ),
        "aftaler": agreements,
        "afdelinger": [
            {
                "navn": name,
                "indsatser": plans.get(name, []),
                "mangler_opmærksomhedspunkter": name in missing,
                "ikke_fulgt_op": _not_followed(cycle, latest_sheets.get(v.department_key(name))),
            }
            for name in shown
        ],
        "temaer": theme_rows(themes),
        "filer_med_fejl": [display_name(c.path, root) for c in run.skipped],
    }


_OVER = ("afsluttet", "stoppet")  # a plan in one of these states is no longer under way


def _theme_counts(cycle: Cycle, latest: Checked | None, sheets: dict[str, Checked], shown: list[str],
                  day: dt.date) -> list[Any]:
    """What is current on ``day``, by theme: the latest meeting's pejlemærker, the
    points of each shown department's latest sheet, and the shown departments' plans
    that are not over (not ended before ``day``, not 'afsluttet' or 'stoppet')."""
    keys = {v.department_key(name) for name in shown}
    points = [p for key, sheet in sheets.items() if key in keys for p in sheet.model.points]
    # one plan at a time (a list of every plan's model was some 40 MB at 15,000 files,
    # when the models wait on the disk: :mod:`samtale_cli.check.spill`)
    plans = (c.model for c in cycle.plans if v.department_key(c.model.department) in keys
             and c.model.end >= day and c.model.status not in _OVER)
    return theme_counts(latest.model.landmarks if latest is not None else [], points, plans, cycle.workspace)


def _not_followed(cycle: Cycle, sheet: Checked | None) -> list[str]:
    return cycle.not_followed(sheet) if sheet is not None else []


def _date(iso: str, weekday: bool = True) -> str:
    day = dt.date.fromisoformat(iso)
    return v.format_date_weekday(day) if weekday else v.format_date_short(day)


def overview_text(data: dict[str, Any]) -> str:  # noqa: C901
    lines = [f"Oversigt {_date(data['dato'], False)}" + (f" – {data['dagtilbud']}" if data["dagtilbud"] else "")]
    if data["ansvarlig"]:
        lines.append(f"Kun for: {data['ansvarlig']}")
    meeting = data["læringssamtale"]
    if meeting:
        lines.append(f"Seneste læringssamtale: {meeting['titel']} ({_date(meeting['dato'])})")
    lines.append("")
    agreements = data["aftaler"]
    overdue = sum(a["overskredet"] for a in agreements)
    if agreements:
        lines.append(f"Åbne aftaler ({len(agreements)}" + (f", heraf {overdue} overskredet" if overdue else "") + "):")
        for a in agreements:
            when = f"frist {_date(a['frist'])}" if a["frist"] else "ingen frist"
            mark = " – OVERSKREDET" if a["overskredet"] else ""
            where = f", {a['afdeling']}" if a["afdeling"] else ""
            state = f"udført {_date(a['udført'], False)}" if a["udført"] else a["status"]
            lines.append(f"  {a['hvad']} ({', '.join(a['ansvarlig'])}{where}): {when}, {state}{mark}")
    else:
        lines.append("Ingen åbne aftaler.")
    for dept in data["afdelinger"]:
        lines.append("")
        lines.append(dept["navn"])
        if not dept["indsatser"]:
            lines.append("  Ingen indsatser.")
        for plan in dept["indsatser"]:
            lines.append(f"  Indsats: {plan['titel']} ({plan['fil']})")
            lines.append(f"    Fase: {plan['fase']}" + (f" (status: {plan['status']})" if plan["status"] else ""))
            if plan["næste_milepæl"]:
                item = plan["næste_milepæl"]
                lines.append(f"    Næste milepæl: {_date(item['dato'])} – {item['titel']}")
            if plan["næste_møde"]:
                item = plan["næste_møde"]
                clock = f" kl. {item['kl']}" if item["kl"] else ""
                lines.append(f"    Næste møde: {_date(item['dato'])}{clock} – {item['titel']}")
            if plan["seneste_evaluering"]:
                times = "1 gang" if plan["evalueringer"] == 1 else f"{plan['evalueringer']} gange"
                lines.append(f"    Evalueret {times}, senest {_date(plan['seneste_evaluering'], False)}")
            for item in plan["forfaldne"]:
                lines.append(f"    Forfalden: {item}")
        if dept["ikke_fulgt_op"]:
            lines.append("  Opmærksomhedspunkter, som ingen indsats følger op på endnu:")
            lines.extend(f"    - {point}" for point in dept["ikke_fulgt_op"])
        if dept["mangler_opmærksomhedspunkter"]:
            lines.append("  Mangler opmærksomhedspunkter til den seneste læringssamtale.")
    if data.get("temaer"):
        lines.append("")
        lines.append("Temaer (den seneste læringssamtales pejlemærker, afdelingernes seneste opmærksomhedspunkter, "
                     "indsatser i gang eller planlagt):")
        for row in data["temaer"]:
            lines.append(f"  {row['tema']}: {_count(row['pejlemærker'], 'pejlemærke', 'pejlemærker')}, "
                         f"{_count(row['opmærksomhedspunkter'], 'opmærksomhedspunkt', 'opmærksomhedspunkter')}, "
                         f"{_count(row['indsatser'], 'indsats', 'indsatser')}")
    if data["filer_med_fejl"]:
        lines.append("")
        lines.append("Filer med fejl (ikke med i oversigten; kør samtale check): " + ", ".join(data["filer_med_fejl"]))
    return "\n".join(lines) + "\n"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
