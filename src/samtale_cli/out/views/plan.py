"""The view of an indsatsplan: its sections, its phases with Danish dates, the
attention points it follows up, its evaluations, and its timeline (an SVG's geometry
and the rows of a Mermaid gantt chart).

``build(source, document, today)`` is the kinds table's view hook
(``samtale_cli.out.views.plan:build``): ``source`` a checked plan, ``today`` marked on
the timeline. ``subject(model)`` is what its documents' titles name and
``day(source)`` the day the file belongs to in the indexes (none: a plan has its own
title).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samtale_cli import model as m
from samtale_cli.core import values as v
from samtale_cli.core.kinds import RENDERINGS
from samtale_cli.out.views.base import View
from samtale_cli.out.views.shared import Mark, Timeline, clock, month_ticks, span, timeline_axis

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked

TIMELINE = {"width": 800, "label_width": 150, "row": 30, "top": 34, "bottom": 8}


@dataclass(frozen=True, slots=True, kw_only=True)
class RecurringMeetingView(View):
    """Et tilbagevendende møde i en fase."""

    title: str  # mødets titel
    every: str  # hvor ofte, fx "hver 2. uge"
    time: str | None  # fx "14:00–15:00"
    clock: str | None  # klokkeslæt, fx "14:00"
    length: str | None  # længden, fx "ca. 1 time"
    on_day_off: str | None  # hvad der sker på en lukkedag
    first: str | None  # første dato, fx "2. sep. 2024"
    first_iso: str | None  # første dato som ÅÅÅÅ-MM-DD
    dates: list[str]  # datoerne med ugedag
    dates_iso: list[str]  # datoerne som ÅÅÅÅ-MM-DD


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestoneView(View):
    """En milepæl i en fase."""

    date: str  # fx "1. okt. 2024"
    date_iso: str  # ÅÅÅÅ-MM-DD
    title: str  # milepælen


@dataclass(frozen=True, slots=True, kw_only=True)
class PhaseView(View):
    """En fase i planen."""

    name: str  # fasens navn
    start: str | None  # start som skrevet i filen, fx "1. aug. 2024"
    end: str  # slut, fx "31. dec. 2024"
    start_iso: str  # første dag (også når filen ikke skriver den) som ÅÅÅÅ-MM-DD
    end_iso: str  # sidste dag som ÅÅÅÅ-MM-DD
    description: str | None  # beskrivelsen (Markdown)
    milestones: list[MilestoneView]  # milepæle
    meetings: list[RecurringMeetingView]  # tilbagevendende møder


@dataclass(frozen=True, slots=True, kw_only=True)
class PointView(View):
    """Et opmærksomhedspunkt, som planen følger op på."""

    number: int  # punktets nummer i arket
    text: str  # punktet


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUpView(View):
    """De opmærksomhedspunkter, planen følger op på."""

    file: str  # arkets fil
    department: str  # arkets afdeling
    numbers: list[int]  # de numre, planen nævner (ingen: alle)
    points: list[PointView]  # punkterne
    all: bool  # planen følger op på alle punkter


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluationView(View):
    """En evaluering."""

    date: str  # fx "1. dec. 2024"
    date_iso: str  # ÅÅÅÅ-MM-DD
    text: str  # evalueringen (Markdown)


@dataclass(frozen=True, slots=True, kw_only=True)
class GanttTask(View):
    """En række i et Mermaid gantt-diagram."""

    label: str  # teksten
    id: str | None  # id'et (faser)
    milestone: bool  # et punkt i tiden, ikke en periode
    start: str  # ÅÅÅÅ-MM-DD
    end: str  # dagen efter slut (ÅÅÅÅ-MM-DD), eller "0d"


@dataclass(frozen=True, slots=True, kw_only=True)
class GanttSection(View):
    """En sektion i et Mermaid gantt-diagram."""

    name: str  # "Faser", "Milepæle", "Møder" eller "I dag"
    tasks: list[GanttTask]  # rækkerne


@dataclass(frozen=True, slots=True, kw_only=True)
class GanttView(View):
    """Planen som Mermaid gantt-diagram."""

    sections: list[GanttSection]  # sektionerne


@dataclass(frozen=True, slots=True, kw_only=True)
class PhaseRow(View):
    """En fase som række i tidslinjen."""

    label: str  # fasens navn
    y: float  # rækkens top
    mid: float  # rækkens midte
    x: float  # barens start
    width: float  # barens bredde
    title: str  # fx "Fase 1: 1. aug. 2024 – 31. dec. 2024"


@dataclass(frozen=True, slots=True, kw_only=True)
class TodayMark(View):
    """Dagen i dag på tidslinjen."""

    x: float  # stregens x
    title: str  # fx "I dag: 1. sep. 2025"


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanTimeline(Timeline):
    """Planens tidslinje som SVG."""

    rows: list[PhaseRow]  # en række pr. fase
    today: TodayMark | None  # dagen i dag, når den ligger i planen


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanView(View):
    """En indsatsplan."""

    title: str  # planens titel
    department: str  # afdelingen
    daycare: str | None  # dagtilbuddets navn
    goals: list[str]  # mål
    why: list[str]  # hvorfor
    knowledge: list[str]  # viden, planen bygger på
    enablers: list[str]  # hvad der fremmer
    barriers: list[str]  # hvad der hæmmer
    evaluation: list[str]  # hvordan planen evalueres
    relevance: str | None  # relevans (Markdown)
    follows: FollowUpView | None  # de opmærksomhedspunkter, planen følger op på
    status: str | None  # planens status
    evaluations: list[EvaluationView]  # evalueringer
    phases: list[PhaseView]  # faserne
    gantt: GanttView  # planen som Mermaid gantt-diagram
    timeline: PlanTimeline  # planen som SVG-tidslinje
    document: str | None = None  # dokumentets navn: "indsatsplan"
    document_label: str | None = None  # dokumentets overskrift: "Indsatsplan"


def phase_bounds(phase: m.Phase) -> tuple[dt.date, dt.date]:
    """A phase's first and last day (the first: its start, else its first date)."""
    if phase.start is not None:
        return phase.start, phase.end
    dated = [ms.date for ms in phase.milestones] + [r.first for r in phase.meetings if r.first]
    return min([*dated, phase.end]), phase.end


