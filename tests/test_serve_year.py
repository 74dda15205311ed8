"""The year in the browser (issue 22): what a consultant does around one meeting, in
headless Chromium (Debian's ``chromium``, driven by Playwright) against ``samtale serve``
on a copy of the examples, and the same writes' refusals at the HTTP level.

* :func:`test_the_whole_year_in_the_browser` is issue 22's "Done when": meeting mode at a
  projector's two sizes, the minutes, then on ``/_efter`` attendance, two agreements (one
  marked done), pejlemærker, the next meeting and two departments' sheets; ``/_oversigt``
  shows them; ``git diff`` shows only those lines; ``samtale check`` passes; and
  ``samtale new læringssamtale`` makes next year's meeting.
* :func:`test_referent_and_leader_never_lose_each_other_s_text`: two browser contexts, the
  referent in meeting mode and the leader on ``/_efter``, saving different parts of the same
  meeting: a stale save is 409, the page offers to merge, and saving again keeps both.
* Stale and forged posts that tests/test_serve_efter.py does not send.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, MEETING_2025, Eks, samtale, served

ADDRESS = MEETING_2025.removesuffix(".yaml")
MODE = "/_moede/" + ADDRESS
AFTER = "/_efter/" + ADDRESS
SIZES = [(1920, 1080), (1280, 720)]
SHEET_DERUDA = "afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2025-05-12.yaml"
SHEET_KERNEHUSET = "afdelinger/vuggestuen-kernehuset/opmaerksomhedspunkter-2025-05-12.yaml"


# --- helpers --------------------------------------------------------------------------


@pytest.fixture
def contexts(browser: object) -> Iterator[Any]:
    made: list[Any] = []

    def make(width: int = 1280, height: int = 800) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
        context.set_default_timeout(10_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def run_git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
         "-c", "core.hooksPath=/dev/null", "-c", "init.defaultBranch=main", *args],
        cwd=root, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def current(page: Any) -> str:
    return " ".join(page.locator('li.punkt[aria-current="step"] .linje').inner_text().split())


def in_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] + box["width"] <= size["width"]


def submit(page: Any, selector: str) -> int:
    """Click a form's button; the status of the page it gives."""
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value.status


def next_meeting_day(today: dt.date) -> dt.date:
    """A working day some months ahead (``new`` starts next year's meeting on it)."""
    from samtale_cli.core import values as v

    day = today + dt.timedelta(days=120)
    while v.day_off(day) or day.weekday() != 1:  # a Tuesday that is not a holiday
        day += dt.timedelta(days=1)
    return day


# --- the whole year -------------------------------------------------------------------


