"""``samtale init``: a new workspace (see :mod:`samtale_cli.new.init`)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, note, show


class Forge(str, Enum):
    gitlab = "gitlab"
    github = "github"


@app.command("init", short_help="Lav en ny arbejdsmappe til et dagtilbud.")
def init_command(
    mappe: Annotated[
        Path, typer.Argument(metavar="MAPPE", help="Mappen, der skal blive arbejdsmappe (laves, hvis den ikke findes).")
    ] = Path("."),
    dagtilbud: Annotated[str, typer.Option("--dagtilbud", metavar="NAVN", help="Dagtilbuddets navn, fx Dagtilbud Vest.", show_default=False)] = ...,  # type: ignore[assignment]
    afdeling: Annotated[
        list[str], typer.Option("--afdeling", metavar="AFDELING", help="En afdeling; gentag for hver afdeling.", show_default=False)
    ] = ...,  # type: ignore[assignment]
    no_git: Annotated[bool, typer.Option("--no-git", help="Lav ikke et git-repo og en første commit.")] = False,
    ci: Annotated[
        Optional[Forge],
        typer.Option("--ci", help="Læg et CI-job til GitLab eller GitHub: tjek ved hvert push, sitet på Pages, "
                     "og en påmindelse om overskredne aftaler, der kan slås til.", show_default=False),
    ] = None,
) -> int:
    """Lav en ny arbejdsmappe til et dagtilbud.

    Mappen får samtale.yaml, laeringssamtaler/, afdelinger/<afdeling>/ for hver afdeling, en .gitignore for færdige dokumenter (_site/, *.pdf, *.ics), JSON Schemas til editorer i .samtale/schema/, .vscode/settings.json (skemaerne og sprogserveren 'samtale lsp') og .vscode/extensions.json (YAML-udvidelsen og en LSP-klient). Med --ci gitlab eller --ci github også et CI-job: .gitlab-ci.yml eller .github/workflows/.

    Uden --no-git laves et git-repo med en første commit af netop de filer, init lavede (andre filer i mappen røres ikke), og en git-hook, der tjekker de ændrede samtale-filer før hver commit og stopper en commit med fejl. En hook, der findes i forvejen, ændres ikke. Hooken lægges kun i arbejdsmappens eget repo: ligger mappen i et andet repo, eller tager git hooks fra core.hooksPath (en mappe, flere repoer kan dele), lægges ingen hook, og init skriver, hvilken linje der kan tilføjes hvor. Kan hooken ikke finde samtale (afinstalleret), går en commit uden YAML-filer igennem, mens en commit med YAML-filer stoppes med besked om det (spring over én gang: git commit --no-verify). .pre-commit-config.yaml er til dem, der bruger pre-commit.

    En mappe, der allerede har en samtale.yaml, røres ikke (exitkode 2).
    """
    from samtale_cli.new.init import init_workspace

    result = init_workspace(mappe, dagtilbud, afdeling, git=not no_git, ci=ci.value if ci else None)
    for line in result.notes:
        note(line)
    print(f"Arbejdsmappe oprettet: {show(result.path.parent)}")
    return 0
