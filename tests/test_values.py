"""Tests for samtale_cli.core.values."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samtale_cli.core.values import (
    ROLES,
    Duration,
    Interval,
    ParseError,
    canonical_role,
    danish_holiday,
    danish_holidays,
    easter,
    find_cpr,
    fold_ascii,
    format_date_long,
    format_date_short,
    format_minutes_clock,
    is_weekend,
    occurrences,
    parse_clock,
    parse_date,
    parse_duration,
    parse_interval,
    parse_yes_no,
    role_key,
    slugify,
)

D = dt.date
T = dt.time


def message(func, value) -> str:
    with pytest.raises(ParseError) as info:
        func(value)
    return str(info.value)


# ---------------------------------------------------------------- text

@pytest.mark.parametrize("text, expected", [
    ("æøå ÆØÅ", "aeoeaa AeOeAa"),
    ("Derudá", "Deruda"),
    ("café über naïve", "cafe uber naive"),
    ("Straße", "Strasse"),
    ("a\u030a", "aa"),  # decomposed å
    ("plain ascii 123", "plain ascii 123"),
])
def test_fold_ascii(text, expected):
    assert fold_ascii(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Børnehuset Derudá", "boernehuset-deruda"),
    ("Væksthuset 8210", "vaeksthuset-8210"),
    ("Vuggestuen Kernehuset", "vuggestuen-kernehuset"),
    ("  --Åen / ../ \\ Ø.  ", "aaen-oe"),
    ("Læringssamtale før forløb", "laeringssamtale-foer-forloeb"),
    ("", ""),
    ("../..", ""),
    ("★☆", ""),
])
def test_slugify(text, expected):
    assert slugify(text) == expected


@given(st.text())
def test_slugify_shape(text):
    slug = slugify(text)
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert "/" not in slug and "\\" not in slug and "." not in slug


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("text", [
    "2024-05-13", "13/5 2024", "13/5-2024", "13.05.2024", "13-05-2024",
    "13/5/2024", "13/05 2024", "13.5.2024", "  13/5 2024\n", "2024-5-13",
])
def test_parse_date_spellings(text):
    assert parse_date(text) == D(2024, 5, 13)


def test_parse_date_day_before_month():
    assert parse_date("1/2 2024") == D(2024, 2, 1)
    assert parse_date("02.01.2024") == D(2024, 1, 2)


def test_parse_date_date_object_returned_as_is():
    d = D(2021, 6, 15)
    assert parse_date(d) is d


def test_parse_date_rejects_datetime():
    assert "uden klokkeslæt" in message(parse_date, dt.datetime(2024, 5, 13, 12, 0))


def test_parse_date_leap_years():
    assert parse_date("29/2 2024") == D(2024, 2, 29)
    assert parse_date("2000-02-29") == D(2000, 2, 29)
    msg = message(parse_date, "29/2 2023")
    assert msg == "'29/2 2023' er ikke en gyldig dato: februar 2023 har kun 28 dage."
    assert "februar 1900 har kun 28 dage" in message(parse_date, "1900-02-29")
    assert "februar 2024 har kun 29 dage" in message(parse_date, "30/2 2024")


def test_parse_date_invalid_day_message():
    assert message(parse_date, "31/6 2021") == (
        "'31/6 2021' er ikke en gyldig dato: juni har kun 30 dage.")
    assert "november har kun 30 dage" in message(parse_date, "2021-11-31")
    assert "september har kun 30 dage" in message(parse_date, "31.09.2021")
    assert "april har kun 30 dage" in message(parse_date, "31-04-2021")


def test_parse_date_invalid_month_and_day_zero():
    assert "måneden skal være mellem 1 og 12" in message(parse_date, "13/13 2024")
    assert "måneden skal være mellem 1 og 12" in message(parse_date, "2024-00-10")
    assert "dagen skal være mindst 1" in message(parse_date, "0/5 2024")
    assert "er ikke en gyldig dato" in message(parse_date, "0000-01-01")


@pytest.mark.parametrize("text", ["1899-12-31", "31/12 2201", "9999-12-31", "2204-05-13"])
def test_parse_date_year_out_of_range(text):
    """Typing errors, and far enough from year 9999 for date arithmetic to be safe."""
    assert message(parse_date, text) == (
        f"'{text}' er ikke en gyldig dato: året skal ligge mellem 1900 og 2200.")


def test_parse_date_year_range_is_inclusive():
    assert parse_date("1900-01-01") == D(1900, 1, 1)
    assert parse_date("31/12 2200") == D(2200, 12, 31)


@pytest.mark.parametrize("text", [
    "xyz", "", "2024/05/13", "13/5", "2024-05-13T10:00", "1/2/3/4", "99999-01-01", "maj 2024",
])
def test_parse_date_unrecognised(text):
    assert message(parse_date, text) == (
        f"'{text.strip()}' er ikke en dato. Skriv fx 2024-05-13, 13/5 2024 eller 13. maj 2024.")


@pytest.mark.parametrize("text", [
    "2. oktober 2025", "2. okt. 2025", "2 okt 2025", "torsdag den 2. oktober 2025", "Torsdag d. 2. Oktober 2025",
    "tors. 2. okt. 2025", "den 2. oktober 2025", "2. Oktober 2025", "“2. oktober 2025”", "„2/10 2025“",
    "torsdag 2/10 2025", "torsdag d. 2/10 2025", "d. 2.10.2025", "den 2-10-2025", "Tors. 2/10 2025",
])
def test_parse_date_with_danish_month_names(text):
    """docs/format.md: dates as people write them, with month names from babel's Danish data."""
    assert parse_date(text) == D(2025, 10, 2)


