"""The markers of the fast loop (tests/conftest.py): the tables name tests that exist, and
each marker lands where it should."""

from __future__ import annotations

import pytest

import conftest
from conftest import REPO

# the inner runs need none of the installed plugins that the suite itself does not use
INNER = ("-p", "no:cacheprovider", "-p", "no:benchmark", "-p", "no:openxml-audit", "-p", "no:anyio")


@pytest.mark.parametrize("entry", sorted(conftest.SLOW | conftest.QUICK_PROPERTIES))
def test_each_listed_test_exists(entry: str) -> None:
    """A renamed or moved test would silently leave the list; this says so instead."""
    module, _, name = entry.partition("::")
    assert name.split("[")[0] in conftest._functions(REPO / "tests" / module), f"{entry} findes ikke"


def _marked(pytester: pytest.Pytester, body: str, *args: str) -> list[str]:
    """The names of the tests in ``body`` that ``-m args`` selects, with this suite's conftest."""
    pytester.makepyfile(test_sample=body)
    result = pytester.runpytest_inprocess(*INNER, "--collect-only", "-q", *args, plugins=[conftest])
    return sorted(line.split("::")[1] for line in result.outlines if "::" in line)


BODY = '''
import subprocess
from hypothesis import given, strategies as st


def test_in_process():
    assert samtale_check() is not None


def test_as_a_process():
    subprocess.run(["true"])


def test_in_workers():
    samtale_check(process=True)


@given(st.integers())
def test_a_property(n):
    pass
'''


def test_process_and_slow_follow_what_a_test_does(pytester: pytest.Pytester) -> None:
    assert _marked(pytester, BODY, "-m", "process") == ["test_as_a_process", "test_in_workers"]
    assert _marked(pytester, BODY, "-m", "slow") == ["test_a_property"]
    assert _marked(pytester, BODY, "-m", "not browser and not process and not slow") == ["test_in_process"]
