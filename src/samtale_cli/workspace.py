"""Workspace logic: scaffolding new documents, ``samtale init``, JSON Schemas.

No printing: functions return what they did (paths, notes) and raise
:class:`WorkspaceError` with a Danish message and the exit code the CLI should use.

Decisions (see also the CLI help):

* Exit code 1 when ``new`` or ``init`` refuses to overwrite something that exists
  (a document, or a folder that already holds ``samtale.yaml``) and when git fails;
  exit 2 for bad arguments (unknown type or department, invalid date, a meeting file
  that does not exist or is not a læringssamtale).
* Inside a workspace the first line of a new file is a yaml-language-server modeline
  pointing at ``.samtale/schema/<type>.json`` (written there if it is missing).
  Outside a workspace there is no schema file to point at, so the modeline is left
  out and the first line says how to get one (``samtale schema``).
* Conventional file names are built from slugs only, so a title or a department name
  can never lead outside the workspace. ``-o`` is the user's own explicit choice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

from samtale_cli import values as v
from samtale_cli.document import WORKSPACE_FILE
from samtale_cli.model import DOC_TYPES, canonical_type
from samtale_cli.files import write_atomic

MEETINGS_DIR = "laeringssamtaler"
DEPARTMENTS_DIR = "afdelinger"
SCHEMA_DIR = Path(".samtale") / "schema"
SCHEMA_KINDS = (*DOC_TYPES, "samtale")  # "samtale": the workspace file samtale.yaml
DEFAULT_MEETING_TITLE = "Læringssamtale før forløb med Dagtilbud for alle"
DEFAULT_PLAN_TITLE = "Ny indsats"
DEFAULT_DAYCARE = "Dagtilbuddets navn"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class WorkspaceError(Exception):
    """A Danish message for the user and the exit code to use."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Result:
    """What a command did: the main path, other paths written, and notes for the user."""

    path: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------- helpers


def schema_file_name(kind: str) -> str:
    """``læringssamtale`` -> ``laeringssamtale.json``."""
    return f"{v.fold_ascii(kind)}.json"


def canonical_kind(value: str, *, allow_workspace: bool = False) -> str | None:
    """The document type (or ``samtale`` for samtale.yaml) named by ``value``."""
    name = value.strip().lower().removesuffix(".json").removesuffix(".yaml")
    if allow_workspace and name == "samtale":
        return "samtale"
    return canonical_type(name)


