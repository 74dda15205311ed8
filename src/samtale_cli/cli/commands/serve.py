"""``samtale serve``: the workspace as a local web app (see :mod:`samtale_cli.serve.web`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from samtale_cli.cli.app import app
from samtale_cli.core.errors import SamtaleError


@app.command("serve", short_help="Vis arbejdsmappen i browseren, med mødetilstand og referater.")
def serve_command(
    mappe: Annotated[
        Optional[Path],
        typer.Argument(metavar="MAPPE", help="Mappen. Standard: arbejdsmappen omkring dig.", show_default=False),
    ] = None,
    port: Annotated[
        str, typer.Option("--port", metavar="N", help="Porten. 0 vælger en ledig port.")
    ] = "8000",
    host: Annotated[
        str,
        typer.Option("--host", metavar="VÆRT", help="Adressen, serveren lytter på. Kun denne maskine kan åbne siderne, "
                     "så længe den er 127.0.0.1."),
    ] = "127.0.0.1",
) -> int:
    """Vis arbejdsmappen i browseren: de samme sider som 'samtale render MAPPE', lavet af filerne, som de er nu.

    Adressen skrives ud; Ctrl-C stopper serveren. En side, hvis fil har fejl, viser fejlene med fil og linje. Åbne sider opdaterer sig selv, når en fil gemmes. /_check.json giver det samme som 'samtale check --format json'.

    Mødetilstanden (/_moede/<læringssamtalens sti uden .yaml>, link fra mappens oversigt) viser det punkt, uret siger, nedtælling, næste punkt og overskredet tid; ?nu=13:20 øver med et andet klokkeslæt. Ordstyreren skifter punkt med piletasterne. Referenten skriver referatet pr. punkt; det gemmes i YAML-filen, og alle andre linjer står, som de stod. Er filen ændret, siden siden blev hentet, gemmes intet.
    """
    from samtale_cli.check.discover import default_paths, discover
    from samtale_cli.serve.web import serve

    if not (port.isascii() and port.isdigit()) or int(port) > 65535:
        raise SamtaleError(f"Porten skal være et helt tal fra 0 til 65535, ikke '{port}'.")
    cwd = Path.cwd()
    folder = mappe or default_paths(cwd)[0]
    if not folder.exists():
        raise SamtaleError(f"'{folder}' findes ikke.")
    if not folder.is_dir():
        raise SamtaleError(f"'{folder}' er ikke en mappe.")
    next(discover([folder], onerror=lambda exc: None), None)  # no samtale files: refused, as by check
    # (a sub-folder that cannot be read is left out; the site names it)
    return serve(folder, cwd, host, int(port), overview=_overview)


def _overview(run: Any, root: Path, workspace: Any, day: Any, responsible: Optional[str]) -> Any:
    """What 'samtale oversigt' shows, for /_oversigt (reports is no layer below serve)."""
    from samtale_cli.reports.overview import overview, overview_facts

    return overview(run.briefly(overview_facts, responsible is not None), root, workspace, day, responsible)
