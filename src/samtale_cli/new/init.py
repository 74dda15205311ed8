"""``samtale init``: a new workspace for a daycare (samtale.yaml, folders, editor
schemas, pre-commit hook) and, unless told otherwise, a git repo with a first commit."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from samtale_cli.check.workspace import Result, relative
from samtale_cli.core import kinds, yamlout
from samtale_cli.core import values as v
from samtale_cli.core.errors import FAILED, SamtaleError
from samtale_cli.core.files import check_inside, leads_inside, write_atomic
from samtale_cli.core.kinds import (
    DEPARTMENTS_DIR,
    MEETINGS_DIR,
    SCHEMA_DIR,
    WORKSPACE_FILE,
)
from samtale_cli.core.yamlout import scalar
from samtale_cli.model import DEFAULT_MANDATORY_DATA
from samtale_cli.new.ci import ci_files
from samtale_cli.out.schema import schema_text

GITIGNORE = """\
# Output fra 'samtale render' og 'samtale kalender'; laves igen fra YAML-filerne.
# (Word-filer er ikke med her: en .docx kan også være et dokument, der skal importeres.)
_site/
*.pdf
*.ics
"""

PRE_COMMIT = """\
# Til dem, der bruger pre-commit (https://pre-commit.com). 'samtale init' har allerede
# lagt en git-hook, der gør det samme, så pre-commit er ikke nødvendig.
repos:
  - repo: local
    hooks:
      - id: samtale-check
        name: samtale check
        entry: samtale check --staged
        language: system
        files: \\.ya?ml$
        pass_filenames: false
"""

HOOK_COMMAND = "check --staged"
HOOK = """\
#!/bin/sh
# samtale: tjekker de samtale-filer, en commit ændrer, som de står i git (git add), og
# stopper commit'en, hvis de har fejl. Lagt her af 'samtale init'.
# Spring tjekket over én gang: git commit --no-verify
# Bruger I ikke samtale længere, så slet denne fil.
#
# Hooken finder samtale, også når git køres fra et program uden samtale i PATH: først
# den Python, samtale var installeret i, da 'samtale init' kørte, så 'samtale' i PATH.
# Findes samtale ikke, går en commit uden YAML-filer igennem; en commit, der ændrer
# YAML-filer, stoppes, fordi de ikke kan tjekkes.
SAMTALE_PYTHON={python}
if [ -x "$SAMTALE_PYTHON" ] && "$SAMTALE_PYTHON" -c {probe} >/dev/null 2>&1; then
    exec "$SAMTALE_PYTHON" -m samtale_cli {command}
fi
if command -v samtale >/dev/null 2>&1; then
    exec samtale {command}
fi
if ! git diff --cached --name-only -z --diff-filter=ACMR | tr '\\000' '\\n' | grep -qiE '\\.ya?ml$'; then
    exit 0
fi
echo "samtale: kan ikke finde samtale, så de ændrede YAML-filer er ikke tjekket, og commit'en er stoppet." >&2
echo "Installér samtale igen (fx pipx install samtale-dagtilbud), eller ret stien i $0. Spring tjekket over én gang: git commit --no-verify" >&2
echo "Bruger I ikke samtale længere, så slet hooken: rm \"$0\"" >&2
exit 1
"""
# whether a Python has samtale (without importing it): a Python left behind by
# 'pip uninstall' must not look like samtale
PROBE = 'import importlib.util as u; raise SystemExit(u.find_spec("samtale_cli") is None)'


def _list_block(items: list[str], indent: int = 2) -> str:
    return yamlout.text(items, indent, blocks=False)


def workspace_text(daycare: str, departments: list[str]) -> str:
    schema = (SCHEMA_DIR / kinds.WORKSPACE.schema_file).as_posix()
    return f"""# yaml-language-server: $schema={schema}
# Arbejdsmappe for {daycare}: dagtilbuddet, afdelingerne og de obligatoriske data.
# samtale check bruger filen til at tjekke afdelinger og datagrundlag i alle filer.

