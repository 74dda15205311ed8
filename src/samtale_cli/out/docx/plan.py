"""The Word writer of an indsatsplan.

``write(builder, view)`` adds, from ``view`` (the view of the indsatsplan:
:func:`samtale_cli.out.views.build_view`), the plan's sections, its timeline as a table with
shaded periods, and its phases to ``builder`` (:class:`samtale_cli.out.docx.builder.Builder`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from samtale_cli.out.docx import oxml
from samtale_cli.out.docx.builder import Builder
from samtale_cli.out.docx.vocabulary import (
    FOLLOWED_POINTS, FOLLOWED_SHEET, H_EVALUATIONS, H_FOLLOWS, H_PHASES, H_TIMELINE, MEETING_DAY_OFF,
    MEETING_FIRST, MEETING_TIME, MILESTONES, PHASE_COLUMNS, PLAN_SECTIONS, PLAN_STATUS, RELEVANCE, SHEET_TITLE,
)


def write(b: Builder, view: dict[str, Any]) -> None:  # noqa: C901
    """The plan's sections, its timeline as a table with shaded months, and its phases."""
    b.start()
    b.title(f"Indsatsplan: {view['title']}", _years(view))
    b.labelled("Dagtilbud", view["daycare"])
    b.labelled("Afdeling", view["department"])
    b.labelled(PLAN_STATUS, view["status"])
    follows = view["follows"]
    if follows:
        b.heading(H_FOLLOWS, 2)
        # the sheet by its title, not its file; import reads the file from the invisible part
        shown = b.labelled(FOLLOWED_SHEET, f"{SHEET_TITLE}: {follows['department']}")
        if shown is not None:
            b.keep_for_import(shown, [("label", FOLLOWED_SHEET, follows["file"])], count=1)
        b.labelled(FOLLOWED_POINTS, ", ".join(map(str, follows["numbers"])) or None)
        if follows["points"]:
            b.items(None, [f"Punkt {point['number']}: {point['text']}" for point in follows["points"]])
    for key, heading in PLAN_SECTIONS:
        if view[key]:
            b.heading(heading, 2)
            b.items(None, view[key], block=True)
    if view["relevance"]:
        b.heading(RELEVANCE, 2)
        b.markdown(None, view["relevance"])

    b.heading(H_TIMELINE, 2)
    _timeline_table(b, view)

    b.heading(H_PHASES, 2)
    table = b.table(None, PHASE_COLUMNS, [3, 2, 2])
    for phase in view["phases"]:
        for cell, text in zip(b.row(table), (phase["name"], phase["start"] or "–", phase["end"])):
            b.paragraph(cell, text)
    for phase in view["phases"]:
        span = f"{phase['start']} – {phase['end']}" if phase["start"] else f"til {phase['end']}"
        b.heading(f"{phase['name']} ({span})", 3)
        b.markdown(None, phase["description"])
        if phase["milestones"]:
            b.label(MILESTONES)
            b.items(None, [f"{ms['date']}: {ms['title']}" for ms in phase["milestones"]])
        for meeting in phase["meetings"]:
            p = b.paragraph()
            b.inline(p, meeting["title"], bold=True)
            oxml.run(p, f" ({meeting['every']}, {len(meeting['dates'])} møder)")
            if meeting["clock"]:
                shown = f"kl. {meeting['time']} ({meeting['length']})" if meeting["length"] else f"kl. {meeting['clock']}"
                b.labelled(MEETING_TIME, shown)
            if meeting["on_day_off"] != "behold":
                b.labelled(MEETING_DAY_OFF, meeting["on_day_off"])
            dates_iso = meeting["dates_iso"]
            if meeting["first_iso"] and not (dates_iso and dates_iso[0] == meeting["first_iso"]):
                b.labelled(MEETING_FIRST, meeting["first"])
            b.items(None, meeting["dates"])
    if view["evaluations"]:
        b.heading(H_EVALUATIONS, 2)
        for evaluation in view["evaluations"]:
            b.heading(evaluation["date"], 3)
            b.markdown(None, evaluation["text"])


def _years(view: dict[str, Any]) -> str | None:
    """The years the plan's phases span: '2024' or '2021–2022'."""
    years = sorted({int(p[key][:4]) for p in view["phases"] for key in ("start_iso", "end_iso") if p.get(key)})
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _timeline_table(b: Builder, view: dict[str, Any]) -> None:  # noqa: C901
    """Phases down, periods across (months, or quarters or years for long plans); a
    phase's periods shaded, a milestone ◆ and a recurring meeting ● in their period."""
    phases = view["phases"]
    lo = min(dt.date.fromisoformat(p["start_iso"]) for p in phases)
    hi = max(dt.date.fromisoformat(p["end_iso"]) for p in phases)
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    step = 1 if months <= 18 else 3 if months <= 54 else 12
    if step == 12 and months > 12 * 40:
        step = 12 * ((months + 12 * 40 - 1) // (12 * 40))  # at most 40 columns
    first = (lo.year * 12 + lo.month - 1) // step * step
    last = (hi.year * 12 + hi.month - 1) // step * step
    periods = list(range(first, last + 1, step))

    def label(index: int) -> str:
        year, month = divmod(index, 12)
        if step == 1:
            return f"{MONTH_ABBR[month]} {year % 100:02d}"
        if step == 3:
            return f"K{month // 3 + 1} {year % 100:02d}"
        return str(year)

    def period(day: dt.date) -> int:
        return (day.year * 12 + day.month - 1) // step * step

    table = b.table(None, ["Fase", *[label(p) for p in periods]], [6] + [1] * len(periods), header_size=7)
    for phase in phases:
        start, end = dt.date.fromisoformat(phase["start_iso"]), dt.date.fromisoformat(phase["end_iso"])
        marks: dict[int, str] = {}
        for ms in phase["milestones"]:
            marks[period(dt.date.fromisoformat(ms["date_iso"]))] = "◆"
        for meeting in phase["meetings"]:
            for iso in meeting["dates_iso"]:
                marks.setdefault(period(dt.date.fromisoformat(iso)), "●")
        cells = b.row(table)
        b.paragraph(cells[0], phase["name"])
        for cell, index in zip(cells[1:], periods):
            if period(start) <= index <= period(end):
                oxml.shade(cell, oxml.BAR)
            p = b.paragraph(cell)
            if index in marks:
                oxml.run(p, marks[index], size=7)
    oxml.run(b.paragraph(), "Farvede felter: fasen er i gang. ◆: milepæl. ●: tilbagevendende møde.", italic=True)


MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
