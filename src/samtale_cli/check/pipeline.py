"""The one pipeline every command uses: discover files -> load -> model -> rules ->
checked documents with their findings.

``check`` prints the findings; ``render``, ``oversigt`` and ``kalender`` use the
documents that passed, and skip the others in one way (:attr:`Run.skipped`): a file
with an error, and a file whose reference (a sheet's meeting) has errors of its own.
A finding is reported once: a broken meeting checked in the same run is not echoed by
the sheets that refer to it.

A folder means every ``*.yaml``/``*.yml`` file under it, except hidden files and
folders (``.git``, ``.pre-commit-config.yaml``), rendered output (``_site``) and other
programs' folders (virtual environments, ``site-packages``, ``node_modules``). Outside a
workspace (no ``samtale.yaml`` at or above the folder) only the files that say they are
samtale documents (``type: læringssamtale`` ...) are read, and a folder without any is
a usage error: samtale never reports on other programs' YAML.

Many files are checked in worker processes, one per core (:func:`run`). Memory stays
flat when only findings are wanted: each document is dropped once its findings are
collected; only the workspace files and a few recently referenced files are kept.

No printing: the command line turns the returned values into text.
"""

from __future__ import annotations

import functools
import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.document import Document, read, refused_document
from samtale_cli.core.errors import SamtaleError, danish_oserror
from samtale_cli.core.files import display_name
from samtale_cli.core.kinds import WORKSPACE_FILE
from samtale_cli.check.loader import Reader, TooBig, read_regular
from samtale_cli.core.values import posix_path

T = TypeVar("T")

REFERENCE_CACHE = 64  # referenced files kept for the files that refer to them
SKIP_DIRS = {"_site", "node_modules", "__pycache__", "site-packages", "dist-packages"}
YAML_SUFFIXES = (".yaml", ".yml")
_SNIFF = 64 * 1024  # how much of a file outside a workspace is read to see what it is


# --- discovery ------------------------------------------------------------------------


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


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file to check (resolved), sorted within each folder, each once.

    A path that does not exist or is neither file nor folder is a usage error; so is a
    folder outside any workspace that holds no samtale file."""
    seen: set[Path] = set()
    for given in paths:
        if given.is_file():
            candidates: Iterable[Path] = [given]
        elif given.is_dir():
            candidates = walk(given)
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
            raise SamtaleError(f"'{given}' findes ikke.{_near(given)}")
        for path in candidates:
            real = Path(os.path.realpath(path))
            if real not in seen:
                seen.add(real)
                # a link is checked under its own name (Checker.check says where it leads)
                yield Path(os.path.abspath(path)) if path.is_symlink() else real


def _near(given: Path) -> str:
    """" Mente du 'x'?" for a path on the command line that does not exist: a file or
    folder in the same folder with a close name, æ/ø/å typed or not ('læringssamtale'
    for the file's 'laeringssamtale', '.yml' for '.yaml', no suffix)."""
    import difflib

    from samtale_cli.core.values import fold_ascii

    folder = given.parent
    try:
        if not folder.is_dir():
            return ""
        names = [p.name for p in folder.iterdir() if not p.name.startswith(".")][:2000]
    except OSError:
        return ""
    keyed = {fold_ascii(n).casefold(): n for n in names}
    key = fold_ascii(given.name).casefold()
    close = [k for k in keyed if k in (key + ".yaml", key + ".yml") or k.rsplit(".", 1)[0] == key.rsplit(".", 1)[0]]
    close = close or difflib.get_close_matches(key, list(keyed), n=1, cutoff=0.8)
    if not close:
        return ""
    return f" Mente du '{(folder / keyed[close[0]]).as_posix() if str(folder) != '.' else keyed[close[0]]}'?"


def walk(folder: Path) -> Iterator[Path]:
    """The ``*.yaml``/``*.yml`` files under ``folder`` as they are named there (not
    resolved), sorted within each folder, skipping hidden and SKIP_DIRS folders. A
    folder that cannot be read is a usage error with its name."""

    def unreadable(exc: OSError) -> None:
        raise SamtaleError(f"Mappen '{exc.filename}' kan ikke læses ({danish_oserror(exc)}).")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not _skipped(Path(root, d)))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


def _skipped(folder: Path) -> bool:
    """Hidden folders, rendered output and other programs' folders (a virtual
    environment has a pyvenv.cfg)."""
    return folder.name.startswith(".") or folder.name in SKIP_DIRS or (folder / "pyvenv.cfg").exists()


@functools.cache
def _type_line() -> Any:
    import re

    from samtale_cli.core import kinds

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
    from samtale_cli.core import kinds

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


