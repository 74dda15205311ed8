"""The Word reader of an attention-point sheet (opmærksomhedspunkter): the sheet's
three-column table (what we worked with, where data points, the points), the labelled
lines above it and the decision from the læringssamtale, whose file is looked up in the
workspace by its date (and title).

``read(src, where)`` is this kind's reader (``kinds.hook(kinds.SHEET, "reader")``);
see :mod:`samtale_cli.wordin.importer` for the signature every reader shares.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from samtale_cli.check import document
from samtale_cli.check.workspace import relative
from samtale_cli.core import kinds
from samtale_cli.core.yamlout import Comment
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.wordread import Cell, Para, Table, paragraphs_markdown
from samtale_cli.wordin.common import (
    Reading,
    Source,
    Where,
    cell_paras,
    first_date,
    fold,
    inline_lines,
    label_of,
    row_fields,
    segment,
    unplaced,
)

SHEET_LABELS = {"dagtilbud": "dagtilbud", "afdeling": "afdeling", "dagtilbud afdeling": "dagtilbud/afdeling",
                "laeringssamtale": "læringssamtale", "beslutning fra laeringssamtalen": "beslutning",
                "beslutning": "beslutning"}


def is_sheet(table: Table) -> bool:
    return bool(table.rows) and len(set(sheet_columns(table.rows[0]).values())) >= 2


def sheet_columns(header: list[Cell]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    col = 0
    for cell in header:
        text = fold(cell.text)
        key = None
        if "arbejdet med" in text:
            key = "arbejdet_med"
        elif "peger data" in text or "data peger" in text:
            key = "data_peger_på"
        elif "opmaerksomhedspunkt" in text:
            key = "punkter"
        if key:
            for k in range(col, col + cell.span):
                mapping[k] = key
        col += cell.span
    return mapping


class SheetReader:
    def __init__(self, src: Source, meeting_finder: Any) -> None:
        self.src = src
        self.find_meeting = meeting_finder
        self.comments: list[str] = []
        self.mapped: list[str] = []

    def read(self) -> dict[Any, Any]:  # noqa: C901
        fields: dict[str, Any] = {}
        decision: list[Para] = []
        columns: dict[str, list[Para]] = {"arbejdet_med": [], "data_peger_på": [], "punkter": []}
        in_decision = False
        sheets = 0
        mapping: dict[int, str] = {}
        for block in self.src.blocks:
            if isinstance(block, Table):
                if is_sheet(block):
                    sheets += 1
                    if sheets > 1:
                        break
                    mapping = sheet_columns(block.rows[0])
                    rows = block.rows[1:]
                elif mapping and block.columns == max(mapping) + 1:  # the rest of the sheet's table
                    rows = block.rows
                else:
                    self.comments.append(unplaced(block))
                    continue
                in_decision = False
                for row in rows:
                    for key, cells in row_fields(row, mapping).items():
                        columns[key].extend(cell_paras(cells))
                continue
            if block.empty:
                continue
            if block.heading and fold(block.clean).startswith(fold(wf.SHEET_TITLE)):
                if sheets:
                    sheets += 1
                    break
                title_dep = block.clean.split(":", 1)
                if len(title_dep) == 2 and title_dep[1].strip():
                    fields.setdefault("afdeling", title_dep[1].strip())
                continue
            labelled = label_of(block, SHEET_LABELS)
            if labelled:
                key, value = labelled
                in_decision = key == "beslutning"
                if key == "dagtilbud/afdeling":
                    daycare, _, department = value.partition("/")
                    fields["dagtilbud"] = daycare.strip()
                    if department.strip():
                        fields["afdeling"] = department.strip()
                elif key == "beslutning":
                    if value:
                        decision.append(Para([segment(value)]))
                else:
                    fields[key] = value
                continue
            if in_decision:
                decision.append(block)
                continue
            if block.heading and fold(block.clean) in ("opmaerksomhedspunkter", "opsamling paa opmaerksomhedspunkter"):
                continue
            self.comments.append(unplaced(block))
        if sheets > 1:
            self.src.notes.append("Dokumentet har flere ark; kun det første er taget med.")
        return self._assemble(fields, decision, columns)

    def _assemble(self, fields: dict[str, Any], decision: list[Para], columns: dict[str, list[Para]]) -> dict[Any, Any]:
        out: dict[Any, Any] = {"type": kinds.SHEET.name}
        meeting_text = fields.get("læringssamtale", "")
        meeting_date = first_date(meeting_text)
        meeting_title = re.sub(r",[^,]*$", "", meeting_text).strip() if meeting_date else meeting_text
        ref, landmarks, comment = self.find_meeting(meeting_title, meeting_date)
        if comment:
            out[Comment(comment)] = None
        out["læringssamtale"] = ref
        if fields.get("afdeling"):
            out["afdeling"] = fields["afdeling"]
        else:
            out[Comment("afdeling: stod ikke i Word-dokumentet")] = None
        shown = inline_lines(decision)
        if shown and (landmarks is None or shown != list(landmarks)):
            text = paragraphs_markdown(decision) if len(shown) > 1 else shown[0]
            out["beslutning"] = text if len(shown) == 1 else text + "\n"
        for key in ("arbejdet_med", "data_peger_på"):
            text = paragraphs_markdown(columns[key])
            if text:
                out[key] = text + "\n"
        out["punkter"] = inline_lines(columns["punkter"])
        for c in self.comments:
            out[Comment(c)] = None
        self.mapped = [f"{len(out['punkter'])} opmærksomhedspunkter",
                       "beslutning" if "beslutning" in out else "beslutning: læringssamtalens pejlemærker"]
        return out



def sheet_department(blocks: list[Para | Table]) -> str:
    for block in blocks:
        if isinstance(block, Para):
            labelled = label_of(block, SHEET_LABELS)
            if labelled and labelled[0] == "afdeling":
                return labelled[1]
            if labelled and labelled[0] == "dagtilbud/afdeling":
                return labelled[1].partition("/")[2].strip()
    return ""



def find_meeting(ws: Any, target: Path, title: str, date: dt.date | None) -> tuple[str, Any, str | None]:
    """The sheet's meeting: a læringssamtale in the workspace with the date (and the
    title, when several share it). Returns the path relative to the sheet, the meeting's
    pejlemærker, and a comment when it was not found."""
    if ws is not None and date is not None:
        folder = ws.root / kinds.MEETINGS_DIR
        candidates = []
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
            doc = document.read(path, path.name)
            model = doc.model
            if model is not None and getattr(model, "date", None) == date and model.type == kinds.MEETING.name:
                candidates.append((fold(model.title) == fold(title), path, model))
        candidates.sort(key=lambda c: not c[0])
        if candidates:
            _, path, model = candidates[0]
            return relative(path, target.parent), list(model.landmarks), None
    guess = kinds.MEETING.path(ws.root if ws else None, date=date, title=title or "laeringssamtale")
    if ws is None:
        guess = target.parent / guess
    when = f" fra {date.isoformat()}" if date else ""
    return (relative(guess, target.parent), None,
            f"Fandt ingen læringssamtale{when} i arbejdsmappen; ret stien herunder til mødets fil.")


def read(src: Source, where: Where) -> Reading:
    """The sheet in ``src``, to be written in its department's folder (named by the
    date of its læringssamtale); its ``læringssamtale`` is the meeting's file relative
    to that place."""
    department = sheet_department(src.blocks)
    preview_date = None
    for block in src.blocks:
        if isinstance(block, Para) and fold(block.clean).startswith("laeringssamtale"):
            preview_date = first_date(block.clean)
            break
    target = where.target(kinds.SHEET, date=preview_date, department=department)

    def finder(title: str, date: dt.date | None) -> tuple[str, Any, str | None]:
        return find_meeting(where.ws, target, title, date)

    reader = SheetReader(src, finder)
    data = reader.read()
    return Reading(data, target, reader.mapped)
