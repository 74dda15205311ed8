"""``samtale new læringssamtale``: next year's meeting from this year's, or a new meeting
from a built-in agenda (``--skabelon``); with the workspace's mandatory data and what the
meeting before left open (its open agreements, its pejlemærker, its people).

``scaffold(request)`` is this kind's scaffold (``kinds.hook(kinds.MEETING, "scaffold")``);
see :mod:`samtale_cli.new.common` for the signature every scaffold shares.

**The date.** ``--dato``, else the latest meeting's ``næste_møde`` when it is today or
later (a note says so), else the next workday from today.

**Where it starts from.** Without ``--skabelon``, from the latest meeting before the new
date, when there is one (:func:`from_latest`): its title (a year in it that is the old
meeting's becomes the new one's), start, sted, læringsfokus, formål, mål, kernebegreber,
tidsramme, roller, participants (without ``fremmøde``: everyone is expected again),
datagrundlag (without the entry for the meeting before it, paths made relative to the
new file, the mandatory data added when missing) and agenda (without ``referat``, also
on sub-items). Not its date, referent, beslutninger, pejlemærker, aftaler or
næste_møde: those are the new meeting's own. ``--skabelon standard|dagtilbud-for-alle``
(or no earlier meeting) gives a built-in agenda instead, with the standard participants.
Either way the open agreements and the pejlemærker of that meeting are carried over
(:func:`carry_over`).

**Decision: one YAML writer, from the loaded data.** The copied sections are written
anew by :mod:`samtale_cli.core.yamlout` from the values the loader read (as the person
wrote them: '13/5 2024', 'ca. 35 min', a first name), not copied as lines and not
dumped by ruamel.yaml: a second writer would be a second way to get YAML wrong, and
ruamel.yaml's round-trip machinery costs more start-up than ``new`` has under its
0.3 s target (issue 26). What survives besides the values: the order of the keys, the
one-line ``[a, b]`` lists (where the values allow it), and the comment lines right above
each copied section (the ones ``new`` writes, or the person's own); comments inside a
section do not. The text is loaded again before it is written and must give the same
copied values (:func:`_same_copy`).

Dates inside the copied agenda that refer to the old meeting are text (the model has no
dates in ``dagsorden`` or ``tidsramme``), so they cannot fail ``check``; deadlines are
the agreements' (carried over as before: a passed one becomes a comment).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from samtale_cli.check.discover import sniffed_kind
from samtale_cli.check.document import Document
from samtale_cli.check.loader import Source, load_text
from samtale_cli.check.rules.meeting import People
from samtale_cli.check.workspace import (
    meeting_on,
    Result,
    Workspace,
    output_path,
    relative,
    resolve_department,
)
from samtale_cli.core import kinds, yamlout
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import refuse_existing, write_new
from samtale_cli.core.yamlout import scalar
from samtale_cli.model import DEFAULT_MANDATORY_DATA, Meeting
from samtale_cli.new.common import Request, find_latest, placeholder
from samtale_cli.new.themes import example_themes, theme_hint
from samtale_cli.out.schema import modeline

# The agendas 'new læringssamtale' can start from (--skabelon), with their default titles:
# a neutral three-hour læringssamtale, and the seed's agenda before Dagtilbud for alle.
MEETING_TEMPLATES = {
    "standard": "Læringssamtale",
    "dagtilbud-for-alle": "Læringssamtale før forløb med Dagtilbud for alle",
}
DEFAULT_TEMPLATE = "standard"  # without --skabelon and without an earlier meeting
DEFAULT_START = "13:00"


def scaffold(request: Request) -> Result:
    """A new læringssamtale: on ``--dato``, else on the latest meeting's næste_møde, else
    on the next workday from today; from the latest meeting before it unless
    ``--skabelon`` names a built-in agenda."""
    ws = request.ws
    latest = find_latest(ws) if ws is not None else None
    day = request.day
    notes: list[str] = []
    if not request.date_given:
        planned = latest.model.next_meeting if latest is not None else None
        if planned is not None and planned >= request.day:
            day = planned
            notes.append(f"Datoen er næste møde fra læringssamtalen {v.format_date_short(latest.model.date)}: "
                         f"{v.format_date_long(day)}. Vælg en anden med --dato.")
        else:  # a meeting is not planned for a Sunday (S802)
            day = v.next_workday(day, ws.model.closed if ws is not None else None)
    earlier = latest if latest is not None and latest.model.date < day else (
        find_latest(ws, before=day) if ws is not None else None)
    template = request.template
    if template is not None and template not in MEETING_TEMPLATES:
        raise SamtaleError(f"Ukendt skabelon '{template}'. Vælg {kinds.choices(list(MEETING_TEMPLATES))}.")
    if template is None and earlier is not None:
        result = from_latest(request, day, earlier)
    else:
        result = _new_meeting(request.cwd, ws, day, request.department, request.title, request.output,
                              request.force, _start(request.start), template or DEFAULT_TEMPLATE, earlier)
    result.notes[:0] = notes
    return result


def _scaffold(name: str) -> Template:

    return Template(files("samtale_cli.new").joinpath("templates", name).read_text(encoding="utf-8"))


def _start(value: str | None) -> str:
    """``--start``: a clock time such as 9:00, 9.00 or "kl. 9" (default 13:00)."""
    if value is None:
        return DEFAULT_START
    try:
        clock = v.parse_clock(value)
    except v.ParseError as exc:
        raise SamtaleError(f"--start: {exc}") from None
    return f"{clock.hour:02d}:{clock.minute:02d}"


def _participant(name: str, role: str, department: str | None = None, parts: list[str] | None = None,
                 *, standard_parts: bool = True) -> str:
    """A participant as YAML lines, in the parts named (the standard agendas' two parts
    when none are; no ``dele``, i.e. all parts, without ``standard_parts``)."""
    person: dict[str, Any] = {"navn": name, "rolle": role}
    if department:
        person["afdeling"] = department
    if parts or standard_parts:
        person["dele"] = yamlout.Flow(parts or ["plenum", "ledelse"])
    return yamlout.text([person], 2, blocks=False)


def _target(cwd: Path, ws: Workspace | None, day: dt.date, given: str, output: Path | None, force: bool) -> Path:
    """Where the new meeting goes: refused when that file exists (unless ``force``), or
    when the workspace has a meeting that day already."""
    # the file is named after the date, and the title when one is given (not the course)
    conventional = kinds.MEETING.path(ws.root if ws else None, date=day, title=given or kinds.MEETING.ascii)
    target = output_path(output, cwd / conventional, cwd, ws)
    refuse_existing(target, force=force)  # before the schema file is written
    same_day = meeting_on(ws, day) if ws is not None and not force else None
    if same_day is not None:  # a second meeting that day is a slip: it would become "the latest"
        raise SamtaleError(
            f"Der er allerede en læringssamtale {v.format_date_long(day)}: '{relative(same_day, cwd)}'. Åbn den og "
            "ret i den, eller vælg en anden dato med --dato. (Skal der være to, så brug --force.)")
    return target


def _departments(ws: Workspace | None, department: str | None) -> list[str]:
    """The workspace's departments, and ``--afdeling`` when it names another."""
    departments = ws.departments if ws is not None else []
    if department is not None:
        extra = resolve_department(department, ws)
        if extra not in departments:
            departments = [*departments, extra]
    return departments