@pytest.mark.slow
def test_the_whole_year_in_the_browser(contexts: Any, tmp_path: Path) -> None:  # noqa: PLR0915 - one story
    root = tmp_path / "eks"
    shutil.copytree(EXAMPLES, root)
    run_git(root, "init", "-q")
    run_git(root, "add", "-A")
    run_git(root, "commit", "-q", "-m", "eksempler")
    meeting = root / MEETING_2025
    day = next_meeting_day(dt.date.today())

    with served(root) as server:
        base = server.url.rstrip("/")

        # 1. meeting mode on a projector: every item, the countdown and the title always in view
        for width, height in SIZES:
            page = contexts(width, height).new_page()
            page.goto(f"{base}{MODE}?nu=12:00")
            steps = page.locator("li.punkt").count()
            assert steps >= 8
            seen = []
            for _ in range(steps):
                page.keyboard.press("ArrowRight")
                seen.append(current(page))
                assert in_viewport(page, "#nedtaelling"), (width, seen[-1])
                assert in_viewport(page, "#nu-emne"), (width, seen[-1])
                assert in_viewport(page, 'li.punkt[aria-current="step"] .linje'), (width, seen[-1])
                topic = page.locator('li.punkt[aria-current="step"] .emne').inner_text()
                assert topic in page.locator("#nu-emne").inner_text()
            assert len(set(seen)) == steps  # each item was current once
            assert seen[-1].endswith("Tak for i dag 10 min")
            assert page.locator("#naeste").inner_text() == "–"

        # 2. the minutes: typed and saved with the keyboard (Ctrl+Enter) and with the button
        page = contexts(1920, 1080).new_page()
        page.goto(f"{base}{MODE}?nu=13:02")
        assert current(page).startswith("13:00–13:05 1 Velkomst")
        page.focus("#referat-1")
        page.keyboard.type("Karen bød velkommen; Henrik havde meldt afbud.")
        page.keyboard.press("Control+Enter")
        page.locator("#punkt-1 .gemt", has_text="Gemt kl.").wait_for()
        page.keyboard.press("Escape")
        page.fill("#referat-4", "Vi lykkes med de små grupper.\nGarderoben er stadig svær.")
        page.click("#punkt-4 button[type=submit]")
        page.locator("#punkt-4 .gemt", has_text="Gemt kl.").wait_for()
        page.click("a:has-text('Efter mødet')")

        # 3. after the meeting
        page.wait_for_url(f"**{AFTER}")
        assert page.locator("h1").inner_text().startswith("Efter mødet")
        name = page.locator("tr", has_text="Birthe Holm")
        name.locator("select").select_option("mødt")
        assert submit(page, "tr:has-text('Birthe Holm') button[type=submit]") == 200
        page.fill("#aftale-ny-hvad", "Opmærksomhedspunkterne præsenteres på personalemøderne")
        page.fill("#aftale-ny-ansvarlig", "pædagogisk leder")
        page.fill("#aftale-ny-frist", "1/9 2025")
        assert submit(page, "#aftale-ny button[type=submit]") == 200
        page.fill("#aftale-ny-hvad", "Forældrerådet orienteres om pejlemærkerne")
        page.fill("#aftale-ny-ansvarlig", "Karen og konsulent")
        page.fill("#aftale-ny-frist", "uge 36 2025")
        assert submit(page, "#aftale-ny button[type=submit]") == 200
        page.select_option("#aftale-8-status", "udført")
        page.fill("#aftale-8-udfoert", "5/9 2025")
        assert submit(page, "#aftale-8 button[type=submit]") == 200
        landmarks = page.locator("#pejlemaerker-tekst")
        landmarks.fill(landmarks.input_value() + "\nVi vil inddrage forældrene i arbejdet med overgangene.")
        assert submit(page, "#pejlemaerker button[type=submit]") == 200
        page.fill("#naeste-dato", f"{day.day}/{day.month} {day.year}")
        assert submit(page, "#naeste-moede button[type=submit]") == 200
        assert page.locator("#naeste-dato").input_value() == day.isoformat()
        sheets = {
            "ark-boernehuset-deruda": ("Små grupper hele dagen", "Frokosten er stadig svær",
                                       ["Overgange til frokost", "Garderoben", "De stille børn"]),
            "ark-vuggestuen-kernehuset": ("Rutinerne i små grupper", "Video viser flere samspil",
                                          ["KVALID i evalueringen", "Onboarding af nye kolleger", "Sovetiden",
                                           "Forældresamarbejdet"]),
        }
        for form, (worked, data, points) in sheets.items():
            page.fill(f"#{form}-arbejdet", worked)
            page.fill(f"#{form}-data", data)
            page.fill(f"#{form}-punkter", "\n".join(points))
            assert submit(page, f"#{form} button[type=submit]") == 200
            assert page.locator(f"#{form}-punkter").input_value() == "\n".join(points)  # saved: shown from the file
        assert page.locator(".fejl:not(:empty)").count() == 0

        # 4. the overview shows them
        page.goto(f"{base}/_oversigt?dato=2025-09-10")  # after the one marked done was done
        open_ones = page.locator("table.aftaler tbody th").all_inner_texts()
        assert "Opmærksomhedspunkterne præsenteres på personalemøderne" in open_ones
        assert "Forældrerådet orienteres om pejlemærkerne" not in open_ones  # done
        text = page.locator("main").inner_text()
        deruda = text.split("Børnehuset Derudá", 1)[1].split("Børnehuset Haven", 1)
        assert "Overgange til frokost" in deruda[0] and "Mangler opmærksomhedspunkter" not in deruda[0]
        assert "Mangler opmærksomhedspunkter" in deruda[1].split("Børnehuset Ovenpå", 1)[0]  # Haven has none yet
        kernehuset = text.split("Vuggestuen Kernehuset", 1)[1].split("Vuggestuen Gårdhaven", 1)[0]
        assert "KVALID i evalueringen" in kernehuset and "Mangler opmærksomhedspunkter" not in kernehuset
        server.stop()

    # 5. git diff: only those lines
    status = sorted(run_git(root, "status", "--porcelain", "--untracked-files=all").splitlines())
    assert status == sorted([f" M {MEETING_2025}", f"?? {SHEET_DERUDA}", f"?? {SHEET_KERNEHUSET}",
                             "?? .samtale/schema/opmaerksomhedspunkter.json"])  # the sheets' modeline, as `new` writes it
    diff = changed_lines(run_git(root, "diff", "-U0", "--", MEETING_2025))
    assert sorted(diff) == sorted([  # the lines, in whatever hunks git puts them
        "-    fremmøde: afbud",
        "+    fremmøde: mødt",
        "+    referat: Karen bød velkommen; Henrik havde meldt afbud.",
        "+    referat: |",
        "+      Vi lykkes med de små grupper.",
        "+      Garderoben er stadig svær.",
        "+  - Vi vil inddrage forældrene i arbejdet med overgangene.",
        "+  - hvad: Opmærksomhedspunkterne præsenteres på personalemøderne",
        "+    ansvarlig: [pædagogisk leder]",
        "+    frist: 2025-09-01",
        "+  - hvad: Forældrerådet orienteres om pejlemærkerne",
        "+    ansvarlig: [Karen, konsulent]",
        "+    frist: uge 36 2025",
        "+    status: udført",
        "+    udført: 2025-09-05",
        "-næste_møde: 2026-05-11",
        f"+næste_møde: {day.isoformat()}",
    ]), "\n".join(diff)
    deruda_sheet = (root / SHEET_DERUDA).read_text(encoding="utf-8")
    assert "afdeling: Børnehuset Derudá" in deruda_sheet and "  - De stille børn" in deruda_sheet
    assert f"læringssamtale: ../../{MEETING_2025}" in deruda_sheet

    # 6. samtale check passes; 7. next year's meeting from this one
    checked = samtale("check", cwd=root)
    assert checked.code == 0, checked.stdout + checked.stderr
    before = set(root.rglob("*.yaml"))
    made = samtale("new", "læringssamtale", cwd=root)
    assert made.code == 0, made.stdout + made.stderr
    new_files = sorted(set(root.rglob("*.yaml")) - before)
    assert len(new_files) == 1 and new_files[0].parent == meeting.parent, new_files
    clean = samtale("check", new_files[0], cwd=root)
    # no error (a fresh meeting may still hold placeholders to fill in: S801, a warning)
    assert clean.code == 0 and [f for f in clean.findings if f[3] == "fejl"] == [], clean.stdout