# Dagtilbuddets navn.
dagtilbud: {scalar(daycare)}

# Afdelingerne; hver har en mappe afdelinger/<navn>/ med indsatser og opmærksomhedspunkter.
afdelinger:
{_list_block(departments)}
# Data, som hver læringssamtale skal have i datagrundlag (markeret 'obligatorisk: true').
obligatorisk_data:
{_list_block(list(DEFAULT_MANDATORY_DATA))}
# Ekstra roller ud over de indbyggede, fx:
# roller: [dagplejepædagog]
"""


# A generic LSP client for VS Code (Generic LSP Client v2) starts 'samtale lsp' for YAML files.
LSP_CLIENT = "zsol.vscode-glspc"
YAML_EXTENSION = "redhat.vscode-yaml"


def vscode_settings() -> str:
    settings = {
        "yaml.schemas": {f"./{(SCHEMA_DIR / k.schema_file).as_posix()}": k.glob for k in kinds.ALL_KINDS},
        "files.encoding": "utf8",
        "glspc.server.command": "samtale",
        "glspc.server.commandArguments": ["lsp"],
        "glspc.server.languageId": ["yaml"],
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def vscode_extensions() -> str:
    return json.dumps({"recommendations": [YAML_EXTENSION, LSP_CLIENT]}, indent=2) + "\n"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def init_workspace(  # noqa: C901
    folder: Path, daycare: str, departments: list[str], *, git: bool = True, ci: str | None = None
) -> Result:
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
        folder / ".vscode" / "extensions.json": vscode_extensions(),
        **(ci_files(folder, ci) if ci else {}),
        folder / MEETINGS_DIR / ".gitkeep": "",
    }
    for name in names:
        files[folder / DEPARTMENTS_DIR / v.department_key(name) / ".gitkeep"] = ""
    for kind in kinds.ALL_KINDS:
        files[folder / SCHEMA_DIR / kind.schema_file] = schema_text(kind)
    for path in files:
        check_inside(path, folder, f"'{folder}'")  # before anything is written
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
    """A repository (unless the folder is inside one already) with a first commit of the
    files init made, and nothing else: not the files that were there before, not work
    that was staged."""
    inside = _git(["rev-parse", "--show-toplevel"], folder)
    if inside.returncode == 0 and Path(inside.stdout.strip()).resolve() != folder:
        note_parent_repository(folder, inside.stdout.strip(), result)
        return
    if inside.returncode != 0:
        done = _git(["init", "-q"], folder)
        if done.returncode != 0:
            raise SamtaleError(f"Filerne er oprettet, men 'git init' mislykkedes: {done.stderr.strip()}", FAILED)
    ours = [relative(p, folder) for p in result.written]
    added = _git(["add", "--force", "--", *ours], folder)
    if added.returncode != 0:
        raise SamtaleError(f"Filerne er oprettet, men 'git add' mislykkedes: {added.stderr.strip()}", FAILED)
    identity: list[str] = []
    if _git(["config", "user.name"], folder).returncode != 0 or _git(["config", "user.email"], folder).returncode != 0:
        identity = ["-c", "user.name=samtale", "-c", "user.email=samtale@localhost"]
    message = f"Arbejdsmappe for {daycare} oprettet med samtale init"
    # only the named files, even when other work was staged; no hook yet, so none runs
    done = _git([*identity, "commit", "-q", "--no-verify", "-m", message, "--", *ours], folder)
    if done.returncode != 0:
        raise SamtaleError(
            f"Filerne er oprettet, men den første commit mislykkedes: {(done.stderr or done.stdout).strip()}", FAILED
        )
    result.notes.append(f"git-repo oprettet med en første commit af de {len(ours)} filer, samtale lavede.")
    _note_other_files(folder, result)
    install_hook(folder, result)


def _note_other_files(folder: Path, result: Result) -> None:
    """Say which files init left out of git (they were there before)."""
    status = _git(["status", "--porcelain", "--untracked-files=all", "-z"], folder)
    others = [entry[3:] for entry in status.stdout.split("\0") if entry.startswith("?? ")]
    if others:
        shown = ", ".join(others[:5]) + (f" og {len(others) - 5} flere" if len(others) > 5 else "")
        result.notes.append(
            f"{len(others)} andre filer i mappen er ikke lagt i git ({shown}); "
            "tilføj dem selv med 'git add', hvis de skal med (aldrig CPR-numre eller adgangskoder)."
        )


def hook_script(python: str) -> str:
    return HOOK.format(python=shlex.quote(Path(python).as_posix()), probe=shlex.quote(PROBE), command=HOOK_COMMAND)


def chain_line(python: str) -> str:
    """The line that runs samtale's check from another hook; it does nothing when samtale
    is not there (a hook shared by many repositories must not stop them all)."""
    quoted = shlex.quote(Path(python).as_posix())
    return f"if {quoted} -c {shlex.quote(PROBE)} 2>/dev/null; then {quoted} -m samtale_cli {HOOK_COMMAND} || exit 1; fi"


def _hooks_folder(folder: Path) -> Path | None:
    """Where git looks for the hooks of the repository around ``folder``."""
    where = _git(["rev-parse", "--git-path", "hooks"], folder)
    if where.returncode != 0 or not where.stdout.strip():
        return None
    return (folder / where.stdout.strip()).resolve()


def _add_line_note(hook: Path) -> str:
    return (f"Tilføj denne linje i {hook} for at tjekke samtale-filerne før hver commit: "
            f"{chain_line(sys.executable)}")


def note_parent_repository(folder: Path, top: str, result: Result) -> None:
    """``folder`` lies in a repository of its own: no repo, no commit, and no hook (it would
    run for the whole repository); say where the hook would go and what to add."""
    text = (f"Mappen ligger allerede i git-repoet '{top}'; der er ikke lavet et nyt repo eller en commit, "
            "og der er ingen git-hook lagt (den ville gælde hele repoet).")
    hooks = _hooks_folder(folder)
    result.notes.append(f"{text} {_add_line_note(hooks / 'pre-commit')}" if hooks is not None else text)


def install_hook(folder: Path, result: Result) -> None:
    """A pre-commit hook that runs ``samtale check --staged`` in the repository whose top
    level is ``folder``, in its own hooks folder only: with ``core.hooksPath`` set (a
    folder that may serve every repository of the user) nothing is written, and a note
    says where the hook would go and what to add; an existing hook that is not samtale's
    is left alone (with a note on how to add samtale to it)."""
    hooks = _hooks_folder(folder)
    if hooks is None:
        return
    hook = hooks / "pre-commit"
    shared = _git(["config", "--get", "core.hooksPath"], folder)
    if shared.returncode == 0 and shared.stdout.strip():
        result.notes.append(
            f"git tager hooks fra core.hooksPath ('{shared.stdout.strip()}'), en mappe, som andre repoer kan "
            f"bruge; samtale har ikke lagt en git-hook dér. {_add_line_note(hook)}"
        )
        return
    own = folder / ".git"
    if not own.is_dir() or own.is_symlink() or not leads_inside(hooks, own):
        # a worktree (.git is a file), or .git/hooks a link to a folder other repos may share
        result.notes.append(
            f"git tager denne mappes hooks fra '{hooks}', som ikke hører til arbejdsmappens eget repo; samtale har "
            f"ikke lagt en git-hook dér. {_add_line_note(hook)}")
        return
    try:
        existing = hook.read_text(encoding="utf-8", errors="replace") if hook.exists() else None
    except OSError:
        existing = ""
    if existing is not None and HOOK_COMMAND not in existing:
        result.notes.append(f"Der er allerede en pre-commit-hook ({hook}); samtale har ikke ændret den. "
                            f"{_add_line_note(hook)}")
        return
    write_atomic(hook, hook_script(sys.executable))
    os.chmod(hook, 0o755)
    result.notes.append("git-hook lagt: hver commit tjekker de ændrede samtale-filer ('samtale check --staged').")
