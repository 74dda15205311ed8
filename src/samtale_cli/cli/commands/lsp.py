"""``samtale lsp``: the language server for editors (see :mod:`samtale_cli.lsp`)."""

from __future__ import annotations

from typing import Annotated

import typer

from samtale_cli.cli.app import app
from samtale_cli.core.errors import SamtaleError

MISSING = ("'samtale lsp' kræver pakken pygls, som ikke er installeret. Installér den med: "
           'pip install "samtale-dagtilbud[lsp]" (eller pipx install "samtale-dagtilbud[lsp]").')


@app.command("lsp", short_help="Sprogserver til editorer (VS Code, Neovim, Helix).")
def lsp_command(
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Tal med editoren på standard-input og -output (altid; tilvalget er med, "
                           "fordi mange editorer sender det).", show_default=False)
    ] = True,
) -> int:
    """Start samtales sprogserver: fund med koder og danske beskeder, mens du skriver, forklaring af nøgler og koder, forslag til nøgler, roller, navne, afdelinger og typer, og hurtige rettelser ("Mente du" og det, 'samtale ret' kan rette).

    Editoren starter serveren selv; se README'en for VS Code, Neovim og Helix.
    """
    try:
        from samtale_cli.lsp.server import serve
    except ImportError as exc:
        if getattr(exc, "name", "") and str(exc.name).split(".")[0] in ("pygls", "lsprotocol", "cattrs"):
            raise SamtaleError(MISSING) from None
        raise
    from samtale_cli.cli.commands.forklar import explain

    return serve(explain)
