"""The README and docs/ as a test: every shell block they show runs, in a temporary
folder with a copy of the examples, and does what it says (exit 0), so no documented
command can break again.

A block is a fenced ``sh`` block; ``&&`` and ``cd`` work as in a shell, ``#`` starts a
comment. Installing, the test suite itself and the long measurements are recognised and
left out (their scripts must exist); any other command fails the test, so a new kind
of command in the docs needs a decision here.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, samtale

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.S | re.M)
NOT_RUN = {  # the start of a command -> why the test does not run it
    ("python3", "-m", "pip", "install"): "installs packages",
    ("python3", "-m", "pytest"): "this test suite itself",
    ("python3", "bench/bench.py"): "a measurement of several minutes",
    ("python3", "bench/word.py"): "a measurement of several minutes",
    ("python3", "bench/alle.py"): "every measurement side by side (minutes, an hour without --hurtig)",
    ("python3", "fuzz/fuzz_check.py"): "fuzzing for ten minutes",
    ("python3", "-m", "samtale_cli.cli.reference"): "rewrites the docs (tested in test_catalogue)",
    ("python3", "bench/serve_load.py"): "a load test of a minute (tested in test_serve, without timing)",
    ("samtale", "serve"): "a server that runs until Ctrl-C (started and stopped in test_serve)",
    ("ruff", "check"): "the linter (run by .ci/run)",
    ("PYTHONPATH=src", "lint-imports"): "the layers contract (run by .ci/run)",
}


EXIT = re.compile(r"#.*\bexitkode (\d)\b")  # a command documented to end with another code


def commands(page: Path) -> list[tuple[list[str], int]]:
    """Each command of the page's sh blocks, with the exit code it must give: 0, or the
    one its comment names ('# ... (exitkode 1: ...)')."""
    found = []
    for block in BLOCK.findall(page.read_text(encoding="utf-8")):
        for line in block.splitlines():
            said = EXIT.search(line)
            words = shlex.split(line, comments=True)
            while words:
                cut = words.index("&&") if "&&" in words else len(words)
                found.append((words[:cut], int(said[1]) if said and cut == len(words) else 0))
                words = words[cut + 1:]
    return [(c, code) for c, code in found if c]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_documented_command_runs(page: Path, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "eksempler")
    here = tmp_path
    ran = 0
    for words, expected in commands(page):
        skipped = next((why for start, why in NOT_RUN.items() if tuple(words[: len(start)]) == start), None)
        if skipped:
            script = next((w for w in words[1:] if w.endswith(".py")), None)
            assert script is None or (REPO / script).is_file(), f"{page.name}: {script} findes ikke"
            continue
        if words[0] == "cd":
            here = here / words[1]
            assert here.is_dir(), f"{page.name}: cd {words[1]}"
            continue
        assert words[0] == "samtale", f"{page.name}: the test does not know how to run {' '.join(words)!r}"
        done = samtale(*words[1:], cwd=here)
        assert done.code == expected, f"{page.name}: {shlex.join(words)}\n{done.stdout}{done.stderr}"
        ran += 1
    if page.name == "README.md":
        assert ran >= 10  # the first command and the getting-started block
        assert (tmp_path / "_site" / "index.html").is_file()
        assert (tmp_path / "mit-dagtilbud" / "dagsorden.pdf").read_bytes().startswith(b"%PDF")


def test_the_readme_starts_with_the_two_commands() -> None:
    """The README begins with one command that installs and runs the main job on the
    examples, and one that installs the test extras and runs the tests (as .ci/run)."""
    first = BLOCK.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert first is not None
    lines = first.group(1).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("python3 -m pip install . && samtale ")
    assert lines[1] == 'python3 -m pip install ".[test]" && python3 -m pytest'
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert '".[test]"' in ci and "python3 -m pytest" in ci
