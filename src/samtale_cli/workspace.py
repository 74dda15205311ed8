"""Workspace helpers shared by the workspace commands: the workspace around a folder,
its layout, safe writing, YAML scalars and the ``--dato`` option.

The commands themselves live in their own modules: :mod:`samtale_cli.newdoc`
(``new``), :mod:`samtale_cli.initws` (``init``), :mod:`samtale_cli.schema`
(``schema``), :mod:`samtale_cli.collect` (reading many files),
:mod:`samtale_cli.overview` (``oversigt``) and :mod:`samtale_cli.calendar_ics`
(``kalender``).

No printing: functions return what they did (paths, notes) and raise
:class:`WorkspaceError` with a Danish message and the exit code the CLI should use.

Decisions (see also the CLI help):

* Exit code 1 when ``new`` or ``init`` refuses to overwrite something that exists
  (a document, or a folder that already holds ``samtale.yaml``) and when git fails;
  exit 2 for bad arguments (unknown type or department, invalid date, a meeting file
  that does not exist or is not a læringssamtale).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli import values as v
from samtale_cli.document import WORKSPACE_FILE
from samtale_cli.model import DOC_TYPES, canonical_type
from samtale_cli.files import write_atomic

MEETINGS_DIR = "laeringssamtaler"
DEPARTMENTS_DIR = "afdelinger"
SCHEMA_DIR = Path(".samtale") / "schema"
SCHEMA_KINDS = (*DOC_TYPES, "samtale")  # "samtale": the workspace file samtale.yaml


class WorkspaceError(Exception):
    """A Danish message for the user and the exit code to use."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Result:
    """What a command did: the main path, other paths written, and notes for the user."""

    path: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def schema_file_name(kind: str) -> str:
    """``læringssamtale`` -> ``laeringssamtale.json``."""
    return f"{v.fold_ascii(kind)}.json"


def canonical_kind(value: str, *, allow_workspace: bool = False) -> str | None:
    """The document type (or ``samtale`` for samtale.yaml) named by ``value``."""
    name = value.strip().lower().removesuffix(".json").removesuffix(".yaml")
    if allow_workspace and name == "samtale":
        return "samtale"
    return canonical_type(name)


_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|[\s]$|: |\s#|^(?:~|null|true|false|yes|no|on|off)$""", re.I)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else double-quoted."""
    from samtale_cli.loader import _resolve_plain

    if (
        text
        and "\n" not in text
        and not _PLAIN_UNSAFE.search(text)
        and isinstance(_resolve_plain(text), str)
        and text.isprintable()
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def atomic_write(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse an existing file unless ``force``."""
    refuse_existing(path, force=force)
    write_atomic(path, text)


def refuse_existing(path: Path, *, force: bool = False) -> None:
    """Raise WorkspaceError when ``path`` may not be written (call it before any other
    write, so that a refused command leaves nothing behind)."""
    if path.exists() and not force:
        raise WorkspaceError(f"'{path}' findes allerede; brug --force for at overskrive den.", 1)
    if path.is_dir():
        raise WorkspaceError(f"'{path}' er en mappe.", 2)


def relative(target: Path, start: Path) -> str:
    """``target`` relative to the folder ``start``, with ``/``."""
    return Path(os.path.relpath(target, start)).as_posix()


def parse_date_option(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return v.parse_date(value)
    except v.ParseError as exc:
        raise WorkspaceError(f"--dato: {exc}", 2) from None


@dataclass
class Workspace:
    root: Path
    model: Any  # model.Workspace

    @property
    def departments(self) -> list[str]:
        return list(self.model.departments)


def find_workspace(start: Path) -> Workspace | None:
    """The workspace around ``start`` (nearest samtale.yaml upwards), read and valid."""
    from samtale_cli.check import find_workspace_root
    from samtale_cli.document import read

    root = find_workspace_root(start.resolve())
    if root is None:
        return None
    doc = read(root / WORKSPACE_FILE, WORKSPACE_FILE)
    if doc.model is None:
        first = doc.diagnostics[0].format() if doc.diagnostics else ""
        raise WorkspaceError(f"samtale.yaml i '{root}' har fejl; ret den først ({first}).", 2)
    return Workspace(root, doc.model)


def resolve_department(name: str, ws: Workspace | None) -> str:
    """The workspace's spelling of department ``name`` (matched by slug)."""
    name = name.strip()
    if not v.slugify(name):
        raise WorkspaceError(f"Afdelingen '{name}' kan ikke blive til et mappenavn; brug bogstaver eller tal.", 2)
    if ws is None:
        return name
    for known in ws.departments:
        if v.slugify(known) == v.slugify(name):
            return known
    listed = ", ".join(ws.departments) or "(ingen)"
    raise WorkspaceError(f"Afdelingen '{name}' står ikke i samtale.yaml's afdelinger ({listed}).", 2)
