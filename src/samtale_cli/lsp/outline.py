"""Where a place in a YAML text is, read from its lines alone: the keys and list items
above it. The editor's text is often no valid YAML while someone types, so hover and
completion do not wait for the loader; samtale's files are block YAML (``samtale new``
writes them so), which indentation describes.

A :class:`Line` is one line's key or list item with the path of keys and items above it;
``ITEM`` stands for a list item in a path (the schema has one shape for all of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samtale_cli.fix.lines import block_lines

ITEM = "-"  # a list item in a path

_KEY = re.compile(r"""(?P<key>[^\s:#'"\-\[\]{}&*!|>%@`][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?=[ \t]|$)""")
_DASH = re.compile(r"-(?=[ \t]|$)[ \t]*")


@dataclass(frozen=True, slots=True)
class Line:
    """One line (0-based ``number``): the path of keys and items above what it holds,
    its ``key`` (None for a list item's text) at column ``key_col`` (0-based), and the
    value's text after the key (or the item's text) from column ``value_col``."""

    number: int
    parents: tuple[str, ...]
    key: str | None
    key_col: int
    value: str
    value_col: int

    @property
    def path(self) -> tuple[str, ...]:
        """The path of the line's own value: its parents and its key."""
        return (*self.parents, self.key) if self.key is not None else self.parents


def unquoted(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _without_comment(text: str) -> str:
    cut = re.search(r"(?:^|[ \t])#", text)
    return text[: cut.start()] if cut else text


def _parse(text: str) -> tuple[list[int], str | None, int, str, int]:
    """(columns of the line's dashes, its key or None, the key's column, the value's text,
    the value's column)."""
    dashes = []
    col = len(text) - len(text.lstrip(" "))
    while True:
        dash = _DASH.match(text, col)
        if dash is None:
            break
        dashes.append(col)
        col = dash.end()
    key = _KEY.match(text, col)
    if key is None:
        return dashes, None, col, _without_comment(text[col:]).rstrip(), col
    value_col = key.end() + 1
    while value_col < len(text) and text[value_col] in " \t":
        value_col += 1
    value = _without_comment(text[value_col:]).rstrip() if value_col <= len(text) else ""
    return dashes, unquoted(key.group("key")), col, value, min(value_col, len(text))


def outline(lines: list[str]) -> dict[int, Line]:
    """Each line that holds a key or a list item (comments, blank lines and the lines of
    block texts left out), by its number."""
    found: dict[int, Line] = {}
    stack: list[tuple[int, str]] = []  # (column, key or ITEM) of the open keys and items
    inside = block_lines(lines)
    for number, text in enumerate(lines):
        body = text.strip()
        if number in inside or not body or body.startswith("#") or body in ("---", "..."):
            continue
        dashes, key, key_col, value, value_col = _parse(text)
        first = dashes[0] if dashes else key_col
        while stack and stack[-1][0] >= first:
            stack.pop()
        stack.extend((col, ITEM) for col in dashes)
        parents = tuple(part for _col, part in stack)
        found[number] = Line(number, parents, key, key_col, value, value_col)
        if key is not None:
            stack.append((key_col, key))
    return found


def at(lines: list[str], number: int, col: int) -> Line | None:
    """The line ``number`` as typed up to column ``col`` (0-based), placed among the
    lines above it; None inside a block text. A line of spaces counts as a key begun at
    ``col``."""
    text = lines[number][:col] if 0 <= number < len(lines) else ""
    if not text.strip():
        text = " " * col + "\x00"  # a key begun here
    return outline([*lines[:number], text]).get(number)
