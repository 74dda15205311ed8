"""``samtale new``: a new, commented document (see :mod:`samtale_cli.new.scaffold`)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, note, show
from samtale_cli.core.errors import SamtaleError


class MeetingTemplate(str, Enum):
    standard = "standard"
    dagtilbud_for_alle = "dagtilbud-for-alle"


def document_kind(value: str):  # noqa: ANN201 - a kinds.Kind
    """The document kind named on the command line, or a usage error."""
    from samtale_cli.core import kinds

    from samtale_cli.core.text import fold_ascii, suggest

    kind = kinds.kind_named(value)
    if kind is None:
        names = kinds.choices([k.name for k in kinds.DOCUMENT_KINDS])
        close = suggest(value, [k.name for k in kinds.DOCUMENT_KINDS], key=lambda t: fold_ascii(t).lower())
        raise SamtaleError(f"Ukendt dokumenttype '{value}'.{close} Vælg {names}.")
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
        typer.Option("--dato", metavar="DATO", help="Dato, fx 2024-05-13 eller 13/5 2024. Standard: i dag (opmærksomhedspunkter: mødets "
                     "dato; læringssamtale: den seneste læringssamtales næste_møde, ellers næste hverdag).",
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
    start: Annotated[
        Optional[str],
        typer.Option("--start", metavar="KL", help="Læringssamtalens starttidspunkt, fx 9:00. Standard: som sidst, ellers 13:00.",
                     show_default=False),
    ] = None,
    skabelon: Annotated[
        Optional[MeetingTemplate],
        typer.Option("--skabelon", help="En indbygget dagsorden til læringssamtalen: standard (en neutral læringssamtale på tre "
                     "timer) eller dagtilbud-for-alle (dagsordenen før forløb med Dagtilbud for alle). Standard: den seneste "
                     "læringssamtales dagsorden, når der er en, ellers standard.", show_default=False),
    ] = None,
) -> int:
    """Lav en ny, kommenteret YAML-fil, som 'samtale check' godkender, som den er.

    En læringssamtale laves ud fra den seneste læringssamtale i arbejdsmappen: titel, sted, læringsfokus, formål, mål, kernebegreber, tidsramme, roller, deltagere (uden fremmøde), datagrundlag og dagsorden (uden referater); de åbne aftaler følger med, og pejlemærkerne står til opfølgning. Uden --dato lægges den på den seneste læringssamtales næste_møde, når den dag ikke er passeret. Uden en tidligere læringssamtale (eller med --skabelon) får den en indbygget dagsorden på tre timer (plenum 120 min og ledelse 60 min) og pladsholdere for deltagerne; opmærksomhedspunkter får tre pladsholdere; en indsats får tre faser med datoer fra --dato og et stuemøde hver 4. uge. Pladsholdere slutter med '(udfyldes)'; 'samtale check' advarer (S801), indtil de er skrevet om.

    I en arbejdsmappe (nærmeste samtale.yaml opad) skrives filen til laeringssamtaler/ÅÅÅÅ-MM-DD-titel.yaml, afdelinger/<afdeling>/indsats-titel.yaml eller afdelinger/<afdeling>/opmaerksomhedspunkter-ÅÅÅÅ-MM-DD.yaml, og første linje henviser editoren til arbejdsmappens JSON Schema. Uden for en arbejdsmappe skrives filen i den aktuelle mappe, uden schema-henvisning.

    Stien til den nye fil skrives ud. En fil, der findes, overskrives kun med --force (ellers exitkode 2).
    """
    from samtale_cli.new.scaffold import new_document

    kind = document_kind(type_)
    result = new_document(
        kind, Path.cwd(), date=dato, department=afdeling, title=titel,
        meeting=laeringssamtale, output=output, force=force, start=start,
        template=MeetingTemplate(skabelon).value if skabelon is not None else None,
    )
    for line in result.notes:
        note(line)
    print(show(result.path))
    return 0
