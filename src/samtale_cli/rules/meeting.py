"""Rules for ``type: læringssamtale``: minutes, parts, people and data."""

from __future__ import annotations

from collections.abc import Iterator

from samtale_cli import model as m
from samtale_cli.catalogue import A101, A102, A103, A104, A105, A106, D401, D402, D403, P201, P202, P203, P205
from samtale_cli.diagnostics import Code, Diagnostic
from samtale_cli.rules import Context, rule
from samtale_cli.rules.workspace import department_known
from samtale_cli.values import canonical_role, role_key


def _compare_sum(
    ctx: Context, where: tuple, total: int, planned: int, codes: tuple[Code, Code], parts: str, whole: str
) -> Iterator[Diagnostic]:
    """More minutes than planned (``codes[0]``, an error); fewer (``codes[1]``, a warning)."""
    if total > planned:
        yield ctx.report(codes[0], where, f"{parts} varer {total} min, men {whole} har {planned} min.")
    elif total < planned:
        yield ctx.report(codes[1], where, f"{parts} varer kun {total} min, men {whole} har {planned} min.")


@rule(m.Meeting)
def part_sums(ctx: Context) -> Iterator[Diagnostic]:
    """The items of each part add up to the part's minutes."""
    meeting: m.Meeting = ctx.model
    known = {p.id for p in meeting.parts}
    totals = dict.fromkeys(known, 0)
    for item in meeting.agenda:
        part = meeting.part_of(item)
        if part in totals:
            totals[part] += item.minutes.minutes
    seen: set[str] = set()
    for i, part in enumerate(meeting.parts):
        if part.id in seen:
            yield ctx.report(A106, ("tidsramme", i, "del"), f"Delen '{part.id}' står to gange i tidsramme.")
            continue
        seen.add(part.id)
        yield from _compare_sum(
            ctx, ("tidsramme", i, "minutter"), totals[part.id], part.minutes.minutes,
            (A101, A102), f"Punkterne i delen '{part.id}'", "delen",
        )


@rule(m.Meeting)
def item_parts(ctx: Context) -> Iterator[Diagnostic]:
    """An item's ``del`` must be a part of ``tidsramme``."""
    meeting: m.Meeting = ctx.model
    known = [p.id for p in meeting.parts]
    for i, item in enumerate(meeting.agenda):
        if item.part is not None and item.part not in known:
            yield ctx.report(A105, ("dagsorden", i, "del"), f"Delen '{item.part}' findes ikke i tidsramme (der er: {', '.join(known)}).",
            )
    for i, person in enumerate(meeting.participants):
        for j, part in enumerate(person.parts or ()):
            if part not in known:
                yield ctx.report(A105, ("deltagere", i, "dele", j), f"Delen '{part}' findes ikke i tidsramme (der er: {', '.join(known)}).",
                )


@rule(m.Meeting)
def subitem_sums(ctx: Context) -> Iterator[Diagnostic]:
    """Sub-items add up to their item's minutes."""
    meeting: m.Meeting = ctx.model
    for i, item in enumerate(meeting.agenda):
        timed = [s.minutes.minutes for s in item.subitems if s.minutes is not None]
        if not timed:
            continue
        yield from _compare_sum(
            ctx, ("dagsorden", i, "minutter"), sum(timed), item.minutes.minutes,
            (A103, A104), f"Underpunkterne til '{item.topic}'", "punktet",
        )


def _people(meeting: m.Meeting) -> tuple[set[str], set[str]]:
    names = {role_key(p.name) for p in meeting.participants}
    roles = {role_key(canonical_role(p.role) or p.role) for p in meeting.participants}
    return names, roles


@rule(m.Meeting)
def responsible_present(ctx: Context) -> Iterator[Diagnostic]:
    """Every ``ansvarlig`` is a participant's role or name."""
    meeting: m.Meeting = ctx.model
    names, roles = _people(meeting)
    extra = ctx.workspace.roles if ctx.workspace else ()

    def check(who: str, path: tuple) -> Iterator[Diagnostic]:
        key = role_key(who)
        if key in names or role_key(canonical_role(who, extra) or who) in roles:
            return
        yield ctx.report(P201, path, f"Ansvarlig '{who}' er hverken en deltagers rolle eller navn.")

    for i, item in enumerate(meeting.agenda):
        for j, who in enumerate(item.responsible):
            yield from check(who, ("dagsorden", i, "ansvarlig", j))
        for k, sub in enumerate(item.subitems):
            for j, who in enumerate(sub.responsible):
                yield from check(who, ("dagsorden", i, "punkter", k, "ansvarlig", j))


@rule(m.Meeting)
def secretary_present(ctx: Context) -> Iterator[Diagnostic]:
    meeting: m.Meeting = ctx.model
    if meeting.secretary is None:
        return
    names, _roles = _people(meeting)
    if role_key(meeting.secretary) not in names:
        yield ctx.report(P202, ("referent",), f"Referenten '{meeting.secretary}' står ikke blandt deltagerne.")


@rule(m.Meeting)
def participants(ctx: Context) -> Iterator[Diagnostic]:
    """Nobody twice; known roles; departments from the workspace."""
    meeting: m.Meeting = ctx.model
    extra = ctx.workspace.roles if ctx.workspace else ()
    first: dict[str, int] = {}
    for i, person in enumerate(meeting.participants):
        key = role_key(person.name)
        if key in first:
            line = ctx.doc.source.value_pos(("deltagere", first[key])).line
            yield ctx.report(P203, ("deltagere", i, "navn"), f"'{person.name}' står to gange blandt deltagerne (også i linje {line}).")
        else:
            first[key] = i
        if canonical_role(person.role, extra) is None:
            yield ctx.report(P205, ("deltagere", i, "rolle"), f"Ukendt rolle '{person.role}'. Tilføj den under 'roller' i samtale.yaml, hvis den er rigtig.",
            )
        if person.department is not None:
            yield from department_known(ctx, person.department, ("deltagere", i, "afdeling"))
    for role in meeting.roles:
        if canonical_role(role, extra) is None:
            yield ctx.report(P205, ("roller", role), f"Ukendt rolle '{role}' under 'roller'.", key=True)


@rule(m.Meeting)
def mandatory_data(ctx: Context) -> Iterator[Diagnostic]:
    meeting: m.Meeting = ctx.model
    required = ctx.workspace.mandatory_data if ctx.workspace else list(m.DEFAULT_MANDATORY_DATA)
    present = {role_key(d.title): (i, d) for i, d in enumerate(meeting.data)}
    for title in required:
        found = present.get(role_key(title))
        if found is None:
            yield ctx.report(D401, ("datagrundlag",), f"Obligatorisk data mangler i datagrundlag: '{title}'.", key=True)
        elif not found[1].mandatory:
            yield ctx.report(D402, ("datagrundlag", found[0], "titel"), f"'{title}' er obligatorisk data; skriv 'obligatorisk: true'.",
            )


@rule(m.Meeting)
def data_files(ctx: Context) -> Iterator[Diagnostic]:
    meeting: m.Meeting = ctx.model
    base = ctx.doc.path.parent
    for i, data in enumerate(meeting.data):
        if data.file is None:
            continue
        if not ctx.exists(base / data.file):
            yield ctx.report(D403, ("datagrundlag", i, "fil"), f"Filen '{data.file}' findes ikke (stien er relativ til denne fil).")
