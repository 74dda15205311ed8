"""``samtale render``: documents from the files that pass the pipeline."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, report_skipped
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.kinds import FORMATS

MANY_FILES = 10  # show a progress bar from this many files (on a terminal)
RenderFormat = Enum("RenderFormat", {f: f for f in FORMATS}, type=str)  # the formats of the kinds table
BUNDLE_FORMATS = ("pdf", "docx")  # a folder rendered to one file of these
NEEDS_FILE = ("pdf", "docx")  # binary: never to standard output


@app.command("render", short_help="Lav dagsorden, referat, ark eller plan (md, html, pdf, docx).")
def render_command(  # noqa: C901
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
        typer.Option("--format", help="md, html, pdf eller docx (Word). Standard: endelsen på -o, ellers html.",
                     show_default=False),
    ] = None,
    ud: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="UD", help="Filen (eller for en mappe: mappen) der skrives til. "
                     "Uden -o skrives md og html til standard-output; en mappe skrives til _site/. En mappe "
                     "med -o samlet.pdf eller -o samlet.docx bliver ét samlet dokument med indholdsfortegnelse.",
                     show_default=False),
    ] = None,
    skabeloner: Annotated[
        Optional[Path],
        typer.Option("--skabeloner", metavar="MAPPE", help="En mappe med skabeloner, der erstatter de indbyggede med samme navn.",
                     show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv også filer, som samtale ikke selv har lavet.")] = False,
    word_skabelon: Annotated[
        Optional[Path],
        typer.Option("--word-skabelon", metavar="FIL.docx",
                     help="En Word-fil, hvis typografier, sidehoved og sidefod (fx kommunens logo) bruges i docx.",
                     show_default=False),
    ] = None,
    år: Annotated[
        Optional[int],
        typer.Option("--år", metavar="ÅÅÅÅ", min=1900, max=2200,
                     help="Kun et samlet dokument (-o samlet.docx eller samlet.pdf): årets dokumenter, dvs. møder "
                     "holdt i året, deres ark og indsatsplaner, hvis faser rører året.", show_default=False),
    ] = None,
) -> int:
    """Lav dagsorden, referat, opmærksomhedspunkter eller indsatsplan som Markdown, HTML, PDF eller Word (docx).

    Word-filer har Words egne overskrifter og tabeller, sidetal, A4 og dansk sprog. Med
    --word-skabelon FIL.docx begynder hvert dokument som en kopi af den fil, tømt for
    tekst: dens typografier, sidehoved og sidefod bliver. En mappe skrevet til én fil
    (-o samlet.pdf eller -o samlet.docx) bliver ét dokument med alle mappens dokumenter
    og en indholdsfortegnelse.

    En fil, der ikke består 'samtale check', laves ikke: dens fejl skrives, og
    exitkoden er 1. Forkert brug giver exitkode 2.

    samtale overskriver kun filer, den selv har lavet (de bærer et mærke), så en ny
    kørsel bare virker. En anden fil med samme navn røres ikke uden --force (exitkode 2);
    en YAML-fil eller filen, der laves dokumenter af, røres aldrig, heller ikke med
    --force.
    """
    import datetime as dt

    from samtale_cli.core import kinds
    from samtale_cli.out import pages
    from samtale_cli.out.html import Renderer
    from samtale_cli.check.runs import run

    if not sti.exists():
        raise SamtaleError(f"'{sti}' findes ikke.")
    if skabeloner is not None and not skabeloner.is_dir():
        raise SamtaleError(f"Skabelonmappen '{skabeloner}' findes ikke eller er ikke en mappe.")
    document = None
    if dokument is not None:
        rendering = kinds.rendering_named(dokument)
        if rendering is None:
            raise SamtaleError(f"Ukendt dokument '{dokument}'. Vælg {kinds.choices(list(kinds.RENDERINGS))}.")
        document = rendering.name
    fmt = format.value if format else None
    suffix = ud.suffix.lower().lstrip(".") if ud is not None and not ud.is_dir() else ""
    if ud is not None and ud.suffix and not ud.is_dir():
        # Referat.PDF is a PDF
        if suffix in kinds.FORMATS:
            fmt = fmt or suffix
        elif fmt is None and suffix not in ("yaml", "yml"):  # a YAML file: refused as such below
            raise SamtaleError(
                f"Endelsen '{ud.suffix}' på '{ud}' siger ikke, hvad der skal laves. "
                f"Brug {kinds.choices(['.' + f for f in kinds.FORMATS])}, eller angiv --format."
            )
    fmt = fmt or "html"
    if fmt in NEEDS_FILE and ud is None and sti.is_file():
        name = "referat.pdf" if fmt == "pdf" else "referat.docx"
        raise SamtaleError(f"{fmt.upper()} skal skrives til en fil: angiv den med -o, fx -o {name}.")
    bundle = sti.is_dir() and ud is not None and suffix in BUNDLE_FORMATS and not ud.is_dir()
    if bundle and fmt != suffix:
        raise SamtaleError(f"-o '{ud.name}' og --format {fmt} passer ikke sammen; et samlet dokument er pdf eller docx.")
    if år is not None and not bundle:
        raise SamtaleError("--år bruges kun til et samlet dokument: en mappe med -o samlet.docx eller -o samlet.pdf.")
    word_template = None
    if word_skabelon is not None:
        if fmt != "docx":
            raise SamtaleError("--word-skabelon bruges kun til Word: tilføj --format docx eller -o FIL.docx.")
        from samtale_cli.cli.output import note
        from samtale_cli.out.docx import read_template

        word_template = read_template(word_skabelon, note)

    renderer = Renderer(templates=skabeloner, today=dt.date.today(), word_template=word_template)
    if sti.is_dir() and not bundle:
        out = ud if ud is not None else Path("_site")
        if out.exists() and not out.is_dir():
            raise SamtaleError(f"'{out}' er en fil; ved en mappe skal -o være en mappe.")
        if ud is None:  # the default _site must not be a link out of the current folder
            from samtale_cli.core.files import check_inside

            check_inside(out, Path.cwd(), "den aktuelle mappe")
        return _render_folder(sti, out, renderer, fmt, document, force)
    result = run([sti], Path.cwd(), documents=True)
    if bundle:
        assert ud is not None
        _render_bundle(pages, renderer, sti, ud, result.documents, (document, år), fmt, force)
        return report_skipped(result)
    if result.skipped:
        return report_skipped(result)
    if not result.documents:
        raise SamtaleError(f"'{sti}' er arbejdsmappens fil; den har ingen dokumenter at lave.")
    _render_file(pages, renderer, result.documents[0], document, fmt, ud, force)
    return 0


def _protected(sources: list) -> list[Path]:  # noqa: ANN001
    """What output never replaces: the files rendered, and every file that a file of
    their workspace points to (another meeting's data file too)."""
    from samtale_cli.check.discover import discover, find_workspace_root, pointed_to

    found = [s.path for s in sources]
    roots = {find_workspace_root(s.path.parent) for s in sources} - {None}
    try:
        around = list(discover(roots)) if roots else found
    except SamtaleError:
        around = found
    return [*found, *around, *pointed_to(around)]


def _render_file(pages, renderer, source, document: str | None, fmt: str, ud: Path | None, force: bool) -> None:  # noqa: ANN001
    from samtale_cli.core.files import check_output, write_atomic
    from samtale_cli.core.kinds import choices, kind_of

    allowed = kind_of(source.model).renderings
    document = document or allowed[0]
    if document not in allowed:
        raise SamtaleError(
            f"En fil af typen '{source.model.type}' kan ikke laves som '{document}'. Vælg {choices(allowed)}."
        )
    if ud is not None and ud.is_dir():
        ud = ud / pages.output_name(source.path, document, fmt, single=len(allowed) == 1)
    if ud is not None:
        check_output(ud, force=force, inputs=_protected([source]))  # before the work, and before any write
    if document == "opmærksomhedspunkter" and not source.referrers:
        from samtale_cli.check.runs import with_referrers

        source = with_referrers(source, Path.cwd())  # a meeting's sheets, where they are written
    output = renderer.render(source, document, fmt)
    if ud is None:
        sys.stdout.write(output)  # md and html are text
        sys.stdout.flush()
        return
    write_atomic(ud, output)
    print(f"Skrev {ud}", file=sys.stderr)


def _render_bundle(pages, renderer, folder: Path, out: Path, sources: list, which: tuple[str | None, int | None],  # noqa: ANN001
                   fmt: str, force: bool) -> None:
    from samtale_cli.core.files import check_output, write_atomic
    from samtale_cli.out.bundle import bundle_title, select

    document, year = which
    entries = select(pages.bundle_entries(sources, document), year)
    if not entries:
        during = f" fra {year}" if year is not None else ""
        raise SamtaleError(f"Der er ingen dokumenter{during} at samle under '{folder}'.", 1)
    check_output(out, force=force, inputs=_protected(sources))  # before the work, and before any write
    title = bundle_title(folder, year)
    from samtale_cli.cli.output import jobs_from_env

    write_atomic(out, renderer.bundle(entries, fmt, title, jobs_from_env()))
    print(f"Skrev {out} ({len(entries)} dokumenter)", file=sys.stderr)


def _render_folder(folder: Path, out: Path, renderer, fmt: str, document: str | None, force: bool) -> int:  # noqa: ANN001
    """A folder into a site, on every core (see :mod:`samtale_cli.out.site`)."""
    from samtale_cli.cli.output import jobs_from_env
    from samtale_cli.out.site import render_site

    formats = ["html"] + ([fmt] if fmt != "html" else [])
    cwd = Path.cwd()
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Laver dokumenter", total=None)
            written, result = render_site(folder, out, cwd, renderer, formats, document=document, force=force,
                                          jobs=jobs_from_env(), progress=lambda n: bar.advance(task, n))
    else:
        written, result = render_site(folder, out, cwd, renderer, formats, document=document, force=force,
                                      jobs=jobs_from_env())
    print(f"Skrev {written} filer i {out}", file=sys.stderr)
    return report_skipped(result)
