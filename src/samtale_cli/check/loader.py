"""Load: text -> plain Python data plus the source position of every key and value.

The loader drives libyaml's event parser (``ruamel.yaml.clib``) and builds the values
itself, iteratively, so it controls everything that makes YAML dangerous:

* no tags beyond the core ones; ``!!python/...`` and friends are refused, never run;
* plain scalars are resolved with a small, predictable YAML 1.2 core schema
  (``13:00``, ``2024-05-13``, ``yes`` and ``no`` stay text);
* duplicate keys are errors;
* nesting depth, file size and alias expansion are bounded, so alias bombs, deeply
  nested input and huge files are refused quickly and in bounded memory.

Problems are returned as :class:`~samtale_cli.core.diagnostics.Diagnostic` values; the loader
never raises on bad input.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from samtale_cli.core import catalogue
from samtale_cli.core.text import WORD_BULLETS
from samtale_cli.core.diagnostics import Code, Diagnostic
from samtale_cli.core.errors import danish_oserror

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
MAX_DIGITS = 18  # a whole number with more digits is no number samtale can use (and Python
# refuses to convert one of more than 4,300 digits at all)
_LINES = re.compile(r"\r\n|\r|\n")  # the line breaks libyaml counts
_ITEM_IN_TEXT = re.compile(rf"(?P<indent> *)(?P<mark>\d{{1,2}}[.)]|[-{WORD_BULLETS}])[ \t]+\S")  # '1. Anden' under '- Første'
_CUT = re.compile(r"[ \t]+#[^ \t\n#]")  # text, a space, and '#' glued to a word: #2, #3b
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # in a value, from an escape such as "\e"
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
    "found unknown escape character": (
        "ukendt escape-tegn (\\) i tekst i anførselstegn: i \"...\" indleder \\ et særligt tegn. "
        "Skriv stier med /, eller sæt teksten i '...' i stedet"),
    "did not find expected ',' or ']'": "forventede ',' eller ']' i listen",
    "did not find expected ',' or '}'": "forventede ',' eller '}'",
    "found a tab character": "tabulatortegn er ikke tilladt til indrykning; brug mellemrum",
    "found unexpected ':'": "uventet kolon (:); sæt teksten i anførselstegn",
    "block sequence entries are not allowed": "et listepunkt (-) er ikke tilladt her; tjek indrykningen",
    "unacceptable character": "et tegn, der ikke er tilladt i YAML (et kontroltegn); slet det",
    "control characters are not allowed": "et kontroltegn, der ikke er tilladt i YAML; slet det",
    "found incompatible YAML document": "filen bruger en YAML-version (%YAML), samtale ikke kan læse",
    "did not find expected alphabetic or numeric character": "et anker eller alias (& eller *) skal have et navn af bogstaver og tal",
    "found undefined tag handle": "et tag (!...), der ikke findes",
    "found unknown directive name": "en linje med %, som YAML ikke kender",
    "did not find expected <document start>": "der står tekst efter dokumentets slutning (...)",
    "did not find expected comment or line break": "efter | eller > må der kun stå en kommentar på linjen",
}


def _danish_problem(problem: str | None) -> str:
    text = (problem or "").strip()
    for english, danish in _PROBLEMS_DA.items():
        if text.startswith(english):
            return danish
    return "filen kan ikke læses som YAML her"  # (libyaml's own words are English)


_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")  # first characters of null, bool, number


def resolve_plain(value: str) -> Any:
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value  # most values: plain text, decided by the first character
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value) if len(value.lstrip("+-")) <= MAX_DIGITS else TOO_BIG
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


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#\-'\"][^:#]*?):(?: |$)")
_NO_COLON = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<word>[^\s:#\-\[\]{}'\"][^\s:#]*)(?: +[^:#]*)?$")


def _content_lines(lines: list[str], before: int) -> list[tuple[int, str]]:
    """The lines before line ``before`` (1-based) that hold content, nearest first."""
    found = []
    for n in range(before - 1, 0, -1):
        line = lines[n - 1]
        if line.strip() and not line.lstrip().startswith("#"):
            found.append((n, line))
    return found


def _indents(line: str) -> set[int]:
    """Where keys of a line's mappings stand: '  - emne: x' has keys at 4 (and its item at 2)."""
    indent = len(line) - len(line.lstrip(" "))
    stripped = line[indent:]
    levels = {indent}
    while stripped.startswith("- "):
        width = len(stripped) - len(stripped[1:].lstrip(" "))
        indent += width
        stripped = stripped[width:]
        levels.add(indent)
    return levels


