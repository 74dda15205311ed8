"""``samtale eksport``: a workspace's facts as JSON Lines (see :mod:`samtale_cli.reports.export`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, report_skipped, show
from samtale_cli.core.errors import SamtaleError


@app.command("eksport", short_help="Skriv arbejdsmappens fakta som JSON Lines til kommunen og andre værktøjer.")
def export_command(
    mappe: Annotated[
        Optional[Path],
        typer.Argument(metavar="MAPPE", help="Arbejdsmappen. Standard: arbejdsmappen omkring dig.", show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="FIL", help="Filen, der skrives, fx eksport.jsonl. Standard: skærmen.",
                     show_default=False),
    ] = None,
    minimer: Annotated[
        bool, typer.Option("--minimér", "--minimer", help="Uden navne (kun roller) og uden referaternes fritekst.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overskriv også en fil, som samtale ikke selv har lavet.")] = False,
) -> int:
    """Skriv arbejdsmappens fakta som JSON Lines: én linje pr. læringssamtale, deltager (rolle), pejlemærke, aftale, ark, opmærksomhedspunkt, indsats, fase, milepæl, evaluering og fund fra check.

    Den første linje er {"samtale_eksport_version": 1, ...}. Hver post har et fast 'id' (filens sti og stedet i filen), 'type', 'dagtilbud', 'afdeling', 'fil', 'dato', 'status' og 'temaer'; JSON Schema for posterne står i docs/eksport.schema.json. De samme filer giver de samme bytes.

    --minimér udelader personers navne (kun roller) og referaternes fritekst: det, en kommune må samle på tværs af dagtilbud. Filer med fejl giver kun deres fund; exitkoden er så 1.
    """
    from samtale_cli.check.discover import command_root, default_paths
    from samtale_cli.cli.output import jobs_from_env
    from samtale_cli.core.files import check_output, write_atomic
    from samtale_cli.reports.export import export_workspace

    folder = mappe or default_paths(Path.cwd())[0]
    if not folder.is_dir():
        raise SamtaleError(f"'{folder}' er ikke en mappe.")
    root = command_root([folder], Path.cwd())
    if output is not None:
        check_output(output, force=force)  # before the work
    text, _records, result = export_workspace(root, minimise=minimer, jobs=jobs_from_env())
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
        print(show(output))
    return report_skipped(result)
