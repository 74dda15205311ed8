"""'samtale import' of action plans and attention-point sheets laid out as municipalities
lay them out (tests/word/plans.py, tests/word/sheets.py): phase tables by row and by
column with dates, milestones and recurring meetings in prose, the plan's questions in
Word's list styles (English and Danish names), by numbering and by typed bullets,
"Fremmer:"/"Hæmmer:" answers under one question, sheets as tables, headings and lists.
Each layout's model is compared field by field; the recovery rate per layout and over
the corpus is printed (``pytest -s``); every imported file passes ``check`` without an
error in the example workspace (which has the layouts' departments).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, samtale
from samtale_cli.check.workspace import find_workspace
from samtale_cli.core import kinds
from word.common import field, load, plain_yaml


plans = load("plans")
sheets = load("sheets")
CASES = [(kinds.PLAN, b) for b in plans.LAYOUTS] + [(kinds.SHEET, b) for b in sheets.LAYOUTS]


def compare(expected: dict[str, Any], model: Any) -> list[str]:
    wrong = []
    for path, want in expected.items():
        got = field(model, path)
        if (got is None) != (want is None) or str(got).strip() != str(want).strip():
            wrong.append(f"{path}: {got!r} != {want!r}")
    return wrong


def imported(kind: kinds.Kind, build: Any, tmp_path: Path) -> tuple[dict[str, Any], Any, str, Path, Path]:
    """Build the layout, import it into a copy of the example workspace, in the folder
    of the department the layout names (the other helper's importer places files; -o
    keeps this test to the readers)."""
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    source = tmp_path / f"{build.__name__}.docx"
    expected = build(source)
    ws = find_workspace(root)
    folder = kind.path(ws.root, department=expected["afdeling"], title="x", date=None).parent
    target = folder / f"{build.__name__}.yaml"
    result = samtale("import", source, "-o", target, cwd=root)
    text = target.read_text(encoding="utf-8")
    return expected, plain_yaml(text), result.stdout + result.stderr + "\n" + text, root, target


@pytest.mark.parametrize(("kind", "build"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_layout_gives_its_model(kind: kinds.Kind, build: Any, tmp_path: Path) -> None:
    expected, model, output, _, _ = imported(kind, build, tmp_path)
    assert model["type"] == kind.name
    assert compare(expected, model) == [], output
    assert "stod ikke i Word-dokumentet" not in output, output


@pytest.mark.parametrize(("kind", "build"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_layout_passes_check(kind: kinds.Kind, build: Any, tmp_path: Path) -> None:
    _, _, _, root, target = imported(kind, build, tmp_path)
    result = samtale("check", target.relative_to(root), cwd=root)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ": fejl [" in line]
    assert errors == [], result.stdout + result.stderr


def test_recovery_rate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = found = 0
    rows = []
    for kind, build in CASES:
        expected, model, _, _, _ = imported(kind, build, tmp_path / build.__name__)
        right = len(expected) - len(compare(expected, model))
        rows.append(f"| {kind.name} | {build.__name__} | {right}/{len(expected)} | {100 * right / len(expected):.0f} % |")
        total += len(expected)
        found += right
    with capsys.disabled():
        print("\n| slags | layout | felter | genfundet |\n|---|---|---|---|\n" + "\n".join(rows))
        print(f"Planer og ark: {found}/{total} fields recovered ({100 * found / total:.0f} %)")
    assert found == total


# --- holes closed, each reproduced first ---------------------------------------------


def _plan(tmp_path: Path, *lines: str, table: list[tuple[str, ...]] | None = None) -> dict[Any, Any]:
    """The plan PlanReader makes of a document with these lines (and a table)."""
    import docx

    from samtale_cli.wordin.common import Source, read_docx
    from samtale_cli.wordin.plan import PlanReader

    document = docx.Document()
    document.add_heading("Indsatsplan: Prøve", level=1)
    for line in lines:
        style, _, text = line.rpartition("|")
        document.add_paragraph(text, style=style or None)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, texts in zip(grid.rows, table):
            for cell, text in zip(row.cells, texts):
                cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    _, blocks = read_docx(path)
    return PlanReader(Source(blocks, False), ["Væksthuset 8210"]).read()


def test_a_labelled_answer_is_not_lost_as_a_question(tmp_path: Path) -> None:
    """'– Fremmere: Stor sal.' under a numbered question started an empty section of
    its own: the answer vanished without a comment."""
    plan = _plan(tmp_path, "List Number|Hvad er fremmere og hvad er hæmmere?", "– Fremmere: Stor sal.",
                 "– Hæmmere: Få voksne.", "List Number|Hvad vil vi opnå?", "– Mere bevægelse.")
    assert plan["fremmere"] == ["Stor sal."] and plan["hæmmere"] == ["Få voksne."]
    assert plan["mål"] == ["Mere bevægelse."]


def test_a_phase_line_keeps_its_words_before_the_dates(tmp_path: Path) -> None:
    """'Fase 1: Vi måler støjen fra 1/8 til 30/9 2025' gave the dates and dropped the
    words (a character range '-–' in the pattern took every letter)."""
    plan = _plan(tmp_path, "List Bullet|Hvad vil vi opnå?", "List Bullet 2|Ro.",
                 "Fase 1: Vi måler støjen fra 1/8 til 30/9 2025")
    assert plan["faser"][0]["beskrivelse"].strip() == "Vi måler støjen"


def test_list_bullet_2_answers_stay_under_their_question(tmp_path: Path) -> None:
    """'List Bullet 2' answers read as level 0, siblings of the 'List Bullet' question:
    every answer became a comment."""
    plan = _plan(tmp_path, "List Bullet|Hvad vil vi opnå?", "List Bullet 2|Ro ved bordet.",
                 "List Bullet|Hvorfor vil vi opnå dette?", "List Bullet 2|Støj.")
    assert plan["mål"] == ["Ro ved bordet."] and plan["hvorfor"] == ["Støj."]


def test_a_phase_table_by_column_with_labels(tmp_path: Path) -> None:
    """A first column of labels ('Periode', 'Milepæle') was read as phases by row:
    phases named 'Periode' and 'Milepæle' without dates, which check refuses."""
    plan = _plan(tmp_path, "List Bullet|Hvad vil vi opnå?", "List Bullet 2|Ro.", table=[
        ("Fase", "Fase 1", "Fase 2"), ("Periode", "4/8 2025 - 31/10 2025", "3/11 2025 - 27/2 2026"),
        ("Milepæle", "P-møde 23/9 2025", "–")])
    assert [(p["navn"], str(p["start"]), str(p["slut"])) for p in plan["faser"]] == [
        ("Fase 1", "2025-08-04", "2025-10-31"), ("Fase 2", "2025-11-03", "2026-02-27")]
    assert plan["faser"][0]["milepæle"] == [{"dato": __import__("datetime").date(2025, 9, 23), "titel": "P-møde"}]


def test_a_later_phase_with_only_its_end_starts_where_the_last_ended(tmp_path: Path) -> None:
    """'tidsperspektiv 15/6 2025' for phase 2 gave no start, which check refuses for any
    phase but the first; the start is the previous phase's end, with a comment."""
    from samtale_cli.core.yamlout import Comment

    plan = _plan(tmp_path, "List Bullet|Hvad vil vi opnå?", "List Bullet 2|Ro.", table=[
        ("Tidsperspektiv for fase 1:\nAnalyse.\ntidsperspektiv 1/5 2025 – 15/6 2025",
         "Tidsperspektiv for fase 2:\nAfprøvning.\ntidsperspektiv 1/9 2025")])
    second = plan["faser"][1]
    assert str(second["start"]) == "2025-06-15" and str(second["slut"]) == "2025-09-01"
    assert any(isinstance(k, Comment) for k in second)


