"""Hover and completion for an open file, without the protocol's types.

Hover: on a key, the schema's description of it (:mod:`samtale_cli.lsp.schema`); on a
finding's code (``[A101]`` in a comment, or the place a finding points at), the
catalogue's explanation, as ``samtale forklar`` prints it.

Completion: the keys that may stand where the cursor is (by the document's kind and the
keys above it), and values: document types after ``type:``, roles after ``rolle:`` (and
as keys under ``roller:``), departments after ``afdeling:``, the meeting's participants
(their names and roles) after ``ansvarlig:`` and ``referent:``, the meeting's parts after
``del:`` and ``dele:``, and the schema's fixed values (``status``, ``fremmøde``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from samtale_cli.core import catalogue, kinds
from samtale_cli.core.diagnostics import Code
from samtale_cli.core.roles import ROLES
from samtale_cli.lsp import schema
from samtale_cli.lsp.outline import ITEM, Line, at, outline, unquoted

_CODE = re.compile(r"\b[A-Z]\d{3}\b")


@dataclass(frozen=True, slots=True)
class Choice:
    """One completion: the text shown and put in, what it is, and a word about it."""

    label: str
    kind: str  # "key" or "value"
    detail: str = ""
    insert: str | None = None


@dataclass
class Around:
    """What completion needs from outside the file: the workspace's departments and
    extra roles."""

    departments: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, workspace: Any) -> Around:
        if workspace is None:
            return cls()
        return cls(list(workspace.departments), list(workspace.roles))


# --- hover ---------------------------------------------------------------------------


def code_at(text: str, col: int) -> Code | None:
    """The catalogue entry of the code (``A101``) that the column is on."""
    for found in _CODE.finditer(text):
        if found.start() <= col <= found.end():
            return catalogue.lookup(found.group())
    return None


def key_hover(lines: list[str], name: str, number: int, col: int) -> str | None:
    """The schema's description of the key the cursor is on."""
    if not 0 <= number < len(lines):
        return None
    kind = schema.kind_of(name, "\n".join(lines))
    line = outline(lines[: number + 1]).get(number)
    if kind is None or line is None or line.key is None:
        return None
    if not line.key_col <= col <= line.key_col + len(line.key):
        return None
    return schema.description(kind, line.path)


def code_hover(entry: Code, explain: Callable[[Code], str]) -> str:
    """The catalogue's explanation, as ``samtale forklar KODE`` prints it."""
    return "```text\n" + explain(entry).rstrip("\n") + "\n```"


# --- completion ----------------------------------------------------------------------


def _values_in(lines: dict[int, Line], path: tuple[str, ...]) -> list[str]:
    """The values written at ``path`` (every item's), in order, each once."""
    found = [unquoted(line.value) for line in lines.values() if line.path == path and line.value]
    return list(dict.fromkeys(v for v in found if v and v[0] not in "|>[{"))


def _people(lines: dict[int, Line], *, everyone: bool) -> list[Choice]:
    names = [Choice(n, "value", "deltager") for n in _values_in(lines, ("deltagere", ITEM, "navn"))]
    roles = [Choice(r, "value", "rolle") for r in _values_in(lines, ("deltagere", ITEM, "rolle"))]
    return [*names, *roles, *([Choice("alle", "value", "alle deltagere")] if everyone else [])]


def _roles(around: Around) -> list[Choice]:
    return [Choice(r, "value", "rolle") for r in dict.fromkeys([*ROLES, *around.roles])]


def value_choices(kind: kinds.Kind | None, path: tuple[str, ...], lines: dict[int, Line],
                  around: Around) -> list[Choice]:
    """The values that may stand at ``path``."""
    keys = [p for p in path if p != ITEM]
    last = keys[-1] if keys else ""
    if path == ("type",):
        return [Choice(k.name, "value", k.title) for k in kinds.DOCUMENT_KINDS]
    if kind is None:
        return []
    if last in ("rolle", "roller"):
        return _roles(around)
    if last == "afdeling":
        return [Choice(d, "value", "afdeling i samtale.yaml") for d in around.departments]
    if last in ("ansvarlig", "referent") and kind is not kinds.WORKSPACE:
        return _people(lines, everyone=last == "ansvarlig")
    if last in ("del", "dele") and path[:1] != ("tidsramme",):
        return [Choice(p, "value", "del af tidsramme") for p in _values_in(lines, ("tidsramme", ITEM, "del"))]
    return [Choice(v, "value") for v in schema.values(kind, path)]


def _present(lines: dict[int, Line], parents: tuple[str, ...], number: int) -> set[str]:
    """The keys already written at the top level (elsewhere than line ``number``)."""
    if parents:
        return set()
    return {line.key for n, line in lines.items() if n != number and not line.parents and line.key is not None}


def key_choices(kind: kinds.Kind | None, parents: tuple[str, ...], lines: dict[int, Line],
                number: int) -> list[Choice]:
    if kind is None:
        return [Choice("type", "key", "Dokumenttypen.", "type: ")] if not parents else []
    present = _present(lines, parents, number)
    return [Choice(key, "key", about, f"{key}: ") for key, about in schema.keys(kind, parents) if key not in present]


@dataclass(frozen=True, slots=True)
class Completion:
    """The choices, and the columns of the line (0-based) that the chosen one replaces."""

    choices: list[Choice]
    start: int
    end: int


def _element_start(line: Line, col: int, text: str) -> int:
    """Where the value (or a flow list's element) being typed begins."""
    start = line.value_col if line.key is not None or line.value else col
    for sep in ("[", ","):
        cut = text.rfind(sep, start, col)
        if cut != -1:
            start = cut + 1
    while start < col and text[start] == " ":
        start += 1
    return min(start, col)


def complete(lines: list[str], name: str, number: int, col: int, around: Around) -> Completion:
    """What may be typed at line ``number``, column ``col`` (0-based)."""
    if not 0 <= number < len(lines):
        return Completion([], col, col)
    line = at(lines, number, col)
    if line is None:  # inside a block text
        return Completion([], col, col)
    text = lines[number]
    kind = schema.kind_of(name, "\n".join(lines))
    written = outline(lines)
    if line.key is None:
        start = line.value_col if line.value.strip("\x00") else col
        keys = key_choices(kind, line.parents, written, number)
        if keys or not line.parents:
            return Completion(keys, start, col)
        return Completion(value_choices(kind, line.parents, written, around), _element_start(line, col, text), col)
    if col < line.value_col - 1:  # on the key itself
        return Completion(key_choices(kind, line.parents, written, number), line.key_col, col)
    return Completion(value_choices(kind, line.path, written, around), _element_start(line, col, text), col)


def unique(choices: Iterable[Choice]) -> list[Choice]:
    return list({c.label: c for c in reversed(list(choices))}.values())[::-1]
