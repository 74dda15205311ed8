"""Reading many files at once (``oversigt``, ``kalender``): the valid documents under
some paths, and the files that could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.document import WORKSPACE_FILE


@dataclass
class Loaded:
    """The valid documents under some paths, and the files that could not be read."""

    root: Path  # names are shown and UIDs made relative to this folder
    docs: list[tuple[Path, Any]] = field(default_factory=list)  # (path, model)
    invalid: list[Path] = field(default_factory=list)


def load_documents(paths: list[Path], root: Path) -> Loaded:
    """Read every document under ``paths`` (samtale.yaml is skipped); ``root`` as in :class:`Loaded`."""
    from samtale_cli.check import iter_files
    from samtale_cli.document import read

    loaded = Loaded(root)
    for path in iter_files(paths):
        if path.name == WORKSPACE_FILE:
            continue
        doc = read(path, path.name)
        if doc.model is None:
            loaded.invalid.append(path)
        else:
            loaded.docs.append((path, doc.model))
    return loaded
