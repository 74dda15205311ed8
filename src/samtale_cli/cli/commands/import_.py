"""``samtale import``: a Word document as a YAML file (see :mod:`samtale_cli.wordin.importer`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, note, print_findings, show
from samtale_cli.core.errors import SamtaleError, danish_oserror


@app.command("import", short_help="Lav en YAML-fil af et Word-dokument (.docx).")
def import_command(
    fil: Annotated[Path, typer.Argument(metavar="FIL.docx", help="Word-dokumentet: en dagsorden (med eller uden referat), "
                                        "et ark med opmærksomhedspunkter eller en indsatsplan.", show_default=False)],
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="FIL.yaml", help="Hvor YAML-filen skrives. Standard: den faste mappe i "
                     "arbejdsmappen, ellers den aktuelle mappe.", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv en fil, der findes i forvejen.")] = False,
    part: Annotated[
        Optional[int],
        typer.Option("--del", metavar="N", help="Rummer Word-filen flere dokumenter (fx dagsorden og "
                     "referat og bagefter afdelingernes udfyldte ark med opmærksomhedspunkter), så importér del N. "
                     "Standard: del 1, mødet; de andre dele nævnes, når filen importeres.", show_default=False),
    ] = None,
) -> int:
    """Lav en YAML-fil af et Word-dokument: en læringssamtale (dagsorden, med eller uden referat), et ark med opmærksomhedspunkter eller en indsats.

    Typen kendes på dokumentets opbygning: en dagsordenstabel med tid, emne, mål og ansvarlig; en tabel med arkets tre spørgsmål; indsatsplanens spørgsmål (Hvad vil vi opnå? ...) og faser. "Ca. 35 min", underpunkter og "Referat ..."-rækker kommer med. Det, der ikke kan placeres, står som kommentarer i YAML-filen, dér hvor det stod i Word.

    Rummer Word-filen flere dokumenter, importeres del 1 (dokumentet med den stærkeste opbygning, fx mødet med dagsordenstabellen), og der skrives, hvilke andre dele filen rummer, og hvordan de importeres: --del 2 osv. i den rækkefølge, de står i filen. Uden -o lander filen i arbejdsmappen, hvor 'samtale new' ville lægge den (en læringssamtale i laeringssamtaler/, et ark eller en indsats i afdelingens mappe), med dokumentets egen dato i navnet.

    Bagefter skrives, hvad der blev fundet, og fundene fra 'samtale check' på den nye fil. Exitkode 0: filen består 'samtale check'; 1: filen er skrevet, men har fejl; 2: Word-filen kan ikke læses, eller YAML-filen findes i forvejen (--force erstatter den, og det, der står i den, går tabt).
    """
    from samtale_cli.check.runs import run
    from samtale_cli.wordin.importer import import_docx

    cwd = Path.cwd()
    try:
        result = import_docx(fil, cwd, output, force, part)
    except OSError as exc:
        raise SamtaleError(f"Kunne ikke skrive '{exc.filename or output or fil}': {danish_oserror(exc)}.") from None
    for line in result.notes:
        note(line)
    note(f"genkendt som {result.kind.title.lower()}: {', '.join(result.mapped)}.")
    comments = sum(1 for line in result.text.splitlines()[2:] if line.lstrip().startswith("# "))
    if comments:
        note(f"{comments} {'linje' if comments == 1 else 'linjer'} kunne ikke placeres og står som kommentarer.")
    checked = run([result.path], cwd)
    mine = [d for d in checked.findings if Path(d.file).name == result.path.name]
    note(f"skrev {show(result.path)}")
    print_findings(mine)
    return 1 if any(d.is_error for d in mine) else 0
