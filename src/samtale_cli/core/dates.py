"""Dates and clock times as people write them (2024-05-13, 13/5 2024, "torsdag den 13. maj
2024", kl. 13.05), and as samtale writes them for people ("mandag den 13. maj 2024").
Pure functions; every ParseError carries a Danish message."""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re

from samtale_cli.core.errors import ParseError
from samtale_cli.core.text import LOOSE, closest, mente_du, unquote


MONTH_NAMES = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DK_DATE = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*(?:[/.-]\s*|\s)\s*(\d+)")
_DATE_HINT = "Skriv fx 2024-05-13, 13/5 2024 eller 13. maj 2024."


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# Dates outside these years are typing errors (2204 for 2024); the bound also keeps date
# arithmetic (a phase's last day + 1, recurring meetings) far from year 9999.
MIN_YEAR, MAX_YEAR = 1900, 2200


def _make_date(text: str, year: int, month: int, day: int) -> _dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError(f"'{text}' er ikke en gyldig dato: året skal ligge mellem {MIN_YEAR} og {MAX_YEAR}.")
    if not 1 <= month <= 12:
        raise ParseError(
            f"'{text}' er ikke en gyldig dato: måneden skal være mellem 1 og 12.")
    last = days_in_month(year, month)
    if day < 1:
        raise ParseError(f"'{text}' er ikke en gyldig dato: dagen skal være mindst 1.")
    if day > last:
        name = MONTH_NAMES[month - 1]
        if month == 2:
            name = f"{name} {year}"
        raise ParseError(f"'{text}' er ikke en gyldig dato: {name} har kun {last} dage.")
    return _dt.date(year, month, day)


_NAMED_DATE = re.compile(
    r"(?:(?P<weekday>(?!den\b|d\.)[a-zæøå]+)\.?,?\s+)?(?:(?:den|d\.)\s*)?"
    r"(?P<day>\d{1,2})\.?\s*(?P<month>[a-zæøå]+)\.?\s*(?P<year>\d+)",
    re.I,
)


_DATE_PREFIX = re.compile(r"(?:(?P<weekday>(?!den\b|d\.)[a-zæøå]+)\.?,?\s+)?(?:(?:den|d\.)\s*)?(?=\d{1,2}\s*[/.-]\s*\d)", re.I)


@functools.cache
def _danish_calendar_words() -> tuple[dict[str, int], dict[str, int]]:
    """Danish month and weekday names (full and abbreviated), from babel's locale data."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="da").items():
            months[name.rstrip(".").lower()] = number
    days: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_day_names(width, locale="da").items():
            days[name.rstrip(".").lower()] = number
    return months, days


def _month_number(word: str) -> int | None:
    """A month written out or shortened (oktober, okt, sept, febr)."""
    months, _days = _danish_calendar_words()
    word = word.lower().rstrip(".")
    if word in months:
        return months[word]
    full = {name: n for name, n in months.items() if len(name) > 4 or name == "maj"}
    found = {n for name, n in full.items() if len(word) >= 3 and name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _named_date(text: str, match: re.Match[str]) -> _dt.date:
    """"2. oktober 2025", "2. okt. 2025", "torsdag den 2. oktober 2025"."""
    month = _month_number(match["month"])
    if month is None:
        close = closest(match["month"].lower(), MONTH_NAMES, cutoff=LOOSE)
        hint = mente_du(close) if close else f" {_DATE_HINT}"
        raise ParseError(f"'{text}' er ikke en dato: '{match['month']}' er ikke en måned.{hint}")
    if len(match["year"]) != 4:
        raise ParseError(f"'{text}' er ikke en dato: skriv året med fire cifre, fx 2. oktober 2025.")
    return _on_weekday(text, match["weekday"], _make_date(text, int(match["year"]), month, int(match["day"])))


def _on_weekday(text: str, weekday: str | None, day: _dt.date) -> _dt.date:
    """The date, once the weekday written before it (if any) is a weekday and its own."""
    if weekday:
        _months, days = _danish_calendar_words()
        written = days.get(weekday.lower().rstrip("."))
        if written is None:
            raise ParseError(f"'{text}' er ikke en dato: '{weekday}' er ikke en ugedag. {_DATE_HINT}")
        if written != day.weekday():
            names = {n: name for name, n in days.items() if len(name) > 4}
            raise ParseError(f"'{text}': den {day.day}. er en {names[day.weekday()]}, ikke en {names[written]}.")
    return day


def parse_date(value: object) -> _dt.date:
    """A date from YAML: a date object, ISO text, Danish day-first text (13/5 2024), or
    written with the month's name (2. oktober 2025, torsdag den 2. okt. 2025)."""
    if isinstance(value, _dt.datetime):
        raise ParseError(
            "forventede en dato uden klokkeslæt, fx 2024-05-13 eller 13/5 2024")
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise ParseError("forventede en dato, fx 2024-05-13 eller 13/5 2024")
    text = unquote(value)
    named = _NAMED_DATE.fullmatch(text) if any(c.isalpha() for c in text) else None
    if named:
        return _named_date(text, named)
    prefix = _DATE_PREFIX.match(text)
    if prefix and 0 < prefix.end() < len(text):  # "torsdag 2/10 2025", "d. 2/10 2025"
        return _on_weekday(text, prefix["weekday"], parse_date(text[prefix.end():]))
    m = _ISO_DATE.fullmatch(text)
    if m:
        return _make_date(text, int(m[1]), int(m[2]), int(m[3]))
    m = _DK_DATE.fullmatch(text)
    if m:
        if len(m[4]) != 4:
            raise ParseError(
                f"'{text}' er ikke en dato: skriv året med fire cifre, fx 13/5 2024.")
        return _make_date(text, int(m[4]), int(m[3]), int(m[1]))
    raise ParseError(f"'{text}' er ikke en dato. {_DATE_HINT}")


