"""samtale serve's forms against the attacks of 6 December (attack-findings.md): each
test sends what the attacker sent, over HTTP, and checks that the right thing (or
nothing) is written, and that a refused write leaves every file and folder as it was.
"""

from __future__ import annotations

import os
import shutil
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Eks, MEETING_2025, SERVE_TOKEN, post_form

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from samtale_cli.serve.minutes import version_of  # noqa: E402

TOKEN = SERVE_TOKEN
ADDRESS = MEETING_2025.removesuffix(".yaml")


def plain(text: str, *, yaml_11: bool = False) -> Any:
    """The YAML as plain data, by ruamel's safe loader (YAML 1.2, or 1.1 as older tools read)."""
    from ruamel.yaml import YAML

    loader = YAML(typ="safe", pure=True)
    if yaml_11:
        loader.version = (1, 1)
    return loader.load(text)
FIRST_AGREEMENT = "Opmærksomhedspunkterne for 2025 deles med konsulenterne"


@pytest.fixture
def client(serve_client: TestClient) -> TestClient:
    return serve_client


post = post_form


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``root``, links not followed."""
    found: dict[str, bytes | None] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            found[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            path = Path(folder, name)
            found[os.path.relpath(path, root)] = b"link" if path.is_symlink() else path.read_bytes()
    return found


def agreements(eks: Eks) -> list[dict[str, Any]]:
    return plain(eks.text(MEETING_2025))["aftaler"]


# --- 1. the overview's status form and two agreements with the same text ---------------


def test_overview_status_form_changes_the_agreement_it_shows(client: TestClient, eks: Eks) -> None:
    answer = post(client, eks, "_aftale", skema="aftale-ny", nr="", hvad=FIRST_AGREEMENT,
                  ansvarlig="pædagogisk leder", frist="2025-06-20", status="åben")
    assert answer.status_code == 303, answer.text
    assert [a["hvad"] for a in agreements(eks)].count(FIRST_AGREEMENT) == 2
    page = client.get("/_oversigt?dato=2025-06-01").text
    forms = re.findall(r'<form method="post" action="(/_aftale/[^"]+)">(.*?)</form>', page, re.S)
    mine = [dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body)) for action, body in forms
            if ADDRESS in action]
    # both agreements are rows of their own, each with its own number
    assert sorted(f["nr"] for f in mine if f["nr"] in ("1", "7")) == ["1", "7"]
    fields = next(f for f in mine if f["nr"] == "7")
    answer = client.post(f"/_aftale/{ADDRESS}", data={**fields, "status": "udført"})
    assert answer.status_code == 303, answer.text
    first, seventh = agreements(eks)[0], agreements(eks)[6]
    assert first["hvad"] == seventh["hvad"] == FIRST_AGREEMENT
    assert first["status"] == "åben" and seventh["status"] == "udført"


# --- 2. the attendance form and two participants with the same name -------------------

LONE = "  - navn: Lone Skovgaard\n    rolle: pædagogisk leder\n    afdeling: Børnehuset Derudá\n"


@pytest.fixture
def two_lones(eks: Eks) -> int:
    """The 2025 meeting with a second Lone Skovgaard as its last participant; her row."""
    eks.edit(MEETING_2025, "  - navn: Jonas Gregersen\n", LONE.replace("Derudá", "Haven") + "  - navn: Jonas Gregersen\n")
    people = plain(eks.text(MEETING_2025))["deltagere"]
    return [i for i, p in enumerate(people, 1) if p["navn"] == "Lone Skovgaard"][1]


def attendance_of(eks: Eks) -> list[tuple[str, str]]:
    return [(p["navn"], p.get("fremmøde", "mødt")) for p in plain(eks.text(MEETING_2025))["deltagere"]]


def test_attendance_form_changes_the_row_it_was_sent_from(client: TestClient, eks: Eks, two_lones: int) -> None:
    before = attendance_of(eks)
    answer = post(client, eks, "_fremmoede", skema=f"fremmoede-{two_lones}", navn="Lone Skovgaard", fremmøde="afbud")
    assert answer.status_code == 303, answer.text
    after = attendance_of(eks)
    assert after[two_lones - 1] == ("Lone Skovgaard", "afbud")
    assert [p for i, p in enumerate(after) if i != two_lones - 1] == [
        p for i, p in enumerate(before) if i != two_lones - 1]


def test_attendance_by_an_ambiguous_name_or_a_wrong_row_is_refused(client: TestClient, eks: Eks,
                                                                   two_lones: int) -> None:
    before = tree(eks.root)
    answer = post(client, eks, "_fremmoede", navn="Lone Skovgaard", fremmøde="afbud")  # no row: which one?
    assert answer.status_code == 400  # (no row on the page to show the message beside)
    answer = post(client, eks, "_fremmoede", skema="fremmoede-1", navn="Lone Skovgaard", fremmøde="afbud")
    assert answer.status_code == 400 and "hedder ikke" in answer.text
    assert tree(eks.root) == before
    # a name that only one participant has still works without a row
    assert post(client, eks, "_fremmoede", navn="Karen Vestergaard", fremmøde="afbud").status_code == 303


# --- 3. a sheet saved with fewer points than a plan refers to ---------------------------

MEETING_2024 = "laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle"
SHEET = "afdelinger/vuggestuen-kernehuset/opmaerksomhedspunkter-2024-05-13.yaml"  # its plan follows points 1, 2
PLAN = "afdelinger/vuggestuen-kernehuset/indsats-smaa-grupper-i-rutinerne.yaml"


def sheet_form(eks: Eks, punkter: str) -> dict[str, str]:
    sheet = plain(eks.text(SHEET))
    return {"token": TOKEN, "version": version_of(eks.path(SHEET).read_bytes()), "skema": "ark-vuggestuen-kernehuset",
            "afdeling": "Vuggestuen Kernehuset", "arbejdet_med": sheet["arbejdet_med"],
            "data_peger_på": sheet["data_peger_paa"], "punkter": punkter}


def test_a_sheet_change_that_breaks_its_plan_is_refused(client: TestClient, eks: Eks) -> None:
    from samtale_cli.check.runs import check

    points = [line[4:] for line in eks.text(SHEET).splitlines() if line.startswith("  - ")]
    eks.write(SHEET, eks.text(SHEET) + "  - Et fjerde punkt.\n")
    eks.edit(PLAN, "punkter: [1, 2]", "punkter: [1, 4]")
    assert not [d for d in check([eks.root], eks.root) if d.is_error]
    before = tree(eks.root)
    answer = client.post(f"/_ark/{MEETING_2024}", data=sheet_form(eks, "\n".join(points)))
    assert answer.status_code == 400, answer.text
    assert "indsats-smaa-grupper-i-rutinerne.yaml" in answer.text and "R908" in answer.text
    assert tree(eks.root) == before
    assert not [d for d in check([eks.root], eks.root) if d.is_error]
    # a change the plan does not notice is saved
    answer = client.post(f"/_ark/{MEETING_2024}", data=sheet_form(eks, "\n".join([*points, "Et nyt fjerde punkt."])))
    assert answer.status_code == 303, answer.text
    assert "  - Et nyt fjerde punkt.\n" in eks.text(SHEET)


# --- 4. and 7. a new sheet: never outside the workspace; a refused one writes nothing -------

THREE_POINTS = "Første punkt.\nAndet punkt.\nTredje punkt."


def new_sheet(client: TestClient, punkter: str = THREE_POINTS) -> Any:
    return client.post(f"/_ark/{ADDRESS}", data={
        "token": TOKEN, "version": "", "skema": "ark-boernehuset-ovenpaa", "afdeling": "Børnehuset Ovenpå",
        "arbejdet_med": "Sprog.", "data_peger_på": "Data.", "punkter": punkter})


@pytest.mark.parametrize("link", ["afdelinger/boernehuset-ovenpaa", "afdelinger"])
def test_a_new_sheet_is_not_written_through_a_link_out_of_the_workspace(client: TestClient, eks: Eks,
                                                                         tmp_path: Path, link: str) -> None:
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    folder = eks.path(link)
    if link == "afdelinger":  # the departments' folder itself leads out: the sheet's folder would be made there
        folder.rename(tmp_path / "afdelinger-gemt")
    else:
        (folder / ".gitkeep").unlink()
        folder.rmdir()
    folder.symlink_to(elsewhere, target_is_directory=True)
    before = tree(eks.root)
    answer = new_sheet(client)
    assert answer.status_code == 409, answer.text
    assert "uden for arbejdsmappen" in answer.text
    assert list(elsewhere.iterdir()) == []  # not even a folder
    assert tree(eks.root) == before


def test_a_refused_new_sheet_leaves_no_file_or_folder(client: TestClient, eks: Eks) -> None:
    shutil.rmtree(eks.path("afdelinger/boernehuset-ovenpaa"))
    before = tree(eks.root)
    answer = new_sheet(client, "Kun ét punkt.")  # a sheet needs 3-5 points (O501)
    assert answer.status_code == 400 and "O501" in answer.text
    assert tree(eks.root) == before  # no department folder, no .samtale/schema
    answer = new_sheet(client)
    assert answer.status_code == 303, answer.text
    made = eks.path("afdelinger/boernehuset-ovenpaa/opmaerksomhedspunkter-2025-05-12.yaml")
    assert "Tredje punkt." in made.read_text(encoding="utf-8")
    assert eks.path(".samtale/schema/opmaerksomhedspunkter.json").is_file()  # written with the sheet


# --- 5. many open event streams ---------------------------------------------------------


def ended(sock: Any, seconds: float = 0.2) -> bool:
    """Whether the event stream on ``sock`` has ended: its response is complete (the
    last chunk came; the connection may stay open for a next request), or it is closed."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(4096):
            received += chunk
    except TimeoutError:
        return received.endswith(b"\r\n0\r\n\r\n") or received == b"0\r\n\r\n"
    except ConnectionError:
        return True
    return True


