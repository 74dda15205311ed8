"""``samtale new``: a new, commented document that ``samtale check`` accepts as it stands.

Decisions (see also the CLI help):

* Inside a workspace the first line of a new file is a yaml-language-server modeline
  pointing at ``.samtale/schema/<type>.json`` (written there if it is missing).
  Outside a workspace there is no schema file to point at, so the modeline is left
  out and the first line says how to get one (``samtale schema``).
* Conventional file names are built from slugs only, so a title or a department name
  can never lead outside the workspace. ``-o`` is the user's own explicit choice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import check_inside, refuse_existing, write_new
from samtale_cli.core.kinds import MEETINGS_DIR, SCHEMA_DIR, Kind
from samtale_cli.out.schema import modeline
from samtale_cli.check.workspace import (
    Result,
    Workspace,
    find_workspace,
    output_path,
    parse_date_option,
    relative,
    resolve_department,
    yaml_scalar,
)

# The agendas 'new læringssamtale' can start from (--skabelon), with their default titles:
# a neutral three-hour læringssamtale, and the seed's agenda before Dagtilbud for alle.
MEETING_TEMPLATES = {
    "standard": "Læringssamtale",
    "dagtilbud-for-alle": "Læringssamtale før forløb med Dagtilbud for alle",
}
DEFAULT_START = "13:00"
DEFAULT_PLAN_TITLE = "Ny indsats"


PLACEHOLDER_MARK = "(udfyldes)"


def placeholder(text: str) -> str:
    """A value the person must write over; 'samtale check' warns until it is gone (S801).
    Decision: the mark is a trailing "(udfyldes)", not «...»: Danes use «» as quotation
    marks, and a text that says it is still to be filled in should be flagged anyway."""
    return f"{text[:1].upper()}{text[1:]} {PLACEHOLDER_MARK}"


def new_document(
    kind: Kind,
    cwd: Path,
    *,
    date: str | None = None,
    department: str | None = None,
    title: str | None = None,
    meeting: Path | None = None,
    output: Path | None = None,
    force: bool = False,
    start: str | None = None,
    template: str = "standard",
) -> Result:
    """Write a new document of ``kind`` that ``samtale check`` accepts as it stands
    (with warnings for the placeholders that are left to fill in)."""
    day = parse_date_option(date)
    ws = find_workspace(cwd)
    if kind is kinds.MEETING:
        if date is None:  # a meeting is not planned for a Sunday (S802)
            day = v.next_workday(day, ws.model.closed if ws is not None else None)
        return _new_meeting(cwd, ws, day, department, title, output, force, _start(start), template)
    if kind is kinds.SHEET:
        return _new_sheet(cwd, ws, day, department, meeting, output, force, date_given=date is not None)
    if kind is kinds.PLAN:
        return _new_plan(cwd, ws, day, department, title, output, force)
    raise SamtaleError(f"'samtale new' kan ikke lave en fil af typen '{kind.name}'.")


def _scaffold(name: str) -> Template:
    from importlib.resources import files

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
    text = f"  - navn: {yaml_scalar(name)}\n    rolle: {yaml_scalar(role)}\n"
    if department:
        text += f"    afdeling: {yaml_scalar(department)}\n"
    return text + f"    dele: [{', '.join(parts or ['plenum', 'ledelse'])}]\n"


def _new_meeting(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, title: str | None,
    output: Path | None, force: bool, start: str, template: str,
) -> Result:
    from samtale_cli.model import DEFAULT_MANDATORY_DATA

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
    data = "".join(f"  - titel: {yaml_scalar(t)}\n    obligatorisk: true\n" for t in mandatory)

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
        daycare = f"\n# Dagtilbuddet (fra samtale.yaml).\ndagtilbud: {yaml_scalar(ws.model.daycare)}\n"
    else:
        daycare = f"\n# Dagtilbuddets navn; ret det til.\ndagtilbud: {yaml_scalar(placeholder('dagtilbuddets navn'))}\n"

    text = _scaffold(f"laeringssamtale-{template}.yaml").substitute(
        modeline=modeline(ws, kinds.MEETING, target, result.notes),
        titel=yaml_scalar(title),
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
    from samtale_cli.check.document import read
    from samtale_cli.model import Meeting

    folder = ws.root / MEETINGS_DIR
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"{day.isoformat()}*.y*ml")):
        model = read(path, path.name).model
        if isinstance(model, Meeting) and model.date == day:
            return path
    return None


def latest_meeting(ws: Workspace, before: dt.date | None = None) -> Path | None:
    """The workspace's læringssamtale with the latest date (valid files only), or the
    latest before ``before``."""
    from samtale_cli.check.document import read
    from samtale_cli.model import Meeting
    from samtale_cli.check.discover import discover

    best: tuple[dt.date, str, Path] | None = None
    folder = ws.root / MEETINGS_DIR
    if not folder.is_dir():
        return None
    for path in discover([folder]):
        doc = read(path, path.name)
        if isinstance(doc.model, Meeting) and (before is None or doc.model.date < before):
            key = (doc.model.date, path.name, path)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


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


def carry_over(ws: Workspace | None, day: dt.date, target: Path, slots: list[Slot]) -> CarryOver | None:
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
    from samtale_cli.check.rules.meeting import People

    path = latest_meeting(ws, before=day) if ws is not None else None
    if path is None:
        return None
    earlier = _read_meeting(path)
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
        lines.append(f"  - hvad: {yaml_scalar(agreement.what)}\n    ansvarlig:\n")
        for who in agreement.responsible:
            lines.append(f"      - {yaml_scalar(who)}\n")
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
            lines.append(f"    afdeling: {yaml_scalar(agreement.department)}\n")
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
    data = (f"  - titel: {yaml_scalar(f'Referat og pejlemærker fra læringssamtalen {when}')}\n"
            f"    kilde: Læringssamtale\n    fil: {yaml_scalar(source)}\n")
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


def _read_meeting(path: Path) -> Any:
    from samtale_cli.check.document import read
    from samtale_cli.model import Meeting

    from samtale_cli.core.files import show

    if not path.is_file():
        raise SamtaleError(f"Læringssamtalen '{show(path)}' findes ikke.")
    doc = read(path, str(path))
    if not isinstance(doc.model, Meeting):
        raise SamtaleError(f"'{show(path)}' er ikke en gyldig læringssamtale; kør 'samtale check' på den.")
    return doc.model


def _new_sheet(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, meeting: Path | None,
    output: Path | None, force: bool, *, date_given: bool,
) -> Result:
    if not department:
        raise SamtaleError("Opmærksomhedspunkter skal have en afdeling: brug --afdeling.")
    department = resolve_department(department, ws)
    if meeting is not None:
        meeting = Path(v.posix_path(str(meeting)))
        meeting_path = (meeting if meeting.is_absolute() else cwd / meeting).resolve()
        if meeting_path.is_dir():
            raise SamtaleError(f"'{meeting.as_posix()}' er en mappe; angiv læringssamtalens fil med --læringssamtale.")
        if not meeting_path.is_file():
            from samtale_cli.core.text import suggest_path

            raise SamtaleError(f"Læringssamtalen '{meeting.as_posix()}' findes ikke.{suggest_path(meeting)}")
    elif ws is not None:
        found = latest_meeting(ws)
        if found is None:
            raise SamtaleError(f"Der er ingen gyldig læringssamtale i {MEETINGS_DIR}/; brug --læringssamtale FIL.")
        meeting_path = found
    else:
        raise SamtaleError("Uden for en arbejdsmappe skal du angive læringssamtalen: brug --læringssamtale FIL.")
    meeting_model = _read_meeting(meeting_path)
    if not date_given:
        day = meeting_model.date

    conventional = kinds.SHEET.path(ws.root if ws else None, department=department, date=day)
    target = output_path(output, cwd / conventional, cwd, ws)
    refuse_existing(target, force=force)  # before the schema file is written
    result = Result(target)

    departments = {v.department_key(p.department) for p in meeting_model.participants if p.department}
    if v.department_key(department) not in departments:
        result.notes.append(
            f"Advarsel: afdelingen '{department}' står ikke blandt læringssamtalens deltagere; "
            "samtale check vil advare om det."
        )
    landmarks = list(meeting_model.landmarks)
    landmark_note = (
        "# Læringssamtalens pejlemærker (bruges som beslutning, når 'beslutning' er udeladt):\n"
        + "".join(f"#   - {line}\n" for line in landmarks)
        if landmarks
        else "# Læringssamtalen har endnu ingen pejlemærker; skriv beslutningen her, eller udfyld\n"
        "# 'pejlemærker' i læringssamtalen.\n"
    )
    text = f"""{modeline(ws, kinds.SHEET, target, result.notes)}
