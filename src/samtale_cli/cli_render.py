"""The ``render`` command (registered on :data:`samtale_cli.cli.app`)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli import _fail, _print_text, app
from samtale_cli.files import write_atomic

MANY_FILES = 10  # show a progress bar from this many files (on a terminal)


class RenderFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"


@app.command("render", short_help="Lav dagsorden, referat, ark eller plan (md, html, pdf).")
def render_command(
    sti: Annotated[
        Path, typer.Argument(metavar="STI", help="En fil eller en mappe. En mappe giver alle dokumenter for alle filer under den.")
    ],
    dokument: Annotated[
        Optional[str],
        typer.Option(
            "--dokument",
            metavar="DOKUMENT",
            help="dagsorden, referat, opmærksomhedspunkter eller indsatsplan. Standard: referat for en "
            "læringssamtale, arket for opmærksomhedspunkter og indsatsplan for en indsats.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Optional[RenderFormat],
        typer.Option("--format", help="md, html eller pdf. Standard: endelsen på -o, ellers html.", show_default=False),
    ] = None,
    ud: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="UD", help="Filen (eller for en mappe: mappen) der skrives til. "
                     "Uden -o skrives md og html til standard-output; en mappe skrives til _site/.",
                     show_default=False),
    ] = None,
    skabeloner: Annotated[
        Optional[Path],
        typer.Option("--skabeloner", metavar="MAPPE", help="En mappe med skabeloner, der erstatter de indbyggede med samme navn.",
                     show_default=False),
    ] = None,
) -> None:
    """Lav dagsorden, referat, opmærksomhedspunkter eller indsatsplan som Markdown, HTML eller PDF.

    En fil, der ikke består 'samtale check', laves ikke: dens fejl skrives, og
    exitkoden er 1. Forkert brug giver exitkode 2.
    """
    from samtale_cli import render as r
    from samtale_cli.check import Checker, PathProblem, iter_files
    from samtale_cli.diagnostics import Level

    if not sti.exists():
        raise _fail(f"'{sti}' findes ikke.")
    if skabeloner is not None and not skabeloner.is_dir():
        raise _fail(f"Skabelonmappen '{skabeloner}' findes ikke eller er ikke en mappe.")
    document = None
    if dokument is not None:
        document = r.canonical_document(dokument)
        if document is None:
            raise _fail(f"Ukendt dokument '{dokument}'. Vælg dagsorden, referat, opmærksomhedspunkter eller indsatsplan.")
    fmt = format.value if format else None
    if fmt is None and ud is not None and ud.suffix.lstrip(".") in r.FORMATS:
        fmt = ud.suffix.lstrip(".")
    fmt = fmt or "html"

    if fmt == "pdf" and ud is None and sti.is_file():
        raise _fail("PDF skal skrives til en fil: angiv den med -o, fx -o referat.pdf.")

    cwd = Path.cwd()
    checker = Checker(cwd)
    docs, found = [], set()
    try:
        for path in iter_files([sti]):
            doc, diagnostics = checker.check_document(path)
            found.update(diagnostics)
            if doc is not None:
                docs.append(doc)
    except PathProblem as exc:
        raise _fail(str(exc)) from None
    errors = sorted(d for d in found if d.level is Level.ERROR)
    failed = {d.file for d in errors}
    renderer = r.Renderer(templates=skabeloner, today=_today())

    try:
        if sti.is_file():
            if errors:
                _report(errors)
                raise typer.Exit(1)
            if not docs:
                raise _fail(f"'{sti}' er arbejdsmappens fil; den har ingen dokumenter at lave.")
            _render_file(r, renderer, r.from_document(docs[0], checker), document, fmt, ud)
            return
        sources = [r.from_document(doc, checker) for doc in docs if doc.file not in failed]
        if document is not None:
            sources = [s for s in sources if document in r.documents_for(s.model)]
        out = ud if ud is not None else Path("_site")
        if out.exists() and not out.is_dir():
            raise _fail(f"'{out}' er en fil; ved en mappe skal -o være en mappe.")
        _render_folder(r, renderer, sti, out, sources, fmt)
    except r.RenderError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"Kunne ikke skrive: {exc.strerror or exc} ({exc.filename or ''}).") from None
    if errors:
        _report(errors)
        print(f"samtale: {len(failed)} fil(er) med fejl blev ikke lavet.", file=sys.stderr)
        raise typer.Exit(1)


def _today():
    import datetime as dt

    return dt.date.today()


def _report(errors: list) -> None:
    """The errors as ``samtale check`` prints them, on standard error (stdout is the document)."""
    saved, sys.stdout = sys.stdout, sys.stderr
    try:
        _print_text(errors)
    finally:
        sys.stdout = saved


def _render_file(r, renderer, source, document: str | None, fmt: str, ud: Path | None) -> None:
    allowed = r.documents_for(source.model)
    document = document or allowed[0]
    if document not in allowed:
        raise _fail(
            f"En fil af typen '{source.model.type}' kan ikke laves som '{document}'. Vælg {_choices(allowed)}."
        )
    output = renderer.render(source, document, fmt)
    if ud is None:
        sys.stdout.write(output)  # md and html are text
        sys.stdout.flush()
        return
    if ud.is_dir():
        ud = ud / r.output_name(source.path, document, fmt, single=len(allowed) == 1)
    write_atomic(ud, output)
    print(f"Skrev {ud}", file=sys.stderr)


def _choices(allowed: tuple[str, ...]) -> str:
    return " eller ".join(", ".join(allowed).rsplit(", ", 1)) if len(allowed) > 1 else allowed[0]


def _render_folder(r, renderer, folder: Path, out: Path, sources: list, fmt: str) -> None:
    folder = folder.resolve()
    if sys.stderr.isatty() and len(sources) >= MANY_FILES:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Laver dokumenter", total=len(sources))
            written = r.render_folder(folder, out, sources, renderer, fmt, lambda: bar.advance(task))
    else:
        written = r.render_folder(folder, out, sources, renderer, fmt)
    print(f"Skrev {len(written)} filer i {out}", file=sys.stderr)
