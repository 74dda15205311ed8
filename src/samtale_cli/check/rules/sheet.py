"""Rules for ``type: opmærksomhedspunkter``: 3-5 points, the meeting it refers to."""

from __future__ import annotations

from collections.abc import Iterator

from samtale_cli import model as m
from samtale_cli.core.catalogue import O501, O502, O503
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.rules.base import Context, referenced_model, rule
from samtale_cli.core.values import department_key

MIN_POINTS, MAX_POINTS = 3, 5


@rule(m.AttentionSheet)
def point_count(ctx: Context) -> Iterator[Diagnostic]:
    count = len(ctx.model.points)
    if count < MIN_POINTS:
        said = {0: "ingen opmærksomhedspunkter", 1: "kun ét opmærksomhedspunkt"}.get(count, f"kun {count} opmærksomhedspunkter")
        yield ctx.report(O501, ("punkter",), f"Der er {said}; skriv mindst {MIN_POINTS}.", key=True)
    elif count > MAX_POINTS:
        yield ctx.report(O501, ("punkter",), f"Der er {count} opmærksomhedspunkter; skriv højst {MAX_POINTS}.", key=True)


@rule(m.AttentionSheet)
def meeting_reference(ctx: Context) -> Iterator[Diagnostic]:
    sheet: m.AttentionSheet = ctx.model
    meeting, found = referenced_model(
        ctx, sheet.meeting, ("læringssamtale",), m.Meeting, (O502, O502), ("Læringssamtalen", "læringssamtale")
    )
    yield from found
    if meeting is None:
        return
    departments = {department_key(p.department) for p in meeting.participants if p.department}
    known = ctx.workspace is None or department_key(sheet.department) in {department_key(d) for d in ctx.workspace.departments}
    if known and department_key(sheet.department) not in departments:  # an unknown one is W301's to say
        yield ctx.report(O503, ("afdeling",), f"Afdelingen '{sheet.department}' deltog ikke i læringssamtalen.")
