"""Rules for ``type: læringssamtale``: minutes, parts, people and data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PureWindowsPath

from samtale_cli import model as m
from samtale_cli.core.catalogue import A101, A102, A103, A104, A105, A106, D401, D402, D403, P201, P202, P203, P205
from samtale_cli.core.diagnostics import Code, Diagnostic
from samtale_cli.core.files import leads_inside
from samtale_cli.check.rules.base import Context, rule
from samtale_cli.core.text import NEAR, closest, mente_du, suggest
from samtale_cli.check.rules.workspace import department_known
from samtale_cli.core.values import canonical_role, name_key, role_key, role_suggestion


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
        if role_key(part.id) in seen:
            yield ctx.report(A106, ("tidsramme", i, "del"), f"Delen '{part.id}' står to gange i tidsramme.")
            continue
        seen.add(role_key(part.id))
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
        if item.part is not None and meeting.part_named(item.part) is None:
            yield ctx.report(A105, ("dagsorden", i, "del"),
                             f"Delen '{item.part}' findes ikke i tidsramme (der er: {', '.join(known)}).{suggest(item.part, known)}")
    for i, person in enumerate(meeting.participants):
        for j, part in enumerate(person.parts or ()):
            if meeting.part_named(part) is None:
                yield ctx.report(A105, ("deltagere", i, "dele", j),
                                 f"Delen '{part}' findes ikke i tidsramme (der er: {', '.join(known)}).{suggest(part, known)}")


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


EVERYONE = "alle"  # ansvarlig: alle -- every participant of the item's part


@dataclass
class People:
    """Who is at a meeting, for the rules that name people: full names, first names that
    are unique among the participants, and the roles (the built-in ones, the
    workspace's and the meeting's own ``roller``)."""

    meeting: m.Meeting
    extra: tuple[str, ...]
    names: dict[str, str] = field(default_factory=dict)  # key -> name as written
    first_names: dict[str, list[str]] = field(default_factory=dict)
    loose: dict[str, list[str]] = field(default_factory=dict)  # name_key of a full or first name -> names
    roles: set[str] = field(default_factory=set)  # keys of the participants' roles
    typos: dict[str, str] = field(default_factory=dict)  # key of a known role -> the unknown role written

    @classmethod
    def of(cls, ctx: Context) -> People:
        return cls.at(ctx.model, ctx.workspace)

    @classmethod
    def at(cls, meeting: m.Meeting, workspace: m.Workspace | None = None) -> People:
        """The people of ``meeting`` (``workspace`` adds its roles)."""
        extra = tuple(workspace.roles if workspace else ()) + tuple(meeting.roles)
        people = cls(meeting, extra)
        for p in meeting.participants:
            people.names[role_key(p.name)] = p.name
            first = p.name.split()[0] if p.name.split() else p.name
            people.first_names.setdefault(role_key(first), []).append(p.name)
            for key in {name_key(p.name), name_key(first)}:
                people.loose.setdefault(key, []).append(p.name)
            known = canonical_role(p.role, extra)
            people.roles.add(role_key(known or p.role))
            if known is None and (close := role_suggestion(p.role, extra)):
                people.typos[role_key(canonical_role(close, extra) or close)] = p.role
        return people

    def unique_name(self, who: str) -> str | None:
        """The participant ``who`` names: a full name, a first name only one has, or a
        first name with the initial of the last name ('Tina L.', as minutes write it)."""
        key = role_key(who)
        if key in self.names:
            return self.names[key]
        matches = self.first_names.get(key, [])
        if len(matches) == 1:
            return matches[0]
        initial = re.fullmatch(r"(\S+)\s+(\w)\.?", who.strip())
        if initial:
            same = [n for n in self.first_names.get(role_key(initial[1]), [])
                    if len(n.split()) > 1 and role_key(n.split()[-1]).startswith(role_key(initial[2]))]
            if len(same) == 1:
                return same[0]
        if matches:  # a first name several have: nobody in particular
            return None
        loose = set(self.loose.get(name_key(who), []))  # 'Soren' for Søren
        return loose.pop() if len(loose) == 1 else None

    def namesakes(self, who: str) -> list[str]:
        """The participants whose first name ``who`` is, when there are several."""
        found = self.first_names.get(role_key(who)) or sorted(set(self.loose.get(name_key(who), [])))
        return found if len(found) > 1 else []

    def role(self, who: str) -> str:
        return role_key(canonical_role(who, self.extra) or who)

    def unknown(self, who: str) -> str | None:
        """Why ``ansvarlig: who`` names nobody at the meeting (a Danish message), or None
        when it is a participant's role or name, or ``alle``. None too for a role spelt
        like a participant's misspelt role: one typo, one finding (P205 says it)."""
        if role_key(who) == EVERYONE or self.unique_name(who) is not None or self.role(who) in self.roles:
            return None
        if self.role(who) in self.typos:
            return None
        namesakes = self.namesakes(who)
        if namesakes:
            return f"Ansvarlig '{who}' passer på flere deltagere ({', '.join(namesakes)}); skriv hele navnet."
        role = canonical_role(who, self.extra)
        if role is not None:  # a role all right, but nobody at the meeting has it
            return (f"Ansvarlig '{who}' er en rolle, men ingen af deltagerne har rollen '{role}'. Skriv navnet på "
                    "den deltager, der har ansvaret, eller tilføj personen under 'deltagere' med den rolle.")
        firsts = [name.split()[0] for names in self.first_names.values() for name in names if name.split()]
        close = suggest(who, [*self.names.values(), *firsts, *(p.role for p in self.meeting.participants)])
        return (f"Ansvarlig '{who}' er hverken en deltagers rolle eller navn.{close} Tilføj personen under "
                "'deltagere', eller skriv en rolle, fx dagtilbudsleder.")

    def matches(self, who: str, person: m.Participant) -> bool:
        """Whether ``ansvarlig: who`` includes ``person``: their name, their role, or ``alle``."""
        if role_key(who) == EVERYONE:
            return True
        named = self.unique_name(who)
        if named is not None:
            return role_key(named) == role_key(person.name)
        return self.role(who) == self.role(person.role)


