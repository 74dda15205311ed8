"""YAML text written by hand: the one YAML writer of ``new``, ``init`` and ``import``.

Not a YAML library's dump, so that comments, key order and Danish keys read as a person
would write them (docs/format.md's examples): ``dump`` turns dicts, lists, text, numbers,
dates and clock times into lines, with :class:`Comment` keys or items kept as ``#``
lines where they stand; ``scalar`` writes one value on a line (plain when the loader
reads it back as the same text, else double-quoted).

Multi-line text becomes a literal block (``|``) when that keeps it byte for byte; the
caller may pass ``wrap(text, width)`` to wrap long lines first (the importer wraps
Markdown where Markdown shows the same). With ``blocks=False`` every text stays on its
line, quoted when it must be (the scaffolds of ``new`` and ``init``, whose values are
names and titles). A :class:`Flow` list is written on one line: ``[plenum, ledelse]``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

Wrap = Callable[[str, int], str]  # (text, width) -> the text with long lines wrapped

WIDTH = 92  # dump wraps multi-line text (when given ``wrap``) near this width


class Comment:
    """Lines kept as YAML comments where they stand: as a key of a dict (its value is
    ignored) or as an item of a list."""

    def __init__(self, text: str) -> None:
        self.text = text


class Flow(list):  # type: ignore[type-arg]
    """A short list written on one line: ``dele: [plenum, ledelse]``."""


# Plain text that YAML would read as something else or that would end the value early.
_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|[\s:]$|: |\s#|^(?:~|null|true|false|yes|no|on|off)$""", re.I)
# What the loader reads a plain value as, when it is no text (YAML 1.2's core schema:
# null, booleans, numbers); see samtale_cli.check.loader.resolve_plain.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
_NOT_TEXT = {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


def reads_as_text(plain: str) -> bool:
    """Whether ``plain``, written without quotes, is read back as text (not as null,
    a boolean or a number)."""
    if plain and plain[0] not in _MAYBE_NOT_TEXT:
        return True
    if plain in _NOT_TEXT or _INT.match(plain):
        return False
    return not (_FLOAT.match(plain) and any(c.isdigit() for c in plain))


def quoted(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else double-quoted."""
    if text and "\n" not in text and not _PLAIN_UNSAFE.search(text) and reads_as_text(text) and text.isprintable():
        return text
    return json.dumps(text, ensure_ascii=False)


def scalar(value: Any) -> str:
    """One value on a line: true/false, a whole number, an ISO date, a quoted clock
    time ("13:00"), else text (:func:`quoted`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.time):
        return f'"{value.strftime("%H:%M")}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    return quoted(str(value))


def flow_scalar(value: Any) -> str:
    """An item of a one-line list: as :func:`scalar`, and quoted when it holds a comma or
    a bracket (in ``[a, b]`` those end the item: 'krop, sanser og bevægelse' would be two)."""
    written = scalar(value)
    if isinstance(value, str) and written == value and any(c in value for c in ",[]{}"):
        return json.dumps(value, ensure_ascii=False)
    return written


def _block_safe(text: str) -> bool:
    lines = text.split("\n")
    return (
        all(line.isprintable() and line == line.rstrip() for line in lines)
        and not text.startswith((" ", "\t"))
        and text.strip() != ""
    )


def dump(value: Any, indent: int = 0, *, wrap: Wrap | None = None, blocks: bool = True) -> list[str]:
    """``value`` (dicts, lists, text, numbers, dates, Comments) as YAML lines, indented
    by ``indent`` spaces; multi-line text as literal blocks unless ``blocks`` is false."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, Comment):
                lines.extend(comment_lines(key.text, pad))
                continue
            lines.extend(_keyed(f"{pad}{key}:", item, indent, wrap, blocks))
        return lines
    if isinstance(value, list):
        for item in value:
            if isinstance(item, Comment):
                lines.extend(comment_lines(item.text, pad))
                continue
            if isinstance(item, dict):
                inner = dump(item, indent + 2, wrap=wrap, blocks=blocks)
                first = next((k for k, ln in enumerate(inner) if not ln.lstrip().startswith("#")), None)
                if first is None:
                    lines.extend(inner)
                    continue
                lines.extend(inner[:first])
                lines.append(f"{pad}- {inner[first][indent + 2:]}")
                lines.extend(inner[first + 1:])
            else:
                lines.extend(_keyed(f"{pad}-", item, indent, wrap, blocks))
        return lines
    raise TypeError(value)


def text(value: Any, indent: int = 0, *, wrap: Wrap | None = None, blocks: bool = True) -> str:
    """:func:`dump`'s lines as text, each ending in a newline ("" for none)."""
    return "".join(line + "\n" for line in dump(value, indent, wrap=wrap, blocks=blocks))


def _keyed(head: str, item: Any, indent: int, wrap: Wrap | None, blocks: bool) -> list[str]:
    if isinstance(item, Flow):
        return [f"{head} [{', '.join(flow_scalar(x) for x in item)}]"]
    if isinstance(item, (dict, list)):
        if not item:
            return [f"{head} {'{}' if isinstance(item, dict) else '[]'}"]
        return [head, *dump(item, indent + 2, wrap=wrap, blocks=blocks)]
    if isinstance(item, str) and blocks:
        body = item.strip("\n")
        if "\n" not in body:
            return [f"{head} {scalar(body)}"]
        wrapped = wrap(body, WIDTH - indent - 2) if wrap else body
        if _block_safe(wrapped):
            return [f"{head} |", *[(" " * (indent + 2) + ln) if ln else "" for ln in wrapped.split("\n")]]
    return [f"{head} {scalar(item)}"]


# What may not stand raw in a comment: characters YAML refuses (controls but the tab,
# the byte order mark, non-characters, lone surrogates) and the ones a YAML 1.1 reader
# or an editor takes for the end of the line (CR, NEL, LS, PS), after which the rest of
# the comment would be read as YAML.
_COMMENT_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def comment_lines(text: str, pad: str = "") -> list[str]:
    """``text`` as ``#`` lines indented by ``pad`` (no trailing spaces); a character
    that may not stand in a comment is written as an escape (``\\x85``), as JSON and
    YAML write it in a quoted value, so the comment stays one line and loads."""
    return [f"{pad}# {_COMMENT_UNSAFE.sub(_escaped, line)}".rstrip() for line in text.split("\n")]
