"""The workspace around a folder, shared by the commands that create files (``new``,
``init``): reading ``samtale.yaml``, matching department names, writing YAML values,
reading ``--dato``.

Layout (folders, file names, schema files) comes from the table of kinds
(:mod:`samtale_cli.core.kinds`); finding the workspace root from discovery
(:func:`samtale_cli.check.discover.find_workspace_root`). No printing: functions return what
they did and raise :class:`~samtale_cli.core.errors.SamtaleError` with a Danish message and
an exit code.

Decisions: exit code 2 when ``new`` or ``init`` refuses to overwrite something that
exists (a refused write, docs/kommandoer.md) and for bad arguments (unknown type or department,
invalid date, a meeting file that does not exist or is not a læringssamtale); exit 1
when git fails.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.check.discover import find_workspace_root
from samtale_cli.check.document import read
from samtale_cli.core import values as v
from samtale_cli.core.errors import ParseError, SamtaleError
from samtale_cli.core.files import check_inside
from samtale_cli.core import kinds
from samtale_cli.core.kinds import WORKSPACE_FILE
from samtale_cli.core.text import suggest
from samtale_cli.model import Meeting


@dataclass
class Result:
    """What a command did: the main path, other paths written, and notes for the user."""

    path: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def relative(target: Path, start: Path) -> str:
    """``target`` relative to the folder ``start``, with ``/``."""
    return Path(os.path.relpath(target, start)).as_posix()


def parse_date_option(value: str | None) -> dt.date:
    """``--dato``: today when not given; a usage error when it is no date."""
    if value is None:
        return dt.date.today()
    try:
        return v.parse_date(value)
    except ParseError as exc:
        raise SamtaleError(f"--dato: {exc}") from None


@dataclass
class Workspace:
    """A workspace, found once per command from the paths given and passed down: its
    folder and its samtale.yaml, read and valid."""

    root: Path
    model: Any  # model.Workspace

    @property
    def departments(self) -> list[str]:
        return list(self.model.departments)

    @classmethod
    def at(cls, root: Path) -> Workspace | None:
        """The workspace whose folder is ``root`` (None: no samtale.yaml there). A
        samtale.yaml with errors is a usage error."""
        if not (root / WORKSPACE_FILE).is_file():
            return None
        doc = read(root / WORKSPACE_FILE, WORKSPACE_FILE)
        if doc.model is None:
            first = doc.diagnostics[0].format() if doc.diagnostics else ""
            raise SamtaleError(f"samtale.yaml i '{root}' har fejl; ret den først ({first}).")
        return cls(root, doc.model)

    @classmethod
    def around(cls, start: Path) -> Workspace | None:
        """The workspace around ``start`` (nearest samtale.yaml upwards), read and valid."""
        root = find_workspace_root(start.resolve())
        return None if root is None else cls.at(root)


def find_workspace(start: Path) -> Workspace | None:
    """The workspace around ``start``: :meth:`Workspace.around`."""
    return Workspace.around(start)


def resolve_department(name: str, ws: Workspace | None) -> str:
    """The workspace's spelling of department ``name`` (the same department:
    :func:`~samtale_cli.core.values.department_key`)."""
    name = name.strip()
    if not v.department_key(name):
        raise SamtaleError(f"Afdelingen '{name}' kan ikke blive til et mappenavn; brug bogstaver eller tal.")
    if ws is None:
        return name
    for known in ws.departments:
        if v.department_key(known) == v.department_key(name):
            return known
    # 'Vesterbo' for Børnehuset Vesterbo: the words of one department only
    words = set(v.department_key(name).split("-"))
    holding = [known for known in ws.departments if words <= set(v.department_key(known).split("-"))]
    if len(holding) == 1:
        return holding[0]
    if holding:
        raise SamtaleError(f"'{name}' passer på flere afdelinger: {', '.join(holding)}. Skriv hele navnet.")
    hint = suggest(name, ws.departments)
    listed = ", ".join(ws.departments) or "(ingen)"
    raise SamtaleError(f"Afdelingen '{name}' står ikke i samtale.yaml's afdelinger.{hint} Afdelingerne er: {listed}.")


def output_path(given: Path | None, conventional: Path, cwd: Path, ws: Workspace | None = None) -> Path:
    """``-o`` wins; an existing folder given with ``-o`` gets the conventional name. The
    conventional place must not lead out of the workspace (a department folder that is
    a link elsewhere)."""
    if given is None:
        if ws is not None:
            check_inside(conventional, ws.root)
        return conventional
    path = given if given.is_absolute() else cwd / given
    if path.is_dir():
        return path / conventional.name
    return path


def meeting_on(ws: Workspace, day: dt.date) -> Path | None:
    """The workspace's læringssamtale on ``day``, if there is one (by its file name's
    date, as ``new`` names them, then by its 'dato'): ``new`` and ``import`` refuse a
    second one that day (it would become "the latest")."""
    folder = ws.root / kinds.MEETINGS_DIR
    try:  # not glob(): it matches a pattern against each of 15,000 names
        names = sorted(entry.name for entry in os.scandir(folder)
                       if entry.name.startswith(day.isoformat()) and entry.name.endswith((".yaml", ".yml")))
    except OSError:
        return None
    for name in names:
        path = folder / name
        model = read(path, path.name).model
        if isinstance(model, Meeting) and model.date == day:
            return path
    return None
