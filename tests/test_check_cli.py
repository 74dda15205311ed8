"""`samtale check` through the real command line: output, sorting, exit codes, hostile input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_FILES, EXAMPLES, HOSTILE, MEETING, PLAN, SHEET_DERUDA, SRC, WORKSPACE, Eks, examples, mutate, parsed, samtale, swapped
from samtale_cli.check.runs import check
from samtale_cli.cli.main import app

# ----------------------------------------------------------------- exit codes and output

def test_examples_clean() -> None:
    done = samtale("check", "eksempler", cwd=EXAMPLES.parent)
    assert (done.code, done.stdout) == (0, "")
    assert done.stderr.strip() == "Ingen fund."


def test_errors_exit_1_with_exact_lines(eks: Eks) -> None:
    eks.edit(MEETING, "    minutter: 120", "    minutter: 110")
    eks.edit(MEETING, "referent: Jonas Gregersen", "referent: Jonas Jensen")
    done = samtale("check", cwd=eks.root)
    assert done.code == 1
    assert done.stdout.splitlines() == [
        f"{MEETING}:39:15: fejl [A101]: Punkterne i delen 'plenum' varer 120 min, men delen har 110 min.",
        f"{MEETING}:447:11: advarsel [P202]: Referenten 'Jonas Jensen' står ikke blandt deltagerne.",
    ]
    assert done.stderr.startswith("1 fejl, 1 advars")


def test_summary_line_one_warning(eks: Eks) -> None:
    eks.edit(MEETING, "referent: Jonas Gregersen", "referent: Jonas Jensen")
    done = samtale("check", cwd=eks.root)
    assert done.stderr.strip() == "0 fejl, 1 advarsel."


def test_single_file_argument(eks: Eks) -> None:
    eks.edit(PLAN, "dato: 23/8 2021", "dato: 31/6 2021")
    done = samtale("check", PLAN, cwd=eks.root)
    assert done.code == 1
    assert parsed(done.stdout) == [(PLAN, 55, 15, "fejl", "F020")]


def test_missing_path_exits_2(eks: Eks) -> None:
    done = samtale("check", "findes-ikke.yaml", cwd=eks.root)
    assert (done.code, done.stdout) == (2, "")
    assert "'findes-ikke.yaml' findes ikke" in done.stderr


def test_missing_path_among_good_ones_exits_2(eks: Eks) -> None:
    done = samtale("check", MEETING, "nope", cwd=eks.root)
    assert done.code == 2
    assert "findes ikke" in done.stderr


def test_neither_file_nor_folder_exits_2(tmp_path: Path) -> None:
    fifo = tmp_path / "rør.yaml"
    os.mkfifo(fifo)
    done = samtale("check", fifo.name, cwd=tmp_path)
    assert done.code == 2
    assert "hverken en fil eller en mappe" in done.stderr


ENGLISH_USAGE = re.compile(
    r"\b(No such|Did you mean|Missing|Invalid|Got unexpected|requires|does not take|not one of|Usage|Error|Try|"
    r"option|command|value)\b"
)
COMMANDS = [c.name for c in app.registered_commands]  # every command of the app, as the help lists them


@pytest.mark.parametrize("args, danish", [
    (["check", "--bogus"], "Tilvalget --bogus findes ikke"),
    (["check", "--strct"], "Mente du --strict?"),
    (["check", "--format", "xml"], "Ugyldig værdi for '--format'"),
    (["chek"], "Kommandoen 'chek' findes ikke. Mente du 'check' eller 'schema'?"),
    (["rendr", "."], "Mente du 'render' eller 'kalender'?"),
    (["render"], "Argumentet 'STI' mangler"),
    (["render", "a", "b"], "Uventet ekstra argument: b"),
    (["kalender"], "Tilvalget '-o' / '--output' mangler"),
    (["new", "--dato"], "Tilvalget '--dato' skal have en værdi"),
    (["check", "--strict=ja"], "Tilvalget '--strict' tager ingen værdi"),
    (["init", "--afdeling", "A"], "Tilvalget '--dagtilbud' mangler"),
])
def test_usage_errors_exit_2_in_danish(eks: Eks, args: list[str], danish: str) -> None:
    done = samtale(*args, cwd=eks.root)
    assert done.code == 2
    assert danish in done.stderr
    assert not ENGLISH_USAGE.search(done.stderr), done.stderr
    command = args[0] if args[0] in COMMANDS else None
    assert done.stderr.splitlines()[-1] == f"Prøv 'samtale{' ' + command if command else ''} --help' for hjælp."


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("bad", [["--ukendt"], ["--format", "xml"], ["a", "b", "c", "d"], ["--dato"], ["-o"]])
def test_every_command_answers_bad_usage_in_danish(eks: Eks, command: str, bad: list[str]) -> None:
    """Whatever the parser meets, the answer is Danish; never a word of click's English."""
    done = samtale(command, *bad, cwd=eks.root)
    assert done.code in (1, 2)
    assert done.stderr.startswith("samtale: ") or done.code == 1
    assert not ENGLISH_USAGE.search(done.stderr), done.stderr


