"""Privacy: nothing shaped like a CPR number may stand in a file (comments included)."""

from __future__ import annotations

from collections.abc import Iterator

from samtale_cli.catalogue import C701
from samtale_cli.diagnostics import Diagnostic
from samtale_cli.rules import Context, text_rule
from samtale_cli.values import find_cpr


@text_rule
def cpr_numbers(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.doc.source.text
    line, line_start, done = 1, 0, 0  # walk forward once, so many matches stay linear
    for start, _end in find_cpr(text):
        line += text.count("\n", done, start)
        newline = text.rfind("\n", done, start)
        if newline >= 0:
            line_start = newline + 1
        done = start
        col = start - line_start + 1
        yield C701.at(
            ctx.doc.file, line, col,
            "Teksten ligner et CPR-nummer. CPR-numre må ikke stå i filerne: de ender i git og i delte dokumenter.",
        )
