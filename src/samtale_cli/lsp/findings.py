"""The findings of an open file, as ``samtale check`` of its workspace gives them, for
the text in the editor (saved or not): :func:`check_text` runs the one pipeline
(:func:`samtale_cli.check.runs.check_bytes`) on the text, with the workspace's other
files from the disk for the rules that look at more than one file (a sheet's meeting,
two sheets for one meeting, a misspelt path's "Mente du ...?").

Which files are samtale's is decided as ``check`` decides it
(:mod:`samtale_cli.check.discover`): in a workspace, the YAML files outside hidden and
other programs' folders; outside one, the files that say ``type: læringssamtale`` (or
one of the other kinds). Other YAML files get no findings: the editor may be set to
start samtale for every YAML file.

The list of a workspace's files is kept for :data:`FRESH` seconds (and forgotten when a
file is saved, created or deleted), so a keystroke costs one file's check.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.check.discover import YAML_SUFFIXES, discover, find_workspace_root, looks_like_samtale, skipped_folder
from samtale_cli.check.document import read
from samtale_cli.check.runs import check_bytes
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.kinds import WORKSPACE_FILE

FRESH = 10.0  # seconds a workspace's list of files is trusted without a save in between


@dataclass
class _Known:
    files: frozenset[Path]
    at: float


@dataclass
class Workspaces:
    """What the server remembers of the workspaces of the open files: their files, and
    the model of their samtale.yaml (departments and extra roles, for completion)."""

    clock: Any = time.monotonic
    _files: dict[Path, _Known] = field(default_factory=dict)
    _models: dict[Path, tuple[int, Any]] = field(default_factory=dict)

    def forget(self) -> None:
        """A file was saved, created or deleted: read the folders again when next asked."""
        self._files.clear()

    def files(self, root: Path) -> frozenset[Path]:
        known = self._files.get(root)
        if known is None or self.clock() - known.at > FRESH:
            try:
                found = frozenset(discover([root], onerror=lambda exc: None))
            except SamtaleError:  # the folder went away meanwhile
                found = frozenset()
            known = self._files[root] = _Known(found, self.clock())
        return known.files

    def model(self, root: Path | None) -> Any:
        """The workspace's model (samtale.yaml as saved), or None (none, or it has errors)."""
        if root is None:
            return None
        path = root / WORKSPACE_FILE
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return None
        cached = self._models.get(root)
        if cached is None or cached[0] != stamp:
            cached = self._models[root] = (stamp, read(path, WORKSPACE_FILE).model)
        return cached[1]


def is_samtale_file(path: Path, raw: bytes, root: Path | None) -> bool:
    """Whether ``samtale check`` of the workspace (or of the file's folder, outside one)
    would check ``path`` holding ``raw``."""
    if not path.name.endswith(YAML_SUFFIXES) or path.name.startswith("."):
        return False
    if root is None:
        return path.name == WORKSPACE_FILE or looks_like_samtale(path, lambda _path, _limit: raw)
    try:
        inner = path.parent.relative_to(root)
    except ValueError:
        return False
    folders = [root.joinpath(*inner.parts[: i + 1]) for i in range(len(inner.parts))]
    return not any(skipped_folder(folder) for folder in folders)


def check_text(path: Path, text: str, workspaces: Workspaces) -> list[Diagnostic] | None:
    """The findings of ``path`` holding ``text`` (None: no samtale file), with file names
    in messages relative to the workspace (or the file's folder)."""
    path = path.absolute()
    root = find_workspace_root(path.parent)
    raw = text.encode("utf-8", "surrogatepass")
    if not is_samtale_file(path, raw, root):
        return None
    others = workspaces.files(root) if root is not None else frozenset()
    checked = check_bytes(path, raw, root or path.parent, others)
    return checked.findings
