"""Privacy: nothing shaped like a CPR number may stand in a file (comments included)."""

from __future__ import annotations

from collections.abc import Iterator

from samtale_cli.diagnostics import Diagnostic, error
from samtale_cli.rules import Context, text_rule
from samtale_cli.values import find_cpr


@text_rule
def cpr_numbers(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.doc.source.text
    for start, _end in find_cpr(text):
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        yield error(
            ctx.doc.file, line, col, "C701",
            "Teksten ligner et CPR-nummer. CPR-numre må ikke stå i filerne: de ender i git og i delte dokumenter.",
        )