def _mermaid_label(text: str) -> str:
    return " ".join(text.replace(":", " –").replace(";", ",").replace("#", "nr.").split())


def plan_view(
    plan: m.Plan, workspace: m.Workspace | None = None, today: dt.date | None = None,
    sheet: m.AttentionSheet | None = None,
) -> PlanView:
    """Every section of the plan, its phases with Danish dates and its timeline, the
    attention points it follows up (``sheet``: the sheet it names), its evaluations."""
    closed = workspace.closed if workspace else None
    phases = []
    for phase in plan.phases:
        start, end = phase_bounds(phase)
        meetings = []
        for rec in phase.meetings:
            dates = phase.held_dates(rec, closed)
            first = phase.first_date(rec)
            meetings.append(RecurringMeetingView(
                title=rec.title,
                every=str(rec.every),
                time=span(rec.clock, rec.minutes),
                clock=clock(rec.clock),
                length=str(rec.length) if rec.length is not None else None,
                on_day_off=rec.on_day_off,
                first=v.format_date_short(first) if first else None,
                first_iso=first.isoformat() if first else None,
                dates=list(v.format_date_weekday(d) for d in dates),
                dates_iso=list(d.isoformat() for d in dates),
            ))
        phases.append(PhaseView(
            name=phase.name,
            start=v.format_date_short(phase.start) if phase.start else None,
            end=v.format_date_short(phase.end),
            start_iso=start.isoformat(),
            end_iso=end.isoformat(),
            description=phase.description,
            milestones=list(
                MilestoneView(date=v.format_date_short(ms.date), date_iso=ms.date.isoformat(), title=ms.title)
                for ms in phase.milestones
            ),
            meetings=list(meetings),
        ))
    return PlanView(
        title=plan.title,
        department=plan.department,
        daycare=workspace.daycare if workspace else None,
        goals=list(plan.goals),
        why=list(plan.why),
        knowledge=list(plan.knowledge),
        enablers=list(plan.enablers),
        barriers=list(plan.barriers),
        evaluation=list(plan.evaluation),
        relevance=plan.relevance,
        follows=follow_up_view(plan, sheet),
        status=plan.status,
        evaluations=list(evaluation_view(e) for e in plan.evaluations),
        phases=list(phases),
        gantt=_gantt(plan, today, closed),
        timeline=_timeline(plan, today, closed),
    )


def evaluation_view(evaluation: m.Evaluation) -> EvaluationView:
    """One evaluation, as the plan and the history show it."""
    return EvaluationView(
        date=v.format_date_short(evaluation.date), date_iso=evaluation.date.isoformat(), text=evaluation.text
    )


def follow_up_view(plan: m.Plan, sheet: m.AttentionSheet | None) -> FollowUpView | None:
    """The attention points a plan follows up: the sheet's file and the points, numbered
    as in the sheet (all of them when the plan names none)."""
    if plan.follows is None:
        return None
    points = list(sheet.points) if sheet is not None else []
    numbers = plan.follows.points or list(range(1, len(points) + 1))
    return FollowUpView(
        file=plan.follows.file,
        department=sheet.department if sheet is not None else plan.department,
        numbers=list(plan.follows.points),
        points=list(PointView(number=n, text=points[n - 1]) for n in numbers if 1 <= n <= len(points)),
        all=not plan.follows.points,
    )


