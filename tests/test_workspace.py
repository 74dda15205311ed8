"""Tests for the workspace commands: init, new, schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
import icalendar
import jsonschema

from conftest import EXAMPLES, MEETING, PLAN, Eks, samtale
from samtale_cli.core import kinds
from samtale_cli.core.kinds import WORKSPACE_FILE
from samtale_cli.check.document import read
from samtale_cli.check.loader import load_text
from samtale_cli.check.runs import check
from samtale_cli.out.schema import schema_for
from samtale_cli.core.yamlout import quoted

HAS_GIT = shutil.which("git") is not None


def findings(path: Path) -> list[str]:
    return [d.format() for d in check([path], path)]


def beyond_placeholders(path: Path) -> list[str]:
    """The findings other than the placeholders that 'new' leaves to fill in (S801)."""
    found = check([path], path)
    assert any(d.code == "S801" for d in found), "no placeholder left by 'new'"
    return [d.format() for d in found if d.code != "S801"]


def written(stdout: str, cwd: Path) -> Path:
    return (cwd / stdout.strip().splitlines()[-1]).resolve()


@pytest.fixture
def new_ws(tmp_path: Path) -> Path:
    """A new, empty workspace made by 'samtale init'."""
    code, _out, err = samtale("init", "ws", "--dagtilbud", "Dagtilbud Vest",
        "--afdeling", "Børnehuset Derudá", "--afdeling", "Vuggestuen Kernehuset", "--no-git", cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "ws"


# ------------------------------------------------------------------ init


def test_init_layout(new_ws: Path) -> None:
    for rel in [
        "samtale.yaml", ".gitignore", ".pre-commit-config.yaml", ".vscode/settings.json",
        "laeringssamtaler", "afdelinger/boernehuset-deruda/.gitkeep", "afdelinger/vuggestuen-kernehuset/.gitkeep",
        ".samtale/schema/laeringssamtale.json", ".samtale/schema/opmaerksomhedspunkter.json",
        ".samtale/schema/indsats.json", ".samtale/schema/samtale.json",
    ]:
        assert (new_ws / rel).exists(), rel
    assert {"_site/", "*.pdf", "*.ics"} <= set((new_ws / ".gitignore").read_text().split())
    hook = (new_ws / ".pre-commit-config.yaml").read_text()
    assert "repo: local" in hook and "entry: samtale check" in hook and "language: system" in hook
    assert findings(new_ws) == []
    assert not (new_ws / ".git").exists()


def test_init_refuses_existing_workspace(new_ws: Path) -> None:
    before = (new_ws / "samtale.yaml").read_text()
    code, _out, err = samtale("init", ".", "--dagtilbud", "X", "--afdeling", "Y", cwd=new_ws)
    assert code == 2  # a refused write (docs/kommandoer.md)
    assert "allerede" in err
    assert (new_ws / "samtale.yaml").read_text() == before


def test_init_refuses_departments_with_same_folder(tmp_path: Path) -> None:
    code, _out, err = samtale("init", "ws", "--dagtilbud", "X", "--afdeling", "Børnehuset Ø", "--afdeling", "Børnehuset Oe",
        "--no-git", cwd=tmp_path)
    assert code == 2 and "samme mappe" in err
    assert not (tmp_path / "ws" / "samtale.yaml").exists()


# ------------------------------------------------------------------ life cycle


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=env).stdout


@pytest.mark.skipif(not HAS_GIT, reason="git er ikke installeret")
def test_life_cycle_with_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No git identity configured: init must still commit (as samtale <samtale@localhost>).
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    code, _out, err = samtale("init", "ws", "--dagtilbud", "Dagtilbud Vest", "--afdeling", "Børnehuset Haven", cwd=tmp_path)
    ws = tmp_path / "ws"
    assert code == 0, err
    assert _git(ws, "status", "--porcelain") == ""
    assert _git(ws, "log", "--format=%an <%ae>").strip() == "samtale <samtale@localhost>"

    meeting = ws / "laeringssamtaler"
    code, out, err = samtale("new", "læringssamtale", "--dato", "13/5 2024", cwd=meeting)
    assert code == 0, err
    code, out, err = samtale("new", "opmaerksomhedspunkter", "--afdeling", "børnehuset haven", cwd=ws)
    assert code == 0, err
    sheet = written(out, ws)
    assert sheet == ws / "afdelinger" / "boernehuset-haven" / "opmaerksomhedspunkter-2024-05-13.yaml"
    code, out, err = samtale("new", "indsats", "--afdeling", "Børnehuset Haven", "--dato", "2024-12-20", cwd=ws)
    assert code == 0, err
    assert beyond_placeholders(ws) == []
    code, _out, _err = samtale("check", cwd=ws)
    assert code == 0  # placeholders are warnings: the new files pass
    assert samtale("check", "--strict", cwd=ws).code == 1
    _git(ws, "add", "-A")
    _git(ws, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "nye filer")
    assert _git(ws, "status", "--porcelain") == ""


@pytest.mark.parametrize("kind", ["læringssamtale", "laeringssamtale"])
def test_new_meeting_in_workspace(new_ws: Path, kind: str) -> None:
    code, out, err = samtale("new", kind, "--dato", "2024-05-13", "--titel", "Forår 2024", cwd=new_ws / "afdelinger")
    assert code == 0, err
    path = written(out, new_ws / "afdelinger")
    assert path == new_ws / "laeringssamtaler" / "2024-05-13-foraar-2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../.samtale/schema/laeringssamtale.json"
    assert beyond_placeholders(new_ws) == []

    meeting = read(path, "x").model
    assert meeting.title == "Forår 2024"
    assert [(p.id, p.minutes.minutes) for p in meeting.parts] == [("plenum", 120), ("ledelse", 60)]
    assert meeting.start.isoformat() == "13:00:00"
    assert [d.title for d in meeting.data if d.mandatory] == [
        "Opsamling på det samlede tilsyn i dagtilbuddet", "Data fra samarbejdet med PPR",
    ]
    topics = [item.topic for item in meeting.agenda]
    assert topics[:4] == ["Velkomst", "Rammesætning af læringssamtalen", "Data", "Refleksion"]
    assert sum(i.minutes.minutes for i in meeting.agenda) == 180
    assert all(item.goals or item.pause or item.questions for item in meeting.agenda)
    leaders = {p.department for p in meeting.participants if p.role == "pædagogisk leder"}
    assert leaders == {"Børnehuset Derudá", "Vuggestuen Kernehuset"}
    roles = {p.role for p in meeting.participants}
    assert {"dagtilbudsleder", "børn og unge-chef", "konsulent"} <= roles


def test_new_all_types_outside_workspace(tmp_path: Path) -> None:
    code, out, err = samtale("new", "læringssamtale", "--afdeling", "Børnehuset Ø", cwd=tmp_path)
    assert code == 0, err
    meeting = written(out, tmp_path)
    assert "yaml-language-server" not in meeting.read_text(encoding="utf-8")
    code, out, err = samtale("new", "opmærksomhedspunkter", "--afdeling", "Børnehuset Ø",
        "--laeringssamtale", meeting.name, cwd=tmp_path)
    assert code == 0, err
    code, out, err = samtale("new", "indsats", "--afdeling", "Børnehuset Ø", "--titel", "Små grupper", cwd=tmp_path)
    assert code == 0, err
    assert written(out, tmp_path) == tmp_path / "indsats-smaa-grupper.yaml"
    assert len(list(tmp_path.glob("*.yaml"))) == 3
    assert beyond_placeholders(tmp_path) == []


def test_sheet_needs_department_and_meeting(tmp_path: Path) -> None:
    code, _out, err = samtale("new", "opmærksomhedspunkter", cwd=tmp_path)
    assert code == 2 and "--afdeling" in err
    code, _out, err = samtale("new", "opmærksomhedspunkter", "--afdeling", "A", cwd=tmp_path)
    assert code == 2 and "--læringssamtale" in err


def test_unknown_type_and_department(new_ws: Path) -> None:
    code, _out, err = samtale("new", "referat", cwd=new_ws)
    assert code == 2 and "Ukendt dokumenttype" in err
    code, _out, err = samtale("new", "indsats", "--afdeling", "Findes Ikke", cwd=new_ws)
    assert code == 2 and "samtale.yaml" in err


def test_a_misspelt_type_gets_mente_du(new_ws: Path) -> None:
    code, _out, err = samtale("new", "opmaerksomhedspunkt", cwd=new_ws)
    assert code == 2 and "Mente du 'opmærksomhedspunkter'?" in err


@pytest.mark.parametrize("start", ["2024-03-25", "2024-12-01", "2025-04-14", "2026-05-04"])
def test_plan_dates_avoid_days_off(tmp_path: Path, start: str) -> None:
    code, _out, err = samtale("new", "indsats", "--afdeling", "A", "--dato", start, cwd=tmp_path)
    assert code == 0, err
    assert findings(tmp_path) == []


# ------------------------------------------------------------------ safety


def test_never_overwrites_without_force(new_ws: Path) -> None:
    args = ("new", "indsats", "--afdeling", "Børnehuset Derudá", "--titel", "Små grupper")
    code, out, _err = samtale(*args, cwd=new_ws)
    assert code == 0
    path = written(out, new_ws)
    path.write_text("# min egen tekst\n", encoding="utf-8")
    code, _out, err = samtale(*args, cwd=new_ws)
    assert code == 2 and "--force" in err
    assert path.read_text(encoding="utf-8") == "# min egen tekst\n"
    code, _out, _err = samtale(*args, "--force", cwd=new_ws)
    assert code == 0
    assert "type: indsats" in path.read_text(encoding="utf-8")
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", ["læringssamtale", "opmærksomhedspunkter", "indsats"])
def test_refused_new_leaves_nothing_behind(eks: Eks, kind: str) -> None:
    """A refused 'new' (the file exists) must not write the schema file first."""
    existing = eks.root / "min-fil.yaml"
    existing.write_text("# min egen tekst\n", encoding="utf-8")
    before = sorted(eks.root.rglob("*"))
    code, _out, err = samtale("new", kind, "--afdeling", "Børnehuset Derudá", "-o", "min-fil.yaml", cwd=eks.root)
    assert code == 2 and "--force" in err
    assert sorted(eks.root.rglob("*")) == before
    assert existing.read_text(encoding="utf-8") == "# min egen tekst\n"


@pytest.mark.parametrize("evil", ["../../etc", "/abs", "..", "../../../tmp/x"])
def test_titles_and_departments_stay_inside(tmp_path: Path, evil: str) -> None:
    root = tmp_path / "a" / "b"
    root.mkdir(parents=True)
    before = set(tmp_path.rglob("*"))
    code, out, _err = samtale("new", "læringssamtale", "--titel", evil, cwd=root)
    assert code == 0
    code, out2, _err = samtale("new", "indsats", "--titel", evil, "--afdeling", "Afd " + evil, cwd=root)
    assert code == 0
    new = set(tmp_path.rglob("*")) - before
    assert new and all(p.parent == root for p in new)
    assert written(out, root).parent == root and written(out2, root).parent == root


def test_department_traversal_in_workspace(new_ws: Path) -> None:
    for evil in ("../../etc", "/abs"):
        code, _out, _err = samtale("new", "indsats", "--afdeling", evil, cwd=new_ws)
        assert code == 2
    assert not (new_ws.parent / "etc").exists()


def test_output_option(new_ws: Path) -> None:
    code, out, err = samtale("new", "læringssamtale", "-o", "laeringssamtaler/min.yaml", cwd=new_ws)
    assert code == 0, err
    path = new_ws / "laeringssamtaler" / "min.yaml"
    assert written(out, new_ws) == path
    code, out, err = samtale("new", "opmærksomhedspunkter", "--afdeling", "Vuggestuen Kernehuset",
        "--læringssamtale", "laeringssamtaler/min.yaml", "-o", "afdelinger/vuggestuen-kernehuset", cwd=new_ws)
    assert code == 0, err
    assert written(out, new_ws).parent == new_ws / "afdelinger" / "vuggestuen-kernehuset"
    assert beyond_placeholders(new_ws) == []


@pytest.mark.parametrize(("template", "title", "course"), [("standard", "Læringssamtale", False),
                                                          ("dagtilbud-for-alle", "Læringssamtale før forløb med Dagtilbud for alle", True)])
def test_new_meeting_templates_and_start(new_ws: Path, template: str, title: str, course: bool) -> None:
    """Before: 'new læringssamtale' always started at 13:00 and always wrote the course's
    agenda, its name in the file name."""
    code, out, err = samtale("new", "læringssamtale", "--dato", "2/10", "2025",
                             "--start", "9.00", "--skabelon", template, cwd=new_ws)
    assert code == 0, err
    path = written(out, new_ws)
    assert path.name == "2025-10-02-laeringssamtale.yaml"  # the date, not the course
    text = path.read_text(encoding="utf-8")
    assert ('start: "09:00"' in text) and (("Dagtilbud for alle" in text) is course)
    meeting = read(path, "x").model
    assert meeting.title == title and meeting.start.hour == 9
    assert sum(i.minutes.minutes for i in meeting.agenda) == 180
    assert beyond_placeholders(new_ws) == []


def test_placeholders_are_warnings_until_filled_in(new_ws: Path) -> None:
    code, out, _err = samtale("new", "opmærksomhedspunkter", "--afdeling", "Vuggestuen Kernehuset",
                              "--læringssamtale", written(samtale("new", "læringssamtale", cwd=new_ws).stdout, new_ws),
                              cwd=new_ws)
    sheet = written(out, new_ws)
    done = samtale("check", sheet, cwd=new_ws)
    assert done.code == 0
    placeholders = [row for row in done.findings if row[4] == "S801"]
    assert [row[1] for row in placeholders] == [n for n, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1)
                                                 if "(udfyldes)" in line and not line.lstrip().startswith("#")]
    text = sheet.read_text(encoding="utf-8")
    for n in (1, 2, 3):
        text = text.replace(f"Opmærksomhedspunkt {n} (udfyldes)", f"Et rigtigt punkt nr. {n}")
    sheet.write_text(text, encoding="utf-8")
    assert [row for row in samtale("check", sheet, cwd=new_ws).findings if row[0].endswith(sheet.name)] == []


def test_bad_start_is_a_usage_error(new_ws: Path) -> None:
    done = samtale("new", "læringssamtale", "--start", "25:00", cwd=new_ws)
    assert done.code == 2 and "--start" in done.stderr and "klokkeslæt" in done.stderr


def test_written_text_round_trips() -> None:
    """The one YAML writer's text (core/yamlout.quoted) reads back as the same text."""
    for text in ["Børnehuset Derudá", "13:00", "2024-05-13", "yes", "123", "a: b", "- x", "# x", "x #y", "'q'",
                 "true", "", " a", "null", "Væksthuset 8210", "ja\nnej"]:
        loaded = load_text(f"k: {quoted(text)}\n", "x")
        assert loaded.ok and loaded.data == {"k": text}, text


