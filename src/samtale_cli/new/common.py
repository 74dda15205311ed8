"""What the scaffolds of ``samtale new`` share: the request (:class:`Request`),
placeholders, and finding and reading the workspace's læringssamtaler.

Every kind's scaffold (``samtale_cli.new.{meeting,sheet,plan}:scaffold``, found by
``kinds.hook(kind, "scaffold")``) has one signature::

    scaffold(request: Request) -> Result

and writes one new, commented file that ``samtale check`` accepts as it stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli.check.document import read
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



def latest_meeting(ws: Workspace, before: dt.date | None = None) -> Path | None:
    """The workspace's læringssamtale with the latest date (valid files only), or the
    latest before ``before``."""

    best: tuple[dt.date, str, Path] | None = None
    folder = ws.root / MEETINGS_DIR
    if not folder.is_dir():
        return None
    for path in discover([folder]):
        doc = read(path, path.name)
        if isinstance(doc.model, Meeting) and (before is None or doc.model.date < before):
            key = (doc.model.date, path.name, path)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None



def read_meeting(path: Path) -> Any:


    if not path.is_file():
        raise SamtaleError(f"Læringssamtalen '{show(path)}' findes ikke.")
    doc = read(path, str(path))
    if not isinstance(doc.model, Meeting):
        raise SamtaleError(f"'{show(path)}' er ikke en gyldig læringssamtale; kør 'samtale check' på den.")
    return doc.model

