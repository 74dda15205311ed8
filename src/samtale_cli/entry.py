"""The ``samtale`` console script: answers ``--version`` before importing anything heavy."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from samtale_cli import __version__

        print(f"samtale {__version__}")
        return
    from samtale_cli.cli import main as cli_main

    cli_main()
