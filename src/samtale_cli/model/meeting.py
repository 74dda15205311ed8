"""A læringssamtale: its parts, participants, data, agenda (numbered items and sub-items) and agreements. Pure data, no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import model_validator

from samtale_cli.core import values as v
from samtale_cli.model.common import (
    OPEN_AGREEMENT_STATES,
    AgreementState,
    Attendance,
    Clock,
    Date,
    Deadline,
    F,
    FilledText,
    Flag,
    Minutes,
    People,
    RelativePath,
    Strict,
    Text,
    TextList,
    ThemedList,
)


class Part(Strict):
    id: Text = F("del", "Delens korte navn, fx plenum eller ledelse; dagsordenens punkter henviser til det.")
    title: Text | None = F("titel", "Hvem deltager i delen, fx Den samlede deltagerkreds.", None)
    minutes: Minutes = F("minutter", "Delens længde, fx 120 eller \"1 t\".")


class Participant(Strict):
    name: Text = F("navn", "Deltagerens navn.")
    role: Text = F("rolle", "Rollen, fx pædagogisk leder, fagligt fyrtårn, BU-chef, konsulent.")
    department: Text | None = F("afdeling", "Afdelingen; skal stå i samtale.yaml's afdelinger.", None)
    parts: TextList | None = F("dele", "De dele af mødet, deltageren er med i; standard: alle.", None)
    attendance: Attendance = F(
        "fremmøde", "mødt (standard), afbud eller fraværende; referatet viser, hvem der kom, og hvem der meldte afbud.",
        "mødt",
    )


class DataSource(Strict):
    title: Text = F("titel", "Datakildens navn.")
    mandatory: Flag = F("obligatorisk", "ja (eller true), når data er obligatorisk (tilsyn og PPR).", False)
    source: Text | None = F("kilde", "Hvor data kommer fra, fx Tilsyn, PPR eller LIS.", None)
    file: RelativePath | None = F("fil", "Sti til filen med data, relativ til denne fil.", None)


class SubItem(Strict):
    topic: Text = F("emne", "Underpunktets emne.")
    minutes: Minutes | None = F("minutter", "Underpunktets længde.", None)
    responsible: People = F("ansvarlig", "Roller eller navne på deltagere (eller alle).", [])
    goals: TextList = F("mål", "Mål med underpunktet.", [])
    questions: TextList = F("spørgsmål", "Spørgsmål til refleksion.", [])
    minutes_text: Text | None = F("referat", "Referat af underpunktet (Markdown).", None)


class AgendaItem(Strict):
    topic: Text = F("emne", "Punktets emne.")
    part: Text | None = F("del", "Den del af tidsramme, punktet hører til; standard: den første.", None)
    minutes: Minutes = F("minutter", "Punktets længde, fx 5, \"ca. 35 min\".")
    pause: Flag = F("pause", "ja (eller true), når punktet er en pause.", False)
    responsible: People = F("ansvarlig", "Roller eller navne på deltagere, der har ansvaret (eller alle).", [])
    goals: TextList = F("mål", "Mål med punktet.", [])
    questions: TextList = F("spørgsmål", "Spørgsmål til refleksion.", [])
    subitems: list[SubItem] = F("punkter", "Underpunkter med hver deres minutter.", [])
    minutes_text: Text | None = F("referat", "Referat af punktet (Markdown).", None)


class Agreement(Strict):
    what: FilledText = F("hvad", "Hvad der er aftalt, fx Opmærksomhedspunkterne deles med konsulenterne.")
    responsible: People = F(
        "ansvarlig", "Roller eller navne på deltagere, der har ansvaret (som ved dagsordenens punkter); 'alle' er alle "
        "deltagere.",
    )
    deadline: Deadline | None = F(
        "frist", "Hvornår aftalen skal være udført; mødets dato eller senere, eller en uge (uge 16: fredag i uge 16).", None)
    status: AgreementState = F("status", "åben (standard), i gang, udført eller droppet.", "åben")
    department: Text | None = F("afdeling", "Den afdeling, aftalen gælder; skal stå i samtale.yaml's afdelinger.", None)
    done: Date | None = F("udført", "Hvornår aftalen blev udført; kun med status udført.", None)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_AGREEMENT_STATES

    def open_on(self, day: dt.date) -> bool:
        """Still to do on ``day``: open now, or done after it ('udført' with a later date)."""
        return self.is_open or (self.status == "udført" and self.done is not None and self.done > day)


def _with_weeks(data: Any) -> Any:
    """``data`` (a meeting as read from YAML) with each agreement's 'frist: uge N' given
    the year of the first week N on or after the meeting's date ('uge 16 2025'). Left as
    it is when the meeting's date cannot be read (its own finding says why)."""
    if not isinstance(data, dict) or not isinstance(data.get("aftaler"), list):
        return data
    if not any(isinstance(a, dict) and (w := v.week_of(a.get("frist"))) and w[1] is None for a in data["aftaler"]):
        return data
    try:
        day = v.parse_date(data.get("dato"))
    except v.ParseError:
        return data
    agreements = []
    for agreement in data["aftaler"]:
        week = v.week_of(agreement.get("frist")) if isinstance(agreement, dict) else None
        if week is not None and week[1] is None:
            try:
                friday = v.week_on_or_after(week[0], day)
                agreement = {**agreement, "frist": f"uge {week[0]} {friday.isocalendar()[0]}"}
            except v.ParseError:
                pass  # the agreement's own finding says it
        agreements.append(agreement)
    return {**data, "aftaler": agreements}


