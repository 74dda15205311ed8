"""The view of opmærksomhedspunkter: one filled sheet, or, for a meeting, a sheet per
department that took part (:func:`sheets_view`).

``build(source, document, today)`` is the kinds table's view hook
(``samtale_cli.out.views.sheet:build``): ``source`` a checked sheet. ``subject(model)``
is what its documents' titles name (the department) and ``day(source)`` the day the
file belongs to in the indexes (its meeting's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samtale_cli import model as m
from samtale_cli.core import values as v
from samtale_cli.core.kinds import RENDERINGS
from samtale_cli.out.views.base import View
from samtale_cli.out.views.shared import daycare_of

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked


@dataclass(frozen=True, slots=True, kw_only=True)
class SheetView(View):
    """Én afdelings ark med opmærksomhedspunkter."""

    daycare: str | None  # dagtilbuddets navn
    meeting_title: str  # læringssamtalens titel
    meeting_date: str  # læringssamtalens dato, fx "mandag den 13. maj 2024"
    meeting_date_iso: str  # samme dato som ÅÅÅÅ-MM-DD
    department: str  # afdelingen
    decision: list[str]  # beslutningen (ellers mødets pejlemærker)
    worked_with: str | None  # hvad afdelingen har arbejdet med
    data_points_to: str | None  # hvad data peger på
    points: list[str]  # opmærksomhedspunkterne
    blank: bool  # et tomt ark at udfylde


@dataclass(frozen=True, slots=True, kw_only=True)
class SheetsView(View):
    """Opmærksomhedspunkter: ét ark, eller et ark pr. afdeling på mødet."""

    daycare: str | None  # dagtilbuddets navn
    meeting_title: str  # læringssamtalens titel
    meeting_date: str  # læringssamtalens dato, fx "mandag den 13. maj 2024"
    meeting_date_iso: str  # samme dato som ÅÅÅÅ-MM-DD
    title: str  # dokumentets titel
    sheets: list[SheetView]  # arkene
    document: str | None = None  # dokumentets navn: "opmærksomhedspunkter"
    document_label: str | None = None  # dokumentets overskrift: "Opmærksomhedspunkter"


def _meeting_departments(meeting: m.Meeting) -> list[str]:
    seen: dict[str, str] = {}
    for p in meeting.participants:
        if p.department:
            seen.setdefault(v.department_key(p.department), p.department)
    return list(seen.values())


def sheets_view(
    meeting: m.Meeting, workspace: m.Workspace | None = None, sheet: m.AttentionSheet | None = None,
    existing: Sequence[m.AttentionSheet] = (),
) -> SheetsView:
    """One filled sheet; or, for the meeting, a sheet per department that took part:
    the department's sheet from ``existing`` (the sheets written for this meeting) where
    there is one, else a blank form to fill in."""
    base = {
        "daycare": daycare_of(meeting, workspace),
        "meeting_title": meeting.title,
        "meeting_date": v.format_date_long(meeting.date),
        "meeting_date_iso": meeting.date.isoformat(),
    }

    def filled(sheet: m.AttentionSheet) -> SheetView:
        return SheetView(
            **base,
            department=sheet.department,
            decision=[sheet.decision] if sheet.decision else list(meeting.landmarks),
            worked_with=sheet.worked_with,
            data_points_to=sheet.data_points_to,
            points=list(sheet.points),
            blank=False,
        )

    if sheet is not None:
        sheets = [filled(sheet)]
    else:
        written = {}
        for found in existing:
            written.setdefault(v.department_key(found.department), found)
        sheets = []
        for dep in _meeting_departments(meeting):
            found = written.pop(v.department_key(dep), None)
            sheets.append(filled(found) if found is not None else SheetView(
                **base, department=dep, decision=list(meeting.landmarks),
                worked_with=None, data_points_to=None, points=[], blank=True,
            ))
        sheets.extend(filled(found) for found in written.values())  # a department not at the meeting (O503)
    title = "Opsamling på opmærksomhedspunkter i egen afdeling"
    if sheet is not None:
        title = f"{title}: {sheet.department}"
    return SheetsView(**base, title=title, sheets=list(sheets))


def build(source: Checked, document: str, today: dt.date | None = None) -> SheetsView:
    """The sheet of a sheet's file (the only document it has), under its meeting."""
    view = sheets_view(source.referenced(m.Meeting), source.workspace, source.model)
    return dataclasses.replace(view, document=document, document_label=RENDERINGS[document].label)


def subject(sheet: m.AttentionSheet) -> str:
    """What the titles of a sheet's documents name: its department."""
    return sheet.department


def day(source: Checked) -> dt.date | None:
    """The day a sheet belongs to in the indexes: its meeting's (two sheets of one
    department differ by it)."""
    meeting = source.referenced(m.Meeting)
    return meeting.date if meeting is not None else None
