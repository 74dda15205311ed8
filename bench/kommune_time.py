"""Time ``samtale kommune`` on a generated municipality (bench/kommune_generate.py) and
measure its peak memory, at a few sizes, to see that the time grows with the files and
the memory stays flat. Target: 60 daycares x 10 years in under a minute. Usage::

    python bench/kommune_time.py [--daycares 60] [--years 10] [--sizes 6,20,60]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from kommune_generate import generate  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


def measure(config: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB of the process, exit code) of one run in its own process."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    script = ("import resource, sys, runpy; sys.argv = ['samtale'] + sys.argv[1:]\n"
              "try:\n    runpy.run_module('samtale_cli', run_name='__main__')\n"
              "finally:\n    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, "kommune", str(config), "-o", str(out)], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")), 0)
    return seconds, peak / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--sizes", default="6,20,60", help="numbers of daycares, comma-separated")
    args = parser.parse_args()
    print(f"{'dagtilbud':>9} {'filer':>6} {'sekunder':>9} {'MB (top)':>9} exit")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            config = generate(Path(tmp) / "kommune", size, args.years)
            files = sum(1 for _ in (Path(tmp) / "kommune").rglob("*.yaml")) - 1
            seconds, peak, code = measure(config, Path(tmp) / "ud")
            print(f"{size:>9} {files:>6} {seconds:>9.1f} {peak:>9.0f} {code:>4}", flush=True)


if __name__ == "__main__":
    main()
