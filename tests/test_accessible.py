"""The site is accessible as a public body's pages must be (issue 23, item 5; WCAG 2.1 AA
by webtilgængelighedsloven): axe-core, as axe-playwright-python vendors it, finds nothing
serious or critical on the site's pages in headless Chromium (Debian's ``chromium``,
driven by Playwright, whose own browsers are never downloaded).

axe runs its WCAG 2.0/2.1/2.2 A and AA rules and its best practices, and also the AAA
contrast rule (7:1), on each kind of page (indexes, agenda, minutes, sheets, plan,
history) at a desktop and a phone width. What axe cannot decide ("incomplete") may only
be the contrast of the texts inside an SVG timeline (axe sees the SVG as an image; those
texts' colours are checked here against the white page instead) and, at the phone's
width, of table cells scrolled out of view (decided at the desktop width).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import AXE_OPTIONS, CHROMIUM, EXAMPLES, axe_findings, axe_undecided, samtale


pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="chromium er ikke installeret")]
sync_api = pytest.importorskip("playwright.sync_api")
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

MEETING = "laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle"
MEETING_2025 = "laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning"
PAGES = [
    "index.html",
    "laeringssamtaler/index.html",
    "afdelinger/index.html",
    f"{MEETING}-dagsorden.html",
    f"{MEETING}-referat.html",
    f"{MEETING}-opmaerksomhedspunkter.html",
    f"{MEETING_2025}-dagsorden.html",
    f"{MEETING_2025}-referat.html",
    "historik.html",
    "afdelinger/vuggestuen-kernehuset/historik.html",
    "afdelinger/boernehuset-deruda/historik.html",
    "afdelinger/vuggestuen-kernehuset/indsats-smaa-boernegrupper.html",
    "afdelinger/vuggestuen-kernehuset/indsats-smaa-grupper-i-rutinerne.html",
    "afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13.html",
]
VIEWPORTS = {"skrivebord": {"width": 1280, "height": 800}, "telefon": {"width": 375, "height": 740}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = samtale("render", EXAMPLES, "-o", out, "--format", "html")
    assert result.code == 0, result.stderr
    return out


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def test_contrast_formula() -> None:
    assert round(contrast_on_white("#000000"), 1) == 21.0
    assert round(contrast_on_white("#777777"), 2) == 4.48  # the well-known grey just under AA


def test_the_pages_are_the_site_s(site: Path) -> None:
    """Every page axe looks at is one the site has (a renamed page would test nothing)."""
    assert [p for p in PAGES if not (site / p).is_file()] == []


@pytest.mark.parametrize("rel", PAGES)
def test_axe_finds_nothing_serious(browser: object, site: Path, rel: str) -> None:
    axe = axe_sync.Axe()
    for name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, locale="da-DK")
        try:
            page = context.new_page()
            page.goto((site / rel).as_uri())
            results = axe.run(page, options=AXE_OPTIONS).response
        finally:
            context.close()
        assert axe_findings(results, "violations") == [], name
        assert axe_undecided(results, clipped_allowed=name == "telefon") == [], name


@pytest.mark.parametrize("rel", [p for p in PAGES if "historik" in p or "indsats" in p])
def test_timeline_has_contrast(site: Path, rel: str) -> None:
    """What axe cannot decide: the SVG timeline's texts on the white page (AA: 4.5:1) and
    its bars and marks, graphics that carry the dates (WCAG 1.4.11: 3:1)."""
    html = (site / rel).read_text(encoding="utf-8")
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg, "the page has a timeline"

    def fills(tags: str) -> set[str]:
        opening = "".join(re.findall(rf"<(?:{tags})\b[^>]*>", svg[0]))
        return set(re.findall(r'fill="(#[0-9a-fA-F]{6})"', opening))

    texts, shapes = fills("text|g"), fills("rect|path|circle")
    assert texts and shapes
    assert {f: round(contrast_on_white(f), 2) for f in texts if contrast_on_white(f) < 4.5} == {}
    assert {f: round(contrast_on_white(f), 2) for f in shapes if contrast_on_white(f) < 3} == {}
