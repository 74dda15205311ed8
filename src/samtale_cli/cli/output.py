"""What commands print for people, without typer (the commit hook's fast path in
:mod:`samtale_cli.cli.entry` uses it too): findings, the files a command skipped, notes,
paths as the user should see them; and ``SAMTALE_JOBS``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from samtale_cli.core.errors import SamtaleError

if TYPE_CHECKING:
    from samtale_cli.core.diagnostics import Diagnostic
    from samtale_cli.check.runs import Run


def prepare_streams() -> None:
    """Never fail on a character the console cannot show (an old Windows code page), nor
    on an output the shell closed ('samtale check >&-': Python then has none)."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


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
