"""The fixes ``samtale ret`` makes, one function per kind of slip, and their registry.

Each fix takes a file's lines (without their line endings) and returns the fixed lines,
as many as it was given, and a :class:`Change` for each line it changed, in Danish. A fix
only looks at one line at a time (and, for a quoted value, the lines that continue it);
whether a fix is kept is decided by :mod:`samtale_cli.fix.files`, which loads the result.
Lines inside a block text (``referat: |``) are never touched: there every character is
the text's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple


class Change(NamedTuple):
    """One fixed line (1-based) and what was done to it, in Danish."""

    line: int
    what: str


Fix = Callable[[list[str]], tuple[list[str], list[Change]]]

TAB_WIDTH = 2  # a tab in the indentation is one level, as 'samtale new' indents
SPACES = "\u00a0\u202f\u2007"  # non-breaking, narrow non-breaking and figure space: Word's
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen
BULLETS = "•●▪■◦○·–—➢►✓\uf0b7\uf0a7\uf0d8"  # Word's and Outlook's list marks (\uf0b7: Symbol font)
CURLY = "“”„‟‘’‚‛«»"
OPENING = "“”„‟"  # a value Word put in double curly quotes
_BLOCK = re.compile(r"(?:^|[:\-])[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
_INDENT = re.compile(rf"^[ \t{SPACES}{INVISIBLE}]*")
_BULLET = re.compile(rf"^(?P<indent> *)(?P<mark>[{BULLETS}]|\d{{1,2}}[.)])[ \t{SPACES}]+(?=\S)")
_GLUED = re.compile(rf"^(?P<indent> *)-(?P<after>[{SPACES}]+|(?=[^\s\-0-9.]))")
_CURLY_KEY = re.compile(rf"^(?P<head> *(?:- +)?)[{CURLY}](?P<key>[^\s{CURLY}:#\"'][^{CURLY}:#\"']*?)[{CURLY}](?P<tail>[ \t]*:(?:[ \t]|$))")
_PLAIN_KEY = re.compile(r"[^\W\d_][\w -]*\Z")
_KEY_VALUE = re.compile(r"^(?P<head>(?P<indent> *)(?:- +)*(?P<key>[^\s:#'\"\-\[\]{}&*!|>%@`][^:#]*?)[ \t]*:[ \t]+)(?P<value>\S.*)$")
_ITEM = re.compile(r"^(?P<head> *(?:- +)+)(?P<key>)(?P<value>[^\s\-].*)$")  # a list item's text
_COMMENT = re.compile(r"[ \t]+#(?=[ \t]|$)")  # a real comment: '#' after a space, before a space
_CUT = re.compile(r"[ \t]#[^ \t#]")  # ' #2': YAML would cut the text there (S805)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def block_lines(lines: list[str]) -> set[int]:
    """The indexes (0-based) of the lines that are a block text's content."""
    inside: set[int] = set()
    parent: int | None = None
    for i, line in enumerate(lines):
        if parent is not None:
            if not line.strip() or indent_of(line) > parent:
                inside.add(i)
                continue
            parent = None
        body = line.strip()
        if body and not body.startswith("#") and _BLOCK.search(body):
            parent = indent_of(line)
    return inside


def _each_line(lines: list[str], fix: Callable[[str], tuple[str, str] | None]) -> tuple[list[str], list[Change]]:
    """``fix(line)`` -> (new line, what) or None, on every line outside block texts."""
    out = list(lines)
    changes = []
    skip = block_lines(lines)
    for i, line in enumerate(lines):
        if i in skip or line.lstrip().startswith("#"):
            continue
        fixed = fix(line)
        if fixed is not None and fixed[0] != line:
            out[i] = fixed[0]
            changes.append(Change(i + 1, fixed[1]))
    return out, changes


def _indentation(line: str) -> tuple[str, str] | None:
    lead = _INDENT.match(line).group()  # type: ignore[union-attr]
    if lead == " " * len(lead):
        return None
    clean = "".join(" " * TAB_WIDTH if c == "\t" else " " if c in SPACES else "" if c in INVISIBLE else c for c in lead)
    said = []
    if "\t" in lead:
        said.append("tabulatortegn")
    if any(c in SPACES for c in lead):
        said.append("hårde mellemrum")
    if any(c in INVISIBLE for c in lead):
        said.append("usynlige tegn")
    return clean + line[len(lead):], f"{' og '.join(said)} i indrykningen er skiftet til almindelige mellemrum"


def fix_indentation(lines: list[str]) -> tuple[list[str], list[Change]]:
    """Tabs, non-breaking and invisible characters in the indentation -> spaces (a tab
    is :data:`TAB_WIDTH` spaces; a zero-width character is nothing)."""
    return _each_line(lines, _indentation)


def _bullet(line: str) -> tuple[str, str] | None:
    found = _BULLET.match(line)
    if found is None:
        return None
    mark = found["mark"]
    what = f"tallet '{mark}'" if mark[0].isdigit() else f"punkttegnet '{mark}'"
    return f"{found['indent']}- {line[found.end():]}", f"{what} fra Word er skiftet til et listepunkt ('- ')"


def fix_bullets(lines: list[str]) -> tuple[list[str], list[Change]]:
    """A line that begins with a Word bullet (•, –, ▪ ...) or a pasted number (``1.``,
    ``2)``) -> a list item ``- ``."""
    return _each_line(lines, _bullet)


