"""Privacy: nothing shaped like a CPR number may stand in a file (comments included),
neither as written nor as YAML reads it (escapes such as ``"\\x30"``, a line
continuation inside a double-quoted text)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from samtale_cli.core.catalogue import C701
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.rules.base import Context, text_rule
from samtale_cli.check.rules.slips import strings
from samtale_cli.core.values import find_cpr

_MESSAGE = "Teksten ligner et CPR-nummer. CPR-numre må ikke stå i filerne: de ender i git og i delte dokumenter."
_NOT_DIGIT = re.compile(r"[^0-9]")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


@text_rule
def cpr_numbers(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.doc.source.text
    written: Counter[str] = Counter()  # the numbers found as written, to find the hidden ones
    line, line_start, done = 1, 0, 0  # walk forward once, so many matches stay linear
    for start, end in find_cpr(text):
        written[_digits(text[start:end])] += 1
        line += text.count("\n", done, start)
        newline = text.rfind("\n", done, start)
        if newline >= 0:
            line_start = newline + 1
        done = start
        col = start - line_start + 1
        yield C701.at(ctx.doc.file, line, col, _MESSAGE)
    # the values as YAML reads them: a number hidden by escapes or split by a line break
    for path, value in strings(ctx.doc.data):
        hidden = False
        for a, b in find_cpr(value):
            number = _digits(value[a:b])
            if written[number]:
                written[number] -= 1  # the same number as written: reported above
            else:
                hidden = True
        if hidden:
            pos = ctx.doc.source.value_pos(path)
            yield C701.at(ctx.doc.file, pos.line, pos.col, _MESSAGE + " (Den er skrevet med tegnkoder eller delt over linjer.)")
