"""'samtale import' of agendas and minutes laid out as municipalities lay them out
(tests/word/layouts.py): section rows, time columns "Kl."/"Tidspunkt"/"Tid", a prose
date/time/place line, participants with role and department, "Afbud:", and the blank
attention-point form at the end. Each layout's model is compared field by field; the
recovery rate over the corpus is printed (``pytest -s``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, samtale
from samtale_cli.core.errors import ParseError
from samtale_cli.core.values import parse_duration
from word.common import field, load, plain_yaml

layouts = load("layouts")

# Fields a layout cannot give because the document does not hold them.
NOT_IN_DOCUMENT = {"læringsfokus", "rolle"}  # rolle: "Afbud: Navn" gives no role



def wanted(model: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return field(model, value[1:])
    return value


def imported(build: Any, tmp_path: Path) -> tuple[Any, Any, str]:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    source = tmp_path / f"{build.__name__}.docx"
    expected = build(source)
    target = root / "laeringssamtaler" / f"{build.__name__}.yaml"
    result = samtale("import", source, "-o", target, cwd=root)
    text = target.read_text(encoding="utf-8")
    return expected, plain_yaml(text), result.stdout + result.stderr + "\n" + text


def minutes(value: Any) -> Any:
    """'ca. 35 min', '2 t', 120 -> 35, 120, 120 (as check reads them)."""
    try:
        return parse_duration(str(value)).minutes
    except ParseError:
        return value


def compare(expected: dict[str, Any], model: Any) -> list[str]:
    wrong = []
    for path, value in expected.items():
        got, want = field(model, path), wanted(model, value)
        if path.endswith("minutter") and got is not None:
            got = minutes(got)
        if str(got).strip() != str(want).strip() or (got is None and want is not None):
            wrong.append(f"{path}: {got!r} != {want!r}")
    return wrong


@pytest.mark.parametrize("build", layouts.LAYOUTS, ids=lambda b: b.__name__)
def test_layout_gives_its_model(build: Any, tmp_path: Path) -> None:
    expected, model, output = imported(build, tmp_path)
    assert model["type"] == "læringssamtale"
    assert compare(expected, model) == []
    assert "stod ikke i Word-dokumentet" not in output or "minutter: stod ikke" not in output


@pytest.mark.parametrize("build", layouts.LAYOUTS, ids=lambda b: b.__name__)
def test_layout_passes_check_but_for_what_it_lacks(build: Any, tmp_path: Path) -> None:
    _, _, output = imported(build, tmp_path)
    errors = [line for line in output.splitlines() if ": fejl [" in line]
    lacking = [e for e in errors if any(f"'{name}' mangler" in e for name in NOT_IN_DOCUMENT)]
    assert errors == lacking


def test_recovery_rate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    total = found = 0
    for build in layouts.LAYOUTS:
        expected, model, _ = imported(build, tmp_path / build.__name__)
        total += len(expected)
        found += len(expected) - len(compare(expected, model))
    with capsys.disabled():
        print(f"\nWord-layouts: {found}/{total} fields recovered ({100 * found / total:.0f} %)")
    assert found == total


def test_what_was_there_is_never_called_missing(tmp_path: Path) -> None:
    """A time cell "Efter behov" and participants as a phrase: kept as comments where
    they stood; no comment says they were not in the Word document."""
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    source = tmp_path / "unreadable.docx"
    layouts.unreadable(source)
    target = root / "laeringssamtaler" / "unreadable.yaml"
    samtale("import", source, "-o", target, cwd=root)
    text = target.read_text(encoding="utf-8")
    assert "# Tid: Efter behov" in text
    assert "Alle ledere og fyrtårne fra husene" in text
    assert "stod ikke i Word-dokumentet" not in text
    assert "fandtes ikke i Word-dokumentet" not in text


def test_odd_tables_are_read_without_a_crash(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    source = tmp_path / "odd.docx"
    layouts.odd_tables(source)
    target = root / "laeringssamtaler" / "odd.yaml"
    result = samtale("import", source, "-o", target, cwd=root)  # no "intern fejl", no traceback
    model = plain_yaml(target.read_text(encoding="utf-8"))
    parts = [p["del"] for p in model["tidsramme"]]
    assert len(parts) == len(set(parts)), result.stderr
    absent = {p["navn"]: p for p in model["deltagere"]}
    assert absent["Tina Brask"]["rolle"] == "pædagog"
    assert absent["Tina Brask"]["afdeling"] == "Børnehuset Haven"
    assert absent["Ulla Kragh"]["fremmøde"] == "afbud"
    text = target.read_text(encoding="utf-8")
    assert "# minutter: kun starttiden kl. 08:30 stod i Word-dokumentet" in text
    assert "minutter: stod ikke i Word-dokumentet" not in text


@pytest.mark.parametrize(("topic", "left", "minutes"), [
    ("Velkomst (10 min.)", "Velkomst", 10),
    ("Pause (ca. 1 t)", "Pause", 60),
    ("Ting (1½ time)", "Ting", 90),
    ("Data fra tilsynet (2024)", "Data fra tilsynet (2024)", None),  # a year is no duration
    ("Data (LIS 2024)", "Data (LIS 2024)", None),
    ("(10 min)", "(10 min)", None),  # no topic left
])
def test_minutes_in_the_topic(topic: str, left: str, minutes: int | None) -> None:
    from samtale_cli.wordin.agenda import topic_duration

    text, found = topic_duration(topic)
    assert (text, found.minutes if found else None) == (left, minutes)


def test_a_sentence_ending_in_a_colon_is_kept(tmp_path: Path) -> None:
    """Only a short plain line ("Deltagere:") opens a section; a sentence ending in ':'
    that begins with a section's word is text, not lost as a heading."""
    import docx

    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    source = tmp_path / "colon.docx"
    document = docx.Document()
    document.add_heading("Læringssamtale", level=1)
    document.add_paragraph("Formål:")
    document.add_paragraph("Formål med dagen er at se på følgende:")
    document.add_paragraph("Børnenes trivsel", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ("Tid", "Emne", "10 min", "Velkomst")):
        cell.text = text
    document.save(source)
    target = root / "laeringssamtaler" / "colon.yaml"
    samtale("import", source, "-o", target, cwd=root)
    text = target.read_text(encoding="utf-8")
    assert "Formål med dagen er at se på følgende:" in text
    assert plain_yaml(text)["formål"].startswith("Formål med dagen")


