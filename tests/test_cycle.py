"""The yearly cycle (issue 12): minutes that read like minutes, the overview of open
agreements and of what no plan follows up, the calendar with timed events and
deadlines, carry-over into the next meeting and the history pages, all on the examples
(the 2024 meeting, its sheets, the 2025 meeting and the plan that follows up
Kernehuset's 2024 sheet)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

import conftest
from conftest import EXAMPLES, Eks, samtale
from samtale_cli.out.html import Renderer
from samtale_cli.out.pages import load

MEETING_2025 = EXAMPLES / conftest.MEETING_2025
CPH = ZoneInfo("Europe/Copenhagen")


def _html(path: Path, document: str) -> str:
    return str(Renderer().render(load(path), document, "html"))


# --------------------------------------------------------------------- the referat


def test_referat_reads_like_minutes() -> None:
    html = _html(MEETING_2025, "referat")
    assert "<h2>Til stede (15)</h2>" in html
    assert ("<strong>Afbud:</strong> Henrik Lauridsen, børn og unge-chef; Birthe Holm, pædagogisk leder, "
            "Børnehuset Ovenpå</p>") in html
    assert "<strong>Fraværende:</strong> Sofie Winther, forældrerepræsentant, Vuggestuen Kernehuset" in html
    assert html.count("Jonas Gregersen") == 2 and html.count("Referent") == 1  # among those present, and once as referent
    # items without minutes are listed briefly, in the agenda's order; no empty headings
    assert '<p class="uden-referat">Uden referat: 1. Velkomst.</p>' in html
    assert "Uden referat: 6. Opmærksomhedspunkter i egen afdeling." in html
    assert "<h3>4. Refleksion</h3>" not in html and "Pause" not in html
    assert not re.search(r"<h3>[^<]*</h3>\s*</article>", html)
    assert "<h4>3.2 Analyse af data i grupper</h4>" in html  # a sub-item's minutes under its item
    agreements = html.split("<h2>Aftaler</h2>")[1].split("</table>")[0]
    assert [h for h in re.findall(r'<th scope="col">([^<]+)</th>', agreements)] == ["Hvad", "Ansvarlig", "Frist", "Status"]
    assert agreements.count("<tr class=") == 6
    assert 'udført <time datetime="2025-05-28">28. maj 2025</time>' in agreements
    assert '<time datetime="2026-05-11">mandag den 11. maj 2026</time>' in html.split("<h2>Næste møde</h2>")[1]


def test_the_agenda_stays_the_full_agenda() -> None:
    html = _html(MEETING_2025, "dagsorden")
    assert "Refleksion" in html and "Pause" in html and "Tak for i dag" in html
    assert "<h2>Aftaler</h2>" not in html and "Afbud" not in html  # the agenda is sent before the meeting


def test_a_meetings_sheets_use_the_sheets_written_for_it() -> None:
    md = samtale("render", EXAMPLES / conftest.MEETING, "--dokument", "opmærksomhedspunkter", "--format", "md").stdout
    sheets = md.split("# Opsamling på opmærksomhedspunkter i egen afdeling")[1:]
    assert len(sheets) == 9
    filled = [s for s in sheets if "(udfyldes)" not in s]
    assert len(filled) == 3
    assert "Genbesøge inklusionsbegrebet" in next(s for s in filled if "Børnehuset Haven" in s)
    assert all(s.count("(udfyldes)") == 2 for s in sheets if s not in filled)  # blank forms for the other six


# --------------------------------------------------------------------- oversigt


def _overview(*args: str) -> dict:
    done = samtale("oversigt", "--format", "json", *args, cwd=EXAMPLES)
    assert done.code == 0, done.stderr
    return json.loads(done.stdout)


def test_ansvarlig_with_a_first_name_two_people_have_says_so(eks: Eks) -> None:
    eks.edit(conftest.MEETING_2025, "  - navn: Signe Krogh\n", "  - navn: Merete Krogh\n")
    done = samtale("oversigt", "--ansvarlig", "Merete", cwd=eks.root)
    assert done.code == 2 and "'Merete' passer på flere deltagere (Merete Juhl, Merete Krogh); skriv hele navnet." in done.stderr
    assert samtale("oversigt", "--ansvarlig", "Merete Krogh", cwd=eks.root).code == 0
    hint = samtale("oversigt", "--ansvarlig", "Meret", cwd=eks.root)
    assert hint.code == 2 and "Mente du 'Merete'?" in hint.stderr


def test_before_the_first_meeting_there_is_no_latest_meeting_and_no_agreement() -> None:
    """An attacker's trial: --dato before every meeting named the 2025 meeting 'Seneste'
    and listed its agreements."""
    data = _overview("--dato", "2024-05-12")
    assert data["læringssamtale"] is None and data["aftaler"] == []
    assert not any(d["mangler_opmærksomhedspunkter"] for d in data["afdelinger"])
    on_the_day = _overview("--dato", "2024-05-13")
    assert on_the_day["læringssamtale"]["dato"] == "2024-05-13"
    assert {a["læringssamtale"] for a in on_the_day["aftaler"]} == {"2024-05-13"}


def test_an_agreement_done_later_was_still_open_on_the_day() -> None:
    before = {a["hvad"]: a for a in _overview("--dato", "2024-05-20")["aftaler"]}
    done = before["Opmærksomhedspunkterne deles med konsulenterne"]
    assert done["status"] == "udført" and done["udført"] == "2024-06-12" and not done["overskredet"]
    after = {a["hvad"] for a in _overview("--dato", "2024-06-20")["aftaler"]}
    assert "Opmærksomhedspunkterne deles med konsulenterne" not in after
    text = samtale("oversigt", "--dato", "2024-05-20", cwd=EXAMPLES).stdout
    assert "frist fredag 14. juni 2024, udført 12. juni 2024\n" in text


def test_an_empty_ansvarlig_is_a_usage_error_not_no_filter() -> None:
    done = samtale("oversigt", "--ansvarlig", "", cwd=EXAMPLES)
    assert done.code == 2 and "--ansvarlig er tom" in done.stderr


def test_the_text_overview_counts_in_plain_danish() -> None:
    """'Evalueret 3 gange', not 'gang(e)'; the README shows this text."""
    done = samtale("oversigt", "--dato", "2025-09-01", cwd=EXAMPLES)
    assert "    Evalueret 3 gange, senest 26. juni 2025\n" in done.stdout
    assert "(e)" not in done.stdout and "(r)" not in done.stdout


def test_open_agreements_and_overdue_against_the_date() -> None:
    data = _overview("--dato", "2025-09-01")
    rows = [(a["hvad"], a["frist"], a["status"], a["overskredet"]) for a in data["aftaler"]]
    assert rows == [
        ("Opmærksomhedspunkterne for 2025 deles med konsulenterne", "2025-06-13", "åben", True),
        ("Kompetenceudviklingen forberedes i lederteamet", "2025-10-01", "i gang", False),
        ("Oplæg om systematisk kontakt med de stille børn til personalemøderne", "2025-11-28", "åben", False),
        ("Data fra sprogvurderingerne samles til næste læringssamtale", "2026-04-17", "åben", False),
    ]  # not the done nor the dropped one; the 2024 agreement once, as 2025 carried it over
    first = data["aftaler"][0]
    assert first["ansvarlig"] == ["pædagogisk leder"] and first["fil"] == conftest.MEETING_2025
    assert [a["overskredet"] for a in _overview("--dato", "2025-06-13")["aftaler"]] == [False] * 4
    assert [a["overskredet"] for a in _overview("--dato", "2025-10-02")["aftaler"]] == [True, True, False, False]
    text = samtale("oversigt", "--dato", "2025-09-01", cwd=EXAMPLES).stdout
    assert ("  Opmærksomhedspunkterne for 2025 deles med konsulenterne (pædagogisk leder): "
            "frist fredag 13. juni 2025, åben – OVERSKREDET") in text
    assert "Åbne aftaler (4, heraf 1 overskredet):" in text


def test_an_agreement_not_carried_over_stays_open_from_its_meeting(eks: Eks) -> None:
    eks.edit(conftest.MEETING_2025, "  - hvad: Kompetenceudviklingen forberedes i lederteamet\n",
             "  - hvad: Kompetenceudviklingen forberedes i ledergruppen\n")
    data = json.loads(samtale("oversigt", "--dato", "2025-09-01", "--format", "json", cwd=eks.root).stdout)
    old = [a for a in data["aftaler"] if a["fil"] == conftest.MEETING]
    assert [(a["hvad"], a["overskredet"]) for a in old] == [("Kompetenceudviklingen forberedes i lederteamet", True)]


@pytest.mark.parametrize(("who", "agreements", "departments"), [
    ("pædagogisk leder", ["Opmærksomhedspunkterne for 2025 deles med konsulenterne"], 9),
    ("fagligt fyrtårn", ["Oplæg om systematisk kontakt med de stille børn til personalemøderne"], 9),
    ("Merete Juhl", ["Opmærksomhedspunkterne for 2025 deles med konsulenterne"], 1),
    ("Karen Vestergaard", ["Kompetenceudviklingen forberedes i lederteamet",
                           "Data fra sprogvurderingerne samles til næste læringssamtale"], 0),
    ("BU-chef", [], 0),
])
def test_ansvarlig_keeps_their_agreements_and_plans(who: str, agreements: list[str], departments: int) -> None:
    data = _overview("--dato", "2025-09-01", "--ansvarlig", who)
    assert [a["hvad"] for a in data["aftaler"]] == agreements
    assert len(data["afdelinger"]) == departments
    if who == "Merete Juhl":
        assert [d["navn"] for d in data["afdelinger"]] == ["Vuggestuen Kernehuset"]
        assert len(data["afdelinger"][0]["indsatser"]) == 2


def test_ansvarlig_unknown_is_a_usage_error_with_a_suggestion() -> None:
    done = samtale("oversigt", "--ansvarlig", "Merete Juul", cwd=EXAMPLES)
    assert done.code == 2 and "Mente du 'Merete Juhl'?" in done.stderr and done.stdout == ""


def test_attention_points_no_plan_follows_up() -> None:
    departments = {d["navn"]: d for d in _overview("--dato", "2025-09-01")["afdelinger"]}
    assert departments["Vuggestuen Kernehuset"]["ikke_fulgt_op"] == [
        "Brug af KVALID og video i evalueringen, så vi kan se, om alle børn har deltagelsesmuligheder."
    ]  # points 1 and 2 are the plan's
    assert len(departments["Børnehuset Haven"]["ikke_fulgt_op"]) == 5
    assert departments["Børnehuset Ovenpå"]["ikke_fulgt_op"] == []  # no sheet
    assert _overview("--dato", "2024-05-01")["afdelinger"][0]["ikke_fulgt_op"] == []  # no sheet yet that day


def test_plans_that_ended_without_an_evaluation() -> None:
    plans = {p["fil"]: p for d in _overview("--dato", "2025-09-01")["afdelinger"] for p in d["indsatser"]}
    old, new = plans[conftest.PLAN], plans[conftest.PLAN_2025]
    assert old["mangler_evaluering"] is True and old["forfaldne"] == [
        "Indsatsen sluttede 1. august 2022 uden en evaluering; evaluér den"]
    assert new["mangler_evaluering"] is False and new["forfaldne"] == [] and new["evalueringer"] == 3
    assert new["følger_op"] == {"fil": conftest.SHEET_KERNEHUSET, "punkter": [1, 2]}
    assert new["status"] == "afsluttet"


def test_evaluations_count_only_when_held_by_the_date() -> None:
    """An evaluation dated after --dato has not been held yet on that day."""
    plans = {p["fil"]: p for d in _overview("--dato", "2025-01-01")["afdelinger"] for p in d["indsatser"]}
    assert plans[conftest.PLAN_2025]["evalueringer"] == 1
    assert plans[conftest.PLAN_2025]["seneste_evaluering"] == "2024-12-12"
    assert _overview("--dato", "2024-12-01")["afdelinger"] and all(
        p["seneste_evaluering"] is None for d in _overview("--dato", "2024-12-01")["afdelinger"] for p in d["indsatser"])


def test_next_meeting_with_its_weekday_and_time() -> None:
    plans = {p["fil"]: p for d in _overview("--dato", "2024-12-20")["afdelinger"] for p in d["indsatser"]}
    assert plans[conftest.PLAN_2025]["næste_møde"] == {"dato": "2025-01-02", "titel": "Stuemøde om rutinerne", "kl": "14:00"}
    text = samtale("oversigt", "--dato", "2024-12-20", cwd=EXAMPLES).stdout
    assert "Næste møde: torsdag 2. januar 2025 kl. 14:00 – Stuemøde om rutinerne" in text


# --------------------------------------------------------------------- kalender


@pytest.fixture(scope="module")
def calendar(tmp_path_factory: pytest.TempPathFactory) -> icalendar.Calendar:
    target = tmp_path_factory.mktemp("kalender") / "k.ics"
    done = samtale("kalender", "-o", target, cwd=EXAMPLES)
    assert done.code == 0, done.stderr
    raw = target.read_bytes()
    assert b"COMMENT" not in raw  # no English text from a generated time zone
    return icalendar.Calendar.from_ical(raw)


def _events(cal: icalendar.Calendar, summary: str) -> list:
    return [e for e in cal.walk("VEVENT") if str(e["summary"]) == summary]


def test_calendar_is_named_after_the_daycare_with_a_time_zone(calendar: icalendar.Calendar) -> None:
    assert str(calendar["x-wr-calname"]) == "Dagtilbud Vest"
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Copenhagen"
    rules = {c.name: (c["tzname"], c["rrule"]) for c in zone.subcomponents}
    assert rules["DAYLIGHT"][0] == "CEST" and rules["STANDARD"][0] == "CET"
    assert dict(rules["DAYLIGHT"][1]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}


def test_meetings_with_a_time_are_timed_events(calendar: icalendar.Calendar) -> None:
    [meeting] = _events(calendar, "Læringssamtale 2025 – opfølgning på Dagtilbud for alle")
    assert meeting.decoded("dtstart") == dt.datetime(2025, 5, 12, 13, 0, tzinfo=CPH)
    assert meeting.decoded("dtend") == dt.datetime(2025, 5, 12, 16, 0, tzinfo=CPH)
    assert meeting.decoded("dtstart").utcoffset() == dt.timedelta(hours=2)  # summer time
    routines = _events(calendar, "Vuggestuen Kernehuset: Stuemøde om rutinerne")
    starts = [e.decoded("dtstart") for e in routines]
    assert dt.datetime(2025, 1, 2, 14, 0, tzinfo=CPH) in starts  # 26/12 (holiday, Juleferie) moved on
    assert not any(s.date() == dt.date(2024, 12, 26) for s in starts)
    assert all(e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(hours=1) for e in routines)
    evaluation = _events(calendar, "Vuggestuen Kernehuset: Stuemøde med evaluering")
    assert [e.decoded("dtstart").date() for e in evaluation] == [
        dt.date(2025, 2, 6), dt.date(2025, 3, 6), dt.date(2025, 4, 3), dt.date(2025, 5, 1), dt.date(2025, 6, 26)]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(minutes=90) for e in evaluation)
    old = _events(calendar, "Vuggestuen Kernehuset: Stuemøde med evaluering af de små grupper")
    assert len(old) == 8 and all(type(e.decoded("dtstart")) is dt.date for e in old)  # no kl: all day


def test_deadlines_of_open_agreements_are_events(calendar: icalendar.Calendar) -> None:
    deadlines = sorted((e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")
                       if str(e["summary"]).startswith("Frist: "))
    assert deadlines == [
        (dt.date(2025, 6, 13), "Frist: Opmærksomhedspunkterne for 2025 deles med konsulenterne"),
        (dt.date(2025, 10, 1), "Frist: Kompetenceudviklingen forberedes i lederteamet"),
        (dt.date(2025, 11, 28), "Frist: Oplæg om systematisk kontakt med de stille børn til personalemøderne"),
        (dt.date(2026, 4, 17), "Frist: Data fra sprogvurderingerne samles til næste læringssamtale"),
    ]
    [following] = _events(calendar, "Næste læringssamtale")
    assert following.decoded("dtstart") == dt.date(2026, 5, 11)


def test_next_years_meeting_keeps_this_years_deadlines_in_the_calendar(eks: Eks, tmp_path: Path) -> None:
    """A re-trial: next year's meeting, made right after this one, carries the open
    agreements over with their deadlines (before it) commented out; the calendar lost
    every 'Frist:' event. An agreement the new meeting gives a deadline of its own, or
    closes, follows the new meeting."""
    def deadlines() -> list[tuple[dt.date, str]]:
        assert samtale("kalender", "-o", tmp_path / "k.ics", "--force", cwd=eks.root).code in (0, 1)
        cal = icalendar.Calendar.from_ical((tmp_path / "k.ics").read_bytes())
        return sorted((e.decoded("dtstart"), str(e["summary"])) for e in cal.walk("VEVENT")
                      if str(e["summary"]).startswith("Frist: "))

    before = deadlines()
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", cwd=eks.root)
    assert done.code == 0, done.stderr
    assert deadlines() == before
    new = (eks.root / done.stdout.strip().splitlines()[-1]).resolve()
    text = new.read_text(encoding="utf-8")
    # taking away '# ' gives a deadline check reads (then R901: before the meeting)
    assert "    # frist: 2026-04-17  # fristen fra 12. maj 2025; sæt en ny\n" in text
    new.write_text(text.replace("    # frist: 2026-04-17", "    frist: 2026-09-01"), encoding="utf-8")
    assert (dt.date(2026, 9, 1), "Frist: Data fra sprogvurderingerne samles til næste læringssamtale") in deadlines()
    assert (dt.date(2026, 4, 17), "Frist: Data fra sprogvurderingerne samles til næste læringssamtale") not in deadlines()


def test_recurring_meetings_kept_on_a_day_off_by_default(eks: Eks, tmp_path: Path) -> None:
    eks.edit(conftest.PLAN_2025, "        ved_fridag: spring over\n", "")
    assert samtale("kalender", "-o", tmp_path / "k.ics", cwd=eks.root).code == 0  # a warning (T605) is no error
    cal = icalendar.Calendar.from_ical((tmp_path / "k.ics").read_bytes())
    days = [e.decoded("dtstart").date() for e in _events(cal, "Vuggestuen Kernehuset: Stuemøde med evaluering")]
    assert dt.date(2025, 5, 29) in days  # Kristi himmelfartsdag, kept


def _uids(path: Path) -> dict[str, str]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): str(e["summary"]) for e in cal.walk("VEVENT")}


def test_calendar_uids_do_not_depend_on_the_current_folder(eks: Eks, tmp_path: Path) -> None:
    """The workspace is found from the paths given, never from the current folder: the
    same events get the same UIDs from the parent folder and from inside (a calendar
    that re-imports got duplicates)."""
    assert samtale("kalender", "eks", "-o", tmp_path / "a.ics", cwd=eks.root.parent).code == 0
    assert samtale("kalender", "-o", tmp_path / "b.ics", cwd=eks.root).code == 0
    assert samtale("kalender", ".", "-o", tmp_path / "c.ics", cwd=eks.root / "afdelinger").code == 0
    inside = _uids(tmp_path / "b.ics")
    assert len(inside) > 10
    assert _uids(tmp_path / "a.ics") == inside
    assert set(_uids(tmp_path / "c.ics").items()) <= set(inside.items())
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()


def test_oversigt_is_the_same_from_the_parent_folder(eks: Eks) -> None:
    """oversigt, like kalender, finds the workspace from the path given."""
    args = ("--dato", "2025-09-01", "--format", "json")
    inside = samtale("oversigt", *args, cwd=eks.root)
    outside = samtale("oversigt", "eks", *args, cwd=eks.root.parent)
    assert inside.code == outside.code == 0
    assert inside.stdout == outside.stdout


# --------------------------------------------------------------------- new: carry-over


def test_a_new_meeting_carries_over_open_agreements_and_names_the_landmarks(eks: Eks) -> None:
    """With a built-in agenda (--skabelon; without it the new meeting is a copy of the
    latest: tests/test_new_meeting.py)."""
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", "--skabelon", "standard", cwd=eks.root)
    assert done.code == 0, done.stderr
    assert "Fra læringssamtalen 12. maj 2025: 4 åbne aftaler og 3 pejlemærker at følge op på." in done.stderr
    path = eks.root / "laeringssamtaler" / "2026-05-11-laeringssamtale.yaml"
    text = path.read_text(encoding="utf-8")
    check = samtale("check", path, cwd=eks.root)
    assert check.code == 0 and {code for *_r, code in check.findings} == {"S801"}  # placeholders only
    agreements = text.split("\naftaler:\n")[1]
    assert agreements.count("  - hvad: ") == 4 and "Evalueringen af de små grupper" not in agreements
    assert "    # frist: 2025-06-13  # fristen fra 12. maj 2025; sæt en ny\n" in agreements  # passed: a comment
    assert "      - Karen\n" in agreements and "  - navn: Karen Vestergaard\n    rolle: dagtilbudsleder\n" in text
    assert "  - navn: Gitte Østergaard\n    rolle: fagligt fyrtårn\n    afdeling: Børnehuset Derudá\n    dele: [plenum]\n" in text
    assert "#   2. Vi vil have systematisk kontakt med de børn, der ikke selv kalder på opmærksomhed.\n" in text
    assert "      - Hvad er der sket med pejlemærkerne fra læringssamtalen 12. maj 2025?\n" in text
    assert "    fil: 2025-05-12-laeringssamtale-2025-opfoelgning.yaml\n" in text
    assert "# næste_møde: 2027-05-10\n" in text


def test_the_people_of_the_meeting_before_come_back_once_each(eks: Eks) -> None:
    """The same people meet year after year: each standard place gets last year's one
    person there, and someone responsible for an agreement is not added twice (a trial
    user got Karen twice, then an R902 'passer på flere deltagere' no edit could fix).
    With a built-in agenda: without --skabelon, the participants are a copy of last year's."""
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", "--skabelon", "standard", cwd=eks.root)
    assert "Deltagerne er dem fra sidst (18); ret dem, der er nye, og slet dem, der ikke kommer." in done.stderr
    text = (eks.root / "laeringssamtaler" / "2026-05-11-laeringssamtale.yaml").read_text(encoding="utf-8")
    assert text.count("  - navn: Karen Vestergaard\n") == 1
    assert "  - navn: Merete Juhl\n    rolle: pædagogisk leder\n    afdeling: Vuggestuen Kernehuset\n" in text
    assert "Navn på dagtilbudsleder" not in text and "Navn på pædagogisk leder" not in text
    assert text.count("  - navn: ") == 18 and "(udfyldes)\n    rolle" not in text  # all of last year's, no placeholder