def _daycare(ws: Workspace | None, earlier: Meeting | None = None) -> str:
    if ws is not None and ws.model.daycare:
        return f"\n# Dagtilbuddet (fra samtale.yaml).\ndagtilbud: {scalar(ws.model.daycare)}\n"
    if earlier is not None and earlier.daycare:
        return f"\n# Dagtilbuddet (fra læringssamtalen før).\ndagtilbud: {scalar(earlier.daycare)}\n"
    return f"\n# Dagtilbuddets navn; ret det til.\ndagtilbud: {scalar(placeholder('dagtilbuddets navn'))}\n"


def _new_meeting(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, title: str | None,
    output: Path | None, force: bool, start: str, template: str, earlier_doc: Document | None,
) -> Result:

    given = (title or "").strip()
    title = given or MEETING_TEMPLATES[template]
    departments = _departments(ws, department)
    target = _target(cwd, ws, day, given, output, force)
    result = Result(target)

    # The standard participants: (role, department, the placeholder for the name).
    slots = [Slot("dagtilbudsleder", None, "navn på dagtilbudsleder"), Slot("børn og unge-chef", None, "navn på BU-chef"),
             Slot("konsulent", None, "navn på konsulent")]
    slots += [Slot("pædagogisk leder", dept, f"navn på pædagogisk leder i {dept}") for dept in departments] or [
        Slot("pædagogisk leder", None, "navn på pædagogisk leder")]

    mandatory = list(ws.model.mandatory_data) if ws is not None else list(DEFAULT_MANDATORY_DATA)
    data = yamlout.text([{"titel": t, "obligatorisk": True} for t in mandatory], 2, blocks=False)

    earlier = carry_over(ws, earlier_doc, day, target, slots)
    names = earlier.names if earlier is not None else {}
    people = "".join(_participant(names.get(i) or placeholder(slot.placeholder), slot.role, slot.department)
                     for i, slot in enumerate(slots))
    if earlier is not None:
        people += earlier.people
        data += earlier.data
        result.notes.append(earlier.note)
    data = data or "  []\n"

    text = _scaffold(f"laeringssamtale-{template}.yaml").substitute(
        modeline=modeline(ws, kinds.MEETING, target, result.notes),
        titel=scalar(title),
        dagtilbud=_daycare(ws),
        dato=day.isoformat(),
        start=start,
        deltagere=people,
        datagrundlag=data,
        opfoelgning=earlier.question if earlier else "",
        temaer=_theme_hint(ws),
        pejlemaerker=earlier.landmarks if earlier else "",
        aftaler=earlier.agreements if earlier else "aftaler: []\n",
        naeste=(day + dt.timedelta(weeks=52)).isoformat(),  # the same weekday a year on
    )
    write_new(target, text, force=force)
    result.written.append(target)
    return result


