"""samtale_cli.api: each function on the examples, and the same answer as the command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, MEETING, PLAN, SHEET_DERUDA, SRC, Eks, samtale
from samtale_cli import api
from samtale_cli.core.errors import SamtaleError


def test_importing_the_api_loads_nothing_of_the_package() -> None:
    """``import samtale_cli.api`` stays cheap: no pydantic, no YAML, none of the layers."""
    code = ("import sys, samtale_cli.api; "
            "print(sorted(m for m in sys.modules if m.startswith(('samtale_cli.', 'pydantic', 'ruamel'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC)})
    assert done.stdout.strip() == "['samtale_cli.api']"


def test_check_the_examples_finds_nothing() -> None:
    assert api.check([EXAMPLES], cwd=EXAMPLES) == []


def test_check_gives_the_findings_the_command_prints(eks: Eks) -> None:
    eks.edit(PLAN, "type: indsats\n", "type: indsats\nukendt: 1\n")
    found = api.check([eks.root], cwd=eks.root)
    assert found and [d.format() for d in found] == samtale("check", cwd=eks.root).stdout.splitlines()
    assert found == api.check([str(eks.root)], cwd=str(eks.root), jobs=None)


def test_load_gives_the_model_of_each_kind() -> None:
    meeting = api.load(EXAMPLES / MEETING)
    assert meeting.type == "læringssamtale" and meeting.date == dt.date(2024, 5, 13)
    assert api.load(EXAMPLES / PLAN).type == "indsats"
    assert api.load(str(EXAMPLES / SHEET_DERUDA)).type == "opmærksomhedspunkter"


def test_load_gives_the_findings_of_a_broken_file(eks: Eks) -> None:
    eks.edit(PLAN, "type: indsats\n", "type: indsats\n  - [\n")
    found = api.load(eks.path(PLAN))
    assert isinstance(found, list) and any(d.is_error for d in found)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_is_what_the_command_writes(fmt: str) -> None:
    text = api.render(EXAMPLES / MEETING, "dagsorden", fmt, today=dt.date.today())
    done = samtale("render", MEETING, "--dokument", "dagsorden", "--format", fmt, cwd=EXAMPLES)
    assert done.code == 0 and isinstance(text, str)
    assert text == done.stdout


def test_render_defaults_and_refusals() -> None:
    assert api.render(EXAMPLES / PLAN, fmt="md") == api.render(EXAMPLES / PLAN, "indsatsplan", "md")
    with pytest.raises(SamtaleError, match="kan ikke laves som 'indsatsplan'"):
        api.render(EXAMPLES / MEETING, "indsatsplan", "md")
    with pytest.raises(SamtaleError, match="Ukendt format 'xml'"):
        api.render(EXAMPLES / MEETING, None, "xml")


def test_import_word_reads_back_what_render_wrote(tmp_path: Path, eks: Eks) -> None:
    (tmp_path / "word").mkdir()
    word = tmp_path / "word" / "indsatsplan.docx"
    data = api.render(eks.path(PLAN), "indsatsplan", "docx")
    assert isinstance(data, bytes)
    word.write_bytes(data)
    text = api.import_word(word)
    assert "type: indsats\n" in text
    assert [p.name for p in word.parent.iterdir()] == ["indsatsplan.docx"]  # nothing written beside it
    written = api.import_word(word, cwd=eks.root, output=eks.path("ny.yaml"))
    assert eks.text("ny.yaml") == written
    assert api.check([eks.path("ny.yaml")], cwd=eks.root) == []
    with pytest.raises(SamtaleError):
        api.import_word(word, cwd=eks.root, output=eks.path("ny.yaml"))
