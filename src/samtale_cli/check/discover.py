"""Finding the files a command works on, and what they are, without loading them.

A folder means every ``*.yaml``/``*.yml`` file under it, except hidden files and
folders (``.git``, ``.pre-commit-config.yaml``), rendered output (``_site``) and other
programs' folders (virtual environments, ``site-packages``, ``node_modules``). Outside a
workspace (no ``samtale.yaml`` at or above the folder) only the files that say they are
samtale documents (``type: læringssamtale`` ...) are read, and a folder without any is
a usage error: samtale never reports on other programs' YAML.

The workspace a command works in is found once, from the paths given
(:func:`command_root`), and passed down.

No printing: a bad path is a :class:`~samtale_cli.core.errors.SamtaleError`.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from samtale_cli.check.loader import Reader, read_regular
from samtale_cli.core import kinds
from samtale_cli.core.errors import SamtaleError, danish_oserror
from samtale_cli.core.kinds import WORKSPACE_FILE
from samtale_cli.core.text import suggest_path
from samtale_cli.core.values import posix_path

SKIP_DIRS = {"_site", "node_modules", "__pycache__", "site-packages", "dist-packages"}
YAML_SUFFIXES = (".yaml", ".yml")
_SNIFF = 64 * 1024  # how much of a file outside a workspace is read to see what it is


def find_workspace_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``samtale.yaml``."""
    for folder in (start, *start.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def default_paths(cwd: Path) -> list[Path]:
    """No path given: the workspace around ``cwd``, else ``cwd`` itself."""
    root = find_workspace_root(cwd)
    return [root if root is not None else cwd]


def command_root(paths: Sequence[Path], cwd: Path) -> Path:
    """The folder a command's output is made relative to (kalender's UIDs, oversigt's
    paths), found once from the paths given: the workspace around the first of them
    (none given: around ``cwd``), else that folder itself (a file's folder). Never the
    current folder for paths given, so the same files give the same output from any
    folder."""
    first = (paths[0] if paths else cwd).resolve()
    folder = first if first.is_dir() else first.parent
    return find_workspace_root(folder) or folder


def discover(paths: Iterable[Path], onerror: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """Every file to check (resolved), sorted within each folder, each once.

    A path that does not exist or is neither file nor folder is a usage error; so is a
    folder outside any workspace that holds no samtale file (``onerror``: see walk)."""
    seen: set[Path] = set()
    for given in paths:
        if given.is_file():
            candidates: Iterable[Path] = [given]
        elif given.is_dir():
            candidates = walk(given, onerror)
            if find_workspace_root(given.resolve()) is None:
                candidates = [p for p in candidates if p.name == WORKSPACE_FILE or looks_like_samtale(p)]
                if not candidates:
                    raise SamtaleError(
                        f"'{given}' er ikke en arbejdsmappe (der er ingen samtale.yaml i den eller over den), "
                        "og den har ingen samtale-filer (med 'type: læringssamtale', 'type: opmærksomhedspunkter' "
                        "eller 'type: indsats'). Lav en arbejdsmappe med 'samtale init'."
                    )
        elif given.exists():
            raise SamtaleError(f"'{given}' er hverken en fil eller en mappe.")
        else:
            raise SamtaleError(f"'{given}' findes ikke.{suggest_path(given)}")
        for path in candidates:
            real = Path(os.path.realpath(path))
            if real not in seen:
                seen.add(real)
                # a link is checked under its own name (Checker.check says where it leads)
                yield Path(os.path.abspath(path)) if path.is_symlink() else real


def walk(folder: Path, onerror: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """The ``*.yaml``/``*.yml`` files under ``folder`` as they are named there (not
    resolved), sorted within each folder, skipping hidden and SKIP_DIRS folders. A
    folder that cannot be read is a usage error with its name (or, with ``onerror``,
    told to it and skipped)."""

    def unreadable(exc: OSError) -> None:
        raise SamtaleError(f"Mappen '{exc.filename}' kan ikke læses ({danish_oserror(exc)}).")

    for root, dirs, files in os.walk(folder, onerror=onerror or unreadable):
        dirs[:] = sorted(d for d in dirs if not skipped_folder(Path(root, d)))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


def skipped_folder(folder: Path) -> bool:
    """Hidden folders, rendered output and other programs' folders (a virtual
    environment has a pyvenv.cfg)."""
    return folder.name.startswith(".") or folder.name in SKIP_DIRS or os.path.exists(folder / "pyvenv.cfg")


@functools.cache
def _type_line() -> Any:
    names = "|".join(re.escape(s) for k in kinds.DOCUMENT_KINDS for s in {k.name, k.ascii})
    return re.compile(rf"^\ufeff?type:[ \t]*[\"']?(?P<kind>{names})\b", re.M | re.I)


def looks_like_samtale(path: Path, reader: Reader | None = None) -> bool:
    """Whether a YAML file says it is a samtale document (a top-level ``type:`` line)."""
    try:
        raw = read_regular(path, _SNIFF, whole=False) if reader is None else reader(path, _SNIFF)
    except OSError:
        return True  # not readable as it should be: let the loader say why (Y001, Y012)
    return _type_line().search(raw.decode("utf-8", "replace")) is not None


def _sniffed_text(path: Path) -> str | None:
    """The start of a file as text, for a look at its lines without loading it (None:
    not readable)."""
    try:
        return read_regular(path, _SNIFF, whole=False).decode("utf-8", "replace")
    except (OSError, SamtaleError):
        return None


def _kind_in(text: str | None) -> Any:
    found = _type_line().search(text) if text is not None else None
    return kinds.kind_named(found.group("kind")) if found else None


def sniffed_kind(path: Path) -> Any:
    """The kind a file's ``type:`` line names, without loading it (None: none, or not
    readable). The loader reads the same line, so the two agree on every usable file."""
    return _kind_in(_sniffed_text(path))


def _pointed(path: Path, line: Any) -> Path | None:
    """The file a ``fil:`` or ``læringssamtale:`` line of ``path`` names (see
    :func:`values.posix_path`), or None when it is no path."""
    try:
        return path.parent / posix_path(line.group(2).strip())
    except (OSError, ValueError):
        return None



@functools.cache
def _meeting_line() -> Any:
    return re.compile(r"^\ufeff?(?:læringssamtale|laeringssamtale)[ \t]*:[ \t]*([\"']?)(.+?)\1[ \t]*(?:#.*)?$", re.M)


def sniffed_referrers(files: Iterable[Path]) -> dict[Path, list[Path]]:
    """For each læringssamtale (resolved path), the sheets whose ``læringssamtale:``
    line names it, read from the files' first lines as :func:`sniffed_kind` reads the
    type line, without loading them: a guess, which :func:`with_referrers` checks."""
    found: dict[Path, list[Path]] = {}
    for path in files:
        text = _sniffed_text(path)
        if _kind_in(text) is not kinds.SHEET:
            continue
        line = _meeting_line().search(text)
        target = _pointed(path, line) if line else None
        if target is not None:
            try:
                found.setdefault(target.resolve(), []).append(path)
            except (OSError, ValueError):
                continue
    return found


@functools.cache
def _pointer_line() -> Any:
    return re.compile(r"^[ \t]*(?:-[ \t]+)?(?:fil|læringssamtale|laeringssamtale)[ \t]*:[ \t]*([\"']?)(.+?)\1[ \t]*(?:#.*)?$",
                      re.M)


def pointed_to(files: Iterable[Path]) -> list[Path]:
    """The files that ``files`` point to (a meeting's data files, a sheet's meeting, a
    plan's sheet), read from their ``fil:`` and ``læringssamtale:`` lines without
    loading them: output never replaces one of them, not even with --force."""
    found = []
    for path in files:
        text = _sniffed_text(path)
        targets = (_pointed(path, line) for line in _pointer_line().finditer(text or ""))
        found.extend(target for target in targets if target is not None)
    return found

