"""The one pipeline: every command sees the same findings, skips the same files in the
same way, and knows one meaning of "the same department"."""

from __future__ import annotations

import json

from conftest import MEETING, PLAN, SHEET_DERUDA, SHEETS, Eks, parsed, samtale
from samtale_cli.check.checker import Brief, Usable
from samtale_cli.check.runs import run, survey
from samtale_cli.core.values import department_key

SKIPPED = "samtale: sprang over"


def _error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": fejl [" in line]


def test_render_of_a_workspace_with_a_broken_meeting_prints_what_check_prints(eks: Eks) -> None:
    """Before: render re-ran the checks per file and added three O502 echoes."""
    eks.edit(MEETING, "læringsfokus:", "laeringsfokuss:")  # an unknown key: no model
    check = samtale("check", cwd=eks.root)
    assert check.code == 1 and [c for *_r, c in check.findings] == ["F010"]  # one typo, one finding
    render = samtale("render", ".", "-o", "_site", cwd=eks.root)
    assert render.code == 1
    assert _error_lines(render.stderr) == check.stdout.splitlines()
    assert f"{SKIPPED} 1 fil med fejl og 3 filer, der henviser til en fil med fejl" in render.stderr
    assert not list((eks.root / "_site" / "laeringssamtaler").glob("2024-*"))
    assert list((eks.root / "_site" / "laeringssamtaler").glob("2025-*"))  # the other meeting is fine
    # its sheet needs the meeting (the department's history page is there all the same)
    assert not (eks.root / "_site" / "afdelinger" / "boernehuset-deruda" / "opmaerksomhedspunkter-2024-05-13.html").exists()
    assert (eks.root / "_site" / "afdelinger" / "vuggestuen-kernehuset" / "indsats-smaa-boernegrupper.html").is_file()


def test_a_sheet_checked_alone_says_its_meeting_cannot_be_read(eks: Eks) -> None:
    eks.edit(MEETING, "læringsfokus:", "laeringsfokuss:")
    done = samtale("check", SHEET_DERUDA, cwd=eks.root)
    assert [c for *_r, c in done.findings] == ["O502"]
    rendered = samtale("render", SHEET_DERUDA, cwd=eks.root)
    assert rendered.code == 1 and _error_lines(rendered.stderr) == done.stdout.splitlines()


def test_oversigt_and_kalender_skip_a_file_with_any_error(eks: Eks, tmp_path) -> None:
    """Before: a plan whose department is not in samtale.yaml (W301 in check) was still
    listed by oversigt, and kalender exited 0."""
    eks.edit(PLAN, "afdeling: Vuggestuen Kernehuset", "afdeling: Vuggestuen Kernehus")
    check = samtale("check", cwd=eks.root)
    assert [(f, c) for f, _l, _c, _lv, c in check.findings] == [(PLAN, "W301")]

    overview = samtale("oversigt", "--dato", "2022-03-01", "--format", "json", cwd=eks.root)
    assert overview.code == 1
    data = json.loads(overview.stdout)
    assert all(plan["fil"] != PLAN for d in data["afdelinger"] for plan in d["indsatser"])
    assert data["filer_med_fejl"] == [PLAN]
    assert _error_lines(overview.stderr) == check.stdout.splitlines()
    assert f"{SKIPPED} 1 fil med fejl" in overview.stderr

    ics = tmp_path / "k.ics"
    calendar = samtale("kalender", "-o", ics, cwd=eks.root)
    assert calendar.code == 1
    assert _error_lines(calendar.stderr) == check.stdout.splitlines()
    assert "Stuemøde med evaluering af de små grupper" not in ics.read_text(encoding="utf-8")
    assert b"L\xc3\xa6ringssamtale" in ics.read_bytes()


def test_skipped_files_are_the_same_for_every_command(eks: Eks, tmp_path) -> None:
    eks.edit(SHEETS[1], "punkter:", "punkter: []\nikke_punkter:")
    outputs = [
        samtale("render", ".", "-o", tmp_path / "site", cwd=eks.root),
        samtale("oversigt", cwd=eks.root),
        samtale("kalender", "-o", tmp_path / "k.ics", cwd=eks.root),
    ]
    check = samtale("check", cwd=eks.root)
    for done in outputs:
        assert done.code == 1
        assert _error_lines(done.stderr) == _error_lines(check.stdout)
        assert done.stderr.splitlines()[-1] == (
            "samtale: sprang over 1 fil med fejl; ret fejlene ovenfor (se også 'samtale check')."
        )


def test_one_meaning_of_the_same_department(eks: Eks) -> None:
    """Before: W301 compared one way (role_key), oversigt another (slugify), and they
    disagreed on 'Vuggestuen Kernehuset.'."""
    assert department_key("Vuggestuen Kernehuset.") == department_key("vuggestuen  kernehuset")
    assert department_key("Børnehuset Deruda") == department_key("Børnehuset Derudá")
    assert department_key("Vuggestuen Kernehuset") != department_key("Vuggestuen Kernehus")
    eks.edit(PLAN, "afdeling: Vuggestuen Kernehuset", "afdeling: Vuggestuen Kernehuset.")
    eks.edit(SHEETS[2], "afdeling: Vuggestuen Kernehuset", "afdeling: vuggestuen kernehuset.")
    assert samtale("check", cwd=eks.root).findings == []
    data = json.loads(samtale("oversigt", "--dato", "2024-06-01", "--format", "json", cwd=eks.root).stdout)
    departments = {d["navn"]: d for d in data["afdelinger"]}
    assert len(departments) == 9  # no tenth "Vuggestuen Kernehuset."
    assert departments["Vuggestuen Kernehuset"]["indsatser"][0]["fil"] == PLAN
    assert departments["Vuggestuen Kernehuset"]["mangler_opmærksomhedspunkter"] is False


def test_run_keeps_documents_in_order_and_reports_each_finding_once(eks: Eks) -> None:
    eks.edit(MEETING, "    minutter: 120", "    minutter: 110")
    result = run([eks.root, eks.root / MEETING], eks.root, documents=True)
    assert [(d.file, d.code) for d in result.findings] == [(MEETING, "A101")]
    assert [c.file for c in result.skipped] == [MEETING]
    names = [c.file for c in result.documents]
    assert names == sorted(names) and MEETING not in names and len(names) == 6
    assert parsed(samtale("check", ".", MEETING, cwd=eks.root).stdout) == [(MEETING, 39, 15, "fejl", "A101")]


def test_a_checked_file_and_its_brief_are_one_interface(eks: Eks) -> None:
    """Run.add, report_skipped and the reports take either: both are Usable, and a
    survey's briefs say what the documents of a run say."""
    whole = run([eks.root], eks.root, documents=True)
    briefs = survey([eks.root], eks.root, lambda checked, _context: checked.file, jobs=1)
    assert whole.documents and all(isinstance(c, Usable) for c in whole.documents)
    assert all(isinstance(b, Brief) and isinstance(b, Usable) for b in briefs.documents)
    assert [(b.path, b.file, b.usable) for b in briefs.documents] == [(c.path, c.file, c.usable) for c in whole.documents]
    assert [b.facts for b in briefs.documents] == [c.file for c in whole.documents]
    assert [Brief.of(c, lambda c: c.file) for c in whole.documents] == briefs.documents
