"""Load: text -> plain Python data plus the source position of every key and value.

The loader drives libyaml's event parser (``ruamel.yaml.clib``) and builds the values
itself, iteratively, so it controls everything that makes YAML dangerous:

* no tags beyond the core ones; ``!!python/...`` and friends are refused, never run;
* plain scalars are resolved with a small, predictable YAML 1.2 core schema
  (``13:00``, ``2024-05-13``, ``yes`` and ``no`` stay text);
* duplicate keys are errors;
* nesting depth, file size and alias expansion are bounded, so alias bombs, deeply
  nested input and huge files are refused quickly and in bounded memory.

Problems are returned as :class:`~samtale_cli.diagnostics.Diagnostic` values; the loader
never raises on bad input.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from samtale_cli.diagnostics import Diagnostic, error

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 50_000  # nodes after alias expansion; the largest real file has a few hundred

Key = str | int
DataPath = tuple[Key, ...]


class Pos(NamedTuple):
    """A 1-based line and column (a tuple: the loader makes one per value, cheaply)."""

    line: int
    col: int


@dataclass(slots=True)
class Source:
    """Where every key and value of one file stands."""

    file: str
    text: str
    keys: dict[DataPath, Pos] = field(default_factory=dict)
    values: dict[DataPath, Pos] = field(default_factory=dict)

    def value_pos(self, path: DataPath) -> Pos:
        """Position of the value at ``path``, or of its nearest known ancestor."""
        for end in range(len(path), -1, -1):
            pos = self.values.get(path[:end])
            if pos is not None:
                return pos
        return Pos(1, 1)

    def key_pos(self, path: DataPath) -> Pos:
        """Position of the key that names ``path`` (its value for list items)."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            pos = self.keys.get(sub) or self.values.get(sub)
            if pos is not None:
                return pos
        return Pos(1, 1)


@dataclass(slots=True)
class Loaded:
    source: Source
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diagnostics


_CORE_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

_PROBLEMS_DA = {
    "mapping values are not allowed": "et kolon (:) er ikke tilladt her; sæt teksten i anførselstegn",
    "did not find expected key": "forventede en nøgle her; tjek indrykningen",
    "did not find expected '-' indicator": "forventede et listepunkt (-) her; tjek indrykningen",
    "did not find expected node content": "forventede en værdi her",
    "found unexpected end of stream": "filen slutter midt i en værdi; mangler et anførselstegn eller en parentes?",
    "found character that cannot start any token": "et tegn, der ikke kan starte en værdi (tabulator eller @ eller `?)",
    "found undefined alias": "aliasset er ikke defineret",
    "could not find expected ':'": "forventede et kolon (:) efter nøglen",
    "found unknown escape character": "ukendt escape-tegn (\\) i tekst i anførselstegn",
    "did not find expected ',' or ']'": "forventede ',' eller ']' i listen",
    "did not find expected ',' or '}'": "forventede ',' eller '}'",
    "found a tab character": "tabulatortegn er ikke tilladt til indrykning; brug mellemrum",
    "found unexpected ':'": "uventet kolon (:); sæt teksten i anførselstegn",
    "block sequence entries are not allowed": "et listepunkt (-) er ikke tilladt her; tjek indrykningen",
}


def _danish_problem(problem: str | None) -> str:
    text = (problem or "").strip()
    for english, danish in _PROBLEMS_DA.items():
        if text.startswith(english):
            return danish
    return f"ugyldig YAML ({text})" if text else "ugyldig YAML"


_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")  # first characters of null, bool, number


def _resolve_plain(value: str) -> Any:
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value  # most values: plain text, decided by the first character
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


_YAML11_BREAKS = "\x85\u2028\u2029"  # NEL, LS, PS


def _mask_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """libyaml (YAML 1.1) takes NEL, LS and PS for line breaks; YAML 1.2, editors and
    our line numbers do not. Swap them for unused private-use characters (one for one,
    so positions hold) before parsing; the returned table swaps them back in values."""
    if not any(ch in text for ch in _YAML11_BREAKS):
        return text, None
    used = set(text)
    free = (chr(c) for c in range(0xF8FF, 0xDFFF, -1) if chr(c) not in used)
    swap = dict(zip(_YAML11_BREAKS, free))
    if len(swap) < len(_YAML11_BREAKS):  # every stand-in taken: parse as libyaml sees it
        return text, None
    return text.translate(str.maketrans(swap)), str.maketrans({v: k for k, v in swap.items()})


