"""An indsats: its phases with milestones and recurring meetings, its evaluations and follow-up. Pure data, no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from samtale_cli.core import values as v
from samtale_cli.model.common import (
    DEFAULT_RECURRING_MINUTES,
    MAX_MEETING_OCCURRENCES,
    Clock,
    Date,
    Every,
    F,
    Minutes,
    NumberList,
    OnDayOff,
    PlanState,
    RelativePath,
    Strict,
    Text,
    TextList,
)


class Milestone(Strict):
    date: Date = F("dato", "Milepælens dato.")
    title: Text = F("titel", "Hvad sker der.")


class Recurring(Strict):
    title: Text = F("titel", "Mødets titel, fx Stuemøde.")
    every: Every = F("hver", 'Hvor ofte: "4 uger", "hver 4. uge", "14 dage" eller "måned".')
    first: Date | None = F("første", "Første møde; standard: fasens start.", None)
    clock: Clock | None = F("kl", 'Hvornår mødet begynder, fx "14:00"; giver møder med klokkeslæt i kalenderen.', None)
    length: Minutes | None = F("varighed", 'Hvor længe mødet varer, fx "1 t" eller 45; standard: 1 time, når kl er sat.',
                               None)
    on_day_off: OnDayOff = F(
        "ved_fridag", "Et møde, der falder på en fridag (weekend, helligdag, lukkedag): behold (standard; samtale "
        "check advarer), spring over eller næste hverdag.", "behold",
    )

    @property
    def minutes(self) -> int:
        """How long each meeting lasts (an hour unless 'varighed' says otherwise)."""
        return self.length.minutes if self.length is not None else DEFAULT_RECURRING_MINUTES


class Phase(Strict):
    name: Text = F("navn", "Fasens navn, fx Fase 1.")
    start: Date | None = F("start", "Fasens start; kan kun udelades i den første fase.", None)
    end: Date = F("slut", "Fasens slut (dagen er med).")
    description: Text | None = F("beskrivelse", "Hvad der sker i fasen (Markdown).", None)
    milestones: list[Milestone] = F("milepæle", "Milepæle i fasen.", [])
    meetings: list[Recurring] = F("møder", "Tilbagevendende møder i fasen.", [])

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the phase (both ends included)."""
        return (self.start is None or self.start <= day) and day <= self.end

    def first_date(self, meeting: Recurring) -> dt.date | None:
        """The first occurrence of a recurring meeting: ``første``, else the phase's start."""
        return meeting.first or self.start

    def meeting_dates(self, meeting: Recurring) -> list[dt.date]:
        """Every occurrence of a recurring meeting, from its first date to the phase's end
        (at most MAX_MEETING_OCCURRENCES; a plan with more is an error, T608)."""
        first = self.first_date(meeting)
        return v.occurrences(first, meeting.every, self.end, MAX_MEETING_OCCURRENCES) if first else []

    def held_dates(self, meeting: Recurring, closed: Any = None) -> list[dt.date]:
        """The days a recurring meeting is held: its occurrences, with those on a fridag
        (``closed``: the daycare's lukkedage) kept, skipped or moved to the next working
        day as ``ved_fridag`` says."""
        dates = self.meeting_dates(meeting)
        if meeting.on_day_off == "behold":
            return dates
        if meeting.on_day_off == "spring over":
            return [day for day in dates if not v.day_off(day, closed)]
        return sorted({v.next_workday(day, closed) for day in dates})

    def meeting_count(self, meeting: Recurring) -> int:
        """How many times a recurring meeting falls in the phase (counted, not listed)."""
        first = self.first_date(meeting)
        return v.count_occurrences(first, meeting.every, self.end) if first else 0


class Evaluation(Strict):
    date: Date = F("dato", "Hvornår evalueringen blev holdt.")
    text: Text = F("tekst", "Hvad I lærte, og hvad I ændrer (Markdown).")


class FollowUp(Strict):
    file: RelativePath = F("fil", "Stien til afdelingens ark med opmærksomhedspunkter, relativ til denne fil.")
    points: NumberList = F(
        "punkter", "Numrene (1, 2, ...) på de punkter i arket, indsatsen følger op på; standard: alle.", []
    )


class Plan(Strict):
    type: Literal["indsats"] = F("type", "Dokumenttypen.")
    title: Text = F("titel", "Indsatsens titel.")
    department: Text = F("afdeling", "Afdelingen, der har indsatsen.")
    goals: TextList = F("mål", "Hvad vil vi opnå?", [])
    why: TextList = F("hvorfor", "Hvorfor vil vi opnå dette?", [])
    knowledge: TextList = F("vidensgrundlag", "Vidensgrundlag og indikatorer for høj kvalitet.", [])
    enablers: TextList = F("fremmere", "Hvad fremmer indsatsen?", [])
    barriers: TextList = F("hæmmere", "Hvad hæmmer indsatsen?", [])
    evaluation: TextList = F("evaluering", "Hvordan vil vi evaluere og lave målopfølgning?", [])
    relevance: Text | None = F("relevans", "Er dette et relevant mål?", None)
    follows: FollowUp | None = F(
        "opmærksomhedspunkter", "Det ark med opmærksomhedspunkter (og evt. de punkter i det), indsatsen følger op på.",
        None,
    )
    status: PlanState | None = F("status", "planlagt, i gang, afsluttet eller stoppet.", None)
    evaluations: list[Evaluation] = F(
        "evalueringer", "Evalueringer med dato: hvad I lærte, og hvad I ændrer.", []
    )
    phases: list[Phase] = F("faser", "Indsatsens faser i rækkefølge.", min_length=1)
    themes: TextList = F(
        "temaer", "Temaer fra den styrkede pædagogiske læreplan eller kommunens/dagtilbuddets fokusområder.", []
    )

    @property
    def end(self) -> dt.date:
        """The last day of the plan (the latest phase end)."""
        return max(phase.end for phase in self.phases)

    def references(self) -> list[str]:
        """The files this document refers to (relative to it): the sheet it follows up."""
        return [self.follows.file] if self.follows is not None else []

    def meeting_count(self) -> int:
        """All occurrences of all recurring meetings of the plan (counted, not listed)."""
        return sum(phase.meeting_count(meeting) for phase in self.phases for meeting in phase.meetings)