@pytest.mark.parametrize(("text", "expected"), [
    ("fredag den 2. oktober 2025", "den 2. er en torsdag, ikke en fredag"),
    ("2. oktobr 2025", "'oktobr' er ikke en måned. Mente du 'oktober'?"),
    ("31. juni 2025", "juni har kun 30 dage"),
    ("2. oktober 25", "fire cifre"),
    ("søndagen den 2. oktober 2025", "'søndagen' er ikke en ugedag"),
    ("fredag 2/10 2025", "den 2. er en torsdag, ikke en fredag"),
    ("fredag d. 2.10.2025", "den 2. er en torsdag, ikke en fredag"),
    ("mødedag 2/10 2025", "'mødedag' er ikke en ugedag"),
])
def test_parse_date_with_a_wrong_weekday_or_month(text, expected):
    assert expected in message(parse_date, text)


def test_parse_date_two_digit_year():
    assert "skriv året med fire cifre" in message(parse_date, "13/5 24")
    assert "skriv året med fire cifre" in message(parse_date, "13.05.24")


@pytest.mark.parametrize("value", [20240513, True, None, ["2024-05-13"], 1.5])
def test_parse_date_wrong_type(value):
    assert message(parse_date, value) == (
        "forventede en dato, fx 2024-05-13 eller 13/5 2024")


DATE_FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.day}/{d.month} {d.year}",
    lambda d: f"{d.day}/{d.month}-{d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
       st.sampled_from(DATE_FORMATS))
def test_parse_date_roundtrip(d, fmt):
    assert parse_date(fmt(d)) == d


# ---------------------------------------------------------------- durations

@pytest.mark.parametrize("value, minutes, approx", [
    (35, 35, False),
    (0, 0, False),
    (1440, 1440, False),
    ("35", 35, False),
    ("35 min", 35, False),
    ("35 min.", 35, False),
    ("35min", 35, False),
    ("35 minutter", 35, False),
    ("1 minut", 1, False),
    ("ca. 35 min", 35, True),
    ("Ca. 35 min.", 35, True),
    ("ca 35 min", 35, True),
    ("ca. 35", 35, True),
    ("cirka 35 min", 35, True),
    ("1 time", 60, False),
    ("2 timer", 120, False),
    ("1 t", 60, False),
    ("1 t.", 60, False),
    ("1 t 30 min", 90, False),
    ("1 t 30", 90, False),
    ("1 t, 30 min", 90, False),
    ("1 time og 30 min", 90, False),
    ("2 timer og 15 minutter", 135, False),
    ("1½ time", 90, False),
    ("1 ½ time", 90, False),
    ("1,5 time", 90, False),
    ("1.5 time", 90, False),
    ("½ time", 30, False),
    ("2½ timer", 150, False),
    ("ca. 1½ time", 90, True),
    ("  35 MIN  ", 35, False),
    ("24 timer", 1440, False),
    (35.0, 35, False),
])
def test_parse_duration_spellings(value, minutes, approx):
    assert parse_duration(value) == Duration(minutes, approx)


