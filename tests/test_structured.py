"""Structure-aware property tests: the example documents with random subtrees replaced.

Byte-level mutation (test_loader, fuzz/) mostly breaks the YAML; here the YAML stays
valid and the *values* go wrong: edge dates, negative and huge numbers, empty lists,
markup, template syntax, wrong types, missing and unknown keys. Every such document
must go through check without an exception and with every finding inside the file; a
document without errors must render as Markdown and HTML, and go into the overview
and the calendar, without an exception and without letting markup through.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MEETING, PLAN, SHEET_DERUDA, examples, swapped
from samtale_cli.core.kinds import kind_of
from samtale_cli.out.html import Renderer
from samtale_cli.reports.calendar import calendar_bytes, calendar_part, source_date_epoch
from samtale_cli.check.loader import load_path
from samtale_cli.reports.overview import overview, overview_facts
from samtale_cli.check.runs import run

EDGE_TEXT = [
    "", " ", "0", "-5", "35", "ca. 35 min", "1 t 30 min", "1440", "1441", "ca. 0 min",
    "13:00", "kl. 9", "23:59", "24:00", "25:61", "4 uger", "0 uger", "1 måned", "12 måneder", "hver dag",
    "2024-05-13", "2024-02-29", "2023-02-29", "1900-01-01", "2200-12-31", "1899-12-31", "31/12 2200",
    "13/5 2024", "13.05.2024", "13-05-2024", "010203-1234", "dagtilbudsleder", "konsulent", "BU-chef",
    "Vuggestuen Kernehuset", "Børnehuset Derudá", "plenum", "ledelse", "../../etc/passwd", "/etc/passwd",
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "**fed** [link](javascript:alert(1))",
    "| a | b |\n|---|---|", "æøå ÆØÅ", "\u202eomvendt", "a\nb\n\nc", "# overskrift", "læringssamtale",
    "indsats", "opmærksomhedspunkter", "true", "null",
]
KEYS = ["emne", "minutter", "ansvarlig", "del", "navn", "rolle", "afdeling", "dato", "start", "slut",
        "titel", "hver", "første", "punkter", "ukendt_nøgle", "fil", "obligatorisk", "pause"]
LEAF = st.one_of(
    st.sampled_from(EDGE_TEXT),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
)
VALUE = st.one_of(
    LEAF,
    st.lists(LEAF, max_size=4),
    st.dictionaries(st.sampled_from(KEYS), LEAF, max_size=3),
)
SCRIPT = "<script>alert(1)</script>"


def paths(data: Any, prefix: tuple = ()) -> Iterator[tuple]:
    """Every path into ``data`` (keys of mappings, indices of lists)."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from paths(value, (*prefix, key))


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(paths(data))))
        *parent_path, last = path
        parent = data
        for step in parent_path:
            parent = parent[step]
        op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "duplicate", "empty"]))
        if op == "replace":
            parent[last] = draw(VALUE)
        elif op == "delete":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif op == "empty":
            parent[last] = [] if isinstance(parent[last], list) else {} if isinstance(parent[last], dict) else ""
        if not list(paths(data)):
            break
    return data


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("struct") / "eks"
    shutil.copytree(EXAMPLES, root)
    return root


def _base(rel: str) -> Any:
    return load_path(EXAMPLES / rel, rel).data


BASES = {rel: _base(rel) for rel in (MEETING, PLAN, SHEET_DERUDA)}
RENDERER = Renderer(today=dt.date(2021, 9, 1))


def _exercise(workspace: Path, rel: str, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)  # JSON is YAML
    with swapped(workspace, rel, text.encode("utf-8")) as path:
        result = run([path], workspace, documents=True)
        lines = text.count("\n") + 1
        for d in result.findings:
            assert d.file != rel or (1 <= d.line <= lines and d.col >= 1), d
        for checked in result.documents:
            for document in kind_of(checked.model).renderings:
                for fmt in ("md", "html"):
                    out = RENDERER.render(checked, document, fmt)
                    if fmt == "html":
                        assert SCRIPT not in out
        calendar_bytes(result.briefly(calendar_part, (workspace, source_date_epoch())).documents, workspace)
        overview(run([path.parent], workspace, documents=True).briefly(overview_facts), workspace, None,
                 dt.date(2021, 9, 1))


STRUCTURED = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@STRUCTURED
@given(data=mutated(BASES[MEETING]))
def test_mutated_meeting(workspace: Path, data: Any) -> None:
    _exercise(workspace, MEETING, data)


@STRUCTURED
@given(data=mutated(BASES[PLAN]))
def test_mutated_plan(workspace: Path, data: Any) -> None:
    _exercise(workspace, PLAN, data)


@STRUCTURED
@given(data=mutated(BASES[SHEET_DERUDA]))
def test_mutated_sheet(workspace: Path, data: Any) -> None:
    _exercise(workspace, SHEET_DERUDA, data)


def test_the_workspace_copy_is_restored(workspace: Path) -> None:
    for rel in BASES:
        assert (workspace / rel).read_bytes() == (EXAMPLES / rel).read_bytes()
