"""What the models of every kind share: the value types people write (text, lists,
people, dates, clocks, durations), the states and choices, and :class:`Strict`, the base
of every model. Pure data, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic import Discriminator, Tag
from pydantic_core import PydanticCustomError

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.text import WORD_BULLETS, suggest

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


_SEPARATORS = re.compile(r",|\s[+&]\s|\s*/\s*")  # 'Hanne + Line', 'Hanne & Line', 'Hanne/Line'


def _people(value: Any) -> Any:
    """``ansvarlig``: a list, or one text naming several as people write them
    ('dagtilbudsleder, BU-chef', 'konsulent og dagtilbudsleder', 'Hanne + Line',
    'Hanne/Line', 'Hanne & Line')."""
    if isinstance(value, str) and (_SEPARATORS.search(value) or " og " in value):
        return [who for part in _SEPARATORS.split(value) if part.strip() for who in _who(part)]
    return _listify(value)


def _relative_path(value: Any) -> Any:
    """A path to another file, written as Windows' Explorer shows it
    ('..\\laeringssamtaler\\2024.yaml') or with '/': the same file on every machine."""
    if not isinstance(value, str):  # a number is no path (the schema says so too)
        return value
    return _not_blank(v.posix_path(_text(value)))


_OWN_NUMBER = re.compile(r"(\d{1,2})[.)](?:\s+(?=\S)|(?=[^\W\d_]))")  # '1. Vi', '2) Vi', '3.Vi'; not '1.5 time'


_OWN_BULLET = re.compile(rf"[{WORD_BULLETS}][\s\u00a0]+(?=\S)")  # '- • Vi bruger ...': a Word bullet kept after '- '


def unnumbered(items: list[str]) -> list[str]:
    """A list whose items carry their own numbers as Word writes them ('- 1. Vi vil',
    '- 2) Vi skal', '- 3.Vi kan', in order from 1) loses them: the documents number lists themselves,
    and '1. 1. Vi vil' helps nobody. A single item keeps its text ('- 1. klasse'). A Word
    bullet pasted after the '- ' ('- • Vi bruger ...') goes too: the documents draw their own."""
    items = [_OWN_BULLET.sub("", item, count=1) if isinstance(item, str) and _OWN_BULLET.match(item) else item
             for item in items]
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
TextList = Annotated[list[Text], BeforeValidator(_listify), AfterValidator(unnumbered)]
People = Annotated[list[Text], BeforeValidator(_people)]
Date = Annotated[
    dt.date,
    *_reader(v.parse_date, {"type": "string", "description": "Dato: 2024-05-13, 13/5 2024, 13.05.2024 eller 13-05-2024"}),
]
Deadline = Annotated[
    dt.date,
    *_reader(v.parse_deadline, {"type": "string", "description": "Dato eller uge: 2024-05-13, 13/5 2024, uge 16 eller uge 16 2025"}),
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


# --- Themes (docs/format.md "Themes") ----------------------------------------------------

# The six themes of the strengthened pedagogical curriculum (den styrkede pædagogiske læreplan).
CURRICULUM_THEMES = (
    "alsidig personlig udvikling",
    "social udvikling",
    "kommunikation og sprog",
    "krop, sanser og bevægelse",
    "natur, udeliv og science",
    "kultur, æstetik og fællesskab",
)


class Themed(str):
    """A pejlemærke or an attention point written as ``{tekst: ..., temaer: [...]}``: the
    text itself (so every view that prints it keeps working) with its ``themes``."""

    themes: tuple[str, ...]

    def __new__(cls, text: str, themes: Any = ()) -> Themed:
        made = super().__new__(cls, text)
        made.themes = tuple(themes)
        return made

    def __reduce__(self) -> Any:  # across worker processes with its themes
        return (Themed, (str(self), self.themes))


def themes_of(value: Any) -> tuple[str, ...]:
    """The themes of a pejlemærke or an attention point (none for plain text)."""
    return getattr(value, "themes", ())


class ThemedText(Strict):
    text: FilledText = F("tekst", "Teksten (pejlemærket eller opmærksomhedspunktet).")
    themes: TextList = F(
        "temaer", "Temaer fra den styrkede pædagogiske læreplan eller kommunens/dagtilbuddets fokusområder.", []
    )


def _themed_shape(value: Any) -> str:
    """A mapping with 'tekst' or 'temaer' is a text with themes; any other value is read
    as text (a text holding ': ' that YAML read as a key gets the message about that)."""
    return "<med temaer>" if isinstance(value, dict) and {"tekst", "temaer"} & set(value) else "<tekst>"


def _as_themed(value: Any) -> Any:
    return Themed(value.text, value.themes) if isinstance(value, ThemedText) else value


def _themed_list(value: Any) -> Any:
    """One mapping where a list is expected is a list of one, as a single text is."""
    return [value] if isinstance(value, dict) else _listify(value)


def _unnumbered_themed(items: list[Any]) -> list[Any]:
    """:func:`unnumbered`, keeping each item's themes."""
    plain = unnumbered(items)
    return [Themed(new, old.themes) if isinstance(old, Themed) else new for new, old in zip(plain, items)]


# A pejlemærke or an attention point: plain text, or a mapping with 'tekst' and 'temaer'.
ThemedItem = Annotated[
    Annotated[Annotated[Text, Tag("<tekst>")] | Annotated[ThemedText, Tag("<med temaer>")], Discriminator(_themed_shape)],
    AfterValidator(_as_themed),
]
ThemedList = Annotated[list[ThemedItem], BeforeValidator(_themed_list), AfterValidator(_unnumbered_themed)]
