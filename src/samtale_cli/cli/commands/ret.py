"""``samtale ret``: fix pasted text (see :mod:`samtale_cli.fix`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from samtale_cli.cli.app import app, note, print_findings

if TYPE_CHECKING:
    from samtale_cli.fix.files import Fixed


@app.command("ret", short_help="Ret det, der kan rettes uden tvivl (tekst indsat fra Word og Outlook).")
def ret_command(
    stier: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="STI",
            help="Filer eller mapper, som 'samtale check' tager dem. "
            "Uden sti: arbejdsmappen omkring dig (nærmeste samtale.yaml opad).",
            show_default=False,
        ),
    ] = None,
    vis: Annotated[bool, typer.Option("--vis", help="Vis rettelserne som en diff, og ret ingenting.")] = False,
) -> int:
    """Ret det, der kan rettes uden tvivl, i tekst indsat fra Word og Outlook.

    samtale ret retter: tabulatortegn og hårde mellemrum i indrykningen, Words punkttegn
    (•, –, ▪) og indsatte tal (1., 2.) foran listepunkter, et manglende mellemrum efter
    '-', krøllede anførselstegn om nøgler og en tekst med ': ' eller ' #', der skal stå i
    anførselstegn. Alt andet i filen bliver, som det var (også linjeskift og kommentarer).
    En linje fra Word som '•  Sprog i garderoben' bliver til '- Sprog i garderoben'.

    En rettelse bruges kun, når filen bagefter kan læses, og en fil, der var i orden,
    betyder bagefter nøjagtig det samme. Det, ret ikke kan rette, finder 'samtale check'.

    Hver rettelse står på én linje som fil:linje: hvad der er rettet; derefter de fund,
    der er tilbage.

    \b
    Eksempler:
      samtale ret                   ret arbejdsmappen, du står i
      samtale ret --vis             vis, hvad der ville blive rettet, og ret ingenting
      samtale ret afdelinger/vuggestuen-kernehuset/indsats-sprog.yaml

    Exitkoder: 0 ingen fund tilbage, 1 der er fund tilbage, 2 forkert brug eller en sti,
    der ikke kan læses. Med --vis er exitkoden også 1, når der er noget at rette (så
    et CI-job kan sige til).
    """
    from samtale_cli.fix.files import fix_paths
    from samtale_cli.check.discover import default_paths

    cwd = Path.cwd()
    outcome = fix_paths(stier or default_paths(cwd), cwd, dry_run=vis)
    for fixed in outcome.files:
        if vis and fixed.changes:
            sys.stdout.write(diff(fixed))
        for change in fixed.changes:
            print(f"{fixed.file}:{change.line}: {change.what}")
        if fixed.note:
            note(f"{fixed.file}: {fixed.note}.")
    print_findings(outcome.findings)
    count = sum(len(f.changes) for f in outcome.files)
    done = ("ville blive lavet" if vis else "lavet")
    print(f"{count} {'rettelse' if count == 1 else 'rettelser'} {done}, {len(outcome.findings)} fund tilbage.",
          file=sys.stderr)
    return 1 if outcome.findings or (vis and count) else 0


def diff(fixed: Fixed) -> str:
    """The change of one file as a unified diff (lines without their endings)."""
    import difflib

    from samtale_cli.fix.files import split

    before = split(fixed.before.decode("utf-8"))[0]
    after = split(fixed.after.decode("utf-8"))[0]
    lines = difflib.unified_diff(before, after, f"a/{fixed.file}", f"b/{fixed.file}", lineterm="")
    return "".join(line + "\n" for line in lines)
