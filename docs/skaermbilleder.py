"""Screenshots of the meeting mode for the README (docs/moedetilstand*.png).

Starts ``samtale serve`` on a copy of the examples and photographs the meeting mode with
headless Chromium (Debian's ``chromium``, driven by Playwright's Python package)::

    python3 -m pip install ".[test]" && python3 docs/skaermbilleder.py
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
MODE = "/_moede/laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle"
SHOTS = {
    "moedetilstand.png": f"{MODE}?nu=13:20",  # item 3 by the clock, 25 minutes left
    "moedetilstand-over-tiden.png": f"{MODE}?nu=13:50&trin=3",  # the chair is still on item 3
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="samtale-billeder-"))
    shutil.copytree(REPO / "eksempler", work / "eksempler")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    server = subprocess.Popen([sys.executable, "-m", "samtale_cli", "serve", "eksempler", "--port", "0"],
                              cwd=work, env=env, stdout=subprocess.PIPE, text=True)
    try:
        found = re.search(r"http://\S+/", server.stdout.readline() if server.stdout else "")
        if not found:
            print("samtale serve startede ikke", file=sys.stderr)
            return 1
        base = found.group(0).rstrip("/")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for name, address in SHOTS.items():
                page = browser.new_page(viewport={"width": 1280, "height": 760}, locale="da-DK")
                page.goto(base + address)
                page.wait_for_timeout(400)
                page.screenshot(path=str(REPO / "docs" / name))
                page.close()
                print(f"Skrev docs/{name}")
            browser.close()
        return 0
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
