"""``samtale oversigt``: what is under way and what is missing (see :mod:`samtale_cli.reports.overview`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import OutputFormat, app, report_skipped
from samtale_cli.core.errors import SamtaleError


@app.command("oversigt", short_help="Vis åbne aftaler, faser, milepæle og møder pr. afdeling.")
def overview_command(
    mappe: Annotated[
        Optional[Path],
        typer.Argument(metavar="MAPPE", help="Mappen. Standard: arbejdsmappen omkring dig.", show_default=False),
    ] = None,
    dato: Annotated[Optional[str], typer.Option("--dato", metavar="DATO", help="Datoen, oversigten gælder. Standard: i dag.", show_default=False)] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="text: til mennesker. json: til andre værktøjer.")] = OutputFormat.text,
    ansvarlig: Annotated[
        Optional[str],
        typer.Option("--ansvarlig", metavar="NAVN", help="Kun aftaler og indsatser for denne rolle eller person, "
                     "fx 'pædagogisk leder' eller 'Merete Juhl'.", show_default=False),
    ] = None,
) -> int:
    """Vis de åbne aftaler og for hver afdeling: hvilken fase indsatserne er i, næste milepæl, næste tilbagevendende møde, forfaldne punkter, opmærksomhedspunkter uden en indsats og manglende opmærksomhedspunkter.

    En aftale er åben, til den er udført eller droppet; er fristen passeret på --dato, er den overskredet. En aftale, som en senere læringssamtale har skrevet igen (samme 'hvad'), tæller kun i sin nyeste udgave.

    Forfalden er en milepæl, der er passeret i den fase, indsatsen er i nu, eller en indsats, hvis sidste fase er slut, uden en evaluering. Opmærksomhedspunkter uden en indsats er punkterne i afdelingens seneste ark, som ingen indsats følger op på (med 'opmærksomhedspunkter' i indsatsen). Manglende opmærksomhedspunkter gælder den seneste læringssamtale og de afdelinger, der deltog i den.

    --ansvarlig NAVN viser kun de aftaler, hvor NAVN (en rolle eller en deltager) er ansvarlig, og indsatserne i NAVNs afdelinger. Filer med fejl er ikke med: deres fejl skrives, og exitkoden er 1.
    """
    import json

    from samtale_cli.reports.overview import overview, overview_facts, overview_text
    from samtale_cli.cli.output import jobs_from_env
    from samtale_cli.check.discover import command_root, default_paths
    from samtale_cli.check.runs import survey
    from samtale_cli.check.workspace import Workspace, parse_date_option

    day = parse_date_option(dato)
    folder = mappe or default_paths(Path.cwd())[0]
    if not folder.is_dir():
        raise SamtaleError(f"'{folder}' er ikke en mappe.")
    root = command_root([folder], Path.cwd())
    ws = Workspace.at(root)
    from samtale_cli.check.spill import Spill

    # the slim documents wait on the disk (a large workspace's would fill the memory)
    result = survey([folder], Path.cwd(), overview_facts, ansvarlig is not None, jobs=jobs_from_env(), settle=Spill().settle,
                    errors_only=True)
    data = overview(result, root, ws.model if ws is not None else None, day, ansvarlig)
    if format is OutputFormat.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from samtale_cli.core.diagnostics import visible

        sys.stdout.write("\n".join(visible(line) for line in overview_text(data).split("\n")))
    sys.stdout.flush()
    return report_skipped(result)
