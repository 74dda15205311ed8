"""``samtale new læringssamtale``: next year's meeting from this year's (issue 22, item 4),
and the latest meeting found by file names, fast at 15,000 files (issue 26, item 4)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import MEETING, MEETING_2025, Eks, samtale
from samtale_cli.check.document import read
from samtale_cli.check.workspace import Workspace
from samtale_cli.core import values as v
from samtale_cli.model import Meeting
from samtale_cli.new import common


def _meeting(path: Path) -> Meeting:
    model = read(path, path.name).model
    assert isinstance(model, Meeting), path
    return model


def _written(stdout: str, cwd: Path) -> Path:
    return (cwd / stdout.strip().splitlines()[-1]).resolve()


def _without_minutes(meeting: Meeting) -> list:
    return [item.model_copy(update={"minutes_text": None,
                                    "subitems": [s.model_copy(update={"minutes_text": None}) for s in item.subitems]})
            for item in meeting.agenda]


# --------------------------------------------------------------- next year from this year


def test_next_years_meeting_is_made_from_the_latest_on_its_next_meeting(eks: Eks) -> None:
    """The examples' 2025 meeting, its næste_møde ahead: 'new læringssamtale' without
    --dato makes the meeting on that day from it, and the workspace passes check."""
    planned = dt.date.today() + dt.timedelta(days=40)
    eks.edit(MEETING_2025, "næste_møde: 2026-05-11", f"næste_møde: {planned.isoformat()}")
    done = samtale("new", "læringssamtale", cwd=eks.root)
    assert done.code == 0, done.stderr
    assert (f"Datoen er næste møde fra læringssamtalen 12. maj 2025: {v.format_date_long(planned)}. "
            "Vælg en anden med --dato.") in done.stderr
    assert "Fra læringssamtalen 12. maj 2025: 4 åbne aftaler og 3 pejlemærker at følge op på." in done.stderr
    path = _written(done.stdout, eks.root)
    assert path == eks.root / "laeringssamtaler" / f"{planned.isoformat()}-laeringssamtale.yaml"
    check = samtale("check", cwd=eks.root)
    assert check.code == 0, check.stdout
    assert {code for file, *_r, code in check.findings if file.endswith(path.name)} <= {"S802"}  # maybe a Saturday

    before, new = _meeting(eks.path(MEETING_2025)), _meeting(path)
    assert new.date == planned and new.next_meeting is None
    year_on = before.title.replace("2025", str(planned.year))
    assert new.title == year_on and (planned.year == 2025 or new.title != before.title)
    assert new.start == before.start and new.place == before.place == "Vuggestuen Kernehuset"
    assert new.focus == before.focus and new.purpose == before.purpose and new.key_concepts == before.key_concepts
    assert new.parts == before.parts and new.roles == before.roles
    assert new.agenda == _without_minutes(before) and before.agenda != new.agenda  # the minutes are gone
    assert [p.model_dump(exclude={"attendance"}) for p in new.participants] == [
        p.model_dump(exclude={"attendance"}) for p in before.participants]
    assert {p.attendance for p in before.participants} == {"mødt", "afbud", "fraværende"}
    assert {p.attendance for p in new.participants} == {"mødt"}  # everyone expected again
    assert [d.title for d in new.data] == [
        "Opsamling på det samlede tilsyn i dagtilbuddet", "Data fra samarbejdet med PPR",
        "Evalueringer fra afdelingernes indsatser", "Referat og pejlemærker fra læringssamtalen 12. maj 2025"]
    assert new.data[-1].file == Path(MEETING_2025).name  # not the 2024 meeting: that was the year before
    assert [a.what for a in new.agreements] == [a.what for a in before.agreements if a.is_open]
    assert new.landmarks == [] and new.decisions == [] and new.secretary is None
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["# yaml-language-server: $schema=../.samtale/schema/laeringssamtale.json",
                                     "# Læringssamtale: dagsorden, deltagere og (senere) referat."]
    values = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in values if "referat:" in line or "fremmøde:" in line]
    assert "#   1. Vi vil organisere rutiner og overgange, så alle børn har deltagelsesmuligheder hele dagen.\n" in text
    assert "    ansvarlig: [dagtilbudsleder, BU-chef]\n" in text  # one-line lists stay one-line


@pytest.mark.parametrize("next_meeting", ["næste_møde: 2025-06-02", None])
def test_without_a_next_meeting_ahead_it_is_the_next_workday(eks: Eks, next_meeting: str | None) -> None:
    """Today's behaviour when the latest meeting's næste_møde has passed or is missing."""
    if next_meeting is None:
        eks.edit(MEETING_2025, "næste_møde: 2026-05-11\n", "")
    else:
        eks.edit(MEETING_2025, "næste_møde: 2026-05-11", next_meeting)
    done = samtale("new", "læringssamtale", cwd=eks.root)
    assert done.code == 0, done.stderr
    day = v.next_workday(dt.date.today())
    path = _written(done.stdout, eks.root)
    assert path.name == f"{day.isoformat()}-laeringssamtale.yaml" and "Datoen er næste møde" not in done.stderr
    assert _meeting(path).agenda == _without_minutes(_meeting(eks.path(MEETING_2025)))  # still from the latest
    assert samtale("check", path, cwd=eks.root).code == 0


def test_a_given_date_starts_from_the_latest_meeting_before_it(eks: Eks) -> None:
    done = samtale("new", "læringssamtale", "--dato", "2/9 2024", cwd=eks.root)
    assert done.code == 0, done.stderr
    new = _meeting(_written(done.stdout, eks.root))
    assert new.agenda == _without_minutes(_meeting(eks.path(MEETING)))  # 2024's, not 2025's
    assert new.title == _meeting(eks.path(MEETING)).title  # no year in it to move on
    assert samtale("check", cwd=eks.root).code == 0


@pytest.mark.parametrize("template", ["standard", "dagtilbud-for-alle"])
def test_skabelon_still_gives_a_built_in_agenda(eks: Eks, template: str) -> None:
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", "--skabelon", template, cwd=eks.root)
    assert done.code == 0, done.stderr
    new = _meeting(_written(done.stdout, eks.root))
    assert new.agenda[1].topic == "Rammesætning af læringssamtalen" and new.title.startswith("Læringssamtale")
    assert sum(item.minutes.minutes for item in new.agenda) == 180
    assert len([a for a in new.agreements if a.is_open]) == 4  # carried over as before


def test_titel_wins_and_start_is_kept_unless_given(eks: Eks) -> None:
    eks.edit(MEETING_2025, 'start: "13:00"', "start: kl. 9")
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", "--titel", "Læringssamtalen i maj", cwd=eks.root)
    assert done.code == 0, done.stderr
    path = _written(done.stdout, eks.root)
    assert path.name == "2026-05-11-laeringssamtalen-i-maj.yaml"
    new = _meeting(path)
    assert new.title == "Læringssamtalen i maj" and new.start == dt.time(9, 0)
    again = samtale("new", "læringssamtale", "--dato", "18/5 2026", "--start", "10.30", cwd=eks.root)
    assert _meeting(_written(again.stdout, eks.root)).start == dt.time(10, 30)


def test_the_year_in_a_title_moves_on_only_when_it_is_the_meetings() -> None:
    from samtale_cli.new.meeting import _year_on

    assert _year_on("Læringssamtale 2025", 2025, 2026) == "Læringssamtale 2026"
    assert _year_on("Forløb 2024-2025", 2025, 2026) == "Forløb 2024-2025"
    assert _year_on("Læringssamtale 2030-planen", 2025, 2026) == "Læringssamtale 2030-planen"
    assert _year_on("Læringssamtale", 2025, 2026) == "Læringssamtale"


def test_comments_above_sections_survive_and_flow_items_lose_their_minutes(eks: Eks) -> None:
    """The person's comment above a section comes along; an item written on one line
    ({...}) with a referat is written without it; dates in the agenda's texts and in
    the parts' titles are text and do not stand in the way of check."""
    eks.edit(MEETING_2025, "dagsorden:\n", "# Vores egen dagsorden; den bruger vi hvert år.\ndagsorden:\n")
    eks.edit(MEETING_2025, "  - emne: Tak for i dag\n    del: ledelse\n    minutter: 10 min\n    ansvarlig: [dagtilbudsleder]\n",
             "  - {emne: Tak for i dag 12/5 2025, del: ledelse, minutter: 10, ansvarlig: [dagtilbudsleder], "
             "referat: 'Tak, og på gensyn 11/5 2026.'}\n")
    eks.edit(MEETING_2025, "    titel: Den samlede deltagerkreds\n", "    titel: Den samlede deltagerkreds 12/5 2025\n")
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", cwd=eks.root)
    assert done.code == 0, done.stderr
    path = _written(done.stdout, eks.root)
    text = path.read_text(encoding="utf-8")
    assert "# Vores egen dagsorden; den bruger vi hvert år.\ndagsorden:\n" in text
    new = _meeting(path)
    assert new.agenda[-1].topic == "Tak for i dag 12/5 2025" and new.agenda[-1].minutes_text is None
    assert "på gensyn" not in text
    assert new.parts[0].title == "Den samlede deltagerkreds 12/5 2025"
    assert samtale("check", path, cwd=eks.root).code == 0


