"""Files as they stand in git's index: what a commit is about to record.

``samtale check --staged`` (run by the pre-commit hook that ``samtale init`` installs)
checks the staged samtale files with this reader, so the commit is judged on what it
commits: an unstaged fix does not hide an error, and an untracked draft with errors
does not block an unrelated commit. A file that git does not track (a data file that
``.gitignore`` keeps out, a meeting not yet added) is read from the disk, as ``check``
would.

Entries are keyed by their own path in the index (``top / name``, never resolved): a
symlink is an entry of its own (mode 120000, its blob the link's target), so it cannot
take the place of the file it points to. A staged symlink (or a submodule) is not a
samtale document and is not checked: the commit records a link, not a sheet; the file
it leads to is checked when that file is staged itself.

The blobs are read by one ``git cat-file --batch`` for the whole run (a process per file
made the commit hook slow): it is started at the first read and ends when the run ends
(its input closed) or when samtale does.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from samtale_cli.core.errors import SamtaleError
from samtale_cli.check.loader import NotRegular, TooBig, read_regular

_REGULAR_MODES = ("100644", "100755")
_LINK_MODE = "120000"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise SamtaleError(f"git kan ikke køres ({exc.strerror or exc}); --staged kræver git.") from None


@dataclass
class GitIndex:
    """The index of the repository around ``cwd``: every tracked file and its blob."""

    cwd: Path
    top: Path = field(init=False)
    blobs: dict[Path, tuple[str, str]] = field(init=False)  # path -> (mode, blob id)
    _batch: subprocess.Popen[bytes] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        done = _git(["rev-parse", "--show-toplevel"], self.cwd)
        if done.returncode != 0:
            raise SamtaleError(f"'{self.cwd}' ligger ikke i et git-repo; --staged tjekker filerne, som git skal committe.")
        self.top = Path(done.stdout.decode("utf-8", "surrogateescape").strip()).resolve()
        listed = _git(["ls-files", "--stage", "-z"], self.top)
        self.blobs = {}
        for entry in listed.stdout.split(b"\0"):
            if not entry:
                continue
            meta, _tab, name = entry.partition(b"\t")
            mode, blob, _stage = meta.decode().split(" ")
            self.blobs[self.top / name.decode("utf-8", "surrogateescape")] = (mode, blob)

    def staged(self) -> list[Path]:
        """The regular files added, copied, modified or renamed in the index (what the
        commit changes), by their own paths; staged links and submodules are left out."""
        done = _git(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"], self.top)
        names = [n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
        paths = (self.top / n for n in names)
        return sorted(p for p in paths if self.blobs.get(p, ("",))[0] in _REGULAR_MODES)

    def entry(self, path: Path) -> tuple[str, str] | None:
        """The index entry of ``path``: under its own name, else (a path through a link on
        the disk, or a link itself) under the name it resolves to."""
        found = self.blobs.get(Path(os.path.abspath(path)))
        if found is None or found[0] == _LINK_MODE:
            found = self.blobs.get(path.resolve(), found)
        return found

    def read(self, path: Path, limit: int) -> bytes:
        """The staged content of a tracked file; an untracked one (or a link that leads to
        no tracked file) from the disk."""
        entry = self.entry(path)
        if entry is None or entry[0] == _LINK_MODE:
            return read_regular(path, limit)
        mode, blob = entry
        if mode not in _REGULAR_MODES:
            raise NotRegular(f"'{path}' er ikke en almindelig fil i git")
        return self._blob(blob, path, limit)

    def _blob(self, blob: str, path: Path, limit: int) -> bytes:
        """The content of ``blob`` from the batch process: its header gives the size, so
        a blob over ``limit`` is refused before it is read (the process is then ended, and
        the next read starts another)."""
        batch = self._batch
        if batch is None or batch.poll() is not None:
            try:
                batch = self._batch = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.top, stdin=subprocess.PIPE,
                                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError as exc:
                raise SamtaleError(f"git kan ikke køres ({exc.strerror or exc}); --staged kræver git.") from None
        assert batch.stdin is not None and batch.stdout is not None
        try:
            batch.stdin.write(blob.encode("ascii") + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
                raise OSError(f"git kan ikke læse '{path}'")
            size = int(header[2])
            if size > limit:
                self.close()
                raise TooBig(size)
            data = batch.stdout.read(size)
            batch.stdout.read(1)  # the newline after each blob
        except (BrokenPipeError, ValueError):
            self.close()
            raise OSError(f"git kan ikke læse '{path}'") from None
        if len(data) != size:
            self.close()
            raise OSError(f"git kan ikke læse '{path}'")
        return data

    def __getstate__(self) -> dict:
        """Pickled (for a worker process) without the batch process: the copy starts its own."""
        return {**self.__dict__, "_batch": None}

    def close(self) -> None:
        """End the batch process (it ends by itself when samtale does)."""
        batch, self._batch = self._batch, None
        if batch is None:
            return
        for stream in (batch.stdin, batch.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            batch.wait(timeout=5)
        except subprocess.TimeoutExpired:
            batch.kill()
            batch.wait()

    def is_file(self, path: Path) -> bool:
        entry = self.entry(path)
        return (entry is not None and entry[0] in _REGULAR_MODES) or path.is_file()
