"""The Typer application that the commands register on, and what they share: the output
formats, printing findings, the files a command skipped, ``SAMTALE_JOBS``.

Thin on purpose and light to import (typer only), so ``samtale --help`` starts quickly:
the commands import the heavy modules inside their functions. The commands live in
:mod:`samtale_cli.commands`, one module each; :mod:`samtale_cli.cli` runs the app.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

from samtale_cli import __version__, danish
from samtale_cli.errors import SamtaleError

if TYPE_CHECKING:
    from samtale_cli.diagnostics import Diagnostic
    from samtale_cli.pipeline import Run

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
        print(f"samtale {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", help="Vis versionen og afslut.", callback=_version, is_eager=True),
    ] = None,
) -> None:
    """samtale: læringssamtaler som tjekbare filer."""


def show(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when below it."""
    from samtale_cli.pipeline import display_name

    return display_name(path.resolve(), Path.cwd())


def note(message: str) -> None:
    """A line for the user on standard error (standard output may be a document)."""
    print(f"samtale: {message}", file=sys.stderr)


def print_findings(found: list[Diagnostic], stream: TextIO | None = None) -> None:
    """Findings one per line, ``fil:linje:kolonne: niveau [KODE]: besked``; in colour on
    a terminal."""
    stream = stream or sys.stdout
    if not found:
        return
    if stream.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console(file=stream, highlight=False, soft_wrap=True)
        for d in found:
            colour = "red" if d.is_error else "yellow"
            console.print(
                f"[bold]{escape(d.file)}[/]:{d.line}:{d.col}: [{colour}]{d.level.value}[/] "
                f"[dim]\\[{d.code}][/]: {escape(d.message)}"
            )
    else:
        stream.write("".join(d.format() + "\n" for d in found))
        stream.flush()


def report_skipped(run: Run) -> int:
    """The one way every command that uses documents reports the files it skipped:
    their errors on standard error (as ``check`` prints them) and a closing line.
    Returns the exit code: 1 when a file was skipped, else 0."""
    if not run.skipped:
        return 0
    print_findings(run.errors, sys.stderr)
    broken = sum(1 for c in run.skipped if c.has_errors)
    blocked = len(run.skipped) - broken
    parts = []
    if broken:
        parts.append(f"{broken} {'fil' if broken == 1 else 'filer'} med fejl")
    if blocked:
        parts.append(f"{blocked} {'fil' if blocked == 1 else 'filer'}, der henviser til en fil med fejl")
    note(f"sprang over {' og '.join(parts)}; ret fejlene ovenfor (se også 'samtale check').")
    return 1


def jobs_from_env() -> int | None:
    """SAMTALE_JOBS: how many processes check uses (unset or empty: one per core)."""
    value = os.environ.get("SAMTALE_JOBS", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise SamtaleError(f"SAMTALE_JOBS skal være et helt tal på mindst 1, ikke '{value}'.")
    return int(value)
