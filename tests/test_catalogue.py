"""The catalogue of codes is complete and is the one source: rules, `samtale forklar`,
docs/koder.md and the README's table; the reference docs are current and stay inside
the repository."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from conftest import REPO, SRC, samtale
from samtale_cli.core import catalogue
from samtale_cli.cli import reference
from samtale_cli.core.diagnostics import Level

PACKAGE = SRC / "samtale_cli"
SOURCES = sorted(PACKAGE.rglob("*.py"))
CODE = re.compile(r"[A-Z]\d{3}\Z")


def _names_used(path: Path) -> set[str]:
    """Catalogue entries a module reports: imported names and ``catalogue.X``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "samtale_cli.core.catalogue":
            used.update(alias.name for alias in node.names if CODE.match(alias.name))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "catalogue":
            if CODE.match(node.attr):
                used.add(node.attr)
    return used


def test_no_code_is_typed_by_hand_outside_the_catalogue() -> None:
    """Rules, loader and model report by catalogue entry, so none can report a code the
    catalogue lacks (a name that is not in it would not even import)."""
    for path in SOURCES:
        if path.name == "catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not CODE.match(node.value), f"{path.name}:{node.lineno}: code {node.value!r} typed by hand"


def test_every_code_that_can_be_emitted_is_in_the_catalogue() -> None:
    used = set().union(*(_names_used(p) for p in SOURCES))
    assert used, "no module reports a catalogue entry"
    assert used <= set(catalogue.CODES), used - set(catalogue.CODES)


def test_every_catalogue_code_is_emitted_somewhere() -> None:
    """No dead entries: each code is reported by some module."""
    used = set().union(*(_names_used(p) for p in SOURCES if p.name != "catalogue.py"))
    assert set(catalogue.CODES) == used


def test_every_code_has_a_test_that_expects_it() -> None:
    """Each code is named in the tests of the rule, loader or model that reports it."""
    texts = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("*.py")) if p.name != Path(__file__).name)
    missing = [code for code in catalogue.CODES if f'"{code}"' not in texts]
    assert missing == []


def test_entries_are_complete_and_danish() -> None:
    for code, entry in catalogue.CODES.items():
        assert entry.code == code and entry.level in (Level.ERROR, Level.WARNING)
        assert entry.title and entry.explanation and entry.bad and entry.good, code
        assert re.search(r"[æøå]|\b(er|skal|ikke|en|et|end|med|og)\b", entry.explanation), code


def test_forklar_one_code_in_danish() -> None:
    done = samtale("forklar", "A101")
    assert done.code == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == "A101 (fejl): Punkterne varer længere end delen"
    assert "Forkert:" in lines and "Rigtigt:" in lines
    assert catalogue.A101.explanation.split()[0] in done.stdout
    assert samtale("forklar", "a101").stdout == done.stdout  # case does not matter


@pytest.mark.parametrize("written", ["Y5", "y05", "Y 005", "[Y005]", "Y005:", "y-5"])
def test_a_code_is_found_as_people_write_it(written: str) -> None:
    """'samtale forklar Y5' is Y005; '[Y005]' is copied from check's output."""
    assert catalogue.lookup(written) is catalogue.Y005


def test_forklar_unknown_code_suggests_the_nearest() -> None:
    done = samtale("forklar", "A1O1")
    assert done.code == 2
    assert "Koden 'A1O1' findes ikke. Mente du A101?" in done.stderr


def test_forklar_lists_every_code() -> None:
    done = samtale("forklar")
    assert done.code == 0
    assert [line.split()[0] for line in done.stdout.splitlines()] == list(catalogue.CODES)


def test_forklar_json_is_the_catalogue() -> None:
    done = samtale("forklar", "--format", "json")
    rows = json.loads(done.stdout)
    assert [r["kode"] for r in rows] == list(catalogue.CODES)
    for row in rows:
        entry = catalogue.CODES[row["kode"]]
        assert (row["niveau"], row["titel"], row["forklaring"]) == (entry.level.value, entry.title, entry.explanation)
    [one] = json.loads(samtale("forklar", "T603", "--format", "json").stdout)
    assert one["niveau"] == "advarsel"


def test_generated_reference_is_current() -> None:
    """README's table, docs/koder.md, docs/kommandoer.md and docs/format.md's key tables
    are made from the code; run 'python -m samtale_cli.cli.reference' after a change."""
    assert [p.relative_to(REPO).as_posix() for p in reference.stale()] == []


@pytest.mark.parametrize("model", reference.models(), ids=lambda m: m.__name__)
def test_every_key_of_every_model_is_in_the_format_reference(model: type) -> None:
    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split(f"<!-- samtale:nøgler:{model.__name__} -->", 1)[1].split("<!-- /samtale -->", 1)[0]
    for name, info in model.model_fields.items():
        key = info.alias or name
        assert f"| `{key}` |" in section and (info.description or "") in section, key


def test_readme_table_lists_every_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, entry in catalogue.CODES.items():
        assert f"| {code} | {entry.level.value} | {entry.title} |" in readme


@pytest.mark.parametrize("page", ["README.md", *(f"docs/{p.name}" for p in sorted((REPO / "docs").glob("*.md")))])
def test_links_stay_inside_the_repository(page: str) -> None:
    """Users have only the repository: every relative link resolves to a file in it."""
    path = REPO / page
    text = path.read_text(encoding="utf-8")
    assert "../shared" not in text
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        resolved = (path.parent / target).resolve()
        assert resolved.is_relative_to(REPO) and resolved.exists(), f"{page}: {target}"
