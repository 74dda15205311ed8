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
    department_in,
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


def question_key(text: str) -> str | None:
    """The sheet's field a question (a column's or row's heading, a heading) asks for."""
    folded = fold(text)
    if "arbejdet med" in folded:
        return "arbejdet_med"
    if "peger data" in folded or "data peger" in folded:
        return "data_peger_på"
    if "opmaerksomhedspunkt" in folded:
        return "punkter"
    return None


def row_questions(table: Table) -> bool:
    """A table with a question in the first cell of each row and its answer beside it."""
    keys = [question_key(row[0].text) for row in table.rows if row and len(row) >= 2]
    return len({k for k in keys if k}) >= 2


def sheet_columns(header: list[Cell]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    col = 0
    for cell in header:
        key = question_key(cell.text)
        if key:
            for k in range(col, col + cell.span):
                mapping[k] = key
        col += cell.span
    return mapping


class SheetReader:
    def __init__(self, src: Source, meeting_finder: Any, departments: list[str] | None = None) -> None:
        self.src = src
        self.find_meeting = meeting_finder
        self.departments = departments or []
        self.comments: list[str] = []
        self.mapped: list[str] = []
        self.fields: dict[str, Any] = {}
        self.decision: list[Para] = []
        self.columns: dict[str, list[Para]] = {"arbejdet_med": [], "data_peger_på": [], "punkter": []}
        self.question: str | None = None  # the question whose answers follow ("beslutning" too)
        self.sheets = 0
        self.mapping: dict[int, str] = {}

    def read(self) -> dict[Any, Any]:
        _, title_at = self.src.title()
        for k, block in enumerate(self.src.blocks):
            if isinstance(block, Table):
                if not self._table(block):
                    break
            elif not block.empty and not self._para(block, k == title_at):
                break
        if self.sheets > 1:
            self.src.notes.append("Dokumentet har flere ark; kun det første er taget med.")
        return self._assemble(self.fields, self.decision, self.columns)

    def _table(self, table: Table) -> bool:
        """Read a table of the sheet; False when a second sheet begins."""
        self.question = None
        if is_sheet(table):
            self.sheets += 1
            if self.sheets > 1:
                return False
            self.mapping = sheet_columns(table.rows[0])
            rows = table.rows[1:]
        elif self.mapping and table.columns == max(self.mapping) + 1:  # the rest of the sheet's table
            rows = table.rows
        elif row_questions(table):
            self._question_rows(table)
            return True
        else:
            self.comments.append(unplaced(table))
            return True
        for row in rows:
            for key, cells in row_fields(row, self.mapping).items():
                self.columns[key].extend(cell_paras(cells))
        return True

    def _question_rows(self, table: Table) -> None:
        """Each row a question and its answer beside it."""
        for row in table.rows:
            key = question_key(row[0].text) if row else None
            if key is None or len(row) < 2:
                self.comments.append(unplaced(Table([row], len(row))))
                continue
            self.columns[key].extend(cell_paras([c for c in row[1:] if not c.continued]))

    def _para(self, block: Para, is_title: bool) -> bool:
        """Read a paragraph of the sheet; False when a second sheet begins."""
        if block.heading and fold(block.clean).startswith(fold(wf.SHEET_TITLE)):
            if self.sheets:
                self.sheets += 1
                return False
            self._title_department(block.clean)
            return True
        found = department_in(block.clean, self.departments) if len(block.clean) < 120 else None
        if found and not self.sheets and not any(self.columns.values()):
            self.fields.setdefault("afdeling", found)
            if fold(found) == fold(block.clean):
                return True
        labelled = label_of(block, SHEET_LABELS)
        if labelled:
            self._label(*labelled)
            return True
        key = None if is_title else question_key(block.clean)
        asks = block.heading or block.bold or block.clean.endswith(("?", ":"))  # an answer may say "arbejdet med"
        if key and asks and len(block.clean) < 200 and not block.list_kind:
            self.question = key
            return True
        if self.question == "beslutning":
            self.decision.append(block)
        elif self.question:
            self.columns[self.question].append(block)
        elif not (block.heading and fold(block.clean) in ("opmaerksomhedspunkter",
                                                           "opsamling paa opmaerksomhedspunkter")):
            self.comments.append(unplaced(block))
        return True

    def _title_department(self, title: str) -> None:
        """The department after the title: "...: Børnehuset Haven" or "... – Børnehuset Haven"."""
        rest = title[len(wf.SHEET_TITLE):] if fold(title).startswith(fold(wf.SHEET_TITLE)) else ""
        department = re.sub(r"^\s*[:–—-]\s*", "", rest).strip() if re.match(r"^\s*[:–—-]", rest) else ""
        if department:
            self.fields.setdefault("afdeling", department_in(department, self.departments) or department)

    def _label(self, key: str, value: str) -> None:
        self.question = "beslutning" if key == "beslutning" else None
        if key == "dagtilbud/afdeling":
            daycare, _, department = value.partition("/")
            self.fields["dagtilbud"] = daycare.strip()
            if department.strip():
                self.fields["afdeling"] = department.strip()
        elif key == "beslutning":
            if value:
                self.decision.append(Para([segment(value)]))
        else:
            self.fields[key] = value

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



def sheet_department(blocks: list[Para | Table], departments: list[str] | None = None) -> str:
    """The sheet's department: its "Afdeling:" line, else a workspace department named
    above the sheet's table (a heading, the title)."""
    named = ""
    for block in blocks:
        if isinstance(block, Para):
            labelled = label_of(block, SHEET_LABELS)
            if labelled and labelled[0] == "afdeling":
                return labelled[1]
            if labelled and labelled[0] == "dagtilbud/afdeling":
                return labelled[1].partition("/")[2].strip()
            if not named and len(block.clean) < 120:
                named = department_in(block.clean, departments or []) or ""
    return named



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
    departments = where.ws.departments if where.ws is not None else []
    department = sheet_department(src.blocks, departments)
    preview_date = None
    for block in src.blocks:
        if isinstance(block, Para) and fold(block.clean).startswith("laeringssamtale"):
            preview_date = first_date(block.clean)
            break
    target = where.target(kinds.SHEET, date=preview_date, department=department)

    def finder(title: str, date: dt.date | None) -> tuple[str, Any, str | None]:
        return find_meeting(where.ws, target, title, date)

    reader = SheetReader(src, finder, departments)
    data = reader.read()
    return Reading(data, target, reader.mapped)
