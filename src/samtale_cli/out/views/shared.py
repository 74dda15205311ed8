"""Pieces the views of several kinds share: clock times, an agreement, and a
timeline's axis and month ticks (the plan's timeline and the history's)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from samtale_cli import model as m
from samtale_cli.core import values as v
from samtale_cli.out.views.base import View


def clock(t: dt.time | None) -> str | None:
    """``13:05``, or None without a time."""
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


def later(t: dt.time | None, minutes: int) -> dt.time | None:
    """``minutes`` after ``t`` (None without a time)."""
    return None if t is None else v.format_minutes_clock(t, minutes)


def span(start: dt.time | None, minutes: int) -> str | None:
    """``13:05–13:10``: from ``start``, ``minutes`` long (None without a start)."""
    return None if start is None else f"{clock(start)}–{clock(later(start, minutes))}"


def minute_of_day(t: dt.time | None) -> int | None:
    return None if t is None else t.hour * 60 + t.minute


def daycare_of(meeting: m.Meeting, workspace: m.Workspace | None) -> str | None:
    """The daycare a meeting's documents name: its own, else the workspace's."""
    return meeting.daycare or (workspace.daycare if workspace else None)


def fields_of(view: View) -> dict[str, Any]:
    """A view's fields as keyword arguments (for a view that extends another)."""
    return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True, kw_only=True)
class ThemedView(View):
    """Et pejlemærke med sine temaer."""

    text: str  # teksten
    themes: list[str]  # temaerne (tom uden temaer)


def themed_views(items: list[Any]) -> list[ThemedView]:
    """Pejlemærker (tekst, eller tekst med temaer) as views."""
    return [ThemedView(text=str(item), themes=list(m.themes_of(item))) for item in items]


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementView(View):
    """En aftale, som referatet, Word og historikken viser den."""

    what: str  # hvad der er aftalt
    responsible: list[str]  # hvem der har ansvaret
    deadline: str | None  # fristen, fx "1. okt. 2024"
    deadline_iso: str | None  # fristen som ÅÅÅÅ-MM-DD
    status: str | None  # aftalens status, fx "i gang"
    department: str | None  # den afdeling, aftalen gælder (ingen: hele dagtilbuddet)
    done: str | None  # dagen, aftalen blev udført
    done_iso: str | None  # samme dag som ÅÅÅÅ-MM-DD


def agreement_view(agreement: m.Agreement) -> AgreementView:
    """One agreement as the referat, Word and the history show it."""
    return AgreementView(
        what=agreement.what,
        responsible=list(agreement.responsible),
        deadline=v.format_deadline(agreement.deadline) if agreement.deadline else None,
        deadline_iso=agreement.deadline.isoformat() if agreement.deadline else None,
        status=agreement.status,
        department=agreement.department,
        done=v.format_date_short(agreement.done) if agreement.done else None,
        done_iso=agreement.done.isoformat() if agreement.done else None,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Tick(View):
    """En streg på tidslinjens akse."""

    x: float  # stregens x i SVG'en
    label: str | None  # måneden ("jan", "aug 2024") eller året; ingen, hvor der ikke er plads


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark(View):
    """Et mærke på en tidslinje: en milepæl, et møde eller en evaluering."""

    kind: str  # "milepæl", "møde" eller "evaluering"
    x: float  # mærkets x i SVG'en
    y: float  # mærkets y (midt i rækken)
    title: str  # teksten, når man holder musen over mærket


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline(View):
    """En tidslinje som SVG: geometrien, mærkerne og akserne, som planens og
    historikkens tidslinjer har til fælles."""

    width: int  # SVG'ens bredde
    height: int  # SVG'ens højde
    left: int  # hvor akserne begynder
    right: int  # hvor akserne slutter
    top: int  # akselinjens y
    bottom: int  # bunden af rækkerne
    marks: list[Mark]  # milepæle, møder og evalueringer
    ticks: list[Tick]  # månedsstreger
    title: str  # fx "Tidslinje: 1. aug. 2024 – 30. jun. 2025"


MONTHS_SHORT = [name[:3] for name in v.MONTH_NAMES]

# Month labels: font-size 11 in the SVG; a character is at most this wide on average
# (Danish month abbreviations and digits in the usual sans-serif fonts), and labels keep
# this gap between them. Measured in Chromium (tests/test_browser.py checks the boxes).
LABEL_CHAR = 6.4
LABEL_GAP = 8
LABEL_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600)


def month_ticks(lo: dt.date, hi: dt.date, x: Callable[[dt.date], float], right: float) -> list[Tick]:
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
    return list(
        Tick(x=x(max(month, lo)), label=labels.get(k))
        for k, month in enumerate(months)
        if len(months) <= 48 or k in labels or month.month == 1  # a line a month, for a few years
    )


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