# ------------------------------------------------------------------ schema


def _validator(kind: str | None):
    schema = schema_for(kinds.kind_named(kind, workspace=True) if kind else None)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _load(path: Path):
    loaded = load_text(path.read_text(encoding="utf-8"), path.name)
    assert loaded.ok
    return loaded.data


def test_schema_validates_examples() -> None:
    everything = _validator(None)
    by_type = {k.name: _validator(k.name) for k in kinds.DOCUMENT_KINDS}
    files = sorted(EXAMPLES.rglob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        data = _load(path)
        if path.name == "samtale.yaml":
            assert list(_validator("samtale").iter_errors(data)) == [], path
            continue
        assert list(everything.iter_errors(data)) == [], path
        assert list(by_type[data["type"]].iter_errors(data)) == [], path


def test_schema_rejects_misspelt_key_and_accepts_ascii() -> None:
    data = _load(EXAMPLES / "afdelinger" / "vuggestuen-kernehuset" / "indsats-smaa-boernegrupper.yaml")
    plan = _validator("indsats")
    assert list(plan.iter_errors(data)) == []
    bad = json.loads(json.dumps(data))
    bad["faser"][0]["slutt"] = bad["faser"][0].pop("slut")
    assert list(plan.iter_errors(bad))
    assert list(_validator(None).iter_errors(bad))
    ascii_ = json.loads(json.dumps(data))
    ascii_["haemmere"] = ascii_.pop("hæmmere")
    ascii_["maal"] = ascii_.pop("mål")
    assert list(plan.iter_errors(ascii_)) == []
    schema = schema_for(kinds.PLAN)
    assert "haemmere" not in schema["properties"] and "hæmmere" in schema["properties"]
    assert all(p.get("description") for p in schema["properties"].values())


def test_numbers_in_free_text_pass_schema_and_check(eks: Eks) -> None:
    # A place given as a postcode, a number in a list of texts and a single number for a list.
    eks.edit(MEETING, "sted: Børnehuset Haven\n", "sted: 8210\n")
    eks.edit(PLAN, "hæmmere:\n", "hæmmere:\n  - 2025\n")
    eks.edit(PLAN, "      - titel: Stuemøde med evaluering af de små grupper\n", "      - titel: 12\n")
    eks.edit(WORKSPACE_FILE, "dagtilbud:", "roller: 42\ndagtilbud:")
    assert eks.findings() == []
    meeting, plan = _load(eks.path(MEETING)), _load(eks.path(PLAN))
    assert meeting["sted"] == 8210 and plan["hæmmere"][0] == 2025
    assert list(_validator("læringssamtale").iter_errors(meeting)) == []
    assert list(_validator("indsats").iter_errors(plan)) == []
    assert list(_validator(None).iter_errors(meeting)) == [] and list(_validator(None).iter_errors(plan)) == []
    assert list(_validator("samtale").iter_errors(_load(eks.path(WORKSPACE_FILE)))) == []


def _places(data: Any, at: tuple = ()) -> Iterator[tuple]:
    """The path of every value in ``data`` (not the top), lists and mappings included."""
    if at:
        yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _places(value, (*at, i))


def _replaced(data: Any, at: tuple, value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    node = copy
    for step in at[:-1]:
        node = node[step]
    node[at[-1]] = value
    return copy


@pytest.mark.parametrize("number", [35, 2.5])
def test_schema_takes_a_number_exactly_where_the_model_does(number: float) -> None:
    # Put a number in every place of every example file in turn: the schema must accept it
    # exactly where the model behind samtale check does (not bool fields with 0 or 1).
    from samtale_cli.check.document import build
    from samtale_cli.model import canonical_key

    validators = {True: _validator("samtale"), False: _validator(None)}
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        workspace = path.name == WORKSPACE_FILE
        validator = validators[workspace]
        loaded = load_text(path.read_text(encoding="utf-8"), path.name, rename_key=canonical_key)
        original = loaded.data
        seen: set[tuple] = set()
        for at in _places(original):
            kind_of_place = tuple("*" if isinstance(step, int) else step for step in at)
            if kind_of_place in seen:  # one agenda item's 'emne' stands for all of them
                continue
            seen.add(kind_of_place)
            loaded.data = _replaced(original, at, number)
            model, _problems = build(loaded, workspace=workspace)
            schema_ok = not list(validator.iter_errors(loaded.data))
            assert schema_ok == (model is not None), (path.name, at, number)


def test_schema_command(tmp_path: Path) -> None:
    code, out, _err = samtale("schema", cwd=tmp_path)
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert len(schema["oneOf"]) == 3
    code, _out, _err = samtale("schema", "opmaerksomhedspunkter", "-o", "s.json", cwd=tmp_path)
    assert code == 0
    assert "læringssamtale" in json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["properties"]
    code, _out, err = samtale("schema", "nej", cwd=tmp_path)
    assert code == 2 and "Ukendt" in err


def test_workspace_schemas_match_generator(new_ws: Path) -> None:
    stored = json.loads((new_ws / ".samtale" / "schema" / "indsats.json").read_text(encoding="utf-8"))
    assert stored == schema_for(kinds.PLAN)
    settings = json.loads((new_ws / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "samtale.yaml" in settings["yaml.schemas"].values()


@pytest.mark.parametrize("hooks_file", [EXAMPLES.parent / ".pre-commit-hooks.yaml", "init"])
def test_pre_commit_hook_entry_runs_check(hooks_file: Path | str, new_ws: Path, eks: Eks) -> None:
    """The hook that pre-commit runs (this repository's hook, and the one 'init' writes)
    is a samtale command that passes clean files and blocks a file with an error."""
    path = new_ws / ".pre-commit-config.yaml" if hooks_file == "init" else hooks_file
    data = load_text(path.read_text(encoding="utf-8"), path.name).data
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    [hook] = [h for h in hooks if h["id"] == "samtale-check"]
    program, *args = hook["entry"].split()
    assert program == "samtale" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "laeringssamtaler/2024-05-13-x.yaml")
    _git(eks.root, "init", "-q")
    _git(eks.root, "add", "-A")
    assert samtale(*args, cwd=eks.root).code == 0
    eks.edit(MEETING, "    minutter: 120", "    minutter: 100")
    assert samtale(*args, cwd=eks.root).code == 0  # not staged yet: not the commit's business
    _git(eks.root, "add", "-A")
    assert samtale(*args, cwd=eks.root).code == 1


if os.name == "nt":  # pragma: no cover
    pytestmark = pytest.mark.skip("POSIX paths in these tests")


# ------------------------------------------------------------------ oversigt, kalender


def test_overview_of_examples() -> None:
    code, out, err = samtale("oversigt", "--dato", "2022-03-01", "--format", "json", cwd=EXAMPLES)
    assert code == 0, err
    data = json.loads(out)
    depts = {d["navn"]: d for d in data["afdelinger"]}
    plan = depts["Vuggestuen Kernehuset"]["indsatser"][0]
    assert plan["fase"] == "Fase 3"
    assert plan["næste_møde"]["dato"] == "2022-03-07"
    code, out, err = samtale("oversigt", "--dato", "2024-06-01", "--format", "json", cwd=EXAMPLES)
    depts = {d["navn"]: d for d in json.loads(out)["afdelinger"]}
    assert depts["Børnehuset Haven"]["mangler_opmærksomhedspunkter"] is False  # the 2024 meeting's sheets
    assert depts["Børnehuset Ovenpå"]["mangler_opmærksomhedspunkter"] is True
    code, out, _err = samtale("oversigt", "--dato", "2021-08-01", cwd=EXAMPLES)
    assert code == 0 and "Fase 2" in out and "Næste milepæl: mandag 23. august 2021" in out
    code, out, _err = samtale("oversigt", "--dato", "2023-01-01", "--format", "json", cwd=EXAMPLES)
    plan = {d["navn"]: d for d in json.loads(out)["afdelinger"]}["Vuggestuen Kernehuset"]["indsatser"][0]
    assert plan["fase"] == "afsluttet" and plan["forfaldne"]


def test_calendar_of_examples(tmp_path: Path) -> None:
    target = tmp_path / "k.ics"
    code, _out, err = samtale("kalender", "-o", str(target), cwd=EXAMPLES)
    assert code == 0, err
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    summaries = [str(e["summary"]) for e in events]
    assert summaries.count("Vuggestuen Kernehuset: Stuemøde med evaluering af de små grupper") == 8
    meeting = next(e for e in events if str(e["summary"]).startswith("Læringssamtale"))
    assert meeting.decoded("dtend") - meeting.decoded("dtstart") == __import__("datetime").timedelta(hours=3)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    code, _out, _err = samtale("kalender", "-o", str(tmp_path / "k2.ics"), cwd=EXAMPLES)
    again = icalendar.Calendar.from_ical((tmp_path / "k2.ics").read_bytes())
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids


def _calendar(tmp_path: Path, name: str) -> bytes:
    target = tmp_path / name
    code, _out, err = samtale("kalender", "-o", str(target), cwd=EXAMPLES)
    assert code == 0, err
    return target.read_bytes()


def _dtstamps(data: bytes) -> set[bytes]:
    return {line.strip() for line in data.splitlines() if line.startswith(b"DTSTAMP")}


def test_calendar_is_byte_identical_between_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _calendar(tmp_path, "a.ics")
    # Let the clock pass a whole second, so a DTSTAMP taken from it would differ.
    second_done = int(time.time())
    while int(time.time()) <= second_done:
        time.sleep(0.05)
    again = _calendar(tmp_path, "b.ics")
    assert again == first
    assert _dtstamps(first) == {b"DTSTAMP:19700101T000000Z"}


@pytest.mark.parametrize(
    ("epoch", "stamp"),
    [("1715558400", b"DTSTAMP:20240513T000000Z"), ("1715600000", b"DTSTAMP:20240513T113320Z"),
     ("ikke et tal", b"DTSTAMP:19700101T000000Z"), ("", b"DTSTAMP:19700101T000000Z")],
)
def test_calendar_dtstamp_from_source_date_epoch(
    tmp_path: Path, epoch: str, stamp: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    data = _calendar(tmp_path, "k.ics")
    assert _dtstamps(data) == {stamp}


@pytest.mark.parametrize("written, outcome", [
    ("vesterbo", "afdelinger/boernehuset-vesterbo/"),  # one department holds the word
    ("Børnehuset Derrudå", "Mente du 'Børnehuset Derudá'?"),
    ("Børnehuset", "passer på flere afdelinger"),
    ("Solsikken", "Afdelingerne er: Børnehuset Derudá"),
])
def test_new_finds_the_department_as_people_write_it(eks: Eks, written: str, outcome: str) -> None:
    done = samtale("new", "indsats", "--afdeling", written, cwd=eks.root)
    assert outcome in (done.stdout + done.stderr)
    assert done.code == (0 if outcome.startswith("afdelinger/") else 2), done.stderr


def test_the_latest_meeting_found_quickly_is_the_one_a_full_read_finds(eks: Eks) -> None:
    """``new`` looks up each meeting's 'dato' in its first bytes and loads only the newest
    candidates: the answer is the one loading every file gives, also with a date written
    the Danish way, a meeting whose 'dato' is not at the top, a broken newest file and a
    file that is no meeting."""
    import datetime as dt

    from samtale_cli.check.workspace import Workspace
    from samtale_cli.model import Meeting
    from samtale_cli.new.common import latest_meeting

    folder = eks.path("laeringssamtaler")
    text = eks.text(MEETING)
    (folder / "a.yaml").write_text(text.replace("dato: 2024-05-13", "dato: 3/6 2025  # flyttet"), encoding="utf-8")
    moved = "\n".join(ln for ln in text.split("\n") if not ln.startswith("dato:")) + "\ndato: 1. august 2025\n"
    (folder / "b.yaml").write_text("# " + "x" * 9000 + "\n" + moved, encoding="utf-8")
    (folder / "c.yaml").write_text(text.replace("dato: 2024-05-13", "dato: 2030-01-01").replace("titel:", "titel: [", 1),
                                   encoding="utf-8")
    (folder / "d.yaml").write_text("type: indsats\ndato: 2031-01-01\n", encoding="utf-8")
    ws = Workspace.around(eks.root)

    def plain(before: dt.date | None) -> Path | None:
        found = [(doc.model.date, p.name, p) for p in sorted(folder.glob("*.yaml"))
                 if isinstance((doc := read(p, p.name)).model, Meeting) and (before is None or doc.model.date < before)]
        return max(found)[2] if found else None

    for before in (None, dt.date(2025, 8, 1), dt.date(2025, 6, 3), dt.date(2025, 5, 12), dt.date(2024, 5, 13)):
        assert latest_meeting(ws, before) == plain(before), before
    assert latest_meeting(ws) == folder / "b.yaml"
