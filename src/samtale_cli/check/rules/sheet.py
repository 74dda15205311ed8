"""Rules for ``type: opmærksomhedspunkter``: 3-5 points, the meeting it refers to."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from samtale_cli import model as m
from samtale_cli.core.catalogue import O501, O502, O503, O504
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.loader import MAX_BYTES, read_regular
from samtale_cli.check.rules.base import Context, referenced_model, rule
from samtale_cli.core.values import department_key

MIN_POINTS, MAX_POINTS = 3, 5


@rule(m.AttentionSheet)
def point_count(ctx: Context) -> Iterator[Diagnostic]:
    count = len(ctx.model.points)
    if count < MIN_POINTS:
        said = {0: "ingen opmærksomhedspunkter", 1: "kun ét opmærksomhedspunkt"}.get(count, f"kun {count} opmærksomhedspunkter")
        yield ctx.report(O501, ("punkter",), f"Der er {said}; skriv mindst {MIN_POINTS}.", key=True)
    elif count > MAX_POINTS:
        yield ctx.report(O501, ("punkter",), f"Der er {count} opmærksomhedspunkter; skriv højst {MAX_POINTS}.", key=True)


@rule(m.AttentionSheet)
def meeting_reference(ctx: Context) -> Iterator[Diagnostic]:
    sheet: m.AttentionSheet = ctx.model
    meeting, found = referenced_model(
        ctx, sheet.meeting, ("læringssamtale",), m.Meeting, (O502, O502), ("Læringssamtalen", "læringssamtale")
    )
    yield from found
    if meeting is None:
        return
    departments = {department_key(p.department) for p in meeting.participants if p.department}
    known = ctx.workspace is None or department_key(sheet.department) in {department_key(d) for d in ctx.workspace.departments}
    if known and department_key(sheet.department) not in departments:  # an unknown one is W301's to say
        yield ctx.report(O503, ("afdeling",), f"Afdelingen '{sheet.department}' deltog ikke i læringssamtalen.")


MAX_SIBLINGS = 500  # YAML files of a folder looked through for a second sheet
_MEETING_LINE = re.compile(rb"ringssamtale[\"']?[ \t]*:[ \t]*[\"']?([^\r\n#\"']*)")  # 'læringssamtale: ../x.yaml'
_NAMES: dict[tuple[str, int, int], frozenset[bytes]] = {}  # (path, size, mtime) -> the file names its lines name
_NAMES_KEPT = 20_000


def _named_meetings(path: str, size: int, mtime: int) -> frozenset[bytes]:
    """The file names a YAML file's 'læringssamtale:' lines name (a cheap first look,
    from its text; kept per file version, so a site's many runs read each file once)."""
    key = (path, size, mtime)
    if key not in _NAMES:
        try:
            raw = read_regular(Path(path), MAX_BYTES)
        except OSError:
            raw = b""
        if len(_NAMES) >= _NAMES_KEPT:
            _NAMES.clear()
        _NAMES[key] = frozenset(v.strip().replace(b"\\", b"/").rsplit(b"/", 1)[-1] for v in _MEETING_LINE.findall(raw))
    return _NAMES[key]


def _siblings(ctx: Context, folder: Path) -> list[tuple[str, frozenset[bytes]]]:
    """The names of the YAML files in ``folder``, each with the meeting file names it
    mentions; the folder is listed once per run."""
    key = ("sheet-siblings", folder)
    if key not in ctx.memo:
        found = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    # a link is no second sheet: the file it leads to is checked as itself
                    if not entry.name.endswith((".yaml", ".yml")) or entry.name[:1] == "." or entry.is_symlink():
                        continue
                    info = entry.stat()
                    found.append((entry.name, entry.path, info.st_size, info.st_mtime_ns))
        except OSError:
            pass
        # the first MAX_SIBLINGS by name (names are unique in a folder) are looked into:
        # only they are read and kept (a folder of 6,000 plans and sheets read them all)
        ctx.memo[key] = [(name, _named_meetings(path, size, mtime))
                         for name, path, size, mtime in sorted(found)[:MAX_SIBLINGS]]
    return ctx.memo[key]


def _sheet_of(ctx: Context, path: Path) -> tuple[str, str] | None:
    """(department key, the meeting's path) of the sheet at ``path``, or None when it is
    no valid sheet; loaded once per run."""
    key = ("sheet-of", path)
    if key not in ctx.memo:
        other = ctx.read(path).model if ctx.read is not None else None
        ctx.memo[key] = ((department_key(other.department), os.path.normpath(path.parent / other.meeting))
                         if isinstance(other, m.AttentionSheet) else None)
    return ctx.memo[key]


@rule(m.AttentionSheet)
def one_sheet_per_meeting(ctx: Context) -> Iterator[Diagnostic]:
    """No second sheet in the same folder for the same department and meeting (a copy
    saved as '...-rettet.yml'): its points would count twice. Each of the two files
    names the other."""
    sheet: m.AttentionSheet = ctx.model
    if ctx.read is None:
        return
    here = ctx.doc.path
    meeting = os.path.normpath(here.parent / sheet.meeting)
    name = Path(sheet.meeting.replace("\\", "/")).name.encode("utf-8")
    others = []
    for other, named in _siblings(ctx, here.parent):
        # x.yml beside x.yaml is W306's to say (only one of them is read); the meeting's name: a cheap first look
        if not name or name not in named or os.path.splitext(other)[0] == here.stem:
            continue
        if _sheet_of(ctx, here.parent / other) == (department_key(sheet.department), meeting):
            others.append(other)
    if others:
        more = f" (og {len(others) - 1} til)" if len(others) > 1 else ""
        yield ctx.report(
            O504, ("læringssamtale",),
            f"Afdelingen '{sheet.department}' har også arket '{others[0]}'{more} til den samme læringssamtale, så "
            "punkterne tæller dobbelt. Flyt det, der skal gemmes, over i det ene ark, og slet det andet.")
