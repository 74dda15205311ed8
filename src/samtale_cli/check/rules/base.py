"""The rules' registry: :class:`Context`, :func:`rule`, :func:`text_rule` and :func:`run`
(see the package's docstring)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any

from pydantic import BaseModel

from samtale_cli.core.diagnostics import Code, Diagnostic
from samtale_cli.core.files import leads_inside
from samtale_cli.core.text import NEAR, closest, mente_du
from samtale_cli.core.values import parse_date
from samtale_cli.check.document import Document
from samtale_cli.check.loader import DataPath

Rule = Callable[["Context"], Iterable[Diagnostic]]


def _is_file(path: Path) -> bool:
    return path.is_file()

_RULES: dict[type, list[Rule]] = {}
_TEXT_RULES: list[Rule] = []


@dataclass(slots=True)
class Context:
    doc: Document
    workspace: Any = None  # model.Workspace | None
    workspace_file: bool = False  # a samtale.yaml is around (workspace is None when it is broken)
    read: Callable[[Path], Document] | None = None  # another file, read once by the pipeline
    checked: frozenset[Path] = frozenset()  # every file of this run (resolved paths)
    refs: dict[Path, Document] = field(default_factory=dict)  # the files this one referred to
    is_file: Callable[[Path], bool] = _is_file  # whether a file exists (on disk, or in git's index)
    root: Path | None = None  # the workspace's folder: references stay inside it
    memo: dict[Any, Any] = field(default_factory=dict)  # what rules learn once per run (the sheets of a folder)

    @property
    def model(self) -> Any:
        return self.doc.model

    @property
    def closed(self) -> Callable[[Any], str | None] | None:
        """Whether the daycare is closed on a day (samtale.yaml's ``lukkedage``)."""
        return self.workspace.closed if self.workspace is not None else None

    def exists(self, path: Path) -> bool:
        """Whether the file a document names exists (never raises: a name too long or
        holding a NUL byte is no file)."""
        try:
            return self.is_file(path)
        except (OSError, ValueError):
            return False

    def referenced(self, path: Path) -> Document | None:
        """The document at ``path``, which this file refers to (None when no reader)."""
        if self.read is None:
            return None
        doc = self.read(path)
        self.refs[doc.path] = doc
        return doc

    def report(self, code: Code, path: DataPath, message: str, *, key: bool = False) -> Diagnostic:
        """A finding of catalogue entry ``code`` at the value (or, with ``key``, the key)
        of ``path``."""
        source = self.doc.source
        pos = source.key_pos(path) if key else source.value_pos(path)
        return code.at(source.file, pos.line, pos.col, message)


def referenced_model(
    ctx: Context, written: str, where: DataPath, model_type: type, codes: tuple[Code, Code], names: tuple[str, str]
) -> tuple[Any, list[Diagnostic]]:
    """The model of the file that ``written`` (a path relative to this file) names, with
    the findings when there is none: the file is missing (``codes[0]``), or is no valid
    file of ``model_type`` (``codes[1]``). ``names``: the file's kind as "Læringssamtalen"
    and "læringssamtale". A referenced file with errors of its own, checked in this same
    run, is not echoed here."""
    the, kind = names
    if written.startswith("/") or PureWindowsPath(written).drive:  # '/x', 'C:/x', '//server/x'
        message = (f"{the} '{written}' er en fuld sti; skriv stien relativ til denne fil (fx ../../laeringssamtaler/"
                   f"...), så den virker på alle maskiner.{_elsewhere(ctx, Path(PureWindowsPath(written).name))}")
        return None, [ctx.report(codes[0], where, message)]
    target = ctx.doc.path.parent / written
    if ctx.root is not None and not leads_inside(target, ctx.root):
        return None, [ctx.report(codes[0], where, f"{the} '{written}' ligger uden for arbejdsmappen; den læses ikke.")]
    if not ctx.exists(target):
        if _is_folder(target):
            return None, [ctx.report(codes[0], where, f"{the} '{written}' er en mappe; skriv stien til filen i den.")]
        hint = _elsewhere(ctx, target, written, dated=kind == "læringssamtale")
        message = f"{the} '{written}' findes ikke (stien er relativ til denne fil).{hint}"
        return None, [ctx.report(codes[0], where, message)]
    doc = ctx.referenced(target)
    if doc is None or (doc.model is None and doc.path in ctx.checked):
        return None, []
    if doc.model is None:
        return None, [ctx.report(codes[1], where, f"'{written}' er ikke en gyldig {kind}; kør 'samtale check' på den.")]
    if not isinstance(doc.model, model_type):
        return None, [ctx.report(codes[1], where, f"'{written}' er ikke en {kind}.")]
    return doc.model, []


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _elsewhere(ctx: Context, target: Path, written: str = "", *, dated: bool = False) -> str:
    """" Mente du '../sti/fil.yaml'?" for a file of this run with the name ``target``
    has (any case, æ/ø/å composed or not), else with a close name, the nearest one
    first: the path as it should be written here. Nothing when that is ``written``
    itself (a link that leads nowhere is no file); a word when only the way a letter
    is stored differs (a name copied from a Mac)."""
    import os
    import unicodedata

    paths: dict[str, list[str]] = {}
    for path in ctx.checked:
        if path != ctx.doc.path:
            try:
                rel = Path(os.path.relpath(path, ctx.doc.path.parent)).as_posix()
            except ValueError:  # another drive on Windows
                continue
            paths.setdefault(unicodedata.normalize("NFC", path.name).casefold(), []).append(rel)
    name = unicodedata.normalize("NFC", target.name).casefold()
    near = name if name in paths else closest(name, paths, cutoff=NEAR)
    close = [near] if near is not None else []
    if not close and dated:  # a meeting's date where its path belongs: '13/5 2025'
        try:
            day = parse_date(written).isoformat()
        except (ValueError, TypeError, OverflowError):
            day = ""
        dated = [key for key in paths if day and key.startswith(day) and key.endswith((".yaml", ".yml"))]
        close = dated if len(dated) == 1 else []
    if not close:
        return ""
    nearest = min(paths[close[0]], key=lambda rel: (rel.count("/"), rel))
    if nearest == written:
        return ""
    if unicodedata.normalize("NFC", nearest) == unicodedata.normalize("NFC", written):
        return (" En fil med det navn findes, men et bogstav i navnet er gemt på en anden måde (fx å som a med en "
                "ring over, som på en Mac). Skriv navnet igen i filen, eller omdøb filen.")
    return mente_du(nearest)


def rule(*models: type[BaseModel]) -> Callable[[Rule], Rule]:
    """Register a rule for documents of the given model classes."""

    def register(fn: Rule) -> Rule:
        for model in models:
            _RULES.setdefault(model, []).append(fn)
        return fn

    return register


def text_rule(fn: Rule) -> Rule:
    """Register a rule that reads the raw text; it runs even when the model is invalid."""
    _TEXT_RULES.append(fn)
    return fn


def run(ctx: Context) -> Iterator[Diagnostic]:
    for fn in _TEXT_RULES:
        yield from fn(ctx)
    if ctx.model is None:
        return
    for fn in _RULES.get(type(ctx.model), ()):
        yield from fn(ctx)