# --- two people, one meeting ----------------------------------------------------------


def test_referent_and_leader_never_lose_each_other_s_text(contexts: Any, eks: Eks) -> None:  # noqa: PLR0915
    """The referent types minutes in meeting mode while the leader types pejlemærker on
    /_efter; whoever saves second gets 409 and the page offers to merge (the other change
    in, the typed text kept); saving again keeps both."""
    referent = contexts(1280, 720).new_page()
    leader = contexts(1280, 800).new_page()
    other = contexts(1280, 720).new_page()  # a second referent's laptop
    with served(eks.root) as server:
        base = server.url.rstrip("/")
        referent.goto(f"{base}{MODE}?nu=13:40")
        leader.goto(f"{base}{AFTER}")
        leader.wait_for_timeout(300)  # the event streams are open

        # the leader types, the referent saves first
        landmarks = leader.locator("#pejlemaerker-tekst")
        landmarks.fill(landmarks.input_value() + "\nSkrevet af lederen")
        referent.fill("#referat-3", "Skrevet af referenten")
        referent.keyboard.press("Control+Enter")
        referent.locator("#punkt-3 .gemt", has_text="Gemt kl.").wait_for()
        leader.locator("#fil-aendret").wait_for()  # told, and the page is not reloaded under her
        assert "Skrevet af lederen" in landmarks.input_value()
        assert submit(leader, "#pejlemaerker button[type=submit]") == 409
        assert "gem igen" in leader.locator("#pejlemaerker-fejl").inner_text()
        assert leader.locator("#pejlemaerker-fejl").get_attribute("role") == "alert"
        assert "Skrevet af lederen" in leader.locator("#pejlemaerker-tekst").input_value()  # the typed text kept
        assert "Skrevet af lederen" not in eks.text(MEETING_2025)
        assert submit(leader, "#pejlemaerker button[type=submit]") == 200  # saved again: over the new file
        text = eks.text(MEETING_2025)
        assert "Skrevet af referenten" in text and "  - Skrevet af lederen" in text

        # the referent types, the leader and another referent save first
        referent.wait_for_function("v => document.getElementById('moede').dataset.version === v", arg=version(eks))
        referent.fill("#referat-4", "Referentens tekst til punkt 4")
        other.goto(f"{base}{MODE}?nu=13:02")
        other.fill("#referat-1", "Den anden referents tekst")
        other.click("#punkt-1 button[type=submit]")
        other.locator("#punkt-1 .gemt", has_text="Gemt kl.").wait_for()
        # the leader's page, with nothing typed in it, follows the file by itself
        leader.wait_for_function("v => document.querySelector('input[name=version]').value === v", arg=version(eks))
        leader.select_option("tr:has-text('Birthe Holm') select", "mødt")
        assert submit(leader, "tr:has-text('Birthe Holm') button[type=submit]") == 200
        referent.locator("#aendret").wait_for(state="visible")
        referent.click("#punkt-4 button[type=submit]")
        refused = referent.locator("#punkt-4 .gemt.fejl")
        refused.wait_for()
        assert "Filen er ændret" in refused.inner_text() and "ikke gemt" in refused.inner_text()
        assert "Referentens tekst" not in eks.text(MEETING_2025)
        referent.click("#flet")  # the merge: the others' text in, this one's kept
        referent.locator("#aendret").wait_for(state="hidden")
        assert referent.locator("#referat-1").input_value() == "Den anden referents tekst"
        assert referent.locator("#referat-4").input_value() == "Referentens tekst til punkt 4"
        assert referent.evaluate("document.activeElement.id") == "referat-4"
        referent.keyboard.press("Control+Enter")
        referent.locator("#punkt-4 .gemt", has_text="Gemt kl.").wait_for()
        server.stop()
    text = eks.text(MEETING_2025)
    for kept in ("Skrevet af referenten", "  - Skrevet af lederen", "Den anden referents tekst",
                 "Referentens tekst til punkt 4"):
        assert kept in text, kept
    assert "    fremmøde: afbud\n  - navn: Tove Mikkelsen" not in text  # Birthe Holm came
    assert samtale("check", cwd=eks.root).code == 0


