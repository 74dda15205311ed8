"""The Word writer of a læringssamtale's dagsorden and referat.

``write(builder, view)`` adds the document to ``builder``
(:class:`samtale_cli.out.docx.builder.Builder`) from ``view``, the view of the dagsorden or
referat (:func:`samtale_cli.out.views.build_view`): the meeting, its parts, people, data
and agenda table; the referat adds attendance, each item's minutes, decisions, landmarks
and agreements. The headings and column names are :mod:`samtale_cli.out.docx.vocabulary`'s.
"""

from __future__ import annotations

from typing import Any

from samtale_cli.out.docx import oxml
from samtale_cli.out.docx.builder import Builder
from samtale_cli.out.docx.vocabulary import (
    AGENDA_COLUMNS, AGREEMENT_COLUMNS, ATTENDANCE_COLUMN, DATA_COLUMNS, H_AGENDA, H_AGREEMENTS, H_CONCEPTS,
    H_DATA, H_DECISIONS, H_FOCUS, H_GOAL, H_LANDMARKS, H_PARTS, H_PEOPLE, H_PURPOSE, H_ROLES, LIST_INDENT,
    MINUTES, NEXT_MEETING, PARTS_COLUMNS, PEOPLE_COLUMNS, QUESTIONS, ROLES_COLUMNS, YES, APOLOGIES, ABSENT,
    H_PRESENT, SHARED_GROUP, SHOWN_DATA_COLUMNS, SHOWN_PARTS_COLUMNS, SHOWN_PEOPLE_COLUMNS, THEMES_LABEL,
)


def write(b: Builder, view: dict[str, Any]) -> None:  # noqa: C901
    """Dagsorden or referat: the meeting, its parts, people, data and agenda table."""
    minutes = view["document"] == "referat"
    b.start()
    b.title(f"{view['document_label']}: {view['title']}", view["date"])
    b.labelled("Dagtilbud", view["daycare"])
    b.labelled("Dato", view["date"])
    b.labelled("Tid", f"kl. {view['time']} ({view['duration']})" if view["time"] else view["duration"])
    b.labelled("Sted", view["place"])
    if minutes:
        b.labelled(NEXT_MEETING, view["next_meeting"])

    b.heading(H_FOCUS, 2)
    b.inline(b.paragraph(), view["focus"])
    if view["purpose"]:
        b.heading(H_PURPOSE, 3)
        b.markdown(None, view["purpose"])
    if view["goal"]:
        b.heading(H_GOAL, 3)
        b.markdown(None, view["goal"])
    if view["key_concepts"]:
        b.heading(H_CONCEPTS, 3)
        b.items(None, view["key_concepts"])

    _parts(b, view)
    if view["roles"]:
        b.heading(H_ROLES, 3)
        table = b.table(None, ROLES_COLUMNS, [1, 3])
        for role in view["roles"]:
            name, text = b.row(table)
            b.paragraph(name, role["role"])
            b.markdown(text, role["text"])
    _people(b, view, minutes)
    if view["data"]:
        _data(b, view)

    b.heading(H_AGENDA, 2)
    for part in view["parts"]:
        caption = part["title"] + (f", kl. {part['time']}" if part["time"] else "") + f" ({part['duration']})"
        b.paragraph(None, caption, style="Caption")
        table = b.table(None, AGENDA_COLUMNS, [1.1, 2.6, 3.9, 6.0, 2.6])
        for item in part["items"]:
            _agenda_row(b, table, item, sub=False)
            if minutes and item["minutes_text"]:
                _minutes_row(b, table, item["minutes_text"])
            for sub in item["subitems"]:
                _agenda_row(b, table, sub, sub=True)
                if minutes and sub["minutes_text"]:
                    _minutes_row(b, table, sub["minutes_text"])
    if view["end"]:
        b.paragraph(None, f"Mødet slutter kl. {view['end']}.")

    if minutes and view["decisions"]:
        b.heading(H_DECISIONS, 2)
        b.items(None, view["decisions"], numbered=True)
    if minutes and view["landmark_items"]:
        b.heading(H_LANDMARKS, 2)
        entries = [p["text"] + (f"\n\n{THEMES_LABEL} {'; '.join(p['themes'])}" if p["themes"] else "")
                   for p in view["landmark_items"]]
        b.items(None, entries, numbered=True, block=True)
    if minutes and view["agreements"]:
        b.heading(H_AGREEMENTS, 2)
        table = b.table(None, AGREEMENT_COLUMNS, [6, 3, 3, 2, 2])
        for agreement in view["agreements"]:
            what, who, department, deadline, status = b.row(table)
            b.inline(b.paragraph(what), agreement["what"])
            for name in agreement["responsible"]:
                b.paragraph(who, name)
            b.paragraph(department, agreement["department"] or "")
            b.paragraph(deadline, agreement["deadline"] or "–")
            b.paragraph(status, agreement["status"] + (f" ({agreement['done']})" if agreement["done"] else ""))


