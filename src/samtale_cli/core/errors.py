"""The one error type of samtale: a Danish message for the user and the exit code.

Commands raise :class:`SamtaleError` (or a subclass) when they refuse to go on; the
command line catches it in one place (:func:`samtale_cli.cli.main.main`), prints
``samtale: <message>`` on standard error and exits with :attr:`~SamtaleError.exit_code`.
Findings about the *content* of files are not errors: they are
:class:`~samtale_cli.core.diagnostics.Diagnostic` values, collected and printed.

Exit codes (docs/format.md, docs/kommandoer.md): 1 findings, or a step that failed (git); 2 usage error,
a path that cannot be used, or a refused write (a file that exists and that samtale did
not write, see :mod:`samtale_cli.core.files`).
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
    """Run a command and return its exit code: the one place where a SamtaleError, a file
    that cannot be read or written, Ctrl-C and an unexpected error become a Danish line
    on standard error. Never a traceback."""
    try:
        code = action()
        sys.stdout.flush()  # a full disk behind '> fil' shows here, not at exit
        return code
    except SamtaleError as exc:
        print(f"samtale: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader went away ('samtale check | head'): nothing to say
        _silence_stdout()
        return FAILED
    except OSError as exc:
        where = f"'{exc.filename}'" if exc.filename else "standard-output"
        print(f"samtale: kunne ikke skrive eller læse {where}: {danish_oserror(exc)}.", file=sys.stderr)
        _silence_stdout()
        return USAGE
    except KeyboardInterrupt:
        print("samtale: afbrudt.", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        print(f"samtale: intern fejl ({type(exc).__name__}: {exc}). Meld det gerne som en fejl.", file=sys.stderr)
        return USAGE


_OSERRORS = {
    "ENOENT": "findes ikke",
    "EACCES": "ingen adgang",
    "EPERM": "ingen tilladelse",
    "ENAMETOOLONG": "navnet er for langt",
    "ELOOP": "links, der peger i ring",
    "EISDIR": "er en mappe",
    "ENOTDIR": "en del af stien er ikke en mappe",
    "ENOSPC": "disken er fuld",
    "EDQUOT": "der er ikke mere plads til dig på disken",
    "EROFS": "disken kan kun læses",
    "EEXIST": "findes allerede",
    "EBUSY": "er i brug",
    "EXDEV": "ligger på et andet drev",
    "EIO": "læse- eller skrivefejl på disken",
    "EMFILE": "for mange åbne filer",
}


def danish_oserror(exc: OSError) -> str:
    """What went wrong with a file, in Danish (the system's own text is often English)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OSERRORS.get(name) or (exc.strerror or str(exc))


def _silence_stdout() -> None:
    """After standard output failed, the interpreter's last flush must not fail again."""
    import os

    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    except OSError:
        pass