def test_open_event_streams_do_not_lock_the_browser_out(eks: Eks, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from test_attack_serve import get, in_thread

    from samtale_cli.serve import site as s
    from samtale_cli.serve import web

    with in_thread(eks, web.Limits(connections=20)) as host:
        name, port = host.rsplit(":", 1)
        streams: list[socket.socket] = []
        try:
            for _ in range(40):
                sock = socket.create_connection((name, int(port)), timeout=5)
                sock.sendall(f"GET {s.EVENTS} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                received = b""
                while b"retry:" not in received:
                    received += sock.recv(4096)
                streams.append(sock)
            for _ in range(3):
                assert get(host, "/", timeout=3)[0] == 200
            still_open = [sock for sock in streams if not ended(sock)]
            assert still_open == streams[-10:]  # half the connections at most: the newest

        finally:
            for sock in streams:
                sock.close()
    err = capsys.readouterr().err
    assert err.count("for mange åbne forbindelser til ændringer (mere end 10)") == 1, err
    assert "Traceback" not in err


# --- 6. NEL, LS or PS in a comment ------------------------------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_a_line_separator_in_a_comment_blocks_no_save(client: TestClient, eks: Eks, char: str) -> None:
    from samtale_cli.check.runs import check

    eks.edit(MEETING_2025, "# opmærksomhedspunkterne fra 2024.", f"# opmærksomhedspunkterne{char}fra 2024.")
    assert not [d for d in check([eks.path(MEETING_2025)], eks.root) if d.is_error]  # check reads it
    before = eks.text(MEETING_2025)
    answer = post(client, eks, "_fremmoede", skema="fremmoede-1", navn="Karen Vestergaard", fremmøde="afbud")
    assert answer.status_code == 303, answer.text
    answer = post(client, eks, "_naeste-moede", skema="naeste-moede", dato="2026-05-18")
    assert answer.status_code == 303, answer.text
    answer = client.post(f"/_referat/{ADDRESS}", data={
        "token": TOKEN, "version": version_of(eks.path(MEETING_2025).read_bytes()), "punkt": "1", "referat": "Tekst."})
    assert answer.status_code == 303, answer.text
    after = eks.text(MEETING_2025)
    assert after.split("\n")[:3] == before.split("\n")[:3]  # the comment as it was
    assert "næste_møde: 2026-05-18" in after and "referat: Tekst." in after


# --- 8. a save that would make the file too big ----------------------------------------


def test_a_save_past_the_size_limit_says_so(client: TestClient, eks: Eks) -> None:
    from samtale_cli.check.loader import MAX_BYTES

    padding = MAX_BYTES - len(eks.path(MEETING_2025).read_bytes()) - 30_000
    eks.write(MEETING_2025, eks.text(MEETING_2025) + ("# " + "x" * 98 + "\n") * (padding // 101))
    assert len(eks.path(MEETING_2025).read_bytes()) <= MAX_BYTES
    before = tree(eks.root)
    long = "Et langt referat. " * 4000  # 72.000 characters: within a field's limit, past the file's
    answer = client.post(f"/_referat/{ADDRESS}", data={
        "token": TOKEN, "version": version_of(eks.path(MEETING_2025).read_bytes()), "punkt": "1", "referat": long},
        headers={"accept": "application/json"})
    assert answer.status_code == 413 and "større end 2 MB" in answer.json()["besked"]
    answer = post(client, eks, "_pejlemaerker", skema="pejlemaerker", pejlemærker=long)
    assert answer.status_code == 413 and "større end 2 MB" in answer.text
    assert tree(eks.root) == before


# --- 9. an agreement whose dash stands alone on its line --------------------------------


@pytest.mark.parametrize("nr", [1, 6])
def test_an_agreement_with_its_dash_alone_on_a_line_can_be_deleted(client: TestClient, eks: Eks, nr: int) -> None:
    from samtale_cli.check.runs import check

    what = agreements(eks)[nr - 1]["hvad"]
    eks.edit(MEETING_2025, f"  - hvad: {what}\n", f"  -  # aftalen\n    hvad: {what}\n")
    wanted = [a for i, a in enumerate(agreements(eks), 1) if i != nr]
    answer = post(client, eks, "_aftale", skema=f"aftale-{nr}", nr=str(nr), slet="ja")
    assert answer.status_code == 303, answer.text
    assert agreements(eks) == wanted
    assert "  -  # aftalen" not in eks.text(MEETING_2025)
    assert not [d for d in check([eks.path(MEETING_2025)], eks.root) if d.is_error]


# --- 10. values that YAML 1.1 tools read as no text ---------------------------------------


def test_values_yaml_11_would_misread_are_written_in_quotes(client: TestClient, eks: Eks) -> None:

    tricky = ["yes", "No", "on", "OFF", "12:30", "1_000", "0x1F", ".inf"]
    answer = post(client, eks, "_pejlemaerker", skema="pejlemaerker", pejlemærker="\n".join(tricky))
    assert answer.status_code == 303, answer.text
    answer = post(client, eks, "_aftale", skema="aftale-ny", nr="", hvad="12:30", ansvarlig="pædagogisk leder",
                  frist="2025-06-20", status="åben")
    assert answer.status_code == 303, answer.text
    answer = client.post(f"/_referat/{ADDRESS}", data={
        "token": TOKEN, "version": version_of(eks.path(MEETING_2025).read_bytes()), "punkt": "1", "referat": "on"})
    assert answer.status_code == 303, answer.text
    data = plain(eks.text(MEETING_2025), yaml_11=True)  # as YAML 1.1 tools read (PyYAML and many more)
    assert data["pejlemærker"] == tricky
    assert data["aftaler"][-1]["hvad"] == "12:30"
    assert data["dagsorden"][0]["referat"] == "on"
    # what YAML 1.2 reads as text anyway stays plain
    post(client, eks, "_aftale", skema="aftale-ny", nr="", hvad="Ja tak", ansvarlig="pædagogisk leder")
    assert "  - hvad: Ja tak\n" in eks.text(MEETING_2025)


def test_two_agreements_of_one_text_are_two_calendar_events(client: TestClient, eks: Eks) -> None:
    from conftest import samtale

    answer = post(client, eks, "_aftale", skema="aftale-ny", nr="", hvad=FIRST_AGREEMENT,
                  ansvarlig="pædagogisk leder", frist="2025-06-20", status="åben")
    assert answer.status_code == 303, answer.text
    assert samtale("kalender", ".", "-o", "k.ics", cwd=eks.root).code == 0
    ics = eks.path("k.ics").read_text(encoding="utf-8")
    uids = re.findall(r"^UID:(.*)$", ics, re.M)
    assert len(uids) == len(set(uids))
    assert ics.count(f"Frist: {FIRST_AGREEMENT[:40]}") == 2
