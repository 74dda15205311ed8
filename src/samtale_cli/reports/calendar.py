"""``samtale kalender``: an iCalendar file (.ics) with meetings, phases, milestones and
every occurrence of the recurring meetings. Not named ``calendar`` (the stdlib module)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samtale_cli.check.followup import Cycle, Linked, linked
from samtale_cli.check.workspace import relative
from samtale_cli.core import kinds
from samtale_cli.core import values as v

if TYPE_CHECKING:
    from samtale_cli.check.checker import Brief, Checked


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


@dataclass(frozen=True, slots=True)
class CalendarPart:
    """One file's share of the calendar (a :func:`samtale_cli.check.runs.survey` fact, so
    a large workspace never holds its documents or their events as objects): its events
    as iCalendar text, whether one of them has a time of day, the daycare's name as it
    knows it, and for a meeting the slim document (followup.Linked) that the next
    meeting and the agreements' deadlines are made from, across the files."""

    events: bytes
    timed: bool
    daycare: str | None = None  # samtale.yaml's 'dagtilbud'
    own_daycare: str | None = None  # a meeting's 'dagtilbud'
    meeting: Any = None
    spooled: tuple[int, int] | None = None  # the events in a Spool: (offset, length); ``events`` is then empty


class Spool:
    """The parts' events on the disk (a temporary file, gone when closed), so a large
    workspace's calendar never holds them in memory: ``survey(..., settle=spool)`` moves
    each part's events there as it arrives; :func:`calendar_chunks` reads them back."""

    def __init__(self) -> None:
        import tempfile

        from samtale_cli.check.spill import Spill

        self.file = tempfile.TemporaryFile()
        self.size = 0
        self.meetings = Spill()  # and the meetings' slim documents

    def __call__(self, brief: Any) -> Any:
        part = brief.facts
        if isinstance(part, CalendarPart) and part.events:
            self.file.seek(self.size)
            self.file.write(part.events)
            meeting = self.meetings.linked(part.meeting) if part.meeting is not None else None
            brief.facts = dataclasses.replace(part, events=b"", spooled=(self.size, len(part.events)), meeting=meeting)
            self.size += len(part.events)
        return brief

    def events(self, part: CalendarPart) -> bytes:
        if part.spooled is None:
            return part.events
        offset, length = part.spooled
        self.file.seek(offset)
        return self.file.read(length)

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def calendar_name(parts: list[CalendarPart]) -> str:
    """The daycare's name (samtale.yaml, else a meeting's 'dagtilbud'), else 'samtale'."""
    return next((p.daycare for p in parts if p.daycare), None) or next(
        (p.own_daycare for p in parts if p.own_daycare), "samtale")


class Events:
    """Events as calendar programs read them: fixed UIDs from the file's path relative
    to the workspace and the item, DTSTAMP ``stamp``, all-day or in Europe/Copenhagen."""

    def __init__(self, root: Path, stamp: dt.datetime) -> None:
        from zoneinfo import ZoneInfo

        self.root, self.stamp, self.tz = root, stamp, ZoneInfo(TZID)
        self.events: list[Any] = []

    def add(self, path: Path, key: tuple, summary: str, start: Any, end: Any = None,
            description: str | None = None) -> Any:
        import hashlib

        from icalendar import Event

        event = Event()
        uid = "/".join([relative(path, self.root), *map(str, key)])
        event.add("uid", hashlib.sha1(uid.encode("utf-8")).hexdigest() + "@samtale")
        event.add("dtstamp", self.stamp)
        event.add("summary", summary)
        event.add("dtstart", start)
        if isinstance(start, dt.datetime):
            event.add("dtend", end)
        else:
            event.add("dtend", end or start + dt.timedelta(days=1))
        if description:
            event.add("description", description)
        self.events.append(event)
        return event

    def at(self, day: dt.date, clock: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, clock, tzinfo=self.tz)

    def text(self) -> tuple[bytes, bool]:
        """The events as iCalendar text, and whether one has a time of day."""
        timed = any(isinstance(e.decoded("dtstart"), dt.datetime) for e in self.events)
        return b"".join(e.to_ical() for e in self.events), timed


def calendar_part(checked: Checked, context: tuple[Path, dt.datetime]) -> CalendarPart:
    """The events of one usable file (see :class:`CalendarPart`), made by its kind's
    ``calendar`` hook; ``context``: the workspace folder the UIDs are made from, and
    the DTSTAMP."""
    root, stamp = context
    doc = checked.model
    events = Events(root, stamp)
    meeting = kinds.hook(kinds.kind_of(doc), "calendar")(checked, events)
    text, timed = events.text()
    daycare = checked.workspace.daycare if checked.workspace is not None else None
    return CalendarPart(text, timed, daycare, getattr(doc, "daycare", None), _slim(meeting))


# what calendar_chunks reads of a meeting (the cycle sorts by date, the latest gives the
# next meeting, the agreements their deadlines); the rest is emptied (model_copy does
# not validate), so the meetings of a large workspace fit in little memory
_MEETING_FIELDS = frozenset({"type", "title", "date", "agreements", "next_meeting"})


def _slim(meeting: Linked | None) -> Linked | None:
    if meeting is None:
        return None
    model = meeting.model
    update = {name: [] if isinstance(value, list) else {} if isinstance(value, dict) else None
              for name, value in model if name not in _MEETING_FIELDS}
    return Linked(meeting.path, model.model_copy(update=update), frozenset(), None)


