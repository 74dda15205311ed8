"""``samtale kommune``: every daycare of a municipality in one site and one DuckDB file (see :mod:`samtale_cli.reports.municipality`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, note, show


@app.command("kommune", short_help="Saml kommunens dagtilbud i én side og én DuckDB-fil.")
def municipality_command(
    fil: Annotated[
        Optional[Path],
        typer.Argument(metavar="KOMMUNE.YAML", help="Kommunens fil. Standard: kommune.yaml her.", show_default=False),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="MAPPE", help="Mappen, siden og kommune.duckdb skrives i.")
    ] = Path("_kommune"),
    med_navne: Annotated[
        bool, typer.Option("--med-navne", help="Tag personers navne og referaternes fritekst med (står på hver side).")
    ] = False,
    dato: Annotated[Optional[str], typer.Option("--dato", metavar="DATO", help="Datoen, overskredne aftaler og faser gælder. Standard: i dag.", show_default=False)] = None,
) -> int:
    """Tjek og eksportér hvert dagtilbud i kommune.yaml, læg fakta i kommune.duckdb (én tabel pr. slags: laeringssamtaler, aftaler, pejlemaerker, ...), og lav en statisk side: pr. dagtilbud (seneste læringssamtale, åbne og overskredne aftaler, indsatser efter fase, manglende ark, fund), pr. tema og år for år.

    kommune.yaml har 'kommune' (navnet), 'fokusomraader' (kommunens egne temaer) og 'dagtilbud': mapper relativt til filen eller git-adresser, som klones skrivebeskyttet til en cache og hentes igen (git fetch) ved næste kørsel.

    Siden og databasen bygges af minimerede eksporter (kun roller, ingen referater); --med-navne tager navnene med, og det står på hver side. Et dagtilbud, der ikke kan læses eller tjekkes, står på siden som sådan, og exitkoden er 1.
    """
    from samtale_cli.check.workspace import parse_date_option
    from samtale_cli.reports.municipality import municipality

    path = fil or Path("kommune.yaml")
    day = parse_date_option(dato)
    progress = _progress() if sys.stderr.isatty() else None
    try:
        result = municipality(path, output, names=med_navne, today=day, progress=progress[1] if progress else None)
    finally:
        if progress is not None:
            progress[0].stop()
    for d in result.daycares:
        if d.problem:
            note(f"{d.written}: kunne ikke læses eller tjekkes: {d.problem}")
        elif d.errors:
            note(f"{d.written}: {d.errors} fejl (se siden, eller kør 'samtale check' i dagtilbuddets mappe)")
    print(show(output / "index.html"))
    return 1 if any(d.failed for d in result.daycares) else 0


def _progress():
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("Dagtilbud", total=None)
    bar.start()
    return bar, lambda written: bar.update(task, advance=1, description=f"Dagtilbud: {written}")
