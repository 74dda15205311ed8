"""The ``samtale`` console script: answers ``--version`` before importing anything heavy,
and runs a plain ``samtale check`` (the commit hook's case) without loading the
command-line parser: ``check_files`` is the same function the typer command calls, and
anything beyond paths, ``--format``, ``--strict`` and ``--staged`` goes to the parser."""

from __future__ import annotations

import os
import sys


def main() -> None:
    # samtale uses no pydantic plugins; looking for them scans every installed package's
    # metadata (importlib.metadata), a third of the start-up of a one-file check
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from samtale_cli import __version__

        print(f"samtale {__version__}")
        return
    if args[:1] == ["check"]:
        from samtale_cli.cli.check import check_files, fast_args

        plain = fast_args(args[1:])
        if plain is not None:
            from samtale_cli.core.errors import guarded
            from samtale_cli.cli.output import prepare_streams

            paths, fmt, strict, staged = plain
            prepare_streams()
            sys.exit(guarded(lambda: check_files(paths, fmt=fmt, strict=strict, staged=staged)))
    from samtale_cli.cli.main import main as cli_main

    cli_main()
