"""What the scaffolds of ``samtale new`` share: the request (:class:`Request`),
placeholders, and finding and reading the workspace's læringssamtaler.

Every kind's scaffold (``samtale_cli.new.{meeting,sheet,plan}:scaffold``, found by
``kinds.hook(kind, "scaffold")``) has one signature::

    scaffold(request: Request) -> Result

and writes one new, commented file that ``samtale check`` accepts as it stands.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli.check.discover import YAML_SUFFIXES, skipped_folder
from samtale_cli.check.document import Document, read
from samtale_cli.check.loader import read_regular
from samtale_cli.core import values as v
from samtale_cli.check.workspace import Workspace
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import show
from samtale_cli.core.kinds import MEETINGS_DIR
from samtale_cli.model import Meeting


@dataclass(frozen=True)
class Request:
    """What ``samtale new`` was asked for: the current folder, the workspace around it
    (None outside one), the day (``--dato``, else today) and whether it was given, and
    the options as typed (None when not given)."""

    cwd: Path
    ws: Workspace | None
    day: dt.date
    date_given: bool
    department: str | None = None
    title: str | None = None
    meeting: Path | None = None  # --læringssamtale
    output: Path | None = None
    force: bool = False
    start: str | None = None  # --start
    template: str | None = None  # --skabelon; None: from the latest meeting, else standard


PLACEHOLDER_MARK = "(udfyldes)"


def placeholder(text: str) -> str:
    """A value the person must write over; 'samtale check' warns until it is gone (S801).
    Decision: the mark is a trailing "(udfyldes)", not «...»: Danes use «» as quotation
    marks, and a text that says it is still to be filled in should be flagged anyway."""
    return f"{text[:1].upper()}{text[1:]} {PLACEHOLDER_MARK}"



_DATE_LINE = re.compile(rb"^dato[ \t]*:[ \t]*([^#\r\n]*?)[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE | re.IGNORECASE)
_HEAD = 8192  # bytes read to find a meeting's 'dato' (it stands near the top)


def _quick_date(path: Path) -> dt.date | None:
    """A meeting's top-level ``dato`` read from the start of the file without loading
    it, or None when it is not found there or cannot be read as a date."""
    try:
        head = read_regular(path, _HEAD, whole=False)
    except OSError:
        return None
    found = _DATE_LINE.search(head)
    if found is None:
        return None
    try:
        return v.parse_date(found[1].decode("utf-8").strip())
    except (UnicodeDecodeError, v.ParseError):
        return None


def name_date(name: str) -> dt.date | None:
    """The date a file name starts with (``2025-05-12-...yaml``, as ``new`` names a
    meeting, and as check's S803 reads it), or None."""
    head = name[:10]
    if len(head) < 10 or head[4] != "-" or head[7] != "-" or not (head[:4] + head[5:7] + head[8:]).isdecimal():
        return None
    try:
        return dt.date(int(head[:4]), int(head[5:7]), int(head[8:]))
    except ValueError:
        return None


def _meeting_files(ws: Workspace) -> list[tuple[str, str]]:
    """The YAML files in the workspace's meetings folder and below, as ``check`` finds
    them there (:func:`~samtale_cli.check.discover.walk`: no hidden files or folders, no
    rendered output), as (folder, name) pairs: listing 15,000 names must not cost a
    Path each. A folder that cannot be read is left out."""
    found: list[tuple[str, str]] = []
    folders = [str(ws.root / MEETINGS_DIR)]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                linked = is_dir and entry.is_symlink()
            except OSError:
                continue
            if is_dir:  # a link to a folder is not followed (os.walk's way: no loops)
                if not linked and not skipped_folder(Path(entry.path)):
                    folders.append(entry.path)
            elif entry.name.endswith(YAML_SUFFIXES) and not entry.name.startswith("."):
                found.append((folder, entry.name))
    return found


def _meeting(path: Path) -> Document | None:
    """``path`` loaded, when it is a valid læringssamtale."""
    doc = read(path, path.name)
    return doc if isinstance(doc.model, Meeting) else None


def _found(doc: Document) -> Document:
    """``doc`` under the path :func:`~samtale_cli.check.discover.discover` gives its file
    (resolved; a link under its own name)."""
    path = doc.path
    doc.path = Path(os.path.abspath(path)) if path.is_symlink() else Path(os.path.realpath(path))
    return doc


def find_latest(ws: Workspace, before: dt.date | None = None) -> Document | None:
    """The workspace's læringssamtale with the latest date (valid files only; on one
    day, the last by file name), or the latest before ``before``, loaded.

    Fast at 15,000 files (issue 26): a file name carries the meeting's date
    (``2025-05-12-....yaml``, as ``new`` and ``import`` name them), so only names are
    listed, and files are loaded newest name first until one is a valid meeting of the
    date its name says. A file is read for its date only when its name has none (its
    ``dato`` from its first bytes, else loaded); one that is no valid meeting is passed
    over. When a file loaded on the way holds another date than its name says (the
    names cannot be trusted here, and ``check`` warns about it: S803), every file is
    read after all (:func:`find_latest_by_reading`). A misnamed meeting that is not
    loaded on the way (named for an older day than its ``dato``) counts by its name's
    date; ``check`` says S803 about it."""
    listed: list[tuple[dt.date, str, str, bool]] = []  # (date, name, folder, date read from the file)
    for folder, name in _meeting_files(ws):
        day = name_date(name)
        read_date = day is None
        if day is None:  # no date in the name: read it
            path = Path(folder, name)
            day = _quick_date(path)
            if day is None:
                doc = _meeting(path)
                if doc is None:
                    continue
                day = doc.model.date
        if before is None or day < before:
            listed.append((day, name, folder, read_date))
    listed.sort(key=lambda row: row[:2], reverse=True)
    for (day, _name), same in itertools.groupby(listed, key=lambda row: row[:2]):
        # one name on one day in two folders: the order find_latest_by_reading has
        for path, read_date in sorted(((Path(row[2], row[1]), row[3]) for row in same), reverse=True):
            doc = _meeting(path)
            if doc is None:
                continue  # no meeting (or broken): the next one
            if doc.model.date == day:
                return _found(doc)
            if not read_date:  # misnamed: read them all
                return find_latest_by_reading(ws, before)
    return None


def find_latest_by_reading(ws: Workspace, before: dt.date | None = None) -> Document | None:
    """:func:`find_latest` by reading every file: each file's ``dato`` looked up in its
    first bytes (a file whose date is not found that way is loaded), then the latest
    candidates loaded, newest first, until one is a valid meeting of that date."""
    candidates: list[tuple[dt.date, str, Path]] = []
    for folder, name in _meeting_files(ws):
        path = Path(folder, name)
        day = _quick_date(path)
        if day is None:  # load it to know
            doc = _meeting(path)
            if doc is None:
                continue
            day = doc.model.date
        if before is None or day < before:
            candidates.append((day, path.name, path))
    for day, _name, path in sorted(candidates, reverse=True):
        doc = _meeting(path)
        if doc is not None and doc.model.date == day:
            return _found(doc)
    return None


def latest_meeting(ws: Workspace, before: dt.date | None = None) -> Path | None:
    """The path of :func:`find_latest`'s meeting."""
    doc = find_latest(ws, before)
    return doc.path if doc is not None else None


def read_meeting(path: Path) -> Any:


    if not path.is_file():
        raise SamtaleError(f"Læringssamtalen '{show(path)}' findes ikke.")
    doc = read(path, str(path))
    if not isinstance(doc.model, Meeting):
        raise SamtaleError(f"'{show(path)}' er ikke en gyldig læringssamtale; kør 'samtale check' på den.")
    return doc.model

