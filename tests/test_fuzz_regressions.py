"""Replay the fuzzing harness (fuzz/fuzz_check.py) without the fuzzer.

Runs the harness's own ``one_input`` on the seeds, on every input in
``fuzz/regressions/`` (crashes found by fuzzing or by hand, kept so they stay fixed),
and on a few kinds of junk. This also keeps the harness itself working: atheris is not
needed, a stand-in for it is used when it is not installed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO

FUZZ = REPO / "fuzz"
REGRESSIONS = sorted((FUZZ / "regressions").iterdir())


@pytest.fixture(scope="module")
def harness() -> Iterator[types.ModuleType]:
    """The harness module; a stand-in for atheris while it is imported when atheris is
    not installed (taken out of sys.modules again, so no other test sees it)."""
    stand_in = None
    if importlib.util.find_spec("atheris") is None:
        stand_in = types.ModuleType("atheris")
        stand_in.instrument_imports = lambda **_kw: contextlib.nullcontext()  # type: ignore[attr-defined]
        sys.modules["atheris"] = stand_in
    try:
        spec = importlib.util.spec_from_file_location("fuzz_check", FUZZ / "fuzz_check.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if stand_in is not None and sys.modules.get("atheris") is stand_in:
            del sys.modules["atheris"]
    yield module


def test_there_are_regression_inputs() -> None:
    assert REGRESSIONS, "fuzz/regressions/ is empty"


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_regression_input(harness: types.ModuleType, path: Path) -> None:
    harness.one_input(path.read_bytes())


def test_seeds_render(harness: types.ModuleType, tmp_path: Path) -> None:
    harness.seeds(tmp_path)
    seeds = sorted(tmp_path.iterdir())
    assert len(seeds) == len(harness.TARGETS)
    for seed in seeds:
        harness.one_input(seed.read_bytes())


@pytest.mark.parametrize("junk", [b"", b"\x00", b"\x01\xff\xfe", b"\x02" + b"[" * 5000, b"\x03&a [*a, *a]\n"])
def test_junk(harness: types.ModuleType, junk: bytes) -> None:
    harness.one_input(junk)


def test_the_harness_puts_every_file_back(harness: types.ModuleType) -> None:
    for rel, original in harness.ORIGINALS.items():
        assert (harness.WORK / rel).read_bytes() == original


def test_dictionary_is_libfuzzer_syntax(harness: types.ModuleType, tmp_path: Path) -> None:
    harness.dictionary(tmp_path / "d.dict")
    lines = (tmp_path / "d.dict").read_text(encoding="ascii").splitlines()
    assert '"dagsorden: "' in lines and '"m\\xC3\\xA5l: "' in lines
    assert all(line.startswith('"') and line.endswith('"') for line in lines)
