"""A run over many files: discover -> check each file -> what is kept of it.

Every run is made from one :class:`Recipe`: the files, how they are read (from the disk,
or as git's index holds them), and what is kept of each checked file (nothing but its
findings, the whole lightened :class:`~samtale_cli.check.checker.Checked`, or a
:class:`~samtale_cli.check.checker.Brief` with what an action returned); :func:`execute`
carries it out, in worker processes when there are enough files. ``check``, ``run``,
``survey``, the commit hook and the referrers of a rendered file are recipes.

``check`` prints the findings; ``render``, ``oversigt`` and ``kalender`` use the
documents that passed, and skip the others in one way (:attr:`Run.skipped`): a file
with an error, and a file whose reference (a sheet's meeting) has errors of its own.
A finding is reported once: a broken meeting checked in the same run is not echoed by
the sheets that refer to it.

Memory stays flat when only findings are wanted: each document is dropped once its
findings are collected; only the workspace files and a few recently referenced files
are kept. The findings do not depend on the number of processes: they are values,
collected in a set and sorted.

No printing: the command line turns the returned values into text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.check.checker import REFERENCE_CACHE, Brief, Checked, Checker, Usable
from samtale_cli.check.discover import (
    YAML_SUFFIXES,
    discover,
    find_workspace_root,
    looks_like_samtale,
    skipped_folder,
    sniffed_referrers,
)
from samtale_cli.check.loader import Reader, TooBig, read_regular
from samtale_cli.check.workers import capped_jobs, chunked, default_jobs, ignore_ctrl_c, in_workers
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.kinds import WORKSPACE_FILE

WHOLE = "whole"  # Recipe.keep: the lightened Checked itself (one process)


@dataclass
class Run:
    """What a run found: every finding (sorted, each once), and the files other
    commands may use (``documents``) and those they skip, as the recipe kept them."""

    findings: list[Diagnostic]
    documents: list[Any] = field(default_factory=list)  # Checked, or Brief
    skipped: list[Any] = field(default_factory=list)  # errors, or a broken reference

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.is_error]

    def briefly(self, action: Callable[[Checked, Any], Any], context: Any = None) -> Run:
        """This run of checked files as a survey with ``action`` would have made it:
        its documents and skipped files as briefs."""
        def brief(checked: Checked) -> Brief:
            return Brief.of(checked, lambda c: action(c, context))

        return Run(self.findings, [brief(c) for c in self.documents], [brief(c) for c in self.skipped])

    def add(self, checked: Usable) -> None:
        """A checked file (or its Brief) among the documents or the skipped ones: a
        workspace file only when it has errors."""
        if checked.is_workspace:
            if checked.has_errors:
                self.skipped.append(checked)
        elif checked.usable:
            self.documents.append(checked)
        else:
            self.skipped.append(checked)


@dataclass(frozen=True)
class Recipe:
    """One run: the ``files`` (resolved, each once), how they are read, and what is kept
    of each: ``keep`` None (the findings only), :data:`WHOLE` (the lightened
    :class:`Checked`, in this process) or ``keep(checked, context)`` for each usable
    document, kept in a :class:`Brief`. ``context`` goes to each worker once."""

    cwd: Path
    files: tuple[Path, ...]
    keep: Callable[[Checked, Any], Any] | str | None = None
    context: Any = None
    reader: Reader = read_regular
    is_file: Callable[[Path], bool] = Path.is_file
    errors_only: bool = False  # keep only the errors among the findings (what render, oversigt, kalender report)

    def checker(self) -> Checker:
        return Checker(self.cwd, frozenset(self.files), reader=self.reader, is_file=self.is_file)

    def kept(self, checked: Checked) -> Any:
        """What the run keeps of ``checked`` (None: its findings only)."""
        if self.keep is None:
            return None
        if self.keep == WHOLE:
            checked.lighten()  # a large workspace's documents fit in little memory
            return checked
        keep, context = self.keep, self.context
        assert callable(keep)
        return Brief.of(checked, lambda c: keep(c, context))


def execute(recipe: Recipe, jobs: int = 1, *, progress: Callable[[int], None] | None = None,
            method: str | None = None, fallback: bool = True, settle: Callable[[Any], Any] | None = None,
            together: dict[Path, list[Path]] | None = None) -> Run:
    """Carry out ``recipe`` in ``jobs`` worker processes, a run of neighbouring files at a
    time; in this process when ``jobs`` is 1, when the recipe keeps whole documents, or
    (``fallback``) when this machine cannot start workers (a sandbox without
    semaphores). ``progress(n)``: n more files done. What is kept is in the order the
    files were found, each file once (every worker meets the workspace file).
    ``settle(item)``: in this process, what is kept of each item as it arrives (a
    calendar puts its events on the disk), so the run never holds them all at once.
    ``together``: files (meetings) and the files that refer to them (their sheets), which
    are then checked one after the other, so each sheet finds its meeting in the checker's
    cache instead of reading it again, and the meeting finds its sheets checked (for its
    sheets page: :func:`with_referrers`); what is kept is in the files' order all the same."""
    jobs = 1 if recipe.keep == WHOLE else jobs
    numbered = list(enumerate(recipe.files))
    if together:
        numbered = grouped(numbered, together)
    found: set[Diagnostic] = set()
    kept: list[tuple[int, int, Any]] = []

    def collect(chunks: list[Any], jobs: int) -> None:
        # in this process with a checker of its own: a run inside another's action (the
        # referrers of a file a survey renders) must not take the outer run's worker
        checker = recipe.checker() if jobs <= 1 else None
        results = (
            (_check_files(recipe, checker, chunk) for chunk in chunks) if checker is not None
            else in_workers(_check_chunk, chunks, jobs, _start_worker, (recipe,), method)
        )
        for findings, done in results:
            found.update(findings)
            kept.extend(done if settle is None else [(i, o, settle(item)) for i, o, item in done])
            if progress is not None:
                progress(len({index for index, _order, _kept in done}))

    try:
        collect(chunked(numbered, jobs), jobs)
    except (ImportError, NotImplementedError, OSError) as exc:
        if not fallback or jobs <= 1 or (isinstance(exc, OSError) and exc.filename and recipe.keep is not None):
            raise  # (an action's own write failed, not the pool)
        found.clear()
        kept.clear()
        collect([numbered], 1)
    del numbered  # (the end of a large run is its peak: nothing held twice there)
    result = Run(sorted(found))
    found.clear()
    kept.sort(key=lambda t: (t[0], t[1]))
    seen: set[Path] = set()
    for _index, _order, item in kept:
        if item.path not in seen:
            seen.add(item.path)
            result.add(item)
    kept.clear()
    if recipe.keep == WHOLE:
        _link_referrers(result.documents)
    return result