def test_data_paths_follow_the_new_file_and_departments_follow_samtale_yaml(eks: Eks) -> None:
    """-o puts the meeting elsewhere: a data file is still found; a department added to
    samtale.yaml gets a place for its leader; one taken out of it is no error."""
    eks.edit(MEETING_2025, "    kilde: Afdelingerne\n",
             "    kilde: Afdelingerne\n  - titel: Tilsyn\n    fil: data/opsamling-tilsyn-2024.md\n")
    eks.edit("samtale.yaml", "  - Børnehuset Frydenlund\n", "  - Børnehuset Solsikken\n")
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", "-o", "arkiv/2026.yaml", cwd=eks.root)
    assert done.code == 0, done.stderr
    assert "Malene Riiss afdeling 'Børnehuset Frydenlund' står ikke i samtale.yaml" in done.stderr
    path = eks.root / "arkiv" / "2026.yaml"
    new = _meeting(path)
    assert [d.file for d in new.data if d.title == "Tilsyn"] == ["../laeringssamtaler/data/opsamling-tilsyn-2024.md"]
    assert new.data[-1].file == "../" + MEETING_2025
    solsikken = [p for p in new.participants if p.department == "Børnehuset Solsikken"]
    assert [(p.name, p.role) for p in solsikken] == [("Navn på pædagogisk leder i Børnehuset Solsikken (udfyldes)",
                                                      "pædagogisk leder")]
    assert next(p for p in new.participants if p.name == "Malene Riis").department is None
    check = samtale("check", path, cwd=eks.root)
    assert check.code == 0 and {code for *_r, code in check.findings} == {"S801"}, check.stdout