class Meeting(Strict):
    type: Literal["læringssamtale"] = F("type", "Dokumenttypen.")
    title: Text = F("titel", "Mødets titel.")
    daycare: Text | None = F("dagtilbud", "Dagtilbuddet; kan udelades, når samtale.yaml nævner det.", None)
    date: Date = F("dato", "Mødets dato, fx 2024-05-13 eller 13/5 2024.")
    start: Clock | None = F("start", "Mødets starttidspunkt, fx \"13:00\"; giver klokkeslæt i dagsordenen.", None)
    place: Text | None = F("sted", "Hvor mødet holdes.", None)
    focus: Text = F("læringsfokus", "Læringsfokus for samtalen.")
    purpose: Text | None = F("formål", "Formålet med læringssamtalen (Markdown).", None)
    goal: Text | None = F("mål", "Målet med samtalen.", None)
    key_concepts: TextList = F("kernebegreber", "Kernebegreber og mindset.", [])
    parts: list[Part] = F("tidsramme", "Mødets dele i rækkefølge; summen er mødets længde.", min_length=1)
    roles: dict[str, Text] = F("roller", "Hvad hver rolle gør på mødet.", {})
    participants: list[Participant] = F("deltagere", "Mødets deltagere.", min_length=1)
    data: list[DataSource] = F("datagrundlag", "Data, som samtalen tager afsæt i.", [])
    agenda: list[AgendaItem] = F("dagsorden", "Dagsordenens punkter i rækkefølge.", min_length=1)
    secretary: Text | None = F("referent", "Referentens navn; bør være en deltager.", None)
    decisions: TextList = F("beslutninger", "Beslutninger fra mødet.", [])
    landmarks: ThemedList = F(
        "pejlemærker", "De pejlemærker, mødet blev enige om: tekst, eller tekst og temaer (tekst: ..., temaer: [...]).", [])
    agreements: list[Agreement] = F("aftaler", "Aftaler fra mødet: hvad, hvem (ansvarlig), hvornår (frist) og status.", [])
    next_meeting: Date | None = F("næste_møde", "Datoen for næste læringssamtale; efter 'dato'.", None)

    @model_validator(mode="before")
    @classmethod
    def _weeks_from_the_meeting(cls, data: Any) -> Any:
        """'frist: uge 16' without a year: the first week 16 on or after the meeting."""
        return _with_weeks(data)

    def part_named(self, name: str) -> str | None:
        """The id of the part ``name`` names, written as people write it: 'Plenum' or
        'PLENUM' for plenum (case, accents and hyphens aside, as roles are compared)."""
        key = v.role_key(name)
        return next((p.id for p in self.parts if v.role_key(p.id) == key), None)

    def part_of(self, item: AgendaItem) -> str:
        if item.part is None:
            return self.parts[0].id
        return self.part_named(item.part) or item.part
