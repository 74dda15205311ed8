"""Model: pydantic classes for the four kinds of file (see :mod:`samtale_cli.core.kinds`).
Pure data, no I/O.

Attribute names are English; the keys people write are the Danish aliases of
FORMAT.md. ASCII spellings of the keys (``pejlemaerker``) are mapped to the Danish
ones before validation by :func:`canonical_key`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, PlainValidator, Tag, WithJsonSchema
from pydantic_core import PydanticCustomError

from samtale_cli.core import kinds
from samtale_cli.core import values as v

# Bounds on what a plan can ask to be drawn and put in a calendar. A weekly meeting for
# ten years is 520 dates; a plan's meetings together rarely reach a few hundred. More is
# a typing error (a phase to 2200) or an attempt to make render and kalender run for
# minutes and fill the memory, so it is an error (T608), and nothing is rendered.
MAX_MEETING_OCCURRENCES = 1000
MAX_PLAN_OCCURRENCES = 2000

DEFAULT_MANDATORY_DATA = (
    "Opsamling på det samlede tilsyn i dagtilbuddet",
    "Data fra samarbejdet med PPR",
)


def _reader(parse, schema: dict[str, Any]):
    """An annotation that reads a value with one of the parsers of :mod:`values`."""

    def read(value: Any) -> Any:
        try:
            return parse(value)
        except v.ParseError as exc:
            raise PydanticCustomError("samtale", "{besked}", {"besked": str(exc)}) from None

    return [PlainValidator(read), WithJsonSchema(schema)]


_CURLY = re.compile(r"^[“”„‟«»]\s*(.*?)\s*[“”„‟«»]$", re.S)


def _text(value: Any) -> Any:
    """Free text: numbers are taken as text (``sted: 8210``), and Word's curly quotes
    around a whole value are not part of it (“Velkomst” is Velkomst)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and (found := _CURLY.match(value)) and not re.search(r"[“”„‟«»]", found.group(1)):
        return found.group(1)
    return value


_DASH_WITHOUT_SPACE = re.compile(r"\s*-[^\s\d-]")
# a list typed as Word does it: "1. Vi vil ...  2. Vi vil ...", "• ...", "– ...", folded by
# YAML into one line because the lines do not start with '- '
_TYPED_LIST = re.compile(r"\s*(?:\d{1,2}[.)]|[•●▪◦·–—*])\s+\S")


def _listify(value: Any) -> Any:
    """A single text where a list is expected is a list of one; a text that starts with
    '-' glued to a word ('-Første') is a list item without its space; one that starts as
    a numbered or bulleted list ('1. Første ... 2. Anden') is a list YAML could not see."""
    if isinstance(value, str) and _DASH_WITHOUT_SPACE.match(value):
        raise PydanticCustomError(
            "samtale", "{besked}",
            {"besked": f"'{value.split()[0]}' ligner et listepunkt uden mellemrum efter '-'. Skriv '- {value.lstrip()[1:].split()[0]}'."},
        )
    if isinstance(value, str) and _TYPED_LIST.match(value):
        first = value.split()[0]
        raise PydanticCustomError(
            "samtale", "{besked}",
            {"besked": f"'{first}' ligner et punkt i en liste skrevet som i Word. Skriv hvert punkt på sin egen linje "
                       "med '- ' foran (uden tal eller prikker), ellers bliver punkterne til ét."},
        )
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


def _who(part: str) -> list[str]:
    """One comma-separated part of ``ansvarlig``, split at ' og ' only when every side is
    a built-in role or a capitalised name: 'konsulent og dagtilbudsleder', 'Tina og Lars';
    never 'børn og unge-chef' or a role of the daycare's own such as 'leder af vuggestue
    og børnehave'."""
    sides = [side.strip() for side in re.split(r"\s+og\s+", part)]
    if len(sides) > 1 and v.canonical_role(part) is None and all(
        v.canonical_role(side) or side[:1].isupper() for side in sides
    ):
        return sides
    return [part.strip()]


def _people(value: Any) -> Any:
    """``ansvarlig``: a list, or one text naming several as people write them
    ('dagtilbudsleder, BU-chef', 'konsulent og dagtilbudsleder')."""
    if isinstance(value, str) and ("," in value or " og " in value):
        return [who for part in value.split(",") if part.strip() for who in _who(part)]
    return _listify(value)


def _relative_path(value: Any) -> Any:
    """A path to another file, written as Windows' Explorer shows it
    ('..\\laeringssamtaler\\2024.yaml') or with '/': the same file on every machine."""
    if not isinstance(value, str):  # a number is no path (the schema says so too)
        return value
    return _not_blank(v.posix_path(_text(value)))


_OWN_NUMBER = re.compile(r"(\d{1,2})[.)](?:\s+(?=\S)|(?=[^\W\d_]))")  # '1. Vi', '2) Vi', '3.Vi'; not '1.5 time'