def test_a_deadline_still_ahead_is_kept(eks: Eks) -> None:
    assert samtale("new", "læringssamtale", "--dato", "2/2 2026", "--skabelon", "dagtilbud-for-alle", cwd=eks.root).code == 0
    text = (eks.root / "laeringssamtaler" / "2026-02-02-laeringssamtale.yaml").read_text(encoding="utf-8")
    assert "    frist: 2026-04-17\n" in text and "    # frist: 2025-11-28" in text
    assert samtale("check", cwd=eks.root).code == 0


def test_the_first_meeting_has_nothing_to_carry_over(eks: Eks) -> None:
    assert samtale("new", "læringssamtale", "--dato", "1/3 2024", cwd=eks.root).code == 0
    text = (eks.root / "laeringssamtaler" / "2024-03-01-laeringssamtale.yaml").read_text(encoding="utf-8")
    assert "\naftaler: []\n" in text and "Pejlemærkerne fra" not in text


def test_a_new_plan_follows_up_its_departments_latest_sheet(eks: Eks) -> None:
    assert samtale("new", "indsats", "--afdeling", "Børnehuset Haven", "--titel", "Gråzonen", cwd=eks.root).code == 0
    text = (eks.root / "afdelinger" / "boernehuset-haven" / "indsats-graazonen.yaml").read_text(encoding="utf-8")
    assert "opmærksomhedspunkter:\n  fil: opmaerksomhedspunkter-2024-05-13.yaml\n" in text
    assert "  #   1. Genbesøge inklusionsbegrebet i forhold til børnene i gråzonen.\n" in text
    assert "        ved_fridag: næste hverdag\n" in text and "status: planlagt\n" in text
    assert samtale("check", cwd=eks.root).findings == []
    data = json.loads(samtale("oversigt", "--format", "json", cwd=eks.root).stdout)
    haven = next(d for d in data["afdelinger"] if d["navn"] == "Børnehuset Haven")
    assert haven["ikke_fulgt_op"] == []  # the new plan names no points: it follows them all up


