"""Text edits for the editor, without the protocol's types: where a finding's text
stands (its span on the line), the replacement a "Mente du 'X'?" proposes, and the
fixes ``samtale ret`` would make to the open text.

Positions here are 0-based lines and columns counted in characters (code points), as
samtale's findings count them (1-based); the server turns them into the editor's units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from samtale_cli.check.runs import check_bytes
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.fix.files import BOM, acceptable, apply, join, split
from samtale_cli.fix.lines import FIXES, Change

_MENTE_DU = re.compile(r" Mente du '(?P<choice>[^']+)'\?")
_QUOTED = re.compile(r"'([^']+)'")
_END = re.compile(r":(?:[ \t]|$)|[ \t]#|,|\]|\}|$")


@dataclass(frozen=True, slots=True)
class Span:
    """From character ``start`` of line ``line`` to character ``end`` (excluded) of line
    ``last`` (default: the same line); all 0-based."""

    line: int
    start: int
    end: int
    last: int | None = None

    @property
    def end_line(self) -> int:
        return self.line if self.last is None else self.last


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` with ``text``; ``title`` says what, in Danish."""

    title: str
    span: Span
    text: str
    preferred: bool = False


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def span_of(finding: Diagnostic, lines: list[str]) -> Span:
    """The text a finding points at: the key or value that begins at its column, up to
    ``: ``, a comment, a comma or the end of the line (a quoted value with its quotes);
    at least one character where the line has one."""
    number = max(finding.line - 1, 0)
    text = _line(lines, number)
    start = min(max(finding.col - 1, 0), len(text))
    if start < len(text) and text[start] in "\"'":
        close = text.find(text[start], start + 1)
        if close > start:
            return Span(number, start, close + 1)
    end = _END.search(text, start)
    stop = end.start() if end is not None else len(text)
    while stop > start and text[stop - 1] in " \t":
        stop -= 1
    if stop == start:
        stop = min(start + 1, len(text))
    return Span(number, start, stop)


def mente_du(finding: Diagnostic, lines: list[str]) -> Edit | None:
    """The edit that a finding's "Mente du 'X'?" proposes: the text written (the word the
    message quotes, found at the finding's place) replaced with X."""
    found = _MENTE_DU.search(finding.message)
    if found is None:
        return None
    choice = found.group("choice")
    span = span_of(finding, lines)
    text = _line(lines, span.line)
    for written in _QUOTED.findall(finding.message[: found.start()]):
        at = text.find(written, span.start)
        if at != -1 and written != choice:
            return Edit(f"Skift '{written}' til '{choice}'", Span(span.line, at, at + len(written)), choice, True)
    inner = text[span.start:span.end]
    if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "\"'":
        span = Span(span.line, span.start + 1, span.end - 1)
    written = text[span.start:span.end]
    if not written or written == choice:
        return None
    return Edit(f"Skift '{written}' til '{choice}'", span, choice, True)


@dataclass(frozen=True, slots=True)
class Repair:
    """What ``samtale ret`` would do to the text: one edit per run of changed lines, and
    the whole text fixed."""

    edits: list[Edit]
    text: str
    changes: list[Change]


def repair(path: Path, text: str, cwd: Path) -> Repair | None:
    """The fixes ``samtale ret`` would keep for ``path`` holding ``text`` (the same
    fixes, kept by the same test, :func:`samtale_cli.fix.files.acceptable`), or None."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom):]
    lines, ends = split(body)
    if not apply(FIXES, lines)[1]:
        return None
    before = check_bytes(path, text.encode("utf-8", "surrogatepass"), cwd)
    fixed, kept = lines, []
    for fixes in (FIXES, *((fix,) for fix in FIXES)):
        candidate, changes = apply(fixes, fixed)
        if not changes:
            continue
        after = check_bytes(path, (bom + join(candidate, ends)).encode("utf-8", "surrogatepass"), cwd)
        if acceptable(before, after, {c.line for c in changes}):
            fixed, before = candidate, after
            kept = sorted({*kept, *changes})
            if fixes is FIXES:
                break
    if not kept:
        return None
    offset = 1 if bom else 0  # the BOM is the first character of the first line
    return Repair(_line_edits(lines, ends, fixed, kept, offset), bom + join(fixed, ends), kept)


def _line_edits(lines: list[str], ends: list[str], fixed: list[str], changes: list[Change],
                offset: int) -> list[Edit]:
    """One edit per run of neighbouring changed lines, titled by its changes."""
    runs: list[list[int]] = []
    for i, (old, new) in enumerate(zip(lines, fixed)):
        if old == new:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    edits = []
    for run in runs:
        first, last = run[0], run[-1]
        what = [c.what for c in changes if first + 1 <= c.line <= last + 1] or ["rettet som 'samtale ret' retter"]
        span = Span(first, offset if first == 0 else 0, len(lines[last]) + (offset if last == 0 else 0), last)
        text = join(fixed[first:last + 1], [*ends[first:last], ""])
        edits.append(Edit(f"Ret linje {first + 1}: {'; '.join(dict.fromkeys(what))}", span, text))
    return edits