@pytest.mark.parametrize("text", [
    "abc", "", "min", "ca.", "35 sekunder", "30 min 1 t", "1 t 2 t",
    "35 min 10 min", "1 t 30 min 10", "35 35",
])
def test_parse_duration_unrecognised(text):
    assert message(parse_duration, text) == (
        f"'{text.strip()}' er ikke en varighed. Skriv fx 35, \"35 min\", "
        "\"ca. 35 min\" eller \"1 t 30 min\".")


@pytest.mark.parametrize("value", [-1, "-5", "-5 min", "ca. -5 min", -0.5])
def test_parse_duration_negative(value):
    assert "kan ikke være negativ" in message(parse_duration, value)


@pytest.mark.parametrize("value", [1441, "25 timer", "24 t 1 min", "1500 min", 10**9])
def test_parse_duration_over_24_hours(value):
    msg = message(parse_duration, value)
    assert "er over 24 timer" in msg and "varigheden" in msg


@pytest.mark.parametrize("value", ["1,01 time", "½", "35,5 min", 35.5])
def test_parse_duration_whole_minutes(value):
    assert "helt antal minutter" in message(parse_duration, value)


@pytest.mark.parametrize("value", [True, False, None, [35], {"min": 35}, float("nan")])
def test_parse_duration_wrong_type(value):
    msg = message(parse_duration, value)
    assert "varighed" in msg


@pytest.mark.parametrize("duration, text", [
    (Duration(35), "35 min"),
    (Duration(35, True), "ca. 35 min"),
    (Duration(0), "0 min"),
    (Duration(60), "1 t"),
    (Duration(90), "1 t 30 min"),
    (Duration(90, True), "ca. 1 t 30 min"),
    (Duration(125), "2 t 5 min"),
    (Duration(1440), "24 t"),
])
def test_duration_str(duration, text):
    assert str(duration) == text


@given(st.integers(0, 1440), st.booleans())
def test_duration_roundtrip(minutes, approx):
    assert parse_duration(str(Duration(minutes, approx))) == Duration(minutes, approx)


# ---------------------------------------------------------------- clock

@pytest.mark.parametrize("text, expected", [
    ("13:00", dt.time(13, 0)),
    ("9:05", dt.time(9, 5)),
    ("09:05", dt.time(9, 5)),
    ("13.00", dt.time(13, 0)),
    ("kl. 13:00", dt.time(13, 0)),
    ("Kl. 8.30", dt.time(8, 30)),
    ("kl 13", dt.time(13, 0)),
    ("kl.13", dt.time(13, 0)),
    ("0:00", dt.time(0, 0)),
    ("23:59", dt.time(23, 59)),
    (" 13:00 ", dt.time(13, 0)),
])
def test_parse_clock(text, expected):
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", [
    "25:00", "24:00", "13:60", "9:5", "xyz", "", "13:00:00", "kl.", "-1:00", "1300",
])
def test_parse_clock_invalid(text):
    assert message(parse_clock, text) == (
        f"'{text.strip()}' er ikke et gyldigt klokkeslæt. Skriv fx \"13:00\".")


@pytest.mark.parametrize(("value", "expected"), [(9.0, T(9, 0)), (13.3, T(13, 30)), (9.05, T(9, 5)), (13.5, T(13, 50))])
def test_parse_clock_from_a_number_yaml_read(value, expected):
    """start: 9.00 unquoted is the number 9.0 to YAML; two decimals are the minutes."""
    assert parse_clock(value) == expected


@pytest.mark.parametrize("value", [780, 1300, 24, 25.0, None, True])
def test_parse_clock_wrong_type_suggests_quotes(value):
    assert 'skriv klokkeslættet i anførselstegn, fx "13:00"' in message(parse_clock, value)


