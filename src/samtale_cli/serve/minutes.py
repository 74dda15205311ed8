"""Minutes written back into a meeting's YAML file (the meeting mode of ``samtale serve``).

Only the lines of one item's ``referat`` change. ruamel.yaml's round-trip parser finds
where the item stands in the file, and its emitter writes the new value (quoted where
it must be, a literal block ``|`` when it has several lines); those lines go into the
file's own text, so every other byte stays as it was: comments, key order, quoting,
blank lines, line endings (LF or CRLF) and a byte order mark.

Before anything is written, the new bytes go through samtale's own loader and pipeline:
the item must read back with exactly the new minutes and everything else unchanged, and
the file must have no errors (a text that looks like a CPR number is refused). The file
is written atomically. ``version`` (a hash of the bytes the page was made from) guards
against lost updates: a file changed since then is not written (409).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli import model as m
from samtale_cli.check.document import read
from samtale_cli.check.loader import MAX_BYTES, read_regular
from samtale_cli.check.runs import check_bytes
from samtale_cli.core import yamlout
from samtale_cli.check.discover import find_workspace_root
from samtale_cli.core.errors import SamtaleError, danish_oserror
from samtale_cli.core.files import (
    Busy, Changed, ReadOnly, display_name, file_lock, leads_inside, replace_if_unchanged,
)
from samtale_cli.model import canonical_key
from samtale_cli.out.views.meeting import numbered_items

MAX_TEXT = 100_000  # characters of minutes for one item

_LOCK = threading.Lock()  # one write at a time in this process (file_lock: across processes)
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")  # Word's line and page breaks too
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_BOM = b"\xef\xbb\xbf"
# plain values that YAML 1.1 tools (PyYAML, older editors) read as no text: booleans,
# numbers with '_', in base 2, 8, 16 or 60 (a clock time, 12:30), infinity
_YAML11_NOT_TEXT = re.compile(
    r"(?i:yes|no|on|off|[-+]?\.inf|\.nan)"
    r"|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)")


class NotSaved(SamtaleError):
    """The minutes were not saved: a Danish message and the HTTP status to answer with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


TOO_BIG = (f"Filen ville blive større end {MAX_BYTES // (1024 * 1024)} MB, det største, samtale læser, så intet er "
           "gemt. Gør teksten kortere, eller flyt noget af filen til en anden fil.")


def refuse_too_big(new: bytes) -> None:
    """413 when the new bytes of a file would be more than samtale reads."""
    if len(new) > MAX_BYTES:
        raise NotSaved(TOO_BIG, 413)


CHANGED = (
    "Filen er ændret, siden siden blev hentet (i en anden fane, af en anden eller i en "
    "editor). Referatet er ikke gemt: kopiér din tekst, genindlæs siden og sæt den ind igen."
)


def version_of(raw: bytes) -> str:
    """The version of a file's bytes, as the meeting mode's forms carry it."""
    return hashlib.sha256(raw).hexdigest()[:32]


def clean_text(text: str) -> str:
    """The minutes as they are stored: every kind of line break (CRLF from the browser,
    Word's line and page breaks) as ``\\n``, invisible control characters gone, no
    spaces at the ends of lines and no blank lines before or after."""
    text = _INVISIBLE.sub("", _BREAKS.sub("\n", text))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def stored_value(text: str) -> str | None:
    """The value samtale reads back for ``text``: None (no ``referat``) when empty; a
    text of several lines ends with a line break, like a literal block ``|``."""
    text = clean_text(text)
    if not text:
        return None
    return text + "\n" if "\n" in text else text


# --- the text of the file -------------------------------------------------------------