def grouped(numbered: list[tuple[int, Path]], together: dict[Path, list[Path]]) -> list[tuple[int, Path]]:
    """``numbered`` with each file of ``together`` right after the files that refer to it,
    at the place of the first of them; every other file where it was."""
    index = {path: i for i, path in numbered}
    leader = {r: target for target, referrers in together.items() if target in index for r in referrers}
    placed: set[Path] = set()
    out: list[tuple[int, Path]] = []

    def place(path: Path) -> None:
        if path in index and path not in placed:
            placed.add(path)
            out.append((index[path], path))

    for _i, path in numbered:
        target = path if path in together else leader.get(path)
        if target is None:
            place(path)
            continue
        for referrer in together.get(target, ()):
            place(referrer)
        place(target)
    return out


_recipe: Recipe | None = None
_checker: Checker | None = None


def _start_worker(recipe: Recipe, *, own: bool = False) -> None:
    global _recipe, _checker
    if not own:
        ignore_ctrl_c()
    _recipe, _checker = recipe, recipe.checker()


def _check_chunk(numbered: list[tuple[int, Path]]) -> tuple[list[Diagnostic], list[tuple[int, int, Any]]]:
    """In a worker: the chunk checked by the worker's checker."""
    assert _recipe is not None and _checker is not None
    return _check_files(_recipe, _checker, numbered)