# ---------------------------------------------------------------- from the latest meeting

# The sections copied from the latest meeting, in the order they are written, with the
# comment each gets when the earlier file has none right above it.
COPIED_SECTIONS = {
    "sted": "Hvor mødet holdes.",
    "læringsfokus": "Læringsfokus for samtalen.",
    "formål": "Formålet med læringssamtalen (fri tekst, Markdown).",
    "mål": "Målet med samtalen.",
    "kernebegreber": "Kernebegreber og mindset.",
    "tidsramme": "Mødets dele i rækkefølge. Dagsordenens punkter i en del skal tilsammen vare delens\n"
                 "minutter (samtale check tæller efter).",
    "roller": "Hvad hver rolle gør på mødet.",
    "deltagere": "Deltagerne fra sidst: navn, rolle, evt. afdeling og de dele af mødet, de er med i.\n"
                 "Ret dem, der er nye, og slet dem, der ikke kommer. Efter mødet: skriv 'fremmøde: afbud'\n"
                 "(eller 'fremmøde: fraværende') ved den, der ikke kom.",
    "datagrundlag": "Datagrundlaget for samtalen. De obligatoriske data skal stå her med\n"
                    "'obligatorisk: true'. 'fil' er en sti til data, relativ til denne fil (kan udelades).",
    "dagsorden": "Dagsordenens punkter i rækkefølge: emne, del, minutter, ansvarlig (roller eller navne),\n"
                 "mål med punktet, evt. spørgsmål og underpunkter. Referatet skrives under 'referat:'\n"
                 "ved hvert punkt efter mødet.",
}
MINUTES_KEY = "referat"
ATTENDANCE_KEY = "fremmøde"


