"""SAMTALE_UPDATE_GOLDEN=1 writes the golden files and fails the tests that wrote one
("opdateret; kør igen"): an update is never a pass. Checked with pytest run inside pytest
on a folder of its own, so the real golden files are never touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import GOLDEN, GoldenGuard

TESTS = """
from pathlib import Path

GOLDEN = Path({folder!r})


def test_writes_a_new_file():
    (GOLDEN / "ny.md").write_text("ny")
    assert (GOLDEN / "ny.md").read_text() == "ny"


def test_writes_the_same_bytes_again():
    (GOLDEN / "samme.md").write_text("samme")
    assert (GOLDEN / "samme.md").read_text() == "samme"


def test_only_reads():
    assert (GOLDEN / "samme.md").read_text() == "samme"


def test_fails_on_its_own():
    (GOLDEN / "fejl.md").write_text("x")
    assert False, "sin egen fejl"
"""


# the inner runs need none of the installed plugins that the suite itself does not use
INNER = ("-p", "no:cacheprovider", "-p", "no:benchmark", "-p", "no:openxml-audit", "-p", "no:anyio")


@pytest.fixture
def golden(pytester: pytest.Pytester, tmp_path: Path) -> Path:
    folder = tmp_path / "golden"
    folder.mkdir()
    (folder / "samme.md").write_text("samme")
    os.utime(folder / "samme.md", ns=(0, 0))  # written long ago, whatever the clock's steps
    pytester.makepyfile(test_golden_files=TESTS.format(folder=str(folder)))
    return folder


def test_an_update_writes_and_fails(pytester: pytest.Pytester, golden: Path) -> None:
    result = pytester.runpytest_inprocess(*INNER, plugins=[GoldenGuard(golden, update=True)])
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines([
        "*_ test_writes_a_new_file _*", "ny.md opdateret; kør igen*",
        "*_ test_writes_the_same_bytes_again _*", "samme.md opdateret; kør igen*",
    ], consecutive=True)
    assert "sin egen fejl" in result.stdout.str()  # a test's own failure is not hidden
    assert (golden / "ny.md").read_text() == "ny"


def test_without_update_the_same_tests_pass(pytester: pytest.Pytester, golden: Path) -> None:
    result = pytester.runpytest_inprocess(*INNER, plugins=[GoldenGuard(golden, update=False)])
    result.assert_outcomes(passed=3, failed=1)


def test_the_suite_guards_tests_golden(pytestconfig: pytest.Config) -> None:
    guard = pytestconfig.pluginmanager.get_plugin("samtale-golden")
    assert isinstance(guard, GoldenGuard) and guard.folder == GOLDEN and guard.stamps()
    assert guard.update is (os.environ.get("SAMTALE_UPDATE_GOLDEN") == "1")
