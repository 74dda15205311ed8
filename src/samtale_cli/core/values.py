"""The small values of samtale files, in one place for the code that reads them: slugs and
department keys, yes and no, paths written in files; and, re-exported, the values of
:mod:`~samtale_cli.core.dates` (dates, clock times), :mod:`~samtale_cli.core.durations`
(durations, intervals), :mod:`~samtale_cli.core.roles`, :mod:`~samtale_cli.core.cpr`,
:mod:`~samtale_cli.core.holidays` and :mod:`~samtale_cli.core.text` (keys, unquote).
Pure functions: no I/O, no printing. Every ParseError carries a Danish message meant for
the user.
"""

from __future__ import annotations

import functools
import re

from samtale_cli.core.errors import ParseError  # the values' one error, re-exported
from samtale_cli.core.text import fold_ascii, role_key, unquote
from samtale_cli.core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_NAMES,
    format_date_long,
    format_date_short,
    format_date_weekday,
    format_minutes_clock,
    format_deadline,
    parse_clock,
    parse_date,
    parse_deadline,
    week_of,
    week_on_or_after,
)
from samtale_cli.core.durations import (
    MAX_MINUTES,
    Duration,
    Interval,
    count_occurrences,
    occurrences,
    parse_duration,
    parse_interval,
)
from samtale_cli.core.roles import ROLES, canonical_role, name_key, role_suggestion
from samtale_cli.core.cpr import CPR_SEPARATORS, find_cpr
from samtale_cli.core.holidays import (
    LAST_STORE_BEDEDAG,
    danish_holiday,
    danish_holidays,
    day_off,
    easter,
    is_weekend,
    next_workday,
)

__all__ = [
    "ParseError", "unquote", "parse_yes_no", "count_occurrences", "fold_ascii", "slugify", "department_key",
    "parse_date", "parse_deadline", "format_deadline", "week_of", "week_on_or_after",
    "Duration", "parse_duration", "parse_clock", "Interval", "parse_interval", "occurrences",
    "ROLES", "role_key", "canonical_role", "role_suggestion", "name_key", "find_cpr", "is_weekend",
    "danish_holiday", "danish_holidays", "easter", "day_off", "next_workday", "format_date_long",
    "format_date_short", "format_date_weekday", "format_minutes_clock", "posix_path",
    "MONTH_NAMES", "MIN_YEAR", "MAX_YEAR", "MAX_MINUTES", "CPR_SEPARATORS", "LAST_STORE_BEDEDAG",
]


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug: "Børnehuset Derudá" -> "boernehuset-deruda"; "" if empty."""
    return _NON_SLUG.sub("-", fold_ascii(text).lower()).strip("-")


@functools.lru_cache(maxsize=4096)
def department_key(name: str) -> str:
    """The one definition of "the same department": the same folder name (slug), so
    "Vuggestuen Kernehuset." and "vuggestuen kernehuset" are one department."""
    return slugify(name)


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


def posix_path(text: str) -> str:
    """A path to another file as written in a file or an option: Windows' backslashes
    ('..\\laeringssamtaler\\2024.yaml') read as '/', so it is the same file on every
    machine."""
    return text.replace("\\", "/")