def from_latest(request: Request, day: dt.date, earlier: Document) -> Result:
    """Next year's meeting from ``earlier`` (the latest meeting before ``day``): see the
    module's docstring for what is copied and how."""
    ws = request.ws
    model: Meeting = earlier.model  # type: ignore[assignment]
    when = v.format_date_short(model.date)
    given = (request.title or "").strip()
    title = given or _year_on(model.title, model.date.year, day.year)
    departments = _departments(ws, request.department)
    target = _target(request.cwd, ws, day, given, request.output, request.force)
    result = Result(target)
    if not given and title != model.title:
        result.notes.append(f"Titlen er den fra sidst, med {day.year} for {model.date.year}: {title}")

    data = earlier.data
    people, dropped = _people(data["deltagere"], model, ws, departments)
    for name, department in dropped:
        result.notes.append(f"{name}s afdeling '{department}' står ikke i samtale.yaml; den er ikke taget med.")
    values: dict[str, Any] = {}
    for key in COPIED_SECTIONS:
        if key == "deltagere":
            values[key] = people
        elif key == "datagrundlag":
            values[key] = _data_sources(data.get(key) or [], earlier.path, target, ws)
        elif key == "dagsorden":
            values[key] = _without(data[key], MINUTES_KEY, "punkter")
        elif data.get(key) is not None:
            values[key] = data[key]
    values = {key: _flows(value, (key,), earlier.source) for key, value in values.items()}

    carried = carry_over(ws, earlier, day, target, [], copied=True)
    sections = []
    for key, value in values.items():
        text = yamlout.text({key: value})
        if key == "deltagere" and carried is not None:
            text += carried.people
        if key == "datagrundlag":
            text = "datagrundlag:\n" + (text.partition("\n")[2] if value else "") + (
                carried.data if carried else "" if value else "  []\n")
        sections.append("\n" + _comment_above(earlier.source, key, COPIED_SECTIONS[key]) + text)
    if carried is not None:
        result.notes.append(carried.note)
    result.notes.append(f"Fra læringssamtalen {when}: titel, tidsramme, roller, deltagere, datagrundlag og dagsorden "
                        "(uden referater og fremmøde); ret det, der er anderledes i år.")
    start = _start(request.start) if request.start is not None or model.start is None else \
        f"{model.start.hour:02d}:{model.start.minute:02d}"

    body = _scaffold("laeringssamtale-fra-seneste.yaml").substitute(
        modeline="",  # written below, after the guard: a refused new writes no schema file either
        fra=when,
        kilde=relative(earlier.path, target.parent),
        titel=scalar(title),
        dagtilbud=_daycare(ws, model),
        dato=day.isoformat(),
        start=start,
        sektioner="".join(sections),
        temaer=_theme_hint(ws),
        pejlemaerker=carried.landmarks if carried else "",
        aftaler=carried.agreements if carried else "aftaler: []\n",
        naeste=(day + dt.timedelta(weeks=52)).isoformat(),
    )
    _same_copy(body, target, values, model)
    text = modeline(ws, kinds.MEETING, target, result.notes) + body
    write_new(target, text, force=request.force)
    result.written.append(target)
    return result


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_on(title: str, old: int, new: int) -> str:
    """``title`` with its year moved on: 'Læringssamtale 2025' -> 'Læringssamtale 2026',
    when the only year in it is the old meeting's (not '2024-2025', not a course's year)."""
    years = _YEAR.findall(title)
    if years != [str(old)] or old == new:
        return title
    return _YEAR.sub(str(new), title)