def explain_yaml_error(text: str, pos: Pos, problem: str) -> tuple[Pos, str]:
    """libyaml's error, said for people: what the slip is (a text with ': ', a key out of
    line, a missing colon, a tab) and the line where it is, not the line after."""
    said = _danish_problem(problem)
    generic = f"YAML-fejl: {said}{'' if said.endswith(('?', '.')) else '.'}"
    try:
        return _explain(text, pos, problem, generic)
    except (IndexError, ValueError):  # line breaks libyaml counts otherwise (a lone \r): say it plainly
        return pos, generic


# spaces that look like spaces but are none to YAML: no-break (U+00A0, pasted from Word
# and Outlook), the typographic ones, zero-width ones and a stray byte order mark
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
_ODD_INDENT = re.compile(f"^ *[{ODD_SPACES}][ {ODD_SPACES}]*(?=\\S)")


def odd_indent(line: str) -> int | None:
    """The column (1-based) of the first no-break or other odd space in a line's
    indentation, or None."""
    match = _ODD_INDENT.match(line)
    return len(line) - len(line.lstrip(" ")) + 1 if match else None


def odd_indent_message(line: str) -> str:
    word = line.strip(" " + ODD_SPACES).split(" ")[0][:30]
    return ("Linjen er rykket ind med et hårdt mellemrum (kopieret fra Word eller Outlook), og det er ikke "
            f"indrykning for YAML. Slet mellemrummene foran '{word}', og ryk linjen ind igen med almindelige mellemrum "
            "(eller lad 'samtale ret' gøre det).")


_GLUED_DASH = re.compile(r"^(?P<indent> *)-(?=[^\s-])")
_VALUE_START = re.compile(r"^(?P<head> *(?:- +)?[^\s:#'\"][^:#]*?: +)(?P<value>.*)$")


