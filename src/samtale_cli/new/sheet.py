"""``samtale new opmærksomhedspunkter``: a new sheet for a department after a
læringssamtale (``--læringssamtale``, else the workspace's latest), with its pejlemærker
as comments and three placeholder points.

``scaffold(request)`` is this kind's scaffold (``kinds.hook(kinds.SHEET, "scaffold")``);
see :mod:`samtale_cli.new.common` for the signature every scaffold shares.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samtale_cli.core.text import suggest_path
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
from samtale_cli.core.kinds import MEETINGS_DIR
from samtale_cli.core import yamlout
from samtale_cli.core.yamlout import scalar
from samtale_cli.new.common import Request, latest_meeting, placeholder, read_meeting
from samtale_cli.new.themes import example_themes, theme_hint
from samtale_cli.out.schema import modeline


def scaffold(request: Request) -> Result:
    """A new sheet; without ``--dato`` dated as its læringssamtale."""
    return _new_sheet(request.cwd, request.ws, request.day, request.department, request.meeting, request.output,
                      request.force, date_given=request.date_given)


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
            raise SamtaleError(f"Læringssamtalen '{meeting.as_posix()}' findes ikke.{suggest_path(meeting)}")
    elif ws is not None:
        found = latest_meeting(ws)
        if found is None:
            raise SamtaleError(f"Der er ingen gyldig læringssamtale i {MEETINGS_DIR}/; brug --læringssamtale FIL.")
        meeting_path = found
    else:
        raise SamtaleError("Uden for en arbejdsmappe skal du angive læringssamtalen: brug --læringssamtale FIL.")
    meeting_model = read_meeting(meeting_path)
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
        + "".join(line + "\n" for text in landmarks for line in yamlout.comment_lines(f"  - {text.strip()}"))
        if landmarks
        else "# Læringssamtalen har endnu ingen pejlemærker; skriv beslutningen her, eller udfyld\n"
        "# 'pejlemærker' i læringssamtalen.\n"
    )
    text = f"""{modeline(ws, kinds.SHEET, target, result.notes)}
# Opmærksomhedspunkter for {department} efter læringssamtalen {v.format_date_short(meeting_model.date)}.
# Udfyldes af den pædagogiske leder i ledelsesdelen af læringssamtalen. Tjek: samtale check
type: opmærksomhedspunkter

# Stien til læringssamtalen, relativ til denne fil.
læringssamtale: {scalar(relative(meeting_path, target.parent))}

# Afdelingen, arket gælder; skal stå i samtale.yaml's afdelinger.
afdeling: {scalar(department)}

# Beslutning fra læringssamtalen; kan udelades, så bruges mødets pejlemærker.
{landmark_note}# beslutning: |
#   ...

# Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen? (fri tekst)
arbejdet_med:

# Hvad peger data på, vi skal arbejde med? (fri tekst)
data_peger_på:

# 3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen. Skriv dem over
# pladsholderne, der slutter med (udfyldes); samtale check advarer, indtil de er skrevet om.
{theme_hint(ws.model if ws else None, "Et punkt", ["- tekst: Punktet", f"  temaer: {example_themes(ws.model if ws else None)}"])}punkter:
  - {placeholder("opmærksomhedspunkt 1")}
  - {placeholder("opmærksomhedspunkt 2")}
  - {placeholder("opmærksomhedspunkt 3")}
"""
    write_new(target, text, force=force)
    result.written.append(target)
    return result
