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

import importlib.util
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, samtale
from samtale_cli.check.workspace import find_workspace
from samtale_cli.core import kinds


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"word_{name}", Path(__file__).parent / "word" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


plans = _load("plans")
sheets = _load("sheets")
CASES = [(kinds.PLAN, b) for b in plans.LAYOUTS] + [(kinds.SHEET, b) for b in sheets.LAYOUTS]


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def field(model: Any, path: str) -> Any:
    """The value at 'faser[1].milepæle[0].dato' (None when it is not there)."""
    value = model
    for name, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", path):
        if not isinstance(value, dict) or name not in value:
            return None
        value = value[name]
        if index:
            if not isinstance(value, list) or int(index) >= len(value):
                return None
            value = value[int(index)]
    return value


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
    return expected, _yaml(text), result.stdout + result.stderr + "\n" + text, root, target


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
