"""The history pages of a rendered workspace (``historik.html``): for the daycare and
for each department, year by year, the pejlemærker, the attention points, the plans
that followed them up (on one timeline across the years), their evaluations and the
agreements. What became of last year's points, on one page.

Views only (:class:`HistoryView` for ``skabeloner/historik.html.j2``), made from the
cycle of :mod:`samtale_cli.check.followup`; :func:`samtale_cli.out.pages.site_pages`
places the pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from samtale_cli.core import values as v
from samtale_cli.check.followup import Cycle
from samtale_cli.out.views.base import View
from samtale_cli.out.views.plan import EvaluationView, evaluation_view
from samtale_cli.out.views.shared import AgreementView, Mark, Timeline, agreement_view, month_ticks, timeline_axis
from samtale_cli.out.views.themes import ThemeCount, theme_counts

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked

# A link to a document's page: (the file, the document, the folder of the page that
# links) -> a relative address, or None when the file has no page in the site.
Link = Callable[["Checked", str, PurePosixPath], "str | None"]

GEOMETRY = {"width": 800, "label_width": 190, "row": 30, "top": 34, "bottom": 8}
MEETINGS_ROW = "Læringssamtaler"


PAGE = "historik.html"
# A history with more meetings, sheets and plans than this is split: historik.html lists
# the years, and each year has pages of at most this many (historik-2025.html,
# historik-2025-2.html, ...), so no page grows with the workspace.
PER_PAGE = 40
LINKS_KEPT = 4096  # addresses of documents kept while the history pages are made


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryMeeting(View):
    """En læringssamtale i historikken."""

    title: str  # mødets titel
    date: str  # fx "mandag den 13. maj 2024"
    date_iso: str  # ÅÅÅÅ-MM-DD
    href: str | None  # adressen på referatet
    landmarks: list[str]  # pejlemærker
    agreements: list[AgreementView]  # aftalerne (på en afdelings side: dens og de fælles)


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowerLink(View):
    """En plan, der følger op på et punkt."""

    title: str  # planens titel
    href: str | None  # adressen på planen


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryPoint(View):
    """Et opmærksomhedspunkt og de planer, der følger op på det."""

    number: int  # punktets nummer
    text: str  # punktet
    plans: list[FollowerLink]  # planerne


@dataclass(frozen=True, slots=True, kw_only=True)
class HistorySheet(View):
    """En afdelings opmærksomhedspunkter i historikken."""

    department: str  # afdelingen
    href: str | None  # adressen på arket
    points: list[HistoryPoint]  # punkterne


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryPlan(View):
    """En indsats i historikken."""

    title: str  # planens titel
    department: str  # afdelingen
    href: str | None  # adressen på planen
    status: str | None  # planens status
    span: str  # fx "1. aug. 2024 – 30. jun. 2025"
    follows: str | None  # fx "Følger op på punkt 1 i opmærksomhedspunkterne fra læringssamtalen 13. maj 2024."
    evaluations: list[EvaluationView]  # evalueringer


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryYear(View):
    """Et år i historikken."""

    year: int  # året
    meetings: list[HistoryMeeting]  # årets læringssamtaler
    sheets: list[HistorySheet]  # årets opmærksomhedspunkter
    plans: list[HistoryPlan]  # årets indsatser


@dataclass(frozen=True, slots=True, kw_only=True)
class DepartmentLink(View):
    """En afdelings historikside."""

    name: str  # afdelingen
    href: str  # adressen


@dataclass(frozen=True, slots=True, kw_only=True)
class Bar(View):
    """En fase som bjælke i historikkens tidslinje."""

    x: float  # bjælkens start
    width: float  # bjælkens bredde
    title: str  # fx "Fase 1: 1. aug. 2024 – 31. dec. 2024"


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryRow(View):
    """En række i historikkens tidslinje: læringssamtalerne eller en plan."""

    label: str  # rækkens navn
    title: str  # teksten, når man holder musen over navnet
    y: float  # rækkens top
    mid: float  # rækkens midte
    bars: list[Bar]  # planens faser


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryTimeline(Timeline):
    """Historikkens tidslinje som SVG."""

    rows: list[HistoryRow]  # rækkerne


@dataclass(frozen=True, slots=True, kw_only=True)
class PartLink(View):
    """En af et års sider i historikken."""

    label: str  # fx "del 1"
    href: str  # adressen
    current: bool = False  # den side, man står på


@dataclass(frozen=True, slots=True, kw_only=True)
class YearPages(View):
    """Et års sider, når historikken er delt op år for år."""

    year: int  # året
    count: int  # hvor mange læringssamtaler, ark og indsatser året har
    pages: list[PartLink]  # årets sider


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryView(View):
    """Historikken for dagtilbuddet eller en afdeling (historik.html), eller en side af et år i den.

    Er historikken for stor til én side, er den delt op år for år (historik-ÅÅÅÅ.html,
    historik-ÅÅÅÅ-2.html, ...)."""

    title: str  # sidens titel
    daycare: str | None  # dagtilbuddets navn
    department: str | None  # afdelingen (ingen: hele dagtilbuddet)
    departments: list[DepartmentLink]  # afdelingernes sider (på dagtilbuddets side)
    up: str | None  # adressen på dagtilbuddets side (på en afdelings side)
    years: list[HistoryYear]  # årene, nyeste først (på et års side: året, eller den del af det, siden har)
    timeline: HistoryTimeline | None  # tidslinjen på tværs af årene (på et års side: sidens)
    themes: list[ThemeCount] = field(default_factory=list)  # temaerne: antal pr. tema, alle år (ingen: intet har et tema; ikke på et års side)
    year_pages: list[YearPages] = field(default_factory=list)  # årenes sider, nyeste først, når historikken er delt op
    overview: str | None = None  # på et års side: adressen på historikken (historik.html)
    part: YearPages | None = None  # på et års side: året og dets sider


def department_folders(departments: list[str], departments_dir: str) -> dict[str, PurePosixPath]:
    """Each department's folder in the site; a department whose name gives no folder
    name has none (W304 says why)."""
    return {name: PurePosixPath(departments_dir, v.department_key(name)) for name in departments
            if v.department_key(name)}


def addresses(departments: list[str], departments_dir: str) -> list[PurePosixPath]:
    """Where the history pages go: the site's root and each department's folder."""
    return [PurePosixPath(PAGE), *(folder / PAGE for folder in department_folders(departments, departments_dir).values())]


def history_views(
    cycle: Cycle, link: Link, departments_dir: str
) -> list[tuple[PurePosixPath, str, Callable[[], HistoryView]]]:
    """(address, title, a function that makes the view) of every history page (see
    :func:`addresses`): a site makes one page at a time, so a large workspace's history
    is never all in memory at once. The daycare's page has every agreement; a
    department's page those given to it (``afdeling``) and the daycare's own (no
    ``afdeling``), which concern every department."""
    links: dict[tuple[Any, str, PurePosixPath], str | None] = {}
    find = link

    def link(source: Checked, document: str, here: PurePosixPath) -> str | None:  # each address made once
        key = (source.path, document, here)
        if key not in links:
            if len(links) >= LINKS_KEPT:  # the pages are made one at a time: the cache need not hold them all
                links.clear()
            links[key] = find(source, document, here)
        return links[key]

    root = PurePosixPath(".")
    daycare = cycle.workspace.daycare if cycle.workspace is not None else None
    folders = department_folders(cycle.departments, departments_dir)
    index = {name: (folder / PAGE).as_posix() for name, folder in folders.items()}
    # every folder's history shows every meeting: one list of them (at 15,000 files a list
    # of their own per department was some 45,000 tuples)
    meetings = [(meeting.model.date.year, "meeting", meeting) for meeting in cycle.meetings]
    pages = _pages(cycle, None, root, link, daycare, index, None, _title(daycare), meetings)
    for name, folder in folders.items():
        up = PurePosixPath(*[".."] * len(folder.parts), PAGE).as_posix()
        pages += _pages(cycle, name, folder, link, daycare, {}, up, _title(name), meetings)
    return pages


def _pages(
    cycle: Cycle, department: str | None, here: PurePosixPath, link: Link, daycare: str | None,
    departments: dict[str, str], up: str | None, title: str,
    meetings: list[tuple[int, str, Checked]],
) -> list[tuple[PurePosixPath, str, Callable[[], HistoryView]]]:
    """The history pages of one folder: historik.html, and when the history is larger
    than PER_PAGE, each year's pages (see :data:`PER_PAGE`)."""
    view = functools.partial(_view, cycle, department, here, link, daycare, departments, up)
    items = _items(cycle, department, meetings)
    if len(items) <= PER_PAGE:
        return [(here / PAGE, title, functools.partial(view, items=items))]
    by_year: dict[int, list[tuple[int, str, Checked]]] = {}
    for item in items:
        by_year.setdefault(item[0], []).append(item)
    counts = {year: len(found) for year, found in by_year.items()}
    years = [YearPages(year=year, count=counts[year], pages=[
        PartLink(label=f"del {k + 1}", href=_part_name(year, k + 1))
        for k in range(-(-counts[year] // PER_PAGE))]) for year in sorted(counts, reverse=True)]
    pages = [(here / PAGE, title, functools.partial(view, items=[], year_pages=years))]
    for shown in years:
        for number, part in enumerate(shown.pages, 1):
            marked = YearPages(year=shown.year, count=shown.count, pages=[
                dataclasses.replace(p, current=p.href == part.href) for p in shown.pages])
            shows = by_year[shown.year][(number - 1) * PER_PAGE:number * PER_PAGE]
            pages.append((here / part.href, f"{title}, {shown.year}, {part.label} af {len(shown.pages)}",
                          functools.partial(view, items=shows, part=marked)))
    return pages


def _part_name(year: int, number: int) -> str:
    return f"historik-{year}.html" if number == 1 else f"historik-{year}-{number}.html"


def _title(name: str | None) -> str:
    return f"Historik: {name or 'dagtilbuddet'}"


def _items(cycle: Cycle, department: str | None,
           meetings: list[tuple[int, str, Checked]]) -> list[tuple[int, str, Checked]]:
    """What a folder's history shows, in page order (the meetings, then the sheets that
    have a meeting's date, then the plans), each with its year; ``meetings``: the
    meetings' items, made once for every folder."""
    mine = (lambda name: True) if department is None else (lambda name: v.department_key(name) == v.department_key(department))

    def plan_year(plan: Checked) -> int:
        sheet = cycle.sheet_of(plan)
        date = cycle.sheet_date(sheet) if sheet is not None else None
        if date is not None:
            return date.year
        starts = [phase.start for phase in plan.model.phases if phase.start is not None]
        return (min(starts) if starts else plan.model.end).year

    items = list(meetings)
    for sheet in cycle.sheets:
        date = cycle.sheet_date(sheet)
        if mine(sheet.model.department) and date is not None:
            items.append((date.year, "sheet", sheet))
    items += [(plan_year(plan), "plan", plan) for plan in cycle.plans if mine(plan.model.department)]
    return items


def _view(  # noqa: C901
    cycle: Cycle, department: str | None, here: PurePosixPath, link: Link, daycare: str | None,
    departments: dict[str, str], up: str | None = None, *, items: list[tuple[int, str, Checked]],
    year_pages: list[YearPages] | None = None, part: YearPages | None = None,
) -> HistoryView:
    """A folder's history page showing ``items`` (see :func:`_items`): all of them; or,
    split (:func:`_pages`), the list of the years (``year_pages``) or a page of a year
    (``part``)."""
    mine = (lambda name: True) if department is None else (lambda name: v.department_key(name) == v.department_key(department))

    years: dict[int, tuple[list[HistoryMeeting], list[HistorySheet], list[HistoryPlan]]] = {}

    def year(number: int) -> tuple[list[HistoryMeeting], list[HistorySheet], list[HistoryPlan]]:
        return years.setdefault(number, ([], [], []))

    for at, kind, checked in items:
        if kind == "meeting":
            meeting = checked
            agreements = [
                a for a in meeting.model.agreements
                if department is None or a.department is None or mine(a.department)
            ]
            year(at)[0].append(HistoryMeeting(
                title=meeting.model.title,
                date=v.format_date_weekday(meeting.model.date),
                date_iso=meeting.model.date.isoformat(),
                href=link(meeting, "referat", here),
                landmarks=list(meeting.model.landmarks),
                agreements=list(agreement_view(a) for a in agreements),
            ))
        elif kind == "sheet":
            sheet = checked
            year(at)[1].append(HistorySheet(
                department=sheet.model.department,
                href=link(sheet, "opmærksomhedspunkter", here),
                points=list(
                    HistoryPoint(number=number, text=sheet.model.points[number - 1], plans=list(
                        FollowerLink(title=p.model.title, href=link(p, "indsatsplan", here)) for p in followers))
                    for number, followers in cycle.followers(sheet).items()
                ),
            ))
        else:
            plan = checked
            model = plan.model
            sheet = cycle.sheet_of(plan)
            year(at)[2].append(HistoryPlan(
                title=model.title,
                department=model.department,
                href=link(plan, "indsatsplan", here),
                status=model.status,
                span=_span(model),
                follows=_follows(cycle, sheet, model) if sheet is not None else None,
                evaluations=list(evaluation_view(e) for e in model.evaluations),
            ))
    if part is not None:
        timeline = _timeline([c for _y, k, c in items if k == "meeting"], [c for _y, k, c in items if k == "plan"],
                             department is None)
    elif year_pages:
        timeline = None
    else:
        timeline = _timeline(cycle.meetings, [p for p in cycle.plans if mine(p.model.department)], department is None)
    themes = []
    if part is None:  # the whole history's (a year's page has none)
        sheets = [s for s in cycle.sheets if mine(s.model.department)]
        plans = [p for p in cycle.plans if mine(p.model.department)]
        themes = theme_counts((p for c in cycle.meetings for p in c.model.landmarks),
                              (p for s in sheets for p in s.model.points), (p.model for p in plans), cycle.workspace)
    title = _title(department or daycare)
    return HistoryView(
        title=f"{title}, {part.year}" if part is not None else title,
        daycare=daycare,
        department=department,
        departments=list(DepartmentLink(name=name, href=href) for name, href in departments.items()),
        up=up,
        years=list(
            HistoryYear(year=k, meetings=list(years[k][0]), sheets=list(years[k][1]), plans=list(years[k][2]))
            for k in sorted(years, reverse=True)
        ),
        timeline=timeline,
        themes=themes,
        year_pages=list(year_pages or []),
        overview=PAGE if part is not None else None,
        part=part,
    )


def _span(plan: Any) -> str:
    starts = [phase.start for phase in plan.phases if phase.start is not None]
    end = v.format_date_short(plan.end)
    return f"{v.format_date_short(min(starts))} – {end}" if starts else f"til {end}"


def _follows(cycle: Cycle, sheet: Checked, plan: Any) -> str:
    date = cycle.sheet_date(sheet)
    when = f" fra læringssamtalen {v.format_date_short(date)}" if date else ""
    numbers = plan.follows.points
    which = "alle punkter" if not numbers else (
        f"punkt {numbers[0]}" if len(numbers) == 1 else "punkt " + ", ".join(map(str, numbers[:-1])) + f" og {numbers[-1]}"
    )
    return f"Følger op på {which} i opmærksomhedspunkterne{when}."


def _timeline(meetings: list[Checked], plans: list[Checked], with_department: bool) -> HistoryTimeline | None:
    """One SVG across the years: a row with the læringssamtaler, and a row per plan with
    its phases as bars and its evaluations as diamonds."""
    dates = [m.model.date for m in meetings]
    bounds = []
    for plan in plans:
        spans = []
        for phase in plan.model.phases:
            start = phase.start or min([ms.date for ms in phase.milestones] + [phase.end])
            spans.append((start, phase.end))
        bounds.append(spans)
        dates += [d for span in spans for d in span] + [e.date for e in plan.model.evaluations]
    if not dates:
        return None
    g = GEOMETRY
    lo, hi = min(dates), max(dates) + dt.timedelta(days=1)
    left, chart = g["label_width"], g["width"] - g["label_width"] - 10
    x = timeline_axis(lo, hi, left, chart)
    rows: list[HistoryRow] = []
    marks: list[Mark] = []

    def row(label: str, title: str, bars: list[Bar] | None = None) -> float:
        y = g["top"] + len(rows) * g["row"]
        rows.append(HistoryRow(label=label, title=title, y=y, mid=y + g["row"] / 2, bars=bars or []))
        return y + g["row"] / 2

    if meetings:
        mid = row(MEETINGS_ROW, MEETINGS_ROW)
        for meeting in meetings:
            marks.append(Mark(kind="møde", x=x(meeting.model.date), y=mid,
                              title=f"{v.format_date_short(meeting.model.date)}: {meeting.model.title}"))
    for plan, spans in zip(plans, bounds):
        model = plan.model
        label = f"{model.department}: {model.title}" if with_department else model.title
        bars = list(
            Bar(x=x(start), width=max(round(x(end + dt.timedelta(days=1)) - x(start), 1), 2),
                title=f"{phase.name}: {v.format_date_short(start)} – {v.format_date_short(end)}")
            for phase, (start, end) in zip(model.phases, spans)
        )
        mid = row(label, f"{label} ({_span(model)})", bars)
        for evaluation in model.evaluations:
            marks.append(Mark(kind="evaluering", x=x(evaluation.date), y=mid,
                              title=f"Evaluering {v.format_date_short(evaluation.date)}"))
    height = g["top"] + len(rows) * g["row"] + g["bottom"]
    return HistoryTimeline(
        width=g["width"], height=height, left=left, right=left + chart,
        top=g["top"], bottom=height - g["bottom"], rows=list(rows), marks=list(marks),
        ticks=month_ticks(lo, hi, x, g["width"]),
        title=f"Tidslinje: {v.format_date_short(lo)} – {v.format_date_short(hi - dt.timedelta(days=1))}",
    )
