"""``samtale forklar``: the catalogue of finding codes, for people (text) and tools (JSON)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from samtale_cli.cli.app import OutputFormat, app
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.text import LOOSE, same, suggest


@app.command("forklar", short_help="Forklar en kode fra 'samtale check' (eller alle koder).")
def forklar_command(
    kode: Annotated[
        Optional[str],
        typer.Argument(metavar="KODE", help="Koden, fx A101. Uden kode: alle koder.", show_default=False),
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="text: til mennesker. json: en liste til andre værktøjer.")
    ] = OutputFormat.text,
) -> int:
    """Forklar, hvad et fund betyder, og hvordan det rettes, med et forkert og et rigtigt eksempel.

    Uden kode vises alle koder med niveau og titel. Med --format json er hver kode et
    objekt med kode, niveau, titel og forklaring (og eksemplerne forkert og rigtigt).
    """
    import json

    from samtale_cli.core import catalogue

    if kode is None:
        entries = list(catalogue.CODES.values())
    else:
        entry = catalogue.lookup(kode)
        if entry is None:
            hint = suggest(kode.strip().upper(), catalogue.CODES, key=same, cutoff=LOOSE, quote="")
            raise SamtaleError(f"Koden '{kode}' findes ikke.{hint} 'samtale forklar' viser alle koder.")
        entries = [entry]
    if format is OutputFormat.json:
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2))
    elif kode is None:
        width = max(len(e.level.value) for e in entries)
        for e in entries:
            print(f"{e.code}  {e.level.value:<{width}}  {e.title}")
    else:
        print(explain(entries[0]), end="")
    return 0


def explain(entry) -> str:  # noqa: ANN001 - a catalogue.Code
    """One code for people: level, title, explanation and the two examples."""
    import textwrap

    lines = [f"{entry.code} ({entry.level.value}): {entry.title}", ""]
    lines += textwrap.wrap(entry.explanation, 80)
    for label, example in (("Forkert", entry.bad), ("Rigtigt", entry.good)):
        if example:
            lines += ["", f"{label}:", *("    " + line for line in example.splitlines())]
    return "\n".join(lines) + "\n"