# --- checking one file ----------------------------------------------------------------


@dataclass(slots=True)
class Checked:
    """One file after the pipeline: its document, its own findings, and what its
    documents need from other files (the workspace, the files it refers to)."""

    path: Path
    doc: Document
    findings: list[Diagnostic]
    workspace: Any = None  # model.Workspace | None
    refs: dict[Path, Document] = field(default_factory=dict)
    # the usable documents of the run that refer to this one (a meeting's sheets, a
    # sheet's plans); filled by a run with documents=True, and by with_referrers
    referrers: list[Checked] = field(default_factory=list)

    @property
    def model(self) -> Any:
        return self.doc.model

    @property
    def file(self) -> str:
        return self.doc.file

    @property
    def has_errors(self) -> bool:
        return self.model is None or any(d.is_error for d in self.findings)

    @property
    def blocked(self) -> bool:
        """A file it refers to cannot be read (its errors are reported by that file)."""
        return any(ref.model is None for ref in self.refs.values())

    @property
    def usable(self) -> bool:
        """Whether other commands may use it: no errors, and every reference readable."""
        return not self.has_errors and not self.blocked

    @property
    def is_workspace(self) -> bool:
        return self.path.name == WORKSPACE_FILE

    def lighten(self) -> None:
        """Keep what other commands use (the model, the findings) and let the rest go:
        the positions of every value and the raw data are only for the rules."""
        from samtale_cli.check.loader import Source

        self.doc.source = Source(self.doc.source.file, "")
        self.doc.data = None  # (the files it refers to stay whole: the checker's cache shares them)

    def referenced(self, model_type: type) -> Any:
        """The model of the first referenced file of ``model_type`` (a sheet's meeting)."""
        return next((ref.model for ref in self.refs.values() if isinstance(ref.model, model_type)), None)

    def referring(self, model_type: type) -> list[Checked]:
        """The documents of ``model_type`` that refer to this one (a meeting's sheets)."""
        return [c for c in self.referrers if isinstance(c.model, model_type)]


@dataclass
class Checker:
    """Checks files one by one; remembers workspaces and recently referenced files.

    ``reader`` and ``is_file`` read the files: from the disk, or as they stand in git's
    index (:mod:`samtale_cli.check.gitindex`, for the commit hook)."""

    cwd: Path
    checked: frozenset[Path] = frozenset()  # every file of this run (resolved paths)
    reader: Reader = read_regular
    is_file: Callable[[Path], bool] = Path.is_file
    _workspaces: dict[Path, Document] = field(default_factory=dict)
    _refs: OrderedDict[Path, Document] = field(default_factory=OrderedDict)
    _roots: dict[Path, Path | None] = field(default_factory=dict)
    _reported: set[Path] = field(default_factory=set)

    def name(self, path: Path) -> str:
        return display_name(path, self.cwd)

    def workspace_for(self, path: Path) -> Document | None:
        """The workspace file around ``path``, read once."""
        folder = path.parent
        if folder not in self._roots:
            self._roots[folder] = find_workspace_root(folder)
        root = self._roots[folder]
        if root is None:
            return None
        ws_path = root / WORKSPACE_FILE
        if ws_path not in self._workspaces:
            self._workspaces[ws_path] = read(ws_path, self.name(ws_path), self.reader)
        return self._workspaces[ws_path]

    def read_reference(self, path: Path) -> Document:
        """A file that another refers to; the last REFERENCE_CACHE of them are kept."""
        path = path.resolve()
        doc = self._refs.get(path)
        if doc is None:
            doc = self._refs[path] = read(path, self.name(path), self.reader)
            if len(self._refs) > REFERENCE_CACHE:
                self._refs.popitem(last=False)
        else:
            self._refs.move_to_end(path)
        return doc

    def check(self, path: Path) -> Iterator[Checked]:
        """Read and check one file. The workspace around it comes first, the first time
        it is met (its findings belong to samtale.yaml, whichever file led to it)."""
        from samtale_cli.check import rules

        ws_doc = self.workspace_for(path)
        if ws_doc is not None and ws_doc.path not in self._reported:
            self._reported.add(ws_doc.path)
            ctx = rules.Context(ws_doc, workspace=ws_doc.model)
            yield Checked(ws_doc.path, ws_doc, [*ws_doc.diagnostics, *rules.run(ctx)], ws_doc.model)
        if path.name == WORKSPACE_FILE:
            return  # samtale.yaml itself: reported above, once
        refused = self._refused(path, ws_doc)
        if refused is not None:
            yield refused
            return
        # a file read earlier because another referred to it is not read again
        doc = self._refs.get(path) or read(path, self.name(path), self.reader)
        workspace = ws_doc.model if ws_doc is not None else None
        ctx = rules.Context(doc, workspace=workspace, workspace_file=ws_doc is not None, read=self.read_reference,
                            checked=self.checked, is_file=self.is_file,
                            root=ws_doc.path.parent if ws_doc is not None else None)
        findings = [*doc.diagnostics, *rules.run(ctx)]
        yield Checked(path, doc, findings, workspace, ctx.refs)

    def _refused(self, path: Path, ws_doc: Document | None) -> Checked | None:
        """A file that is not read: a link that leads out of the workspace (or, outside
        one, out of its folder), or the second of two files with one name (x.yml beside
        x.yaml, which would become the same documents)."""
        from samtale_cli.core import catalogue

        name = self.name(path)
        if path.is_symlink():
            from samtale_cli.core.files import leads_inside

            root = ws_doc.path.parent if ws_doc is not None else path.parent
            if not leads_inside(path, root):
                where = "arbejdsmappen" if ws_doc is not None else "mappen"
                finding = catalogue.Y016.at(name, 1, 1, f"Filen er et link, der fører uden for {where}; den læses ikke.")
                return Checked(path, refused_document(path, name, finding), [finding])
        if path.suffix == ".yml" and path.with_suffix(".yaml").exists():
            finding = catalogue.W306.at(
                name, 1, 1, f"'{path.with_suffix('.yaml').name}' findes også; de to filer ville blive til de samme "
                "dokumenter. Omdøb eller slet den ene.",
            )
            return Checked(path, refused_document(path, name, finding), [finding])
        return None

    def prepared(self, path: Path) -> Checked:
        """A file already checked (a render after a survey), read with its workspace and
        the files its model refers to, without the rules."""
        ws_doc = self.workspace_for(path)
        doc = self._refs.get(path) or read(path, self.name(path), self.reader)
        refs = {}
        for rel in getattr(doc.model, "references", lambda: [])():
            ref = self.read_reference(path.parent / rel)
            refs[ref.path] = ref
        return Checked(path, doc, [], ws_doc.model if ws_doc is not None else None, refs)

    def findings(self, path: Path) -> list[Diagnostic]:
        return [d for checked in self.check(path) for d in checked.findings]