# Opmærksomhedspunkter for {department} efter læringssamtalen {v.format_date_short(meeting_model.date)}.
# Udfyldes af den pædagogiske leder i ledelsesdelen af læringssamtalen. Tjek: samtale check
type: opmærksomhedspunkter

# Stien til læringssamtalen, relativ til denne fil.
læringssamtale: {yaml_scalar(relative(meeting_path, target.parent))}

# Afdelingen, arket gælder; skal stå i samtale.yaml's afdelinger.
afdeling: {yaml_scalar(department)}

# Beslutning fra læringssamtalen; kan udelades, så bruges mødets pejlemærker.
{landmark_note}# beslutning: |
#   ...

# Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen? (fri tekst)
arbejdet_med:

# Hvad peger data på, vi skal arbejde med? (fri tekst)
data_peger_på:

# 3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen. Skriv dem over
# pladsholderne, der slutter med (udfyldes); samtale check advarer, indtil de er skrevet om.
punkter:
  - {placeholder("opmærksomhedspunkt 1")}
  - {placeholder("opmærksomhedspunkt 2")}
  - {placeholder("opmærksomhedspunkt 3")}
"""
    write_new(target, text, force=force)
    result.written.append(target)
    return result


def first_recurring_day(start: dt.date, end: dt.date, every: v.Interval, closed: Any = None) -> dt.date:
    """The first day from ``start`` whose every occurrence up to ``end`` is a workday."""
    for offset in range(28):
        first = start + dt.timedelta(days=offset)
        if first > end:
            break
        if not any(v.day_off(d, closed) for d in v.occurrences(first, every, end)):
            return first
    return v.next_workday(start, closed)


def latest_sheet(ws: Workspace | None, department: str, target: Path) -> tuple[str, Any] | None:
    """The department's sheet of attention points after its latest læringssamtale (the
    path relative to ``target``'s folder, and the sheet), for a new plan to follow up."""
    from samtale_cli.check.document import read
    from samtale_cli.model import AttentionSheet, Meeting

    if ws is None:
        return None
    folder = ws.root / kinds.SHEET.folder.format(afdeling=v.slugify(department))
    best: tuple[dt.date, str, Path, Any] | None = None
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        sheet = read(path, path.name).model
        if not isinstance(sheet, AttentionSheet) or v.department_key(sheet.department) != v.department_key(department):
            continue
        meeting_path = path.parent / sheet.meeting
        meeting = read(meeting_path, meeting_path.name).model if meeting_path.is_file() else None
        if isinstance(meeting, Meeting) and (best is None or (meeting.date, path.name) > best[:2]):
            best = (meeting.date, path.name, path, sheet)
    return (relative(best[2], target.parent), best[3]) if best else None


