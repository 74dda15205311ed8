"""What goes into a bundle (``render MAPPE -o samlet.docx|pdf [--år ÅÅÅÅ]``): one
selection for the Word and the PDF bundle.

A year takes the meetings held that year, the sheets of those meetings (a sheet belongs
to its meeting's day) and the plans whose phases touch the year. A sheet is in once: a
sheet file whose meeting's own opmærksomhedspunkter are in the bundle is left out (the
meeting's document holds every department's sheet).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from samtale_cli import model as m
from samtale_cli.check.checker import Checked
from samtale_cli.out.pages import document_date

SHEETS = "opmærksomhedspunkter"


def select(entries: list[tuple[Checked, str]], year: int | None = None) -> list[tuple[Checked, str]]:
    """The entries of ``year`` (all without one), each sheet once."""
    chosen = [(source, document) for source, document in entries if year is None or in_year(source, year)]
    meetings = {_meeting_key(source.model) for source, document in chosen
                if document == SHEETS and isinstance(source.model, m.Meeting)}
    return [(source, document) for source, document in chosen
            if not (isinstance(source.model, m.AttentionSheet) and _sheet_meeting(source) in meetings)]


def in_year(source: Checked, year: int) -> bool:
    """Whether a file's documents belong to ``year``: a plan whose phases touch it, any
    other file by its day (a meeting's date, a sheet's meeting's)."""
    plan = source.model
    if isinstance(plan, m.Plan):
        days = [d for phase in plan.phases for d in (phase.start, phase.end) if d is not None]
        return bool(days) and min(days).year <= year <= max(days).year
    day = document_date(source)
    return day is not None and day.year == year


def _meeting_key(meeting: m.Meeting) -> tuple[str, dt.date]:
    return meeting.title, meeting.date


def _sheet_meeting(source: Checked) -> Any:
    meeting = source.referenced(m.Meeting)
    return _meeting_key(meeting) if meeting is not None else None