def test_the_first_meeting_of_a_new_workspace_has_the_standard_agenda(tmp_path: Path) -> None:
    assert samtale("init", "ws", "--dagtilbud", "Dagtilbud Vest", "--afdeling", "Børnehuset Haven", "--no-git",
                   cwd=tmp_path).code == 0
    ws = tmp_path / "ws"
    done = samtale("new", "læringssamtale", "--dato", "13/5 2024", cwd=ws)
    assert done.code == 0, done.stderr
    first = _meeting(_written(done.stdout, ws))
    assert first.agenda[1].topic == "Rammesætning af læringssamtalen"
    # the year after starts from it, with the comments new wrote above its sections
    done = samtale("new", "læringssamtale", "--dato", "12/5 2025", cwd=ws)
    assert done.code == 0, done.stderr
    path = _written(done.stdout, ws)
    assert _meeting(path).agenda == first.agenda
    assert "# Hvad hver rolle gør på mødet.\nroller:\n" in path.read_text(encoding="utf-8")
    assert samtale("check", cwd=ws).code == 0


# --------------------------------------------------------------- the latest meeting, fast


def _plain(ws: Workspace, before: dt.date | None) -> Path | None:
    """The latest meeting by loading every file (what check would read)."""
    found = []
    for folder, dirs, names in os.walk(ws.root / "laeringssamtaler"):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # as check: no hidden folders
        for name in names:
            path = Path(folder, name)
            if name.endswith((".yaml", ".yml")) and isinstance((model := read(path, name).model), Meeting) and (
                    before is None or model.date < before):
                found.append((model.date, name, path))
    return max(found)[2].resolve() if found else None


def _misnamed(eks: Eks) -> Workspace:
    """The examples with meeting files named in every wrong way."""
    folder = eks.path("laeringssamtaler")
    text = eks.text(MEETING)
    dated = text.replace("dato: 2024-05-13", "dato: 2025-09-01")
    eks.write("laeringssamtaler/referat-efteraar.yaml", dated)  # no date in the name
    eks.write("laeringssamtaler/2025-13-45-kladde.yaml", text.replace("dato: 2024-05-13", "dato: 2025-08-01"))
    eks.write("laeringssamtaler/2026-01-05-ark.yaml", eks.text("afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13.yaml"))
    eks.write("laeringssamtaler/2026-02-02-i-stykker.yaml", text.replace("titel:", "titel: [", 1)
              .replace("dato: 2024-05-13", "dato: 2026-02-02"))
    eks.write("laeringssamtaler/2026-03-02-noter.yml", "noter: ikke et møde\n")
    (folder / "gammelt").mkdir()
    eks.write("laeringssamtaler/gammelt/2023-05-15-laeringssamtale.yaml", text.replace("dato: 2024-05-13", "dato: 2023-05-15"))
    (folder / "rundt").symlink_to(folder, target_is_directory=True)  # a loop: not followed
    (folder / ".skjult").mkdir()
    eks.write("laeringssamtaler/.skjult/2030-01-01-x.yaml", text.replace("dato: 2024-05-13", "dato: 2030-01-01"))
    ws = Workspace.around(eks.root)
    assert ws is not None
    return ws