def _new_plan(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, title: str | None,
    output: Path | None, force: bool,
) -> Result:
    if not department:
        raise SamtaleError("En indsats skal have en afdeling: brug --afdeling.")
    department = resolve_department(department, ws)
    title = (title or "").strip() or DEFAULT_PLAN_TITLE
    conventional = kinds.PLAN.path(ws.root if ws else None, department=department, title=title)
    target = output_path(output, cwd / conventional, cwd, ws)
    refuse_existing(target, force=force)  # before the schema file is written
    result = Result(target)

    # Phases start and end on working days (a plan made on a Sunday starts on Monday).
    closed = ws.model.closed if ws is not None else None
    start = v.next_workday(day, closed)
    end1 = v.next_workday(start + dt.timedelta(weeks=6), closed)
    end2 = v.next_workday(end1 + dt.timedelta(weeks=13), closed)
    end3 = v.next_workday(end2 + dt.timedelta(weeks=26), closed)
    milestone = v.next_workday(end1 + dt.timedelta(weeks=4), closed)
    every = v.parse_interval("4 uger")
    first_meeting = first_recurring_day(end2, end3, every, closed)
    found = latest_sheet(ws, department, target)
    if found is not None:
        sheet_path, sheet = found
        points = "".join(f"  #   {k}. {point}\n" for k, point in enumerate(sheet.points, 1))
        follows = (
            "# Det ark med opmærksomhedspunkter, indsatsen følger op på, og de punkter i det, den\n"
            "# tager op (numrene; uden 'punkter' følger den op på dem alle). samtale oversigt viser\n"
            "# de punkter, som ingen indsats følger op på endnu.\n"
            f"opmærksomhedspunkter:\n  fil: {yaml_scalar(sheet_path)}\n  # punkter: [1, 2]\n"
            f"  # Arkets punkter:\n{points}"
        )
    else:
        follows = (
            "# Det ark med opmærksomhedspunkter, indsatsen følger op på (relativ sti), og de\n"
            "# punkter i det, den tager op (numrene; uden 'punkter' følger den op på dem alle).\n"
            "# opmærksomhedspunkter:\n#   fil: opmaerksomhedspunkter-ÅÅÅÅ-MM-DD.yaml\n#   punkter: [1, 2]\n"
        )

    text = f"""{modeline(ws, kinds.PLAN, target, result.notes)}
# Indsats for {department}: mål, begrundelse og en tidslinje i faser.
# Datoerne er forslag ud fra {v.format_date_short(day)}; ret dem til. Tjek: samtale check
# Dato skrives 2024-05-13 eller 13/5 2024. Lister skrives med ét punkt pr. linje ('- ').
type: indsats

# Indsatsens titel.
titel: {yaml_scalar(title)}

# Afdelingen, der har indsatsen; skal stå i samtale.yaml's afdelinger.
afdeling: {yaml_scalar(department)}

# Hvad vil vi opnå?
mål: []

# Hvorfor vil vi opnå dette?
hvorfor: []

# Vidensgrundlag og indikatorer for høj kvalitet.
vidensgrundlag: []

# Hvad fremmer indsatsen?
fremmere: []

# Hvad hæmmer indsatsen?
hæmmere: []

# Hvordan vil vi evaluere og lave målopfølgning?
evaluering: []

# Er dette et relevant mål? (fri tekst)
relevans:

{follows}
# Hvor indsatsen er: planlagt, i gang, afsluttet eller stoppet.
status: planlagt

# Evalueringer med dato: hvad I lærte, og hvad I ændrer (fx på et stuemøde).
evalueringer: []
#   - dato: {first_meeting.isoformat()}
#     tekst: Hvad vi så, og hvad vi ændrer.

# Faserne i rækkefølge. 'slut' er med; en fase må starte samme dag, som den forrige
# slutter. Milepæle og tilbagevendende møder ligger inden for deres fase og helst ikke
# i weekender eller på helligdage.
faser:
  - navn: Fase 1
    start: {start.isoformat()}
    slut: {end1.isoformat()}
    beskrivelse: Analyse af udgangspunktet, fx børnegrupperne og data.
  - navn: Fase 2
    start: {end1.isoformat()}
    slut: {end2.isoformat()}
    beskrivelse: Vi afprøver nye tiltag og beskriver dem, så vi kan evaluere og lære af vores praksis.
    milepæle:
      - dato: {milestone.isoformat()}
        titel: P-møde om fælles guidelines
  - navn: Fase 3
    start: {end2.isoformat()}
    slut: {end3.isoformat()}
    beskrivelse: Vi planlægger, kører forløb, dokumenterer og evaluerer løbende.
    # Tilbagevendende møder: 'hver' er fx "4 uger", "hver 4. uge", "14 dage" eller "måned";
    # 'kl' og 'varighed' giver møder med klokkeslæt i kalenderen. Et møde på en fridag
    # (weekend, helligdag, lukkedag): behold, spring over eller næste hverdag.
    møder:
      - titel: Stuemøde med evaluering
        hver: hver 4. uge
        første: {first_meeting.isoformat()}
        kl: "14:00"
        varighed: 1 t
        ved_fridag: næste hverdag
"""
    write_new(target, text, force=force)
    result.written.append(target)
    return result