def test_a_date_option_takes_a_date_with_a_space_unquoted(tmp_path: Path) -> None:
    """The README's own 'samtale new læringssamtale --dato 13/5 2025' failed with the
    English 'Got unexpected extra argument(s) (2025)'."""
    done = samtale("new", "læringssamtale", "--dato", "13/5", "2025", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert done.stdout.startswith("2025-05-13-")
    done = samtale("new", "indsats", "--afdeling", "A", "--dato=1/9", "2025", "--titel", "x", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert "start: 2025-09-01" in (tmp_path / "indsats-x.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [[], ["check"], ["render"], ["new"], ["init"], ["schema"], ["oversigt"], ["kalender"]])
def test_every_help_is_danish_plain_text(eks: Eks, command: list[str]) -> None:
    """No English from typer or click, no Python types, no markup left in the text."""
    done = samtale(*command, "--help", cwd=eks.root)
    assert done.code == 0
    text = done.stdout
    assert text.startswith("Brug: ")
    assert "Tilvalg:" in text and "Vis denne hjælp og afslut." in text
    for english in ("Usage", "Options", "Commands", "Arguments", "[OPTIONS]", "COMMAND", "default:", "required",
                    "Show this message", "<str>", "<path>", "list[", "{", "[bold]", "[/]", "..."):
        if english == "..." and command in ([], ["check"], ["kalender"]):
            continue  # "[STI]..." and "KOMMANDO [ARGUMENTER]..." are meant
        assert english not in text, (english, text)


def test_help_is_danish(eks: Eks) -> None:
    done = samtale("check", "--help", cwd=eks.root)
    assert done.code == 0
    assert "Tilvalg" in done.stdout and "Vis denne hjælp" in done.stdout
    assert "--strict" in done.stdout and "--format" in done.stdout
    assert "Show this message" not in done.stdout


def test_json_format(eks: Eks) -> None:
    eks.edit(MEETING, "    minutter: 120", "    minutter: 130")
    eks.edit(PLAN, "start: 15/6 2021", "start: 10/6 2021")
    done = samtale("check", "--format", "json", cwd=eks.root)
    assert done.code == 1
    rows = json.loads(done.stdout)
    assert isinstance(rows, list) and len(rows) == 2
    for row in rows:
        assert set(row) == {"fil", "linje", "kolonne", "niveau", "kode", "besked"}
        assert isinstance(row["linje"], int) and isinstance(row["kolonne"], int)
        assert row["niveau"] in ("fejl", "advarsel")
    assert [(r["fil"], r["linje"], r["kolonne"], r["niveau"], r["kode"]) for r in rows] == [
        (PLAN, 48, 12, "fejl", "T602"),
        (MEETING, 39, 15, "advarsel", "A102"),
    ]
    assert "æ" in done.stdout or "ø" in done.stdout or "å" in done.stdout  # not \\u-escaped
    assert rows == [d.as_json() for d in check([eks.root], eks.root)]


def test_json_clean_is_empty_list(eks: Eks) -> None:
    done = samtale("check", "--format", "json", cwd=eks.root)
    assert done.code == 0
    assert json.loads(done.stdout) == []


def test_strict_turns_warnings_into_exit_1(eks: Eks) -> None:
    eks.edit(PLAN, "dato: 23/8 2021", "dato: 21/8 2021")  # a Saturday: warning only
    plain = samtale("check", cwd=eks.root)
    assert plain.code == 0
    assert parsed(plain.stdout) == [(PLAN, 55, 15, "advarsel", "T605")]
    strict = samtale("check", "--strict", cwd=eks.root)
    assert strict.code == 1
    assert strict.stdout == plain.stdout


def test_strict_on_clean_files_exits_0(eks: Eks) -> None:
    assert samtale("check", "--strict", cwd=eks.root).code == 0


def test_sorted_by_file_then_line(eks: Eks) -> None:
    eks.edit(SHEET_DERUDA, "afdeling: Børnehuset Derudá", "afdeling: Børnehuset Bakken")
    eks.edit(PLAN, "dato: 23/8 2021", "dato: 21/8 2021")
    eks.edit(PLAN, "start: 15/6 2021", "start: 17/6 2021")
    eks.edit(MEETING, "referent: Jonas Gregersen", "referent: Jonas Jensen")
    eks.edit(MEETING, "sted: Børnehuset Haven", "sted: 010203-1234")
    eks.edit(WORKSPACE, "dagtilbud: Dagtilbud Vest", "dagtilbud: Dagtilbud Vest # 020304-1234")
    done = samtale("check", cwd=eks.root)
    assert (done.code, done.stderr.strip()) == (1, "3 fejl, 3 advarsler.")
    rows = parsed(done.stdout)
    assert [(f, ln, code) for f, ln, _c, _lv, code in rows] == [
        (SHEET_DERUDA, 4, "W301"),
        (PLAN, 48, "T603"), (PLAN, 55, "T605"),
        (MEETING, 8, "C701"), (MEETING, 447, "P202"),
        (WORKSPACE, 2, "C701"),
    ]
    assert rows == sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def test_no_path_in_a_subfolder_checks_the_whole_workspace(eks: Eks) -> None:
    eks.edit(MEETING, "referent: Jonas Gregersen", "referent: Jonas Jensen")
    eks.edit(PLAN, "dato: 23/8 2021", "dato: 31/6 2021")
    sub = eks.path("afdelinger/boernehuset-deruda")
    done = samtale("check", cwd=sub)
    assert done.code == 1
    assert parsed(done.stdout) == [
        ("../../" + MEETING, 447, 11, "advarsel", "P202"),
        ("../vuggestuen-kernehuset/indsats-smaa-boernegrupper.yaml", 55, 15, "fejl", "F020"),
    ]


def test_no_path_outside_a_workspace_checks_the_samtale_files_of_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("type: indsats\n", encoding="utf-8")
    (tmp_path / "under").mkdir()
    (tmp_path / "under" / "b.yml").write_text("\ufefftype: 'opmaerksomhedspunkter'\n", encoding="utf-8")
    (tmp_path / "under" / "c.yml").write_text("type: ukendt\n", encoding="utf-8")  # not samtale's
    (tmp_path / "docker-compose.yml").write_text("services: {web: {image: x}}\n", encoding="utf-8")
    (tmp_path / "noter.txt").write_text("type: [\n", encoding="utf-8")
    done = samtale("check", cwd=tmp_path)
    assert done.code == 1
    assert [(f, code) for f, _l, _c, _lv, code in parsed(done.stdout)] == [
        ("a.yaml", "F011"), ("a.yaml", "F011"), ("a.yaml", "F011"),
        ("under/b.yml", "F011"), ("under/b.yml", "F011"), ("under/b.yml", "F011"),
    ]
    assert samtale("check", "under/c.yml", cwd=tmp_path).code == 1  # a file named on the line is read


def _project_with_a_venv(root: Path) -> None:
    """What a user's folder looked like: a venv with other packages' YAML, CI files."""
    site = root / ".venv" / "lib" / "python3.11" / "site-packages" / "pkg"
    site.mkdir(parents=True)
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (site / "config.yaml").write_text("type: indsats\nkey: value\n", encoding="utf-8")
    venv2 = root / "venv" / "lib" / "site-packages"
    venv2.mkdir(parents=True)
    (root / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (venv2 / "x.yaml").write_text("type: indsats\n", encoding="utf-8")
    (root / "node_modules" / "p").mkdir(parents=True)
    (root / "node_modules" / "p" / "x.yml").write_text("type: indsats\n", encoding="utf-8")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Noget andet\n", encoding="utf-8")


def test_hostile_files_outside_a_workspace_are_only_sniffed(tmp_path: Path) -> None:
    """Outside a workspace only files that say 'type: ...' are read: the hostile ones
    that do are refused with their code, the others are not read at all."""
    for name, (raw, _code, _word) in HOSTILE.items():
        (tmp_path / f"{name}.yaml").write_bytes(raw)
    done = samtale("check", ".", cwd=tmp_path)
    said_type = {f"{n}.yaml" for n, (raw, _c, _w) in HOSTILE.items() if raw.startswith(b"type: ")}
    assert {f for f, *_rest in done.findings} == said_type


def test_a_folder_without_samtale_files_is_a_usage_error(tmp_path: Path) -> None:
    """Before: check read every YAML file below it, the venv included, and reported
    other packages' files, some in English."""
    _project_with_a_venv(tmp_path)
    for args in ([], ["."]):
        done = samtale("check", *args, cwd=tmp_path)
        assert done.code == 2 and done.stdout == ""
        assert "ikke en arbejdsmappe" in done.stderr and "samtale init" in done.stderr


def test_a_workspace_never_descends_into_other_programs_folders(eks: Eks) -> None:
    """(Inside a workspace every other YAML file is read: one without 'type' is F002.)"""
    _project_with_a_venv(eks.root)
    (eks.root / "mkdocs.yml").unlink()
    done = samtale("check", cwd=eks.root)
    assert (done.code, done.stdout) == (0, "")


def test_hidden_and_rendered_folders_are_skipped(eks: Eks) -> None:
    for folder in (".git", "_site", "afdelinger/.skjult"):
        eks.path(folder).mkdir(parents=True, exist_ok=True)
        eks.path(folder, ).joinpath("x.yaml").write_text("type: [\n", encoding="utf-8")
    eks.path(".pre-commit-config.yaml").write_text("repos: [\n", encoding="utf-8")
    done = samtale("check", cwd=eks.root)
    assert (done.code, done.stdout) == (0, "")


def test_same_file_twice_is_reported_once(eks: Eks) -> None:
    eks.edit(PLAN, "dato: 23/8 2021", "dato: 21/8 2021")
    done = samtale("check", PLAN, "./" + PLAN, "afdelinger", cwd=eks.root)
    assert parsed(done.stdout) == [(PLAN, 55, 15, "advarsel", "T605")]


# ----------------------------------------------------------------- hostile input

def test_hostile_files_exit_1_without_traceback(tmp_path: Path) -> None:
    hostile = HOSTILE
    (tmp_path / WORKSPACE).write_bytes((EXAMPLES / WORKSPACE).read_bytes())  # a workspace reads every YAML file
    folder = tmp_path / "ondt"
    folder.mkdir()
    for name, (raw, _code, _word) in hostile.items():
        (folder / f"{name}.yaml").write_bytes(raw.replace(b"touch PWNED", f"touch {tmp_path}/PWNED".encode()))
    done = samtale("check", "ondt", cwd=tmp_path)
    assert done.code == 1
    rows = parsed(done.stdout)
    assert sorted((f, code) for f, _l, _c, _lv, code in rows) == sorted(
        (f"ondt/{name}.yaml", code) for name, (_raw, code, _word) in hostile.items()
    )
    assert all(level == "fejl" for _f, _l, _c, level, _code in rows)
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("name", ["billion-laughs"])
def test_hostile_file_alone_json(tmp_path: Path, name: str) -> None:
    raw, code, _word = HOSTILE[name]
    (tmp_path / "x.yaml").write_bytes(raw)
    done = samtale("check", "x.yaml", "--format", "json", cwd=tmp_path)
    assert done.code == 1
    [row] = json.loads(done.stdout)
    assert (row["fil"], row["kode"], row["niveau"]) == ("x.yaml", code, "fejl")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
def test_fifo_and_endless_device_named_yaml_are_refused_at_once(tmp_path: Path) -> None:
    """Reading either would block forever or fill the memory."""
    os.mkfifo(tmp_path / "rør.yaml")
    (tmp_path / "nul.yaml").symlink_to("/dev/zero")
    done = samtale("check", ".", cwd=tmp_path, process=True)  # the helper's timeout fails a hang
    assert done.code == 1
    assert parsed(done.stdout) == [("nul.yaml", 1, 1, "fejl", "Y016"), ("rør.yaml", 1, 1, "fejl", "Y012")]
    assert "ikke en almindelig fil" in done.stdout and "fører uden for mappen" in done.stdout


def test_year_9999_is_an_error_not_an_overflow(tmp_path: Path) -> None:
    """A phase ending on 9999-12-31 made render and kalender overflow (found by hand)."""
    (tmp_path / "indsats.yaml").write_text(
        "type: indsats\ntitel: x\nafdeling: A\nmål: [a]\nfaser:\n"
        "  - navn: F1\n    start: 9999-12-01\n    slut: 9999-12-31\n",
        encoding="utf-8",
    )
    done = samtale("check", ".", cwd=tmp_path)
    assert parsed(done.stdout) == [("indsats.yaml", 7, 12, "fejl", "F020"), ("indsats.yaml", 8, 11, "fejl", "F020")]
    assert "året skal ligge mellem 1900 og 2200" in done.stdout
    for args in (["render", "indsats.yaml", "-o", "ud.html"], ["kalender", ".", "-o", "k.ics"], ["oversigt", "."]):
        samtale(*args, cwd=tmp_path)  # the helper fails on "intern fejl" and tracebacks


# ----------------------------------------------------------------- mutations through the CLI

@settings(max_examples=examples(5), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_examples_through_the_cli(scratch_workspace: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(EXAMPLE_FILES))
    mutated = mutate((EXAMPLES / rel).read_text(encoding="utf-8"), data)
    with swapped(scratch_workspace, rel, mutated.encode("utf-8", "surrogatepass")):
        done = samtale("check", "--format", "json", cwd=scratch_workspace)
    assert done.code in (0, 1, 2)
    assert done.code != 2, done.stderr  # a broken file is a finding, not a usage error
    rows = json.loads(done.stdout)
    has_error = any(r["niveau"] == "fejl" for r in rows)
    assert done.code == (1 if has_error else 0)


@pytest.mark.parametrize("args", [[], [MEETING], ["--format", "json"], ["--strict", PLAN], ["--format=json", "--strict"]])
def test_the_fast_path_is_the_same_check_without_the_parser(eks: Eks, args: list[str]) -> None:
    """A plain 'samtale check' (the commit hook's) runs without loading typer and gives
    exactly what the full command line gives."""
    eks.edit(MEETING, "    minutter: 120", "    minutter: 110")
    eks.edit(PLAN, "dato: 23/8 2021", "dato: 21/8 2021")
    fast = samtale("check", *args, cwd=eks.root, process=True)
    full = samtale("check", *args, "--", cwd=eks.root, process=True)  # '--' takes the parser's road
    assert (fast.code, fast.stdout, fast.stderr) == (full.code, full.stdout, full.stderr)
    assert fast.code == 1
    probe = (
        "import sys\n"
        f"sys.argv = ['samtale', 'check', *{[str(a) for a in args]!r}]\n"
        "from samtale_cli.cli import entry\n"
        "def stay(code):\n    raise SystemExit(code)\n"
        "entry._leave = stay  # the fast path leaves without a teardown; stay to look at the modules\n"
        "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'jinja2', 'rich'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=eks.root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC)})
    assert done.stderr.splitlines()[-1] == "[]"


def test_anything_else_goes_to_the_parser(eks: Eks) -> None:
    done = samtale("check", "--strikt", cwd=eks.root, process=True)
    assert done.code == 2 and "Mente du --strict?" in done.stderr
    assert "Brug: samtale check" in samtale("check", "--help", cwd=eks.root, process=True).stdout


@pytest.mark.parametrize("typed", [
    "laeringssamtaler/2025-05-12-læringssamtale-2025-opfoelgning.yaml",  # æ typed where the file name has ae
    "laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yml",
    "laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning",
])
def test_a_path_on_the_command_line_that_does_not_exist_gets_a_suggestion(typed: str) -> None:
    """A new user's trial: 'findes ikke' on the command line, where the same slip inside a
    file gets 'Mente du'."""
    done = samtale("check", typed, cwd=EXAMPLES)
    assert done.code == 2
    assert "Mente du 'laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml'?" in done.stderr