def _line_col(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Pos(line, offset - start + 1)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes -> text: UTF-8 with or without BOM, CRLF folded; binary junk refused."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        pos = _line_col(prefix, len(prefix))  # characters, not bytes, before the bad byte
        if b"\x00" in raw[:4096]:
            return None, [error(file, 1, 1, "Y003", "Filen er ikke en tekstfil (binære data).")]
        return None, [
            error(file, pos.line, pos.col, "Y002", "Filen er ikke gemt som UTF-8. Gem den som UTF-8 i din editor.")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _BAD_CHARS.search(text)
    if bad:
        pos = _line_col(text, bad.start())
        if "\x00" in text:
            return None, [error(file, pos.line, pos.col, "Y003", "Filen er ikke en tekstfil (binære data).")]
        return None, [
            error(file, pos.line, pos.col, "Y003", f"Ulovligt kontroltegn (U+{ord(bad.group()):04X}) i filen.")
        ]
    return text, []


def load_path(path: Path, file: str, rename_key: Callable[[str], str] | None = None) -> Loaded:
    """Read and load one file; ``file`` is the name shown in diagnostics.

    Only regular files are read, and never more than MAX_BYTES + 1 bytes: a FIFO or a
    link to ``/dev/zero`` named ``x.yaml`` would otherwise block or fill the memory.
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (no effect on files)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                return _refused(file, "Y012", "Filen kan ikke læses: den er ikke en almindelig fil.")
            if info.st_size > MAX_BYTES:
                size = info.st_size / 1024 / 1024
                return _refused(file, "Y001", f"Filen er for stor ({size:.1f} MB); grænsen er {MAX_BYTES // 1024 // 1024} MB.")
            raw = stream.read(MAX_BYTES + 1)  # the file may have grown since fstat
    except OSError as exc:
        return _refused(file, "Y012", f"Filen kan ikke læses: {exc.strerror or exc}.")
    return load_bytes(raw, file, rename_key)


def _refused(file: str, code: str, message: str) -> Loaded:
    return Loaded(Source(file, ""), diagnostics=[error(file, 1, 1, code, message)])


def load_bytes(raw: bytes, file: str, rename_key: Callable[[str], str] | None = None) -> Loaded:
    if len(raw) > MAX_BYTES:
        return _refused(file, "Y001", f"Filen er for stor; grænsen er {MAX_BYTES // 1024 // 1024} MB.")
    text, problems = decode(raw, file)
    if text is None:
        return Loaded(Source(file, ""), diagnostics=problems)
    return load_text(text, file, rename_key)


_SKIPPED: DataPath = ("\0skipped",)  # path of containers whose key was refused


class _Stop(Exception):
    """Internal: loading cannot continue; the diagnostic is already recorded."""


@dataclass(slots=True)
class _Frame:
    container: Any  # dict or list
    path: DataPath
    anchor: str | None
    start_nodes: int
    start_pos: Pos
    key: Any = None  # pending mapping key (None: expecting a key)
    has_key: bool = False
    skip: bool = False  # value belongs to a duplicate/invalid key
    key_pos: dict[str, Pos] = field(default_factory=dict)  # this mapping's keys so far


def load_text(text: str, file: str, rename_key: Callable[[str], str] | None = None) -> Loaded:
    """Parse YAML text into plain data; never raises on bad input."""
    from _ruamel_yaml import CParser
    from ruamel.yaml.error import YAMLError

    source = Source(file, text)
    loaded = Loaded(source)
    diags = loaded.diagnostics

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        diags.append(error(file, 1, 1, "Y004", "Filen er tom."))
        return loaded

    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded node count)
    nodes = 0
    stack: list[_Frame] = []
    documents = 0
    root: Any = None

    def fail(pos: Pos, code: str, message: str) -> None:
        diags.append(error(file, pos.line, pos.col, code, message))
        raise _Stop

    def place(value: Any, pos: Pos, anchor: str | None, size: int) -> None:
        """Attach a finished value to its parent (or make it the root)."""
        nonlocal root
        if anchor is not None:
            anchors[anchor] = (value, size)
        if not stack:
            root = value
            source.values[()] = pos
            return
        top = stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if not top.has_key:  # this value is a key
            if isinstance(value, (dict, list)):
                diags.append(error(file, pos.line, pos.col, "Y011", "En nøgle skal være en enkel tekst, ikke en liste eller samling."))
                top.key, top.has_key, top.skip = None, True, True
                return
            key = "" if value is None else str(value) if not isinstance(value, str) else value
            if rename_key is not None:
                key = rename_key(key)
            top.key, top.has_key = key, True
            top.skip = False
            first = top.key_pos.get(key)
            if first is not None:
                diags.append(error(file, pos.line, pos.col, "Y006", f"Nøglen '{key}' står to gange (første gang i linje {first.line})."))
                top.skip = True
            else:
                top.key_pos[key] = pos
                if top.path is not _SKIPPED:
                    source.keys[top.path + (key,)] = pos
            return
        if not top.skip:
            top.container[top.key] = value
        top.has_key = False
        top.key = None

    def child_path(pos: Pos) -> DataPath | None:
        """Path of the value about to be placed; records its position."""
        if not stack:
            return ()
        top = stack[-1]
        if top.path is _SKIPPED:
            return None
        if isinstance(top.container, list):
            path = top.path + (len(top.container),)
        elif top.has_key and not top.skip:
            path = top.path + (top.key,)
        else:
            return None  # a key, or a value of a skipped key
        source.values[path] = pos
        return path

    from ruamel.yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    # The loop below runs once per YAML event (hundreds per file, millions per big
    # check), so it dispatches on the event class and builds a position only where one
    # is kept.
    try:
        masked, unmask = _mask_breaks(text)
        parser = CParser(masked)
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                mark = event.start_mark
                pos = Pos(mark.line + 1, mark.column + 1)
                tag = event.tag
                if tag and tag not in _ALLOWED_TAGS and tag != "!":
                    fail(pos, "Y007", _tag_message(tag))
                nodes += 1
                if nodes > MAX_NODES:
                    fail(pos, "Y008", "Filen har for mange værdier.")
                value: Any = event.value if unmask is None else event.value.translate(unmask)
                if tag:
                    value = _tagged_scalar(value, tag)
                    if value is _MISMATCH:
                        shown = tag.replace(_CORE_TAG, "!!")
                        fail(pos, "Y007", f"Værdien passer ikke til tagget '{shown}'; fjern tagget eller ret værdien.")
                elif event.implicit[0] and not event.style:
                    value = _resolve_plain(value)
                child_path(pos)
                place(value, pos, event.anchor, 1)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                place(frame.container, frame.start_pos, frame.anchor, nodes - frame.start_nodes + 1)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                pos = Pos(mark.line + 1, mark.column + 1)
                tag = event.tag
                if tag and tag not in _ALLOWED_TAGS and tag != "!":
                    fail(pos, "Y007", _tag_message(tag))
                nodes += 1
                if len(stack) >= MAX_DEPTH:
                    fail(pos, "Y009", f"Strukturen er indlejret for dybt (mere end {MAX_DEPTH} niveauer).")
                is_map = kind is MappingStartEvent
                if tag and tag.endswith(":map") != is_map:
                    fail(pos, "Y007", "Tagget passer ikke til værdien.")
                path = child_path(pos)
                container: Any = {} if is_map else []
                stack.append(_Frame(container, _SKIPPED if path is None else path, event.anchor, nodes, pos))
            elif kind is AliasEvent:
                mark = event.start_mark
                pos = Pos(mark.line + 1, mark.column + 1)
                anchor = event.anchor
                if anchor not in anchors:
                    fail(pos, "Y008", f"Aliasset '*{anchor}' henviser ikke til et anker.")
                value, size = anchors[anchor]
                nodes += size
                if nodes > MAX_NODES:
                    fail(pos, "Y008", "Aliasser (*) udfolder sig til for mange værdier; filen afvises.")
                child_path(pos)
                place(value, pos, None, size)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    fail(
                        Pos(mark.line + 1, mark.column + 1), "Y010",
                        "Filen indeholder mere end ét YAML-dokument (---); der må kun være ét.",
                    )
            elif kind is StreamEndEvent:
                break
            # StreamStartEvent, DocumentEndEvent: nothing to do
    except _Stop:
        return loaded
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        pos = Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos(1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        diags.append(error(file, pos.line, pos.col, "Y005", f"YAML-fejl: {_danish_problem(problem)}."))
        return loaded
    except RecursionError:  # pragma: no cover - libyaml's parser is iterative
        diags.append(error(file, 1, 1, "Y009", "Strukturen er indlejret for dybt."))
        return loaded

    loaded.data = root
    return loaded


def _tag_message(tag: str) -> str:
    shown = tag.replace(_CORE_TAG, "!!")
    return f"Tagget '{shown}' er ikke tilladt; samtale-filer bruger kun almindelige værdier."


_MISMATCH = object()  # a scalar that its tag does not fit
_TAG_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "null": (type(None),),
}


def _tagged_scalar(value: str, tag: str) -> Any:
    """A scalar with an explicit core tag (``!!int 35``), or _MISMATCH (``!!int x``)."""
    if tag == "!":  # the non-specific tag: plain text
        return value
    kind = tag.removeprefix(_CORE_TAG)
    if kind == "str":
        return value
    types = _TAG_TYPES.get(kind)  # None: !!seq or !!map on a scalar
    resolved = _resolve_plain(value)
    if types is None or type(resolved) not in types:
        return _MISMATCH
    return float(resolved) if kind == "float" else resolved
