"""The views of a læringssamtale: its dagsorden and referat (one view), the sheets of
its departments (:mod:`samtale_cli.out.views.sheet`) and the meeting mode of
``samtale serve``.

``build(source, document, today)`` is the kinds table's view hook
(``samtale_cli.out.views.meeting:build``): ``source`` a checked meeting, ``document``
one of its renderings. ``subject(model)`` is what its documents' titles name and
``day(source)`` the day the file belongs to in the indexes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samtale_cli import model as m
from samtale_cli.core import values as v
from samtale_cli.core.kinds import RENDERINGS
from samtale_cli.out.views.base import View
from samtale_cli.out.views.sheet import SheetsView, sheets_view
from samtale_cli.out.views.shared import (
    AgreementView, ThemedView, agreement_view, clock, daycare_of, fields_of, later, minute_of_day, span, themed_views,
)

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked


@dataclass(frozen=True, slots=True, kw_only=True)
class SubitemView(View):
    """Et underpunkt på dagsordenen."""

    index: int  # dets plads i punktets 'punkter' (fra 0)
    number: str | None  # "3.1"; intet i en pause
    topic: str  # emnet
    duration: str | None  # fx "ca. 10 min"
    responsible: list[str]  # ansvarlige
    goals: list[str]  # mål for underpunktet
    questions: list[str]  # spørgsmål til drøftelse
    minutes_text: str | None  # referatet af underpunktet (Markdown)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemView(View):
    """Et punkt på dagsordenen."""

    index: int  # punktets plads i filens 'dagsorden' (fra 0)
    start_minute: int | None  # minutter efter midnat, hvor punktet begynder
    end_minute: int | None  # minutter efter midnat, hvor punktet slutter
    minutes: int  # punktets længde i minutter
    number: int | None  # punktets nummer; intet for en pause
    pause: bool  # en pause
    topic: str  # emnet
    duration: str  # fx "ca. 35 min"
    start: str | None  # klokkeslæt, fx "13:10"
    end: str | None  # klokkeslæt, fx "13:45"
    time: str | None  # fx "13:10–13:45"
    responsible: list[str]  # ansvarlige
    goals: list[str]  # mål for punktet
    questions: list[str]  # spørgsmål til drøftelse
    subitems: list[SubitemView]  # underpunkterne
    minutes_text: str | None  # referatet af punktet (Markdown)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacedItemView(ItemView):
    """Et punkt på dagsordenen med navnet på sin del af mødet."""

    part: str  # delens titel


@dataclass(frozen=True, slots=True, kw_only=True)
class ModeItemView(PlacedItemView):
    """Et punkt i mødetilstanden."""

    step: int  # punktets trin (fra 1)
    state: str  # "forbi", "nu" eller "senere"


@dataclass(frozen=True, slots=True, kw_only=True)
class PartView(View):
    """En del af mødet (fx plenum og ledelse)."""

    id: str  # delens id i filen
    name: str | None  # titlen, som den står i filen (ingen, når filen ikke har en)
    title: str  # titlen, ellers id'et
    duration: str  # fx "ca. 2 timer"
    time: str | None  # fx "13:00–15:00"
    items: list[ItemView]  # delens punkter


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonView(View):
    """En deltager i en gruppe."""

    name: str  # navnet
    role: str | None  # rollen
    parts: list[str]  # de dele af mødet, personen deltager i (ingen: alle)
    department: str | None  # afdelingen


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupView(View):
    """Deltagerne fra én afdeling."""

    department: str | None  # afdelingen (ingen: de fælles, som står først)
    people: list[PersonView]  # personerne


@dataclass(frozen=True, slots=True, kw_only=True)
class ParticipantView(View):
    """En deltager i filens rækkefølge (Words deltagertabel)."""

    name: str  # navnet
    role: str | None  # rollen
    department: str | None  # afdelingen
    parts: list[str] | None  # de dele, personen deltager i (ingen: alle)
    attendance: str  # "mødt", "afbud" eller "fraværende"


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleView(View):
    """En rolle på mødet og hvad den gør."""

    role: str  # rollen
    text: str  # hvad rollen gør


@dataclass(frozen=True, slots=True, kw_only=True)
class DataView(View):
    """Data, mødet bygger på."""

    title: str  # titlen
    mandatory: bool  # obligatorisk
    source: str | None  # kilden
    file: str | None  # filen


@dataclass(frozen=True, slots=True, kw_only=True)
class MinutesBlockView(View):
    """En blok i referatet: et punkt med referat, eller en kort liste af punkter uden."""

    item: ItemView | None  # punktet med referat
    brief: list[ItemView] | None  # punkterne uden referat


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingView(View):
    """Dagsorden og referat af en læringssamtale."""

    title: str  # mødets titel
    daycare: str | None  # dagtilbuddets navn
    date: str  # fx "mandag den 13. maj 2024"
    date_iso: str  # ÅÅÅÅ-MM-DD
    start: str | None  # mødets start, fx "13:00"
    end: str | None  # mødets slut, fx "16:00"
    time: str | None  # fx "13:00–16:00"
    duration: str  # fx "ca. 3 timer"
    place: str | None  # stedet
    focus: str  # mødets fokus (Markdown)
    purpose: str | None  # formålet (Markdown)
    goal: str | None  # målet (Markdown)
    key_concepts: list[str]  # nøglebegreber
    parts: list[PartView]  # mødets dele med deres punkter
    minutes: list[MinutesBlockView]  # referatets blokke i dagsordenens rækkefølge
    roles: list[RoleView]  # roller på mødet
    participants: list[GroupView]  # deltagerne efter afdeling
    people: list[ParticipantView]  # deltagerne i filens rækkefølge
    participant_count: int  # antal deltagere
    present: list[GroupView]  # de fremmødte efter afdeling
    present_count: int  # antal fremmødte
    apologies: list[PersonView]  # dem, der har meldt afbud
    absent: list[PersonView]  # de fraværende
    data: list[DataView]  # data, mødet bygger på
    secretary: str | None  # referenten
    decisions: list[str]  # beslutninger
    landmarks: list[str]  # pejlemærker
    landmark_items: list[ThemedView]  # pejlemærker med deres temaer
    agreements: list[AgreementView]  # aftaler
    next_meeting: str | None  # næste møde, fx "mandag den 12. maj 2025"
    next_meeting_iso: str | None  # næste møde som ÅÅÅÅ-MM-DD
    document: str | None = None  # dokumentets navn: "dagsorden" eller "referat"
    document_label: str | None = None  # dokumentets overskrift: "Dagsorden" eller "Referat"


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingModeView(MeetingView):
    """Mødetilstanden i 'samtale serve': mødet, hvert punkt med sin tilstand og uret."""

    items: list[ModeItemView]  # alle punkter i den rækkefølge, de holdes
    current: ModeItemView | None  # punktet nu (intet uden for mødets tid)
    next: ModeItemView | None  # det næste punkt
    chosen: bool  # ordstyreren har valgt punktet (ellers siger uret det)
    timed: bool  # mødet har et starttidspunkt
    now: str  # klokken nu, fx "13:20"
    left: int | None  # minutter tilbage af punktet (negativt: over tiden)
    status: str  # en linje om, hvor mødet er
    file: str | None = None  # filen, som siden viser
    action: str | None = None  # adressen, referater sendes til
    token: str | None = None  # sidens nøgle til at gemme referater
    version: str | None = None  # filens version, siden er lavet af
    rehearsal: bool = False  # en øvelse (uret er valgt)
    today: bool = False  # mødet er i dag
    script: str | None = None  # sidens script
    events: str | None = None  # adressen, siden hører ændringer fra


def meeting_view(meeting: m.Meeting, workspace: m.Workspace | None = None) -> MeetingView:
    """Everything the dagsorden and referat templates show."""
    total = sum(part.minutes.minutes for part in meeting.parts)
    parts = []
    part_start = meeting.start
    part_minute = minute_of_day(meeting.start)  # minutes since midnight, not wrapped
    number = 0
    for part in meeting.parts:
        offset = 0
        items = []
        for index, item in enumerate(meeting.agenda):
            if meeting.part_of(item) != part.id:
                continue
            start = later(part_start, offset)
            start_minute = None if part_minute is None else part_minute + offset
            offset += item.minutes.minutes
            if not item.pause:
                number += 1
            items.append(ItemView(
                index=index,  # in the file's dagsorden
                start_minute=start_minute,
                end_minute=None if start_minute is None else start_minute + item.minutes.minutes,
                minutes=item.minutes.minutes,
                number=None if item.pause else number,
                pause=item.pause,
                topic=item.topic,
                duration=str(item.minutes),
                start=clock(start),
                end=clock(later(start, item.minutes.minutes)),
                time=span(start, item.minutes.minutes),
                responsible=list(item.responsible),
                goals=list(item.goals),
                questions=list(item.questions),
                subitems=list(
                    SubitemView(
                        index=k - 1,
                        number=f"{number}.{k}" if not item.pause else None,
                        topic=sub.topic,
                        duration=str(sub.minutes) if sub.minutes is not None else None,
                        responsible=list(sub.responsible),
                        goals=list(sub.goals),
                        questions=list(sub.questions),
                        minutes_text=sub.minutes_text,
                    )
                    for k, sub in enumerate(item.subitems, 1)
                ),
                minutes_text=item.minutes_text,
            ))
        parts.append(PartView(
            id=part.id,
            name=part.title,  # as written (None when the file has none)
            title=part.title or part.id,
            duration=str(part.minutes),
            time=span(part_start, part.minutes.minutes),
            items=list(items),
        ))
        part_start = later(part_start, part.minutes.minutes)
        if part_minute is not None:
            part_minute += part.minutes.minutes

    part_titles = {part.id: part.title or part.id for part in meeting.parts}
    groups: dict[str, list[PersonView]] = {}
    present: dict[str, list[PersonView]] = {}
    away: dict[str, list[PersonView]] = {state: [] for state in m.ATTENDANCE[1:]}
    for p in meeting.participants:
        shown_parts = [part_titles.get(meeting.part_named(x) or x, x) for x in p.parts] if p.parts is not None else []
        if len(shown_parts) == len(meeting.parts):
            shown_parts = []  # all parts: nothing to say
        person = PersonView(name=p.name, role=p.role, parts=list(shown_parts), department=p.department)
        groups.setdefault(p.department or "", []).append(person)
        if p.attendance == "mødt":
            present.setdefault(p.department or "", []).append(person)
        else:
            away[p.attendance].append(person)

    return MeetingView(
        title=meeting.title,
        daycare=daycare_of(meeting, workspace),
        date=v.format_date_long(meeting.date),
        date_iso=meeting.date.isoformat(),
        start=clock(meeting.start),
        end=clock(later(meeting.start, total)),
        time=span(meeting.start, total),
        duration=str(v.Duration(total)),
        place=meeting.place,
        focus=meeting.focus,
        purpose=meeting.purpose,
        goal=meeting.goal,
        key_concepts=list(meeting.key_concepts),
        parts=list(parts),
        minutes=minutes_blocks(parts),
        roles=list(RoleView(role=role, text=text) for role, text in meeting.roles.items()),
        participants=_grouped(groups),
        people=list(  # in the file's order, for Word's table of participants
            ParticipantView(
                name=p.name, role=p.role, department=p.department,
                parts=list(meeting.part_named(x) or x for x in p.parts) if p.parts is not None else None,
                attendance=p.attendance,
            )
            for p in meeting.participants
        ),
        participant_count=len(meeting.participants),
        present=_grouped(present),  # who came, by department
        present_count=sum(len(people) for people in present.values()),
        apologies=list(away["afbud"]),
        absent=list(away["fraværende"]),
        data=list(
            DataView(title=d.title, mandatory=d.mandatory, source=d.source, file=d.file) for d in meeting.data
        ),
        secretary=meeting.secretary,
        decisions=list(meeting.decisions),
        landmarks=list(meeting.landmarks),
        landmark_items=themed_views(meeting.landmarks),
        agreements=list(agreement_view(a) for a in meeting.agreements),
        next_meeting=v.format_date_long(meeting.next_meeting) if meeting.next_meeting else None,
        next_meeting_iso=meeting.next_meeting.isoformat() if meeting.next_meeting else None,
    )


def _grouped(groups: dict[str, list[PersonView]]) -> list[GroupView]:
    """People by department, the shared ones (no department) first."""
    grouped = [GroupView(department=dep or None, people=list(people)) for dep, people in groups.items()]
    grouped.sort(key=lambda g: g.department is not None)
    return list(grouped)


def minutes_blocks(parts: list[PartView]) -> list[MinutesBlockView]:
    """The referat in the agenda's order: an item with minutes (its own or a sub-item's)
    is a block of its own; the items between them without minutes are listed briefly
    in one block (``brief``); a pause without minutes is left out."""
    blocks: list[tuple[ItemView | None, list[ItemView] | None]] = []
    for part in parts:
        for item in part.items:
            if item.minutes_text or any(sub.minutes_text for sub in item.subitems):
                blocks.append((item, None))
            elif not item.pause:
                if not blocks or blocks[-1][1] is None:
                    blocks.append((None, []))
                blocks[-1][1].append(item)  # type: ignore[union-attr]
    return list(
        MinutesBlockView(item=item, brief=list(brief) if brief is not None else None) for item, brief in blocks
    )


def agenda_items(view: MeetingView) -> list[PlacedItemView]:
    """The items of a :func:`meeting_view` in the order they are held, each with its
    part's title."""
    return [PlacedItemView(**fields_of(item), part=part.title) for part in view.parts for item in part.items]