# --- a run over many files ------------------------------------------------------------


@dataclass
class Run:
    """What the pipeline found: every finding (sorted, each once), and with
    ``documents=True`` the documents that other commands may use."""

    findings: list[Diagnostic]
    documents: list[Checked] = field(default_factory=list)
    skipped: list[Checked] = field(default_factory=list)  # errors, or a broken reference

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.is_error]

    def add(self, checked: Any) -> None:
        """A checked file (or its Brief) among the documents or the skipped ones: a
        workspace file only when it has errors."""
        if checked.is_workspace:
            if checked.has_errors:
                self.skipped.append(checked)
        elif checked.usable:
            self.documents.append(checked)
        else:
            self.skipped.append(checked)


def run(paths: Iterable[Path], cwd: Path, *, jobs: int | None = None, documents: bool = False) -> Run:
    """Check every file under ``paths``.

    With ``documents`` the checked documents are kept (one process); without, only the
    findings, in ``jobs`` processes (None: one per core when there are enough files,
    see :func:`default_jobs`). The findings do not depend on the number of processes:
    they are values, collected in a set and sorted.
    """
    files = list(discover(paths))  # a bad path is reported before any work starts
    if documents:
        return _run_documents(files, cwd)
    jobs = default_jobs(len(files)) if jobs is None else capped_jobs(jobs)
    found: set[Diagnostic] = set()
    if jobs > 1:
        try:
            _check_parallel(files, cwd, jobs, found)
            return Run(sorted(found))
        except (ImportError, NotImplementedError, OSError):
            found.clear()  # no working multiprocessing here (a sandbox without semaphores)
    checker = Checker(cwd, frozenset(files))
    for path in files:
        found.update(checker.findings(path))
    return Run(sorted(found))


def _run_documents(files: list[Path], cwd: Path) -> Run:
    checker = Checker(cwd, frozenset(files))
    found: set[Diagnostic] = set()
    result = Run([])
    for path in files:
        for checked in checker.check(path):
            found.update(checked.findings)
            checked.lighten()  # a large workspace's documents fit in little memory
            result.add(checked)
    result.findings = sorted(found)
    _link_referrers(result.documents)
    return result


def _link_referrers(documents: list[Checked]) -> None:
    """Tell each document which of the others refer to it (in the order of the run)."""
    by_path = {c.path: c for c in documents}
    for checked in documents:
        for path in checked.refs:
            target = by_path.get(path)
            if target is not None and checked not in target.referrers:
                target.referrers.append(checked)