_WEEK = re.compile(r"uge\s*(\d{1,2})(?:[\s,]+(\d{4}))?", re.IGNORECASE)


class WeekDeadline(_dt.date):
    """A deadline written as a week ('uge 16 2025'): the Friday of that ISO week, which
    remembers its week for the documents ("uge 16 (fredag 18. april 2025)")."""

    __slots__ = ("week",)

    def __reduce__(self) -> tuple:  # a date pickles without its week (the survey's facts cross processes)
        return (week_friday, (self.week, _dt.date(self.year, self.month, self.day).isocalendar()[0]))


def week_friday(week: int, year: int) -> WeekDeadline:
    """The Friday of ISO week ``week`` of ``year``; ParseError when the year has no such week."""
    try:
        friday = _dt.date.fromisocalendar(year, week, 5)
    except ValueError:
        raise ParseError(f"uge {week} findes ikke i {year}; ugerne har nummer 1-52 (53 i nogle år).") from None
    deadline = WeekDeadline(friday.year, friday.month, friday.day)
    deadline.week = week
    return deadline


def week_on_or_after(week: int, day: _dt.date) -> WeekDeadline:
    """The first Friday of ISO week ``week`` on or after ``day``: 'uge 16' without a year."""
    if not 1 <= week <= 53:
        raise ParseError(f"uge {week} findes ikke; ugerne har nummer 1-52 (53 i nogle år).")
    year = day.isocalendar()[0]
    for candidate in range(year, year + 7):  # week 53 comes back within 6 years
        try:
            friday = week_friday(week, candidate)
        except ParseError:
            continue
        if friday >= day:
            return friday
    raise ParseError(f"uge {week} findes ikke; ugerne har nummer 1-52 (53 i nogle år).")


def week_of(value: object) -> tuple[int, int | None] | None:
    """(week, year or None) when ``value`` is a deadline written as a week, else None."""
    if not isinstance(value, str):
        return None
    found = _WEEK.fullmatch(unquote(value).strip().rstrip("."))
    return (int(found[1]), int(found[2]) if found[2] else None) if found else None


def parse_deadline(value: object) -> _dt.date:
    """A deadline: a date as :func:`parse_date` reads it, or a week with its year ('uge
    16 2025': that week's Friday). A week without a year is given its year by the
    meeting (:func:`week_on_or_after`) before it gets here."""
    week = week_of(value)
    if week is None:
        try:
            return parse_date(value)
        except ParseError as exc:
            raise ParseError(str(exc).replace(_DATE_HINT, _DATE_HINT.replace(" eller 13. maj 2024.",
                                                                           ", 13. maj 2024 eller uge 16."))) from None
    number, year = week
    if year is None:
        raise ParseError(f"'uge {number}' mangler et år; skriv fx 'uge {number} 2025'.")
    return week_friday(number, year)


def format_deadline(d: _dt.date) -> str:
    """A deadline for people: "13. maj 2024", or "uge 16 (fredag 18. april 2025)"."""
    if isinstance(d, WeekDeadline):
        return f"uge {d.week} (fredag {format_date_short(d)})"
    return format_date_short(d)


_CLOCK = re.compile(r"(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?")


def parse_clock(value: object) -> _dt.time:
    """A clock time written as text: "13:00", "9:05", "13.00", "kl. 13", or without quotes
    as 9.00 or 13.30, which YAML reads as a number (9.0, 13.3): two decimals are the
    minutes. Decision: 9.5 is read as 9.50, as a Dane writes half past nine 9.30."""
    if isinstance(value, _dt.time):
        return value
    if isinstance(value, float) and value == value and 0 <= value < 24:
        value = f"{value:.2f}"
    elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 23:
        value = f"{value}:00"  # start: 9
    if not isinstance(value, str):
        raise ParseError(
            'forventede et klokkeslæt som tekst: '
            'skriv klokkeslættet i anførselstegn, fx "13:00"')
    text = unquote(value)
    m = _CLOCK.fullmatch(text.lower())
    if m:
        hour, minute = int(m[1]), int(m[2] or 0)
        if hour <= 23 and minute <= 59:
            return _dt.time(hour, minute)
    raise ParseError(f"'{text}' er ikke et gyldigt klokkeslæt. Skriv fx \"13:00\".")


# Without babel: importing it and its Danish locale data costs 50-100 ms, half of what
# 'new' may take (issue 26); babel's "EEEE" and "MMMM" in Danish are these names
# (tests/test_new_meeting.py compares them with babel's for every day of years).
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def format_date_long(d: _dt.date) -> str:
    """ "mandag den 13. maj 2024" """
    return f"{WEEKDAY_NAMES[d.weekday()]} den {format_date_short(d)}"


def format_date_short(d: _dt.date) -> str:
    """ "13. maj 2024" """
    return f"{d.day}. {MONTH_NAMES[d.month - 1]} {d.year}"


def format_date_weekday(d: _dt.date) -> str:
    """ "mandag 13. maj 2024": a date people plan by (a meeting's day)."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {format_date_short(d)}"


def format_minutes_clock(t: _dt.time, minutes: int) -> _dt.time:
    """t plus minutes, wrapping past midnight."""
    total = (t.hour * 60 + t.minute + minutes) % (24 * 60)
    return t.replace(hour=total // 60, minute=total % 60)