def numbered_items(meeting: m.Meeting) -> dict[str, tuple[int, int | None]]:
    """Every number the agenda shows (``"3"``, ``"3.1"``) -> where that item stands in
    the file: its index in ``dagsorden`` and, for a sub-item, in its ``punkter``."""
    found: dict[str, tuple[int, int | None]] = {}
    for item in agenda_items(meeting_view(meeting)):
        if item.number is None:
            continue
        found[str(item.number)] = (item.index, None)
        for sub in item.subitems:
            if sub.number is not None:
                found[sub.number] = (item.index, sub.index)
    return found


def meeting_mode_view(
    meeting: m.Meeting, workspace: m.Workspace | None, now: int, step: int | None = None
) -> MeetingModeView:
    """The meeting mode: every item with its state at ``now`` (minutes since midnight),
    the current item (``step``, 1-based, when the chair has chosen one; else the one the
    clock says), the next item and the minutes left of the current one (negative: over
    time). Without a start time there is no clock: no current item."""
    view = meeting_view(meeting, workspace)
    placed = agenda_items(view)
    timed = bool(placed) and placed[0].start_minute is not None
    if timed and now < placed[0].start_minute and now + 24 * 60 < placed[-1].end_minute:  # type: ignore[operator]
        now += 24 * 60  # a meeting that goes past midnight
    by_clock = None
    if timed:
        by_clock = next((k for k, it in enumerate(placed) if it.start_minute <= now < it.end_minute), None)  # type: ignore[operator]
    chosen = step - 1 if step is not None and 1 <= step <= len(placed) else None
    current = chosen if chosen is not None else by_clock
    if current is not None:
        upcoming = current + 1
    elif timed and now < placed[0].start_minute:  # type: ignore[operator]
        upcoming = 0
    else:
        upcoming = len(placed)
    items = []
    for k, item in enumerate(placed):
        if not timed:
            state = "nu" if k == current else "senere"
        elif k == current:
            state = "nu"
        else:
            state = "forbi" if item.end_minute <= now else "senere"  # type: ignore[operator]
        items.append(ModeItemView(**fields_of(item), step=k + 1, state=state))
    left = None
    if current is not None and timed:
        left = items[current].end_minute - now  # type: ignore[operator]
    if not timed:
        status = "Mødet har intet starttidspunkt ('start' i filen), så uret kan ikke vise, hvor I er."
    elif current is not None:
        status = ""
    elif now < items[0].start_minute:  # type: ignore[operator]
        status = f"Mødet begynder kl. {items[0].start}."
    else:
        status = f"Mødet sluttede kl. {items[-1].end}."
    return MeetingModeView(
        **fields_of(view),
        items=list(items),
        current=items[current] if current is not None else None,
        next=items[upcoming] if upcoming < len(items) else None,
        chosen=chosen is not None,
        timed=timed,
        now=f"{now // 60 % 24:02d}:{now % 60:02d}",
        left=left,
        status=status,
    )


def build(source: Checked, document: str, today: dt.date | None = None) -> MeetingView | SheetsView:
    """The view of one of a meeting's documents: the dagsorden and the referat show the
    meeting; the opmærksomhedspunkter the sheets of its departments (those written for
    it where there are some)."""
    meeting, label = source.model, RENDERINGS[document].label
    if document == "opmærksomhedspunkter":
        existing = [c.model for c in source.referring(m.AttentionSheet)]
        view: MeetingView | SheetsView = sheets_view(meeting, source.workspace, existing=existing)
    else:
        view = meeting_view(meeting, source.workspace)
    return dataclasses.replace(view, document=document, document_label=label)


def subject(meeting: m.Meeting) -> str:
    """What the titles of a meeting's documents name: the meeting's title."""
    return meeting.title


def day(source: Checked) -> dt.date | None:
    """The day a meeting belongs to in the indexes: its date."""
    return source.model.date
