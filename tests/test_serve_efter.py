"""samtale serve: the after-meeting page (``/_efter/...``), its writes, and ``/_oversigt``.

Each write changes only its own lines; a value that would give the file an error is 400
with the finding and the form keeps what was typed; stale versions are 409; a bad token
or a foreign Host is 403.
"""

from __future__ import annotations

import difflib
import re

import pytest

from conftest import Eks, MEETING_2025, SERVE_TOKEN, post_form

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from samtale_cli.serve.minutes import version_of  # noqa: E402

TOKEN = SERVE_TOKEN
ADDRESS = MEETING_2025.removesuffix(".yaml")


@pytest.fixture
def client(serve_client: TestClient) -> TestClient:
    return serve_client


post = post_form


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a unified diff shows as removed or added."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def error_of(html: str, form: str) -> str:
    found = re.search(rf'id="{form}-fejl"[^>]*>([^<]*)<', html)
    assert found, form
    return found[1]


def test_the_page_shows_the_meeting_prefilled(client: TestClient) -> None:
    page = client.get(f"/_efter/{ADDRESS}")
    assert page.status_code == 200
    html = page.text
    assert 'name="token" value="prøve-token"' in html
    assert "Henrik Lauridsen" in html and 'value="afbud" selected' in html
    assert 'value="Kompetenceudviklingen forberedes i lederteamet"' in html
    assert 'id="naeste-dato" name="dato" value="2026-05-11"' in html
    assert "Vi vil evaluere vores indsatser med data" in html
    assert 'action="/_ark/' in html and "Børnehuset Derudá" in html
    assert f'href="/_moede/{ADDRESS}"' in html
    assert client.get("/_efter/ingen").status_code == 404


def test_linked_from_meeting_mode_index_and_meeting_pages(client: TestClient) -> None:
    assert f'href="/_efter/{ADDRESS}"' in client.get(f"/_moede/{ADDRESS}").text
    assert f'href="/_efter/{ADDRESS}"' in client.get("/laeringssamtaler/index.html").text
    assert f'href="/_efter/{ADDRESS}"' in client.get(f"/{ADDRESS}-referat.html").text
    assert 'href="/_oversigt"' in client.get("/").text


def test_attendance_changes_one_line(client: TestClient, eks: Eks) -> None:
    before = eks.text(MEETING_2025)
    answer = post(client, eks, "_fremmoede", navn="Henrik Lauridsen", fremmøde="mødt")
    assert answer.status_code == 303 and answer.headers["location"].startswith(f"/_efter/{ADDRESS}")
    assert changed_lines(before, eks.text(MEETING_2025)) == ["-    fremmøde: afbud", "+    fremmøde: mødt"]
    before = eks.text(MEETING_2025)
    assert post(client, eks, "_fremmoede", navn="Karen Vestergaard", fremmøde="afbud").status_code == 303
    assert changed_lines(before, eks.text(MEETING_2025)) == ["+    fremmøde: afbud"]


def test_agreements_edit_add_done_and_remove(client: TestClient, eks: Eks) -> None:
    before = eks.text(MEETING_2025)
    assert post(client, eks, "_aftale", nr="2", hvad="Kompetenceudviklingen forberedes i lederteamet",
                ansvarlig="dagtilbudsleder, konsulent", frist="1/11 2025", status="udført",
                udført="2025-10-20").status_code == 303
    assert changed_lines(before, eks.text(MEETING_2025)) == [
        "-    frist: 2025-10-01", "-    status: i gang", "+    frist: 2025-11-01", "+    status: udført",
        "+    udført: 2025-10-20"]
    before = eks.text(MEETING_2025)
    assert post(client, eks, "_aftale", nr="", hvad="Ny aftale: dele data", ansvarlig="Karen og konsulent",
                frist="uge 40 2025", status="åben", udført="").status_code == 303
    assert changed_lines(before, eks.text(MEETING_2025)) == [
        "+  - hvad: 'Ny aftale: dele data'", "+    ansvarlig: [Karen, konsulent]", "+    frist: uge 40 2025"]
    before = eks.text(MEETING_2025)
    assert post(client, eks, "_aftale", nr="6", slet="ja").status_code == 303
    assert changed_lines(before, eks.text(MEETING_2025)) == [
        "-  - hvad: Fælles forældremøde om gruppedannelse", "-    ansvarlig: [forældrerepræsentant]",
        "-    status: droppet"]