# --------------------------------------------------------------------- history


def test_history_pages_written_and_linked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert samtale("render", EXAMPLES, "-o", site).code == 0
    root = (site / "historik.html").read_text(encoding="utf-8")
    assert 'href="historik.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="afdelinger/vuggestuen-kernehuset/historik.html"' in root
    kernehuset = (site / "afdelinger" / "vuggestuen-kernehuset" / "historik.html").read_text(encoding="utf-8")
    assert re.findall(r'<section class="aar">\n<h2>(\d+)</h2>', kernehuset) == ["2025", "2024", "2021"]
    assert 'href="../../laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning-referat.html"' in kernehuset
    assert "Følger op på punkt 1 og 2 i opmærksomhedspunkterne fra læringssamtalen 13. maj 2024." in kernehuset
    assert kernehuset.count("<title>Evaluering ") == 3  # the plan's evaluations on the timeline
    haven = (site / "afdelinger" / "boernehuset-haven" / "historik.html").read_text(encoding="utf-8")
    assert haven.count("Ingen indsats følger op på punktet endnu.") == 5
    assert "Evalueringen af de små grupper" not in haven  # another department's agreement
    for page in [site / "historik.html", *site.glob("afdelinger/*/historik.html")]:
        for href in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).is_file(), (page, href)


