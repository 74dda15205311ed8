"""``samtale schema``: JSON Schemas for editors (see :mod:`samtale_cli.out.schema`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import app, show
from samtale_cli.core.errors import SamtaleError


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
    force: Annotated[bool, typer.Option("--force", help="Overskriv også en fil, som samtale ikke selv har lavet.")] = False,
) -> int:
    """Skriv JSON Schema (draft 2020-12) for en dokumenttype, så editorer kan foreslå og tjekke nøgler.

    Uden type er schemaet et oneOf over læringssamtale, opmærksomhedspunkter og indsats, afgjort af 'type'. Editorer foreslår de danske nøgler; ASCII-stavemåderne (fx pejlemaerker) accepteres også. Schemaet tjekker kun formen; de faglige regler (summer af minutter, faser, obligatoriske data) tjekker 'samtale check'.
    """
    from samtale_cli.core import kinds
    from samtale_cli.core.files import write_output
    from samtale_cli.out.schema import schema_text

    kind = None
    if type_ is not None:
        kind = kinds.kind_named(type_, workspace=True)
        if kind is None:
            names = kinds.choices([k.name for k in kinds.ALL_KINDS])
            raise SamtaleError(f"Ukendt dokumenttype '{type_}'. Vælg {names}.")
    text = schema_text(kind)
    if output is None:
        sys.stdout.write(text)
        return 0
    write_output(output, text, force=force)
    print(show(output))
    return 0
