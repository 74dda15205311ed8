"""Danish for typer's own words: help texts, panel titles, usage errors.

typer (0.2x) carries its own copy of click with English texts written into the code,
so we patch the few places that show text to people: the help option's text, the
"Usage:" prefix, rich's panel titles, and the messages of usage errors (translated by
pattern in :func:`usage_error`).
"""

from __future__ import annotations

import re
from typing import Any

PANEL_TITLES = {
    "DEPRECATED_STRING": "(forældet) ",
    "DEFAULT_STRING": "[standard: {}]",
    "ENVVAR_STRING": "[miljøvariabel: {}]",
    "REQUIRED_LONG_STRING": "[påkrævet]",
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Tilvalg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Fejl",
    "ABORTED_TEXT": "Afbrudt.",
    "RICH_HELP": "Prøv [blue]'{command_path} {help_option}'[/] for hjælp.",
}

_ERRORS = [
    (r"No such option: (.+?)(?: \(Possible options: (.+)\))?$", lambda m: f"Tilvalget {m[1]} findes ikke."
     + (f" Mente du {m[2]}?" if m[2] else "")),
    (r"No such command '(.+)'\.?$", lambda m: f"Kommandoen '{m[1]}' findes ikke."),
    (r"Missing command\.?$", lambda m: "Der mangler en kommando."),
    (r"Missing argument '(.+)'\.?(.*)$", lambda m: f"Argumentet '{m[1]}' mangler."),
    (r"Missing option '(.+)'\.?(.*)$", lambda m: f"Tilvalget '{m[1]}' mangler."),
    (r"Option '(.+)' requires an argument\.?$", lambda m: f"Tilvalget '{m[1]}' skal have en værdi."),
    (r"Option '(.+)' requires (\d+) arguments\.?$", lambda m: f"Tilvalget '{m[1]}' skal have {m[2]} værdier."),
    (r"Option '(.+)' does not take a value\.?$", lambda m: f"Tilvalget '{m[1]}' tager ingen værdi."),
    (r"Got unexpected extra arguments? \((.+)\)$", lambda m: f"Uventet ekstra argument: {m[1]}."),
    (r"Invalid value for '(.+?)': (?:Value error, )?'(.+?)' is not one of (.+?)\.?$",
     lambda m: f"Ugyldig værdi for '{m[1]}': '{m[2]}' er ikke en af {m[3].replace(' or ', ' eller ')}."),
    (r"Invalid value for '(.+?)': (.+)$", lambda m: f"Ugyldig værdi for '{m[1]}': {m[2]}"),
]


def usage_error(message: str) -> str:
    """A usage error's message in Danish (unknown ones are passed through)."""
    for pattern, build in _ERRORS:
        match = re.match(pattern, message.strip(), re.S)
        if match:
            return build(match)
    return message


def install() -> None:
    """Patch typer's texts; call once after importing typer.

    These are typer internals: with a typer that lacks them, help stays English
    rather than failing.
    """
    try:
        _install()
    except (ImportError, AttributeError):
        pass


def _install() -> None:
    from typer._click import decorators, formatting

    _when_imported("typer.rich_utils", _translate_panels)
    original_help_option = decorators.help_option

    def help_option(*args: Any, **kwargs: Any) -> Any:
        add = original_help_option(*args, **kwargs)

        def add_danish(command: Any) -> Any:
            result = add(command)
            command.params[-1].help = "Vis denne hjælp og afslut."
            return result

        return add_danish

    decorators.help_option = help_option

    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_write_usage(self, prog, args, "Brug: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


def _translate_panels(rich_utils: Any) -> None:
    for name, text in PANEL_TITLES.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)


def _when_imported(name: str, patch: Any) -> None:
    """Run ``patch(module)`` once ``name`` is imported (now, if it already is).

    typer imports its rich help renderer (and rich with it, ~70 ms) only when help is
    shown; importing it ourselves would slow down every ``samtale check``.
    """
    import importlib.abc
    import importlib.util
    import sys

    if name in sys.modules:
        patch(sys.modules[name])
        return

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            if spec is None or spec.loader is None:
                return spec
            original = spec.loader.exec_module

            def exec_module(module: Any) -> None:
                original(module)
                patch(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())