def _people(written: list[Any], model: Meeting, ws: Workspace | None,
            departments: list[str]) -> tuple[list[Any], list[tuple[str, str]]]:
    """The earlier meeting's participants without ``fremmøde``, a department the
    workspace does not know left out (it would be an error now), and a placeholder
    pædagogisk leder for each department without one (a new department, ``--afdeling``);
    with the (name, department) pairs left out."""
    known = {v.department_key(d) for d in departments}
    dropped = []
    people = []
    for person, participant in zip(written, model.participants):
        person = {k: value for k, value in person.items() if k != ATTENDANCE_KEY}
        if ws is not None and participant.department and v.department_key(participant.department) not in known:
            dropped.append((participant.name, participant.department))
            person.pop("afdeling", None)
        people.append(person)
    leader = v.role_key("pædagogisk leder")
    earlier = People.at(model, ws.model if ws is not None else None)
    led = {v.department_key(p.department) for p in model.participants
           if p.department and earlier.role(p.role) == leader}
    for department in departments:
        if v.department_key(department) not in led:
            people.append({"navn": placeholder(f"navn på pædagogisk leder i {department}"),
                           "rolle": "pædagogisk leder", "afdeling": department})
    return people, dropped


def _data_sources(written: list[Any], source: Path, target: Path, ws: Workspace | None) -> list[Any]:
    """The earlier meeting's datagrundlag for the new meeting at ``target``: without the
    entry for the meeting before it (the carry-over names the earlier meeting instead),
    each ``fil`` relative to the new file, and the mandatory data marked and added when
    missing."""
    mandatory = list(ws.model.mandatory_data) if ws is not None else list(DEFAULT_MANDATORY_DATA)
    required = {v.role_key(t) for t in mandatory}
    entries = []
    for entry in written:
        entry = dict(entry)
        path = entry.get("fil")
        if isinstance(path, str):
            at = source.parent / v.posix_path(path)
            if at.suffix in (".yaml", ".yml") and at.is_file() and sniffed_kind(at) is kinds.MEETING:
                continue  # the meeting before the earlier one
            if source.parent != target.parent and not path.startswith(("/", "\\")):
                entry["fil"] = Path(os.path.relpath(at, target.parent)).as_posix()
        if isinstance(entry.get("titel"), str) and v.role_key(entry["titel"]) in required:
            entry["obligatorisk"] = True
        entries.append(entry)
    present = {v.role_key(e["titel"]) for e in entries if isinstance(e.get("titel"), str)}
    missing = [{"titel": t, "obligatorisk": True} for t in mandatory if v.role_key(t) not in present]
    return missing + entries


def _without(items: list[Any], key: str, nested: str) -> list[Any]:
    """``items`` (mappings) without ``key``, also in the mappings of their ``nested`` list."""
    kept = []
    for item in items:
        item = {k: value for k, value in item.items() if k != key}
        if isinstance(item.get(nested), list):
            item[nested] = _without(item[nested], key, nested)
        kept.append(item)
    return kept


_FLOW_UNSAFE = frozenset(",[]{}")


def _flows(value: Any, path: tuple[Any, ...], source: Source) -> Any:
    """``value`` ready for yamlout: a list written ``[a, b]`` in the earlier file is a
    :class:`~samtale_cli.core.yamlout.Flow` again when its items allow it; empty values
    (``sted:`` with nothing after it) are left out, as they were not there."""
    if isinstance(value, dict):
        return {k: _flows(item, (*path, k), source) for k, item in value.items() if item is not None}
    if isinstance(value, list):
        items = [_flows(item, (*path, i), source) for i, item in enumerate(value)]
        pos = source.values.get(path)
        if pos is not None and items and all(_flow_item(item) for item in items) and _at(source, pos) == "[":
            return yamlout.Flow(items)
        return items
    return value


def _flow_item(item: Any) -> bool:
    if isinstance(item, (dict, list)) or item is None:
        return False
    written = scalar(item)
    return written.startswith('"') or not _FLOW_UNSAFE.intersection(written)


def _at(source: Source, pos: Any) -> str:
    lines = source.text.split("\n", pos.line)
    line = lines[pos.line - 1] if len(lines) >= pos.line else ""
    return line[pos.col - 1: pos.col]


