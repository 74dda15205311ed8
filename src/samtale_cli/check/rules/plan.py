"""Rules for ``type: indsats``: the phase timeline, milestones and recurring meetings.

Dates are inclusive days: a phase that ends 15/6 and the next that starts 15/6 touch,
which is fine; a working day between the previous ``slut`` and the next ``start`` is a
gap (a phase ending on a Friday and the next starting on Monday is none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from samtale_cli import model as m
from samtale_cli.core.catalogue import T601, T602, T603, T604, T605, T606, T607, T608
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.loader import DataPath
from samtale_cli.check.rules.base import Context, rule
from samtale_cli.core.values import day_off, format_date_short


@rule(m.Plan)
def phase_order(ctx: Context) -> Iterator[Diagnostic]:
    plan: m.Plan = ctx.model
    previous: m.Phase | None = None
    for i, phase in enumerate(plan.phases):
        if phase.start is None and i > 0:
            yield ctx.report(T606, ("faser", i), f"'{phase.name}' mangler 'start'; kun den første fase må udelade den.")
        if phase.start is not None and phase.end < phase.start:
            yield ctx.report(T601, ("faser", i, "slut"),
                             f"'{phase.name}' slutter {format_date_short(phase.end)}, før den starter {format_date_short(phase.start)}.",
            )
        if previous is not None and phase.start is not None:
            if phase.start < previous.end:
                # "før X er slut" / "mens X stadig er i gang"
                before = phase.start < (previous.start or previous.end)
                yield ctx.report(T602, ("faser", i, "start"), f"'{phase.name}' starter {format_date_short(phase.start)}, {'før' if before else 'mens'} "
                    f"'{previous.name}' (til {format_date_short(previous.end)}) "
                    f"{'er slut' if before else 'stadig er i gang'}; faserne skal følge efter hinanden.",
                )
            elif _working_day_between(previous.end, phase.start, ctx.closed):
                yield ctx.report(T603, ("faser", i, "start"), f"Der er et hul mellem '{previous.name}' (slut {format_date_short(previous.end)}) "
                    f"og '{phase.name}' (start {format_date_short(phase.start)}).",
                )
        previous = phase


def _working_day_between(end: dt.date, start: dt.date, closed: Any) -> bool:
    """Whether a working day lies strictly between ``end`` and ``start``: a gap made only
    of fridage (a weekend, a public holiday, the daycare's lukkedage) is no gap. A gap of
    more than a year has working days whatever the closing days say."""
    gap = (start - end).days - 1
    if gap <= 0:
        return False
    if gap > 366:
        return True
    return any(not day_off(end + dt.timedelta(days=k), closed) for k in range(1, gap + 1))


@rule(m.Plan)
def meeting_bound(ctx: Context) -> Iterator[Diagnostic]:
    """A plan's recurring meetings together fall at most MAX_PLAN_OCCURRENCES times."""
    plan: m.Plan = ctx.model
    total = plan.meeting_count()
    if total > m.MAX_PLAN_OCCURRENCES:
        yield ctx.report(
            T608, ("faser",),
            f"De tilbagevendende møder falder {total:,} gange i alt; en indsats må højst have "
            f"{m.MAX_PLAN_OCCURRENCES:,} (tjek 'hver' og faserne: en fase til år 2200?).".replace(",", "."),
            key=True,
        )


@rule(m.Plan)
def milestones_and_meetings(ctx: Context) -> Iterator[Diagnostic]:  # noqa: C901
    plan: m.Plan = ctx.model
    too_many = plan.meeting_count() > m.MAX_PLAN_OCCURRENCES  # T608; not every date is looked at
    for i, phase in enumerate(plan.phases):

        def span(phase: m.Phase = phase) -> str:  # Danish dates only for a message (babel is slow to load)
            if phase.start:
                return f"{format_date_short(phase.start)} - {format_date_short(phase.end)}"
            return f"til {format_date_short(phase.end)}"

        for j, stone in enumerate(phase.milestones):
            path: DataPath = ("faser", i, "milepæle", j, "dato")
            if not phase.contains(stone.date):
                yield ctx.report(T604, path, f"Milepælen '{stone.title}' ligger uden for '{phase.name}' ({span()}).")
            off = day_off(stone.date, ctx.closed)
            if off:
                yield ctx.report(T605, path, f"Milepælen '{stone.title}' ligger på en {off}: {format_date_short(stone.date)}.")
        for j, meeting in enumerate(phase.meetings):
            first = phase.first_date(meeting)
            where: DataPath = ("faser", i, "møder", j, "første" if meeting.first else "hver")
            if first is None:
                yield ctx.report(T607, ("faser", i, "møder", j), f"Mødet '{meeting.title}' mangler 'første', og fasen har ingen start.")
                continue
            if too_many:
                continue
            if not phase.contains(first):
                yield ctx.report(T604, where, f"Første '{meeting.title}' ({format_date_short(first)}) ligger uden for '{phase.name}' ({span()}).")
                continue
            if meeting.on_day_off != "behold":
                continue  # skipped or moved to the next working day, as the file says
            bad = [(day, off) for day in phase.meeting_dates(meeting) if (off := day_off(day, ctx.closed))]
            if bad:
                listed = ", ".join(f"{format_date_short(day)} ({off})" for day, off in bad[:5])
                more = f" og {len(bad) - 5} flere" if len(bad) > 5 else ""
                yield ctx.report(T605, where, f"'{meeting.title}' falder på fridage: {listed}{more}.")