# --- stale and forged posts -----------------------------------------------------------

TOKEN = "prøve-token"


@pytest.fixture
def client(eks: Eks) -> Any:
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from samtale_cli.serve.site import Site
    from samtale_cli.serve.web import create_app

    app = create_app(Site(eks.root, eks.root), {"testserver"}, TOKEN, watch=False)
    return TestClient(app, follow_redirects=False)


def version(eks: Eks, rel: str = MEETING_2025) -> str:
    from samtale_cli.serve.minutes import version_of

    return version_of(eks.path(rel).read_bytes())


STALE_FORMS = [
    ("_fremmoede", {"navn": "Henrik Lauridsen", "fremmøde": "mødt", "skema": "fremmoede-2"}, "fremmoede-2", "mødt"),
    ("_aftale", {"nr": "1", "hvad": "Skrevet i en gammel fane", "ansvarlig": "konsulent", "frist": "",
                 "status": "åben", "udført": "", "skema": "aftale-1"}, "aftale-1", "Skrevet i en gammel fane"),
    ("_aftale", {"nr": "2", "slet": "ja", "skema": "aftale-2"}, "aftale-2", None),
    ("_pejlemaerker", {"pejlemærker": "Fra en gammel fane", "skema": "pejlemaerker"}, "pejlemaerker",
     "Fra en gammel fane"),
]


