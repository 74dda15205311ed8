"""Reading and formatting of the small values in samtale files.

Dates, durations, clock times, recurrence intervals, roles, slugs, CPR
detection and Danish public holidays.  Pure functions: no I/O, no printing.
Every ParseError carries a Danish message meant for the user.

`babel` is imported lazily inside the functions that need it, to keep the CLI's
start-up time low; the Danish public holidays are computed here (see
:func:`danish_holidays`).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from fractions import Fraction

from samtale_cli.core.errors import ParseError  # the values' one error, re-exported
from samtale_cli.core.text import CLOSE, LOOSE, closest, fold_ascii, mente_du, role_key  # noqa: F401  (re-exported)

__all__ = [
    "ParseError",
    "unquote",
    "parse_yes_no",
    "count_occurrences",
    "fold_ascii",
    "slugify",
    "department_key",
    "parse_date",
    "Duration",
    "parse_duration",
    "parse_clock",
    "Interval",
    "parse_interval",
    "occurrences",
    "ROLES",
    "role_key",
    "canonical_role",
    "role_suggestion",
    "find_cpr",
    "is_weekend",
    "danish_holiday",
    "danish_holidays",
    "easter",
    "day_off",
    "next_workday",
    "format_date_long",
    "format_date_short",
    "format_date_weekday",
    "format_minutes_clock",
]




MONTH_NAMES = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)

# ---------------------------------------------------------------- text

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug: "Børnehuset Derudá" -> "boernehuset-deruda"; "" if empty."""
    return _NON_SLUG.sub("-", fold_ascii(text).lower()).strip("-")


@functools.lru_cache(maxsize=4096)
def department_key(name: str) -> str:
    """The one definition of "the same department": the same folder name (slug), so
    "Vuggestuen Kernehuset." and "vuggestuen kernehuset" are one department."""
    return slugify(name)


# ---------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DK_DATE = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*(?:[/.-]\s*|\s)\s*(\d+)")
_DATE_HINT = "Skriv fx 2024-05-13, 13/5 2024 eller 13. maj 2024."


def _days_in_month(year: int, month: int) -> int:
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
    last = _days_in_month(year, month)
    if day < 1:
        raise ParseError(f"'{text}' er ikke en gyldig dato: dagen skal være mindst 1.")
    if day > last:
        name = MONTH_NAMES[month - 1]
        if month == 2:
            name = f"{name} {year}"
        raise ParseError(f"'{text}' er ikke en gyldig dato: {name} har kun {last} dage.")
    return _dt.date(year, month, day)


_QUOTES = "\"'“”„‟‘’‚‛«»‹›"  # straight, curly (Word), low and angle quotes


def unquote(text: str) -> str:
    """``text`` without the quotes a person (or Word) put around it: “09:00” is 09:00.
    (YAML only removes straight quotes; Word's curly ones are part of the text.)"""
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


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


# ---------------------------------------------------------------- yes and no

_YES = {"ja", "j", "true", "sand", "yes"}
_NO = {"nej", "n", "false", "falsk", "no"}


