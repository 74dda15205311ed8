"""The rendered site in a real browser: headless Chromium (Debian's ``chromium``).

``.ci/run`` installs Chromium; where it is missing these tests are skipped.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import CHROMIUM, EXAMPLES, FLAGS, samtale


pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium er ikke installeret")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = samtale("render", EXAMPLES, "-o", out)
    assert result.code == 0, result.stderr
    return out


def chromium(tmp_path: Path, *args: str) -> str:
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profil'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_index_links_every_folder(site: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", (site / "index.html").as_uri())
    assert 'lang="da"' in dom
    for folder in ("laeringssamtaler", "afdelinger"):
        assert f'href="{folder}/index.html"' in dom


def test_agenda_shows_clock_times(site: Path, tmp_path: Path) -> None:
    page = next((site / "laeringssamtaler").glob("2024-05-13-*-dagsorden.html"))
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "mandag den 13. maj 2024" in dom
    assert "Velkomst" in dom and "13:00–13:05" in dom
    assert "15:45–16:00" in dom  # the last item ends the three-hour meeting at 16:00


def test_sheets_print_one_page_per_department(site: Path, tmp_path: Path) -> None:
    page = next((site / "laeringssamtaler").glob("*-opmaerksomhedspunkter.html"))
    pdf = tmp_path / "ark.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert pages == 9  # the nine departments that took part