_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|[\s]$|: |\s#|^(?:~|null|true|false|yes|no|on|off)$""", re.I)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else double-quoted."""
    from samtale_cli.loader import _resolve_plain

    if (
        text
        and "\n" not in text
        and not _PLAIN_UNSAFE.search(text)
        and isinstance(_resolve_plain(text), str)
        and text.isprintable()
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def atomic_write(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse an existing file unless ``force``."""
    if path.exists() and not force:
        raise WorkspaceError(f"'{path}' findes allerede; brug --force for at overskrive den.", 1)
    if path.is_dir():
        raise WorkspaceError(f"'{path}' er en mappe.", 2)
    write_atomic(path, text)


def relative(target: Path, start: Path) -> str:
    """``target`` relative to the folder ``start``, with ``/``."""
    return Path(os.path.relpath(target, start)).as_posix()


def parse_date_option(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return v.parse_date(value)
    except v.ParseError as exc:
        raise WorkspaceError(f"--dato: {exc}", 2) from None


# --------------------------------------------------------------------- workspace


@dataclass
class Workspace:
    root: Path
    model: Any  # model.Workspace

    @property
    def departments(self) -> list[str]:
        return list(self.model.departments)


def find_workspace(start: Path) -> Workspace | None:
    """The workspace around ``start`` (nearest samtale.yaml upwards), read and valid."""
    from samtale_cli.check import find_workspace_root
    from samtale_cli.document import read

    root = find_workspace_root(start.resolve())
    if root is None:
        return None
    doc = read(root / WORKSPACE_FILE, WORKSPACE_FILE)
    if doc.model is None:
        first = doc.diagnostics[0].format() if doc.diagnostics else ""
        raise WorkspaceError(f"samtale.yaml i '{root}' har fejl; ret den først ({first}).", 2)
    return Workspace(root, doc.model)


def resolve_department(name: str, ws: Workspace | None) -> str:
    """The workspace's spelling of department ``name`` (matched by slug)."""
    name = name.strip()
    if not v.slugify(name):
        raise WorkspaceError(f"Afdelingen '{name}' kan ikke blive til et mappenavn; brug bogstaver eller tal.", 2)
    if ws is None:
        return name
    for known in ws.departments:
        if v.slugify(known) == v.slugify(name):
            return known
    listed = ", ".join(ws.departments) or "(ingen)"
    raise WorkspaceError(f"Afdelingen '{name}' står ikke i samtale.yaml's afdelinger ({listed}).", 2)


def ensure_schema(ws: Workspace, kind: str, notes: list[str]) -> Path:
    """The workspace's schema file for ``kind``; written when missing."""
    path = ws.root / SCHEMA_DIR / schema_file_name(kind)
    if not path.exists():
        atomic_write(path, schema_text(kind))
        notes.append(f"Skrev JSON Schema til editorer: {path}")
    return path


def _modeline(ws: Workspace | None, kind: str, target: Path, notes: list[str]) -> str:
    if ws is None:
        return (
            "# Ingen samtale.yaml fundet, så ingen schema-henvisning. "
            f"Lav en med: samtale schema {v.fold_ascii(kind)} -o {schema_file_name(kind)}"
        )
    schema = ensure_schema(ws, kind, notes)
    return f"# yaml-language-server: $schema={relative(schema, target.parent)}"


def _output_path(given: Path | None, conventional: Path, cwd: Path) -> Path:
    """``-o`` wins; an existing folder given with ``-o`` gets the conventional name."""
    if given is None:
        return conventional
    path = given if given.is_absolute() else cwd / given
    if path.is_dir():
        return path / conventional.name
    return path


def _list_block(items: list[str], indent: int = 2) -> str:
    pad = " " * indent
    return "".join(f"{pad}- {yaml_scalar(item)}\n" for item in items)


# --------------------------------------------------------------------- new


def new_document(
    kind: str,
    cwd: Path,
    *,
    date: str | None = None,
    department: str | None = None,
    title: str | None = None,
    meeting: Path | None = None,
    output: Path | None = None,
    force: bool = False,
) -> Result:
    """Write a new document of ``kind`` that ``samtale check`` accepts as it stands."""
    day = parse_date_option(date)
    ws = find_workspace(cwd)
    if kind == "læringssamtale":
        return _new_meeting(cwd, ws, day, department, title, output, force)
    if kind == "opmærksomhedspunkter":
        return _new_sheet(cwd, ws, day, department, meeting, output, force, date_given=date is not None)
    if kind == "indsats":
        return _new_plan(cwd, ws, day, department, title, output, force)
    raise WorkspaceError(f"Ukendt dokumenttype '{kind}'.", 2)


def _scaffold(name: str) -> Template:
    from importlib.resources import files

    return Template(files("samtale_cli").joinpath("scaffold", name).read_text(encoding="utf-8"))


def _participant(name: str, role: str, department: str | None = None) -> str:
    text = f"  - navn: {yaml_scalar(name)}\n    rolle: {yaml_scalar(role)}\n"
    if department:
        text += f"    afdeling: {yaml_scalar(department)}\n"
    return text + "    dele: [plenum, ledelse]\n"


def _new_meeting(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, title: str | None,
    output: Path | None, force: bool,
) -> Result:
    from samtale_cli.model import DEFAULT_MANDATORY_DATA

    title = (title or "").strip() or DEFAULT_MEETING_TITLE
    departments = ws.departments if ws is not None else []
    if department is not None:
        extra = resolve_department(department, ws)
        if extra not in departments:
            departments = [*departments, extra]
    slug = v.slugify(title) or "laeringssamtale"
    base = ws.root / MEETINGS_DIR if ws is not None else cwd
    target = _output_path(output, base / f"{day.isoformat()}-{slug}.yaml", cwd)
    result = Result(target)

    people = _participant("Navn på dagtilbudsleder", "dagtilbudsleder")
    people += _participant("Navn på BU-chef", "børn og unge-chef")
    people += _participant("Navn på konsulent", "konsulent")
    if departments:
        for dept in departments:
            people += _participant(f"Navn på pædagogisk leder i {dept}", "pædagogisk leder", dept)
    else:
        people += _participant("Navn på pædagogisk leder", "pædagogisk leder")

    mandatory = list(ws.model.mandatory_data) if ws is not None else list(DEFAULT_MANDATORY_DATA)
    data = "".join(f"  - titel: {yaml_scalar(t)}\n    obligatorisk: true\n" for t in mandatory) or "  []\n"

    if ws is not None and ws.model.daycare:
        daycare = f"\n# Dagtilbuddet (fra samtale.yaml).\ndagtilbud: {yaml_scalar(ws.model.daycare)}\n"
    else:
        daycare = f"\n# Dagtilbuddets navn; ret det til.\ndagtilbud: {yaml_scalar(DEFAULT_DAYCARE)}\n"

    text = _scaffold("laeringssamtale.yaml").substitute(
        modeline=_modeline(ws, "læringssamtale", target, result.notes),
        titel=yaml_scalar(title),
        dagtilbud=daycare,
        dato=day.isoformat(),
        deltagere=people,
        datagrundlag=data,
    )
    atomic_write(target, text, force=force)
    result.written.append(target)
    return result


def latest_meeting(ws: Workspace) -> Path | None:
    """The workspace's læringssamtale with the latest date (valid files only)."""
    from samtale_cli.document import read
    from samtale_cli.model import Meeting

    best: tuple[dt.date, str, Path] | None = None
    folder = ws.root / MEETINGS_DIR
    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml"):
            continue
        doc = read(path, path.name)
        if isinstance(doc.model, Meeting):
            key = (doc.model.date, path.name, path)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _read_meeting(path: Path) -> Any:
    from samtale_cli.document import read
    from samtale_cli.model import Meeting

    if not path.is_file():
        raise WorkspaceError(f"Læringssamtalen '{path}' findes ikke.", 2)
    doc = read(path, str(path))
    if not isinstance(doc.model, Meeting):
        raise WorkspaceError(f"'{path}' er ikke en gyldig læringssamtale; kør 'samtale check' på den.", 2)
    return doc.model


def _new_sheet(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, meeting: Path | None,
    output: Path | None, force: bool, *, date_given: bool,
) -> Result:
    if not department:
        raise WorkspaceError("Opmærksomhedspunkter skal have en afdeling: brug --afdeling.", 2)
    department = resolve_department(department, ws)
    if meeting is not None:
        meeting_path = (meeting if meeting.is_absolute() else cwd / meeting).resolve()
    elif ws is not None:
        found = latest_meeting(ws)
        if found is None:
            raise WorkspaceError(
                f"Der er ingen gyldig læringssamtale i {MEETINGS_DIR}/; brug --læringssamtale FIL.", 2
            )
        meeting_path = found
    else:
        raise WorkspaceError("Uden for en arbejdsmappe skal du angive læringssamtalen: brug --læringssamtale FIL.", 2)
    meeting_model = _read_meeting(meeting_path)
    if not date_given:
        day = meeting_model.date

    slug = v.slugify(department)
    if ws is not None:
        conventional = ws.root / DEPARTMENTS_DIR / slug / f"opmaerksomhedspunkter-{day.isoformat()}.yaml"
    else:
        conventional = cwd / f"opmaerksomhedspunkter-{slug}-{day.isoformat()}.yaml"
    target = _output_path(output, conventional, cwd)
    result = Result(target)

    departments = {v.role_key(p.department) for p in meeting_model.participants if p.department}
    if v.role_key(department) not in departments:
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
    text = f"""{_modeline(ws, "opmærksomhedspunkter", target, result.notes)}
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

# 3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen. Erstat pladsholderne.
punkter:
  - Opmærksomhedspunkt 1 (skriv det her)
  - Opmærksomhedspunkt 2 (skriv det her)
  - Opmærksomhedspunkt 3 (skriv det her)
"""
    atomic_write(target, text, force=force)
    result.written.append(target)
    return result


def next_workday(day: dt.date) -> dt.date:
    while v.day_off(day):
        day += dt.timedelta(days=1)
    return day


def first_recurring_day(start: dt.date, end: dt.date, every: v.Interval) -> dt.date:
    """The first day from ``start`` whose every occurrence up to ``end`` is a workday."""
    for offset in range(28):
        first = start + dt.timedelta(days=offset)
        if first > end:
            break
        if not any(v.day_off(d) for d in v.occurrences(first, every, end)):
            return first
    return next_workday(start)


def _new_plan(
    cwd: Path, ws: Workspace | None, day: dt.date, department: str | None, title: str | None,
    output: Path | None, force: bool,
) -> Result:
    if not department:
        raise WorkspaceError("En indsats skal have en afdeling: brug --afdeling.", 2)
    department = resolve_department(department, ws)
    title = (title or "").strip() or DEFAULT_PLAN_TITLE
    slug = v.slugify(title) or "indsats"
    if ws is not None:
        conventional = ws.root / DEPARTMENTS_DIR / v.slugify(department) / f"indsats-{slug}.yaml"
    else:
        conventional = cwd / f"indsats-{slug}.yaml"
    target = _output_path(output, conventional, cwd)
    result = Result(target)

    end1 = day + dt.timedelta(weeks=6)
    end2 = end1 + dt.timedelta(weeks=13)
    end3 = end2 + dt.timedelta(weeks=26)
    milestone = next_workday(end1 + dt.timedelta(weeks=4))
    every = v.parse_interval("4 uger")
    first_meeting = first_recurring_day(end2, end3, every)

    text = f"""{_modeline(ws, "indsats", target, result.notes)}
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

# Faserne i rækkefølge. 'slut' er med; en fase må starte samme dag, som den forrige
# slutter. Milepæle og tilbagevendende møder ligger inden for deres fase og helst ikke
# i weekender eller på helligdage.
faser:
  - navn: Fase 1
    start: {day.isoformat()}
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
    # Tilbagevendende møder: 'hver' er fx "4 uger", "hver 4. uge", "14 dage" eller "måned".
    møder:
      - titel: Stuemøde med evaluering
        hver: hver 4. uge
        første: {first_meeting.isoformat()}
"""
    atomic_write(target, text, force=force)
    result.written.append(target)
    return result


# --------------------------------------------------------------------- init


GITIGNORE = """\
# Output fra 'samtale render'; laves igen fra YAML-filerne.
_site/
*.pdf
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): kør 'pre-commit install' én gang, så tjekker
# 'samtale check' alle filer før hver commit. Kræver, at samtale er installeret.
repos:
  - repo: local
    hooks:
      - id: samtale-check
        name: samtale check
        entry: samtale check
        language: system
        files: \\.ya?ml$
        pass_filenames: false
"""


def workspace_text(daycare: str, departments: list[str]) -> str:
    from samtale_cli.model import DEFAULT_MANDATORY_DATA

    schema = (SCHEMA_DIR / schema_file_name("samtale")).as_posix()
    return f"""# yaml-language-server: $schema={schema}
# Arbejdsmappe for {daycare}: dagtilbuddet, afdelingerne og de obligatoriske data.
# samtale check bruger filen til at tjekke afdelinger og datagrundlag i alle filer.

# Dagtilbuddets navn.
dagtilbud: {yaml_scalar(daycare)}

# Afdelingerne; hver har en mappe afdelinger/<navn>/ med indsatser og opmærksomhedspunkter.
afdelinger:
{_list_block(departments)}
# Data, som hver læringssamtale skal have i datagrundlag (markeret 'obligatorisk: true').
obligatorisk_data:
{_list_block(list(DEFAULT_MANDATORY_DATA))}
# Ekstra roller ud over de indbyggede, fx:
# roller: [dagplejepædagog]
"""


def vscode_settings() -> str:
    schema = lambda kind: f"./{(SCHEMA_DIR / schema_file_name(kind)).as_posix()}"  # noqa: E731
    settings = {
        "yaml.schemas": {
            schema("samtale"): "samtale.yaml",
            schema("læringssamtale"): f"{MEETINGS_DIR}/*.yaml",
            schema("opmærksomhedspunkter"): f"{DEPARTMENTS_DIR}/*/opmaerksomhedspunkter-*.yaml",
            schema("indsats"): f"{DEPARTMENTS_DIR}/*/indsats-*.yaml",
        },
        "files.encoding": "utf8",
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def init_workspace(folder: Path, daycare: str, departments: list[str], *, git: bool = True) -> Result:
    """Make a workspace in ``folder``; refuse one that already holds samtale.yaml."""
    folder = folder.resolve()
    daycare = daycare.strip()
    if not daycare:
        raise WorkspaceError("--dagtilbud må ikke være tom.", 2)
    names: list[str] = []
    slugs: dict[str, str] = {}
    for name in departments:
        name = name.strip()
        slug = v.slugify(name)
        if not slug:
            raise WorkspaceError(f"Afdelingen '{name}' kan ikke blive til et mappenavn; brug bogstaver eller tal.", 2)
        if slug in slugs:
            if slugs[slug] == name:
                continue
            raise WorkspaceError(f"Afdelingerne '{slugs[slug]}' og '{name}' får samme mappe ({DEPARTMENTS_DIR}/{slug}/).", 2)
        slugs[slug] = name
        names.append(name)
    if not names:
        raise WorkspaceError("Angiv mindst én afdeling med --afdeling.", 2)
    if (folder / WORKSPACE_FILE).exists():
        raise WorkspaceError(f"'{folder}' har allerede en {WORKSPACE_FILE}; samtale init laver kun nye arbejdsmapper.", 1)
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"'{folder}' er ikke en mappe.", 2)
    if git and shutil.which("git") is None:
        raise WorkspaceError("git findes ikke på denne computer. Installér git, eller brug --no-git.", 1)

    result = Result(folder / WORKSPACE_FILE)
    files: dict[Path, str] = {
        folder / WORKSPACE_FILE: workspace_text(daycare, names),
        folder / ".gitignore": GITIGNORE,
        folder / ".pre-commit-config.yaml": PRE_COMMIT,
        folder / ".vscode" / "settings.json": vscode_settings(),
        folder / MEETINGS_DIR / ".gitkeep": "",
    }
    for name in names:
        files[folder / DEPARTMENTS_DIR / v.slugify(name) / ".gitkeep"] = ""
    for kind in SCHEMA_KINDS:
        files[folder / SCHEMA_DIR / schema_file_name(kind)] = schema_text(kind)
    for path, text in files.items():
        if path.exists() and path.name != ".gitkeep":
            result.notes.append(f"'{relative(path, folder)}' fandtes i forvejen og er ikke ændret.")
            continue
        atomic_write(path, text, force=True)
        result.written.append(path)
    if git:
        _git_commit(folder, daycare, result)
    return result


def _git_commit(folder: Path, daycare: str, result: Result) -> None:
    inside = _git(["rev-parse", "--show-toplevel"], folder)
    if inside.returncode == 0 and Path(inside.stdout.strip()).resolve() != folder:
        result.notes.append(
            f"Mappen ligger allerede i git-repoet '{inside.stdout.strip()}'; "
            "der er ikke lavet et nyt repo eller en commit."
        )
        return
    if inside.returncode != 0:
        done = _git(["init", "-q"], folder)
        if done.returncode != 0:
            raise WorkspaceError(f"Filerne er oprettet, men 'git init' mislykkedes: {done.stderr.strip()}", 1)
    added = _git(["add", "-A"], folder)
    if added.returncode != 0:
        raise WorkspaceError(f"Filerne er oprettet, men 'git add' mislykkedes: {added.stderr.strip()}", 1)
    identity: list[str] = []
    if _git(["config", "user.name"], folder).returncode != 0 or _git(["config", "user.email"], folder).returncode != 0:
        identity = ["-c", "user.name=samtale", "-c", "user.email=samtale@localhost"]
    message = f"Arbejdsmappe for {daycare} oprettet med samtale init"
    done = _git([*identity, "commit", "-q", "-m", message], folder)
    if done.returncode != 0:
        raise WorkspaceError(
            f"Filerne er oprettet, men den første commit mislykkedes: {(done.stderr or done.stdout).strip()}", 1
        )
    result.notes.append("git-repo oprettet med en første commit.")


# --------------------------------------------------------------------- schema


_DEF_TITLES = {
    "Workspace": "Arbejdsmappe (samtale.yaml)",
    "Meeting": "Læringssamtale",
    "AttentionSheet": "Opmærksomhedspunkter",
    "Plan": "Indsats",
    "Part": "Del af mødet",
    "Participant": "Deltager",
    "DataSource": "Datakilde",
    "AgendaItem": "Dagsordenspunkt",
    "SubItem": "Underpunkt",
    "Milestone": "Milepæl",
    "Recurring": "Tilbagevendende møde",
    "Phase": "Fase",
}
_KIND_MODEL = {
    "læringssamtale": "Meeting",
    "opmærksomhedspunkter": "AttentionSheet",
    "indsats": "Plan",
    "samtale": "Workspace",
}
_CLOCK_PATTERN = r"^(?:[kK][lL]\.?\s*)?\d{1,2}(?:[:.]\d{2})?$"
_KEYS_NOTE = (
    "Editorer foreslår de danske nøgler (med æ, ø og å); ASCII-stavemåderne "
    "(fx pejlemaerker, formaal, data_peger_paa) accepteres også, men foreslås ikke."
)


def _model(kind: str) -> Any:
    from samtale_cli import model as m

    return m.Workspace if kind == "samtale" else m.MODEL_BY_TYPE[kind]


def _relax(node: Any) -> Any:
    """Adjust pydantic's schema to what samtale really accepts; see :func:`schema_for`."""
    if isinstance(node, list):
        return [_relax(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _relax(value) for key, value in node.items()}
    if node.get("type") == "array" and node.get("items") == {"type": "string"}:
        # A single text where a list is expected is a list of one.
        rest = {k: val for k, val in node.items() if k not in ("type", "items")}
        node = {**rest, "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}
    if node.get("pattern") == r"^\d{1,2}[:.]\d{2}$":
        node["pattern"] = _CLOCK_PATTERN
    props = node.get("properties")
    if isinstance(props, dict):
        for key, sub in props.items():
            sub.pop("title", None)
        ascii_keys = {
            f"^{re.escape(v.fold_ascii(key))}$": sub for key, sub in props.items() if v.fold_ascii(key) != key
        }
        if ascii_keys:
            node["patternProperties"] = ascii_keys
        type_prop = props.get("type")
        if isinstance(type_prop, dict) and "const" in type_prop:
            const = type_prop.pop("const")
            spellings = [const] + ([v.fold_ascii(const)] if v.fold_ascii(const) != const else [])
            type_prop["enum"] = spellings
    return node


def schema_for(kind: str | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for ``kind``, or for every document type when None.

    The properties are the Danish keys; the ASCII spellings are accepted through
    ``patternProperties`` (so editors do not offer them, but do not flag them). With no
    kind, the schema is a ``oneOf`` over the three document types, told apart by
    ``type``; ``samtale.yaml`` is not among them (use kind ``samtale``).
    """
    if kind is None:
        defs: dict[str, Any] = {}
        refs = []
        for name in DOC_TYPES:
            schema = _model(name).model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
            defs.update(schema.pop("$defs", {}))
            defs[_KIND_MODEL[name]] = schema
            refs.append({"$ref": f"#/$defs/{_KIND_MODEL[name]}"})
        body: dict[str, Any] = {
            "title": "samtale-dokument",
            "description": "Et samtale-dokument: læringssamtale, opmærksomhedspunkter eller indsats "
            f"(afgøres af 'type'). {_KEYS_NOTE}",
            "type": "object",
            "required": ["type"],
            "oneOf": refs,
            "$defs": defs,
        }
    else:
        body = _model(kind).model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
        what = "samtale.yaml, arbejdsmappens fil" if kind == "samtale" else f"type: {kind}"
        body["description"] = f"samtale: {what}. {_KEYS_NOTE}"
    for name, sub in body.get("$defs", {}).items():
        sub["title"] = _DEF_TITLES.get(name, name)
    if kind is not None:
        body["title"] = _DEF_TITLES[_KIND_MODEL[kind]]
    body = _relax(body)
    defs = body.pop("$defs", None)
    ordered = {"$schema": JSON_SCHEMA_DIALECT, **{k: body.pop(k) for k in ("title", "description") if k in body}, **body}
    if defs is not None:
        ordered["$defs"] = defs
    return ordered


def schema_text(kind: str | None = None) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------- reading many files


@dataclass
class Loaded:
    """The valid documents under some paths, and the files that could not be read."""

    root: Path  # names are shown and UIDs made relative to this folder
    docs: list[tuple[Path, Any]] = field(default_factory=list)  # (path, model)
    invalid: list[Path] = field(default_factory=list)


def load_documents(paths: list[Path], root: Path) -> Loaded:
    from samtale_cli.check import iter_files
    from samtale_cli.document import read

    loaded = Loaded(root)
    for path in iter_files(paths):
        if path.name == WORKSPACE_FILE:
            continue
        doc = read(path, path.name)
        if doc.model is None:
            loaded.invalid.append(path)
        else:
            loaded.docs.append((path, doc.model))
    return loaded


def _of(loaded: Loaded, cls_name: str) -> list[tuple[Path, Any]]:
    return [(p, doc) for p, doc in loaded.docs if type(doc).__name__ == cls_name]


# --------------------------------------------------------------------- oversigt


def phase_on(plan: Any, day: dt.date) -> str:
    """The name of the phase ``plan`` is in on ``day``, or a Danish description."""
    for phase in plan.phases:
        if phase.contains(day):
            return phase.name
    first = plan.phases[0]
    if first.start is not None and day < first.start:
        return f"ikke startet (starter {v.format_date_short(first.start)})"
    if day > max(p.end for p in plan.phases):
        return "afsluttet"
    return "mellem to faser"


def plan_events(plan: Any) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]]]:
    """(milestones, recurring meeting occurrences) of ``plan`` as (date, title), sorted."""
    stones = sorted((s.date, s.title) for p in plan.phases for s in p.milestones)
    meetings: list[tuple[dt.date, str]] = []
    for phase in plan.phases:
        for meeting in phase.meetings:
            meetings.extend((d, meeting.title) for d in phase.meeting_dates(meeting))
    return stones, sorted(meetings)


def overview(folder: Path, day: dt.date) -> dict[str, Any]:
    """Per department: plans (phase, next milestone, next meeting, overdue) and missing sheets.

    Overdue ("forfalden") means: a milestone before ``day`` in the phase the plan is in
    now, or a plan whose last phase ended before ``day`` (time to evaluate it).
    Missing sheets are counted for the latest læringssamtale on or before ``day``
    (the latest at all when every meeting is later), for each department among its
    participants (all departments when none is named).
    """
    from samtale_cli.check import display_name, find_workspace_root

    root = find_workspace_root(folder.resolve()) or folder.resolve()
    ws = find_workspace(root)
    loaded = load_documents([folder], root)
    departments: list[str] = list(ws.departments) if ws is not None else []

    def dept_name(name: str) -> str:
        for known in departments:
            if v.slugify(known) == v.slugify(name):
                return known
        departments.append(name)
        return name

    plans: dict[str, list[dict[str, Any]]] = {}
    for path, plan in _of(loaded, "Plan"):
        name = dept_name(plan.department)
        stones, meetings = plan_events(plan)
        now = next((p for p in plan.phases if (p.start is None or p.start <= day) and day <= p.end), None)
        overdue = []
        if now is not None:
            overdue = [f"Milepæl {v.format_date_short(s.date)}: {s.title}" for s in now.milestones if s.date < day]
        elif day > max(p.end for p in plan.phases):
            overdue = [f"Indsatsen sluttede {v.format_date_short(max(p.end for p in plan.phases))}; evaluér den"]
        upcoming = next(((d, t) for d, t in stones if d >= day), None)
        meeting = next(((d, t) for d, t in meetings if d >= day), None)
        plans.setdefault(name, []).append({
            "titel": plan.title,
            "fil": display_name(path, root),
            "fase": phase_on(plan, day),
            "næste_milepæl": {"dato": upcoming[0].isoformat(), "titel": upcoming[1]} if upcoming else None,
            "næste_møde": {"dato": meeting[0].isoformat(), "titel": meeting[1]} if meeting else None,
            "forfaldne": overdue,
        })

    meetings = sorted(_of(loaded, "Meeting"), key=lambda pm: (pm[1].date, pm[0].name))
    past = [pm for pm in meetings if pm[1].date <= day]
    latest = (past or meetings or [None])[-1]
    missing: set[str] = set()
    if latest is not None:
        meeting_path, meeting = latest
        wanted = [dept_name(p.department) for p in meeting.participants if p.department] or list(departments)
        have = {
            v.slugify(sheet.department)
            for path, sheet in _of(loaded, "AttentionSheet")
            if (path.parent / sheet.meeting).resolve() == meeting_path.resolve()
        }
        missing = {name for name in wanted if v.slugify(name) not in have}
    return {
        "dato": day.isoformat(),
        "dagtilbud": ws.model.daycare if ws is not None else None,
        "læringssamtale": (
            {"fil": display_name(latest[0], root), "dato": latest[1].date.isoformat(), "titel": latest[1].title}
            if latest else None
        ),
        "afdelinger": [
            {
                "navn": name,
                "indsatser": plans.get(name, []),
                "mangler_opmærksomhedspunkter": name in missing,
            }
            for name in departments
        ],
        "filer_med_fejl": [display_name(p, root) for p in loaded.invalid],
    }


def overview_text(data: dict[str, Any]) -> str:
    day = v.format_date_short(dt.date.fromisoformat(data["dato"]))
    lines = [f"Oversigt {day}" + (f" – {data['dagtilbud']}" if data["dagtilbud"] else "")]
    meeting = data["læringssamtale"]
    if meeting:
        lines.append(f"Seneste læringssamtale: {meeting['titel']} ({v.format_date_short(dt.date.fromisoformat(meeting['dato']))})")
    for dept in data["afdelinger"]:
        lines.append("")
        lines.append(dept["navn"])
        if not dept["indsatser"]:
            lines.append("  Ingen indsatser.")
        for plan in dept["indsatser"]:
            lines.append(f"  Indsats: {plan['titel']} ({plan['fil']})")
            lines.append(f"    Fase: {plan['fase']}")
            for key, label in (("næste_milepæl", "Næste milepæl"), ("næste_møde", "Næste møde")):
                item = plan[key]
                if item:
                    lines.append(f"    {label}: {v.format_date_short(dt.date.fromisoformat(item['dato']))} – {item['titel']}")
            for item in plan["forfaldne"]:
                lines.append(f"    Forfalden: {item}")
        if dept["mangler_opmærksomhedspunkter"]:
            lines.append("  Mangler opmærksomhedspunkter til den seneste læringssamtale.")
    if data["filer_med_fejl"]:
        lines.append("")
        lines.append("Filer med fejl (ikke med i oversigten; kør samtale check): " + ", ".join(data["filer_med_fejl"]))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------- kalender


def calendar_bytes(loaded: Loaded, stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file with meetings, phases, milestones and recurring meetings.

    UIDs are made from the file's path relative to the workspace and the item, so
    importing the file again updates the events instead of duplicating them.
    """
    import hashlib
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    from samtale_cli import __version__

    tz = ZoneInfo("Europe/Copenhagen")
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//samtale {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "samtale")

    def uid(path: Path, *parts: object) -> str:
        key = "/".join([relative(path, loaded.root), *map(str, parts)])
        return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@samtale"

    def add(path: Path, key: tuple, summary: str, start: Any, end: Any = None, description: str | None = None) -> None:
        event = Event()
        event.add("uid", uid(path, *key))
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("dtstart", start)
        if isinstance(start, dt.datetime):
            event.add("dtend", end)
        else:
            event.add("dtend", end or start + dt.timedelta(days=1))
        if description:
            event.add("description", description)
        cal.add_component(event)

    for path, doc in loaded.docs:
        kind = type(doc).__name__
        if kind == "Meeting":
            total = sum(p.minutes.minutes for p in doc.parts)
            if doc.start is not None:
                start = dt.datetime.combine(doc.date, doc.start, tzinfo=tz)
                add(path, ("møde",), doc.title, start, start + dt.timedelta(minutes=total), doc.focus)
            else:
                add(path, ("møde",), doc.title, doc.date, None, doc.focus)
            if doc.place:
                cal.subcomponents[-1].add("location", doc.place)
        elif kind == "Plan":
            for i, phase in enumerate(doc.phases):
                prefix = f"{doc.department}: {doc.title}"
                if phase.start is not None:
                    add(path, ("fase", i), f"{prefix} – {phase.name}", phase.start, phase.end + dt.timedelta(days=1),
                        phase.description)
                else:
                    add(path, ("fase", i, "slut"), f"{prefix} – {phase.name} slutter", phase.end, None, phase.description)
                for j, stone in enumerate(phase.milestones):
                    add(path, ("milepæl", i, j), f"{doc.department}: {stone.title}", stone.date)
                for j, meeting in enumerate(phase.meetings):
                    for day in phase.meeting_dates(meeting):
                        add(path, ("møde", i, j, day.isoformat()), f"{doc.department}: {meeting.title}", day)
    if hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return cal.to_ical()