def with_referrers(checked: Checked, cwd: Path, candidates: list[Path] | None = None) -> Checked:
    """``checked`` (a file rendered without the rest of its workspace) with the usable
    documents that refer to it: the sheets of a meeting. ``candidates``: the files that
    may (see :func:`sniffed_referrers`); by default those of its workspace, and outside
    one there are none. The candidates' own findings are not this file's: they are not
    reported."""
    if candidates is None:
        root = find_workspace_root(checked.path.parent)
        if root is None:
            return checked
        try:
            candidates = sniffed_referrers(discover([root])).get(checked.path, [])
        except SamtaleError:  # a folder of the workspace cannot be read: no referrers, as outside one
            return checked
    others = _run_documents(candidates, cwd)
    checked.referrers = [c for c in others.documents if checked.path in c.refs]
    return checked


@functools.cache
def _meeting_line() -> Any:
    import re

    return re.compile(r"^\ufeff?(?:læringssamtale|laeringssamtale)[ \t]*:[ \t]*([\"']?)(.+?)\1[ \t]*(?:#.*)?$", re.M)


def sniffed_referrers(files: Iterable[Path]) -> dict[Path, list[Path]]:
    """For each læringssamtale (resolved path), the sheets whose ``læringssamtale:``
    line names it, read from the files' first lines as :func:`sniffed_kind` reads the
    type line, without loading them: a guess, which :func:`with_referrers` checks."""
    from samtale_cli.core import kinds

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
    import re

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
        if any(_skipped(index.top.joinpath(*rel.parts[: i + 1])) for i in range(len(rel.parts) - 1)):
            continue
        in_workspace = find_workspace_root(path.parent) is not None
        if in_workspace or path.name == WORKSPACE_FILE or looks_like_samtale(path, index.read):
            files.append(path)
    checker = Checker(cwd, frozenset(files), reader=index.read, is_file=index.is_file)
    found: set[Diagnostic] = set()
    for path in files:
        found.update(checker.findings(path))
    return Run(sorted(found))


def check_bytes(path: Path, raw: bytes, cwd: Path) -> Checked:
    """``path`` checked as if it held ``raw`` (every other file from the disk), with the
    same reading and rules as a run; nothing is written. For a page and its version made
    from the same bytes, and for a change checked before it is saved."""
    path = path.resolve()

    def reader(target: Path, limit: int) -> bytes:
        if target.resolve() != path:
            return read_regular(target, limit)
        if len(raw) > limit:
            raise TooBig(len(raw))
        return raw

    checker = Checker(cwd, frozenset([path]), reader=reader)
    return next(c for c in checker.check(path) if c.path == path)


@dataclass(slots=True)
class Brief(Generic[T]):
    """A checked file, briefly: whether other commands may use it, and a small summary
    of it (``facts``, what a survey's action returned; None for a file that is not
    usable) instead of its document, so a survey of a large workspace fits in little
    memory and crosses between processes cheaply. Code that needs something of many
    files takes briefs only; a :class:`Checked` at hand becomes one with :meth:`of`."""

    path: Path
    file: str
    is_workspace: bool
    has_errors: bool
    blocked: bool
    facts: T | None = None

    @property
    def usable(self) -> bool:
        return not self.has_errors and not self.blocked

    @classmethod
    def of(cls, checked: Checked, action: Callable[[Checked], T]) -> Brief[T]:
        """The brief of ``checked``, its facts taken by ``action`` when it is usable."""
        usable = checked.usable and not checked.is_workspace
        return cls(checked.path, checked.file, checked.is_workspace, checked.has_errors, checked.blocked,
                   action(checked) if usable else None)


