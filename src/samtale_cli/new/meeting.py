"""``samtale new læringssamtale``: a new meeting from an agenda template
(``--skabelon``), with the standard participants, the workspace's mandatory data, and
what the meeting before left open (its open agreements, its pejlemærker, its people).

``scaffold(request)`` is this kind's scaffold (``kinds.hook(kinds.MEETING, "scaffold")``);
see :mod:`samtale_cli.new.common` for the signature every scaffold shares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from samtale_cli.check.document import read
from samtale_cli.check.rules.meeting import People
from samtale_cli.check.workspace import (
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
from samtale_cli.core.kinds import MEETINGS_DIR
from samtale_cli.core.yamlout import scalar
from samtale_cli.model import DEFAULT_MANDATORY_DATA, Meeting
from samtale_cli.new.common import Request, latest_meeting, placeholder, read_meeting
from samtale_cli.out.schema import modeline

# The agendas 'new læringssamtale' can start from (--skabelon), with their default titles:
# a neutral three-hour læringssamtale, and the seed's agenda before Dagtilbud for alle.
MEETING_TEMPLATES = {
    "standard": "Læringssamtale",
    "dagtilbud-for-alle": "Læringssamtale før forløb med Dagtilbud for alle",
}
DEFAULT_START = "13:00"


def scaffold(request: Request) -> Result:
    """A new læringssamtale; without ``--dato`` on the next workday from today."""
    day = request.day
    if not request.date_given:  # a meeting is not planned for a Sunday (S802)
        day = v.next_workday(day, request.ws.model.closed if request.ws is not None else None)
    return _new_meeting(request.cwd, request.ws, day, request.department, request.title, request.output,
                        request.force, _start(request.start), request.template)


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


def _participant(name: str, role: str, department: str | None = None, parts: list[str] | None = None) -> str:
    person: dict[str, Any] = {"navn": name, "rolle": role}
    if department:
        person["afdeling"] = department
    person["dele"] = yamlout.Flow(parts or ["plenum", "ledelse"])
    return yamlout.text([person], 2, blocks=False)


def _new_meeting(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, title: str | None,
    output: Path | None, force: bool, start: str, template: str,
) -> Result:

    if template not in MEETING_TEMPLATES:
        raise SamtaleError(f"Ukendt skabelon '{template}'. Vælg {kinds.choices(list(MEETING_TEMPLATES))}.")
    given = (title or "").strip()
    title = given or MEETING_TEMPLATES[template]
    departments = ws.departments if ws is not None else []
    if department is not None:
        extra = resolve_department(department, ws)
        if extra not in departments:
            departments = [*departments, extra]
    # the file is named after the date, and the title when one is given (not the course)
    conventional = kinds.MEETING.path(ws.root if ws else None, date=day, title=given or kinds.MEETING.ascii)
    target = output_path(output, cwd / conventional, cwd, ws)
    refuse_existing(target, force=force)  # before the schema file is written
    same_day = _meeting_on(ws, day) if ws is not None and not force else None
    if same_day is not None:  # a second meeting that day is a slip: it would become "the latest"
        raise SamtaleError(
            f"Der er allerede en læringssamtale {v.format_date_long(day)}: '{relative(same_day, cwd)}'. Åbn den og "
            "ret i den, eller vælg en anden dato med --dato. (Skal der være to, så brug --force.)")
    result = Result(target)

    # The standard participants: (role, department, the placeholder for the name).
    slots = [Slot("dagtilbudsleder", None, "navn på dagtilbudsleder"), Slot("børn og unge-chef", None, "navn på BU-chef"),
             Slot("konsulent", None, "navn på konsulent")]
    slots += [Slot("pædagogisk leder", dept, f"navn på pædagogisk leder i {dept}") for dept in departments] or [
        Slot("pædagogisk leder", None, "navn på pædagogisk leder")]

    mandatory = list(ws.model.mandatory_data) if ws is not None else list(DEFAULT_MANDATORY_DATA)
    data = yamlout.text([{"titel": t, "obligatorisk": True} for t in mandatory], 2, blocks=False)

    earlier = carry_over(ws, day, target, slots)
    names = earlier.names if earlier is not None else {}
    people = "".join(_participant(names.get(i) or placeholder(slot.placeholder), slot.role, slot.department)
                     for i, slot in enumerate(slots))
    if earlier is not None:
        people += earlier.people
        data += earlier.data
        result.notes.append(earlier.note)
    data = data or "  []\n"

    if ws is not None and ws.model.daycare:
        daycare = f"\n# Dagtilbuddet (fra samtale.yaml).\ndagtilbud: {scalar(ws.model.daycare)}\n"
    else:
        daycare = f"\n# Dagtilbuddets navn; ret det til.\ndagtilbud: {scalar(placeholder('dagtilbuddets navn'))}\n"

    text = _scaffold(f"laeringssamtale-{template}.yaml").substitute(
        modeline=modeline(ws, kinds.MEETING, target, result.notes),
        titel=scalar(title),
        dagtilbud=daycare,
        dato=day.isoformat(),
        start=start,
        deltagere=people,
        datagrundlag=data,
        opfoelgning=earlier.question if earlier else "",
        pejlemaerker=earlier.landmarks if earlier else "",
        aftaler=earlier.agreements if earlier else "aftaler: []\n",
        naeste=(day + dt.timedelta(weeks=52)).isoformat(),  # the same weekday a year on
    )
    write_new(target, text, force=force)
    result.written.append(target)
    return result


def _meeting_on(ws: Workspace, day: dt.date) -> Path | None:
    """The workspace's læringssamtale on ``day``, if there is one (by its file name's
    date, as ``new`` names them, then by its 'dato')."""

    folder = ws.root / MEETINGS_DIR
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"{day.isoformat()}*.y*ml")):
        model = read(path, path.name).model
        if isinstance(model, Meeting) and model.date == day:
            return path
    return None



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


def carry_over(ws: Workspace | None, day: dt.date, target: Path, slots: list[Slot]) -> CarryOver | None:  # noqa: C901
    """The open agreements and the pejlemærker of the workspace's latest meeting before
    ``day``, for the new meeting at ``target`` (whose standard participants are
    ``slots``).

    The people come back year after year: a slot gets the name of the one participant
    of the meeting before in that role (and department), and stays a placeholder when
    there were none or several; every other participant of that meeting follows (with
    the parts they were in). Each agreement keeps what, who, status and department;
    its deadline when that is still ahead, else the old deadline as a comment (a
    deadline before the meeting is an error, R901). Who is responsible must be at the
    new meeting too: a person named in an agreement who is not in a slot is added as a
    participant (name, role and department from the earlier meeting), and a role the
    new meeting lacks gets a placeholder participant."""

    path = latest_meeting(ws, before=day) if ws is not None else None
    if path is None:
        return None
    earlier = read_meeting(path)
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
                added.setdefault(people_before.role(who), _participant(placeholder(f"navn på {role}"), role))
        if agreement.deadline is not None and agreement.deadline >= day:
            lines.append(f"    frist: {agreement.deadline.isoformat()}\n")
        elif agreement.deadline is not None:
            lines.append(f"    # frist: {agreement.deadline.isoformat()} (fristen fra {when}; sæt en ny)\n")
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
                     + "".join(f"#   {k}. {text}\n" for k, text in enumerate(earlier.landmarks, 1)))
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
    if came_back:
        note += f" Deltagerne er dem fra sidst ({came_back}); ret dem, der er nye, og slet dem, der ikke kommer."
    return CarryOver(names, "".join(added.values()), data, question, landmarks, agreements, note)