def _explain(text: str, pos: Pos, problem: str, generic: str) -> tuple[Pos, str]:  # noqa: C901
    lines = text.split("\n")
    last = max((n for n, ln in enumerate(lines, 1) if ln.strip()), default=1)
    if pos.line > last:  # libyaml reached the end: the slip is on a line above
        found = _unclosed_quote(lines, last) or _unclosed_bracket(lines, last)
        if found is not None:
            return found
        if pos.line > len(lines):
            pos = Pos(len(lines), 1)
    if problem.startswith("did not find expected ',' or"):  # a: [1, 2 / b: 3
        found = _unclosed_bracket(lines, pos.line - 1)
        if found is not None:
            return found
    if not 0 < pos.line <= len(lines):
        return pos, generic
    line = lines[pos.line - 1]
    for n, candidate in ((pos.line, line), *_content_lines(lines, pos.line)[:2]):
        col = odd_indent(candidate)
        if col is not None:  # the slip is invisible, and often on the line before
            return Pos(n, col), odd_indent_message(candidate)
    for n, candidate in ((pos.line, line), *_content_lines(lines, pos.line)[:1]):
        glued = _GLUED_DASH.match(candidate)
        if glued:  # '-navn: x', '-Vi vil ...'
            rest = candidate[glued.end():]
            return Pos(n, len(glued["indent"]) + 1), (
                f"Efter '-' skal der stå et mellemrum i et listepunkt: '- {rest.strip()}'.")
    value = _VALUE_START.match(line)
    if value and value["value"][:1] in "*&!%@`|>" and pos.col > len(value["head"]):
        text_ = value["value"].strip()
        why = "fed eller kursiv skrives med *, men " if text_.startswith("*") else ""
        return Pos(pos.line, len(value["head"]) + 1), (
            f"En tekst, der begynder med '{text_[0]}', skal stå i anførselstegn ({why}YAML bruger selv tegnet): "
            f"{value['head'].strip()} \"{text_}\"")
    if value and value["value"][:1] in "\"'" and problem.startswith(("did not find expected key", "did not find expected '-'")):
        quote = value["value"][0]
        closing = value["value"].find(quote, 1)
        if 0 < closing < len(value["value"].rstrip()) - 1:  # "Velkommen" siger Birgitte.
            other = "'" if quote == '"' else '"'
            return Pos(pos.line, len(value["head"]) + 1), (
                f"Teksten fortsætter efter anførselstegnet, der lukker den. Sæt hele teksten i anførselstegn af den "
                f"anden slags: {value['head'].strip()} {other}{value['value'].strip()}{other}")
    if "\t" in line[: len(line) - len(line.lstrip())] or (0 < pos.col <= len(line) and line[pos.col - 1] == "\t"):
        return Pos(pos.line, line.index("\t") + 1), (
            "Tabulatortegn (Tab) kan ikke bruges til indrykning i YAML; ryk ind med mellemrum i stedet.")
    previous = _content_lines(lines, pos.line)
    found = _second_colon(line, pos, problem, previous)
    if found is not None:
        return found
    # a line before this one that has no colon, where a key was expected: titel Små grupper
    if previous and (problem.startswith("could not find expected ':'") or _KEY_LINE.match(line)):
        n, before = previous[0]
        missing = _NO_COLON.match(before)
        # the line after a key without its colon stands where that key's value would go
        siblings = {max(_indents(before))} if missing and missing["dash"] else _indents(before)
        key_indents = _indents(line) if _KEY_LINE.match(line) else set()
        if missing and not _KEY_LINE.match(before) and (key_indents & siblings or problem.startswith("could not")):
            word = missing["word"]
            col = len(missing["indent"] or "") + len(missing["dash"] or "") + 1
            if re.fullmatch(r"\d{1,2}[.)]|[•●▪◦·–—]", word):  # '1. Vi vil ...' typed as in Word
                return Pos(n, col), (
                    f"'{word}' ligner et punkt i en liste skrevet som i Word. Skriv hvert punkt på sin egen linje, "
                    "indrykket under nøglen og med '- ' foran (uden tal eller prikker): '  - Vi vil ...'.")
            return Pos(n, col), (f"Der mangler et kolon (:) efter '{word}'. Skriv '{word}: ...', "
                                 "eller sæt teksten i anførselstegn, hvis den hører til linjen over.")
    indent = len(line) - len(line.lstrip(" "))
    known = set().union(*(_indents(ln) for _n, ln in previous)) if previous else {0}
    opens = bool(previous) and previous[0][1].rstrip().endswith((":", "|", ">", "|-", ">-"))
    deeper = opens and indent > max(_indents(previous[0][1]))  # the first line of a new block
    if line.strip() and indent not in known and not deeper and (
        problem.startswith(("mapping values are not allowed", "did not find expected key", "did not find expected '-'"))
    ):
        n, above = previous[0]
        return Pos(pos.line, indent + 1), (
            f"Indrykningen passer ikke: linjen er rykket {indent} mellemrum ind, men linjen over (linje {n}) står "
            f"med {max(_indents(above))}. Nøgler i samme samling skal stå lige under hinanden.")
    # a text with ': ' in it: emne: Velkomst: kaffe og brød
    key = _KEY_LINE.match(line)
    if key and problem.startswith("mapping values are not allowed"):
        return _colon_in_text(line, pos, key) or (pos, generic)
    return pos, generic


def _second_colon(line: str, pos: Pos, problem: str, previous: list[tuple[int, str]]) -> tuple[Pos, str] | None:
    """A line with a second ': ' after its key's (``- Tredje: punkt: med kolon``): the
    slip is on this line. In a list of plain texts the whole item is quoted."""
    key = _KEY_LINE.match(line)
    if not key or not problem.startswith("mapping values are not allowed") or pos.col <= key.end():
        return None
    if key["dash"] and previous:
        above = previous[0][1]
        indent = len(key["indent"] or "")
        plain_item = above.startswith(" " * indent + "- ") and not _KEY_LINE.match(above)
        if plain_item and len(above) - len(above.lstrip(" ")) == indent:
            item = line[indent + len(key["dash"]):].strip()
            return Pos(pos.line, indent + len(key["dash"]) + 1), (
                f"Punktet '{item}' har et kolon med mellemrum efter (': '), så YAML tror, det er en nøgle. "
                f"Sæt hele punktet i anførselstegn: - \"{item}\"")
    return _colon_in_text(line, pos, key)


def _colon_in_text(line: str, pos: Pos, key: re.Match[str]) -> tuple[Pos, str] | None:
    """``emne: Velkomst: kaffe og brød``: the text after the key holds ': '."""
    rest = line[key.end():].strip()
    if not rest:
        return None
    plain = rest.strip("“”„‟«»")  # Word's curly quotes are no quotes to YAML
    word = " Words krøllede anførselstegn (“ ”) tæller ikke i YAML; brug lige anførselstegn." if plain != rest else ""
    return Pos(pos.line, key.end() + 1), (
        f"Teksten '{rest}' har et kolon med mellemrum efter (': '), så YAML tror, det er en ny nøgle.{word} "
        f"Sæt teksten i anførselstegn: {key['key'].strip()}: \"{plain}\"")


