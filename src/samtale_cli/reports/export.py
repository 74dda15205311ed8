"""``samtale eksport``: a workspace's facts as versioned JSON Lines, for the municipality and
for any tool that reads JSON (docs/kommandoer.md, "Municipality").

The first line is a header, ``{"samtale_eksport_version": 1, ...}``; then one record per
fact: a meeting, a participant's role, a pejlemærke, an agreement, a sheet and each of its
attention points, an indsats, its phases, milestones and evaluations, and each finding of
``check``. Every record has a unique, stable ``id`` (the file's path in the workspace and
the fact's place in it, as a JSON pointer: ``laeringssamtaler/x.yaml#/aftaler/0``),
``type``, ``dagtilbud``, ``afdeling``, ``fil``, ``dato``, ``status`` and ``temaer``, and
the fields of its type (:data:`RECORD_TYPES`, which also gives docs/eksport.schema.json).
Keys and types are ASCII (``naeste_moede``), so they are SQL columns as they stand.

The same files give the same bytes: no clock, records in file order, keys in one order.
Only files that pass ``check`` give facts; every finding is a record of its own, so a
reader sees what was left out and why.

``minimise`` (``--minimér``) keeps what a municipality may gather across daycares:
participants by role only, no names (a participant's name where it is written in a kept
text becomes their role in brackets), no minutes (``referat``, decisions) and no finding's
message (it may quote a name).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli import model as m
from samtale_cli.check.rules.themes import canonical_theme, known_themes
from samtale_cli.core import catalogue
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError

EXPORT_VERSION = 1

_TEXT = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "format": "date"}
_INT = {"type": ["integer", "null"]}
_TEXTS = {"type": ["array", "null"], "items": {"type": "string"}}
_BOOL = {"type": ["boolean", "null"]}

# Every record's fields, in this order.
COMMON: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "description": "Unik og stabil: filens sti i arbejdsmappen og stedet i filen (JSON pointer)."},
    "type": {"type": "string"},
    "dagtilbud": {"type": "string"},
    "afdeling": _TEXT,
    "fil": {"type": "string", "description": "Filens sti, relativ til arbejdsmappen, med /."},
    "dato": {**_DATE, "description": "Den dato, faktummet hører til (mødets, fasens start, milepælens, ...)."},
    "status": _TEXT,
    "temaer": {"type": "array", "items": {"type": "string"}},
}


@dataclass(frozen=True)
class RecordType:
    """One type of record: its ``type``, the DuckDB table (``kommune``) and its own fields."""

    name: str
    table: str
    description: str
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)


RECORD_TYPES: dict[str, RecordType] = {t.name: t for t in (
    RecordType("laeringssamtale", "laeringssamtaler", "En læringssamtale.", {
        "titel": _TEXT, "laeringsfokus": _TEXT, "naeste_moede": _DATE, "antal_deltagere": _INT,
        "antal_afbud": _INT, "afdelinger": _TEXTS, "beslutninger": _TEXTS, "har_referat": _BOOL}),
    RecordType("deltager", "deltagere", "En deltager i en læringssamtale: rollen (navnet kun uden --minimér).", {
        "moede": _TEXT, "rolle": _TEXT, "navn": _TEXT, "fremmoede": _TEXT}),
    RecordType("pejlemaerke", "pejlemaerker", "Et pejlemærke fra en læringssamtale.", {
        "moede": _TEXT, "nummer": _INT, "tekst": _TEXT}),
    RecordType("aftale", "aftaler", "En aftale fra en læringssamtale; status er åben, i gang, udført eller droppet.", {
        "moede": _TEXT, "nummer": _INT, "hvad": _TEXT, "ansvarlig": _TEXTS, "frist": _DATE, "udfoert": _DATE}),
    RecordType("ark", "ark", "En afdelings ark med opmærksomhedspunkter til en læringssamtale.", {
        "moede": _TEXT, "antal_punkter": _INT}),
    RecordType("opmaerksomhedspunkt", "opmaerksomhedspunkter", "Et opmærksomhedspunkt i et ark.", {
        "ark": _TEXT, "moede": _TEXT, "nummer": _INT, "tekst": _TEXT, "fulgt_op": _BOOL}),
    RecordType("indsats", "indsatser", "En indsats; status er den, filen skriver (planlagt, i gang, afsluttet, stoppet).", {
        "titel": _TEXT, "start": _DATE, "slut": _DATE, "ark": _TEXT, "punkter": {"type": "array", "items": {"type": "integer"}},
        "antal_faser": _INT, "antal_evalueringer": _INT}),
    RecordType("fase", "faser", "En fase i en indsats.", {
        "indsats": _TEXT, "nummer": _INT, "navn": _TEXT, "start": _DATE, "slut": _DATE}),
    RecordType("milepael", "milepaele", "En milepæl i en fase.", {
        "indsats": _TEXT, "fase": _INT, "titel": _TEXT}),
    RecordType("evaluering", "evalueringer", "En dateret evaluering af en indsats.", {
        "indsats": _TEXT, "tekst": _TEXT}),
    RecordType("fund", "fund", "Et fund fra 'samtale check'; status er fejl eller advarsel. En fil med fejl giver ingen "
               "andre poster.", {
        "linje": _INT, "kolonne": _INT, "kode": _TEXT, "titel": _TEXT, "besked": _TEXT}),
)}


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the records (docs/eksport.schema.json)."""
    defs = {}
    for t in RECORD_TYPES.values():
        props = {**COMMON, "type": {"const": t.name}, **t.fields}
        defs[t.name] = {"description": t.description, "type": "object", "properties": props,
                        "required": list(props), "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://samtale.dk/schema/eksport-v1.json",
        "title": "samtale eksport, version 1: én post pr. linje efter den første",
        "description": "Den første linje er {\"samtale_eksport_version\": 1, ...}; hver af de næste er en post af en af "
                       "typerne. Tabellen i samtale kommune's kommune.duckdb har typens navn i flertal.",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in RECORD_TYPES],
        "$defs": defs,
    }


