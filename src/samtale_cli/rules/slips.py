"""Slips: what people leave behind or mistype, reported as warnings (S codes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from samtale_cli import model as m
from samtale_cli.catalogue import S801
from samtale_cli.diagnostics import Diagnostic
from samtale_cli.loader import DataPath
from samtale_cli.rules import Context, rule

PLACEHOLDER = re.compile(r"\(udfyldes\)", re.I)  # the mark of newdoc.placeholder


def strings(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every text value of the loaded data, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


@rule(m.Meeting, m.AttentionSheet, m.Plan, m.Workspace)
def placeholders(ctx: Context) -> Iterator[Diagnostic]:
    """A value still holding a placeholder that 'samtale new' wrote ('... (udfyldes)')."""
    for path, text in strings(ctx.doc.data):
        if PLACEHOLDER.search(text):
            shown = " ".join(text.split())
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            yield ctx.report(S801, path, f"'{shown}' er en pladsholder; skriv den rigtige tekst i stedet.")