@pytest.mark.parametrize("value, expected", [(9, dt.time(9, 0)), (0, dt.time(0, 0)), (23, dt.time(23, 0))])
def test_parse_clock_whole_hour(value, expected):
    """'start: 9' is how people write nine o'clock."""
    assert parse_clock(value) == expected


def test_parse_clock_accepts_time_object():
    assert parse_clock(dt.time(7, 45)) == dt.time(7, 45)


# ---------------------------------------------------------------- intervals

@pytest.mark.parametrize("text, expected", [
    ("4 uger", Interval(days=28)),
    ("hver 4. uge", Interval(days=28)),
    ("hver 4 uge", Interval(days=28)),
    ("hver 4. uger", Interval(days=28)),
    ("4. uge", Interval(days=28)),
    ("Hver 4. Uge", Interval(days=28)),
    ("1 uge", Interval(days=7)),
    ("uge", Interval(days=7)),
    ("hver uge", Interval(days=7)),
    ("ugentlig", Interval(days=7)),
    ("ugentligt", Interval(days=7)),
    ("hver anden uge", Interval(days=14)),
    ("14 dage", Interval(days=14)),
    ("hver 14. dag", Interval(days=14)),
    ("hver 3. dag", Interval(days=3)),
    ("dag", Interval(days=1)),
    ("dagligt", Interval(days=1)),
    ("måned", Interval(months=1)),
    ("hver måned", Interval(months=1)),
    ("månedlig", Interval(months=1)),
    ("månedligt", Interval(months=1)),
    ("maaned", Interval(months=1)),
    ("Hver Maaned", Interval(months=1)),
    ("2 måneder", Interval(months=2)),
    ("2 maaneder", Interval(months=2)),
    ("hver 2. måned", Interval(months=2)),
    ("MÅNED", Interval(months=1)),
    ("år", Interval(months=12)),
    ("hvert år", Interval(months=12)),
    ("  4   uger ", Interval(days=28)),
])
def test_parse_interval(text, expected):
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["x", "", "4", "hver", "4 timer", "uger 4", "hver 4. x", "2 gange om måneden"])
def test_parse_interval_unrecognised(text):
    assert message(parse_interval, text) == (
        f"'{text}' er ikke et interval. Skriv fx \"4 uger\", \"hver 4. uge\", "
        "\"hver fjerde uge\", \"14 dage\" eller \"måned\".")


@pytest.mark.parametrize(("text", "expected"), [
    ("hver fjerde uge", Interval(days=28)), ("hver anden uge", Interval(days=14)), ("hver 14. dag", Interval(days=14)),
    ("hver fjortende dag", Interval(days=14)), ("hver måned", Interval(months=1)), ("1 gang om måneden", Interval(months=1)),
    ("en gang om ugen", Interval(days=7)), ("én gang hver 4. uge", Interval(days=28)), ("1 gang pr. måned", Interval(months=1)),
    ("“4 uger”", Interval(days=28)), ("1 gang om året", Interval(months=12)),
])
def test_parse_interval_as_people_write_it(text, expected):
    assert parse_interval(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ja", True), ("Ja", True), ("JA", True), ("nej", False), ("Nej", False), ("true", True), ("false", False),
    (True, True), (False, False), ("“ja”", True),
])
def test_parse_yes_no(text, expected):
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize("text", ["måske", "", 1, None, "jaa"])
def test_parse_yes_no_refuses_the_rest(text):
    assert "Skriv ja eller nej" in message(parse_yes_no, text)


@pytest.mark.parametrize("text", ["“09:00”", "”09:00”", "'09:00'", "9.00", "kl. 9", "Kl. 9.00", "«9:00»"])
def test_parse_clock_in_word_quotes(text):
    assert parse_clock(text) == T(9, 0)


def test_parse_interval_zero():
    assert "mindst 1" in message(parse_interval, "0 uger")


def test_parse_interval_int():
    msg = message(parse_interval, 4)
    assert "er ikke et interval" in msg and '"4 uger"' in msg