def _unnumbered(items: list[str]) -> list[str]:
    """A list whose items carry their own numbers as Word writes them ('- 1. Vi vil',
    '- 2) Vi skal', '- 3.Vi kan', in order from 1) loses them: the documents number lists themselves,
    and '1. 1. Vi vil' helps nobody. A single item keeps its text ('- 1. klasse')."""
    found = [_OWN_NUMBER.match(item) for item in items]
    if len(items) >= 2 and all(m is not None and int(m.group(1)) == i for i, m in enumerate(found, 1)):
        return [item[m.end():] for item, m in zip(items, found) if m is not None]
    return items


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("samtale", "{besked}", {"besked": "må ikke være tom; skriv teksten."})
    return value


Text = Annotated[str, BeforeValidator(_text)]
FilledText = Annotated[str, BeforeValidator(_text), AfterValidator(_not_blank)]  # a value that names a thing
RelativePath = Annotated[str, BeforeValidator(_relative_path)]
TextList = Annotated[list[Text], BeforeValidator(_listify), AfterValidator(_unnumbered)]
People = Annotated[list[Text], BeforeValidator(_people)]
Date = Annotated[
    dt.date,
    *_reader(v.parse_date, {"type": "string", "description": "Dato: 2024-05-13, 13/5 2024, 13.05.2024 eller 13-05-2024"}),
]
Clock = Annotated[
    dt.time,
    *_reader(v.parse_clock, {"anyOf": [{"type": "string", "pattern": r"^\d{1,2}[:.]\d{2}$"},
                                       {"type": "number", "minimum": 0, "exclusiveMaximum": 24}]}),
]
Minutes = Annotated[
    v.Duration,
    *_reader(
        v.parse_duration,
        {"type": ["integer", "string"], "description": 'Minutter: 35, "35 min", "ca. 35 min", "1 t 30 min", "1½ time"'},
    ),
]
Flag = Annotated[
    bool,
    *_reader(v.parse_yes_no, {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["ja", "nej", "Ja", "Nej", "JA", "NEJ"]}]}),
]
Every = Annotated[
    v.Interval,
    *_reader(v.parse_interval, {"type": "string", "description": '"4 uger", "hver 4. uge", "14 dage" eller "måned"'}),
]


def _choice(*values: str) -> Any:
    """One of a few words (``status: åben``), read as people write it: any case, with
    hyphens or ASCII spellings (``I-gang``, ``aaben``); anything else gets "Mente du ...?"."""
    by_key = {v.role_key(value): value for value in values}

    def parse(value: Any) -> str:
        if isinstance(value, str) and v.role_key(value) in by_key:
            return by_key[v.role_key(value)]
        from samtale_cli.core.text import suggest

        hint = suggest(str(value), values) if isinstance(value, str) else ""
        raise v.ParseError(f"'{value}' kan ikke bruges her; skriv {kinds.choices(list(values))}.{hint}")

    spellings = list(dict.fromkeys(
        s for value in values for s in (value, value.capitalize(), v.fold_ascii(value), v.fold_ascii(value).capitalize())
    ))
    return Annotated[Literal[values], *_reader(parse, {"type": "string", "enum": spellings})]


