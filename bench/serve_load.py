"""A bounded local load test of ``samtale serve``: 200 requests at once against the examples.

Starts ``samtale serve`` on a copy of ``eksempler/`` (127.0.0.1, a free port), sends
rounds of 200 requests at the same moment (200 threads released together, each one GET
of a page, the meeting mode or /_check.json), and prints how many were answered and the
latency (median, p95, max) over all rounds. Only this machine's loopback address is
used; the number of requests is fixed. Run it yourself::

    python3 -m pip install ".[test]" && python3 bench/serve_load.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MEETING = "laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle"
PAGES = [
    "/", "/laeringssamtaler/index.html", f"/{MEETING}-referat.html", f"/{MEETING}-dagsorden.html",
    f"/{MEETING}-opmaerksomhedspunkter.html", f"/_moede/{MEETING}?nu=13:20", "/_check.json",
    "/afdelinger/vuggestuen-kernehuset/indsats-smaa-boernegrupper.html",
]


def get(host: str, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started
    finally:
        connection.close()


def round_of(host: str, count: int) -> list[tuple[int, float]]:
    """``count`` requests released at the same moment."""
    results: list[tuple[int, float]] = [(0, 0.0)] * count
    gate = threading.Barrier(count)

    def one(k: int) -> None:
        gate.wait()
        results[k] = get(host, PAGES[k % len(PAGES)])

    threads = [threading.Thread(target=one, args=(k,)) for k in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@contextmanager
def running_server() -> Iterator[str]:
    """``samtale serve`` on a copy of the examples, on a free port; its host:port."""
    work = Path(tempfile.mkdtemp(prefix="samtale-serve-"))
    shutil.copytree(REPO / "eksempler", work / "eksempler")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    server = subprocess.Popen([sys.executable, "-m", "samtale_cli", "serve", "eksempler", "--port", "0"],
                              cwd=work, env=env, stdout=subprocess.PIPE, text=True)
    try:
        found = re.search(r"http://([^/]+)/", server.stdout.readline() if server.stdout else "")
        if not found:
            raise SystemExit("samtale serve startede ikke")
        yield found.group(1)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with running_server() as host:
        get(host, "/")  # the first snapshot
        statuses, seconds = [], []
        for _ in range(args.rounds):
            for status, took in round_of(host, args.requests):
                statuses.append(status)
                seconds.append(took)
    answered = sum(1 for s in statuses if s == 200)
    cut = statistics.quantiles(seconds, n=100)
    print(f"samtale serve, {args.rounds} runder à {args.requests} samtidige forespørgsler "
          f"({len(PAGES)} slags sider), {os.cpu_count()} kerner")
    print(f"besvaret med 200: {answered} af {len(statuses)}")
    print(f"median {statistics.median(seconds) * 1000:.0f} ms, p95 {cut[94] * 1000:.0f} ms, "
          f"maks {max(seconds) * 1000:.0f} ms")
    return 0 if answered == len(statuses) else 1


if __name__ == "__main__":
    sys.exit(main())
