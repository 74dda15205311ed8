"""``samtale new``: a new, commented document that ``samtale check`` accepts as it stands.

The kind's own scaffold (``samtale_cli.new.{meeting,sheet,plan}:scaffold``) writes the
file; it is found in the table of kinds (``kinds.hook(kind, "scaffold")``) and takes one
:class:`~samtale_cli.new.common.Request`.

Decisions (see also the CLI help):

* Inside a workspace the first line of a new file is a yaml-language-server modeline
  pointing at ``.samtale/schema/<type>.json`` (written there if it is missing).
  Outside a workspace there is no schema file to point at, so the modeline is left
  out and the first line says how to get one (``samtale schema``).
* Conventional file names are built from slugs only, so a title or a department name
  can never lead outside the workspace. ``-o`` is the user's own explicit choice.
"""

from __future__ import annotations

from pathlib import Path

from samtale_cli.check.workspace import Result, find_workspace, parse_date_option
from samtale_cli.core import kinds
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.kinds import Kind
from samtale_cli.new.common import Request


def new_document(
    kind: Kind,
    cwd: Path,
    *,
    date: str | None = None,
    department: str | None = None,
    title: str | None = None,
    meeting: Path | None = None,
    output: Path | None = None,
    force: bool = False,
    start: str | None = None,
    template: str | None = None,
) -> Result:
    """Write a new document of ``kind`` that ``samtale check`` accepts as it stands
    (with warnings for the placeholders that are left to fill in)."""
    day = parse_date_option(date)
    ws = find_workspace(cwd)
    if kind.hooks is None:
        raise SamtaleError(f"'samtale new' kan ikke lave en fil af typen '{kind.name}'.")
    request = Request(cwd, ws, day, date is not None, department, title, meeting, output, force, start, template)
    return kinds.hook(kind, "scaffold")(request)
