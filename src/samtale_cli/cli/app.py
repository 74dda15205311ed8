"""The Typer application that the commands register on, and its output formats.

Thin on purpose and light to import (typer only), so ``samtale --help`` starts quickly:
the commands import the heavy modules inside their functions. The commands live in
:mod:`samtale_cli.cli.commands`, one module each; :mod:`samtale_cli.cli.main` runs the app. What
commands print (findings, skipped files) is in :mod:`samtale_cli.cli.output`.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from samtale_cli.cli import danish
from samtale_cli.cli.output import jobs_from_env, note, print_findings, report_skipped  # noqa: F401
from samtale_cli.core.files import show  # noqa: F401

danish.install()

HELP = """\
samtale tjekker og laver dokumenter til læringssamtaler i dagtilbud.

Møder, opmærksomhedspunkter og indsatser skrives som YAML-filer i en mappe pr.
dagtilbud (versioneret med git). 'samtale check' finder fejl med fil, linje og
kolonne; 'samtale render' laver dagsordener, referater og planer.

\b
Eksempler:
  samtale check                 tjek arbejdsmappen, du står i
  samtale check eksempler/      tjek alle filer i en mappe
  samtale forklar A101          hvad betyder et fund, og hvordan rettes det?
"""

app = typer.Typer(
    name="samtale",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    # Plain help (click's formatter), not typer's rich panels: importing and running rich
    # costs 100 ms, which alone is 7x the start-up of Python itself.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        from samtale_cli.cli.version import version_line

        print(version_line())
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", help="Vis versionen og afslut.", callback=_version, is_eager=True),
    ] = None,
) -> None:
    """samtale: læringssamtaler som tjekbare filer."""