AGREEMENT_STATES = ("åben", "i gang", "udført", "droppet")
OPEN_AGREEMENT_STATES = ("åben", "i gang")  # the agreements oversigt lists and 'new' carries over
PLAN_STATES = ("planlagt", "i gang", "afsluttet", "stoppet")
ATTENDANCE = ("mødt", "afbud", "fraværende")
ON_DAY_OFF = ("behold", "spring over", "næste hverdag")
AgreementState = _choice(*AGREEMENT_STATES)
PlanState = _choice(*PLAN_STATES)
Attendance = _choice(*ATTENDANCE)
OnDayOff = _choice(*ON_DAY_OFF)
def _numbers(value: Any) -> Any:
    """Numbers as people write them in one line: '1, 2', '1 og 3', '2'."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:\s*(?:,|og|&)\s*\d+)*\s*", value):
        return [int(n) for n in re.findall(r"\d+", value)]
    return _listify(value)


NumberList = Annotated[list[int], BeforeValidator(_numbers)]
DEFAULT_RECURRING_MINUTES = 60  # a recurring meeting with 'kl' and no 'varighed' lasts an hour


class Strict(BaseModel):
    # defer_build: a model's validator is built the first time it is used, so a check of
    # one meeting does not pay for the plans' and sheets' models
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, defer_build=True)


def F(alias: str, description: str, default: Any = ..., **kw: Any) -> Any:  # noqa: N802
    """A field whose key is ``alias`` (Danish) with a Danish description for editors."""
    return Field(default, alias=alias, description=description, **kw)


# --- samtale.yaml -------------------------------------------------------------


class ClosedPeriod(Strict):
    start: Date = F("fra", "Første lukkedag.")
    end: Date = F("til", "Sidste lukkedag (dagen er med).")
    name: Text | None = F("navn", "Hvad lukningen hedder, fx Juleferie.", None)


def _closing_shape(value: Any) -> str:
    return "<periode>" if isinstance(value, dict) else "<dato>"


# One of samtale.yaml's lukkedage: a date, or a period (a mapping). The shape chooses, so
# a slip gets the one message for what was written, not one for each thing it could be.
# The tags are in <>: :func:`document.build` leaves them out of the path it reports.
ClosingDay = Annotated[
    Annotated[Date, Tag("<dato>")] | Annotated[ClosedPeriod, Tag("<periode>")],
    Discriminator(_closing_shape),
]


class Workspace(Strict):
    daycare: Text = F("dagtilbud", "Dagtilbuddets navn, fx Dagtilbud Vest.")
    departments: TextList = F("afdelinger", "Afdelingerne; hver har en mappe afdelinger/<navn>/.", [])
    mandatory_data: TextList = F(
        "obligatorisk_data",
        "Data, som hver læringssamtale skal have i datagrundlag.",
        list(DEFAULT_MANDATORY_DATA),
    )
    roles: TextList = F("roller", "Ekstra roller ud over de indbyggede.", [])
    closing_days: list[ClosingDay] = F(
        "lukkedage", "Dagtilbuddets lukkedage: en dato, eller fra og til (begge med) og evt. navn. De tæller som "
        "fridage, ligesom weekender og helligdage.", [],
    )

    def closed(self, day: dt.date) -> str | None:
        """Why the daycare is closed on ``day`` ("lukkedag (Juleferie)"), or None."""
        for entry in self.closing_days:
            if isinstance(entry, ClosedPeriod):
                if entry.start <= day <= entry.end:
                    return f"lukkedag ({entry.name})" if entry.name else "lukkedag"
            elif entry == day:
                return "lukkedag"
        return None


# --- læringssamtale -----------------------------------------------------------


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
    deadline: Date | None = F("frist", "Hvornår aftalen skal være udført; mødets dato eller senere.", None)
    status: AgreementState = F("status", "åben (standard), i gang, udført eller droppet.", "åben")
    department: Text | None = F("afdeling", "Den afdeling, aftalen gælder; skal stå i samtale.yaml's afdelinger.", None)
    done: Date | None = F("udført", "Hvornår aftalen blev udført; kun med status udført.", None)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_AGREEMENT_STATES

    def open_on(self, day: dt.date) -> bool:
        """Still to do on ``day``: open now, or done after it ('udført' with a later date)."""
        return self.is_open or (self.status == "udført" and self.done is not None and self.done > day)


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
    landmarks: TextList = F("pejlemærker", "De pejlemærker, mødet blev enige om.", [])
    agreements: list[Agreement] = F("aftaler", "Aftaler fra mødet: hvad, hvem (ansvarlig), hvornår (frist) og status.", [])
    next_meeting: Date | None = F("næste_møde", "Datoen for næste læringssamtale; efter 'dato'.", None)

    def part_named(self, name: str) -> str | None:
        """The id of the part ``name`` names, written as people write it: 'Plenum' or
        'PLENUM' for plenum (case, accents and hyphens aside, as roles are compared)."""
        key = v.role_key(name)
        return next((p.id for p in self.parts if v.role_key(p.id) == key), None)

    def part_of(self, item: AgendaItem) -> str:
        if item.part is None:
            return self.parts[0].id
        return self.part_named(item.part) or item.part


# --- opmærksomhedspunkter -----------------------------------------------------


class AttentionSheet(Strict):
    type: Literal["opmærksomhedspunkter"] = F("type", "Dokumenttypen.")
    meeting: RelativePath = F("læringssamtale", "Sti til læringssamtalen, relativ til denne fil.")
    department: Text = F("afdeling", "Afdelingen, arket gælder.")
    decision: Text | None = F("beslutning", "Beslutning fra læringssamtalen; standard: mødets pejlemærker.", None)
    worked_with: Text | None = F(
        "arbejdet_med", "Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen?", None
    )
    data_points_to: Text | None = F("data_peger_på", "Hvad peger data på, vi skal arbejde med?", None)
    points: TextList = F("punkter", "3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen.")

    def references(self) -> list[str]:
        """The files this document refers to (relative to it): its læringssamtale."""
        return [self.meeting]


# --- indsats ------------------------------------------------------------------


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


Document = Meeting | AttentionSheet | Plan


@cache
def known_keys() -> dict[str, str]:
    """Every Danish key of every model, by its ASCII spelling."""
    keys: dict[str, str] = {}
    pending: list[type[BaseModel]] = [k.model for k in kinds.ALL_KINDS]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            alias = info.alias or name
            keys[v.fold_ascii(alias)] = alias
            pending.extend(models_in(info.annotation))
    return keys


def models_in(annotation: Any) -> list[type[BaseModel]]:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(models_in(arg))
    return found


def canonical_key(key: str) -> str:
    """Map an ASCII spelling of a known key to its Danish form; other keys unchanged."""
    if key.isascii():
        return known_keys().get(key, key)
    return key