@pytest.mark.parametrize(("line", "who"), [
    ("Hanne og Tove", ["Hanne", "Tove"]),
    ("Hanne, Tove & Line", ["Hanne", "Tove", "Line"]),
    ("Hanne + Line", ["Hanne", "Line"]),
    ("Hanne/Line", ["Hanne", "Line"]),
    ("Dagtilbudsleder og BU-chef", ["Dagtilbudsleder", "BU-chef"]),
    ("Børn og unge-chef", ["Børn og unge-chef"]),  # one role, never split at its 'og'
    ("Faciliteres af konsulent", ["konsulent"]),
    ("De pædagogiske ledere", ["pædagogisk leder"]),
    ("alle", ["alle"]),
])
def test_responsible_as_people_write_it(line: str, who: list[str]) -> None:
    from samtale_cli.wordin.agenda import responsible_of

    assert responsible_of(line)[0] == who


@pytest.mark.parametrize(("line", "topic", "minutes"), [
    ("10 min. Dagtilbudsleder præsenterer data", "Dagtilbudsleder præsenterer data", 10),
    ("Ca. 20 min: Analyse i grupper", "Analyse i grupper", 20),
    ("Egenrefleksion 5 min:", "Egenrefleksion", 5),
    ("1 time Dialog", "Dialog", 60),
    ("5 minutters pause", None, None),  # a phrase, not a sub-item's minutes
    ("Dagtilbudsleder byder velkommen", None, None),
])
def test_a_sub_item_with_its_minutes_in_the_content_cell(line: str, topic: str | None, minutes: int | None) -> None:
    from samtale_cli.wordin.agenda import lead_duration

    found = lead_duration(line)
    assert (found[0], found[1].minutes) == (topic, minutes) if found else (topic, minutes) == (None, None)