def _check_files(
    recipe: Recipe, checker: Checker, numbered: list[tuple[int, Path]]
) -> tuple[list[Diagnostic], list[tuple[int, int, Any]]]:
    """The findings of the numbered files, and what the recipe keeps of each."""
    global _current
    found: list[Diagnostic] = []
    kept = []
    outer, _current = _current, checker
    try:
        for index, path in numbered:
            for order, checked in enumerate(checker.check(path)):
                found.extend([d for d in checked.findings if d.is_error] if recipe.errors_only else checked.findings)
                item = recipe.kept(checked)
                if item is not None:
                    kept.append((index, order, item))
    finally:
        _current = outer
    return found, kept


_current: Checker | None = None  # the checker of the run going on in this process (its recent files)


def _grouping(files: tuple[Path, ...]) -> dict[Path, list[Path]] | None:
    """The meetings and their sheets to check together (:func:`grouped`), when there are
    more files than the checker's cache holds (fewer all stay in it)."""
    return sniffed_referrers(files) if len(files) > REFERENCE_CACHE else None


def _jobs(files: int, jobs: int | None) -> int:
    return default_jobs(files) if jobs is None else capped_jobs(jobs)


def run(paths: Iterable[Path], cwd: Path, *, jobs: int | None = None, documents: bool = False,
        onerror: Callable[[OSError], None] | None = None) -> Run:
    """Check every file under ``paths``.

    With ``documents`` the checked documents are kept (one process); without, only the
    findings, in ``jobs`` processes (None: one per core when there are enough files,
    see :func:`~samtale_cli.check.workers.default_jobs`). ``onerror``: told of each
    folder that cannot be read, which is then skipped (without: a usage error).
    """
    files = tuple(discover(paths, onerror))  # a bad path is reported before any work starts
    recipe = Recipe(cwd, files, WHOLE if documents else None)
    return execute(recipe, _jobs(len(files), jobs), together=_grouping(files))


def check(paths: Iterable[Path], cwd: Path, jobs: int | None = None) -> list[Diagnostic]:
    """Every finding under ``paths``, sorted by file, line and column."""
    return run(paths, cwd, jobs=jobs).findings


def check_parallel(files: list[Path], cwd: Path, jobs: int, found: set[Diagnostic], method: str | None = None) -> None:
    """The findings of ``files`` checked in ``jobs`` worker processes, into ``found``;
    raises when the pool cannot start (no falling back to one process)."""
    found.update(execute(Recipe(cwd, tuple(files)), jobs, method=method, fallback=False).findings)


def survey(
    paths: Iterable[Path] | list[Path],
    cwd: Path,
    action: Callable[[Checked, Any], Any],
    context: Any = None,
    *,
    jobs: int | None = None,
    files: list[Path] | None = None,
    progress: Callable[[int], None] | None = None,
    settle: Callable[[Any], Any] | None = None,
    together: dict[Path, list[Path]] | None = None,
    errors_only: bool = False,
) -> Run:
    """Check every file under ``paths`` (or the ``files`` given), in workers as
    :func:`run` does, and apply ``action(checked, context)`` to each usable document
    (render it, take its calendar events); keep of each file only a :class:`Brief` with
    what the action returned. The run's ``documents`` and ``skipped`` are briefs, in the
    order the files were found: a survey of a large workspace fits in little memory.
    ``context`` goes to each worker once; ``settle`` and ``together`` (by default sniffed
    from the files when there are many): see :func:`execute`. ``errors_only``: the run's
    findings are its errors only (a command that reports no warnings need not hold one per
    file of a large workspace)."""
    found = tuple(discover(paths)) if files is None else tuple(files)
    recipe = Recipe(cwd, found, action, context, errors_only=errors_only)
    return execute(recipe, _jobs(len(found), jobs), progress=progress, settle=settle,
                   together=_grouping(found) if together is None else together)