@dataclass
class _Lines:
    """A file's text as lines, each with its own line ending ("\\n", "\\r\\n" or "" for a
    last line without one), so that untouched lines are written back byte for byte."""

    lines: list[tuple[str, str]]
    bom: bool

    @classmethod
    def parse(cls, raw: bytes) -> _Lines:
        bom = raw.startswith(_BOM)
        try:
            text = raw[3 if bom else 0 :].decode("utf-8")
        except UnicodeDecodeError:
            raise NotSaved("Filen er ikke gemt som UTF-8; referatet kan ikke skrives i den.", 422) from None
        parts = text.split("\n")
        lines = [(p[:-1], "\r\n") if p.endswith("\r") else (p, "\n") for p in parts[:-1]]
        if parts[-1]:
            lines.append((parts[-1], ""))
        if any("\r" in content for content, _ in lines):
            raise NotSaved("Filen har linjeskift af en gammel slags (CR); gem den med almindelige linjeskift.", 422)
        return cls(lines, bom)

    @property
    def text(self) -> str:
        """The text with ``\\n`` endings, as the parser sees it (positions are into it)."""
        return "".join(content + ("\n" if end else "") for content, end in self.lines)

    @property
    def newline(self) -> str:
        return "\r\n" if any(end == "\r\n" for _, end in self.lines) else "\n"

    def encode(self) -> bytes:
        body = "".join(content + end for content, end in self.lines).encode("utf-8")
        return (_BOM if self.bom else b"") + body


@dataclass
class _Positions:
    """Line and column of character offsets in a text."""

    text: str

    def line(self, index: int) -> int:
        return self.text.count("\n", 0, index)

    def col(self, index: int) -> int:
        return index - (self.text.rfind("\n", 0, index) + 1)


def _key(node: Any) -> str | None:
    return canonical_key(node.value) if isinstance(node.value, str) else None


def _child(mapping: Any, key: str) -> tuple[Any, Any] | None:
    return next(((k, v) for k, v in mapping.value if _key(k) == key), None)


def _empty(node: Any) -> bool:
    """A key with no value (``referat:``): its marks point to the next token, not to it."""
    from ruamel.yaml.nodes import ScalarNode

    return (isinstance(node, ScalarNode) and node.value == "" and not node.style
            and node.start_mark.index == node.end_mark.index)


def _last_line(node: Any, at: _Positions, key: Any = None) -> int:
    """The last line that holds some of ``node``'s content (not the blank lines or the
    comments after it); an empty value's is its ``key``'s."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if key is not None and _empty(node):
        return at.line(key.end_mark.index)
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            header = at.text[start : at.text.find("\n", start)]
            if "+" in header.split("#")[0]:  # keep chomping: the blank lines are content
                return at.line(end) - (1 if end > 0 and at.text[end - 1] == "\n" else 0)
            k = end - 1
            while k > start and at.text[k] in " \t\n":
                k -= 1
            return at.line(k)
        return at.line(max(start, end - 1))
    if isinstance(node, (MappingNode, SequenceNode)):
        if node.flow_style or not node.value:
            return at.line(max(start, end - 1))
        last = node.value[-1]
        return _last_line(last[1], at, last[0]) if isinstance(node, MappingNode) else _last_line(last, at)
    return at.line(start)


def needs_quotes(value: str) -> bool:
    """Whether a text of one line must be written in quotes to be read back as that text,
    by samtale (YAML 1.2) and by YAML 1.1 tools alike (``yes``, ``on``, ``12:30``)."""
    return not yamlout.reads_as_text(value) or _YAML11_NOT_TEXT.fullmatch(value) is not None


def _fragment(value: str) -> list[str]:
    """``referat: <value>`` as ruamel.yaml writes it, as lines; the first without the key."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    yaml = YAML()
    yaml.width = sys.maxsize  # never fold a long line
    yaml.allow_unicode = True
    if "\n" in value:
        scalar: str = LiteralScalarString(value)
    elif needs_quotes(value):
        scalar = DoubleQuotedScalarString(value)  # it would be read plain as a number or a boolean
    else:
        scalar = value
    out = io.StringIO()
    yaml.dump({"referat": scalar}, out)
    lines = out.getvalue().split("\n")[:-1]
    lines[0] = lines[0][len("referat") :]
    if "\n" in value and value.startswith("\t") and not any(c.isdigit() for c in lines[0]):
        # libyaml reads a tab that opens a block as indentation: say the indentation
        lines[0] = lines[0].replace("|", "|2", 1)
    return lines


def _indent(line: str, column: int) -> str:
    return " " * column + line if line else line  # a blank line stays empty


def _comment(text: str) -> str:
    """The comment in the rest of a line (``  # note``), or ""."""
    match = re.search(r"(?:^|\s)(#.*)$", text)
    return match.group(1) if match else ""