@pytest.mark.parametrize("value", [None, True, 4.0, ["4 uger"]])
def test_parse_interval_wrong_type(value):
    assert "interval" in message(parse_interval, value)


@pytest.mark.parametrize("interval, text", [
    (Interval(days=28), "hver 4. uge"),
    (Interval(days=7), "hver uge"),
    (Interval(days=3), "hver 3. dag"),
    (Interval(days=1), "hver dag"),
    (Interval(months=1), "hver måned"),
    (Interval(months=2), "hver 2. måned"),
    (Interval(months=12), "hvert år"),
    (Interval(months=24), "hvert 2. år"),
])
def test_interval_str(interval, text):
    assert str(interval) == text


@pytest.mark.parametrize("kwargs", [{}, {"days": 7, "months": 1}, {"days": -7}])
def test_interval_needs_exactly_one_positive_field(kwargs):
    with pytest.raises(ValueError):
        Interval(**kwargs)


@given(st.one_of(st.builds(lambda n: Interval(days=n), st.integers(1, 400)),
                 st.builds(lambda n: Interval(months=n), st.integers(1, 60))))
def test_interval_roundtrip(interval):
    assert parse_interval(str(interval)) == interval


# ---------------------------------------------------------------- occurrences

def test_occurrences_weeks_inclusive():
    got = occurrences(D(2022, 1, 10), Interval(days=28), D(2022, 3, 7))
    assert got == [D(2022, 1, 10), D(2022, 2, 7), D(2022, 3, 7)]


def test_occurrences_months_clamped_from_first():
    got = occurrences(D(2024, 1, 31), Interval(months=1), D(2024, 6, 30))
    assert got == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30),
                   D(2024, 5, 31), D(2024, 6, 30)]
    assert occurrences(D(2023, 1, 31), Interval(months=1), D(2023, 3, 1)) == [
        D(2023, 1, 31), D(2023, 2, 28)]


def test_occurrences_across_year_end():
    assert occurrences(D(2021, 11, 15), Interval(months=2), D(2022, 5, 1)) == [
        D(2021, 11, 15), D(2022, 1, 15), D(2022, 3, 15)]


def test_occurrences_edges():
    assert occurrences(D(2024, 5, 1), Interval(days=7), D(2024, 4, 30)) == []
    assert occurrences(D(2024, 5, 1), Interval(days=7), D(2024, 5, 1)) == [D(2024, 5, 1)]
    assert len(occurrences(D(2024, 1, 1), Interval(days=1), D(2030, 1, 1))) == 1000
    assert len(occurrences(D(2024, 1, 1), Interval(days=1), D(2030, 1, 1), limit=5)) == 5
    assert occurrences(D(9999, 12, 1), Interval(months=1), D(9999, 12, 31)) == [
        D(9999, 12, 1)]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)),
       st.one_of(st.builds(lambda n: Interval(days=n), st.integers(1, 100)),
                 st.builds(lambda n: Interval(months=n), st.integers(1, 24))),
       st.integers(-10, 2000))
def test_occurrences_properties(first, every, span):
    until = first + dt.timedelta(days=span)
    got = occurrences(first, every, until, limit=200)
    assert all(a < b for a, b in zip(got, got[1:]))
    assert all(first <= d <= until for d in got)
    assert len(got) <= 200
    if first <= until:
        assert got[0] == first
    if len(got) < 200 and every.days:
        assert got == [first + dt.timedelta(days=k * every.days) for k in range(len(got))]
        assert got == [] or got[-1] + dt.timedelta(days=every.days) > until


# ---------------------------------------------------------------- roles

@pytest.mark.parametrize("a, b", [
    ("Børn og Unge-chef", "børn og unge chef"),
    ("Børn-og-Unge-chef", "børn og unge-chef"),
    ("boern og unge-chef", "børn og unge-chef"),
    ("Pædagogisk  Leder", "paedagogisk leder"),
    ("børn og unge–chef", "børn og unge chef"),
])
def test_role_key_equal(a, b):
    assert role_key(a) == role_key(b)


def test_role_key_shape():
    assert role_key("  Børn og Unge-chef ") == "boern og unge chef"
    assert role_key("konsulent") != role_key("sprogkonsulent")