def _gantt(plan: m.Plan, today: dt.date | None, closed: Any = None) -> GanttView:
    """Rows for a Mermaid gantt chart (end dates exclusive, as Mermaid wants them)."""
    phases: list[GanttTask] = []
    milestones: list[GanttTask] = []
    meetings: list[GanttTask] = []
    lo, hi = None, None
    for k, phase in enumerate(plan.phases, 1):
        start, end = phase_bounds(phase)
        lo, hi = min(lo or start, start), max(hi or end, end)
        phases.append(GanttTask(label=_mermaid_label(phase.name), id=f"fase{k}", milestone=False,
                                start=start.isoformat(), end=(end + dt.timedelta(days=1)).isoformat()))
        for ms in phase.milestones:
            milestones.append(GanttTask(label=_mermaid_label(ms.title), id=None, milestone=True,
                                        start=ms.date.isoformat(), end="0d"))
        for rec in phase.meetings:
            for d in phase.held_dates(rec, closed):
                meetings.append(GanttTask(label=_mermaid_label(rec.title), id=None, milestone=True,
                                          start=d.isoformat(), end="0d"))
    sections = [GanttSection(name="Faser", tasks=list(phases))]
    if milestones:
        sections.append(GanttSection(name="Milepæle", tasks=list(milestones)))
    if meetings:
        sections.append(GanttSection(name="Møder", tasks=list(meetings)))
    if today is not None and lo is not None and lo <= today <= hi:  # type: ignore[operator]
        sections.append(GanttSection(name="I dag", tasks=[
            GanttTask(label="I dag", id=None, milestone=True, start=today.isoformat(), end="0d")]))
    return GanttView(sections=list(sections))


def _timeline(plan: m.Plan, today: dt.date | None, closed: Any = None) -> PlanTimeline:
    """Geometry for the SVG timeline: one row per phase, marks for milestones and meetings."""
    g = TIMELINE
    bounds = [phase_bounds(phase) for phase in plan.phases]
    lo = min(b[0] for b in bounds)
    hi = max(b[1] for b in bounds) + dt.timedelta(days=1)  # the last day is included
    left, chart = g["label_width"], g["width"] - g["label_width"] - 10
    x = timeline_axis(lo, hi, left, chart)

    rows, marks = [], []
    for k, (phase, (start, end)) in enumerate(zip(plan.phases, bounds)):
        y = g["top"] + k * g["row"]
        mid = y + g["row"] / 2
        rows.append(PhaseRow(
            label=phase.name, y=y, mid=mid, x=x(start),
            width=max(round(x(end + dt.timedelta(days=1)) - x(start), 1), 2),
            title=f"{phase.name}: {v.format_date_short(start)} – {v.format_date_short(end)}",
        ))
        for ms in phase.milestones:
            marks.append(Mark(kind="milepæl", x=x(ms.date), y=mid, title=f"{v.format_date_short(ms.date)}: {ms.title}"))
        for rec in phase.meetings:
            for d in phase.held_dates(rec, closed):
                marks.append(Mark(kind="møde", x=x(d), y=mid, title=f"{v.format_date_weekday(d)}: {rec.title}"))
    height = g["top"] + len(rows) * g["row"] + g["bottom"]
    ticks = month_ticks(lo, hi, x, g["width"])

    today_mark = None
    if today is not None and lo <= today < hi:
        today_mark = TodayMark(x=x(today), title=f"I dag: {v.format_date_short(today)}")
    return PlanTimeline(
        width=g["width"], height=height, left=left, right=left + chart,
        top=g["top"], bottom=height - g["bottom"],
        rows=list(rows), marks=list(marks), ticks=ticks, today=today_mark,
        title=f"Tidslinje: {v.format_date_short(lo)} – {v.format_date_short(hi - dt.timedelta(days=1))}",
    )


def build(source: Checked, document: str, today: dt.date | None = None) -> PlanView:
    """The indsatsplan of a plan's file, with the sheet it follows up."""
    view = plan_view(source.model, source.workspace, today, source.referenced(m.AttentionSheet))
    return dataclasses.replace(view, document=document, document_label=RENDERINGS[document].label)


def subject(plan: m.Plan) -> str:
    """What the titles of a plan's documents name: its title."""
    return plan.title


def day(source: Checked) -> dt.date | None:
    """A plan belongs to no day in the indexes: it has its own title."""
    return None
