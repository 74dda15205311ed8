"""Screenshots of the meeting mode for the README (docs/moedetilstand*.png).

Starts ``samtale serve`` on a copy of the examples and photographs the meeting mode with
headless Chromium (Debian's ``chromium``, driven by Playwright's Python package)::

    python3 -m pip install ".[test]" && python3 docs/skaermbilleder.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from serve_load import running_server  # noqa: E402  (samtale serve on a copy of the examples)
MODE = "/_moede/laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle"
SHOTS = {
    "moedetilstand.png": f"{MODE}?nu=13:20",  # item 3 by the clock, 25 minutes left
    "moedetilstand-over-tiden.png": f"{MODE}?nu=13:50&trin=3",  # the chair is still on item 3
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with running_server() as host, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        for name, address in SHOTS.items():
            page = browser.new_page(viewport={"width": 1280, "height": 760}, locale="da-DK")
            page.goto(f"http://{host}{address}")
            page.wait_for_timeout(400)
            page.screenshot(path=str(REPO / "docs" / name))
            page.close()
            print(f"Skrev docs/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