# --- the facts of one workspace -------------------------------------------------------


@dataclass
class _Names:
    """The participants' names of the workspace's meetings and their roles: what
    ``--minimér`` leaves out (full names, and first names where they are unique)."""

    roles: dict[str, str] = field(default_factory=dict)  # role_key(name) -> role
    pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, meetings: Iterable[Any]) -> _Names:
        names: dict[str, str] = {}
        firsts: dict[str, set[str]] = {}
        for meeting in meetings:
            for p in meeting.participants:
                role = _role(p.role)
                names[p.name.strip()] = role
                first = p.name.split()[0] if p.name.split() else ""
                if len(first) >= 3 and first != p.name.strip():
                    firsts.setdefault(first, set()).add(role)
        for first, roles in firsts.items():
            names.setdefault(first, roles.pop() if len(roles) == 1 else "deltager")
        found = cls({v.role_key(n): r for n, r in names.items() if n})
        words = sorted((n for n in names if n), key=len, reverse=True)
        if words:
            found.pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
        return found

    def scrub(self, text: str | None) -> str | None:
        """``text`` with every participant's name replaced by their role in brackets."""
        if text is None or self.pattern is None:
            return text
        return self.pattern.sub(lambda found: f"[{self.roles.get(v.role_key(found.group()), 'deltager')}]", text)

    def responsible(self, who: str) -> str:
        """One of an agreement's ``ansvarlig``: a role as it stands, a name as its role."""
        return self.roles.get(v.role_key(who), who)


def _role(written: str) -> str:
    return v.canonical_role(written) or written.strip().lower()


