"""``samtale check``: the pipeline's findings, as text, JSON or a forge's format."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


@app.command("check", short_help="Tjek filerne og vis fejl med fil, linje og kolonne.")
def check_command(
    stier: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="STI",
            help="Filer eller mapper. En mappe betyder alle *.yaml under den. "
            "Uden sti: arbejdsmappen omkring dig (nærmeste samtale.yaml opad).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        CheckFormat,
        typer.Option("--format", help="text: én linje pr. fund. json: en liste til andre værktøjer. "
                     "github: annotationer i GitHub Actions. gitlab: GitLab Code Quality (JSON). "
                     "sarif: SARIF 2.1.0 til code scanning."),
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Advarsler giver også exitkode 1.")] = False,
    staged: Annotated[
        bool,
        typer.Option("--staged", help="Tjek de filer, der er klar til commit, som de står i git (git add). "
                     "Det gør git-hooken fra 'samtale init'."),
    ] = False,
) -> int:
    """Tjek filerne: summer af minutter, faser, obligatoriske data, henvisninger og CPR-numre.

    Hvert fund står på én linje som fil:linje:kolonne: niveau [KODE]: besked,
    sorteret efter fil og linje. 'samtale forklar KODE' forklarer en kode.

    Exitkoder: 0 ingen fejl (advarsler er tilladt uden --strict), 1 fejl fundet,
    2 forkert brug eller en sti, der ikke kan læses.

    Mange filer tjekkes på alle processorkerner; SAMTALE_JOBS=1 slår det fra.
    """
    from samtale_cli.cli.check import check_files

    return check_files(stier or [], fmt=format.value, strict=strict, staged=staged)
