"""The check pipeline: find files, find their workspace, read, run the rules.

Pure orchestration, no printing: the CLI turns the returned diagnostics into text.
A folder means every ``*.yaml`` file under it, except hidden files and folders
(``.git``, ``.pre-commit-config.yaml``) and rendered output (``_site``).

Many files are checked in worker processes, one per core (see :func:`check`). Memory
stays flat however many files there are: each file's document is dropped once its
findings are collected; only the workspace files and a few recently referenced meetings
are kept.
"""

from __future__ import annotations

import os
import sys
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from samtale_cli.diagnostics import Diagnostic
from samtale_cli.document import WORKSPACE_FILE, Document, read

MEETING_CACHE = 64  # meetings kept for the sheets that refer to them
SKIP_DIRS = {"_site", "node_modules", "__pycache__"}
YAML_SUFFIXES = (".yaml", ".yml")


class PathProblem(Exception):
    """A path given on the command line cannot be used (exit code 2)."""


def display_name(path: Path, cwd: Path) -> str:
    """The name shown in diagnostics: relative to ``cwd`` when below it, with ``/``."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        try:
            return Path(os.path.relpath(path, cwd)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


def find_workspace_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``samtale.yaml``."""
    for folder in (start, *start.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file to check, sorted within each folder; raises PathProblem for a bad path."""
    seen: set[Path] = set()
    for given in paths:
        if given.is_file():
            candidates: Iterable[Path] = [given]
        elif given.is_dir():
            candidates = _walk(given)
        elif given.exists():
            raise PathProblem(f"'{given}' er hverken en fil eller en mappe.")
        else:
            raise PathProblem(f"'{given}' findes ikke.")
        for path in candidates:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield resolved


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


@dataclass
class Checker:
    """Checks files one by one; remembers workspaces and referenced meetings."""

    cwd: Path
    checked: frozenset[Path] = frozenset()  # every file of this run (resolved paths)
    _workspaces: dict[Path, Document | None] = field(default_factory=dict)
    _meetings: OrderedDict[Path, Document] = field(default_factory=OrderedDict)
    _roots: dict[Path, Path | None] = field(default_factory=dict)
    reported: set[Path] = field(default_factory=set)

    def name(self, path: Path) -> str:
        return display_name(path, self.cwd)

    def workspace_for(self, path: Path) -> Document | None:
        folder = path.parent
        if folder not in self._roots:
            self._roots[folder] = find_workspace_root(folder)
        root = self._roots[folder]
        if root is None:
            return None
        ws_path = root / WORKSPACE_FILE
        if ws_path not in self._workspaces:
            self._workspaces[ws_path] = read(ws_path, self.name(ws_path))
        return self._workspaces[ws_path]

    def read_meeting(self, path: Path) -> Document:
        """A meeting that a sheet refers to; the last MEETING_CACHE of them are kept."""
        path = path.resolve()
        doc = self._meetings.get(path)
        if doc is None:
            doc = self._meetings[path] = read(path, self.name(path))
            if len(self._meetings) > MEETING_CACHE:
                self._meetings.popitem(last=False)
        else:
            self._meetings.move_to_end(path)
        return doc

    def check_file(self, path: Path) -> list[Diagnostic]:
        return self.check_document(path)[1]

    def check_document(self, path: Path) -> tuple[Document | None, list[Diagnostic]]:
        """Read and check one file: its document (None for samtale.yaml) and findings."""
        from samtale_cli import rules

        if path.name == WORKSPACE_FILE:
            ws_doc = self.workspace_for(path)
            return None, self._workspace_findings(ws_doc) if ws_doc is not None else []
        # a meeting that a sheet already referred to was read then; don't read it again
        doc = self._meetings.get(path) or read(path, self.name(path))
        ws_doc = self.workspace_for(path)
        found = list(doc.diagnostics)
        if ws_doc is not None:
            found.extend(self._workspace_findings(ws_doc))
        workspace = ws_doc.model if ws_doc is not None else None
        ctx = rules.Context(doc, workspace=workspace, read_meeting=self.read_meeting, checked=self.checked)
        found.extend(rules.run(ctx))
        return doc, found

    def _workspace_findings(self, ws_doc: Document) -> list[Diagnostic]:
        """A workspace's own findings, once, even when only other files are checked."""
        from samtale_cli import rules

        if ws_doc.path in self.reported:
            return []
        self.reported.add(ws_doc.path)
        return [*ws_doc.diagnostics, *rules.run(rules.Context(ws_doc, workspace=ws_doc.model))]


def check(paths: Iterable[Path], cwd: Path, jobs: int | None = None) -> list[Diagnostic]:
    """Check every file under ``paths``; the findings sorted by file, line and column.

    ``jobs`` is the number of processes; None picks one per core when there are enough
    files to pay for starting them (:func:`default_jobs`). The result does not depend on
    it: findings are values, collected in a set and sorted.
    """
    files = list(iter_files(paths))  # a bad path is reported before any work starts
    if jobs is None:
        jobs = default_jobs(len(files))
    found: set[Diagnostic] = set()
    if jobs > 1:
        try:
            _check_parallel(files, cwd, jobs, found)
            return sorted(found)
        except (ImportError, NotImplementedError, OSError):
            found.clear()  # no working multiprocessing here (a sandbox without semaphores)
    checker = Checker(cwd, frozenset(files))
    for path in files:
        found.update(checker.check_file(path))
    return sorted(found)


# Files per process below which starting one costs more than it saves. A forked process
# starts in milliseconds; a spawned one (Windows, macOS) imports everything again.
_FILES_PER_JOB = 150 if sys.platform == "linux" else 600


def default_jobs(files: int) -> int:
    """One process per usable core, as long as each gets enough files."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, files // _FILES_PER_JOB))


def _check_parallel(
    files: list[Path], cwd: Path, jobs: int, found: set[Diagnostic], method: str | None = None
) -> None:
    """Check ``files`` in ``jobs`` worker processes, a run of neighbouring files at a time.

    Neighbouring files share a department folder, so a worker's meeting cache serves
    the sheets of one folder; small runs keep both cores busy to the end.
    """
    import multiprocessing

    method = method or ("fork" if sys.platform == "linux" else "spawn")
    size = max(1, min(32, len(files) // (jobs * 8)))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    ctx = multiprocessing.get_context(method)
    pool = None
    try:
        with _ctrl_c_held():
            pool = ctx.Pool(jobs, initializer=_start_worker, initargs=(cwd, frozenset(files)))
        for result in pool.imap_unordered(_check_chunk, chunks):
            found.update(result)
    finally:
        if pool is not None:
            pool.terminate()


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Block Ctrl-C while the pool starts. Workers are born with it blocked, so they
    never see it (the parent stops the pool, and no worker prints a traceback); the
    parent gets a Ctrl-C pressed meanwhile as soon as the pool is up."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: the workers ignore it instead
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


_worker: Checker | None = None


def _start_worker(cwd: Path, checked: frozenset[Path]) -> None:
    global _worker
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = Checker(cwd, checked)


def _check_chunk(files: list[Path]) -> list[Diagnostic]:
    assert _worker is not None
    return [d for path in files for d in _worker.check_file(path)]


def default_paths(cwd: Path) -> list[Path]:
    """No path given: the workspace around ``cwd``, else ``cwd`` itself."""
    root = find_workspace_root(cwd)
    return [root if root is not None else cwd]