DAYS = (None, dt.date(2026, 1, 1), dt.date(2025, 9, 1), dt.date(2025, 8, 2), dt.date(2025, 5, 13),
        dt.date(2025, 5, 12), dt.date(2024, 5, 13), dt.date(2023, 5, 16), dt.date(2023, 5, 15))


def test_the_candidate_search_finds_what_reading_every_file_finds(eks: Eks) -> None:
    """Files without a date in the name, with an impossible date, not meetings, broken,
    not YAML meetings at all, in a subfolder, and one whose name's date is not its own
    that the search reads on its way (then it reads every file): the same answer as
    loading every file, for every day."""
    ws = _misnamed(eks)
    eks.write("laeringssamtaler/2025-08-15-flyttet.yaml",
              eks.text(MEETING).replace("dato: 2024-05-13", "dato: 2025-08-20"))  # named for another day
    for before in DAYS:
        expected = _plain(ws, before)
        assert common.latest_meeting(ws, before) == expected, before
        found = common.find_latest_by_reading(ws, before)
        assert (found.path if found else None) == expected, before


def test_the_candidate_search_reads_only_the_newest_files(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of meetings named by their dates: the latest is found by loading one
    file (and the files whose names carry no date), not all of them."""
    text = eks.text(MEETING)
    day = dt.date(2024, 5, 10)
    for i in range(300):
        day -= dt.timedelta(days=1)
        eks.write(f"laeringssamtaler/{day.isoformat()}-m{i}.yaml", text.replace("dato: 2024-05-13", f"dato: {day}"))
    ws = _misnamed(eks)
    loaded: list[str] = []
    real = common.read
    monkeypatch.setattr(common, "read", lambda path, file, *a: loaded.append(path.name) or real(path, file, *a))
    for before in DAYS:
        loaded.clear()
        expected = _plain(ws, before)
        assert common.latest_meeting(ws, before) == expected, before
        assert len(loaded) <= 5, (before, loaded)  # the ones that are no meeting, and the answer


def test_a_meeting_named_for_an_older_day_counts_by_its_name(eks: Eks) -> None:
    """The limit of reading names only: a meeting whose file name says an older day than
    its dato, and that the search has no reason to open, counts by its name's day;
    check says so about the file (S803), so the name gets fixed."""
    eks.write("laeringssamtaler/2020-01-06-gammel.yaml", eks.text(MEETING).replace("dato: 2024-05-13", "dato: 2030-01-07"))
    ws = Workspace.around(eks.root)
    assert ws is not None
    assert common.latest_meeting(ws) == eks.path(MEETING_2025).resolve()
    found = common.find_latest_by_reading(ws)
    assert found is not None and found.path.name == "2020-01-06-gammel.yaml"
    check = samtale("check", eks.path("laeringssamtaler/2020-01-06-gammel.yaml"), cwd=eks.root)
    assert "S803" in {code for *_r, code in check.findings}


def test_new_does_not_read_the_other_files_of_the_workspace(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workspace discovery for new reads samtale.yaml and the meetings it needs, never
    walks the department folders."""
    from samtale_cli.check import discover

    walked: list[Path] = []
    real_walk = os.walk
    monkeypatch.setattr(os, "walk", lambda top, *a, **k: walked.append(Path(top)) or real_walk(top, *a, **k))
    monkeypatch.setattr(discover, "discover", lambda *a, **k: pytest.fail("discover() called by new"))
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", cwd=eks.root)
    assert done.code == 0, done.stderr
    assert walked == []


def test_texts_come_back_as_they_were_written(eks: Eks) -> None:
    """Blocks that keep or strip their last line break, a tab, spaces that only quotes
    keep: the same texts in the new meeting (a literal block ends in one line break)."""
    eks.edit(MEETING_2025, "formål: |\n", "formål: |+\n")
    eks.edit(MEETING_2025, "det kommende år.\n", "det kommende år.\n\n\n")
    eks.edit(MEETING_2025, "sted: Vuggestuen Kernehuset", "sted: 'Vuggestuen   Kernehuset  '")
    eks.edit(MEETING_2025, "      - Hvad udfordrer os stadig?",
             '      - "Hvad udfordrer os stadig?\\tMed tab"\n      - |-\n        To\n        linjer')
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", cwd=eks.root)
    assert done.code == 0, done.stderr
    path = _written(done.stdout, eks.root)
    before, new = _meeting(eks.path(MEETING_2025)), _meeting(path)
    assert new.place == "Vuggestuen   Kernehuset  " and new.purpose == before.purpose.rstrip("\n") + "\n"
    assert new.agenda[3].questions == ["Hvad lykkes vi med, og hvordan kan vi se det?", "Hvad udfordrer os stadig?\tMed tab",
                                       "To\nlinjer\n"]
    assert samtale("check", path, cwd=eks.root).code == 0


def test_a_value_the_writer_would_change_stops_new_before_it_writes(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard: the text is loaded again before it is written, and a copied value
    that did not come back the same stops new (exit 2) with what to do instead."""
    from samtale_cli.core import yamlout

    real = yamlout.text
    monkeypatch.setattr(yamlout, "text", lambda value, *a, **k: real(value, *a, **k).replace("Kernehuset", "Haven")
                        if isinstance(value, dict) and "sted" in value else real(value, *a, **k))
    before = sorted(eks.root.rglob("*"))
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", cwd=eks.root)
    assert done.code == 2 and "kunne ikke få 'sted' med" in done.stderr and "--skabelon standard" in done.stderr
    assert sorted(eks.root.rglob("*")) == before  # not even the schema file


def test_danish_dates_are_written_as_babel_writes_them() -> None:
    """core/dates writes "mandag den 13. maj 2024" without babel (its import is half of
    what new may take): the same text as babel's Danish locale, day by day."""
    from babel.dates import format_date

    day = dt.date(2023, 1, 1)
    for day in [*(day + dt.timedelta(days=n) for n in range(3 * 366)), dt.date(1900, 1, 1), dt.date(2200, 12, 31)]:
        assert v.format_date_short(day) == format_date(day, "d. MMMM y", locale="da")
        assert v.format_date_long(day) == format_date(day, "EEEE 'den' d. MMMM y", locale="da")
        assert v.format_date_weekday(day) == format_date(day, "EEEE d. MMMM y", locale="da")


def test_landmarks_of_several_lines_and_with_themes_stay_comments(eks: Eks) -> None:
    eks.edit(MEETING_2025, "  - Vi vil evaluere vores indsatser med data, så vi kan se, hvad der virker for børnene.\n",
             "  - |\n    Vi vil evaluere vores indsatser med data,\n    så vi kan se, hvad der virker.\n"
             "  - tekst: Sproget i hverdagen\n    temaer: [kommunikation og sprog]\n")
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", cwd=eks.root)
    assert done.code == 0, done.stderr
    path = _written(done.stdout, eks.root)
    text = path.read_text(encoding="utf-8")
    assert "#   3. Vi vil evaluere vores indsatser med data,\n# så vi kan se, hvad der virker.\n#   4. Sproget i hverdagen\n" in text
    assert _meeting(path).landmarks == [] and samtale("check", path, cwd=eks.root).code == 0


def test_texts_of_several_lines_stay_comments_in_a_new_sheet_and_plan(eks: Eks) -> None:
    """A pejlemærke over two lines in the sheet's comment, a point over two lines in the
    plan's: each line a comment (one '#' line was followed by bare text: Y005)."""
    eks.edit(MEETING_2025, "  - Vi vil evaluere vores indsatser med data, så vi kan se, hvad der virker for børnene.\n",
             "  - |\n    Vi vil evaluere vores indsatser med data,\n    så vi kan se, hvad der virker.\n")
    sheet = samtale("new", "opmærksomhedspunkter", "--afdeling", "ovenpå", "--læringssamtale", MEETING_2025,
                    cwd=eks.root)
    assert sheet.code == 0, sheet.stderr
    written = eks.root / "afdelinger" / "boernehuset-ovenpaa" / "opmaerksomhedspunkter-2025-05-12.yaml"
    assert "#   - Vi vil evaluere vores indsatser med data,\n# så vi kan se, hvad der virker.\n" in written.read_text(encoding="utf-8")
    text = written.read_text(encoding="utf-8")
    first = text.index("punkter:")
    eks.write(str(written.relative_to(eks.root)), text[:first] + "punkter:\n  - |\n    Et punkt\n    over to linjer\n  - Et andet\n  - Et tredje\n")
    plan = samtale("new", "indsats", "--afdeling", "ovenpå", "--titel", "Sprog", cwd=eks.root)
    assert plan.code == 0, plan.stderr
    assert "  #   1. Et punkt\n  # over to linjer\n" in _written(plan.stdout, eks.root).read_text(encoding="utf-8")
    done = samtale("check", cwd=eks.root)
    assert "Y005" not in done.stdout + done.stderr, done.stdout
