"""Diagnostics: small values that carry their source, collected and never raised.

Output follows ruff's style: ``path:line:col: niveau [KODE]: besked``, one line each,
sorted by file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


def error(file: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, col, code, Level.ERROR, message)


def warning(file: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(file, line, col, code, Level.WARNING, message)
