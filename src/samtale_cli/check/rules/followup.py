"""Rules for follow-up: a meeting's agreements and next meeting, a plan's link to the
attention points it follows up, and its evaluations.

Whether an agreement is overdue depends on the day it is looked at: that is
``samtale oversigt``'s to say, never check's (check gives the same answer every day).
"""

from __future__ import annotations

from collections.abc import Iterator

from samtale_cli import model as m
from samtale_cli.core.catalogue import R901, R902, R903, R904, R905, R906, R907, R908, R909
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.rules.base import Context, referenced_model, rule
from samtale_cli.check.rules.meeting import People
from samtale_cli.check.rules.workspace import department_known
from samtale_cli.core.values import department_key, format_date_short


@rule(m.Meeting)
def agreements(ctx: Context) -> Iterator[Diagnostic]:
    """Each agreement: a deadline on or after the meeting, someone at the meeting
    responsible, 'udført' only when it is done, a known department."""
    meeting: m.Meeting = ctx.model
    if not meeting.agreements:
        return
    people = People.of(ctx)
    for i, agreement in enumerate(meeting.agreements):
        if agreement.deadline is not None and agreement.deadline < meeting.date:
            yield ctx.report(
                R901, ("aftaler", i, "frist"),
                f"Fristen {format_date_short(agreement.deadline)} ligger før mødet "
                f"({format_date_short(meeting.date)}). Er året rigtigt?",
            )
        if not agreement.responsible:
            yield ctx.report(R902, ("aftaler", i, "ansvarlig"), "Aftalen har ingen ansvarlig; skriv en rolle, et navn eller 'alle'.")
        for j, who in enumerate(agreement.responsible):
            problem = people.unknown(who)
            if problem:
                yield ctx.report(R902, ("aftaler", i, "ansvarlig", j), problem)
        if agreement.done is not None and agreement.status != "udført":
            yield ctx.report(
                R903, ("aftaler", i, "udført"),
                f"Aftalen har 'udført: {format_date_short(agreement.done)}', men status er '{agreement.status}'. "
                "Skriv 'status: udført', eller fjern datoen.",
            )
        if agreement.department is not None:
            yield from department_known(ctx, agreement.department, ("aftaler", i, "afdeling"))


@rule(m.Meeting)
def next_meeting_later(ctx: Context) -> Iterator[Diagnostic]:
    meeting: m.Meeting = ctx.model
    if meeting.next_meeting is not None and meeting.next_meeting <= meeting.date:
        yield ctx.report(
            R904, ("næste_møde",),
            f"Næste møde ({format_date_short(meeting.next_meeting)}) skal ligge efter dette møde "
            f"({format_date_short(meeting.date)}).",
        )


@rule(m.Plan)
def follows_up_a_sheet(ctx: Context) -> Iterator[Diagnostic]:
    """The sheet a plan follows up exists, is a sheet of the plan's own department, and
    has the points the plan names."""
    plan: m.Plan = ctx.model
    if plan.follows is None:
        return
    sheet, found = referenced_model(
        ctx, plan.follows.file, ("opmærksomhedspunkter", "fil"), m.AttentionSheet, (R905, R906),
        ("Arket med opmærksomhedspunkter", "fil med opmærksomhedspunkter"),
    )
    yield from found
    if sheet is None:
        return
    if department_key(sheet.department) != department_key(plan.department):
        yield ctx.report(
            R907, ("opmærksomhedspunkter", "fil"),
            f"Arket er {sheet.department}s, men indsatsen er {plan.department}s; en indsats følger op på sin egen "
            "afdelings opmærksomhedspunkter.",
        )
        return
    count = len(sheet.points)
    for i, number in enumerate(plan.follows.points):
        if not 1 <= number <= count:
            yield ctx.report(
                R908, ("opmærksomhedspunkter", "punkter", i),
                f"Arket har {count} opmærksomhedspunkter (nr. 1-{count}); der er intet nr. {number}.",
            )


@rule(m.Plan)
def evaluations_in_the_plan(ctx: Context) -> Iterator[Diagnostic]:
    """An evaluation dated before the plan's first phase or after its last (a warning)."""
    plan: m.Plan = ctx.model
    first = plan.phases[0].start
    for i, evaluation in enumerate(plan.evaluations):
        if (first is not None and evaluation.date < first) or evaluation.date > plan.end:
            span = f"{format_date_short(first)} - " if first else "til "
            yield ctx.report(
                R909, ("evalueringer", i, "dato"),
                f"Evalueringen {format_date_short(evaluation.date)} ligger uden for indsatsens faser "
                f"({span}{format_date_short(plan.end)}). Er datoen rigtig?",
            )