@pytest.mark.parametrize(("endpoint", "fields", "form", "kept"), STALE_FORMS)
def test_every_form_refuses_a_stale_version_and_keeps_what_was_typed(
        client: Any, eks: Eks, endpoint: str, fields: dict[str, str], form: str, kept: str | None) -> None:
    old = version(eks)
    eks.edit(MEETING_2025, "næste_møde: 2026-05-11", "næste_møde: 2026-05-12")  # someone else saved
    before = eks.path(MEETING_2025).read_bytes()
    answer = client.post(f"/{endpoint}/{ADDRESS}", data={"token": TOKEN, "version": old, **fields})
    assert answer.status_code == 409
    assert "gem igen" in re.search(rf'id="{form}-fejl"[^>]*>([^<]*)<', answer.text)[1]  # type: ignore[index]
    if kept is not None:
        assert kept in answer.text
    assert 'value="2026-05-12"' in answer.text  # the other change is on the page
    assert f'name="version" value="{version(eks)}"' in answer.text
    assert 'data-skrevet="1"' in answer.text  # the page is not reloaded under the typed text
    assert eks.path(MEETING_2025).read_bytes() == before
    again = client.post(f"/{endpoint}/{ADDRESS}", data={"token": TOKEN, "version": version(eks), **fields})
    assert again.status_code == 303
    assert "næste_møde: 2026-05-12" in eks.text(MEETING_2025)


def test_a_stale_sheet_and_one_made_meanwhile(client: Any, eks: Eks) -> None:
    from conftest import SHEET_DERUDA as SHEET_2024

    fields = {"token": TOKEN, "afdeling": "Børnehuset Derudá", "arbejdet_med": "A", "data_peger_på": "B",
              "punkter": "Et\nTo\nTre", "skema": "ark-boernehuset-deruda"}
    assert client.post(f"/_ark/{ADDRESS}", data={**fields, "version": ""}).status_code == 303
    made = eks.path(SHEET_DERUDA)
    text = made.read_text(encoding="utf-8")
    again = client.post(f"/_ark/{ADDRESS}", data={**fields, "version": "", "punkter": "Fire\nFem\nSeks"})
    assert again.status_code == 409 and "Fire\nFem\nSeks" in again.text  # made meanwhile: the typed text kept
    assert "I filen står nu: Opmærksomhedspunkter: «Et\nTo\nTre»." in again.text  # and the other one named
    stale = client.post(f"/_ark/{ADDRESS}", data={**fields, "version": "0" * 32, "punkter": "Fire\nFem\nSeks"})
    assert stale.status_code == 409 and "Fire\nFem\nSeks" in stale.text
    assert made.read_text(encoding="utf-8") == text
    gone = client.post(f"/_ark/{ADDRESS}", data={**fields, "version": version(eks, SHEET_2024)})
    assert gone.status_code == 409  # a version, but of another file
    assert made.read_text(encoding="utf-8") == text


FORGED = [
    ({"token": TOKEN + "x"}, 403),
    ({"token": TOKEN.upper()}, 403),
    ({"token": None}, 403),
    ({"nr": "0"}, 404),
    ({"nr": "99"}, 404),
    ({"nr": "-1"}, 404),
    ({"nr": "١"}, 404),  # an Arabic-Indic one
    ({"nr": "1", "status": "slettet"}, 400),
    ({"nr": "1", "udført": "<script>"}, 400),
    ({"skema": '"><script>alert(1)</script>', "frist": "31/6 2025"}, 400),
]


@pytest.mark.parametrize(("fields", "status"), FORGED)
def test_forged_agreement_posts(client: Any, eks: Eks, fields: dict[str, str | None], status: int) -> None:
    before = eks.path(MEETING_2025).read_bytes()
    data: dict[str, str] = {"token": TOKEN, "version": version(eks), "nr": "1", "hvad": "X", "ansvarlig": "konsulent",
                            "status": "åben"}
    data.update({k: v for k, v in fields.items() if v is not None})
    for k in [k for k, v in fields.items() if v is None]:
        del data[k]
    answer = client.post(f"/_aftale/{ADDRESS}", data=data)
    assert answer.status_code == status
    assert "<script>" not in answer.text and "Traceback" not in answer.text
    assert eks.path(MEETING_2025).read_bytes() == before


