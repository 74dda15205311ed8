"""What the scaffolds of ``samtale new`` share: the request (:class:`Request`),
placeholders, and finding and reading the workspace's læringssamtaler.

Every kind's scaffold (``samtale_cli.new.{meeting,sheet,plan}:scaffold``, found by
``kinds.hook(kind, "scaffold")``) has one signature::

    scaffold(request: Request) -> Result

and writes one new, commented file that ``samtale check`` accepts as it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli.check.document import read
from samtale_cli.check.loader import read_regular
from samtale_cli.core import values as v
from samtale_cli.check.discover import discover
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
    template: str = "standard"  # --skabelon


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


def latest_meeting(ws: Workspace, before: dt.date | None = None) -> Path | None:
    """The workspace's læringssamtale with the latest date (valid files only), or the
    latest before ``before``.

    Fast in a large workspace: each file's ``dato`` is looked up in its first bytes,
    and only the latest candidates are loaded, newest first, until one is a valid
    meeting of that date; a file whose date is not found that way is loaded as well."""
    folder = ws.root / MEETINGS_DIR
    if not folder.is_dir():
        return None
    candidates: list[tuple[dt.date, str, Path]] = []
    for path in discover([folder]):
        day = _quick_date(path)
        if day is None:  # load it to know
            model = read(path, path.name).model
            if not isinstance(model, Meeting):
                continue
            day = model.date
        if before is None or day < before:
            candidates.append((day, path.name, path))
    for day, _name, path in sorted(candidates, reverse=True):
        model = read(path, path.name).model
        if isinstance(model, Meeting) and model.date == day:
            return path
    return None


def read_meeting(path: Path) -> Any:


    if not path.is_file():
        raise SamtaleError(f"Læringssamtalen '{show(path)}' findes ikke.")
    doc = read(path, str(path))
    if not isinstance(doc.model, Meeting):
        raise SamtaleError(f"'{show(path)}' er ikke en gyldig læringssamtale; kør 'samtale check' på den.")
    return doc.model