def _comment_above(source: Source, key: str, default: str) -> str:
    """The comment lines right above ``key`` in the earlier file (not the file's own
    heading above its first key), else ``default`` as comment lines."""
    lines = source.text.split("\n")
    first = min(pos.line for path, pos in source.keys.items() if len(path) == 1)
    at = source.keys.get((key,))
    if at is not None:
        top = at.line - 1  # 0-based index of the key's line
        while top > 0 and lines[top - 1].startswith("#"):
            top -= 1
        if top > first - 1 and top < at.line - 1:
            return "".join(line.rstrip() + "\n" for line in lines[top:at.line - 1])
    return "".join(line + "\n" for line in yamlout.comment_lines(default))


def _same_copy(text: str, target: Path, values: dict[str, Any], earlier: Meeting) -> None:
    """The new meeting's text, loaded again, holds the copied ``values`` as they were
    given to the writer (the participants and the datagrundlag may be followed by those
    the carry-over adds): a guard against a value the writer would change. Line breaks
    at the start and end of a text are not compared: yamlout writes a text of several
    lines as a literal block, which ends in one line break (``|``), whatever the earlier
    file's block kept (``|-``, ``|+``); Markdown shows the same."""
    from samtale_cli import model as m

    loaded = load_text(text, target.name, rename_key=m.canonical_key)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for key, value in values.items():
        got = data.get(key)
        if key in ("deltagere", "datagrundlag") and isinstance(got, list):
            got = got[:len(value)]
        if _trimmed(got) != _trimmed(value):
            raise SamtaleError(
                f"Den nye læringssamtale kunne ikke få '{key}' med, som den står i den fra "
                f"{v.format_date_short(earlier.date)}; brug --skabelon standard, og kopier det, du vil have med.")


