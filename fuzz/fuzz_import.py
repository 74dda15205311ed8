"""Coverage-guided fuzzing of the Word readers (``samtale import``) with atheris.

Structure-aware: the input is read as a document's blocks (headings, list items,
labelled lines, bold lines, tables with agenda, sheet or phase headers) with words
from the Danish documents the readers know and bytes of the input as text. The harness
finds the kind as ``samtale import`` does, runs that kind's reader
(``kinds.hook(kind, "reader")``) and writes the YAML (:mod:`samtale_cli.core.yamlout`).
Anything that raises is a crash; so is YAML that does not parse, or that reads back
without a key the reader wrote.

Run it (crashes are written as ``crash-*`` files)::

    pip install atheris
    python fuzz/fuzz_import.py -max_total_time=600 -rss_limit_mb=2048
"""

from __future__ import annotations

import atexit
import re
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports(include=["samtale_cli"]):
    from samtale_cli.check import loader
    from samtale_cli.check.workspace import find_workspace
    from samtale_cli.core import kinds, yamlout
    from samtale_cli.out.wordread import Cell, Para, Segment, Table
    from samtale_cli.wordin.common import Source, Where, wrap_markdown
    from samtale_cli.wordin.detect import classify

WORDS = (
    "Dagsorden", "Referat", "Dato:", "Tid:", "Sted:", "Formål", "Deltagere", "Datagrundlag", "Aftaler",
    "Pejlemærker", "Beslutninger", "Tidsramme", "Roller", "Indsatsplan", "Hvad vil vi opnå?",
    "Hvorfor vil vi opnå dette?", "Vidensgrundlag", "Fremmere", "Hæmmere", "Evaluering", "Relevans",
    "Faser", "Fase 1:", "fra 15/6 til 1/9 2021", "13. maj 2024", "13/5 2024", "2024-05-13", "kl. 9:00-10:30",
    "Ca. 35 min.", "1 t", "pause", "Læringssamtale:", "Afdeling:", "Beslutning:", "Status:", "i gang",
    "Dagtilbudsleder", "BU-chef", "konsulent", "pædagogisk leder", "afbud", "udført (10. juni 2025)",
    "Opmærksomhedspunkter", "Hvad har vi arbejdet med", "Hvad peger data på", "3.1", "?", ":", "-", "\n",
)
HEADERS = (
    ("Tid", "Emne", "Mål med punktet", "Ansvarlig"),
    ("Nr", "Tid", "Emne", "Ansvarlig"),
    ("Hvad har vi arbejdet med", "Hvad peger data på", "Opmærksomhedspunkter"),
    ("Fase", "Start", "Slut", "Beskrivelse"),
    ("Navn", "Rolle", "Afdeling", "Fremmøde"),
    ("Hvad", "Ansvarlig", "Frist", "Status"),
    ("Del", "Titel", "Tid", "Varighed"),
)

_TMP = tempfile.mkdtemp(prefix="samtale-fuzz-import-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
WORK = Path(_TMP) / "eks"
shutil.copytree(ROOT / "eksempler", WORK)
WS = find_workspace(WORK)


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(fdp: atheris.FuzzedDataProvider) -> str:
    parts = []
    for _ in range(fdp.ConsumeIntInRange(1, 4)):
        if fdp.ConsumeBool():
            parts.append(WORDS[fdp.ConsumeIntInRange(0, len(WORDS) - 1)])
        else:
            parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 24)))
    return _NOT_IN_XML.sub("", " ".join(parts))  # Word's XML cannot hold these


def _para(fdp: atheris.FuzzedDataProvider) -> Para:
    heading = fdp.ConsumeIntInRange(0, 3) or None
    list_kind = (None, "bullet", "decimal")[fdp.ConsumeIntInRange(0, 2)]
    segment = Segment(_text(fdp), bold=fdp.ConsumeBool(), italic=fdp.ConsumeBool())
    return Para([segment], "", heading, list_kind, fdp.ConsumeIntInRange(0, 2), fdp.ConsumeIntInRange(0, 720))


def _table(fdp: atheris.FuzzedDataProvider) -> Table:
    header = HEADERS[fdp.ConsumeIntInRange(0, len(HEADERS) - 1)]
    rows = [[Cell([Para([Segment(h)])]) for h in header]]
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        row = [Cell([_para(fdp) for _ in range(fdp.ConsumeIntInRange(1, 2))]) for _ in header]
        if row and fdp.ConsumeBool():
            row[0] = Cell(row[0].paras, continued=True, above=rows[-1][0])
        rows.append(row)
    return Table(rows, len(header))


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    blocks: list[Para | Table] = []
    for _ in range(fdp.ConsumeIntInRange(0, 24)):
        blocks.append(_table(fdp) if fdp.ConsumeIntInRange(0, 5) == 0 else _para(fdp))
    src = Source(blocks, own=fdp.ConsumeBool())
    title, _ = src.title()
    kind = classify(blocks, title)
    if kind is None:
        return
    reading = kinds.hook(kind, "reader")(src, Where(Path("importeret.yaml"), WORK, WS))
    text = "\n".join(yamlout.dump(reading.data, wrap=wrap_markdown)) + "\n"
    loaded = loader.load_text(text, "importeret.yaml")
    if not isinstance(loaded.data, dict):
        raise AssertionError(f"the YAML written does not parse: {loaded.diagnostics}\n{text}")
    written = [k for k in reading.data if isinstance(k, str)]
    if sorted(loaded.data) != sorted(written):
        raise AssertionError(f"keys written {written}, read back {list(loaded.data)}\n{text}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
