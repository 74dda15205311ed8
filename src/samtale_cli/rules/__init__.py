"""Rules: each check is a small function that takes the model and returns diagnostics.

A rule is registered for one model class with :func:`rule` and receives a
:class:`Context`: the document (model plus source positions), the workspace, and a
way to read the meeting a sheet refers to. Rules never print and never raise on user
data; they yield :class:`~samtale_cli.diagnostics.Diagnostic` values.

Rule codes (the prefix names the area):

====  ==========================================================================
Y…    loading: size, encoding, YAML syntax, duplicate keys, tags, aliases, depth
F…    format: unknown or missing keys, wrong types, invalid dates and durations
A…    agenda: sums of minutes, parts
P…    people: responsible, referent, participants, roles
D…    data: mandatory data sources, ``fil:`` paths
O…    attention points: number of points, the meeting referred to
T…    timeline: phases, milestones, recurring meetings, weekends and holidays
W…    workspace: departments, daycare name
C…    privacy: CPR numbers
====  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from samtale_cli.diagnostics import Diagnostic, Level
from samtale_cli.document import Document
from samtale_cli.loader import DataPath

Rule = Callable[["Context"], Iterable[Diagnostic]]
_RULES: dict[type, list[Rule]] = {}
_TEXT_RULES: list[Rule] = []


@dataclass(slots=True)
class Context:
    doc: Document
    workspace: Any = None  # model.Workspace | None
    read_meeting: Callable[[Path], Document] | None = None
    checked: frozenset[Path] = frozenset()  # every file of this run (resolved paths)

    @property
    def model(self) -> Any:
        return self.doc.model

    def at(self, path: DataPath, code: str, message: str, level: Level = Level.ERROR, *, key: bool = False) -> Diagnostic:
        """A diagnostic at the value (or, with ``key``, the key) of ``path``."""
        source = self.doc.source
        pos = source.key_pos(path) if key else source.value_pos(path)
        return Diagnostic(source.file, pos.line, pos.col, code, level, message)

    def warn(self, path: DataPath, code: str, message: str, *, key: bool = False) -> Diagnostic:
        return self.at(path, code, message, Level.WARNING, key=key)


def rule(*models: type[BaseModel]) -> Callable[[Rule], Rule]:
    """Register a rule for documents of the given model classes."""

    def register(fn: Rule) -> Rule:
        for model in models:
            _RULES.setdefault(model, []).append(fn)
        return fn

    return register


def text_rule(fn: Rule) -> Rule:
    """Register a rule that reads the raw text; it runs even when the model is invalid."""
    _TEXT_RULES.append(fn)
    return fn


def run(ctx: Context) -> Iterator[Diagnostic]:
    for fn in _TEXT_RULES:
        yield from fn(ctx)
    if ctx.model is None:
        return
    for fn in _RULES.get(type(ctx.model), ()):
        yield from fn(ctx)


def _register_all() -> None:
    from samtale_cli.rules import meeting, plan, privacy, sheet, workspace  # noqa: F401


_register_all()