def parse_yes_no(value: object) -> bool:
    """A yes/no field (``obligatorisk``, ``pause``): true/false, or ja/nej as people write."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = unquote(value).lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise ParseError(f"'{value}' er hverken ja eller nej. Skriv ja eller nej (eller true eller false).")


# ---------------------------------------------------------------- durations

MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class Duration:
    minutes: int
    approx: bool = False

    def __str__(self) -> str:
        hours, mins = divmod(self.minutes, 60)
        if hours and mins:
            body = f"{hours} t {mins} min"
        elif hours:
            body = f"{hours} t"
        else:
            body = f"{mins} min"
        return f"ca. {body}" if self.approx else body


_DURATION_HINT = 'Skriv fx 35, "35 min", "ca. 35 min" eller "1 t 30 min".'
_NUM = r"\d*\s?½|\d+(?:[.,]\d+)?"
_UNIT = r"timer|time|tim\.?|t\.?|minutter|minut|min\.?"
_TERM = rf"({_NUM})\s*({_UNIT})?"
_DURATION = re.compile(rf"{_TERM}(?:\s*(?:,|\bog\b)?\s*{_TERM})?")
_APPROX = re.compile(r"(?:ca\.\s*|ca\s+|cirka\s+|~\s*)")


def _number(text: str) -> Fraction:
    from fractions import Fraction  # (decimal, which it loads, costs start-up on every run)

    text = text.replace(" ", "")
    if text.endswith("½"):
        return Fraction(int(text[:-1] or 0)) + Fraction(1, 2)
    return Fraction(text.replace(",", "."))


def _check_minutes(text: str, minutes: Fraction | int) -> int:
    if minutes < 0:
        raise ParseError(
            f"'{text}' er ikke en gyldig varighed: varigheden kan ikke være negativ.")
    if minutes != int(minutes):
        raise ParseError(
            f"'{text}' er ikke en gyldig varighed: "
            "varigheden skal være et helt antal minutter.")
    minutes = int(minutes)
    if minutes > MAX_MINUTES:
        raise ParseError(
            f"'{text}' er ikke en gyldig varighed: "
            f"varigheden {Duration(minutes)} er over 24 timer.")
    return minutes


def parse_duration(value: object) -> Duration:
    """Minutes as an int, or text such as "ca. 35 min", "1 t 30 min", "1½ time"."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ParseError('forventede en varighed i minutter, fx 35 eller "35 min"')
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParseError(f"'{value}' er ikke en varighed. {_DURATION_HINT}")
        from fractions import Fraction

        return Duration(_check_minutes(str(value), Fraction(value)))
    if isinstance(value, int):
        return Duration(_check_minutes(str(value), value))

    text = unquote(value)
    rest = " ".join(text.lower().split())
    approx = False
    m = _APPROX.match(rest)
    if m:
        approx = True
        rest = rest[m.end():]
    if re.match(r"[-−–]\s*\d", rest):
        raise ParseError(
            f"'{text}' er ikke en gyldig varighed: varigheden kan ikke være negativ.")
    m = _DURATION.fullmatch(rest)
    if not m:
        raise ParseError(f"'{text}' er ikke en varighed. {_DURATION_HINT}")
    num1, unit1, num2, unit2 = m.groups()
    if num2 is None:
        if unit1 is not None and unit1.startswith("t"):
            total = _number(num1) * 60
        else:
            total = _number(num1)
    else:
        # two terms: hours first, then minutes (unit may be left out)
        if unit1 is None or not unit1.startswith("t") or (
                unit2 is not None and unit2.startswith("t")):
            raise ParseError(f"'{text}' er ikke en varighed. {_DURATION_HINT}")
        total = _number(num1) * 60 + _number(num2)
    return Duration(_check_minutes(text, total), approx)


# ---------------------------------------------------------------- clock times

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


# ---------------------------------------------------------------- intervals


@dataclass(frozen=True)
class Interval:
    """A recurrence step: exactly one of days and months is positive."""
    days: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        if self.days < 0 or self.months < 0 or (self.days > 0) == (self.months > 0):
            raise ValueError("Interval needs exactly one positive field")

    def __str__(self) -> str:
        if self.months:
            if self.months % 12 == 0:
                n = self.months // 12
                return "hvert år" if n == 1 else f"hvert {n}. år"
            return "hver måned" if self.months == 1 else f"hver {self.months}. måned"
        if self.days % 7 == 0:
            n = self.days // 7
            return "hver uge" if n == 1 else f"hver {n}. uge"
        return "hver dag" if self.days == 1 else f"hver {self.days}. dag"


_INTERVAL_HINT = 'Skriv fx "4 uger", "hver 4. uge", "hver fjerde uge", "14 dage" eller "måned".'
_ORDINALS = {
    "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "syvende": 7,
    "ottende": 8, "niende": 9, "tiende": 10, "tolvte": 12, "fjortende": 14,
}
_INTERVAL = re.compile(
    r"(?:hvert?\s+)?(?:(\d+)\s*\.?\s*|(" + "|".join(_ORDINALS) + r")\s+)?(uger?n?|dage?n?|måned(?:er|en)?|året|år)")
# "1 gang om måneden", "en gang om ugen", "én gang hver 4. uge", "1 gang pr. måned"
_ONCE = re.compile(r"(?:1|en|én|et|ét)\s+gang\s+(?:om|hver|i|pr\.?|per)\s+(.+)")
_INTERVAL_WORDS = {
    "dagligt": (1, 0), "daglig": (1, 0),
    "ugentligt": (7, 0), "ugentlig": (7, 0),
    "månedligt": (0, 1), "månedlig": (0, 1),
    "årligt": (0, 12), "årlig": (0, 12),
}


