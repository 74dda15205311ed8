"""``samtale eksport`` (CLI.md "Municipality"): versioned JSON Lines, one record per fact
with a unique stable id; the same bytes for the same files; docs/eksport.schema.json
validates every record; ``--minimér`` leaves out every participant's name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, MEETING, REPO, SHEET_DERUDA, Eks, samtale
from samtale_cli.reports.export import RECORD_TYPES, export_schema, export_workspace

SCHEMA = REPO / "docs" / "eksport.schema.json"


def _lines(text: str) -> tuple[dict, list[dict]]:
    first, *rest = (json.loads(line) for line in text.splitlines())
    return first, rest


def _names() -> set[str]:
    """Every participant's and referent's name in the examples, and their first names."""
    import re

    names = set()
    for path in (EXAMPLES / "laeringssamtaler").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        names.update(n.strip() for n in re.findall(r"^\s*- navn: (.+)$", text, re.M))
        names.update(n.strip() for n in re.findall(r"^referent: (\w.+)$", text, re.M))
    return names | {n.split()[0] for n in names}


def test_the_first_line_is_the_version_then_one_record_per_fact() -> None:
    text, recs, _ = export_workspace(EXAMPLES)
    first, rest = _lines(text)
    assert list(first)[0] == "samtale_eksport_version" and first["samtale_eksport_version"] == 1
    assert first["dagtilbud"] == "Dagtilbud Vest" and first["minimeret"] is False
    assert rest == recs and len({r["id"] for r in rest}) == len(rest)
    assert {r["type"] for r in rest} == set(RECORD_TYPES) - {"fund"}
    assert first["poster"]["aftale"] == sum(r["type"] == "aftale" for r in rest) == 8
    meeting = next(r for r in rest if r["id"] == MEETING)
    assert meeting["type"] == "laeringssamtale" and meeting["dato"] == "2024-05-13"
    agreement = next(r for r in rest if r["id"] == f"{MEETING}#/aftaler/0")
    assert agreement["moede"] == MEETING and agreement["status"] in ("åben", "i gang", "udført", "droppet")


def test_the_same_files_give_the_same_bytes(tmp_path: Path) -> None:
    """Also from another copy in another place: ids and paths are the workspace's own."""
    shutil.copytree(EXAMPLES, tmp_path / "kopi")
    once = export_workspace(EXAMPLES, minimise=True)[0]
    assert export_workspace(EXAMPLES, minimise=True)[0] == once
    assert export_workspace(tmp_path / "kopi", minimise=True)[0] == once


def test_the_schema_file_is_made_from_the_record_types() -> None:
    """docs/eksport.schema.json is :func:`export_schema`; rewrite it after a change."""
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == export_schema()


@pytest.mark.parametrize("minimise", [False, True])
def test_the_schema_validates_every_record(eks: Eks, minimise: bool) -> None:
    eks.edit(MEETING, "\n  - Vi vil udvikle på handlekompetencerne",
             "\n  - temaer: [Kommunikation og sprog]\n    tekst: Vi vil udvikle på handlekompetencerne")
    eks.edit(SHEET_DERUDA, "afdeling: Børnehuset Derudá", "afdeling: Børnehuset Derude")  # a finding record
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")),
                                                format_checker=jsonschema.FormatChecker())
    text, recs, _ = export_workspace(eks.root, minimise=minimise)
    for record in recs:
        assert list(validator.iter_errors(record)) == [], record["id"]
    assert any(r["type"] == "fund" and r["kode"] == "W301" for r in recs)
    assert not any(r["fil"] == SHEET_DERUDA and r["type"] != "fund" for r in recs)  # a file with errors: no facts
    themed = next(r for r in recs if r["type"] == "pejlemaerke" and r["temaer"])
    assert themed["temaer"] == ["kommunikation og sprog"]  # the curriculum's spelling


def test_minimised_holds_no_participant_name() -> None:
    names = _names()
    assert len(names) > 40 and "Merete Juhl" in names
    plain = export_workspace(EXAMPLES)[0]
    assert "Merete Juhl" in plain
    text, recs, _ = export_workspace(EXAMPLES, minimise=True)
    import re

    found = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
    assert found == []
    assert all(r["navn"] is None for r in recs if r["type"] == "deltager")
    assert all(r["beslutninger"] is None for r in recs if r["type"] == "laeringssamtale")
    named = next(r for r in recs if r["type"] == "aftale" and "dagtilbudsleder" in r["ansvarlig"] and "konsulent" in r["ansvarlig"])
    assert named  # 'ansvarlig: [konsulent, Karen]' is two roles


def test_the_command_writes_a_file_and_will_not_replace_another(tmp_path: Path) -> None:
    out = tmp_path / "eksport.jsonl"
    done = samtale("eksport", EXAMPLES, "-o", out, "--minimér")
    assert done.code == 0, done.stderr
    assert out.read_text(encoding="utf-8") == export_workspace(EXAMPLES, minimise=True)[0]
    assert samtale("eksport", EXAMPLES, "-o", out).code == 0  # its own file is replaced
    foreign = tmp_path / "andet.jsonl"
    foreign.write_text("{}\n", encoding="utf-8")
    done = samtale("eksport", EXAMPLES, "-o", foreign)
    assert done.code == 2 and "ikke lavet af samtale" in done.stderr and foreign.read_text() == "{}\n"


def test_a_file_with_errors_is_exit_1_and_its_findings_are_records(eks: Eks) -> None:
    eks.edit(SHEET_DERUDA, "afdeling: Børnehuset Derudá", "afdeling: Børnehuset Derude")
    done = samtale("eksport", eks.root)
    assert done.code == 1 and "W301" in done.stderr
    _first, recs = _lines(done.stdout)
    assert [r["kode"] for r in recs if r["type"] == "fund"] == ["W301"]