def _unclosed_quote(lines: list[str], last: int) -> tuple[Pos, str] | None:
    """The line whose quote is never closed, when libyaml only found the end of the file."""
    for n in range(last, 0, -1):
        line = lines[n - 1]
        value = _VALUE_START.match(line)
        if value and value["value"][:1] in "\"'":
            quote = value["value"][0]
            if value["value"].count(quote) % 2 == 1:
                return Pos(n, len(value["head"]) + 1), (
                    f"Anførselstegnet ({quote}) i linje {n} lukkes aldrig; sæt et {quote} efter teksten.")
    return None


def _unclosed_bracket(lines: list[str], last: int) -> tuple[Pos, str] | None:
    """The '[' or '{' never closed, when libyaml only found the end of the file."""
    depth: list[tuple[int, int, str]] = []
    for n, line in enumerate(lines[:last], 1):
        quote = ""
        for col, char in enumerate(line, 1):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'" and depth:
                quote = char
            elif char == "#" and (col == 1 or line[col - 2] == " "):
                break
            elif char in "[{" and (depth or line[: col - 1].rstrip()[-1:] in ("", ":", "-")):
                depth.append((n, col, char))
            elif char in "]}" and depth:
                depth.pop()
    if not depth:
        return None
    n, col, char = depth[0]
    closing = "]" if char == "[" else "}"
    return Pos(n, col), f"'{char}' i linje {n} lukkes aldrig; sæt et '{closing}' efter det sidste element."


