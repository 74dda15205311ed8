"""Which kind of document a Word file is, from its structure (not its name): the
title ("Indsatsplan ...", the sheet's title), the sheet's three-column table, an agenda
table (Tid, Emne, Mål med punktet, Ansvarlig), or at least two of the plan's questions.

A file may hold several documents (a meeting, then the departments' filled-in sheets,
or a plan): :func:`parts` splits it; the first part is the one the kind above names
(the strongest structure), the others follow in the order they stand.
"""

from __future__ import annotations

from dataclasses import dataclass

from samtale_cli.core import kinds
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.wordread import Para, Table
from samtale_cli.wordin.agenda import is_agenda
from samtale_cli.wordin.common import fold, label_of
from samtale_cli.wordin.plan import plan_section
from samtale_cli.wordin.sheet import SHEET_LABELS, is_sheet, sheet_department


def blank(table: Table) -> bool:
    """Nothing written below the header row (a form to fill in)."""
    return not any(c.text.strip(" _.") for row in table.rows[1:] for c in row)


def classify(blocks: list[Para | Table], title: str | None) -> kinds.Kind | None:
    """The kind of document the blocks make up, from their structure."""
    folded = fold(title or "")
    if folded.startswith("indsatsplan"):
        return kinds.PLAN
    if folded.startswith(fold(wf.SHEET_TITLE)):
        return kinds.SHEET
    tables = [b for b in blocks if isinstance(b, Table)]
    agenda = next((k for k, t in enumerate(tables) if is_agenda(t)), None)
    if any(is_sheet(t) and (agenda is None or (k < agenda and not blank(t))) for k, t in enumerate(tables)):
        return kinds.SHEET
    if agenda is not None:  # wins over a blank attention-point form after it
        return kinds.MEETING
    sections = {plan_section(b.clean) for b in blocks if isinstance(b, Para) and not b.empty and len(b.clean) < 120}
    sections.discard(None)
    if len(sections & {"mål", "hvorfor", "vidensgrundlag", "fremmere", "hæmmere", "fremmere+hæmmere",
                       "evaluering", "relevans"}) >= 2:
        return kinds.PLAN
    return None


@dataclass
class Part:
    """One document of a Word file: its kind, its blocks and what to call it (Danish)."""

    kind: kinds.Kind
    blocks: list[Para | Table]
    label: str


def parts(blocks: list[Para | Table], title: str | None) -> list[Part]:
    """The documents in ``blocks``: the one :func:`classify` names first (what is not in
    the others), then each filled-in attention-point sheet and each "Indsatsplan ..."
    that follows its table (a meeting's or the first sheet's), in order. [] when the
    blocks are no document samtale knows."""
    kind = classify(blocks, title)
    if kind is None:
        return []
    anchor = _anchor(blocks, kind)
    starts = _starts(blocks, anchor) if anchor is not None else []
    if not starts:
        return [Part(kind, blocks, kind.title.lower())]
    bounds = [*starts, (len(blocks), None)]
    extra = [Part(k, blocks[a:bounds[n + 1][0]], "") for n, (a, k) in enumerate(starts) if k is not None]
    for part in extra:
        part.label = _label(part)
    main = blocks[:starts[0][0]]
    return [Part(kind, main, kind.title.lower()), *extra]


def _anchor(blocks: list[Para | Table], kind: kinds.Kind) -> int | None:
    """The index of the table that makes the document what it is."""
    for k, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        if kind is kinds.MEETING and is_agenda(block):
            return k
        if kind is kinds.SHEET and is_sheet(block) and not blank(block):
            return k
    return None


def _starts(blocks: list[Para | Table], anchor: int) -> list[tuple[int, kinds.Kind]]:
    """Where each further document after ``anchor`` begins, and its kind. A sheet's table
    whose header Word repeated after a page break (nothing between the two tables names
    a new sheet) is the same sheet."""
    starts: list[tuple[int, kinds.Kind]] = []
    floor = anchor + 1
    last_sheet = anchor if isinstance(blocks[anchor], Table) and is_sheet(blocks[anchor]) else None
    for k in range(anchor + 1, len(blocks)):
        block = blocks[k]
        if isinstance(block, Para) and block.heading and fold(block.clean).startswith("indsatsplan"):
            starts.append((k, kinds.PLAN))
            floor, last_sheet = k + 1, None
        elif isinstance(block, Table) and is_sheet(block) and not blank(block):
            if last_sheet is None or _names_a_sheet(blocks[last_sheet + 1:k]):
                starts.append((_lead(blocks, k, floor), kinds.SHEET))
            floor, last_sheet = k + 1, k
    return _unique(starts)


def _names_a_sheet(between: list[Para | Table]) -> bool:
    return any(isinstance(x, Para) and (x.heading or label_of(x, SHEET_LABELS)) for x in between)


def _unique(starts: list[tuple[int, kinds.Kind]]) -> list[tuple[int, kinds.Kind]]:
    seen: dict[int, kinds.Kind] = {}
    for at, kind in starts:
        seen.setdefault(at, kind)
    return sorted(seen.items())


def _lead(blocks: list[Para | Table], table: int, floor: int) -> int:
    """Where a sheet whose table stands at ``table`` begins: its heading, or the labelled
    lines ("Afdeling: ...") and empty lines right above the table."""
    start = table
    for k in range(table - 1, floor - 1, -1):
        block = blocks[k]
        if not isinstance(block, Para):
            break
        if block.heading or fold(block.clean).startswith(fold(wf.SHEET_TITLE)):
            return k
        if not (block.empty or block.page_break or label_of(block, SHEET_LABELS)):
            break
        start = k
    return start


def _label(part: Part) -> str:
    if part.kind is kinds.SHEET:
        department = sheet_department(part.blocks)
        return "ark med opmærksomhedspunkter" + (f" for {department}" if department else "")
    heading = next((b.clean for b in part.blocks if isinstance(b, Para) and not b.empty), "")
    return f"indsatsplan ({heading})" if heading else "indsatsplan"
