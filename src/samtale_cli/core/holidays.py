"""Working days: weekends, Danish public holidays (computed here) and a daycare's closing days."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable


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