def test_forged_addresses_methods_and_bodies(client: Any, eks: Eks) -> None:
    before = {p: p.read_bytes() for p in eks.root.rglob("*.yaml")}
    data = {"token": TOKEN, "version": version(eks), "pejlemærker": "x"}
    for address in ("/_pejlemaerker/../samtale", "/_pejlemaerker/samtale", f"/_pejlemaerker/{ADDRESS}.yaml",
                    "/_pejlemaerker/afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2024-05-13",
                    "/_ark/afdelinger/vuggestuen-kernehuset/indsats-smaa-boernegrupper", "/_pejlemaerker/"):
        assert client.post(address, data=data).status_code in (404, 405), address
    assert client.get(f"/_pejlemaerker/{ADDRESS}").status_code == 404  # a GET is a page: there is none
    assert client.post(f"/_pejlemaerker/{ADDRESS}", content=b'{"token": "x"}',
                       headers={"content-type": "application/json"}).status_code == 415
    assert client.post(f"/_pejlemaerker/{ADDRESS}", content="token=%FF%FE".encode(),
                       headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 400
    from samtale_cli.serve.web import MAX_FIELDS

    many = "&".join(f"f{k}=1" for k in range(MAX_FIELDS + 1))
    assert client.post(f"/_pejlemaerker/{ADDRESS}", content=many.encode(),
                       headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 400
    null_origin = client.post(f"/_pejlemaerker/{ADDRESS}", data=data, headers={"Origin": "null"})
    assert null_origin.status_code == 403
    sheet = client.post(f"/_ark/{ADDRESS}", data={"token": TOKEN, "version": "", "afdeling": "../../samtale",
                                                   "punkter": "a\nb\nc"})
    assert sheet.status_code == 400
    away = client.post(f"/_aftale/{ADDRESS}", data={"token": TOKEN, "version": version(eks), "nr": "2",
                                                     "status": "udført", "tilbage": "https://evil.example/"})
    assert away.status_code == 303 and away.headers["location"].startswith(f"/_efter/{ADDRESS}")
    before[eks.path(MEETING_2025)] = eks.path(MEETING_2025).read_bytes()  # that one was meant to save
    assert {p: p.read_bytes() for p in eks.root.rglob("*.yaml")} == before


def test_a_stale_form_says_what_the_file_now_has_in_it(client: Any, eks: Eks) -> None:
    """Both changed the same agreement: the page keeps what was typed and names the other
    change that saving again would replace, so it can be typed in too."""
    old = version(eks)
    eks.edit(MEETING_2025, "    frist: 2025-10-01", "    frist: 2025-11-01")  # someone else saved
    fields = {"token": TOKEN, "version": old, "nr": "2", "skema": "aftale-2",
              "hvad": "Kompetenceudviklingen forberedes i lederteamet", "ansvarlig": "dagtilbudsleder, konsulent",
              "frist": "2025-10-01", "status": "udført", "udført": "2025-10-20"}
    answer = client.post(f"/_aftale/{ADDRESS}", data=fields)
    assert answer.status_code == 409
    message = re.search(r'id="aftale-2-fejl"[^>]*>([^<]*)<', answer.text)[1]  # type: ignore[index]
    assert message.endswith("I filen står nu: Frist: «2025-11-01»; Status: «i gang»; Udført: «».")
    assert 'id="aftale-2-frist" name="frist" value="2025-10-01"' in answer.text  # as typed


def test_the_same_item_typed_in_two_places_shows_the_other_text(contexts: Any, eks: Eks) -> None:
    """Two referents wrote the same item's minutes: the merge keeps this one's text and
    shows the other one's beside it, so nothing is lost without being seen."""
    first, second = contexts(1280, 720).new_page(), contexts(1280, 720).new_page()
    with served(eks.root) as server:
        address = f"{server.url.rstrip('/')}{MODE}?nu=13:20"
        first.goto(address)
        second.goto(address)
        first.fill("#referat-4", "Den første referents referat")
        second.fill("#referat-4", "Den anden referents referat")
        second.keyboard.press("Control+Enter")
        second.locator("#punkt-4 .gemt", has_text="Gemt kl.").wait_for()
        first.locator("#aendret").wait_for(state="visible")
        first.click("#flet")
        told = first.locator("#punkt-4 .gemt.fejl")
        told.wait_for()
        assert "Den anden referents referat" in told.inner_text()
        assert first.locator("#punkt-4 .gemt").get_attribute("role") == "status"
        assert first.locator("#referat-4").input_value() == "Den første referents referat"
        first.fill("#referat-4", "Den første referents referat. Den anden referents referat")
        first.click("#punkt-4 button[type=submit]")
        first.locator("#punkt-4 .gemt", has_text="Gemt kl.").wait_for()
        server.stop()
    assert "    referat: Den første referents referat. Den anden referents referat" in eks.text(MEETING_2025)
