"""The workspace commands: ``init``, ``new``, ``schema``, ``oversigt``, ``kalender``.

Thin: parse options, call the module that does the work (:mod:`samtale_cli.newdoc`,
:mod:`~samtale_cli.initws`, :mod:`~samtale_cli.schema`, :mod:`~samtale_cli.overview`,
:mod:`~samtale_cli.calendar_ics`), print, choose the exit code. Each command imports
only what it uses, inside the command, so ``samtale --help`` stays fast.
Exit codes: 0 done; 1 refused (a file or workspace exists, git failed); 2 usage error
(unknown type or department, invalid date, a path that cannot be used).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli import OutputFormat, app


def _show(path: Path) -> str:
    from samtale_cli.check import display_name

    return display_name(path, Path.cwd())


def _notes(notes: list[str]) -> None:
    for note in notes:
        print(f"samtale: {note}", file=sys.stderr)


def _stop(exc: Exception) -> typer.Exit:
    print(f"samtale: {exc}", file=sys.stderr)
    return typer.Exit(getattr(exc, "exit_code", 2))


def _kind(value: str, *, allow_workspace: bool = False) -> str:
    from samtale_cli.workspace import canonical_kind

    kind = canonical_kind(value, allow_workspace=allow_workspace)
    if kind is None:
        choices = "læringssamtale, opmærksomhedspunkter, indsats" + (" eller samtale" if allow_workspace else "")
        print(f"samtale: Ukendt dokumenttype '{value}'. Vælg {choices}.", file=sys.stderr)
        raise typer.Exit(2)
    return kind


@app.command("new", short_help="Lav en ny fil, klar til at rette i.")
def new_command(
    type_: Annotated[
        str,
        typer.Argument(
            metavar="TYPE",
            help="Dokumenttypen: læringssamtale, opmærksomhedspunkter eller indsats "
            "(også laeringssamtale, opmaerksomhedspunkter).",
            show_default=False,
        ),
    ],
    dato: Annotated[
        Optional[str],
        typer.Option("--dato", metavar="DATO", help="Dato, fx 2024-05-13 eller 13/5 2024. Standard: i dag (opmærksomhedspunkter: mødets dato).",
                     show_default=False),
    ] = None,
    afdeling: Annotated[
        Optional[str],
        typer.Option("--afdeling", metavar="AFDELING", help="Afdelingen (skal for opmærksomhedspunkter og indsats).", show_default=False),
    ] = None,
    titel: Annotated[Optional[str], typer.Option("--titel", metavar="TITEL", help="Titel på læringssamtale eller indsats.", show_default=False)] = None,
    laeringssamtale: Annotated[
        Optional[Path],
        typer.Option(
            "--læringssamtale", "--laeringssamtale",
            metavar="FIL",
            help="Læringssamtalen, opmærksomhedspunkterne hører til. Standard: den nyeste i arbejdsmappen.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="UD", help="Hvor filen skrives (en fil eller en mappe). Standard: den faste mappe i arbejdsmappen.",
                     show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv en fil, der findes i forvejen.")] = False,
) -> None:
    """Lav en ny, kommenteret YAML-fil, som 'samtale check' godkender, som den er.

    En læringssamtale får standarddagsordenen (plenum 120 min og ledelse 60 min) og pladsholdere for deltagerne; opmærksomhedspunkter får tre pladsholdere; en indsats får tre faser med datoer fra --dato og et stuemøde hver 4. uge.

    I en arbejdsmappe (nærmeste samtale.yaml opad) skrives filen til laeringssamtaler/ÅÅÅÅ-MM-DD-titel.yaml, afdelinger/<afdeling>/indsats-titel.yaml eller afdelinger/<afdeling>/opmaerksomhedspunkter-ÅÅÅÅ-MM-DD.yaml, og første linje henviser editoren til arbejdsmappens JSON Schema. Uden for en arbejdsmappe skrives filen i den aktuelle mappe, uden schema-henvisning.

    Stien til den nye fil skrives ud. En fil, der findes, overskrives kun med --force (ellers exitkode 1).
    """
    from samtale_cli.newdoc import new_document
    from samtale_cli.workspace import WorkspaceError

    kind = _kind(type_)
    try:
        result = new_document(
            kind, Path.cwd(), date=dato, department=afdeling, title=titel,
            meeting=laeringssamtale, output=output, force=force,
        )
    except (WorkspaceError, OSError) as exc:
        raise _stop(exc) from None
    _notes(result.notes)
    print(_show(result.path))


@app.command("init", short_help="Lav en ny arbejdsmappe til et dagtilbud.")
def init_command(
    mappe: Annotated[
        Path, typer.Argument(metavar="MAPPE", help="Mappen, der skal blive arbejdsmappe (laves, hvis den ikke findes).")
    ] = Path("."),
    dagtilbud: Annotated[str, typer.Option("--dagtilbud", metavar="NAVN", help="Dagtilbuddets navn, fx Dagtilbud Vest.", show_default=False)] = ...,  # type: ignore[assignment]
    afdeling: Annotated[
        list[str], typer.Option("--afdeling", metavar="AFDELING", help="En afdeling; gentag for hver afdeling.", show_default=False)
    ] = ...,  # type: ignore[assignment]
    no_git: Annotated[bool, typer.Option("--no-git", help="Lav ikke et git-repo og en første commit.")] = False,
) -> None:
    """Lav en ny arbejdsmappe til et dagtilbud.

    Mappen får samtale.yaml, laeringssamtaler/, afdelinger/<afdeling>/ for hver afdeling, en .gitignore for færdige dokumenter (_site/, *.pdf), en .pre-commit-config.yaml, der kører 'samtale check', JSON Schemas til editorer i .samtale/schema/ og .vscode/settings.json. Uden --no-git laves et git-repo med en første commit.

    En mappe, der allerede har en samtale.yaml, røres ikke (exitkode 1).
    """
    from samtale_cli.initws import init_workspace
    from samtale_cli.workspace import WorkspaceError

    try:
        result = init_workspace(mappe, dagtilbud, afdeling, git=not no_git)
    except (WorkspaceError, OSError) as exc:
        raise _stop(exc) from None
    _notes(result.notes)
    print(f"Arbejdsmappe oprettet: {_show(result.path.parent)}")


@app.command("schema", short_help="Skriv JSON Schema til editorer.")
def schema_command(
    type_: Annotated[
        Optional[str],
        typer.Argument(
            metavar="TYPE",
            help="læringssamtale, opmærksomhedspunkter, indsats eller samtale (samtale.yaml). "
            "Uden type: ét schema for alle tre dokumenttyper.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", metavar="FIL", help="Skriv til filen i stedet for standard-output.", show_default=False)
    ] = None,
) -> None:
    """Skriv JSON Schema (draft 2020-12) for en dokumenttype, så editorer kan foreslå og tjekke nøgler.

    Uden type er schemaet et oneOf over læringssamtale, opmærksomhedspunkter og indsats, afgjort af 'type'. Editorer foreslår de danske nøgler; ASCII-stavemåderne (fx pejlemaerker) accepteres også. Schemaet tjekker kun formen; de faglige regler (summer af minutter, faser, obligatoriske data) tjekker 'samtale check'.
    """
    from samtale_cli.schema import schema_text
    from samtale_cli.workspace import WorkspaceError, atomic_write

    kind = _kind(type_, allow_workspace=True) if type_ is not None else None
    text = schema_text(kind)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write(output, text, force=True)
    except (WorkspaceError, OSError) as exc:
        raise _stop(exc) from None
    print(_show(output.resolve()))


def _default_folder() -> Path:
    from samtale_cli.check import default_paths

    return default_paths(Path.cwd())[0]


@app.command("oversigt", short_help="Vis faser, milepæle og møder pr. afdeling.")
def overview_command(
    mappe: Annotated[
        Optional[Path],
        typer.Argument(metavar="MAPPE", help="Mappen. Standard: arbejdsmappen omkring dig.", show_default=False),
    ] = None,
    dato: Annotated[Optional[str], typer.Option("--dato", metavar="DATO", help="Datoen, oversigten gælder. Standard: i dag.", show_default=False)] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="text: til mennesker. json: til andre værktøjer.")] = OutputFormat.text,
) -> None:
    """Vis for hver afdeling: hvilken fase indsatserne er i, næste milepæl, næste tilbagevendende møde, forfaldne punkter og manglende opmærksomhedspunkter.

    Forfalden er en milepæl, der er passeret i den fase, indsatsen er i nu, eller en indsats, hvis sidste fase er slut. Manglende opmærksomhedspunkter gælder den seneste læringssamtale og de afdelinger, der deltog i den. Filer med fejl er ikke med; kør 'samtale check'.
    """
    import json

    from samtale_cli.check import PathProblem
    from samtale_cli.overview import overview, overview_text
    from samtale_cli.workspace import WorkspaceError, parse_date_option

    folder = mappe or _default_folder()
    if not folder.is_dir():
        raise _stop(WorkspaceError(f"'{folder}' er ikke en mappe.", 2))
    try:
        data = overview(folder, parse_date_option(dato))
    except (WorkspaceError, PathProblem, OSError) as exc:
        raise _stop(exc) from None
    if format is OutputFormat.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(overview_text(data))


@app.command("kalender", short_help="Skriv møder, faser og milepæle som .ics.")
def calendar_command(
    stier: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="STI", help="Filer eller mapper. Standard: arbejdsmappen omkring dig.", show_default=False),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FIL", help="iCalendar-filen, der skrives, fx kalender.ics.", show_default=False)] = ...,  # type: ignore[assignment]
) -> None:
    """Skriv en iCalendar-fil (.ics) med læringssamtaler, faser, milepæle og hver forekomst af de tilbagevendende møder.

    Hver begivenhed har et fast UID ud fra filens sti og punktet, så en ny import opdaterer kalenderen i stedet for at lave dubletter. Filen er ens fra kørsel til kørsel: DTSTAMP er tidspunktet i SOURCE_DATE_EPOCH, hvis den er sat til et heltal, ellers 1970-01-01. Filer med fejl springes over (exitkode 1); kør 'samtale check'.
    """
    from samtale_cli.check import PathProblem, find_workspace_root
    from samtale_cli.calendar_ics import calendar_bytes
    from samtale_cli.collect import load_documents
    from samtale_cli.workspace import WorkspaceError, atomic_write

    paths = stier or [_default_folder()]
    cwd = Path.cwd()
    root = find_workspace_root(cwd) or cwd
    try:
        loaded = load_documents(paths, root)
        data = calendar_bytes(loaded)
        atomic_write(output, data.decode("utf-8"), force=True)
    except (WorkspaceError, PathProblem, OSError) as exc:
        raise _stop(exc) from None
    print(_show(output.resolve()))
    if loaded.invalid:
        names = ", ".join(_show(p) for p in loaded.invalid)
        print(f"samtale: sprang over filer med fejl (kør samtale check): {names}", file=sys.stderr)
        raise typer.Exit(1)
