"""The yearly cycle across files: each læringssamtale with its pejlemærker and
agreements, the sheets of attention points the departments wrote after it, the plans
that follow those points up, and the plans' evaluations.

Made from the documents a pipeline run passed (:class:`samtale_cli.check.checker.Checked`);
the links are the ones the rules followed (a sheet's ``læringssamtale``, a plan's
``opmærksomhedspunkter.fil``), so a link that check accepts is a link here.
``oversigt``, the history pages and ``kalender`` read the cycle from here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samtale_cli.core import kinds
from samtale_cli.core import values as v

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked


@dataclass(frozen=True)
class Linked:
    """A document of the cycle, briefly: its path, a slim model (no agenda) and the
    files it refers to. A checked file of a site render is passed on as this (a
    survey's facts cross between processes and stay in memory for the history pages)."""

    path: Path
    model: Any
    refs: frozenset[Path]
    workspace: Any = None


@dataclass(frozen=True)
class Part:
    """A kind's part in the cycle (its ``cycle`` hook in :mod:`samtale_cli.core.kinds`):
    which of the cycle's lists its documents go in, and what the cycle leaves out of
    them (what only their own pages show); ``phase_detail``: the same for each of a
    plan's phases. model_copy does not validate."""

    bucket: str  # "meetings", "sheets" or "plans": the Cycle field
    detail: dict[str, Any]
    phase_detail: dict[str, Any] = field(default_factory=dict)
    people: str | None = None  # the model's field of participants, if it has one

    def slim(self, model: Any, keep: frozenset[str]) -> Any:
        """``model`` without the details not in ``keep``."""
        update = {key: value for key, value in self.detail.items() if key not in keep}
        phase_update = {key: value for key, value in self.phase_detail.items() if key not in keep}
        if phase_update:
            update["phases"] = [phase.model_copy(update=phase_update) for phase in model.phases]
        return model.model_copy(update=update)


MEETING = Part("meetings", {"agenda": [], "participants": [], "data": [], "roles": {}, "purpose": None, "goal": None,
                            "key_concepts": [], "decisions": []}, people="participants")
SHEET = Part("sheets", {"decision": None, "worked_with": None, "data_points_to": None})
PLAN = Part("plans", {"goals": [], "why": [], "knowledge": [], "enablers": [], "barriers": [], "evaluation": [],
                      "relevance": None}, {"description": None, "meetings": []})


def part_of(model: Any) -> Part:
    """The part in the cycle of a document's model (the kinds table's ``cycle`` hook)."""
    return kinds.hook(kinds.kind_of(model), "cycle")


def linked(checked: Checked, keep: frozenset[str] = frozenset()) -> Linked:
    """``checked`` as the cycle needs it; ``keep`` names the details a command needs
    besides (fields of the model or of a plan's phases, such as ``participants`` for
    ``oversigt --ansvarlig`` or ``meetings`` for the phases' recurring meetings)."""
    model = checked.model
    return Linked(checked.path, part_of(model).slim(model, keep), frozenset(checked.refs), checked.workspace)


class Held(tuple):
    """(meeting, agreement) of :meth:`Cycle.agreements`, with the agreement's place in
    its meeting's ``aftaler`` (1-based): a model read back from the disk
    (:mod:`samtale_cli.check.spill`) is another object, so the place is not found by
    identity later."""

    number: int

    def __new__(cls, meeting: Any, agreement: Any, number: int) -> Held:
        held = super().__new__(cls, (meeting, agreement))
        held.number = number
        return held


@dataclass
class Cycle:
    """The meetings (by date), sheets and plans of a run, and the links between them."""

    meetings: list[Checked] = field(default_factory=list)  # or Linked: anything with path, model and refs
    sheets: list[Checked] = field(default_factory=list)
    plans: list[Checked] = field(default_factory=list)
    workspace: Any = None  # model.Workspace | None

    @classmethod
    def of(cls, documents: Iterable[Checked | Linked]) -> Cycle:
        cycle = cls()
        for checked in documents:
            getattr(cycle, part_of(checked.model).bucket).append(checked)
            if cycle.workspace is None and checked.workspace is not None:
                cycle.workspace = checked.workspace
        cycle.meetings.sort(key=lambda c: (c.model.date, c.path.name))
        cycle.sheets.sort(key=lambda c: c.path.as_posix())
        cycle.plans.sort(key=lambda c: c.path.as_posix())
        return cycle

    @functools.cached_property
    def _links(self) -> tuple[dict[Path, Any], dict[Path, Any], dict[Path, list[Any]], dict[Path, list[Any]]]:
        """The links, looked up once: a sheet's meeting, a plan's sheet, a meeting's
        sheets, a sheet's plans (each by path)."""
        meetings = {m.path: m for m in self.meetings}
        sheets = {s.path: s for s in self.sheets}
        meeting_of = {s.path: next((meetings[p] for p in s.refs if p in meetings), None) for s in self.sheets}
        sheet_of = {p.path: next((sheets[r] for r in p.refs if r in sheets), None) for p in self.plans}
        after: dict[Path, list[Any]] = {}
        for sheet in self.sheets:
            if meeting_of[sheet.path] is not None:
                after.setdefault(meeting_of[sheet.path].path, []).append(sheet)
        following: dict[Path, list[Any]] = {}
        for plan in self.plans:
            if sheet_of[plan.path] is not None:
                following.setdefault(sheet_of[plan.path].path, []).append(plan)
        return meeting_of, sheet_of, after, following

    @property
    def departments(self) -> list[str]:
        """The workspace's departments, then any other a file names (each once, as the
        workspace spells it)."""
        names: dict[str, str] = {}
        for name in self.workspace.departments if self.workspace is not None else ():
            names.setdefault(v.department_key(name), name)
        for checked in [*self.sheets, *self.plans]:
            names.setdefault(v.department_key(checked.model.department), checked.model.department)
        return list(names.values())

    # --- links ---------------------------------------------------------------------

    def meeting_of(self, sheet: Checked) -> Checked | None:
        """The læringssamtale a sheet was written after (when it is in the run)."""
        return self._links[0].get(sheet.path)

    def sheet_of(self, plan: Checked) -> Checked | None:
        """The sheet a plan follows up (when it names one that is in the run)."""
        return self._links[1].get(plan.path)

    def sheets_after(self, meeting: Checked) -> list[Checked]:
        return self._links[2].get(meeting.path, [])

    def plans_following(self, sheet: Checked) -> list[Checked]:
        return self._links[3].get(sheet.path, [])

    def followers(self, sheet: Checked) -> dict[int, list[Checked]]:
        """For each point of a sheet (1-based), the plans that follow it up: those that
        name it, and those that name the sheet without naming points."""
        found: dict[int, list[Checked]] = {n: [] for n in range(1, len(sheet.model.points) + 1)}
        for plan in self.plans_following(sheet):
            for number in plan.model.follows.points or list(found):
                if number in found:
                    found[number].append(plan)
        return found

    def not_followed(self, sheet: Checked) -> list[str]:
        """The points of a sheet that no plan follows up yet."""
        return [sheet.model.points[n - 1] for n, plans in self.followers(sheet).items() if not plans]

    def sheet_date(self, sheet: Checked) -> dt.date | None:
        meeting = self.meeting_of(sheet)
        return meeting.model.date if meeting is not None else None

    def latest_sheets(self, day: dt.date) -> dict[str, Checked]:
        """Each department's latest sheet (by its meeting's date, on or before ``day``),
        by department key."""
        latest: dict[str, tuple[dt.date, Checked]] = {}
        for sheet in self.sheets:
            date = self.sheet_date(sheet)
            if date is None or date > day:
                continue
            key = v.department_key(sheet.model.department)
            if key not in latest or date >= latest[key][0]:
                latest[key] = (date, sheet)
        return {key: sheet for key, (_date, sheet) in latest.items()}

    # --- agreements ----------------------------------------------------------------

    def agreements(self, by: dt.date | None = None, *, keep_deadlines: bool = False) -> list[Held]:
        """Every agreement as it stands now (or on ``by``: made at a meeting on or
        before it): one that a later meeting wrote again (carried over, the same
        ``hvad``) counts in its latest form only; agreements of the same text in one
        meeting are distinct. (meeting, agreement), in the order of the meetings and
        the files; each a :class:`Held`, which knows the agreement's place in its meeting.

        ``keep_deadlines`` (the calendar): an open agreement carried over without a
        deadline (``new læringssamtale`` comments out a deadline before the new meeting)
        stays in its earlier, open form with that deadline, until a later meeting gives
        it a deadline of its own or closes it."""
        latest: list[Held] = []
        for meeting in self.meetings:
            if by is not None and meeting.model.date > by:
                break  # the meetings are in date order
            # two agreements of one meeting are two, whatever their texts
            again = {v.role_key(agreement.what) for agreement in meeting.model.agreements}
            earlier: dict[str, Held] = {}
            if keep_deadlines:
                for held in latest:
                    a = held[1]
                    if v.role_key(a.what) in again and a.deadline is not None and a.is_open:
                        earlier.setdefault(v.role_key(a.what), held)
            latest = [held for held in latest if v.role_key(held[1].what) not in again]
            for number, agreement in enumerate(meeting.model.agreements, 1):
                before = earlier.pop(v.role_key(agreement.what), None)
                carried = before is not None and agreement.deadline is None and agreement.is_open
                latest.append(before if carried else Held(meeting, agreement, number))
        return latest

    def open_agreements(self, by: dt.date | None = None, *, keep_deadlines: bool = False) -> list[Held]:
        """The agreements that are still to do (åben or i gang), in their latest form;
        on ``by``: made by then and not done by then (see :meth:`agreements`)."""
        return [held for held in self.agreements(by, keep_deadlines=keep_deadlines)
                if (held[1].is_open if by is None else held[1].open_on(by))]


def evaluations_by(plan: Any, day: dt.date) -> list[Any]:
    """A plan's evaluations held on or before ``day`` (a later date is not done yet)."""
    return [e for e in plan.evaluations if e.date <= day]


def plan_ended_without_evaluation(plan: Any, day: dt.date) -> bool:
    """Whether a plan's phases are over on ``day`` and it had no evaluation by then."""
    return day > plan.end and not evaluations_by(plan, day)