@pytest.mark.parametrize("text, expected", [
    ("dagtilbudsleder", "dagtilbudsleder"),
    ("Dagtilbudsleder", "dagtilbudsleder"),
    ("BU-chef", "børn og unge-chef"),
    ("bu chef", "børn og unge-chef"),
    ("Børn og Unge chef", "børn og unge-chef"),
    ("pædagogisk leder", "pædagogisk leder"),
    ("fagligt fyrtårn", "fagligt fyrtårn"),
    ("faglige fyrtårne", "fagligt fyrtårn"),
    ("fagligt fyrtaarn", "fagligt fyrtårn"),
    ("Forældrerepræsentant", "forældrerepræsentant"),
    ("konsulent", "konsulent"),
    ("konsulenter", "konsulent"),
    ("pædagogisk fagkonsulent", "pædagogisk fagkonsulent"),
    ("sprogkonsulent", "sprogkonsulent"),
    ("ppr", "PPR"),
    ("Referent", "referent"),
    ("medarbejder", "medarbejder"),
    ("ressourceperson", "ressourceperson"),
])
def test_canonical_role_builtin(text, expected):
    assert canonical_role(text) == expected


def test_canonical_role_every_builtin_maps_to_itself():
    for name, aliases in ROLES.items():
        assert canonical_role(name) == name
        for alias in aliases:
            assert canonical_role(alias) == name


def test_canonical_role_extra_and_unknown():
    assert canonical_role("Dagplejepædagog", ["dagplejepædagog"]) == "dagplejepædagog"
    assert canonical_role("dagplejepaedagog", ("dagplejepædagog",)) == "dagplejepædagog"
    assert canonical_role("dagplejepædagog") is None
    assert canonical_role("skoleleder", ["dagplejepædagog"]) is None
    assert canonical_role("") is None
    assert canonical_role("   ", [""]) is None


# ---------------------------------------------------------------- CPR

@pytest.mark.parametrize("text, spans", [
    ("010203-1234", [(0, 11)]),
    ("0102031234", [(0, 10)]),
    ("010203–1234", [(0, 11)]),
    ("CPR: 290200-1234.", [(5, 16)]),  # 2000 is a leap year
    ("født 311299-4321 og 010101-0101", [(5, 16), (20, 31)]),
    ("320103-1234", []),
    ("011303-1234", []),
    ("000103-1234", []),
    ("290201-1234", []),  # neither 1901 nor 2001 is a leap year
    ("290204-1234", [(0, 11)]),
    ("310403-1234", []),
    ("12345678901", []),
    ("1010203-1234", []),
    ("010203-12345", []),
    ("2024-05-13", []),
    ("010203 1234", [(0, 11)]),  # a space (docs/format.md: any separator Word writes)
    ("010203\u00a01234", [(0, 11)]),  # a no-break space
    ("010203\u20111234", [(0, 11)]),  # Word's non-breaking hyphen
    ("010203\u22121234", [(0, 11)]),  # the minus sign
    ("010203\u20141234", [(0, 11)]),  # an em dash
    ("010203  1234", []),  # two separators: not one number
    ("010203_1234", []),
    ("tlf. 12 34 56 78", []),
    ("", []),
])
def test_find_cpr(text, spans):
    assert find_cpr(text) == spans


def test_find_cpr_offsets_with_unicode():
    text = "Æblegrød ønsker 010203-1234 å"
    (start, end), = find_cpr(text)
    assert text[start:end] == "010203-1234"


@given(st.text())
def test_find_cpr_never_raises(text):
    for start, end in find_cpr(text):
        assert 0 <= start < end <= len(text)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)),
       st.sampled_from(["-", "–", ""]), st.integers(0, 9999), st.text(max_size=5))
def test_find_cpr_finds_every_valid_date(d, sep, serial, prefix):
    prefix = prefix.rstrip("0123456789")
    cpr = f"{d:%d%m%y}{sep}{serial:04d}"
    assert find_cpr(prefix + cpr + " x") == [(len(prefix), len(prefix) + len(cpr))]


# ---------------------------------------------------------------- calendar

