"""'samtale import' of the corpus's Word layouts (tests/word/) with random damage, as
documents look after a few people have edited them: cells merged across and down,
emptied cells, an extra column, paragraphs given another style, typos in a table's
header. Whatever the damage: no traceback, no "intern fejl", and every word of the
document's text ends up in the imported model or in a YAML comment (a file holding
several documents is imported part by part, ``--del N``, as the terminal says).

The layouts come from a registry (:data:`BUILDERS`): the meeting layouts of
tests/word/layouts.py, and the plan and sheet layouts of tests/word/plans.py and
tests/word/sheets.py (their ``LAYOUTS``) when those files exist. Hypothesis tests are
marked slow by tests/conftest.py; ``max_examples`` keeps this one well under 30 s.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import docx
from docx.exceptions import InvalidSpanError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, samtale
from samtale_cli.core.values import fold_ascii
from word.common import load

WORD = Path(__file__).parent / "word"


def _module(name: str) -> Any:
    return load(name) if (WORD / f"{name}.py").exists() else None


def _registry() -> list[Any]:
    """Every layout builder of the corpus: ``build(path)`` writes a .docx."""
    builders: list[Any] = []
    for name in ("layouts", "plans", "sheets"):
        module = _module(name)
        builders += list(getattr(module, "LAYOUTS", [])) if module is not None else []
    layouts = _module("layouts")
    builders += [layouts.unreadable, layouts.odd_tables]
    return builders


BUILDERS = _registry()

# Words that are the document's structure, not its content: labels, column headers, the
# weekday and month of a date written as ISO, units written as "min".
STRUCTURE = {
    "dagsorden", "referat", "deltagere", "afbud", "fravaerende", "tidspunkt", "varighed", "ansvarlig",
    "indhold", "punktet", "maal", "emne", "punkt", "stilling", "institution", "afdeling", "fremmoede",
    "aftale", "frist", "navn", "rolle", "datagrundlag", "kernebegreber", "pejlemaerker", "aftaler",
    "minutter", "cirka", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag",
    "januar", "februar", "marts", "april", "juni", "juli", "august", "september", "oktober", "november",
    "december", "klokken", "laeringsfokus", "dagtilbud", "opsamling", "naeste", "moede", "egen",
    "kompetenceudviklingen", "videreudvikle", "arbejdet", "arbejde", "peger", "betydning", "med",
    "opmaerksomhedspunkter", "hvad", "data", "beslutning", "laeringssamtalen", "moedt",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{5,}", fold_ascii(text).lower())}


def _document_words(path: Path) -> set[str]:
    """The words of the body's paragraphs and of every table row but the header."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows[1:]:
            texts += [c.text for c in row.cells]
    return set().union(*map(_words, texts)) - STRUCTURE if texts else set()


# --- the damage ---------------------------------------------------------------------


def _merge(document: Any, draw: Any) -> None:
    tables = [t for t in document.tables if len(t.rows) > 1 and len(t.columns) > 1]
    if not tables:
        return
    table = draw(st.sampled_from(tables))
    row = draw(st.integers(0, len(table.rows) - 1))
    col = draw(st.integers(0, len(table.columns) - 2))
    other = table.cell(row, col + 1) if draw(st.booleans()) or row == len(table.rows) - 1 else table.cell(row + 1, col)
    try:
        table.cell(row, col).merge(other)
    except InvalidSpanError:  # across a merge already there: python-docx cannot, nor can Word
        pass


def _empty(document: Any, draw: Any) -> None:
    cells = [c for t in document.tables for r in t.rows[1:] for c in r.cells]
    if cells:
        draw(st.sampled_from(cells)).text = ""


def _column(document: Any, draw: Any) -> None:
    if document.tables:
        table = draw(st.sampled_from(document.tables))
        column = table.add_column(table.columns[0].width or 914400)
        column.cells[0].text = draw(st.sampled_from(["Noter", "Bemærkninger", ""]))


def _style(document: Any, draw: Any) -> None:
    paras = [p for p in document.paragraphs if p.text.strip()]
    if paras:
        para = draw(st.sampled_from(paras))
        para.style = draw(st.sampled_from(["List Bullet", "List Number", "Heading 2", "Normal", "Title",
                                           "List Bullet 2"]))


def _typo(document: Any, draw: Any) -> None:
    headers = [c for t in document.tables for c in t.rows[0].cells if len(c.text) > 2]
    if headers:
        cell = draw(st.sampled_from(headers))
        text = cell.text
        at = draw(st.integers(0, len(text) - 1))
        cell.text = text[:at] + draw(st.sampled_from(["", "x", text[at] * 2, " "])) + text[at + 1:]


DAMAGE = [_merge, _empty, _column, _style, _typo]


# --- the import -----------------------------------------------------------------------


def _import_all(source: Path, root: Path) -> tuple[str, str]:
    """Every part of ``source`` imported; the YAML texts and the terminal's output."""
    out = root / "importeret"
    out.mkdir()
    first = samtale("import", source, "-o", out / "del1.yaml", cwd=root)
    texts, terminal = [], first.stdout + first.stderr
    count = re.search(r"rummer (\d+) dokumenter", first.stderr)
    for k in range(2, int(count[1]) + 1 if count else 2):
        more = samtale("import", source, "--del", str(k), "-o", out / f"del{k}.yaml", cwd=root)
        terminal += more.stdout + more.stderr
    texts = [p.read_text(encoding="utf-8") for p in sorted(out.glob("*.yaml"))]
    return "\n".join(texts), terminal


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_corpus_layouts_import_without_losing_text(tmp_path_factory: Any, data: Any) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    root = tmp / "ws"
    shutil.copytree(EXAMPLES, root)
    build = data.draw(st.sampled_from(BUILDERS), label="layout")
    source = tmp / "dokument.docx"
    build(source)
    document = docx.Document(str(source))
    for damage in data.draw(st.lists(st.sampled_from(DAMAGE), max_size=4), label="damage"):
        damage(document, data.draw)
    document.save(str(source))
    yaml_text, terminal = _import_all(source, root)  # samtale() fails on a traceback or "intern fejl"
    assert "intern fejl" not in terminal and "Traceback" not in terminal
    if not yaml_text:  # refused with a Danish message (exit 2): nothing written, nothing to compare
        assert "samtale:" in terminal, terminal
        return
    if build.__module__.endswith(("plans", "sheets")):
        return  # their question lines become keys: lost text is checked for meetings only (for now)
    lost = _document_words(source) - _words(yaml_text)
    assert not lost, f"{build.__name__}: {sorted(lost)}\n{yaml_text}"