def parse_interval(value: object) -> Interval:
    """A recurrence such as "4 uger", "hver 4. uge", "14 dage", "måned"."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise ParseError(
            f"'{value}' er ikke et interval: skriv enheden med, "
            f"fx \"{value} uger\" eller \"{value} dage\".")
    if not isinstance(value, str):
        raise ParseError(f"forventede et interval. {_INTERVAL_HINT}")
    text = unquote(value)
    norm = " ".join(text.casefold().replace("aa", "å").split())
    once = _ONCE.fullmatch(norm)
    if once:
        norm = once.group(1)
    if norm in _INTERVAL_WORDS:
        days, months = _INTERVAL_WORDS[norm]
        return Interval(days, months)
    m = _INTERVAL.fullmatch(norm)
    if not m:
        raise ParseError(f"'{text}' er ikke et interval. {_INTERVAL_HINT}")
    count = int(m[1]) if m[1] else (_ORDINALS[m[2]] if m[2] else 1)
    if count < 1:
        raise ParseError(f"'{text}' er ikke et gyldigt interval: det skal være mindst 1.")
    unit = m[3]
    if unit.startswith("ug"):
        return Interval(days=7 * count)
    if unit.startswith("da"):
        return Interval(days=count)
    if unit.startswith("m"):
        return Interval(months=count)
    return Interval(months=12 * count)


def _add_months(d: _dt.date, months: int) -> _dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return _dt.date(year, month, min(d.day, _days_in_month(year, month)))


def count_occurrences(first: _dt.date, every: Interval, until: _dt.date) -> int:
    """How many dates :func:`occurrences` would give without a limit (counted, not listed)."""
    if until < first:
        return 0
    if every.days:
        return (until - first).days // every.days + 1
    months = (until.year - first.year) * 12 + until.month - first.month
    count = months // every.months + 1
    if _add_months(first, (count - 1) * every.months) > until:
        count -= 1
    return count


def occurrences(first: _dt.date, every: Interval, until: _dt.date,
                limit: int = 1000) -> list[_dt.date]:
    """first, first+every, ... up to and including until; at most limit dates."""
    result: list[_dt.date] = []
    k = 0
    while len(result) < limit:
        try:
            if every.months:
                d = _add_months(first, k * every.months)
            else:
                d = first + _dt.timedelta(days=k * every.days)
        except (OverflowError, ValueError):  # beyond year 9999
            break
        if d > until:
            break
        result.append(d)
        k += 1
    return result


# ---------------------------------------------------------------- roles

# canonical display name -> aliases (plural forms included)
ROLES: dict[str, tuple[str, ...]] = {
    "dagtilbudsleder": ("dagtilbudsledere",),
    "børn og unge-chef": ("BU-chef", "børne- og ungechef", "børn og unge-chefer"),
    "pædagogisk leder": ("pædagogiske ledere", "pæd. leder", "pæd leder", "pædagogisk afdelingsleder"),
    "fagligt fyrtårn": ("faglige fyrtårne", "fagligt fyrtårne"),
    "forældrerepræsentant": ("forældrerepræsentanter",),
    "konsulent": ("konsulenter",),
    "pædagogisk fagkonsulent": ("pædagogiske fagkonsulenter", "pædagogisk konsulent", "pædagogiske konsulenter"),
    "sprogkonsulent": ("sprogkonsulenter",),
    "PPR": ("PPR-konsulent",),
    "referent": (),
    "medarbejder": ("medarbejdere",),
    "ressourceperson": ("ressourcepersoner",),
    "pædagog": ("pædagoger",),
    "pædagogmedhjælper": ("pædagogmedhjælpere", "pædagogisk assistent", "PAU"),
    "souschef": ("stedfortræder", "souschefer", "stedfortrædere"),
    "psykolog": ("psykologer",),
    "tale-høre-konsulent": ("talehørekonsulent", "tale-hørekonsulent", "tale-høre-konsulenter"),
    "forælder": ("forældre",),
    "tillidsrepræsentant": ("tillidsrepræsentanter", "TR"),
    "dagplejer": ("dagplejere",),
    "leder": ("ledere",),
}

def posix_path(text: str) -> str:
    """A path to another file as written in a file or an option: Windows' backslashes
    ('..\\laeringssamtaler\\2024.yaml') read as '/', so it is the same file on every
    machine."""
    return text.replace("\\", "/")


def name_key(text: str) -> str:
    """A looser key for people's names, as they are typed without æ, ø and å: Søren,
    Soeren and Soren are one name, Åse and Ase too (a last resort: Michael meets Michal)."""
    return role_key(text).replace("aa", "a").replace("ae", "a").replace("oe", "o")


_ROLE_KEYS: dict[str, str] = {}
for _name, _aliases in ROLES.items():
    for _spelling in (_name, *_aliases):
        _ROLE_KEYS[role_key(_spelling)] = _name


def role_suggestion(text: str, extra: Iterable[str] = ()) -> str | None:
    """The known role closest to an unknown one (konsulnet -> konsulent), or None."""
    key = role_key(text)
    spellings = {role_key(s): name for name, aliases in ROLES.items() for s in (name, *aliases)}
    spellings.update({role_key(name): name for name in extra})
    close = closest(key, spellings, cutoff=CLOSE)
    return spellings[close] if close is not None else None


def canonical_role(text: str, extra: Iterable[str] = ()) -> str | None:
    """The canonical name of a built-in role or alias, or of an extra role."""
    key = role_key(text)
    if not key:
        return None
    if key in _ROLE_KEYS:
        return _ROLE_KEYS[key]
    for name in extra:
        if role_key(name) == key:
            return name
    return None


# ---------------------------------------------------------------- CPR numbers

# The look-behind sits after the first digit, not before it: a pattern that starts with a
# character class lets the regex engine skip quickly to the next digit (4x faster).
# The separator may be a hyphen, a space, a no-break space, any Unicode dash or the minus
# sign (as Word writes them), or none (FORMAT.md).
CPR_SEPARATORS = "- \u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_CPR = re.compile(
    r"([0-9])(?<![0-9][0-9])([0-9])([0-9][0-9])([0-9][0-9])[" + CPR_SEPARATORS + r"]?[0-9][0-9][0-9][0-9](?![0-9])"
)


def _valid_cpr_date(day: int, month: int, yy: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return (day <= _days_in_month(1900 + yy, month)
            or day <= _days_in_month(2000 + yy, month))


def find_cpr(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of CPR-shaped numbers (DDMMYY, an optional separator, XXXX,
    with a valid date)."""
    return [
        m.span() for m in _CPR.finditer(text)
        if _valid_cpr_date(int(m[1] + m[2]), int(m[3]), int(m[4]))
    ]


