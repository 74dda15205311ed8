"""``samtale ret``'s work on files: apply the fixes of :mod:`samtale_cli.fix.lines`,
keep them only when the result loads and means what the file meant, and write
atomically, every other byte (line endings, a BOM, comments) as it was.

A fix is kept when, checked as ``check`` checks it (:func:`check_bytes`):

* every fixed line begins a key or a value of its own (never the rest of the line above);
* the file did not load (a YAML error): the fixed file loads;
* the file loaded and had no finding at all: the loaded data is the same (a fix never
  changes what a passing file means);
* the file loaded with findings: it loads, has fewer findings and no more errors.

All fixes together are tried first (two slips may each stop the file from loading),
then one kind of fix at a time. No printing: the command line prints the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.check.checker import Checked
from samtale_cli.check.discover import discover
from samtale_cli.check.loader import MAX_BYTES, read_regular
from samtale_cli.check.runs import check_bytes, run
from samtale_cli.core import catalogue
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.core.errors import danish_oserror
from samtale_cli.core.files import display_name
from samtale_cli.fix.lines import FIXES, Change, Fix

BOM = "\ufeff"
_BREAK = re.compile(r"(\r\n|\r|\n)")


@dataclass
class Fixed:
    """One file: its bytes as read and as fixed, the changes, and a note when the fixed
    bytes were not written."""

    path: Path
    file: str  # as the user sees it
    before: bytes
    after: bytes
    changes: list[Change] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)  # check's, in the fixed bytes
    found_before: list[Diagnostic] = field(default_factory=list)  # check's, in the bytes read
    note: str | None = None


@dataclass
class Outcome:
    """Every file ret looked at, and the findings left (check's, after the fixes)."""

    files: list[Fixed]
    findings: list[Diagnostic]

    @property
    def changed(self) -> list[Fixed]:
        return [f for f in self.files if f.changes]


def split(text: str) -> tuple[list[str], list[str]]:
    """Lines without their endings, and the endings (``\\r\\n``, ``\\r``, ``\\n`` or
    none), so ``join`` gives back the very text."""
    parts = _BREAK.split(text)
    return parts[0::2], [*parts[1::2], ""]


def join(lines: list[str], ends: list[str]) -> str:
    return "".join(line + end for line, end in zip(lines, ends))


def apply(fixes: tuple[Fix, ...], lines: list[str]) -> tuple[list[str], list[Change]]:
    """``fixes`` one after the other; the changes in line order."""
    changes: list[Change] = []
    for fix in fixes:
        lines, made = fix(lines)
        changes.extend(made)
    return lines, sorted(changes)


def _typed(value: Any) -> Any:
    """A value with its types spelled out: 1, 1.0 and True are three values here."""
    if isinstance(value, dict):
        return ("map", tuple((k, _typed(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_typed(v) for v in value))
    return (type(value).__name__, value)


def _loads(checked: Checked) -> bool:
    return checked.doc.data is not None and not any(d.code == catalogue.Y005.code for d in checked.findings)


def _node_lines(checked: Checked) -> set[int]:
    """The lines on which a key or a value of the loaded file begins."""
    source = checked.doc.source
    return {pos.line for pos in (*source.keys.values(), *source.values.values())}


def acceptable(before: Checked, after: Checked, changed: set[int]) -> bool:
    """Whether the fixed file (``after``) may replace the file (``before``): see the
    module's docstring. Each ``changed`` line must begin a key or value of its own (a
    fixed line that YAML reads as the rest of the line above is no fix)."""
    if not _loads(after) or not changed <= _node_lines(after):
        return False
    if not _loads(before):
        return True
    if not before.findings:
        return _typed(after.doc.data) == _typed(before.doc.data) and not after.findings
    errors = sum(d.is_error for d in after.findings) <= sum(d.is_error for d in before.findings)
    return errors and len(after.findings) < len(before.findings)


def _decoded(raw: bytes) -> tuple[str, str] | None:
    """(BOM, text) of a UTF-8 file, or None when it is no UTF-8 text (check says why)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    bom = BOM if text.startswith(BOM) else ""
    return bom, text[len(bom):]


def plan(path: Path, cwd: Path) -> Fixed:
    """What ret would do to ``path``; nothing is written. A file no fix applies to is
    not checked here (``findings`` stays empty): the run over all files checks it."""
    file = display_name(path, cwd)
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError:  # not readable, or no regular file: check says why
        return Fixed(path, file, b"", b"")
    result = Fixed(path, file, raw, raw)
    decoded = _decoded(raw)
    if decoded is None:
        return result
    bom, text = decoded
    lines, ends = split(text)
    if not apply(FIXES, lines)[1]:
        return result
    if path.is_symlink():  # replacing it would put a file where the link was
        result.note = "filen er et link og rettes ikke; ret filen, det fører til"
        return result
    before = check_bytes(path, raw, cwd)
    result.found_before = result.findings = before.findings
    for fixes in (FIXES, *((fix,) for fix in FIXES)):
        fixed, changes = apply(fixes, lines)
        if not changes:
            continue
        candidate = (bom + join(fixed, ends)).encode("utf-8")
        after = check_bytes(path, candidate, cwd)
        if acceptable(before, after, {c.line for c in changes}):
            lines, before = fixed, after
            result.after, result.findings = candidate, after.findings
            result.changes = sorted({*result.changes, *changes})
            if fixes is FIXES:
                break
    return result


def about_to_write(path: Path) -> None:
    """Called between the last look at a file and its replacement (a test's hook)."""


def write(fixed: Fixed) -> None:
    """Replace the file with its fixed bytes, under the lock every samtale writer takes
    (:func:`~samtale_cli.core.files.file_lock`), unless it changed since ret read it
    (compared again right before the rename) or is write-protected: then nothing is
    written, and the note says why."""
    from samtale_cli.core.files import Busy, Changed, ReadOnly, file_lock, replace_if_unchanged

    about_to_write(fixed.path)
    changed = "filen blev ændret, mens samtale ret arbejdede; den er ikke rettet. Kør 'samtale ret' igen"
    try:
        with file_lock(fixed.path):
            try:
                now = read_regular(fixed.path, MAX_BYTES)
            except OSError:
                now = None
            if now != fixed.before:
                raise Changed(changed)
            replace_if_unchanged(fixed.path, fixed.before, fixed.after)
    except Changed:
        fixed.note = changed
    except ReadOnly:
        fixed.note = "filen er skrivebeskyttet, så samtale ret skriver ikke i den"
    except Busy:
        fixed.note = "en anden samtale skriver i filen lige nu; den er ikke rettet. Prøv igen om et øjeblik"
    except OSError as exc:
        fixed.note = f"filen kan ikke skrives ({danish_oserror(exc)}); den er ikke rettet"
    else:
        return
    fixed.changes = []


def fix_paths(paths: list[Path], cwd: Path, *, dry_run: bool = False) -> Outcome:
    """Fix every file ``check`` would check under ``paths``; with ``dry_run`` write
    nothing. The findings left are check's on the files as they are afterwards (with
    ``dry_run``: as they would be)."""
    files = [plan(path, cwd) for path in discover(paths)]
    if not dry_run:
        for fixed in files:
            if fixed.changes:
                write(fixed)
        return Outcome(files, run(paths, cwd).findings)
    left = set(run(paths, cwd).findings)
    for fixed in files:
        if fixed.changes:
            left = left - set(fixed.found_before) | set(fixed.findings)
    return Outcome(files, sorted(left))