def _trimmed(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip("\n")
    if isinstance(value, dict):
        return {k: _trimmed(item) for k, item in value.items()}
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    return value


def _theme_hint(ws: Workspace | None) -> str:
    """The themes a pejlemærke may have, as comments above 'pejlemærker'."""
    model = ws.model if ws is not None else None
    return theme_hint(model, "Et pejlemærke", ["- tekst: Pejlemærket", f"  temaer: {example_themes(model)}"])


@dataclass(frozen=True)
class Slot:
    """One of a new meeting's standard participants: a role (in a department), whose
    name is a placeholder unless the meeting before had one person in that place."""

    role: str
    department: str | None
    placeholder: str


@dataclass
class CarryOver:
    """What a new læringssamtale takes from the one before it: the names for its
    standard participants (by slot number), YAML text for more participants,
    datagrundlag, a question in the Data item, the earlier pejlemærker (as comments) and
    the open agreements."""

    names: dict[int, str]
    people: str
    data: str
    question: str
    landmarks: str
    agreements: str
    note: str


def carry_over(  # noqa: C901
    ws: Workspace | None, earlier_doc: Document | None, day: dt.date, target: Path, slots: list[Slot],
    *, copied: bool = False,
) -> CarryOver | None:
    """The open agreements and the pejlemærker of ``earlier_doc`` (the workspace's latest
    meeting before ``day``), for the new meeting at ``target`` (whose standard
    participants are ``slots``; with ``copied``, the participants are the earlier
    meeting's, copied by :func:`from_latest`, so only those an agreement needs and the
    new meeting lacks are added, and in all parts).

    The people come back year after year: a slot gets the name of the one participant
    of the meeting before in that role (and department), and stays a placeholder when
    there were none or several; every other participant of that meeting follows (with
    the parts they were in). Each agreement keeps what, who, status and department;
    its deadline when that is still ahead, else the old deadline as a comment (a
    deadline before the meeting is an error, R901). Who is responsible must be at the
    new meeting too: a person named in an agreement who is not in a slot is added as a
    participant (name, role and department from the earlier meeting), and a role the
    new meeting lacks gets a placeholder participant."""

    if ws is None or earlier_doc is None:
        return None
    path = earlier_doc.path
    earlier: Meeting = earlier_doc.model  # type: ignore[assignment]
    carried = [a for a in earlier.agreements if a.is_open]
    if not carried and not earlier.landmarks:
        return None  # nothing to follow up
    when = v.format_date_short(earlier.date)
    people_before = People.at(earlier, ws.model)
    known = {v.role_key(slot.role) for slot in slots}
    names: dict[int, str] = {}
    for i, slot in enumerate(slots):
        there = [p for p in earlier.participants if people_before.role(p.role) == v.role_key(slot.role)
                 and (slot.department is None or v.department_key(p.department or "") == v.department_key(slot.department))]
        if len(there) == 1:
            names[i] = there[0].name
    added: dict[str, str] = {v.role_key(name): "" for name in names.values()}  # in a slot already
    if copied:  # all of them are in the new meeting already
        added.update((v.role_key(person.name), "") for person in earlier.participants)
        known.update(people_before.role(person.role) for person in earlier.participants)
    for person in earlier.participants:  # everyone else comes back too: fyrtårne, parents, the referent
        if v.role_key(person.name) not in added and "(udfyldes)" not in person.name:
            parts = [part for part in person.parts or [] if part in ("plenum", "ledelse")] or None
            added[v.role_key(person.name)] = _participant(person.name, person.role, person.department, parts)
            known.add(people_before.role(person.role))
    lines = []
    for agreement in carried:
        lines.append(f"  - hvad: {scalar(agreement.what)}\n    ansvarlig:\n")
        for who in agreement.responsible:
            lines.append(f"      - {scalar(who)}\n")
            named = people_before.unique_name(who)
            if named is not None:
                person = next(p for p in earlier.participants if p.name == named)
                added.setdefault(v.role_key(named), _participant(person.name, person.role, person.department))
            elif v.role_key(who) != "alle" and people_before.role(who) not in known:
                role = v.canonical_role(who, people_before.extra) or who
                added.setdefault(people_before.role(who), _participant(placeholder(f"navn på {role}"), role,
                                                                       standard_parts=not copied))
        if agreement.deadline is not None and agreement.deadline >= day:
            lines.append(f"    frist: {agreement.deadline.isoformat()}\n")
        elif agreement.deadline is not None:
            lines.append(f"    # frist: {agreement.deadline.isoformat()}  # fristen fra {when}; sæt en ny\n")
        lines.append(f"    status: {agreement.status}\n")
        if agreement.department:
            lines.append(f"    afdeling: {scalar(agreement.department)}\n")
    source = relative(path, target.parent)
    agreements = "aftaler: []\n"
    if carried:
        agreements = (f"# Aftalerne, der stadig var åbne efter læringssamtalen {when} ({source}).\n"
                      "# Tal om dem på mødet, og ret status og frist.\naftaler:\n" + "".join(lines))
    landmarks = ""
    if earlier.landmarks:
        landmarks = (f"# Pejlemærkerne fra læringssamtalen {when}, som denne samtale følger op på:\n"
                     + "".join(line + "\n" for k, text in enumerate(earlier.landmarks, 1)
                               for line in yamlout.comment_lines(f"  {k}. {text.strip()}")))  # a text of lines: each one
    question = f"      - Hvad er der sket med pejlemærkerne fra læringssamtalen {when}?\n" if earlier.landmarks else ""
    data = yamlout.text([{"titel": f"Referat og pejlemærker fra læringssamtalen {when}", "kilde": "Læringssamtale",
                          "fil": source}], 2, blocks=False)
    counted = [
        f"{n} {one if n == 1 else many}"
        for n, one, many in ((len(carried), "åben aftale", "åbne aftaler"), (len(earlier.landmarks), "pejlemærke", "pejlemærker"))
        if n
    ]
    note = f"Fra læringssamtalen {when}: {' og '.join(counted)} at følge op på."
    came_back = sum(1 for text in added.values() if text) + len(names)
    if came_back and not copied:
        note += f" Deltagerne er dem fra sidst ({came_back}); ret dem, der er nye, og slet dem, der ikke kommer."
    return CarryOver(names, "".join(added.values()), data, question, landmarks, agreements, note)