@dataclass
class Exporter:
    """The records of one workspace (``root``), from a run with its documents kept."""

    root: Path
    daycare: str
    workspace: Any = None  # model.Workspace | None
    minimise: bool = False
    names: _Names = field(default_factory=_Names)
    followed: dict[str, set[int] | None] = field(default_factory=dict)  # sheet id -> followed points (None: all)

    def rel(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def ref(self, doc_path: Path, written: str) -> str:
        """The id of the file ``written`` (relative to the file at ``doc_path``) names."""
        return self.rel(Path(os.path.normpath(doc_path.parent / v.posix_path(written))))

    def department(self, name: str | None) -> str | None:
        if name is None or self.workspace is None:
            return name
        key = v.department_key(name)
        return next((d for d in self.workspace.departments if v.department_key(d) == key), name)

    def themes(self, themes: Iterable[str]) -> list[str]:
        known = known_themes(self.workspace)
        return [canonical_theme(t, known) or t for t in themes]

    def text(self, text: str | None) -> str | None:
        return self.names.scrub(text) if self.minimise else text

    def record(self, kind: str, rid: str, fil: str, **values: Any) -> dict[str, Any]:
        """A record of type ``kind`` with every field of its type, in the schema's order."""
        base = {"id": rid, "type": kind, "dagtilbud": self.daycare, "afdeling": None, "fil": fil, "dato": None,
                "status": None, "temaer": []}
        fields = {name: None for name in RECORD_TYPES[kind].fields}
        if kind == "indsats":
            fields["punkter"] = []
        merged = {**base, **fields, **values}
        return {k: (d.isoformat() if hasattr(d, "isoformat") else d) for k, d in merged.items()}

    # --- per kind ---

    def meeting(self, path: Path, meeting: m.Meeting) -> Iterator[dict[str, Any]]:
        fil = self.rel(path)
        departments = sorted({d for p in meeting.participants if (d := self.department(p.department))})
        has_minutes = any(i.minutes_text or any(s.minutes_text for s in i.subitems) for i in meeting.agenda)
        yield self.record(
            "laeringssamtale", fil, fil, dato=meeting.date, titel=self.text(meeting.title),
            laeringsfokus=self.text(meeting.focus), naeste_moede=meeting.next_meeting,
            antal_deltagere=len(meeting.participants),
            antal_afbud=sum(p.attendance == "afbud" for p in meeting.participants), afdelinger=departments,
            beslutninger=None if self.minimise else list(meeting.decisions), har_referat=has_minutes)
        for i, p in enumerate(meeting.participants):
            yield self.record("deltager", f"{fil}#/deltagere/{i}", fil, dato=meeting.date,
                              afdeling=self.department(p.department), moede=fil, rolle=_role(p.role),
                              navn=None if self.minimise else p.name, fremmoede=p.attendance)
        for i, landmark in enumerate(meeting.landmarks):
            yield self.record("pejlemaerke", f"{fil}#/pejlemærker/{i}", fil, dato=meeting.date, moede=fil, nummer=i + 1,
                              tekst=self.text(str(landmark)), temaer=self.themes(m.themes_of(landmark)))
        for i, a in enumerate(meeting.agreements):
            who = [self.names.responsible(w) for w in a.responsible] if self.minimise else list(a.responsible)
            yield self.record("aftale", f"{fil}#/aftaler/{i}", fil, dato=meeting.date, status=a.status,
                              afdeling=self.department(a.department), moede=fil, nummer=i + 1, hvad=self.text(a.what),
                              ansvarlig=who, frist=a.deadline, udfoert=a.done)

    def sheet(self, path: Path, sheet: m.AttentionSheet, day: Any) -> Iterator[dict[str, Any]]:
        fil = self.rel(path)
        meeting = self.ref(path, sheet.meeting)
        department = self.department(sheet.department)
        yield self.record("ark", fil, fil, dato=day, afdeling=department, moede=meeting, antal_punkter=len(sheet.points))
        followed = self.followed.get(fil, set())
        for i, point in enumerate(sheet.points):
            yield self.record(
                "opmaerksomhedspunkt", f"{fil}#/punkter/{i}", fil, dato=day, afdeling=department, ark=fil, moede=meeting,
                nummer=i + 1, tekst=self.text(str(point)), temaer=self.themes(m.themes_of(point)),
                fulgt_op=followed is None or i + 1 in followed)

    def plan(self, path: Path, plan: m.Plan) -> Iterator[dict[str, Any]]:
        fil = self.rel(path)
        department = self.department(plan.department)
        first = plan.phases[0]
        sheet = self.ref(path, plan.follows.file) if plan.follows is not None else None
        yield self.record(
            "indsats", fil, fil, dato=first.start or first.end, status=plan.status, afdeling=department,
            temaer=self.themes(plan.themes), titel=self.text(plan.title), start=first.start, slut=plan.end, ark=sheet,
            punkter=list(plan.follows.points) if plan.follows is not None else [], antal_faser=len(plan.phases),
            antal_evalueringer=len(plan.evaluations))
        for i, phase in enumerate(plan.phases):
            yield self.record("fase", f"{fil}#/faser/{i}", fil, dato=phase.start or phase.end, afdeling=department,
                              indsats=fil, nummer=i + 1, navn=self.text(phase.name), start=phase.start, slut=phase.end)
            for j, stone in enumerate(phase.milestones):
                yield self.record("milepael", f"{fil}#/faser/{i}/milepæle/{j}", fil, dato=stone.date,
                                  afdeling=department, indsats=fil, fase=i + 1, titel=self.text(stone.title))
        for i, evaluation in enumerate(plan.evaluations):
            yield self.record("evaluering", f"{fil}#/evalueringer/{i}", fil, dato=evaluation.date, afdeling=department,
                              indsats=fil, tekst=self.text(evaluation.text))

    def findings(self, findings: Iterable[Any]) -> Iterator[dict[str, Any]]:
        seen: dict[str, int] = {}
        for d in findings:
            base = f"{d.file}#L{d.line}:{d.col}/{d.code}"
            seen[base] = seen.get(base, 0) + 1
            rid = base if seen[base] == 1 else f"{base}/{seen[base]}"
            entry = catalogue.CODES.get(d.code)
            yield self.record("fund", rid, d.file, status=d.level.value, linje=d.line, kolonne=d.col, kode=d.code,
                              titel=entry.title if entry else None, besked=None if self.minimise else d.message)


def _meeting_dates(exporter: Exporter, documents: list[Any]) -> dict[str, Any]:
    return {exporter.rel(c.path): c.model.date for c in documents if isinstance(c.model, m.Meeting)}


def _followed(exporter: Exporter, documents: list[Any]) -> dict[str, set[int] | None]:
    """Per sheet (its id): the points an indsats follows up (None: all of them)."""
    found: dict[str, set[int] | None] = {}
    for c in documents:
        plan = c.model
        if isinstance(plan, m.Plan) and plan.follows is not None:
            sheet = exporter.ref(c.path, plan.follows.file)
            if not plan.follows.points:
                found[sheet] = None
            elif found.get(sheet, set()) is not None:
                found[sheet] = {*(found.get(sheet) or set()), *plan.follows.points}
    return found


def records(run: Any, root: Path, workspace: Any, *, minimise: bool = False) -> list[dict[str, Any]]:
    """Every record of a workspace from a run that kept its documents (``run([root],
    root, documents=True)``), facts first in file order, then the findings."""
    documents = sorted((c for c in run.documents if c.model is not None), key=lambda c: c.path.as_posix())
    meetings = [c.model for c in documents if isinstance(c.model, m.Meeting)]
    daycare = (workspace.daycare if workspace is not None else None) or next(
        (mt.daycare for mt in meetings if mt.daycare), root.name)
    exporter = Exporter(root, daycare, workspace, minimise, _Names.of(meetings))
    exporter.followed = _followed(exporter, documents)
    dates = _meeting_dates(exporter, documents)
    out: list[dict[str, Any]] = []
    for c in documents:
        if isinstance(c.model, m.Meeting):
            out.extend(exporter.meeting(c.path, c.model))
        elif isinstance(c.model, m.AttentionSheet):
            out.extend(exporter.sheet(c.path, c.model, dates.get(exporter.ref(c.path, c.model.meeting))))
        elif isinstance(c.model, m.Plan):
            out.extend(exporter.plan(c.path, c.model))
    out.extend(exporter.findings(run.findings))
    return out


def header(recs: list[dict[str, Any]], daycare: str, *, minimise: bool) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for r in recs:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    return {"samtale_eksport_version": EXPORT_VERSION, "$comment": "Lavet med samtale eksport", "dagtilbud": daycare,
            "minimeret": minimise, "poster": {name: counts.get(name, 0) for name in RECORD_TYPES}}


def jsonl(recs: list[dict[str, Any]], daycare: str, *, minimise: bool) -> str:
    """The export as text: the header line (with samtale's mark, so a new export may
    replace it), then one record per line."""
    first = json.dumps(header(recs, daycare, minimise=minimise), ensure_ascii=False) + "\n"
    return first + "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in recs)


def export_workspace(root: Path, *, minimise: bool = False, jobs: int | None = 1) -> tuple[str, list[dict[str, Any]], Any]:
    """(the JSON Lines text, the records, the run) of the workspace at ``root``."""
    from samtale_cli.check.runs import run
    from samtale_cli.check.workspace import Workspace

    root = root.resolve()
    try:
        ws = Workspace.at(root)
    except SamtaleError:  # samtale.yaml has errors: they are among the findings
        ws = None
    result = run([root], root, jobs=jobs, documents=True)
    model = ws.model if ws is not None else None
    recs = records(result, root, model, minimise=minimise)
    daycare = recs[0]["dagtilbud"] if recs else (model.daycare if model is not None else root.name)
    return jsonl(recs, daycare, minimise=minimise), recs, result
