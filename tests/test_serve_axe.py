"""samtale serve's pages are accessible (issue 22, item 5; issue 23, item 5): axe-core, as
axe-playwright-python vendors it, finds nothing serious or critical on them in headless
Chromium (Debian's ``chromium``, driven by Playwright) with the rules of
tests/test_accessible.py (WCAG 2.x A and AA, best practices, AAA contrast).

The pages: the site's pages as serve sends them (with the links to the app's own pages),
meeting mode on a projector's two sizes before, during (in time, nearly out of time, over
time, an item the chair chose) and after the meeting, with the "file changed" notice and a
refused save showing; the after-meeting page as it comes, with a refused form and with a
stale one; the overview, also with a filter it refuses; the short pages (404, a bad
``?nu=``) and a file's findings. And the forms are used with the keyboard alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import AXE_OPTIONS, CHROMIUM, EXAMPLES, MEETING, MEETING_2025, axe_findings, axe_undecided, served


pytestmark = [pytest.mark.browser, pytest.mark.process,  # the server runs as a process (module fixture)
              pytest.mark.skipif(CHROMIUM is None, reason="chromium er ikke installeret")]
sync_api = pytest.importorskip("playwright.sync_api")
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

M2024 = MEETING.removesuffix(".yaml")
M2025 = MEETING_2025.removesuffix(".yaml")
PROJECTOR = {"1920x1080": {"width": 1920, "height": 1080}, "1280x720": {"width": 1280, "height": 720}}
DESKTOP = {"1280x800": {"width": 1280, "height": 800}}
PAGES = [
    "",
    "laeringssamtaler/index.html",
    f"{M2025}-referat.html",
    f"{M2024}-dagsorden.html",
    "historik.html",
    "afdelinger/index.html",
    "afdelinger/vuggestuen-kernehuset/historik.html",
    "afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13.html",
    f"_efter/{M2025}",
    f"_efter/{M2024}",
    "_oversigt",
    "_oversigt?dato=2025-06-01&ansvarlig=forældrerepræsentant",
    "_oversigt?ansvarlig=Ingen%20S%C3%A5dan",  # refused: the message by the filter
    "_findes-ikke",  # 404
    f"_moede/{M2025}?nu=25:99",  # 400
    "_moede/laeringssamtaler/gaar-ikke",  # the meeting mode of a file with errors: its findings
]
MODES = [
    f"_moede/{M2025}?nu=12:30",  # before the meeting
    f"_moede/{M2025}?nu=13:20",  # an item in time
    f"_moede/{M2024}?nu=13:09",  # nearly out of time
    f"_moede/{M2024}?nu=13:20&trin=2",  # chosen by the chair, over time
    f"_moede/{M2024}?nu=15:50&trin=14",
    f"_moede/{M2024}?nu=18:00",  # after
]
BROKEN = "laeringssamtaler/gaar-ikke.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    root = tmp_path_factory.mktemp("axe") / "eks"
    shutil.copytree(EXAMPLES, root)
    (root / BROKEN).write_text("type: læringssamtale\ntitel: Går ikke\ndato: 2025-02-30\n", encoding="utf-8")
    with served(root) as running:
        running.root = root  # type: ignore[attr-defined]
        yield running
        running.stop()


@pytest.fixture
def contexts(browser: object) -> Iterator[object]:
    made: list[object] = []

    def make(viewport: dict[str, int]) -> object:
        context = browser.new_context(viewport=viewport, locale="da-DK")
        context.set_default_timeout(10_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def nothing_serious(page: object, what: str) -> None:
    """axe finds nothing serious or critical. At the top of the page: scrolled down, the
    sticky panels (meeting mode's "Nu", a "file changed" notice) lie over the page, and axe
    cannot tell the colour behind a text that lies over another (``elmPartiallyObscuring``)."""
    page.evaluate("window.scrollTo(0, 0)")
    results = axe_sync.Axe().run(page, options=AXE_OPTIONS).response
    assert axe_findings(results, "violations") == [], what
    assert axe_undecided(results, clipped_allowed=False) == [], what


@pytest.mark.parametrize("address", PAGES)
def test_serve_pages(server: object, contexts: object, address: str) -> None:
    page = contexts(DESKTOP["1280x800"]).new_page()
    answer = page.goto(server.url + address)
    expected = 404 if "findes-ikke" in address else 400 if ("Ingen" in address or "25:99" in address) else 200
    assert answer.status == expected
    assert page.locator("html").get_attribute("lang") == "da"
    if "gaar-ikke" in address:
        assert "2025-02-30" in page.content() or "februar" in page.content()
    nothing_serious(page, address)


@pytest.mark.parametrize("size", PROJECTOR)
@pytest.mark.parametrize("address", MODES)
def test_meeting_mode_on_a_projector(server: object, contexts: object, address: str, size: str) -> None:
    page = contexts(PROJECTOR[size]).new_page()
    assert page.goto(server.url + address).status == 200
    nothing_serious(page, f"{address} {size}")


def test_meeting_mode_with_its_notices(server: object, contexts: object) -> None:
    """The "file changed" notice with its merge button, and a refused save's message."""
    page = contexts(PROJECTOR["1280x720"]).new_page()
    page.goto(f"{server.url}_moede/{M2025}?nu=13:20")
    page.fill("#referat-3", "Noget skrevet")
    page.evaluate("document.querySelectorAll('input[name=version]').forEach(i => i.value = 'forældet')")
    page.click("#punkt-3 button[type=submit]")
    page.locator("#punkt-3 .gemt.fejl").wait_for()
    assert page.locator("#aendret").is_visible() and page.locator("#flet").is_visible()
    nothing_serious(page, "mødetilstand med besked")


def test_after_page_with_a_refused_and_a_stale_form(server: object, contexts: object) -> None:
    page = contexts(DESKTOP["1280x800"]).new_page()
    page.goto(f"{server.url}_efter/{M2025}")
    page.fill("#aftale-1-frist", "31/6 2025")
    with page.expect_navigation():
        page.click("#aftale-1 button[type=submit]")
    assert "30 dage" in page.locator("#aftale-1-fejl").inner_text()
    nothing_serious(page, "efter: afvist")
    page.goto(f"{server.url}_efter/{M2025}")
    page.evaluate("document.querySelectorAll('input[name=version]').forEach(i => i.value = 'forældet')")
    page.fill("#pejlemaerker-tekst", "Et pejlemærke")
    with page.expect_navigation():
        page.click("#pejlemaerker button[type=submit]")
    assert "gem igen" in page.locator("#pejlemaerker-fejl").inner_text()
    nothing_serious(page, "efter: forældet")
    # typing when the file changes elsewhere: the page says so instead of reloading
    page.goto(f"{server.url}_efter/{M2025}")
    page.wait_for_timeout(300)  # the event stream is open
    page.fill("#aftale-1-hvad", "Skrevet, ikke gemt")
    meeting = server.root / MEETING_2025
    meeting.write_text(meeting.read_text(encoding="utf-8") + "# ændret et andet sted\n", encoding="utf-8")
    page.locator("#fil-aendret").wait_for()
    assert page.locator("#aftale-1-hvad").input_value() == "Skrevet, ikke gemt"
    nothing_serious(page, "efter: filen ændret")


def test_forms_by_keyboard_alone(server: object, contexts: object) -> None:
    """Tab to a field, type, Enter: the refused value is announced (role=alert, the field
    points to the message and has the focus again, with what was typed); a select changed
    with the arrow keys and a text of several lines are saved without a mouse."""
    root: Path = server.root
    page = contexts(DESKTOP["1280x800"]).new_page()
    page.goto(f"{server.url}_efter/{M2025}")
    page.focus("#pejlemaerker button[type=submit]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "naeste-dato"
    page.keyboard.press("Control+A")
    page.keyboard.type("31/6 2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    alert = page.locator("#naeste-moede-fejl")
    assert alert.get_attribute("role") == "alert" and alert.get_attribute("aria-live") == "assertive"
    assert "30 dage" in alert.inner_text()
    assert page.evaluate("document.activeElement.id") == "naeste-dato"  # the focus is back on the field
    field = page.locator("#naeste-dato")
    assert field.get_attribute("aria-invalid") == "true" and field.get_attribute("aria-describedby") == "naeste-moede-fejl"
    assert field.input_value() == "31/6 2026"
    page.keyboard.press("Control+A")
    page.keyboard.type("18/5 2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "næste_møde: 2026-05-18" in (root / MEETING_2025).read_text(encoding="utf-8")

    # attendance: a select, then its button
    page.focus("#fremmoede-1-valg")
    chosen = page.locator("#fremmoede-1-valg").input_value()
    page.keyboard.press("ArrowDown" if chosen == "mødt" else "ArrowUp")
    wanted = page.locator("#fremmoede-1-valg").input_value()
    assert wanted != chosen
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Gem")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#fremmoede-1-valg").input_value() == wanted

    # pejlemærker: lines typed with Enter, saved with Tab and Space
    page.focus("#pejlemaerker-tekst")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Skrevet med tastaturet")
    for _ in range(40):  # past the theme checkboxes to the form's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "  - Skrevet med tastaturet" in (root / MEETING_2025).read_text(encoding="utf-8")