@rule(m.Meeting)
def responsible_present(ctx: Context) -> Iterator[Diagnostic]:
    """Every ``ansvarlig`` is a participant's role, a participant's name (or a first name
    only one participant has), or ``alle``."""
    meeting: m.Meeting = ctx.model
    people = People.of(ctx)

    def check(who: str, path: tuple) -> Iterator[Diagnostic]:
        problem = people.unknown(who)
        if problem:
            yield ctx.report(P201, path, problem)

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
    people = People.of(ctx)
    if people.unique_name(meeting.secretary) is None:
        close = suggest(meeting.secretary, list(people.names.values()))
        yield ctx.report(P202, ("referent",), f"Referenten '{meeting.secretary}' står ikke blandt deltagerne.{close}")


@rule(m.Meeting)
def participants(ctx: Context) -> Iterator[Diagnostic]:
    """Nobody twice; known roles (with "Mente du ...?"); departments from the workspace."""
    meeting: m.Meeting = ctx.model
    extra = People.of(ctx).extra
    first: dict[str, int] = {}
    for i, person in enumerate(meeting.participants):
        key = role_key(person.name)
        if key in first:
            line = ctx.doc.source.value_pos(("deltagere", first[key])).line
            yield ctx.report(P203, ("deltagere", i, "navn"), f"'{person.name}' står to gange blandt deltagerne (også i linje {line}).")
        else:
            first[key] = i
        if canonical_role(person.role, extra) is None:
            close = role_suggestion(person.role, extra)
            hint = (mente_du(close) if close else
                    " Tilføj den under 'roller' i samtale.yaml (eller i mødets 'roller'), hvis den er rigtig.")
            yield ctx.report(P205, ("deltagere", i, "rolle"), f"Ukendt rolle '{person.role}'.{hint}")
        if person.department is not None:
            yield from department_known(ctx, person.department, ("deltagere", i, "afdeling"))
    workspace_roles = tuple(ctx.workspace.roles if ctx.workspace else ())
    for role in meeting.roles:
        # the meeting's own roles are known in it; an unknown one close to a known one is a typo
        if canonical_role(role, workspace_roles) is None and (close := role_suggestion(role, workspace_roles)):
            if role_key(close) != role_key(role):
                yield ctx.report(P205, ("roller", role), f"Ukendt rolle '{role}' under 'roller'.{mente_du(close)}", key=True)


@rule(m.Meeting)
def mandatory_data(ctx: Context) -> Iterator[Diagnostic]:
    meeting: m.Meeting = ctx.model
    required = ctx.workspace.mandatory_data if ctx.workspace else list(m.DEFAULT_MANDATORY_DATA)
    present = {role_key(d.title): (i, d) for i, d in enumerate(meeting.data)}
    required_keys = {role_key(t) for t in required}
    for title in required:
        found = present.get(role_key(title))
        if found is None:
            # a title spelt nearly like the mandatory one: one finding, at that title
            spare = [d.title for d in meeting.data if role_key(d.title) not in required_keys]
            close = closest(title, spare, key=role_key, cutoff=NEAR)
            if close is not None:
                i, data = present[role_key(close)]
                yield ctx.report(
                    D401, ("datagrundlag", i, "titel"),
                    f"'{data.title}' ligner den obligatoriske '{title}'; ret stavningen, så de er ens.",
                )
                continue
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
        where = ("datagrundlag", i, "fil")
        if data.file.startswith(("/", "\\")) or PureWindowsPath(data.file).drive:  # '/x', 'C:/x', '//server/x'
            yield ctx.report(D403, where, f"Filen '{data.file}' er en fuld sti; læg filen i arbejdsmappen, og skriv "
                             "stien relativ til denne fil (fx data/tilsyn.pdf), så den virker på alle maskiner.")
        elif ctx.root is not None and not leads_inside(base / data.file, ctx.root):
            yield ctx.report(D403, where, f"Filen '{data.file}' ligger uden for arbejdsmappen; læg den i "
                             "arbejdsmappen, og skriv stien relativ til denne fil.")
        elif not ctx.exists(base / data.file):
            yield ctx.report(D403, where, f"Filen '{data.file}' findes ikke (stien er relativ til denne fil).")
