"""Which kind of document a Word file is, from its structure (not its name): the
title ("Indsatsplan ...", the sheet's title), the sheet's three-column table, an agenda
table (Tid, Emne, Mål med punktet, Ansvarlig), or at least two of the plan's questions.
"""

from __future__ import annotations

from samtale_cli.core import kinds
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.wordread import Para, Table
from samtale_cli.wordin.agenda import is_agenda
from samtale_cli.wordin.common import fold
from samtale_cli.wordin.plan import plan_section
from samtale_cli.wordin.sheet import is_sheet


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