def _link_referrers(documents: list[Checked]) -> None:
    """Tell each document which of the others refer to it (in the order of the run)."""
    by_path = {c.path: c for c in documents}
    for checked in documents:
        for path in checked.refs:
            target = by_path.get(path)
            if target is not None and checked not in target.referrers:
                target.referrers.append(checked)


def with_referrers(checked: Checked, cwd: Path, candidates: list[Path] | None = None,
                   checker: Checker | None = None) -> Checked:
    """``checked`` (a file rendered without the rest of its workspace) with the usable
    documents that refer to it: the sheets of a meeting. ``candidates``: the files that
    may (see :func:`~samtale_cli.check.discover.sniffed_referrers`); by default those of
    its workspace, and outside one there are none. The candidates' own findings are not
    this file's: they are not reported.

    ``checker``: one that a survey's action keeps for all its files (:func:`referrer_checker`),
    so the workspace file is read, and a department's folder listed, once per run and
    not once per meeting. Whether a candidate is usable does not depend on the checker."""
    if candidates is None:
        root = find_workspace_root(checked.path.parent)
        if root is None:
            return checked
        try:
            candidates = sniffed_referrers(discover([root])).get(checked.path, [])
        except SamtaleError:  # a folder of the workspace cannot be read: no referrers, as outside one
            return checked
    if checker is not None:
        found = []
        recent = _current.recent if _current is not None else {}  # checked a moment ago in this run
        for path in dict.fromkeys(candidates):
            done = recent.get(path)
            for other in [done] if done is not None else checker.check(path):
                if not other.is_workspace and other.usable and checked.path in other.refs:
                    other.lighten()
                    found.append(other)
        checker._refs.clear()  # the files they refer to (this one): not asked for again in the run
        checked.referrers = found
        return checked
    others = execute(Recipe(cwd, tuple(candidates), WHOLE))
    checked.referrers = [c for c in others.documents if checked.path in c.refs]
    return checked


_referrers: tuple[Any, Checker] | None = None


def referrer_checker(cwd: Path, run: Any) -> Checker:
    """The checker for :func:`with_referrers` in this process during the run ``run`` (a
    token the caller makes once per run, passed to its workers): a new one for every
    run, so nothing it learnt of the files outlives the run."""
    global _referrers
    if _referrers is None or _referrers[0] != run:
        _referrers = (run, Checker(cwd))
    return _referrers[1]


def run_staged(cwd: Path) -> Run:
    """The samtale files that the next commit changes, as git's index holds them (see
    :mod:`samtale_cli.check.gitindex`): YAML files in a workspace, or that say they are
    samtale documents, outside hidden folders and other programs' folders."""
    from samtale_cli.check.gitindex import GitIndex

    index = GitIndex(cwd)
    files = []
    for path in index.staged():
        rel = path.relative_to(index.top)
        if not path.name.endswith(YAML_SUFFIXES) or path.name.startswith("."):
            continue
        if any(skipped_folder(index.top.joinpath(*rel.parts[: i + 1])) for i in range(len(rel.parts) - 1)):
            continue
        in_workspace = find_workspace_root(path.parent) is not None
        if in_workspace or path.name == WORKSPACE_FILE or looks_like_samtale(path, index.read):
            files.append(path)
    try:
        return execute(Recipe(cwd, tuple(files), reader=index.read, is_file=index.is_file))
    finally:
        index.close()


def check_bytes(path: Path, raw: bytes, cwd: Path, others: Iterable[Path] = ()) -> Checked:
    """``path`` checked as if it held ``raw`` (every other file from the disk), with the
    same reading and rules as a run; nothing is written. For a page and its version made
    from the same bytes, and for a change checked before it is saved. ``others``: the
    other files of the run it stands in (resolved; the workspace's files, for the editor),
    as a run of them all would check it (a misspelt path's "Mente du ...?")."""
    path = path.resolve()

    def reader(target: Path, limit: int) -> bytes:
        if target.resolve() != path:
            return read_regular(target, limit)
        if len(raw) > limit:
            raise TooBig(len(raw))
        return raw

    checker = Recipe(cwd, (path, *others), reader=reader).checker()
    return next(c for c in checker.check(path) if c.path == path)