@pytest.mark.parametrize(("fields", "finding"), [
    ({"frist": "31/6 2025"}, "juni har kun 30 dage"),
    ({"frist": "1/5 2025"}, "før mødet"),
    ({"ansvarlig": "Ukendt Person"}, "hverken en deltagers rolle eller navn"),
])
def test_a_value_that_gives_an_error_is_400_and_the_form_keeps_it(
        client: TestClient, eks: Eks, fields: dict[str, str], finding: str) -> None:
    before = eks.path(MEETING_2025).read_bytes()
    answer = post(client, eks, "_aftale", nr="1", skema="aftale-1", **fields)
    assert answer.status_code == 400
    assert finding in error_of(answer.text, "aftale-1").replace("&#39;", "'")
    (key, typed), = fields.items()
    assert f'name="{key}" value="{typed}"' in answer.text
    assert eks.path(MEETING_2025).read_bytes() == before


def test_bad_next_meeting_and_unknown_person(client: TestClient, eks: Eks) -> None:
    before = eks.path(MEETING_2025).read_bytes()
    answer = post(client, eks, "_naeste-moede", dato="31/6 2026", skema="naeste-moede")
    assert answer.status_code == 400 and "30 dage" in error_of(answer.text, "naeste-moede")
    assert 'value="31/6 2026"' in answer.text
    assert post(client, eks, "_fremmoede", navn="Ingen Sådan", fremmøde="mødt").status_code == 400
    assert eks.path(MEETING_2025).read_bytes() == before


def test_landmarks_and_next_meeting(client: TestClient, eks: Eks) -> None:
    before = eks.text(MEETING_2025)
    assert post(client, eks, "_naeste-moede", dato="18/5 2026").status_code == 303
    assert changed_lines(before, eks.text(MEETING_2025)) == ["-næste_møde: 2026-05-11", "+næste_møde: 2026-05-18"]
    text = eks.text(MEETING_2025)
    landmarks = re.search(r"pejlemærker:\n((?:  - .*\n)+)", text)[1]  # type: ignore[index]
    kept = [line[4:] for line in landmarks.splitlines()][:2]
    assert post(client, eks, "_pejlemaerker", pejlemærker="\n".join([*kept, "Et nyt pejlemærke"])).status_code == 303
    assert changed_lines(text, eks.text(MEETING_2025)) == [
        "-  - Vi vil evaluere vores indsatser med data, så vi kan se, hvad der virker for børnene.",
        "+  - Et nyt pejlemærke"]


def test_stale_forged_and_foreign_posts(client: TestClient, eks: Eks) -> None:
    before = eks.path(MEETING_2025).read_bytes()
    stale = post(client, eks, "_naeste-moede", dato="18/5 2026", version="0" * 32, skema="naeste-moede")
    assert stale.status_code == 409 and 'value="18/5 2026"' in stale.text  # the typed value is kept
    assert 'name="version" value="' + version_of(before) + '"' in stale.text  # save again: over the new file
    assert post(client, eks, "_naeste-moede", dato="18/5 2026", token="forkert").status_code == 403
    assert post(client, eks, "_aftale", nr="1", status="udført", token="").status_code == 403
    foreign = client.post(f"/_pejlemaerker/{ADDRESS}", headers={"Host": "evil.example"},
                          data={"token": TOKEN, "version": version_of(before), "pejlemærker": "x"})
    assert foreign.status_code == 403
    origin = client.post(f"/_ark/{ADDRESS}", headers={"Origin": "http://evil.example"},
                         data={"token": TOKEN, "version": "", "afdeling": "Børnehuset Ovenpå", "punkter": "a"})
    assert origin.status_code == 403
    assert eks.path(MEETING_2025).read_bytes() == before


