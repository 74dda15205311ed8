"""Run the command line: the one place where errors become messages and exit codes.

Exit codes (docs/format.md): 0 no errors, 1 errors found (or warnings with ``--strict``),
2 usage error, unreadable path or refused write. A command returns its exit code or
raises :class:`~samtale_cli.core.errors.SamtaleError`, which :func:`~samtale_cli.core.errors.guarded`
turns into a message; the command-line parser's own errors are translated to Danish
here (:mod:`samtale_cli.cli.danish`). An unexpected internal error also exits 2 with a
short Danish message, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from samtale_cli.cli import commands  # noqa: F401  (registers the commands on the app)
from samtale_cli.cli import danish
from samtale_cli.cli.app import HELP, app
from samtale_cli.core.errors import INTERRUPTED, guarded
from samtale_cli.cli.output import prepare_streams


def _command_names() -> set[str]:
    return {c.name for c in _ALL_COMMANDS if c.name}


_ALL_COMMANDS = list(app.registered_commands)


@contextmanager
def _only_the_command(args: list[str]) -> Iterator[None]:
    """typer turns every registered command into click's form (building validators for
    each option) on every run; when the command line names a command, only that one is
    needed. The full list stays for the help and for unknown commands ("Mente du ...")."""
    chosen = [c for c in _ALL_COMMANDS if args and c.name == args[0]]
    app.registered_commands = chosen or list(_ALL_COMMANDS)
    try:
        yield
    finally:
        app.registered_commands = list(_ALL_COMMANDS)


def main() -> None:
    """Entry point of the ``samtale`` command."""
    prepare_streams()
    sys.exit(run())


DATE_OPTIONS = ("--dato",)


def join_dates(args: list[str]) -> list[str]:
    """``--dato 13/5 2025`` typed without quotes is ``--dato "13/5 2025"``: the words
    after a date option are joined as long as they make a longer date (the shell splits
    a date with spaces into several arguments)."""
    from samtale_cli.core.values import ParseError, parse_date

    def is_date(text: str) -> bool:
        try:
            parse_date(text)
        except ParseError:
            return False
        return True

    out: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        out.append(arg)
        i += 1
        name, eq, value = arg.partition("=")
        if name not in DATE_OPTIONS:
            continue
        if not eq:
            if i >= len(args):
                break
            value = args[i]
            i += 1
        words = [value]
        best = 1
        while i + len(words) - 1 < len(args) and len(words) < 5:
            nxt = args[i + len(words) - 1]
            if nxt.startswith("-"):
                break
            words.append(nxt)
            if is_date(" ".join(words)):
                best = len(words)
        joined = " ".join(words[:best])
        i += best - 1
        if eq:
            out[-1] = f"{name}={joined}"
        else:
            out.append(joined)
    return out


def run(args: list[str] | None = None) -> int:
    """Run the app on ``args`` (default: the command line) and return the exit code."""
    args = join_dates(list(sys.argv[1:] if args is None else args))
    with _only_the_command(args):
        return guarded(lambda: _run_app(args))


def _run_app(args: list[str]) -> int:
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    try:
        # without standalone mode the app returns the command's return value
        code = app(args, prog_name="samtale", standalone_mode=False)
        if code == INTERRUPTED:  # typer turns Ctrl-C into this exit code, silently
            print("samtale: afbrudt.", file=sys.stderr)
        return code if isinstance(code, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except NoArgsIsHelpError as exc:  # 'samtale' alone: the help, as a usage error
        print(exc.ctx.get_help() if exc.ctx is not None else HELP)
        return 2
    except ClickException as exc:  # usage errors: a Danish message, exit 2
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "samtale"
        if command == "samtale" and args and args[0] in _command_names():
            command = f"samtale {args[0]}"
        print(f"samtale: {danish.usage_error(exc.format_message())}", file=sys.stderr)
        print(f"Prøv '{command} --help' for hjælp.", file=sys.stderr)
        return 2
    except typer.Abort:
        raise KeyboardInterrupt from None
