"""``samtale kalender``: an iCalendar file (see :mod:`samtale_cli.reports.calendar`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, report_skipped, show
from samtale_cli.core.errors import SamtaleError


@app.command("kalender", short_help="Skriv møder, faser, milepæle og frister som .ics.")
def calendar_command(
    stier: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="STI", help="Filer eller mapper. Standard: arbejdsmappen omkring dig.", show_default=False),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FIL", help="iCalendar-filen, der skrives, fx kalender.ics.", show_default=False)] = ...,  # type: ignore[assignment]
    force: Annotated[bool, typer.Option("--force", help="Overskriv også en fil, som samtale ikke selv har lavet.")] = False,
) -> int:
    """Skriv en iCalendar-fil (.ics) med læringssamtaler, faser, milepæle, hver forekomst af de tilbagevendende møder og fristerne for de åbne aftaler.

    Kalenderen hedder som dagtilbuddet. En læringssamtale med 'start' og et tilbagevendende møde med 'kl' (og 'varighed', ellers en time) får klokkeslæt i dansk tid (Europe/Copenhagen); resten er heldagsbegivenheder. Et tilbagevendende møde på en fridag (weekend, helligdag eller en af lukkedagene i samtale.yaml) beholdes, springes over eller flyttes til næste hverdag, som 'ved_fridag' siger.

    Hver begivenhed har et fast UID ud fra filens sti og punktet, så en ny import opdaterer kalenderen i stedet for at lave dubletter. Filen er ens fra kørsel til kørsel: DTSTAMP er tidspunktet i SOURCE_DATE_EPOCH, hvis den er sat til et heltal, ellers 1970-01-01. Filer med fejl springes over: deres fejl skrives, og exitkoden er 1.

    En kalender, som samtale har lavet før, overskrives; en anden fil kun med --force.
    """
    from samtale_cli.reports.calendar import Spool, calendar_chunks, calendar_part, source_date_epoch
    from samtale_cli.core.files import check_output, write_atomic
    from samtale_cli.cli.output import jobs_from_env
    from samtale_cli.check.discover import command_root, default_paths, discover, pointed_to
    from samtale_cli.check.runs import survey

    cwd = Path.cwd()
    paths = stier or default_paths(cwd)
    root = command_root(paths, cwd)  # the UIDs are relative to it: never to the current folder
    if output.is_dir():
        raise SamtaleError(f"'{output}' er en mappe; angiv en fil, fx -o kalender.ics.")
    files = list(discover(paths))
    check_output(output, force=force, inputs=[*files, *pointed_to(files)])  # before the work
    stamp = source_date_epoch()
    with Spool() as spool:  # the events wait on the disk, and go to the file piece by piece
        result = survey(paths, cwd, calendar_part, (root, stamp), jobs=jobs_from_env(), files=files, settle=spool,
                        errors_only=True)
        write_atomic(output, (chunk.decode("utf-8") for chunk in calendar_chunks(result.documents, root, stamp, spool)))
    print(show(output))
    return report_skipped(result)
