"""Slips: what people leave behind or mistype, reported as warnings (S codes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from samtale_cli import model as m
from samtale_cli.core.catalogue import S801, S802, S803, S804
from samtale_cli.core.values import day_off, department_key, format_date_short
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.loader import DataPath
from samtale_cli.check.rules.base import Context, rule

PLACEHOLDER = re.compile(r"\(udfyldes\)", re.I)  # the mark of new.common.placeholder


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


_DATED_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@rule(m.Meeting)
def meeting_on_a_day_off(ctx: Context) -> Iterator[Diagnostic]:
    """A læringssamtale on a weekend, a public holiday or one of the daycare's lukkedage."""
    off = day_off(ctx.model.date, ctx.closed)
    if off:
        yield ctx.report(S802, ("dato",), f"Læringssamtalen ligger på en {off}: {format_date_short(ctx.model.date)}. "
                         "Er datoen rigtig?")


@rule(m.Meeting)
def file_name_date(ctx: Context) -> Iterator[Diagnostic]:
    """The ÅÅÅÅ-MM-DD of the file name is the meeting's ``dato``."""
    found = _DATED_NAME.match(ctx.doc.path.name)
    if found is None:
        return
    year, month, day = (int(part) for part in found.groups())
    date = ctx.model.date
    if (year, month, day) != (date.year, date.month, date.day):
        swapped = (year, month, day) == (date.year, date.day, date.month)
        question = "Er dag og måned byttet om" if swapped else "Er datoen forkert"
        yield ctx.report(
            S803, ("dato",),
            f"Filen hedder {ctx.doc.path.name}, men 'dato' er {format_date_short(date)} "
            f"({date.isoformat()}). {question}, eller skal filen omdøbes?",
        )


@rule(m.AttentionSheet, m.Plan)
def in_its_department_folder(ctx: Context) -> Iterator[Diagnostic]:
    """A sheet or plan in afdelinger/<slug>/ names that folder's department."""
    folder = ctx.doc.path.parent
    if folder.parent.name != "afdelinger" or ctx.workspace is None:
        return
    named = department_key(ctx.model.department)
    known = {department_key(d) for d in ctx.workspace.departments}
    if named != folder.name and named in known:  # an unknown department is W301's to say
        owner = next((d for d in ctx.workspace.departments if department_key(d) == folder.name), folder.name)
        yield ctx.report(
            S804, ("afdeling",),
            f"Filen ligger i mappen for {owner}, men 'afdeling' er '{ctx.model.department}'. "
            "Er den kopieret fra en anden afdeling?",
        )