def masked(text: str) -> str:
    """``text`` as the parser should see it: NEL, LS and PS (which YAML 1.1 parsers take
    for line breaks; samtale's loader, YAML 1.2 and editors do not) swapped one for one
    for unused characters, so that the places of everything hold and a file that
    ``samtale check`` reads (such a character in a comment) can be written to."""
    from samtale_cli.check.loader import _mask_breaks

    return _mask_breaks(text)[0]


def _compose(text: str) -> Any:
    """The YAML nodes of ``text`` with their places, from ruamel.yaml's C parser when it
    is there (tests/test_serve_incremental.py holds its places equal to the round-trip
    parser's; the spliced file is read back and compared before it is written)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe").compose(masked(text))


def splice(raw: bytes, place: tuple[int, int | None], value: str | None) -> bytes:  # noqa: C901
    """``raw`` with the ``referat`` of the item at ``place`` (index in ``dagsorden``, index
    in its ``punkter`` or None) set to ``value`` (None: removed). Only that item's
    ``referat`` lines change."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    doc = _Lines.parse(raw)
    at = _Positions(doc.text)
    try:
        root = _compose(at.text)
    except YAMLError:
        raise NotSaved("Filen kan ikke læses som YAML; ret den først ('samtale check').", 422) from None
    index, sub = place
    target = None
    if isinstance(root, MappingNode):
        agenda = _child(root, "dagsorden")
        if agenda and isinstance(agenda[1], SequenceNode) and index < len(agenda[1].value):
            target = agenda[1].value[index]
            if sub is not None:
                subs = _child(target, "punkter") if isinstance(target, MappingNode) else None
                ok = subs and isinstance(subs[1], SequenceNode) and sub < len(subs[1].value)
                target = subs[1].value[sub] if ok else None
    if not isinstance(target, MappingNode) or not target.value:
        raise NotSaved("Punktet findes ikke i filen.", 404)
    if target.flow_style:
        raise NotSaved("Punktet er skrevet på én linje ({...}); skriv referatet i filen i en editor.", 422)
    column = at.col(target.value[0][0].start_mark.index)
    existing = _child(target, "referat")
    new: list[str] = []
    if existing is not None:
        key, old = existing
        first, last = at.line(key.start_mark.index), _last_line(old, at, key)
        content, end = doc.lines[first]
        key_col, key_end = at.col(key.start_mark.index), at.col(key.end_mark.index)
        prefix, key_text = content[:key_col], content[key_col:key_end]
        if _empty(old):
            comment = _comment(content[key_end:])  # "referat:  # note"
        elif old.style in ("|", ">"):
            comment = _comment(content[at.col(old.start_mark.index) :])  # on the header: "|  # note"
        else:
            last_content = doc.lines[last][0]
            comment = _comment(last_content[at.col(old.end_mark.index) :]) if at.line(old.end_mark.index) == last else ""
        kept = [doc.lines[k] for k in range(first + 1, min(last + 1, at.line(old.start_mark.index)))
                if doc.lines[k][0].lstrip().startswith("#")]
        if value is not None:
            new = [prefix + key_text + _fragment(value)[0] + ("  " + comment if comment else "")]
            new.extend(_indent(line, column) for line in _fragment(value)[1:])
        elif prefix.strip():  # "- referat: ..." opens the item: keep the dash for the next key
            raise NotSaved("Referatet står først i punktet; slet det i filen i en editor.", 422)
        # a file that ended without a line break ends with one now: a block needs it
        doc.lines[first : last + 1] = kept + [(line, end or doc.newline) for line in new]
    elif value is not None:
        after = _last_line(target, at)
        lines = _fragment(value)
        new = [" " * column + "referat" + lines[0], *(_indent(line, column) for line in lines[1:])]
        content, end = doc.lines[after]
        if not end:  # the file ended without a line break: it ends with the new lines
            doc.lines[after] = (content, doc.newline)
        doc.lines[after + 1 : after + 1] = [(line, end or doc.newline) for line in new]
    return doc.encode()


# --- saving ---------------------------------------------------------------------------


