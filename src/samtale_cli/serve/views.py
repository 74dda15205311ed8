"""What the after-meeting page (``/_efter/...``) and the overview page (``/_oversigt``)
show, as plain dicts for their templates (``efter.html.j2``, ``oversigt.html.j2``).

A form that was refused keeps what was typed: :class:`Typed` names the form and its
fields, and the view puts them in place of the file's values, with the message beside
that form (announced by an ``aria-live`` region).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from samtale_cli.core import values as v
from samtale_cli.model.common import AGREEMENT_STATES, ATTENDANCE, CURRICULUM_THEMES, themes_of


@dataclass
class Typed:
    """A refused form: its id on the page, the message, and the fields as sent."""

    form: str
    message: str
    fields: dict[str, str] = field(default_factory=dict)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def department_slug(name: str) -> str:
    return v.slugify(name) or "afdeling"


def departments_of(meeting: Any, sheets: dict[str, Any]) -> list[str]:
    """The meeting's departments (its participants'), then those of sheets made for it."""
    names: dict[str, str] = {}
    for person in meeting.participants:
        if person.department:
            names.setdefault(v.department_key(person.department), person.department)
    for key, sheet in sheets.items():
        names.setdefault(key, sheet["model"].department)
    return list(names.values())


def theme_groups(form_id: str, items: list[Any], known: list[str], what: str) -> list[dict[str, Any]]:
    """The theme checkboxes of a list of texts (pejlemærker, a sheet's points): a group
    per item (``nr``: its place in the file, 1-based) with a checkbox per theme (the
    ``known`` ones, then any other the item has), and one for a new line at the end.
    Their names are what :func:`samtale_cli.serve.after.themed_lines` reads. A
    placeholder point ("... (udfyldes)") has no group: the page does not show it."""
    def group(nr: int, text: str | None, themes: tuple[str, ...]) -> dict[str, Any]:
        mine = {v.role_key(t): t for t in themes}
        values = [*known, *(t for key, t in mine.items() if key not in {v.role_key(k) for k in known})]
        legend = f"Temaer for {what} {nr}: {text}" if text is not None else \
            f"Temaer for et nyt {what} (den sidste linje, når du skriver et nyt)"
        return {"nr": nr, "legend": legend, "choices": [
            {"id": f"{form_id}-tema-{nr}-{k}", "name": f"tema-{nr}-{k}", "value": value,
             "checked": v.role_key(value) in mine}
            for k, value in enumerate(values, 1)]}

    groups = [group(nr, str(item), themes_of(item)) for nr, item in enumerate(items, 1)
              if not str(item).endswith("(udfyldes)")]
    return [*groups, group(len(items) + 1, None, ())]


def after_view(meeting: Any, sheets: dict[str, Any], links: dict[str, str], typed: Typed | None,
               themes: list[str] | None = None) -> dict[str, Any]:
    """The after-meeting page of ``meeting``; ``sheets``: department key -> {"model",
    "file", "version"} of its sheet for this meeting; ``links``: the page's addresses,
    token and version; ``themes``: the themes the pejlemærker and points may have (the
    curriculum's and samtale.yaml's focus areas)."""
    known = list(themes if themes is not None else CURRICULUM_THEMES)
    participants = [
        {"id": f"fremmoede-{i}", "name": p.name, "role": p.role, "department": p.department or "",
         "attendance": p.attendance}
        for i, p in enumerate(meeting.participants, 1)
    ]
    agreements = [
        {"id": f"aftale-{i}", "nr": str(i), "hvad": a.what, "ansvarlig": ", ".join(a.responsible),
         "frist": _iso(a.deadline), "status": a.status, "udført": _iso(a.done)}
        for i, a in enumerate(meeting.agreements, 1)
    ]
    agreements.append({"id": "aftale-ny", "nr": "", "hvad": "", "ansvarlig": "", "frist": "", "status": "åben",
                       "udført": ""})
    departments = []
    for name in departments_of(meeting, sheets):
        sheet = sheets.get(v.department_key(name))
        model = sheet["model"] if sheet else None
        departments.append({
            "id": f"ark-{department_slug(name)}", "afdeling": name,
            "file": sheet["file"] if sheet else "", "version": sheet["version"] if sheet else "",
            "arbejdet_med": (model.worked_with or "").rstrip("\n") if model else "",
            "data_peger_på": (model.data_points_to or "").rstrip("\n") if model else "",
            "punkter": "\n".join(p for p in model.points if not p.endswith("(udfyldes)")) if model else "",
            "temaer": theme_groups(f"ark-{department_slug(name)}", list(model.points) if model else [], known,
                                   "punkt"),
        })
    view = {
        "title": meeting.title, "date": v.format_date_long(meeting.date), "date_iso": meeting.date.isoformat(),
        "participants": participants, "agreements": agreements,
        "pejlemaerker": {"id": "pejlemaerker", "pejlemærker": "\n".join(meeting.landmarks),
                         "temaer": theme_groups("pejlemaerker", list(meeting.landmarks), known, "pejlemærke")},
        "naeste": {"id": "naeste-moede", "dato": _iso(meeting.next_meeting)},
        "departments": departments, "attendance_states": list(ATTENDANCE), "agreement_states": list(AGREEMENT_STATES),
        **links,
    }
    if typed is not None:
        _keep_typed(view, typed)
    return view


# the fields of the forms, as their labels name them (what a stale form's message lists)
LABELS = {"hvad": "Hvad er aftalt", "ansvarlig": "Ansvarlig", "frist": "Frist", "status": "Status",
          "udført": "Udført", "pejlemærker": "Pejlemærker", "dato": "Dato", "fremmøde": "Fremmøde",
          "arbejdet_med": "Hvad har vi arbejdet med", "data_peger_på": "Hvad peger data på",
          "punkter": "Opmærksomhedspunkter"}


def _same(a: str, b: str) -> bool:
    return " ".join(a.replace("\r\n", "\n").split()) == " ".join(b.replace("\r\n", "\n").split())


def _keep_typed(view: dict[str, Any], typed: Typed) -> None:
    """The refused form's values as typed, and its message; a stale form's message also
    says what the file now has where that differs from what was typed (the other change
    to the same form, which saving again would replace)."""
    from samtale_cli.serve.after import SHEET_MADE, STALE

    view["notice"] = {"form": typed.form, "message": typed.message}
    forms = [*view["participants"], *view["agreements"], view["pejlemaerker"], view["naeste"], *view["departments"]]
    for form in forms:
        if form["id"] == typed.form:
            if typed.message in (STALE, SHEET_MADE):
                now = {**form, "fremmøde": form.get("attendance", "")}
                theirs = [f"{LABELS[key]}: «{now[key]}»" for key, value in typed.fields.items()
                          if key in LABELS and key in now and not _same(str(now[key]), value)]
                if theirs:
                    view["notice"]["message"] += " I filen står nu: " + "; ".join(theirs) + "."
            for key, value in typed.fields.items():
                if key in form and key not in ("id", "nr", "version", "file", "temaer"):
                    form[key] = value
            if "fremmøde" in typed.fields:
                form["attendance"] = typed.fields["fremmøde"]
            if typed.fields.get("temaer") == "vist":  # the checkboxes as they were sent
                for group in form.get("temaer", []):
                    for box in group["choices"]:
                        box["checked"] = typed.fields.get(box["name"]) == box["value"]


def overview_view(data: dict[str, Any], agreements: list[dict[str, Any]], links: dict[str, Any],
                  typed: Typed | None) -> dict[str, Any]:
    """The overview page: ``data`` as ``samtale oversigt --format json`` has it;
    ``agreements``: its open agreements, each with the form that changes its status."""
    def day(iso: str | None, weekday: bool = True) -> str:
        if not iso:
            return ""
        d = dt.date.fromisoformat(iso)
        return v.format_date_weekday(d) if weekday else v.format_date_short(d)

    for agreement in agreements:
        agreement["frist_tekst"] = day(agreement.get("frist")) or "ingen frist"
        agreement["fra_tekst"] = day(agreement.get("læringssamtale"), False)  # the meeting's day, in Danish
    meeting = data.get("læringssamtale")
    view = {
        "title": "Oversigt" + (f" – {data['dagtilbud']}" if data.get("dagtilbud") else ""),
        "day": day(data["dato"], False), "dato": data["dato"], "ansvarlig": data.get("ansvarlig") or "",
        "latest": {"titel": meeting["titel"], "dato": day(meeting["dato"])} if meeting else None,
        "agreements": agreements, "overdue": sum(1 for a in agreements if a["overskredet"]),
        "departments": data["afdelinger"], "broken": data.get("filer_med_fejl", []),
        "agreement_states": list(AGREEMENT_STATES), "themes": data.get("temaer", []), **links,
    }
    for dept in view["departments"]:
        for plan in dept["indsatser"]:
            stone, meet = plan.get("næste_milepæl"), plan.get("næste_møde")
            plan["milepael_tekst"] = f"{day(stone['dato'])} – {stone['titel']}" if stone else ""
            plan["moede_tekst"] = (f"{day(meet['dato'])}{' kl. ' + meet['kl'] if meet.get('kl') else ''} – "
                                   f"{meet['titel']}") if meet else ""
    if typed is not None:
        view["notice"] = {"form": typed.form, "message": typed.message}
    return view
