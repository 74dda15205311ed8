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


TZID = "Europe/Copenhagen"


def copenhagen() -> Any:
    """The VTIMEZONE of Europe/Copenhagen as calendar programs write it (Outlook, Google):
    CET, and CEST from the last Sunday of March to the last Sunday of October, the EU's
    rule since 1996. Written here, not generated from the tz database: icalendar's
    generated one carries an English COMMENT and stops in 2038."""
    import datetime as dt

    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    for part, name, before, after, month, hour in (
        (TimezoneDaylight(), "CEST", 1, 2, 3, 2), (TimezoneStandard(), "CET", 2, 1, 10, 3),
    ):
        part.add("tzname", name)
        part.add("tzoffsetfrom", dt.timedelta(hours=before))
        part.add("tzoffsetto", dt.timedelta(hours=after))
        part.add("dtstart", dt.datetime(1970, month, 29 if month == 3 else 25, hour, 0))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def calendar_name(documents: list[Checked]) -> str:
    """The daycare's name (samtale.yaml, else a meeting's 'dagtilbud'), else 'samtale'."""
    for checked in documents:
        if checked.workspace is not None and checked.workspace.daycare:
            return checked.workspace.daycare
    return next((c.model.daycare for c in documents if getattr(c.model, "daycare", None)), "samtale")


def calendar_bytes(documents: list[Checked], root: Path, stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file with meetings, phases, milestones, recurring meetings and the
    deadlines of the open agreements, named after the daycare.

    UIDs are made from the file's path relative to the workspace and the item, so
    importing the file again updates the events instead of duplicating them. A meeting
    with a 'start' and a recurring meeting with a 'kl' are timed events in
    Europe/Copenhagen (with its VTIMEZONE); the rest are all-day events. Recurring
    meetings fall on the days 'ved_fridag' and the daycare's lukkedage give.

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
    from samtale_cli import values as v
    from samtale_cli.followup import Cycle

    tz = ZoneInfo(TZID)
    stamp = stamp or source_date_epoch()
    cal = Calendar()
    cal.add("prodid", f"-//samtale {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", calendar_name(documents))
    cal.add("x-wr-timezone", TZID)
    events: list[Any] = []

    def uid(path: Path, *parts: object) -> str:
        key = "/".join([relative(path, root), *map(str, parts)])
        return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@samtale"

    def add(path: Path, key: tuple, summary: str, start: Any, end: Any = None, description: str | None = None) -> Any:
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
        events.append(event)
        return event

    def at(day: dt.date, clock: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, clock, tzinfo=tz)

    cycle = Cycle.of(documents)
    closed = cycle.workspace.closed if cycle.workspace is not None else None
    meeting_days = {m.model.date for m in cycle.meetings}
    for checked in documents:
        path, doc = checked.path, checked.model
        kind = kinds.kind_of(doc)
        if kind is kinds.MEETING:
            total = sum(p.minutes.minutes for p in doc.parts)
            if doc.start is not None:
                start = at(doc.date, doc.start)
                event = add(path, ("møde",), doc.title, start, start + dt.timedelta(minutes=total), doc.focus)
            else:
                event = add(path, ("møde",), doc.title, doc.date, None, doc.focus)
            if doc.place:
                event.add("location", doc.place)
            if doc.next_meeting is not None and doc.next_meeting not in meeting_days:
                add(path, ("næste møde",), "Næste læringssamtale", doc.next_meeting, None,
                    f"Aftalt på læringssamtalen {v.format_date_short(doc.date)}.")
        elif kind is kinds.PLAN:
            prefix = f"{doc.department}: {doc.title}"
            for i, phase in enumerate(doc.phases):
                if phase.start is not None:
                    add(path, ("fase", i), f"{prefix} – {phase.name}", phase.start, phase.end + dt.timedelta(days=1),
                        phase.description)
                else:
                    add(path, ("fase", i, "slut"), f"{prefix} – {phase.name} slutter", phase.end, None, phase.description)
                for j, stone in enumerate(phase.milestones):
                    add(path, ("milepæl", i, j), f"{doc.department}: {stone.title}", stone.date)
                for j, meeting in enumerate(phase.meetings):
                    for day in phase.held_dates(meeting, closed):
                        key = ("møde", i, j, day.isoformat())
                        summary = f"{doc.department}: {meeting.title}"
                        if meeting.clock is not None:
                            start = at(day, meeting.clock)
                            add(path, key, summary, start, start + dt.timedelta(minutes=meeting.minutes))
                        else:
                            add(path, key, summary, day)
    for meeting, agreement in cycle.open_agreements():
        if agreement.deadline is None:
            continue
        who = ", ".join(agreement.responsible)
        where = f" ({agreement.department})" if agreement.department else ""
        add(meeting.path, ("aftale", v.role_key(agreement.what)), f"Frist: {agreement.what}{where}", agreement.deadline,
            None, f"Ansvarlig: {who}. Aftalt på læringssamtalen {v.format_date_short(meeting.model.date)}.")
    if any(isinstance(e.decoded("dtstart"), dt.datetime) for e in events):
        cal.add_component(copenhagen())
    for event in events:
        cal.add_component(event)
    return cal.to_ical()