def meeting_events(checked: Checked, events: Events) -> Linked:
    """A læringssamtale's event: timed when it has a 'start' (as long as its agenda),
    else all day. Returns the slim meeting that its next meeting and its agreements'
    deadlines are made from, across the files (:func:`calendar_bytes`)."""
    path, doc = checked.path, checked.model
    total = sum(p.minutes.minutes for p in doc.parts)
    if doc.start is not None:
        start = events.at(doc.date, doc.start)
        event = events.add(path, ("møde",), doc.title, start, start + dt.timedelta(minutes=total), doc.focus)
    else:
        event = events.add(path, ("møde",), doc.title, doc.date, None, doc.focus)
    if doc.place:
        event.add("location", doc.place)
    return linked(checked)


def sheet_events(checked: Checked, events: Events) -> None:
    """A sheet of attention points has no events of its own: it adds none (and, not
    being a meeting, returns None)."""


def plan_events(checked: Checked, events: Events) -> None:
    """A plan's phases, milestones and every held occurrence of its recurring meetings
    (on the days 'ved_fridag' and the daycare's lukkedage give); returns None."""
    path, doc = checked.path, checked.model
    closed = checked.workspace.closed if checked.workspace is not None else None
    prefix = f"{doc.department}: {doc.title}"
    for i, phase in enumerate(doc.phases):
        if phase.start is not None:
            events.add(path, ("fase", i), f"{prefix} – {phase.name}", phase.start, phase.end + dt.timedelta(days=1),
                       phase.description)
        else:
            events.add(path, ("fase", i, "slut"), f"{prefix} – {phase.name} slutter", phase.end, None,
                       phase.description)
        for j, stone in enumerate(phase.milestones):
            events.add(path, ("milepæl", i, j), f"{doc.department}: {stone.title}", stone.date)
        for j, recurring in enumerate(phase.meetings):
            for day in phase.held_dates(recurring, closed):
                key = ("møde", i, j, day.isoformat())
                summary = f"{doc.department}: {recurring.title}"
                if recurring.clock is not None:
                    start = events.at(day, recurring.clock)
                    events.add(path, key, summary, start, start + dt.timedelta(minutes=recurring.minutes))
                else:
                    events.add(path, key, summary, day)


def calendar_bytes(documents: Sequence[Brief[CalendarPart]], root: Path, stamp: dt.datetime | None = None) -> bytes:
    """The iCalendar file of :func:`calendar_chunks`, whole."""
    return b"".join(calendar_chunks(documents, root, stamp))


def calendar_chunks(documents: Sequence[Brief[CalendarPart]], root: Path, stamp: dt.datetime | None = None,
                    spool: Spool | None = None) -> Iterator[bytes]:
    """An iCalendar file, piece by piece with meetings, phases, milestones, recurring meetings and the
    deadlines of the open agreements, named after the daycare. ``documents``: the
    briefs of a survey whose facts are :func:`calendar_part` (made with the same
    ``root`` and ``stamp``; :meth:`~samtale_cli.check.checker.Brief.of` makes one of a
    checked file; ``spool``: where a survey with ``settle=spool`` put their events).

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
    from icalendar import Calendar

    from samtale_cli import __version__
    stamp = stamp or source_date_epoch()
    parts = [brief.facts for brief in documents if brief.facts is not None]
    cycle = Cycle.of(p.meeting for p in parts if p.meeting is not None)
    latest = max(cycle.meetings, key=lambda m: (m.model.date, str(m.path)), default=None)
    last_day = latest.model.date if latest is not None else None
    cal = Calendar()
    cal.add("prodid", f"-//samtale {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", calendar_name(parts))
    cal.add("x-wr-timezone", TZID)
    end = b"END:VCALENDAR\r\n"
    head = cal.to_ical()
    assert head.endswith(end)
    yield head[: -len(end)]
    if any(p.timed for p in parts):
        yield copenhagen().to_ical()
    extra = Events(root, stamp)  # the next meeting and the deadlines: made from the meetings
    for part in parts:
        yield part.events if spool is None else spool.events(part)
        doc = part.meeting.model if part.meeting is not None else None
        # only the latest meeting's next meeting, and only when no meeting is held on or after it
        if (doc is not None and part.meeting is latest and doc.next_meeting is not None
                and last_day is not None and doc.next_meeting > last_day):
            extra.add(part.meeting.path, ("næste møde",), "Næste læringssamtale", doc.next_meeting, None,
                      f"Aftalt på læringssamtalen {v.format_date_short(doc.date)}.")
            yield extra.text()[0]
            extra.events.clear()
    same: dict[tuple[Path, str], int] = {}  # two agreements of one meeting with one text: two events
    for meeting, agreement in cycle.open_agreements(keep_deadlines=True):  # a deadline carried over stays in
        if agreement.deadline is None:
            continue
        who = ", ".join(agreement.responsible)
        where = f" ({agreement.department})" if agreement.department else ""
        n = same[meeting.path, v.role_key(agreement.what)] = same.get((meeting.path, v.role_key(agreement.what)), 0) + 1
        key = ("aftale", v.role_key(agreement.what), *([str(n)] if n > 1 else []))
        extra.add(meeting.path, key, f"Frist: {agreement.what}{where}",
                  agreement.deadline, None,
                  f"Ansvarlig: {who}. Aftalt på læringssamtalen {v.format_date_short(meeting.model.date)}.")
    yield extra.text()[0]
    yield end
