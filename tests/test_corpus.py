"""A corpus of how Danish consultants write, and slip: each file in tests/corpus/ is a
small document and the exact findings it must give (docs/format.md: "Written as people write
them", "Where people slip", "Messages about YAML itself", privacy).

A case's first lines say where it goes in a copy of the example workspace
(``# sti: ...``) and what ``check`` must find in it (``# forventer: LINJE:KOLONNE niveau
KODE``, or ``# forventer: intet``); line numbers count those lines too. A case may go on
with what the first finding's message must say (``# besked: ...``, a part of it) and the
advice followed literally (``# råd: LINJE: the line as the message says to write it``):
the file with that line replaced must give no finding at all.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from samtale_cli.check.runs import check

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"^# forventer: (?:intet|(\d+):(\d+) (fejl|advarsel) ([A-Z]\d{3}))$")


def _read(case: Path) -> tuple[str, list[tuple[int, int, str, str]], str]:
    text = case.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0].startswith("# sti: "), case.name
    expected = []
    for line in lines[1:]:
        if not line.startswith("# forventer:"):
            break
        m = EXPECT.match(line)
        assert m, f"{case.name}: {line!r}"
        if m[1]:
            expected.append((int(m[1]), int(m[2]), m[3], m[4]))
    return lines[0].removeprefix("# sti: "), expected, text


def _advice(text: str) -> tuple[str | None, tuple[int, str] | None]:
    """The ``# besked:`` and ``# råd:`` lines of a case (see the module's docstring)."""
    message = advice = None
    for line in text.split("\n")[1:]:
        if line.startswith("# besked: "):
            message = line.removeprefix("# besked: ")
        elif line.startswith("# råd: "):
            number, _, new = line.removeprefix("# råd: ").partition(": ")
            advice = (int(number), new)
        elif not line.startswith("# "):
            break
    return message, advice


def _findings(workspace: Path, rel: str, text: str) -> list:
    target = workspace / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    before = target.read_bytes() if target.exists() else None
    target.write_text(text, encoding="utf-8")
    try:
        return [d for d in check([target], workspace) if d.file == rel]
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60
    codes = {code for case in CASES for *_pos, code in _read(case)[1]}
    assert {"S801", "S802", "S803", "S804", "S805", "P205", "W301", "D401", "A105", "F010", "F012", "Y005", "C701"} <= codes


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("korpus") / "eks"
    shutil.copytree(EXAMPLES, root)
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(workspace: Path, case: Path) -> None:
    rel, expected, text = _read(case)
    found = _findings(workspace, rel, text)
    assert [(d.line, d.col, d.level.value, d.code) for d in found] == sorted(expected)
    message, _ = _advice(text)
    if message is not None:
        assert message in found[0].message


ADVISED = [c for c in CASES if _advice(c.read_text(encoding="utf-8"))[1] is not None]


@pytest.mark.parametrize("case", ADVISED, ids=[c.stem for c in ADVISED])
def test_following_the_advice_gives_a_clean_file(workspace: Path, case: Path) -> None:
    rel, _, text = _read(case)
    number, new = _advice(text)[1]
    lines = text.split("\n")
    lines[number - 1] = new
    assert _findings(workspace, rel, "\n".join(lines)) == []


def test_some_cases_give_advice_to_follow() -> None:
    assert len(ADVISED) >= 5


@pytest.mark.parametrize("case", [c for c in CASES if not _read(c)[1]], ids=lambda c: c.stem)
def test_the_schema_accepts_what_check_accepts(case: Path) -> None:
    """Editors check with the JSON Schema: it must take every spelling samtale takes."""
    import jsonschema

    from samtale_cli.check.loader import load_text
    from samtale_cli.model import canonical_key
    from samtale_cli.out.schema import schema_for

    data = load_text(_read(case)[2], case.name, rename_key=canonical_key).data
    assert list(jsonschema.Draft202012Validator(schema_for(None)).iter_errors(data)) == []