def _meeting(raw: bytes, path: Path, file: str) -> Any:
    doc = read(path, file, lambda _path, _limit: raw)
    if not isinstance(doc.model, m.Meeting):
        raise NotSaved("Filen er ikke en læringssamtale, der kan læses; ret den først ('samtale check').", 409)
    return doc.model


def _expected(model: Any, place: tuple[int, int | None], value: str | None) -> Any:
    """``model`` with the minutes of the item at ``place`` set to ``value``."""
    index, sub = place
    item = model.agenda[index]
    if sub is None:
        item = item.model_copy(update={"minutes_text": value})
    else:
        subitems = list(item.subitems)
        subitems[sub] = subitems[sub].model_copy(update={"minutes_text": value})
        item = item.model_copy(update={"subitems": subitems})
    agenda = list(model.agenda)
    agenda[index] = item
    return model.model_copy(update={"agenda": agenda})


def save(path: Path, cwd: Path, number: str, text: str, version: str) -> str:
    """Write ``text`` as the minutes of item ``number`` (``"3"``, ``"3.1"``) of the meeting
    at ``path``, when the file still has ``version``. Returns the new version; raises
    :class:`NotSaved` (nothing written) otherwise.

    The file's lock (:func:`samtale_cli.core.files.file_lock`) is held from the read to
    the rename, so a second ``samtale serve`` waits; the bytes are compared again just
    before the rename, so an editor's save in the meantime is kept (409). A link is
    followed to its file when that lies in the workspace; a write-protected file is
    refused (403)."""
    if len(text) > MAX_TEXT:
        raise NotSaved(f"Referatet er for langt (over {MAX_TEXT:,} tegn).".replace(",", "."), 413)
    file = display_name(path, cwd)
    path = _target(path, cwd)
    try:
        with _LOCK, file_lock(path):
            return _save_locked(path, cwd, file, number, text, version)
    except NotSaved:
        raise
    except Busy as exc:
        raise NotSaved(f"Referatet er ikke gemt: {exc.message}", 409) from None
    except Changed:
        raise NotSaved(CHANGED, 409) from None
    except ReadOnly:
        raise NotSaved("Filen er skrivebeskyttet, så referatet er ikke gemt. Fjern skrivebeskyttelsen, eller skriv "
                       "referatet i en anden fil.", 403) from None
    except SamtaleError as exc:  # a link or a special file where the meeting was
        raise NotSaved(f"Referatet er ikke gemt: {exc.message}", 409) from None
    except OSError as exc:
        raise NotSaved(f"Filen kunne ikke skrives: {danish_oserror(exc)}.", 500) from None


def _target(path: Path, cwd: Path) -> Path:
    """The file to write: ``path``, or the file a link leads to when that lies in the
    workspace (the link stays a link)."""
    if not path.is_symlink():
        return path
    root = find_workspace_root(path.parent) or cwd
    if not leads_inside(path, root):
        raise NotSaved("Filen er et link til en fil uden for arbejdsmappen; referatet gemmes ikke gennem det. "
                       "Skriv det i filen selv i en editor.", 409)
    return Path(os.path.realpath(path))


def _save_locked(path: Path, cwd: Path, file: str, number: str, text: str, version: str) -> str:
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError:
        raise NotSaved("Filen kan ikke læses lige nu; prøv igen ('samtale check' siger hvorfor).", 409) from None
    if version != version_of(raw):
        raise NotSaved(CHANGED, 409)
    meeting = _meeting(raw, path, file)
    place = numbered_items(meeting).get(number.strip())
    if place is None:
        raise NotSaved(f"Punkt '{number}' findes ikke på dagsordenen.", 404)
    value = stored_value(text)
    new = splice(raw, place, value)
    if new == raw:
        return version
    refuse_too_big(new)
    checked = check_bytes(path, new, cwd)  # read back once: the model to compare, and the findings
    if not isinstance(checked.model, m.Meeting) or checked.model != _expected(meeting, place, value):
        raise NotSaved("Referatet kunne ikke skrives sikkert i filen; skriv det i en editor.", 422)
    errors = [d for d in checked.findings if d.is_error]
    if errors:
        raise NotSaved("Referatet er ikke gemt: " + " ".join(d.message for d in errors[:3]), 422)
    replace_if_unchanged(path, raw, new)
    return version_of(new)