def test_is_weekend():
    assert not is_weekend(D(2024, 5, 13))  # monday
    assert not is_weekend(D(2024, 5, 17))  # friday
    assert is_weekend(D(2024, 5, 18))
    assert is_weekend(D(2024, 5, 19))


@pytest.mark.parametrize("d, name", [
    (D(2024, 1, 1), "Nytårsdag"),
    (D(2024, 3, 29), "Langfredag"),
    (D(2024, 5, 9), "Kristi himmelfartsdag"),
    (D(2024, 5, 20), "Anden pinsedag"),
    (D(2024, 12, 25), "Juledag"),
    (D(2023, 5, 5), "Store bededag"),
])
def test_danish_holiday(d, name):
    assert danish_holiday(d) == name


def test_danish_holidays_agree_with_the_holidays_package_for_every_year():
    """The table is computed here (holidays imports every country); holidays knows
    Denmark up to 2100, and dateutil's Easter covers the rest up to 2200."""
    import holidays
    from dateutil.easter import easter as dateutil_easter

    known = range(1900, holidays.Denmark.end_year + 1)
    assert known.stop > 2100
    for year in known:
        assert danish_holidays(year) == dict(holidays.Denmark(years=year, language="da")), year
    for year in range(1900, 2201):
        assert easter(year) == dateutil_easter(year), year
        assert len(danish_holidays(year)) == (11 if year <= 2023 else 10)
    assert dt.date(2023, 5, 5) in danish_holidays(2023)  # the last Store bededag
    assert "Store bededag" not in danish_holidays(2024).values()


def test_danish_holiday_none():
    assert danish_holiday(D(2024, 5, 13)) is None
    assert danish_holiday(D(2024, 4, 26)) is None  # Store bededag abolished from 2024


def test_format_dates():
    assert format_date_long(D(2024, 5, 13)) == "mandag den 13. maj 2024"
    assert format_date_long(D(2021, 8, 23)) == "mandag den 23. august 2021"
    assert format_date_long(D(2024, 6, 1)) == "lørdag den 1. juni 2024"
    assert format_date_short(D(2024, 5, 13)) == "13. maj 2024"
    assert format_date_short(D(2024, 3, 1)) == "1. marts 2024"


@pytest.mark.parametrize("t, minutes, expected", [
    (dt.time(13, 0), 0, dt.time(13, 0)),
    (dt.time(13, 0), 35, dt.time(13, 35)),
    (dt.time(13, 40), 35, dt.time(14, 15)),
    (dt.time(23, 30), 45, dt.time(0, 15)),
    (dt.time(9, 0), 24 * 60, dt.time(9, 0)),
    (dt.time(0, 10), -20, dt.time(23, 50)),
])
def test_format_minutes_clock(t, minutes, expected):
    assert format_minutes_clock(t, minutes) == expected


def test_a_deadline_written_as_a_week_is_its_friday_and_says_so() -> None:
    import pickle

    from samtale_cli.core.values import format_deadline, parse_deadline, week_on_or_after

    deadline = parse_deadline("Uge 16 2025")
    assert deadline == dt.date(2025, 4, 18) and format_deadline(deadline) == "uge 16 (fredag 18. april 2025)"
    assert format_deadline(pickle.loads(pickle.dumps(deadline))) == "uge 16 (fredag 18. april 2025)"
    assert format_deadline(parse_deadline("2025-04-18")) == "18. april 2025"
    # without a year: the first such week on or after the meeting (the day itself counts)
    assert week_on_or_after(16, dt.date(2025, 4, 18)) == dt.date(2025, 4, 18)
    assert week_on_or_after(16, dt.date(2025, 4, 19)) == dt.date(2026, 4, 17)
    assert week_on_or_after(53, dt.date(2025, 5, 12)) == dt.date(2027, 1, 1)  # 2026 has a week 53
    for bad in ("uge 53 2025", "uge 0 2025", "uge 16"):
        with pytest.raises(ParseError):
            parse_deadline(bad)


def test_a_deadline_that_is_no_date_says_a_week_works_too() -> None:
    from samtale_cli.core.values import parse_deadline

    with pytest.raises(ParseError, match="uge 16"):
        parse_deadline("inden påske")