def _line_col(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Pos(line, offset - start + 1)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes -> text: UTF-8 with or without BOM, CRLF folded; binary junk refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        return None, [catalogue.Y002.at(file, 1, 1, "Filen er gemt som UTF-16 (\"Unicode\" i Notesblok). Gem den som UTF-8 i din editor.")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        pos = _line_col(prefix, len(prefix))  # characters, not bytes, before the bad byte
        if b"\x00" in raw[:4096]:
            return None, [catalogue.Y003.at(file, 1, 1, "Filen er ikke en tekstfil (binære data).")]
        return None, [
            catalogue.Y002.at(file, pos.line, pos.col, "Filen er ikke gemt som UTF-8. Gem den som UTF-8 i din editor.")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _BAD_CHARS.search(text)
    if bad:
        pos = _line_col(text, bad.start())
        if "\x00" in text:
            return None, [catalogue.Y003.at(file, pos.line, pos.col, "Filen er ikke en tekstfil (binære data).")]
        return None, [
            catalogue.Y003.at(file, pos.line, pos.col, f"Ulovligt kontroltegn (U+{ord(bad.group()):04X}) i filen.")
        ]
    return text, []


class NotRegular(OSError):
    """The path is no regular file (a FIFO, a device, a folder)."""


class TooBig(OSError):
    """The file is larger than the limit it was read with."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular(path: Path, limit: int, *, whole: bool = True) -> bytes:
    """At most ``limit`` bytes of a regular file, without ever blocking or reading without
    end: a FIFO or a link to ``/dev/zero`` named ``x.yaml`` raises NotRegular. With
    ``whole`` a larger file raises TooBig; without, its first ``limit`` bytes come back."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer (no effect on files)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"'{path}' er ikke en almindelig fil")
        if whole and info.st_size > limit:
            raise TooBig(info.st_size)
        raw = stream.read(limit + 1)  # the file may have grown since fstat
    if len(raw) > limit:
        if whole:
            raise TooBig(len(raw))
        raw = raw[:limit]
    return raw


Reader = Callable[[Path, int], bytes]  # (path, limit) -> the bytes; raises OSError


def load_path(
    path: Path, file: str, rename_key: Callable[[str], str] | None = None, read: Reader = read_regular
) -> Loaded:
    """Read and load one file; ``file`` is the name shown in diagnostics.

    Only regular files are read, and never more than MAX_BYTES (:func:`read_regular`);
    ``read`` may read them from elsewhere (git's index: :class:`samtale_cli.check.gitindex.GitIndex`).
    """
    try:
        raw = read(path, MAX_BYTES)
    except NotRegular:
        return _refused(file, catalogue.Y012, "Filen kan ikke læses: den er ikke en almindelig fil.")
    except TooBig as exc:
        size = exc.size / 1024 / 1024
        return _refused(file, catalogue.Y001, f"Filen er for stor ({size:.1f} MB); grænsen er {MAX_BYTES // 1024 // 1024} MB.")
    except OSError as exc:
        return _refused(file, catalogue.Y012, f"Filen kan ikke læses: {danish_oserror(exc)}.")
    return load_bytes(raw, file, rename_key)


def _refused(file: str, code: Code, message: str) -> Loaded:
    return Loaded(Source(file, ""), diagnostics=[code.at(file, 1, 1, message)])


def load_bytes(raw: bytes, file: str, rename_key: Callable[[str], str] | None = None) -> Loaded:
    if len(raw) > MAX_BYTES:
        return _refused(file, catalogue.Y001, f"Filen er for stor; grænsen er {MAX_BYTES // 1024 // 1024} MB.")
    text, problems = decode(raw, file)
    if text is None:
        return Loaded(Source(file, ""), diagnostics=problems)
    return load_text(text, file, rename_key)


_SKIPPED: DataPath = ("\0skipped",)  # path of containers whose key was refused


class _Stop(Exception):
    """Internal: loading cannot continue; the diagnostic is already recorded."""


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built."""

    container: Any  # dict or list
    path: DataPath
    anchor: str | None
    start_nodes: int
    start_pos: Pos
    key: Any = None  # pending mapping key (None: expecting a key)
    has_key: bool = False
    skip: bool = False  # value belongs to a duplicate/invalid key
    key_pos: dict[str, Pos] = field(default_factory=dict)  # this mapping's keys so far
    flow: bool = False  # written in [] or {} (or inside such)


def _pos(event: Any) -> Pos:
    mark = event.start_mark
    return Pos(mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from libyaml's events, one method per kind of event.

    Every node counts towards MAX_NODES (scalars, mappings, sequences, and the nodes an
    alias expands to); nesting is bounded by MAX_DEPTH; tags other than the core ones
    are refused. A refusal records a diagnostic and raises :class:`_Stop`.
    """

    def __init__(self, loaded: Loaded, rename_key: Callable[[str], str] | None) -> None:
        self.loaded = loaded
        self.source = loaded.source
        self.file = loaded.source.file
        self.rename_key = rename_key
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded node count)
        self.nodes = 0
        self.stack: list[_Frame] = []
        self.documents = 0
        self.root: Any = None
        self.unmask: dict[int, str] | None = None
        self.text = ""  # as parsed (NEL, LS, PS masked, one for one)

    def fail(self, pos: Pos, code: Code, message: str) -> NoReturn:
        self.loaded.diagnostics.append(code.at(self.file, pos.line, pos.col, message))
        raise _Stop

    def note(self, pos: Pos, code: Code, message: str) -> None:
        """A finding that does not stop the loading."""
        self.loaded.diagnostics.append(code.at(self.file, pos.line, pos.col, message))

    def count(self, pos: Pos, size: int, message: str) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            self.fail(pos, catalogue.Y008, message)

    def expects_key(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and isinstance(top.container, dict) and not top.has_key

    def odd_key(self, pos: Pos) -> None:
        """A key written without quotes that begins with a no-break space: a line indented
        with Word's space, which YAML reads as a key of its own (it is no indentation)."""
        line = (_LINES.split(self.text) + [""])[pos.line - 1]
        col = odd_indent(line)
        self.fail(Pos(pos.line, col or pos.col), catalogue.Y005, odd_indent_message(line))

    def list_in_text(self, event: Any) -> None:
        """A plain text over several lines whose next line starts as a list item ('1.
        Anden', '- Anden' rykket for langt ind): YAML reads the item as more of the text
        above, and two points become one without a word (S806)."""
        if self.stack and self.stack[-1].flow:  # inside [...] a value may go over lines
            return
        lines = _LINES.split(self.text)[event.start_mark.line : event.end_mark.line + 1]
        if not lines:
            return
        first = lines[0][event.start_mark.column:].strip()
        if _ITEM_IN_TEXT.match(first):  # a whole list typed as in Word: the model says so (F020)
            return
        for offset, line in enumerate(lines[1:], event.start_mark.line + 2):
            item = _ITEM_IN_TEXT.match(line)
            if item:
                self.note(Pos(offset, len(item["indent"]) + 1), catalogue.S806, (
                    f"Linjen begynder med '{item['mark']}' som et punkt i en liste, men YAML læser den som en del af "
                    f"teksten '{first}' i linjen over, så de bliver til ét punkt. Skriv punktet med '- ' foran, rykket "
                    "ind præcis som punktet over."))
                return

    def check_tag(self, pos: Pos, tag: str | None) -> None:
        if tag and tag not in _ALLOWED_TAGS and tag != "!":
            self.fail(pos, catalogue.Y007, _tag_message(tag))

    # --- one method per event -----------------------------------------------------

    def scalar(self, event: Any) -> None:
        pos = _pos(event)
        if not event.style and event.value[:1] in ODD_SPACES and self.expects_key():
            self.odd_key(pos)
        tag = event.tag
        self.check_tag(pos, tag)
        self.count(pos, 1, f"Filen har for mange værdier (over {MAX_NODES:,}).".replace(",", "."))
        value: Any = event.value if self.unmask is None else event.value.translate(self.unmask)
        if tag:
            value = _tagged_scalar(value, tag)
            if value is _MISMATCH:
                shown = tag.replace(_CORE_TAG, "!!")
                self.fail(pos, catalogue.Y007, f"Værdien passer ikke til tagget '{shown}'; fjern tagget eller ret værdien.")
        elif event.implicit[0] and not event.style:
            value = resolve_plain(value)
        if value is TOO_BIG:
            value = event.value
            self.note(pos, catalogue.Y014, f"Tallet har mere end {MAX_DIGITS} cifre; så store tal bruges ikke i samtale-filer. "
                      "Er det en tekst (fx et kontonummer), så sæt den i anførselstegn.")
        elif not event.style and event.end_mark.line == event.start_mark.line and _CUT.match(self.text, event.end_mark.index):
            cut = self.text[event.end_mark.index:].split("\n", 1)[0].strip()
            self.note(pos, catalogue.S805, f"Teksten '{event.value}' er skåret af ved '#': YAML læser '{cut}' som en "
                      f"kommentar. Sæt hele teksten i anførselstegn: \"{event.value} {cut}\"")
        elif not event.style and event.end_mark.line > event.start_mark.line:
            self.list_in_text(event)
        elif event.style == '"' and isinstance(value, str) and _CONTROL.search(value):
            char = _CONTROL.search(value).group()
            self.note(pos, catalogue.Y015, f"Teksten indeholder et kontroltegn (U+{ord(char):04X}), skrevet med \\ i "
                      "anførselstegn; fjern det.")
        self.child_path(pos)
        self.place(value, pos, event.anchor, 1)

    def collection_start(self, event: Any, is_map: bool) -> None:
        pos = _pos(event)
        tag = event.tag
        self.check_tag(pos, tag)
        self.count(pos, 1, f"Filen har for mange værdier (over {MAX_NODES:,}).".replace(",", "."))
        if len(self.stack) >= MAX_DEPTH:
            self.fail(pos, catalogue.Y009, f"Strukturen er indlejret for dybt (mere end {MAX_DEPTH} niveauer).")
        if tag and tag != "!" and tag.endswith(":map") != is_map:
            self.fail(pos, catalogue.Y007, "Tagget passer ikke til værdien.")
        path = self.child_path(pos)
        container: Any = {} if is_map else []
        flow = bool(event.flow_style) or bool(self.stack and self.stack[-1].flow)
        self.stack.append(_Frame(container, _SKIPPED if path is None else path, event.anchor, self.nodes, pos, flow=flow))

    def mapping_start(self, event: Any) -> None:
        self.collection_start(event, True)

    def sequence_start(self, event: Any) -> None:
        self.collection_start(event, False)

    def collection_end(self, event: Any) -> None:
        frame = self.stack.pop()
        self.place(frame.container, frame.start_pos, frame.anchor, self.nodes - frame.start_nodes + 1)

    def alias(self, event: Any) -> None:
        pos = _pos(event)
        anchor = event.anchor
        if anchor not in self.anchors:
            self.fail(pos, catalogue.Y013, f"Aliasset '*{anchor}' henviser ikke til et anker (&{anchor}) tidligere i filen.")
        value, size = self.anchors[anchor]
        self.count(pos, size, "Aliasser (*) udfolder sig til for mange værdier; filen afvises.")
        self.child_path(pos)
        self.place(value, pos, None, size)

    def document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(_pos(event), catalogue.Y010, "Filen indeholder mere end ét YAML-dokument (---); der må kun være ét.")

    def ignore(self, event: Any) -> None:
        """StreamStart, DocumentEnd: nothing to do."""

    # --- building -----------------------------------------------------------------

    def child_path(self, pos: Pos) -> DataPath | None:
        """Path of the value about to be placed; records its position."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.path is _SKIPPED:
            return None
        if isinstance(top.container, list):
            path = top.path + (len(top.container),)
        elif top.has_key and not top.skip:
            path = top.path + (top.key,)
        else:
            return None  # a key, or a value of a skipped key
        self.source.values[path] = pos
        return path

    def place(self, value: Any, pos: Pos, anchor: str | None, size: int) -> None:
        """Attach a finished value to its parent (or make it the root)."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            self.source.values[()] = pos
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        elif top.has_key:
            if not top.skip:
                top.container[top.key] = value
            top.has_key, top.key = False, None
        else:
            self.place_key(top, value, pos)

    def place_key(self, top: _Frame, value: Any, pos: Pos) -> None:
        if isinstance(value, (dict, list)):
            self.loaded.diagnostics.append(
                catalogue.Y011.at(self.file, pos.line, pos.col, "En nøgle skal være en enkel tekst, ikke en liste eller samling.")
            )
            top.key, top.has_key, top.skip = None, True, True
            return
        key = "" if value is None else value if isinstance(value, str) else str(value)
        if self.rename_key is not None:
            key = self.rename_key(key)
        top.key, top.has_key, top.skip = key, True, False
        first = top.key_pos.get(key)
        if first is not None:
            self.loaded.diagnostics.append(
                catalogue.Y006.at(self.file, pos.line, pos.col, f"Nøglen '{key}' står to gange (første gang i linje {first.line}).")
            )
            top.skip = True
            return
        top.key_pos[key] = pos
        if top.path is not _SKIPPED:
            self.source.keys[top.path + (key,)] = pos

    def run(self, text: str) -> None:
        """Parse ``text``; raises _Stop, YAMLError."""
        from _ruamel_yaml import CParser
        from ruamel.yaml import events as ev

        handlers = {
            ev.ScalarEvent: self.scalar,
            ev.MappingStartEvent: self.mapping_start,
            ev.SequenceStartEvent: self.sequence_start,
            ev.MappingEndEvent: self.collection_end,
            ev.SequenceEndEvent: self.collection_end,
            ev.AliasEvent: self.alias,
            ev.DocumentStartEvent: self.document_start,
            ev.DocumentEndEvent: self.ignore,
            ev.StreamStartEvent: self.ignore,
        }
        masked, self.unmask = _mask_breaks(text)
        self.text = masked
        get_event = CParser(masked).get_event
        stream_end = ev.StreamEndEvent
        while True:
            event = get_event()
            kind = type(event)
            if kind is stream_end:
                return
            handlers[kind](event)


def load_text(text: str, file: str, rename_key: Callable[[str], str] | None = None) -> Loaded:
    """Parse YAML text into plain data; never raises on bad input."""
    from ruamel.yaml.error import YAMLError

    loaded = Loaded(Source(file, text))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        loaded.diagnostics.append(catalogue.Y004.at(file, 1, 1, "Filen er tom."))
        return loaded
    builder = _Builder(loaded, rename_key)
    try:
        builder.run(text)
    except _Stop:
        return loaded
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        pos = Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos(1, 1)
        problem = getattr(exc, "problem", None) or str(exc)
        pos, message = explain_yaml_error(text, pos, problem)
        loaded.diagnostics.append(catalogue.Y005.at(file, pos.line, pos.col, message))
        return loaded
    loaded.data = builder.root
    return loaded


def _tag_message(tag: str) -> str:
    shown = tag.replace(_CORE_TAG, "!!")
    return f"Tagget '{shown}' er ikke tilladt; samtale-filer bruger kun almindelige værdier."


_MISMATCH = object()  # a scalar that its tag does not fit
TOO_BIG = object()  # a whole number of more than MAX_DIGITS digits
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
    resolved = resolve_plain(value)
    if resolved is TOO_BIG and kind in ("int", "float"):
        return TOO_BIG
    if types is None or type(resolved) not in types:
        return _MISMATCH
    return float(resolved) if kind == "float" else resolved
