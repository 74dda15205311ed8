"""``samtale new indsats``: a new action plan for a department, with three phases
dated from ``--dato``, a milestone, a recurring meeting every four weeks, and the
department's latest sheet of attention points to follow up.

``scaffold(request)`` is this kind's scaffold (``kinds.hook(kinds.PLAN, "scaffold")``);
see :mod:`samtale_cli.new.common` for the signature every scaffold shares.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from samtale_cli.check.document import read
from samtale_cli.check.workspace import (
    Result,
    Workspace,
    output_path,
    relative,
    resolve_department,
)
from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import refuse_existing, write_new
from samtale_cli.core import yamlout
from samtale_cli.core.yamlout import scalar
from samtale_cli.model import AttentionSheet, Meeting
from samtale_cli.new.common import Request
from samtale_cli.new.themes import example_themes, theme_hint
from samtale_cli.out.schema import modeline

DEFAULT_PLAN_TITLE = "Ny indsats"


def scaffold(request: Request) -> Result:
    """A new plan; its phases start on the first workday from ``--dato`` (or today)."""
    return _new_plan(request.cwd, request.ws, request.day, request.department, request.title, request.output,
                     request.force)


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
        points = "".join(line + "\n" for k, point in enumerate(sheet.points, 1)
                         for line in yamlout.comment_lines(f"  {k}. {point.strip()}", "  "))
        follows = (
            "# Det ark med opmærksomhedspunkter, indsatsen følger op på, og de punkter i det, den\n"
            "# tager op (numrene; uden 'punkter' følger den op på dem alle). samtale oversigt viser\n"
            "# de punkter, som ingen indsats følger op på endnu.\n"
            f"opmærksomhedspunkter:\n  fil: {scalar(sheet_path)}\n  # punkter: [1, 2]\n"
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
titel: {scalar(title)}

# Afdelingen, der har indsatsen; skal stå i samtale.yaml's afdelinger.
afdeling: {scalar(department)}

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
{theme_hint(ws.model if ws else None, "Indsatsen", [f"temaer: {example_themes(ws.model if ws else None)}"])}temaer: []

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