# ---------------------------------------------------------------- calendar


def is_weekend(d: _dt.date) -> bool:
    return d.weekday() >= 5


def easter(year: int) -> _dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 19 * l) // 433
    month, day = divmod(h + l - 7 * m + 90, 25)
    return _dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


# Store bededag was a public holiday until 2023 (abolished by law from 2024).
LAST_STORE_BEDEDAG = 2023


@functools.lru_cache(maxsize=256)
def danish_holidays(year: int) -> dict[_dt.date, str]:
    """Denmark's public holidays (helligdage) in ``year``, by their Danish names.

    Decision: computed here instead of with the ``holidays`` package, whose import loads
    every country (half a second for a one-file check); the test suite compares this
    table with ``holidays`` for every year it knows (1900-2100)."""
    sunday = easter(year)
    moving = {
        -3: "Skærtorsdag", -2: "Langfredag", 0: "Påskedag", 1: "Anden påskedag",
        26: "Store bededag", 39: "Kristi himmelfartsdag", 49: "Pinsedag", 50: "Anden pinsedag",
    }
    days = {_dt.date(year, 1, 1): "Nytårsdag"}
    for offset, name in moving.items():
        if name == "Store bededag" and year > LAST_STORE_BEDEDAG:
            continue
        days[sunday + _dt.timedelta(days=offset)] = name
    days[_dt.date(year, 12, 25)] = "Juledag"
    days[_dt.date(year, 12, 26)] = "Anden juledag"
    return days


def danish_holiday(d: _dt.date) -> str | None:
    """The Danish name of the public holiday on d, or None."""
    return danish_holidays(d.year).get(d)


def day_off(d: _dt.date, closed: Callable[[_dt.date], str | None] | None = None) -> str | None:
    """Why ``d`` is not a working day ("helligdag (Pinsedag)", "lørdag", "søndag",
    "lukkedag (Juleferie)"), or None. ``closed`` says whether the daycare is closed
    (samtale.yaml's ``lukkedage``)."""
    if closed is not None:
        reason = closed(d)
        if reason:
            return reason
    holiday = danish_holiday(d)
    if holiday:
        return f"helligdag ({holiday})"
    if is_weekend(d):
        return "lørdag" if d.weekday() == 5 else "søndag"
    return None


def next_workday(d: _dt.date, closed: Callable[[_dt.date], str | None] | None = None) -> _dt.date:
    """``d`` itself when it is a working day, else the first working day after it."""
    while day_off(d, closed):
        d += _dt.timedelta(days=1)
    return d


@functools.lru_cache(maxsize=4096)  # babel is slow, and the same days come back page after page
def format_date_long(d: _dt.date) -> str:
    """ "mandag den 13. maj 2024" """
    from babel.dates import format_date

    return format_date(d, "EEEE 'den' d. MMMM y", locale="da")


@functools.lru_cache(maxsize=4096)  # babel is slow, and the same days come back page after page
def format_date_short(d: _dt.date) -> str:
    """ "13. maj 2024" """
    from babel.dates import format_date

    return format_date(d, "d. MMMM y", locale="da")


@functools.lru_cache(maxsize=4096)  # babel is slow, and the same days come back page after page
def format_date_weekday(d: _dt.date) -> str:
    """ "mandag 13. maj 2024": a date people plan by (a meeting's day)."""
    from babel.dates import format_date

    return format_date(d, "EEEE d. MMMM y", locale="da")


def format_minutes_clock(t: _dt.time, minutes: int) -> _dt.time:
    """t plus minutes, wrapping past midnight."""
    total = (t.hour * 60 + t.minute + minutes) % (24 * 60)
    return t.replace(hour=total // 60, minute=total % 60)
