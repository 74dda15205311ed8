"""Benchmark: how long after a keystroke the editor has samtale's findings.

Makes a workspace of ``--files`` files (150 by default) as ``bench/bench.py`` does, starts
``samtale lsp`` as the editor would (a real process on standard input and output, this
checkout), opens a meeting file and sends ``--runs`` changes to it, each the whole text
with one character different (a slip made and mended in turn, so every other change has a
finding). The time from each ``didChange`` to the ``publishDiagnostics`` of that version is
measured; the first change after opening is left out (the server's caches are cold).
Target: the median within 150 ms. Usage::

    pip install ".[lsp]"
    python bench/lsp_latency.py [--files 150] [--runs 40]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 150.0


def _bench_module():  # noqa: ANN202 - the corpus maker of bench.py, without copying it
    spec = importlib.util.spec_from_file_location("samtale_bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


async def measure(folder: Path, runs: int) -> list[float]:
    meeting = sorted((folder / "laeringssamtaler").glob("*.yaml"))[0]
    text = meeting.read_text(encoding="utf-8")
    slipped = text.replace("minutter: 120", "minutter: 100", 1)
    client = LanguageClient("bench", "1")
    published: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: t.PublishDiagnosticsParams) -> None:
        published[params.version or 0] = time.perf_counter()
        arrived.set()

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    await client.start_io(sys.executable, "-m", "samtale_cli", "lsp", env=env)
    await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities(), root_uri=folder.as_uri()))
    client.initialized(t.InitializedParams())
    uri = meeting.as_uri()
    arrived.clear()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "yaml", 1, text)))
    await asyncio.wait_for(arrived.wait(), 30)
    times = []
    for version in range(2, runs + 3):
        arrived.clear()
        sent = time.perf_counter()
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(version, uri),
            [t.TextDocumentContentChangeWholeDocument(slipped if version % 2 else text)]))
        while version not in published:
            await asyncio.wait_for(arrived.wait(), 30)
            arrived.clear()
        if version > 2:
            times.append((published[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=150, help="filer i arbejdsmappen (standard 150)")
    parser.add_argument("--runs", type=int, default=40, help="ændringer (standard 40)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samtale-lsp-bench-") as tmp:
        folder = Path(tmp) / "ws"
        files = _bench_module().make_corpus(folder, args.files)
        times = asyncio.run(measure(folder, args.runs))
    median = statistics.median(times)
    worst = max(times)
    p90 = statistics.quantiles(times, n=10)[-1]
    verdict = "OK" if median <= TARGET_MS else "OVER"
    print(f"{len(files)} filer, {len(times)} ændringer: didChange -> publishDiagnostics median {median:.1f} ms, "
          f"90 % {p90:.1f} ms, højst {worst:.1f} ms (mål: median højst {TARGET_MS:.0f} ms) {verdict}")


if __name__ == "__main__":
    main()
