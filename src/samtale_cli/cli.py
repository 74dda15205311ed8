"""The command line: thin. Parse options, call the steps, print, choose the exit code.

Exit codes (FORMAT.md): 0 no errors, 1 errors found (or warnings with ``--strict``),
2 usage error or unreadable path. An unexpected internal error also exits 2 with a
short Danish message, never a traceback.

Heavy modules (pydantic, jinja2, weasyprint, ...) are imported inside the commands, so
``samtale --version`` and ``samtale --help`` start quickly.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli import __version__, danish

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


def _fail(message: str, code: int = 2) -> typer.Exit:
    print(f"samtale: {message}", file=sys.stderr)
    return typer.Exit(code)


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
        OutputFormat, typer.Option("--format", help="text: én linje pr. fund. json: en liste til andre værktøjer.")
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Advarsler giver også exitkode 1.")] = False,
) -> None:
    """Tjek filerne: summer af minutter, faser, obligatoriske data, henvisninger og CPR-numre.

    Hvert fund står på én linje som fil:linje:kolonne: niveau [KODE]: besked,
    sorteret efter fil og linje.

    Exitkoder: 0 ingen fejl (advarsler er tilladt uden --strict), 1 fejl fundet,
    2 forkert brug eller en sti, der ikke kan læses.

    Mange filer tjekkes på alle processorkerner; SAMTALE_JOBS=1 slår det fra.
    """
    from samtale_cli.check import PathProblem, check, default_paths
    from samtale_cli.diagnostics import Level

    jobs = _jobs_from_env()
    cwd = Path.cwd()
    paths = stier or default_paths(cwd)
    try:
        found = check(paths, cwd, jobs)
    except PathProblem as exc:
        raise _fail(str(exc)) from None
    errors = sum(d.level is Level.ERROR for d in found)
    warnings = len(found) - errors
    if format is OutputFormat.json:
        import json

        print(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2))
    else:
        _print_text(found)
        summary = f"{errors} fejl, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}." if found else "Ingen fund."
        print(summary, file=sys.stderr)
    if errors or (strict and warnings):
        raise typer.Exit(1)


def _jobs_from_env() -> int | None:
    """SAMTALE_JOBS: how many processes check uses (unset or empty: one per core)."""
    value = os.environ.get("SAMTALE_JOBS", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise _fail(f"SAMTALE_JOBS skal være et helt tal på mindst 1, ikke '{value}'.")
    return int(value)


def _print_text(found: list) -> None:
    if not found:
        return
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False, soft_wrap=True)
        for d in found:
            colour = "red" if d.level.value == "fejl" else "yellow"
            console.print(
                f"[bold]{escape(d.file)}[/]:{d.line}:{d.col}: [{colour}]{d.level.value}[/] "
                f"[dim]\\[{d.code}][/]: {escape(d.message)}"
            )
    else:
        sys.stdout.write("".join(d.format() + "\n" for d in found))


def main() -> None:
    """Entry point of the ``samtale`` command."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    try:
        # without standalone mode typer returns the exit code of typer.Exit
        code = app(standalone_mode=False)
        if code == 130:  # typer turns Ctrl-C into this exit code, silently
            print("samtale: afbrudt.", file=sys.stderr)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except NoArgsIsHelpError as exc:  # 'samtale' alone: the help, as a usage error
        print(exc.ctx.get_help() if exc.ctx is not None else HELP)
        sys.exit(2)
    except ClickException as exc:  # usage errors: a Danish message, exit 2
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "samtale"
        print(f"samtale: {danish.usage_error(exc.format_message())}", file=sys.stderr)
        print(f"Prøv '{command} --help' for hjælp.", file=sys.stderr)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        print("samtale: afbrudt.", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"samtale: intern fejl ({type(exc).__name__}: {exc}). Meld det gerne som en fejl.", file=sys.stderr)
        sys.exit(2)


# Commands that live in their own modules register themselves on ``app``.
from samtale_cli import cli_render, cli_workspace  # noqa: E402,F401