def _glued_dash(line: str) -> tuple[str, str] | None:
    found = _GLUED.match(line)
    if found is None:
        return None
    return f"{found['indent']}- {line[found.end():]}", "mellemrum sat ind efter '-' i listepunktet"


def fix_glued_dash(lines: list[str]) -> tuple[list[str], list[Change]]:
    """``-Sprog`` (or ``-`` and a non-breaking space) -> ``- Sprog``; never ``-5`` or ``---``."""
    return _each_line(lines, _glued_dash)


def _curly_key(line: str) -> tuple[str, str] | None:
    found = _CURLY_KEY.match(line)
    if found is None:
        return None
    key = found["key"]
    written = key if _PLAIN_KEY.match(key) else f'"{key}"'
    return (f"{found['head']}{written}{found['tail']}{line[found.end():]}",
            f"Words krøllede anførselstegn om nøglen '{key}' er fjernet")


def fix_curly_keys(lines: list[str]) -> tuple[list[str], list[Change]]:
    """``“titel”: ...`` -> ``titel: ...``: to YAML, curly quotes are part of the key."""
    return _each_line(lines, _curly_key)


def quoted(text: str) -> str:
    """``text`` in double quotes, or in single quotes when it holds ``"`` or ``\\``."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _continued(lines: list[str], start: int, column: int, skip: set[int]) -> int:
    """The index of the last line that continues the plain value begun on ``start``."""
    end = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if i in skip or not line.strip() or line.lstrip().startswith("#") or indent_of(line) <= column:
            break
        end = i
    return end


def _needs_quotes(value: str) -> str | None:
    """Why a plain value must be quoted (None: it need not, or it is no plain value)."""
    if value[0] in OPENING and ": " in value:
        return "': '"  # “Velkomst: kaffe”: Word's quotes are no quotes to YAML
    if value[0] in "\"'[{|>&*!%@`" + OPENING or value.startswith("- "):
        return None
    if ": " in value or value.endswith(":") or ":\t" in value:
        return "': '"
    if _CUT.search(value):
        return "' #'"
    return None


def _among_texts(lines: list[str], i: int) -> bool:
    """Whether the list item ``- Velkomst: kaffe`` on line ``i`` stands among items that are
    all plain texts (then it is a text with ``: `` in it, not a mapping): at least one
    sibling, no sibling with ``: ``, and no line of its own below it."""
    column = indent_of(lines[i])
    if i + 1 < len(lines) and lines[i + 1].strip() and indent_of(lines[i + 1]) > column:
        return False
    siblings = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and (not lines[j].strip() or lines[j].lstrip().startswith("#")
                                       or indent_of(lines[j]) > column):
            j += step
        while 0 <= j < len(lines) and indent_of(lines[j]) == column and lines[j].lstrip().startswith("- "):
            siblings.append(lines[j].strip()[2:].strip())
            j += step
            while 0 <= j < len(lines) and (not lines[j].strip() or indent_of(lines[j]) > column):
                j += step
    return bool(siblings) and all(s and ": " not in s and not s.endswith(":") for s in siblings)


def _quote_at(lines: list[str], i: int, skip: set[int]) -> tuple[int, str] | None:
    """Quote the value on line ``i`` (and its continuation lines): the last line changed
    and what was done, or None."""
    found = _KEY_VALUE.match(lines[i]) or _ITEM.match(lines[i])
    if found is not None and found["head"].lstrip().startswith("- ") and _among_texts(lines, i):
        found = _ITEM.match(lines[i])  # '- Overgange: fra leg til frokost' among texts: a text
    elif found is not None and not found["key"] and ": " in found["value"]:
        return None
    if found is None:
        return None
    value, comment = found["value"], ""
    real = _COMMENT.search(value)
    if real is not None and not _CUT.match(value, real.start()):
        value, comment = value[: real.start()], value[real.start():]
    value = value.rstrip()
    why = _needs_quotes(value) if value else None
    if why is None:
        return None
    if value[0] in CURLY and value[-1] in CURLY:
        value = value[1:-1]
    end = i if comment else _continued(lines, i, found.start("key"), skip)
    body = [value, *(lines[j].rstrip() for j in range(i + 1, end + 1))]
    text = quoted("\n".join(body))
    parts = text.split("\n")
    lines[i] = found["head"] + parts[0] + comment
    for j, part in zip(range(i + 1, end + 1), parts[1:]):
        lines[j] = part
    return end, f"teksten har {why} i sig og er sat i anførselstegn"


def fix_quotes(lines: list[str]) -> tuple[list[str], list[Change]]:
    """A value with ``: `` (YAML takes it for a new key) or `` #`` glued to a word (YAML
    cuts the text there) -> the value in quotes, with the lines that continue it."""
    out = list(lines)
    changes = []
    skip = block_lines(lines)
    i = 0
    while i < len(out):
        done = None if i in skip or out[i].lstrip().startswith("#") else _quote_at(out, i, skip)
        if done is not None:
            changes.append(Change(i + 1, done[1]))
            i = done[0]
        i += 1
    return out, changes


FIXES: tuple[Fix, ...] = (fix_indentation, fix_bullets, fix_glued_dash, fix_curly_keys, fix_quotes)
