"""Files as they stand in git's index: what a commit is about to record.

``samtale check --staged`` (run by the pre-commit hook that ``samtale init`` installs)
checks the staged samtale files with this reader, so the commit is judged on what it
commits: an unstaged fix does not hide an error, and an untracked draft with errors
does not block an unrelated commit. A file that git does not track (a data file that
``.gitignore`` keeps out, a meeting not yet added) is read from the disk, as ``check``
would.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from samtale_cli.core.errors import SamtaleError
from samtale_cli.check.loader import NotRegular, TooBig, read_regular

_REGULAR_MODES = ("100644", "100755")


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
            self.blobs[(self.top / name.decode("utf-8", "surrogateescape")).resolve()] = (mode, blob)

    def staged(self) -> list[Path]:
        """The files added, copied, modified or renamed in the index (what the commit changes)."""
        done = _git(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"], self.top)
        names = [n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
        return sorted((self.top / n).resolve() for n in names)

    def read(self, path: Path, limit: int) -> bytes:
        """The staged content of a tracked file; an untracked one from the disk."""
        entry = self.blobs.get(path.resolve())
        if entry is None:
            return read_regular(path, limit)
        mode, blob = entry
        if mode not in _REGULAR_MODES:
            raise NotRegular(f"'{path}' er ikke en almindelig fil i git")
        size = _git(["cat-file", "-s", blob], self.top)
        if size.returncode == 0 and int(size.stdout or 0) > limit:
            raise TooBig(int(size.stdout))
        done = _git(["cat-file", "blob", blob], self.top)
        if done.returncode != 0:
            raise OSError(f"git kan ikke læse '{path}'")
        return done.stdout

    def is_file(self, path: Path) -> bool:
        return path.resolve() in self.blobs or path.is_file()