def test_no_history_for_a_folder_that_is_not_a_workspace(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert samtale("render", EXAMPLES / "afdelinger", "-o", site).code == 0
    assert not list(site.rglob("historik.html"))


def test_a_site_made_in_workers_has_the_same_history_and_sheets(tmp_path: Path) -> None:
    """Workers render each file alone: a meeting's sheets page still shows the sheets
    written for it, and the history pages are the same as from one process."""
    sites = []
    for jobs in ("1", "2"):
        site = tmp_path / f"site{jobs}"
        done = samtale("render", EXAMPLES, "-o", site, process=True, env={"SAMTALE_JOBS": jobs})
        assert done.code == 0, done.stderr
        sites.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert sites[0] == sites[1]
    sheets = sites[1][Path("laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle-opmaerksomhedspunkter.html")]
    assert "Genbesøge inklusionsbegrebet".encode() in sheets
    assert Path("afdelinger/vuggestuen-kernehuset/historik.html") in sites[1]


def test_the_indexes_name_folders_as_people_do_and_date_meetings_and_sheets(tmp_path: Path) -> None:
    """A leader looks for 'Børnehuset Derudá', not 'boernehuset-deruda/'; two meetings
    or two sheets of one department with the same title differ by their date."""
    site = tmp_path / "site"
    assert samtale("render", EXAMPLES, "-o", site).code == 0
    assert "<h1>Dagtilbud Vest</h1>" in (site / "index.html").read_text(encoding="utf-8")
    departments = (site / "afdelinger" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Afdelinger</h1>" in departments
    assert '<a href="boernehuset-deruda/index.html">Børnehuset Derudá</a> <small class="sti">boernehuset-deruda/</small>' in departments
    meetings = (site / "laeringssamtaler" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Læringssamtaler</h1>" in meetings
    assert 'Referat: Læringssamtale 2025 – opfølgning på Dagtilbud for alle <time datetime="2025-05-12">(12. maj 2025)</time>' in meetings
    kernehuset = (site / "afdelinger" / "vuggestuen-kernehuset" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Vuggestuen Kernehuset</h1>" in kernehuset
    assert 'Opmærksomhedspunkter: Vuggestuen Kernehuset <time datetime="2024-05-13">(13. maj 2024)</time>' in kernehuset


def test_a_history_page_is_not_written_over_a_file_samtale_did_not_write(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "historik.html").write_text("mine", encoding="utf-8")
    done = samtale("render", EXAMPLES, "-o", site)
    assert done.code == 2 and "historik.html" in done.stderr
    assert (site / "historik.html").read_text(encoding="utf-8") == "mine"
    assert samtale("render", EXAMPLES, "-o", site, "--dokument", "referat").code == 0  # no history pages then


def test_new_sheet_takes_the_meeting_as_windows_writes_the_path(eks: Eks) -> None:
    done = samtale("new", "opmærksomhedspunkter", "--afdeling", "ovenpå", "--læringssamtale",
                   "laeringssamtaler\\2025-05-12-laeringssamtale-2025-opfoelgning.yaml", cwd=eks.root)
    assert done.code == 0, done.stderr
    sheet = eks.root / "afdelinger" / "boernehuset-ovenpaa" / "opmaerksomhedspunkter-2025-05-12.yaml"
    assert "læringssamtale: ../../laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml\n" in sheet.read_text(encoding="utf-8")
    typo = samtale("new", "opmærksomhedspunkter", "--afdeling", "haven", "--læringssamtale",
                   "laeringssamtaler/2025-05-12-læringssamtale-2025-opfoelgning.yaml", cwd=eks.root)
    assert typo.code == 2 and "Mente du 'laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml'?" in typo.stderr


def test_new_refuses_a_second_meeting_on_the_same_day(eks: Eks) -> None:
    """A re-trial: a second, empty meeting on 12/5 2025 became 'the latest' for oversigt
    and for the next carry-over."""
    done = samtale("new", "læringssamtale", "--dato", "12/5 2025", cwd=eks.root)
    assert done.code == 2 and "Der er allerede en læringssamtale mandag den 12. maj 2025" in done.stderr
    assert len(list((eks.root / "laeringssamtaler").glob("2025-05-12*.yaml"))) == 1
    assert samtale("new", "læringssamtale", "--dato", "12/5 2025", "--force", cwd=eks.root).code == 0


def test_only_the_latest_meetings_next_meeting_is_an_event(eks: Eks, tmp_path: Path) -> None:
    """The 2024 meeting's next meeting moved to a day after the 2025 meeting: it is stale
    (a later meeting exists), so only the 2025 meeting's next meeting is in the calendar."""
    eks.edit(conftest.MEETING, "næste_møde: 2025-05-12", "næste_møde: 2025-06-02")
    assert samtale("kalender", "-o", tmp_path / "k.ics", cwd=eks.root).code == 0
    cal = icalendar.Calendar.from_ical((tmp_path / "k.ics").read_bytes())
    assert [e.decoded("dtstart") for e in _events(cal, "Næste læringssamtale")] == [dt.date(2026, 5, 11)]
