"""``samtale kalender``: an iCalendar file (.ics) with meetings, phases, milestones and
every occurrence of the recurring meetings. Not named ``calendar`` (the stdlib module)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samtale_cli import kinds
from samtale_cli.workspace import relative

if TYPE_CHECKING:
    from samtale_cli.pipeline import Checked


def source_date_epoch() -> dt.datetime:
    """The time in ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC), else the epoch 0.

    A value that is not an integer, or is out of range for a date, counts as unset.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if re.fullmatch(r"-?[0-9]+", value):
        try:
            return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.fromtimestamp(0, dt.timezone.utc)


def calendar_bytes(documents: list[Checked], root: Path, stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file with meetings, phases, milestones and recurring meetings.

    UIDs are made from the file's path relative to the workspace and the item, so
    importing the file again updates the events instead of duplicating them.

    The output is byte-identical from run to run for the same files. Decision: the
    DTSTAMP of every event is ``stamp`` when given, else the time in the environment
    variable ``SOURCE_DATE_EPOCH`` when it is set to an integer (the reproducible-builds
    convention, which the PDF renderer also follows), else the epoch 0
    (19700101T000000Z); never the current time.
    """
    import hashlib
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    from samtale_cli import __version__

    tz = ZoneInfo("Europe/Copenhagen")
    stamp = stamp or source_date_epoch()
    cal = Calendar()
    cal.add("prodid", f"-//samtale {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "samtale")

    def uid(path: Path, *parts: object) -> str:
        key = "/".join([relative(path, root), *map(str, parts)])
        return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@samtale"

    def add(path: Path, key: tuple, summary: str, start: Any, end: Any = None, description: str | None = None) -> None:
        event = Event()
        event.add("uid", uid(path, *key))
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("dtstart", start)
        if isinstance(start, dt.datetime):
            event.add("dtend", end)
        else:
            event.add("dtend", end or start + dt.timedelta(days=1))
        if description:
            event.add("description", description)
        cal.add_component(event)

    for checked in documents:
        path, doc = checked.path, checked.model
        kind = kinds.kind_of(doc)
        if kind is kinds.MEETING:
            total = sum(p.minutes.minutes for p in doc.parts)
            if doc.start is not None:
                start = dt.datetime.combine(doc.date, doc.start, tzinfo=tz)
                add(path, ("møde",), doc.title, start, start + dt.timedelta(minutes=total), doc.focus)
            else:
                add(path, ("møde",), doc.title, doc.date, None, doc.focus)
            if doc.place:
                cal.subcomponents[-1].add("location", doc.place)
        elif kind is kinds.PLAN:
            for i, phase in enumerate(doc.phases):
                prefix = f"{doc.department}: {doc.title}"
                if phase.start is not None:
                    add(path, ("fase", i), f"{prefix} – {phase.name}", phase.start, phase.end + dt.timedelta(days=1),
                        phase.description)
                else:
                    add(path, ("fase", i, "slut"), f"{prefix} – {phase.name} slutter", phase.end, None, phase.description)
                for j, stone in enumerate(phase.milestones):
                    add(path, ("milepæl", i, j), f"{doc.department}: {stone.title}", stone.date)
                for j, meeting in enumerate(phase.meetings):
                    for day in phase.meeting_dates(meeting):
                        add(path, ("møde", i, j, day.isoformat()), f"{doc.department}: {meeting.title}", day)
    if hasattr(cal, "add_missing_timezones"):
        cal.add_missing_timezones()
    return cal.to_ical()