def _agenda_row(b: Builder, table: Any, item: dict[str, Any], *, sub: bool) -> None:
    nr, tid, topic, goals, responsible = b.row(table)
    b.paragraph(nr, item["number"] or "")
    when = f"{item['time']}\n" if item.get("time") else ""
    b.paragraph(tid, when + (item["duration"] or ""))
    p = b.paragraph(topic, indent=LIST_INDENT if sub else 0)
    pause = bool(item.get("pause")) and not sub
    oxml.run(p, item["topic"], bold=not sub and not pause, italic=pause)
    b.items(goals, item["goals"])
    if item["questions"]:
        b.label(QUESTIONS, goals, italic=True)
        b.items(goals, item["questions"])
    for name in item["responsible"]:
        b.paragraph(responsible, name)


def _minutes_row(b: Builder, table: Any, text: str) -> None:
    cell = b.full_row(table)
    b.label(f"{MINUTES}:", cell)
    b.markdown(cell, text)


def _parts(b: Builder, view: dict[str, Any]) -> None:
    """The parts by title and clock time; import reads their keys from the invisible part."""
    first = b.heading(H_PARTS, 2)
    table = b.table(None, SHOWN_PARTS_COLUMNS, [8, 3, 3])
    for part in view["parts"]:
        for cell, text in zip(b.row(table), (part["title"], part["time"] or "", part["duration"])):
            b.paragraph(cell, text or "")
    rows = [list(PARTS_COLUMNS)] + [[p["id"], p["name"] or "", p["time"] or "", p["duration"]] for p in view["parts"]]
    b.keep_for_import(first, [("heading", 2, H_PARTS), ("table", rows)])


def _person(person: dict[str, Any], department: bool = False) -> str:
    shown = f"{person['name']}, {person['role']}"
    if department and person["department"]:
        shown += f", {person['department']}"
    if person["parts"]:
        shown += f" (kun {', '.join(person['parts'])})"
    return shown


def _people(b: Builder, view: dict[str, Any], minutes: bool) -> None:
    """Who came (the minutes) or who is invited (the agenda), by department, as the PDF
    has it; then Afbud and Fraværende. Import reads the file's table of participants
    (parts by key, attendance) from the invisible part."""
    groups = view["present"] if minutes else view["participants"]
    count = view["present_count"] if minutes else view["participant_count"]
    first = b.heading(f"{H_PRESENT if minutes else H_PEOPLE} ({count})", 2)
    table = b.table(None, SHOWN_PEOPLE_COLUMNS, [1, 1])
    for group in groups:
        cells = b.row(table)
        for cell in cells:  # the department across the row, in each cell for a reader going by cells
            oxml.shade(cell, oxml.HEAD_FILL)
            oxml.run(b.paragraph(cell), group["department"] or SHARED_GROUP, bold=True)
        for person in group["people"]:
            name, role = b.row(table)
            b.paragraph(name, person["name"])
            b.paragraph(role, person["role"] + (f" (kun {', '.join(person['parts'])})" if person["parts"] else ""))
    if minutes:
        for label, people in ((APOLOGIES, view["apologies"]), (ABSENT, view["absent"])):
            if people:
                b.labelled(label, "; ".join(_person(p, department=True) for p in people))
    b.labelled("Referent", view["secretary"])
    rows = [list(PEOPLE_COLUMNS) + ([ATTENDANCE_COLUMN] if minutes else [])]
    for person in view["people"]:
        parts = ", ".join(person["parts"]) if person["parts"] is not None else ""
        row = [person["name"], person["role"], person["department"] or "", parts]
        rows.append(row + ([person["attendance"]] if minutes else []))
    kept: list[tuple[Any, ...]] = [("heading", 2, f"{H_PEOPLE} ({view['participant_count']})"), ("table", rows)]
    if view["secretary"]:
        kept.append(("label", "Referent", view["secretary"]))
    b.keep_for_import(first, kept)


def _data(b: Builder, view: dict[str, Any]) -> None:
    """The data by title and source; import reads their files from the invisible part."""
    first = b.heading(H_DATA, 2)
    table = b.table(None, SHOWN_DATA_COLUMNS, [6, 4, 2])
    for d in view["data"]:
        for cell, text in zip(b.row(table), (d["title"], d["source"] or "", YES if d["mandatory"] else "")):
            b.paragraph(cell, text)
    rows = [list(DATA_COLUMNS)] + [[d["title"], d["source"] or "", YES if d["mandatory"] else "", d["file"] or ""]
                                   for d in view["data"]]
    b.keep_for_import(first, [("heading", 2, H_DATA), ("table", rows)])
