"""samtale serve in a real browser: headless Chromium (Debian's ``chromium``) driven by
Playwright's Python package, pointed at that executable (Playwright's own browsers are
never downloaded). Skipped where Chromium or Playwright is missing."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from conftest import CHROMIUM, MEETING, Eks, samtale, served

MODE = "/_moede/" + MEETING.removesuffix(".yaml")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium er ikke installeret")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="da-DK")
    yield context.new_page()
    context.close()


def current(page: object) -> str:
    return " ".join(page.locator('li.punkt[aria-current="step"] .linje').inner_text().split())


def test_index_and_a_document(page: object, eks: Eks) -> None:
    with served(eks.root) as server:
        page.goto(server.url)
        assert page.locator("html").get_attribute("lang") == "da"
        assert page.locator("h1").inner_text() == "Dagtilbud Vest"  # the site is named after the daycare
        page.click("a:has-text('Læringssamtaler')")  # the folder by the name people know
        page.locator("a", has_text="Mødetilstand").first.wait_for()
        page.click("a[href^='2024-05-13'][href$='-dagsorden.html']")
        assert "13:00–13:05" in page.content()
        server.stop()


def test_meeting_mode_follows_the_clock_and_the_chair(page: object, eks: Eks) -> None:
    with served(eks.root) as server:
        page.goto(f"{server.url.rstrip('/')}{MODE}?nu=13:20")
        assert current(page).startswith("13:10–13:45 3 Data")
        assert re.fullmatch(r"2[45]:\d\d", page.locator("#nedtaelling").inner_text())
        assert page.locator("#naeste").inner_text() == "4. Refleksion kl. 13:45"
        page.keyboard.press("ArrowRight")
        assert current(page).startswith("13:45–14:15 4 Refleksion")
        assert "trin=4" in page.url
        page.keyboard.press("ArrowRight")
        assert current(page).startswith("14:15–14:25 Pause")
        page.keyboard.press("f")
        page.keyboard.press("f")
        page.keyboard.press("f")
        assert current(page).startswith("13:05–13:10 2 Rammesætning")
        # item 2 ended at 13:10: ten minutes over, in red
        countdown = page.locator("#nedtaelling")
        assert countdown.inner_text().endswith("over tiden") and "over" in countdown.get_attribute("class")
        assert page.evaluate("getComputedStyle(document.getElementById('nedtaelling')).backgroundColor") == "rgb(179, 38, 30)"
        page.keyboard.press("u")
        assert current(page).startswith("13:10–13:45 3 Data") and "trin" not in page.url
        # keys typed into the minutes are text, not the chair's shortcuts
        page.fill("#referat-3", "")
        page.focus("#referat-3")
        page.keyboard.type("nu")
        assert current(page).startswith("13:10–13:45 3 Data")
        server.stop()


def test_minutes_typed_saved_and_in_the_yaml(page: object, eks: Eks) -> None:
    text = "Konsulenten viste processen: tre trin # uden pause"
    with served(eks.root) as server:
        page.goto(f"{server.url.rstrip('/')}{MODE}?nu=13:06")
        assert current(page).startswith("13:05–13:10 2 Rammesætning")
        page.fill("#referat-2", text)
        page.click("#punkt-2 button[type=submit]")
        page.locator("#punkt-2 .gemt", has_text="Gemt kl.").wait_for(timeout=10_000)
        server.stop()
    assert f"    referat: '{text}'" in eks.text(MEETING).splitlines()
    assert samtale("check", cwd=eks.root).code == 0


def test_a_stale_tab_gets_the_409_message(browser: object, eks: Eks) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    first, second = context.new_page(), context.new_page()
    try:
        with served(eks.root) as server:
            address = f"{server.url.rstrip('/')}{MODE}?nu=13:30"
            first.goto(address)
            second.goto(address)
            second.fill("#referat-4", "Skrevet i den anden fane")  # typing: the tab keeps its page
            first.fill("#referat-3", "Skrevet i den første fane")
            first.click("#punkt-3 button[type=submit]")
            first.locator("#punkt-3 .gemt", has_text="Gemt kl.").wait_for(timeout=10_000)
            saved = eks.path(MEETING).read_bytes()
            second.locator("#aendret").wait_for(state="visible", timeout=5_000)  # told while typing
            second.click("#punkt-4 button[type=submit]")
            message = second.locator("#punkt-4 .gemt.fejl")
            message.wait_for(timeout=10_000)
            assert "Filen er ændret" in message.inner_text() and "ikke gemt" in message.inner_text()
            assert eks.path(MEETING).read_bytes() == saved
            # the first tab saves again: its version followed its own save
            first.fill("#referat-4", "Også fra den første fane")
            first.click("#punkt-4 button[type=submit]")
            first.locator("#punkt-4 .gemt", has_text="Gemt kl.").wait_for(timeout=10_000)
            server.stop()
    finally:
        context.close()
    text = eks.text(MEETING)
    assert "Skrevet i den første fane" in text and "Også fra den første fane" in text
    assert "Skrevet i den anden fane" not in text


def test_an_open_page_reloads_when_its_file_changes(page: object, eks: Eks) -> None:
    with served(eks.root) as server:
        page.goto(f"{server.url.rstrip('/')}/{MEETING.removesuffix('.yaml')}-dagsorden.html")
        page.wait_for_timeout(500)  # the event stream is open
        eks.edit(MEETING, "emne: Velkomst", "emne: Goddag og velkommen")
        page.locator("th", has_text="Goddag og velkommen").wait_for(timeout=2_000)
        eks.edit(MEETING, "    del: plenum\n    minutter: 5 min\n    ansvarlig:\n      - konsulent",
                 "    del: plenum\n    minutter: 500 min\n    ansvarlig:\n      - konsulent")
        page.locator("li.fejl", has_text="[A101]").first.wait_for(timeout=2_000)
        server.stop()


# --------------------------------------------------------------------- the cycle across years

LABEL_BOXES = """() => {
  const svg = document.querySelector('.tidslinje svg');
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('g[font-size="11"] text')].map(t => {
    const b = t.getBBox();
    return [t.textContent, b.x, b.x + b.width, width];
  });
}"""


def _overlaps(boxes: list[list]) -> list[tuple[str, str]]:
    boxes = sorted(boxes, key=lambda b: b[1])
    return [(a[0], b[0]) for a, b in zip(boxes, boxes[1:]) if b[1] < a[2] + 2]


@pytest.mark.parametrize(("start", "end"), [
    ("2024-05-28", "2024-07-03"),  # a first label at the end of a month
    ("2024-08-12", "2025-06-30"),
    ("2021-05-03", "2024-09-30"),
    ("2020-01-01", "2032-12-31"),
    ("1950-01-01", "2199-12-31"),
])
def test_month_labels_never_overlap(page: object, eks: Eks, start: str, end: str) -> None:
    """The timeline's month labels, measured by Chromium: no two overlap, none runs off
    the chart; on the plan's page and on the department's history page (whose axis
    spans every plan and meeting)."""
    eks.write("afdelinger/vuggestuen-kernehuset/indsats-tid.yaml",
              f"type: indsats\ntitel: Tid\nafdeling: Vuggestuen Kernehuset\n"
              f"faser:\n  - navn: Fase 1\n    start: {start}\n    slut: {end}\n")
    with served(eks.root) as server:
        for address in ("afdelinger/vuggestuen-kernehuset/indsats-tid.html",
                        "afdelinger/vuggestuen-kernehuset/historik.html"):
            page.goto(f"{server.url}{address}")
            boxes = page.evaluate(LABEL_BOXES)
            assert boxes, address
            assert _overlaps(boxes) == [], (address, boxes)
            assert all(b[2] <= b[3] + 0.5 for b in boxes), boxes
        server.stop()


def test_history_pages_in_the_browser(page: object, eks: Eks) -> None:
    """The daycare's history links each department's; the department's page shows the
    years, which points a plan follows up (linked) and which none does yet."""
    with served(eks.root) as server:
        page.goto(server.url)
        page.click("a[href='historik.html']")
        assert page.locator("h1").inner_text() == "Historik: Dagtilbud Vest"
        page.click("nav a:has-text('Vuggestuen Kernehuset')")
        assert page.locator("h1").inner_text() == "Historik: Vuggestuen Kernehuset"
        assert page.locator("section.aar h2").all_inner_texts() == ["2025", "2024", "2021"]
        assert page.locator(".ikke-fulgt-op").count() == 1  # KVALID: the third point
        assert page.locator("svg rect").count() == 4 + 3  # the phases of both plans
        page.click("ol.punkter a >> nth=0")
        assert page.locator("h1").inner_text() == "Indsatsplan: Små grupper i rutinerne og onboarding i vores guidelines"
        assert "Følger op på opmærksomhedspunkter" in page.content()
        server.stop()


SCREENSHOTS = __import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "skaermbilleder"


def in_viewport(page: object, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] + box["width"] <= size["width"]


@pytest.mark.parametrize(("width", "height", "zoom"), [(1920, 1080, 1), (1280, 720, 1), (1280, 720, 1.5)])
def test_meeting_mode_on_a_projector_keeps_countdown_and_item_in_view(
        browser: object, eks: Eks, width: int, height: int, zoom: float) -> None:
    # a zoom of 150% is a viewport of 2/3 the size at a device scale of 1.5
    context = browser.new_context(viewport={"width": int(width / zoom), "height": int(height / zoom)},
                                  device_scale_factor=zoom, locale="da-DK")
    page = context.new_page()
    try:
        with served(eks.root) as server:
            page.goto(f"{server.url.rstrip('/')}{MODE}?nu=12:00")
            steps = page.locator("li.punkt").count()
            page.keyboard.press("ArrowRight")
            for _ in range(steps):
                assert in_viewport(page, "#nedtaelling"), current(page)
                assert in_viewport(page, "#nu-emne"), current(page)
                assert in_viewport(page, 'li.punkt[aria-current="step"] .linje'), current(page)
                if current(page).startswith("13:10–13:45 3 Data"):
                    shot = page.screenshot()
                    assert shot.startswith(b"\x89PNG")
                    # the pictures in docs/: made here when missing or with SAMTALE_UPDATE_GOLDEN=1 (a
                    # run of the tests leaves the checkout as it was)
                    target = SCREENSHOTS / f"moedetilstand-{width}x{height}-{int(zoom * 100)}.png"
                    if not target.exists() or os.environ.get("SAMTALE_UPDATE_GOLDEN") == "1":
                        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(shot)
                page.keyboard.press("ArrowRight")
            assert page.locator("text=Spørgsmål til refleksion").count() > 0
            server.stop()
    finally:
        context.close()


def test_after_page_by_keyboard_with_errors_announced(page: object, eks: Eks) -> None:
    from conftest import MEETING_2025

    after = "/_efter/" + MEETING_2025.removesuffix(".yaml")
    with served(eks.root) as server:
        page.set_default_timeout(5000)
        page.goto(f"{server.url.rstrip('/')}{after}")
        for field in page.locator("form input:not([type=hidden]), form select, form textarea").all():
            label = page.locator(f"label[for='{field.get_attribute('id')}']")
            assert label.count() == 1 and label.inner_text().strip(), field.get_attribute("id")
        page.focus("#naeste-dato")
        page.keyboard.press("Control+A")
        page.keyboard.type("31/6 2026")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        alert = page.locator("#naeste-moede-fejl")
        assert alert.get_attribute("role") == "alert" and "30 dage" in alert.inner_text()
        assert page.locator("#naeste-dato").input_value() == "31/6 2026"
        page.focus("#naeste-dato")
        page.keyboard.press("Control+A")
        page.keyboard.type("18/5 2026")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("#naeste-dato").input_value() == "2026-05-18"
        assert "næste_møde: 2026-05-18" in eks.text(MEETING_2025)
        server.stop()
