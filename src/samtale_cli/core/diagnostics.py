"""Diagnostics: small values that carry their source, collected and never raised.

Output follows ruff's style: ``path:line:col: niveau [KODE]: besked``, one line each,
sorted by file, line and column. A diagnostic is made from a catalogue entry
(:class:`Code`, see :mod:`samtale_cli.core.catalogue`), which gives it its code and level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` without control characters: each is shown as its code (``\\x1b``), so a
    value from a file can never move a terminal's cursor, retitle its window or clear it."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


class Level(StrEnum):
    ERROR = "fejl"
    WARNING = "advarsel"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    file: str
    line: int
    col: int
    code: str
    level: Level
    message: str

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.level.value} [{self.code}]: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "fil": self.file,
            "linje": self.line,
            "kolonne": self.col,
            "niveau": self.level.value,
            "kode": self.code,
            "besked": self.message,
        }


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of the catalogue: the code, its level and what it means, in Danish."""

    code: str
    level: Level
    title: str
    explanation: str
    bad: str = ""
    good: str = ""

    def at(self, file: str, line: int, col: int, message: str) -> Diagnostic:
        return Diagnostic(visible(file), line, col, self.code, self.level, visible(message))

    def as_json(self) -> dict[str, str]:
        return {
            "kode": self.code,
            "niveau": self.level.value,
            "titel": self.title,
            "forklaring": self.explanation,
            "forkert": self.bad,
            "rigtigt": self.good,
        }


def findings_json(found: list[Diagnostic]) -> str:
    """Findings as ``samtale check --format json`` prints them (the same for ``serve``)."""
    import json

    return json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2) + "\n"
