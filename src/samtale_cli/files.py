"""Writing files without ever leaving a half-written one behind, and without replacing
a file that exists unless told to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from samtale_cli.errors import REFUSED, SamtaleError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder, then rename over ``path``.

    Text is written as UTF-8 with ``\\n`` line endings, so output is byte-identical
    on every platform.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def refuse_existing(path: Path, *, force: bool = False) -> None:
    """Raise SamtaleError when ``path`` may not be written (call it before any other
    write, so that a refused command leaves nothing behind)."""
    if path.is_dir():
        raise SamtaleError(f"'{path}' er en mappe.")
    if path.exists() and not force:
        raise SamtaleError(f"'{path}' findes allerede; brug --force for at overskrive den.", REFUSED)


def write_new(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; refuse an existing file unless ``force``."""
    refuse_existing(path, force=force)
    write_atomic(path, data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
