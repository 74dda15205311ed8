"""The one error type of samtale: a Danish message for the user and the exit code.

Commands raise :class:`SamtaleError` (or a subclass) when they refuse to go on; the
command line catches it in one place (:func:`samtale_cli.cli.main`), prints
``samtale: <message>`` on standard error and exits with :attr:`~SamtaleError.exit_code`.
Findings about the *content* of files are not errors: they are
:class:`~samtale_cli.diagnostics.Diagnostic` values, collected and printed.

Exit codes (FORMAT.md, CLI.md): 1 findings, or a step that failed (git); 2 usage error,
a path that cannot be used, or a refused write (a file that exists and that samtale did
not write, see :mod:`samtale_cli.files`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

USAGE = 2
FAILED = 1
INTERRUPTED = 130


class SamtaleError(Exception):
    """A Danish message and the exit code to leave with (2, a usage error, by default)."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class ParseError(SamtaleError, ValueError):
    """A small value (date, duration, clock time, interval) could not be read.

    Inside a file it becomes a finding (F020); given as an option (``--dato``) it is a
    usage error.
    """


def guarded(action: Callable[[], int]) -> int:
    """Run a command and return its exit code: the one place where a SamtaleError, Ctrl-C
    and an unexpected error become a Danish line on standard error. Never a traceback."""
    try:
        return action()
    except SamtaleError as exc:
        print(f"samtale: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("samtale: afbrudt.", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        print(f"samtale: intern fejl ({type(exc).__name__}: {exc}). Meld det gerne som en fejl.", file=sys.stderr)
        return USAGE