def survey(
    paths: Iterable[Path] | list[Path],
    cwd: Path,
    action: Callable[[Checked, Any], Any],
    context: Any = None,
    *,
    jobs: int | None = None,
    files: list[Path] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Run:
    """Check every file under ``paths`` (or the ``files`` given), in workers as
    :func:`run` does, and apply ``action(checked, context)`` to each usable document
    (render it, take its calendar events); keep of each file only a :class:`Brief` with
    what the action returned. The run's ``documents`` and ``skipped`` are briefs, in the
    order the files were found: a survey of a large workspace fits in little memory.
    ``context`` goes to each worker once."""
    files = list(discover(paths)) if files is None else files
    jobs = default_jobs(len(files)) if jobs is None else capped_jobs(jobs)
    numbered = list(enumerate(files))
    found: set[Diagnostic] = set()
    briefs: list[tuple[int, int, Brief]] = []
    args = (cwd, frozenset(files), action, context)

    def collect(chunks: list[Any], jobs: int) -> None:
        for findings, done in in_workers(_survey_chunk, chunks, jobs, _start_survey, args):
            found.update(findings)
            briefs.extend(done)
            if progress is not None:
                progress(len({index for index, _order, _brief in done}))

    try:
        collect(chunked(numbered, jobs), jobs)
    except (ImportError, NotImplementedError, OSError) as exc:
        if isinstance(exc, OSError) and exc.filename:  # the action's own write failed, not the pool
            raise
        found.clear()
        briefs.clear()
        collect([numbered], 1)
    result = Run(sorted(found))
    seen: set[Path] = set()
    for _index, _order, brief in sorted(briefs, key=lambda t: (t[0], t[1])):
        if brief.path not in seen:  # the workspace file: every worker meets it once
            seen.add(brief.path)
            result.add(brief)
    return result


_action: Callable[[Checked, Any], Any] | None = None
_context: Any = None


def _start_survey(cwd: Path, checked: frozenset[Path], action: Callable[[Checked, Any], Any], context: Any,
                  *, own: bool = False) -> None:
    global _action, _context
    _start_worker(cwd, checked, own=own)
    _action, _context = action, context


def _survey_chunk(numbered: list[tuple[int, Path]]) -> tuple[list[Diagnostic], list[tuple[int, int, Brief]]]:
    assert _worker is not None and _action is not None
    found: list[Diagnostic] = []
    briefs = []
    for index, path in numbered:
        for order, checked in enumerate(_worker.check(path)):
            found.extend(checked.findings)
            briefs.append((index, order, Brief.of(checked, lambda c: _action(c, _context))))
    return found, briefs


def check(paths: Iterable[Path], cwd: Path, jobs: int | None = None) -> list[Diagnostic]:
    """Every finding under ``paths``, sorted by file, line and column."""
    return run(paths, cwd, jobs=jobs).findings


# --- worker processes -----------------------------------------------------------------

# Files per process below which starting one costs more than it saves. A forked process
# starts in milliseconds; a spawned one (Windows, macOS) imports everything again.
_FILES_PER_JOB = 150 if sys.platform == "linux" else 600


def cores() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """One process per usable core, as long as each gets enough files."""
    return max(1, min(cores(), files // _FILES_PER_JOB))


def capped_jobs(jobs: int) -> int:
    """SAMTALE_JOBS beyond the number of cores only costs memory (100000 processes did)."""
    return max(1, min(jobs, cores()))


def chunked(items: list[Any], jobs: int) -> list[list[Any]]:
    """Runs of neighbouring items for the workers: neighbours share a department folder,
    so a worker's reference cache serves the sheets of one folder; small runs keep every
    core busy to the end."""
    size = max(1, min(32, len(items) // (jobs * 8)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def in_workers(
    function: Callable[[Any], Any], chunks: list[Any], jobs: int, initializer: Callable[..., None],
    initargs: tuple[Any, ...], method: str | None = None,
) -> Iterator[Any]:
    """``function(chunk)`` for every chunk, in ``jobs`` worker processes made with
    ``initializer(*initargs)``, in the order they finish; in this process when ``jobs``
    is 1. Raises ImportError, NotImplementedError or OSError when this machine cannot
    start workers (a sandbox without semaphores): the caller then does it in-process."""
    if jobs <= 1:
        initializer(*initargs, own=True)
        yield from map(function, chunks)
        return
    import multiprocessing

    method = method or ("fork" if sys.platform == "linux" else "spawn")
    ctx = multiprocessing.get_context(method)
    pool = None
    try:
        with _ctrl_c_held():
            pool = ctx.Pool(jobs, initializer=initializer, initargs=initargs)
        yield from pool.imap_unordered(function, chunks)
    finally:
        if pool is not None:
            pool.terminate()


def _check_parallel(
    files: list[Path], cwd: Path, jobs: int, found: set[Diagnostic], method: str | None = None
) -> None:
    """Check ``files`` in ``jobs`` worker processes, a run of neighbouring files at a time."""
    for result in in_workers(_check_chunk, chunked(files, jobs), jobs, _start_worker, (cwd, frozenset(files)), method):
        found.update(result)


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


def ignore_ctrl_c() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(cwd: Path, checked: frozenset[Path], *, own: bool = False) -> None:
    global _worker
    if not own:
        ignore_ctrl_c()
    _worker = Checker(cwd, checked)


def _check_chunk(files: list[Path]) -> list[Diagnostic]:
    assert _worker is not None
    return [d for path in files for d in _worker.findings(path)]
