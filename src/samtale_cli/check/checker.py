"""Checking one file: :class:`Checker` reads it with its workspace and the files it
refers to and runs the rules; :class:`Checked` is the file after that, and
:class:`Brief` a small summary of it. Both are :class:`Usable`: code that takes either
asks only that.

The workspace around a file is read once per checker, whichever file led to it; its
findings belong to samtale.yaml. Only the last :data:`REFERENCE_CACHE` referenced files
are kept, so memory stays flat over a large workspace.

No printing: findings are values.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from samtale_cli.check import rules
from samtale_cli.check.discover import find_workspace_root
from samtale_cli.check.document import Document, read, refused_document
from samtale_cli.check.loader import Reader, Source, read_regular
from samtale_cli.core import catalogue
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.core.files import display_name, leads_inside
from samtale_cli.core.kinds import WORKSPACE_FILE

T = TypeVar("T")

REFERENCE_CACHE = 64  # referenced files kept for the files that refer to them


@runtime_checkable
class Usable(Protocol):
    """A checked file, as code over many files sees it: a :class:`Checked` or its
    :class:`Brief`. Whether other commands may use it, and where it is."""

    @property
    def path(self) -> Path: ...  # resolved (a link: its own name)

    @property
    def file(self) -> str: ...  # its name in findings

    @property
    def is_workspace(self) -> bool: ...

    @property
    def has_errors(self) -> bool: ...

    @property
    def blocked(self) -> bool: ...

    @property
    def usable(self) -> bool: ...


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
        self.doc.source = Source(self.doc.source.file, "")
        self.doc.data = None  # (the files it refers to stay whole: the checker's cache shares them)

    def referenced(self, model_type: type) -> Any:
        """The model of the first referenced file of ``model_type`` (a sheet's meeting)."""
        return next((ref.model for ref in self.refs.values() if isinstance(ref.model, model_type)), None)

    def referring(self, model_type: type) -> list[Checked]:
        """The documents of ``model_type`` that refer to this one (a meeting's sheets)."""
        return [c for c in self.referrers if isinstance(c.model, model_type)]



def _utf8(text: str) -> bool:
    """Whether ``text`` (a path as the system gave it) is valid UTF-8 (no stand-ins for
    bytes it could not decode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _put(cache: OrderedDict[Path, Any], path: Path, value: Any) -> None:
    """``value`` as the newest of ``cache``, which keeps the last REFERENCE_CACHE."""
    cache[path] = value
    if len(cache) > REFERENCE_CACHE:
        cache.popitem(last=False)


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
    _memo: dict[Any, Any] = field(default_factory=dict)  # the rules' memo (Context.memo), one per run
    recent: OrderedDict[Path, Checked] = field(default_factory=OrderedDict)  # the last files checked

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
            doc = read(path, self.name(path), self.reader)
            self._keep(path, doc)
        else:
            self._refs.move_to_end(path)
        return doc

    def _keep(self, path: Path, doc: Document) -> None:
        _put(self._refs, path, doc)

    def check(self, path: Path) -> Iterator[Checked]:
        """Read and check one file. The workspace around it comes first, the first time
        it is met (its findings belong to samtale.yaml, whichever file led to it)."""
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
        # a file read earlier because another referred to it is not read again, and one
        # read now is kept for the files that refer to it (a run checks them next: runs.grouped)
        doc = self._refs.get(path)  # (the run's paths are resolved, as the cache's are)
        if doc is None or (doc.data is None and not doc.source.text):  # (none, or lightened: read it whole)
            doc = read(path, self.name(path), self.reader)
            self._keep(path, doc)
        workspace = ws_doc.model if ws_doc is not None else None
        ctx = rules.Context(doc, workspace=workspace, workspace_file=ws_doc is not None, read=self.read_reference,
                            checked=self.checked, is_file=self.is_file,
                            root=ws_doc.path.parent if ws_doc is not None else None, memo=self._memo)
        findings = [*doc.diagnostics, *rules.run(ctx)]
        checked = Checked(path, doc, findings, workspace, ctx.refs)
        _put(self.recent, path, checked)
        yield checked

    def _refused(self, path: Path, ws_doc: Document | None) -> Checked | None:
        """A file that is not read: a link that leads out of the workspace (or, outside
        one, out of its folder), or the second of two files with one name (x.yml beside
        x.yaml, which would become the same documents)."""
        name = self.name(path)
        if not _utf8(str(path)):  # a name from an old zip file or a Windows code page ('M\xf8de.yaml')
            shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            finding = catalogue.Y012.at(
                shown, 1, 1, "Filnavnet er ikke gemt som UTF-8 (det sker, når en zip-fil fra Windows pakkes ud); "
                "samtale læser ikke filen. Omdøb den, og skriv æ, ø og å igen.")
            safe = Path(str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
            return Checked(safe, refused_document(safe, shown, finding), [finding])
        if path.is_symlink():
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

