"""Durations ("ca. 35 min", "1 t 30 min") and recurrence intervals ("hver 4. uge", "måned")
with their occurrences. Pure functions; every ParseError carries a Danish message."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction

from samtale_cli.core.dates import days_in_month
from samtale_cli.core.errors import ParseError
from samtale_cli.core.text import unquote


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
    return _dt.date(year, month, min(d.day, days_in_month(year, month)))


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