def test_a_period_with_an_impossible_date_is_kept_as_written(tmp_path: Path) -> None:
    """'31/2 2025 - 1/1 2025' gave slut 1/1 2025 and dropped the rest without a trace."""
    plan = _plan(tmp_path, "List Bullet|Hvad vil vi opnå?", "List Bullet 2|Ro.", table=[
        ("Fase", "Fase 1"), ("Periode", "31/2 2025 - 1/1 2025")])
    assert "31/2 2025 - 1/1 2025" in plan["faser"][0]["beskrivelse"]


def test_a_second_period_in_one_phase_is_kept(tmp_path: Path) -> None:
    """The seed's second column holds two periods ("fra 15/6 til 1/9 2021", then "fra
    1/9 til 31/12 2021"): the second overwrote the first, which was lost."""
    plan = _plan(tmp_path, "List Bullet|Hvad vil vi opnå?", "List Bullet 2|Ro.", table=[
        ("Tidsperspektiv for fase 2:\nØvebane.\nTidsperspektiv fra 15/6 til 1/9 2021\nNyt fokus.\n"
         "tidsperspektiv fra 1/9 til 31/12 2021",)])
    phase = plan["faser"][0]
    assert (str(phase["start"]), str(phase["slut"])) == ("2021-06-15", "2021-09-01")
    assert "tidsperspektiv fra 1/9 til 31/12 2021" in phase["beskrivelse"]
