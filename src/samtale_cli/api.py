"""A small, stable surface for using samtale from Python: tests, bench, fuzz, scripts.

Four functions, each doing what its command does, without printing or exit codes:

* :func:`check` -- ``samtale check PATHS``: the findings, sorted.
* :func:`load` -- one file checked: its model, or its findings when it has errors.
* :func:`render` -- ``samtale render FILE --dokument D --format F``: the document.
* :func:`import_word` -- ``samtale import FIL.docx``: the YAML text made of it.

What the rest of the package is called and where it lives may change; these names and
signatures do not. A usage error (a path that does not exist, a document the file
cannot be rendered as, a Word file that is none of the kinds) raises
:class:`~samtale_cli.core.errors.SamtaleError` with the Danish message the command
prints. Importing this module is cheap: the package's modules are imported inside the
functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

    from samtale_cli.core.diagnostics import Diagnostic

__all__ = ["check", "load", "render", "import_word"]


def check(paths: Iterable[Path | str], cwd: Path | str | None = None, *, jobs: int | None = 1) -> list[Diagnostic]:
    """Every finding for the files under ``paths`` (files or folders), sorted by file,
    line and column, with file names shown relative to ``cwd`` (default: the current
    folder), as ``samtale check`` prints them. ``jobs``: worker processes (1: none;
    None: one per core when there are many files, as the command does)."""
    from samtale_cli.check.runs import run

    here = Path.cwd() if cwd is None else Path(cwd)
    return run([Path(p) for p in paths], here, jobs=jobs).findings


def load(path: Path | str) -> BaseModel | list[Diagnostic]:
    """The model of the YAML file at ``path`` (a læringssamtale, an ark with
    opmærksomhedspunkter or an indsats), checked with its workspace as ``samtale check``
    does; when the file has errors, its findings instead (a list, never empty)."""
    from samtale_cli.check.runs import run

    path = Path(path).resolve()
    result = run([path], path.parent, documents=True)
    if result.documents:
        return result.documents[0].model
    return result.findings


def render(path: Path | str, document: str | None = None, fmt: str = "html", *,
           today: dt.date | None = None, templates: Path | str | None = None) -> str | bytes:
    """The ``document`` (dagsorden, referat, opmærksomhedspunkter, indsatsplan; None:
    the file's default) of the YAML file at ``path`` as ``fmt``: text for md and html,
    bytes for pdf and docx, made as ``samtale render`` makes it. ``today``
    (default: today) is the date the documents are made on; ``templates`` a folder like
    ``--skabeloner``. A file with errors raises SamtaleError (exit code 1)."""
    from samtale_cli.core.errors import SamtaleError
    from samtale_cli.core.kinds import FORMATS, choices, kind_of
    from samtale_cli.out.html import Renderer
    from samtale_cli.out.pages import load

    if fmt not in FORMATS:
        raise SamtaleError(f"Ukendt format '{fmt}'. Vælg {choices(list(FORMATS))}.")
    source = load(Path(path))
    allowed = kind_of(source.model).renderings
    document = document or allowed[0]
    if document not in allowed:
        raise SamtaleError(
            f"En fil af typen '{source.model.type}' kan ikke laves som '{document}'. Vælg {choices(allowed)}."
        )
    renderer = Renderer(templates=None if templates is None else Path(templates), today=today or dt.date.today())
    return renderer.render(source, document, fmt)


def import_word(path: Path | str, cwd: Path | str | None = None, output: Path | str | None = None, *,
                force: bool = False) -> str:
    """The YAML text that ``samtale import`` makes of the Word file at ``path``.

    With ``cwd`` the import runs as the command does in that folder: the file is written
    where the workspace keeps its kind (or to ``output``; an existing file only with
    ``force``). Without it the import runs in an empty temporary folder, as outside any
    workspace, and leaves no file behind (an ark's path to its læringssamtale is then
    a guess, with a comment, as the command writes it there).
    """
    import tempfile

    from samtale_cli.wordin.importer import import_docx

    source = Path(path).resolve()
    if cwd is not None:
        return import_docx(source, Path(cwd), None if output is None else Path(output), force).text
    with tempfile.TemporaryDirectory(prefix="samtale-import-") as tmp:
        return import_docx(source, Path(tmp), None, False).text
