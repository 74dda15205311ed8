"""Shared helpers: a throw-away copy of the example workspace that tests edit as text.

Tests change one file with :meth:`Eks.edit` (an exact, unique text replacement, so the
test knows the line it broke) and compare :meth:`Eks.findings` with the exact list of
``(file, line, col, level, code)`` they expect.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
# Test this checkout, whatever copy of samtale_cli happens to be installed.
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from samtale_cli.check import check  # noqa: E402
from samtale_cli.diagnostics import Diagnostic  # noqa: E402

EXAMPLES = REPO / "eksempler"

WORKSPACE = "samtale.yaml"
MEETING = "laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml"
PLAN = "afdelinger/vuggestuen-kernehuset/indsats-smaa-boernegrupper.yaml"
SHEET_DERUDA = "afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2024-05-13.yaml"
SHEET_HAVEN = "afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13.yaml"
SHEET_KERNEHUSET = "afdelinger/vuggestuen-kernehuset/opmaerksomhedspunkter-2024-05-13.yaml"
SHEETS = (SHEET_DERUDA, SHEET_HAVEN, SHEET_KERNEHUSET)
EXAMPLE_FILES = (WORKSPACE, MEETING, PLAN, *SHEETS)

Finding = tuple[str, int, int, str, str]  # file, line, col, level, code


def examples(n: int) -> int:
    """Hypothesis example counts: modest by default; SAMTALE_HYPOTHESIS_SCALE=20 for a long hunt."""
    return max(1, int(n * float(os.environ.get("SAMTALE_HYPOTHESIS_SCALE", "1"))))


@dataclass
class Eks:
    """A copy of ``eksempler/`` under ``tmp_path``."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in ``rel`` (fails if not exactly one)."""
        text = self.text(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def line(self, rel: str, needle: str) -> int:
        """1-based number of the one line of ``rel`` (as it is now) that contains ``needle``."""
        hits = [n for n, ln in enumerate(self.text(rel).split("\n"), 1) if needle in ln]
        assert len(hits) == 1, f"{needle!r} is on lines {hits} of {rel}"
        return hits[0]

    def col(self, rel: str, needle: str) -> int:
        """1-based column where ``needle`` starts on its (unique) line."""
        line = self.text(rel).split("\n")[self.line(rel, needle) - 1]
        return line.index(needle) + 1

    def diagnostics(self) -> list[Diagnostic]:
        return check([self.root], self.root)

    def findings(self) -> list[Finding]:
        return [(d.file, d.line, d.col, d.level.value, d.code) for d in self.diagnostics()]


@pytest.fixture
def eks(tmp_path: Path) -> Eks:
    root = tmp_path / "eks"
    shutil.copytree(EXAMPLES, root)
    return Eks(root)


# Random mutations of the examples (used by the loader and CLI property tests).

INSERTS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8),
    st.text(alphabet=st.sampled_from(list(" \n-:[]{},#&*!|>'\"\t\r\x00\u2028\ufeff0123456789/")), min_size=1, max_size=8),
)


def mutate(text: str, data: st.DataObject) -> str:
    """Delete, duplicate or swap a line, or insert a few random characters."""
    lines = text.split("\n")
    op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        at = data.draw(st.integers(0, len(text)))
        return text[:at] + data.draw(INSERTS) + text[at:]
    return "\n".join(lines)


@contextmanager
def swapped(root: Path, rel: str, content: bytes) -> Iterator[Path]:
    """``root/rel`` (a copy of the examples) holds ``content`` inside the block, and the
    example's own bytes again after it, so one copy serves many random cases."""
    path = root / rel
    path.write_bytes(content)
    try:
        yield path
    finally:
        path.write_bytes((EXAMPLES / rel).read_bytes())


@pytest.fixture(scope="module")
def scratch_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the examples per test module, for tests that restore what they change."""
    root = tmp_path_factory.mktemp("mut") / "eks"
    shutil.copytree(EXAMPLES, root)
    return root
