"""``samtale init``: a new workspace for a daycare (samtale.yaml, folders, editor
schemas, pre-commit hook) and, unless told otherwise, a git repo with a first commit."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from samtale_cli import kinds
from samtale_cli import values as v
from samtale_cli.errors import FAILED, SamtaleError
from samtale_cli.files import write_atomic
from samtale_cli.kinds import DEPARTMENTS_DIR, MEETINGS_DIR, SCHEMA_DIR, WORKSPACE_FILE
from samtale_cli.schema import schema_text
from samtale_cli.workspace import Result, relative, yaml_scalar


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


def _list_block(items: list[str], indent: int = 2) -> str:
    pad = " " * indent
    return "".join(f"{pad}- {yaml_scalar(item)}\n" for item in items)


def workspace_text(daycare: str, departments: list[str]) -> str:
    from samtale_cli.model import DEFAULT_MANDATORY_DATA

    schema = (SCHEMA_DIR / kinds.WORKSPACE.schema_file).as_posix()
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
    settings = {
        "yaml.schemas": {f"./{(SCHEMA_DIR / k.schema_file).as_posix()}": k.glob for k in kinds.ALL_KINDS},
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
        raise SamtaleError("--dagtilbud må ikke være tom.")
    names: list[str] = []
    slugs: dict[str, str] = {}
    for name in departments:
        name = name.strip()
        slug = v.department_key(name)
        if not slug:
            raise SamtaleError(f"Afdelingen '{name}' kan ikke blive til et mappenavn; brug bogstaver eller tal.")
        if slug in slugs:
            if slugs[slug] == name:
                continue
            raise SamtaleError(f"Afdelingerne '{slugs[slug]}' og '{name}' får samme mappe ({DEPARTMENTS_DIR}/{slug}/).")
        slugs[slug] = name
        names.append(name)
    if not names:
        raise SamtaleError("Angiv mindst én afdeling med --afdeling.")
    if (folder / WORKSPACE_FILE).exists():
        raise SamtaleError(f"'{folder}' har allerede en {WORKSPACE_FILE}; samtale init laver kun nye arbejdsmapper.")
    if folder.exists() and not folder.is_dir():
        raise SamtaleError(f"'{folder}' er ikke en mappe.")
    if git and shutil.which("git") is None:
        raise SamtaleError("git findes ikke på denne computer. Installér git, eller brug --no-git.", FAILED)

    result = Result(folder / WORKSPACE_FILE)
    files: dict[Path, str] = {
        folder / WORKSPACE_FILE: workspace_text(daycare, names),
        folder / ".gitignore": GITIGNORE,
        folder / ".pre-commit-config.yaml": PRE_COMMIT,
        folder / ".vscode" / "settings.json": vscode_settings(),
        folder / MEETINGS_DIR / ".gitkeep": "",
    }
    for name in names:
        files[folder / DEPARTMENTS_DIR / v.department_key(name) / ".gitkeep"] = ""
    for kind in kinds.ALL_KINDS:
        files[folder / SCHEMA_DIR / kind.schema_file] = schema_text(kind)
    for path, text in files.items():
        if path.exists() and path.name != ".gitkeep":
            result.notes.append(f"'{relative(path, folder)}' fandtes i forvejen og er ikke ændret.")
            continue
        write_atomic(path, text)
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
            raise SamtaleError(f"Filerne er oprettet, men 'git init' mislykkedes: {done.stderr.strip()}", FAILED)
    added = _git(["add", "-A"], folder)
    if added.returncode != 0:
        raise SamtaleError(f"Filerne er oprettet, men 'git add' mislykkedes: {added.stderr.strip()}", FAILED)
    identity: list[str] = []
    if _git(["config", "user.name"], folder).returncode != 0 or _git(["config", "user.email"], folder).returncode != 0:
        identity = ["-c", "user.name=samtale", "-c", "user.email=samtale@localhost"]
    message = f"Arbejdsmappe for {daycare} oprettet med samtale init"
    done = _git([*identity, "commit", "-q", "-m", message], folder)
    if done.returncode != 0:
        raise SamtaleError(
            f"Filerne er oprettet, men den første commit mislykkedes: {(done.stderr or done.stdout).strip()}", FAILED
        )
    result.notes.append("git-repo oprettet med en første commit.")
