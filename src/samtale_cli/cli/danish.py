"""Danish for typer's own words: help texts, panel titles, usage errors.

typer (0.2x) carries its own copy of click with English texts written into the code,
so we patch the few places that show text to people: the help option's text, the
"Usage:" line, the section titles of the help, and the messages of usage errors
(translated by pattern in :func:`usage_error`).
"""

from __future__ import annotations

import re
from typing import Any

# typer's words in the plain help (it looks them up through gettext's ``_``)
WORDS = {
    "Options": "Tilvalg",
    "Commands": "Kommandoer",
    "Arguments": "Argumenter",
    "default: {default}": "standard: {default}",
    "required": "påkrævet",
    "env var: {var}": "miljøvariabel: {var}",
    "(dynamic)": "(dynamisk)",
}
USAGE_WORDS = {"[OPTIONS]": "[TILVALG]", "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]..."}

def _either(names: str) -> str:
    """"'check', 'schema'" -> "'check' eller 'schema'"."""
    parts = [p.strip() for p in names.split(",")]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " eller " + parts[-1]


_ERRORS = [
    (r"No such option: (.+?)(?: \(Possible options: (.+)\))?$", lambda m: f"Tilvalget {m[1]} findes ikke."
     + (f" Mente du {_either(m[2])}?" if m[2] else "")),
    (r"No such command '(.+?)'\.?(?: Did you mean (.+?)\?)?$", lambda m: f"Kommandoen '{m[1]}' findes ikke."
     + (f" Mente du {_either(m[2])}?" if m[2] else " Se 'samtale --help'.")),
    (r"Missing command\.?$", lambda m: "Der mangler en kommando."),
    (r"Missing argument '(.+)'\.?(.*)$", lambda m: f"Argumentet '{m[1]}' mangler."),
    (r"Missing option '(.+)'\.?(.*)$", lambda m: f"Tilvalget '{m[1]}' mangler."),
    (r"Option '(.+)' requires an argument\.?$", lambda m: f"Tilvalget '{m[1]}' skal have en værdi."),
    (r"Option '(.+)' requires (\d+) arguments\.?$", lambda m: f"Tilvalget '{m[1]}' skal have {m[2]} værdier."),
    (r"Option '(.+)' does not take a value\.?$", lambda m: f"Tilvalget '{m[1]}' tager ingen værdi."),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)$", lambda m: f"Uventet ekstra argument: {m[1]}. "
     "Står der mellemrum i en værdi, så sæt anførselstegn om den, fx \"Børnehuset Haven\"."),
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
    from typer import core
    from typer._click import decorators, formatting

    english = core._
    core._ = lambda text: WORDS[text] if text in WORDS else english(text)  # type: ignore[attr-defined]

    # An argument's name says what it is; typer would add its Python type ("<list[Path]>").
    # Choices ("<text|json>") stay.
    type_shown = core.TyperArgument.display_type_rich

    def argument_type(self: Any, ctx: Any) -> str | None:
        shown = type_shown(self, ctx)
        return shown if shown and "|" in shown else None

    core.TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign]

    # The usage line: a required argument as STI (click's way), not typer's {STI}
    usage_name = core.TyperArgument._usage_display_name

    def plain_usage_name(self: Any) -> str:
        name = usage_name(self)
        return name[1:-1] if name.startswith("{") and name.endswith("}") else name

    core.TyperArgument._usage_display_name = plain_usage_name  # type: ignore[method-assign]

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
        for english_words, danish_words in USAGE_WORDS.items():
            args = args.replace(english_words, danish_words)
        original_write_usage(self, prog, args, "Brug: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
