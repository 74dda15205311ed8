"""Coverage-guided fuzzing of load -> model -> rules -> render with atheris.

Each input is one byte that picks the file it replaces in a copy of the example
workspace (meeting, plan, sheet or samtale.yaml), followed by that file's new content.
The harness checks the file as ``samtale check`` does and, when it has no errors,
renders every document it makes as Markdown and HTML. Anything that raises is a crash;
so is a diagnostic outside the file (line or column below 1, line past the end).

Run it (the seeds are the example files; crashes are written as ``crash-*`` files)::

    pip install atheris
    python fuzz/fuzz_check.py -max_total_time=600 -rss_limit_mb=2048

Copy every crash into ``fuzz/regressions/`` (with a name that says what it is):
``tests/test_fuzz_regressions.py`` replays them, and the seeds, through this harness.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports(include=["samtale_cli"]):
    # The harness works through samtale_cli.api, whose functions import the package's
    # modules when first called: the seeds are run once in a second such block below
    # (after one_input), so that everything the harness reaches is instrumented.
    from samtale_cli import api, model
    from samtale_cli.core import kinds

TARGETS = (
    "laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml",
    "afdelinger/vuggestuen-kernehuset/indsats-smaa-boernegrupper.yaml",
    "afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2024-05-13.yaml",
    "samtale.yaml",
)

_TMP = tempfile.mkdtemp(prefix="samtale-fuzz-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
WORK = Path(_TMP) / "eks"
shutil.copytree(ROOT / "eksempler", WORK)
ORIGINALS = {rel: (WORK / rel).read_bytes() for rel in TARGETS}


def one_input(data: bytes) -> None:
    if not data:
        return
    rel = TARGETS[data[0] % len(TARGETS)]
    target = WORK / rel
    target.write_bytes(data[1:])
    try:
        findings = api.check([target], WORK)
        lines = data[1:].count(b"\n") + data[1:].count(b"\r") + 2
        for d in findings:
            if d.file == rel and not (1 <= d.line <= lines and d.col >= 1):
                raise AssertionError(f"diagnostic outside the file: {d}")
        if rel == "samtale.yaml" or any(d.is_error for d in findings):
            return
        checked = api.load(target)
        if isinstance(checked, list):
            return  # an error in another file it points to
        for document in kinds.kind_of(checked).renderings:
            for fmt in ("md", "html"):
                api.render(target, document, fmt, today=TODAY)
    finally:
        target.write_bytes(ORIGINALS[rel])


TODAY = dt.date(2024, 5, 13)
with atheris.instrument_imports(include=["samtale_cli"]):
    for _rel, _original in ORIGINALS.items():  # imports (instrumented) all that the harness reaches
        one_input(bytes([TARGETS.index(_rel)]) + _original)


def seeds(folder: Path) -> None:
    """The example files, each behind the byte that selects it."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, rel in enumerate(TARGETS):
        (folder / f"seed-{i}").write_bytes(bytes([i]) + ORIGINALS[rel])


def dictionary(path: Path) -> None:
    """Every key the format knows, and YAML's own punctuation, as libFuzzer tokens."""
    tokens = {"- ", ": ", "&a ", "*a", "!!str ", "!!int ", "? ", "--- ", "|\n", ">-\n", "# ", "'", '"'}
    tokens.update(f"{key}: " for key in model.known_keys().values())
    tokens.update(f"{k.name}\n" for k in kinds.DOCUMENT_KINDS)
    path.write_text("".join(f'"{_escape(t)}"\n' for t in sorted(tokens)), encoding="ascii")


def _escape(token: str) -> str:
    """A token in libFuzzer's dictionary syntax: printable ASCII, the rest as \\xNN."""
    return "".join(
        chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\x{b:02X}" for b in token.encode("utf-8")
    )


def main() -> None:
    corpus = Path(tempfile.gettempdir()) / "samtale-fuzz-corpus"
    seeds(corpus)
    tokens = corpus.parent / "samtale-fuzz.dict"
    dictionary(tokens)
    atheris.Setup([*sys.argv, f"-dict={tokens}", str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