def test_a_sheet_is_made_where_new_puts_it_and_then_edited(client: TestClient, eks: Eks) -> None:
    target = eks.path("afdelinger/boernehuset-ovenpaa/opmaerksomhedspunkter-2025-05-12.yaml")
    assert not target.exists()
    fields = {"token": TOKEN, "version": "", "afdeling": "Børnehuset Ovenpå", "arbejdet_med": "Små grupper",
              "data_peger_på": "Stille børn\nved frokosten", "punkter": "Overgange\nFrokost\nGarderobe"}
    assert client.post(f"/_ark/{ADDRESS}", data=fields).status_code == 303
    assert target.exists() and "læringssamtale: ../../" + MEETING_2025 in target.read_text(encoding="utf-8")
    assert client.post(f"/_ark/{ADDRESS}", data=fields).status_code == 409  # it exists now
    from conftest import samtale

    assert samtale("check", eks.root).code in (0, 1)
    assert not [d for d in eks.diagnostics() if d.is_error]
    before = target.read_text(encoding="utf-8")
    fields.update(version=version_of(target.read_bytes()), punkter="Overgange\nFrokost\nGarderoben")
    assert client.post(f"/_ark/{ADDRESS}", data=fields).status_code == 303
    assert changed_lines(before, target.read_text(encoding="utf-8")) == ["-  - Garderobe", "+  - Garderoben"]
    fields.update(version=version_of(target.read_bytes()), punkter="")
    assert client.post(f"/_ark/{ADDRESS}", data=fields).status_code == 400  # punkter are required
    fields.update(afdeling="Ingen afdeling")
    assert client.post(f"/_ark/{ADDRESS}", data=fields).status_code == 400


def test_overview_page_and_its_status_forms(client: TestClient, eks: Eks) -> None:
    page = client.get("/_oversigt?dato=2025-06-01")
    assert page.status_code == 200
    assert "Kompetenceudviklingen forberedes i lederteamet" in page.text
    assert ">12. maj 2025</a></td>" in page.text and ">2025-05-12<" not in page.text  # 'Fra': a Danish date
    forms = re.findall(r'<form method="post" action="(/_aftale/[^"]+)">(.*?)</form>', page.text, re.S)
    assert forms
    action, body = next((a, b) for a, b in forms if ADDRESS in a and 'name="nr" value="2"' in b)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))
    fields["status"] = "udført"
    before = eks.text(MEETING_2025)
    answer = client.post(action, data=fields)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/_oversigt?dato=2025-06-01")
    # done on the day the overview shows (it lists what is open on that day)
    assert changed_lines(before, eks.text(MEETING_2025)) == ["-    status: i gang", "+    status: udført",
                                                             "+    udført: 2025-06-01"]
    assert "Kompetenceudviklingen forberedes" not in client.get("/_oversigt?dato=2025-06-01").text
    who = client.get("/_oversigt", params={"ansvarlig": "forældrerepræsentant"})
    assert who.status_code == 200
    assert client.get("/_oversigt", params={"ansvarlig": "Ingen Sådan"}).status_code == 400
    assert client.get("/_oversigt?dato=31/6").status_code == 400


def test_a_saved_form_says_so_by_the_form(client: TestClient, eks: Eks) -> None:
    """A re-trial: after 'Gem' the page only jumped to the form; the referent checked
    'git diff' each time. Now 'Gemt.' stands by the form saved (role=status), by no other."""
    answer = post(client, eks, "_naeste-moede", dato="18/5 2026", skema="naeste-moede")
    assert answer.status_code == 303 and answer.headers["location"].endswith("?gemt=naeste-moede#naeste-moede")
    shown = client.get(answer.headers["location"]).text
    assert shown.count('<p class="gemt" role="status">Gemt.</p>') == 1
    form = shown[shown.index('id="naeste-moede-fejl"'):]
    assert form.index('class="gemt"') < form.index("</form>")
    assert 'class="gemt"' not in client.get(f"/_efter/{ADDRESS}").text
    assert 'class="gemt"' not in client.get(f"/_efter/{ADDRESS}?gemt=%3Cscript%3E").text  # only a form's id
