"""samtale serve: the app in this process (Starlette's test client) and as a real server.

The pages are those of ``render``; a broken file shows its findings; ``/_check.json`` is
``check --format json``; the meeting mode knows the current item; minutes are written
back (or refused: token, Host, stale version); paths never leave the workspace.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import EXAMPLES, MEETING, SHEET_HAVEN, Eks, samtale, served

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from samtale_cli.serve.minutes import version_of  # noqa: E402
from samtale_cli.serve.site import LIVE_SCRIPT, Site  # noqa: E402
from samtale_cli.serve.web import allowed_hosts, create_app  # noqa: E402

TOKEN = "prøve-token"
MEETING_ADDRESS = MEETING.removesuffix(".yaml")
MODE = f"/_moede/{MEETING_ADDRESS}"
SAVE = f"/_referat/{MEETING_ADDRESS}"
SCRIPT_TAG = f'<script src="{LIVE_SCRIPT}"></script>\n'


@pytest.fixture
def client(eks: Eks) -> TestClient:
    app = create_app(Site(eks.root, eks.root), {"testserver"}, TOKEN, watch=False)
    return TestClient(app, follow_redirects=False)


def form(eks: Eks, **fields: str) -> dict[str, str]:
    data = {"token": TOKEN, "version": version_of(eks.path(MEETING).read_bytes()), "punkt": "2", "referat": "Tekst."}
    data.update(fields)
    return data


def current_step(html: str) -> str:
    """The text of the item that carries aria-current="step" (its number and topic)."""
    found = re.findall(r'<li class="punkt[^"]*"[^>]*aria-current="step"[^>]*>\s*<div class="linje">(.*?)</div>', html, re.S)
    assert len(found) == 1, found
    return re.sub(r"<[^>]+>", " ", found[0]).split(maxsplit=1)[1]


# --- pages ----------------------------------------------------------------------------


def test_every_page_of_render_at_the_same_path(client: TestClient, eks: Eks, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert samtale("render", eks.root, "-o", out).code == 0
    rendered = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(rendered) > 8
    for rel in rendered:
        response = client.get(f"/{rel}")
        assert response.status_code == 200, rel
        text = response.text
        assert SCRIPT_TAG in text  # live reload
        if not rel.endswith("index.html"):
            text = re.sub(r'<nav class="i-browseren".*?</nav>\n', "", text)  # the app's own links
            assert text.replace(SCRIPT_TAG, "") == (out / rel).read_text(encoding="utf-8"), rel
    assert client.get("/").text == client.get("/index.html").text
    folder = client.get("/laeringssamtaler", follow_redirects=False)
    assert folder.status_code == 307 and folder.headers["location"] == "/laeringssamtaler/"


def test_index_links_the_meeting_mode(client: TestClient) -> None:
    page = client.get("/laeringssamtaler/index.html").text
    assert f'href="{MODE}"' in page and "Mødetilstand" in page


def test_pages_follow_the_files(client: TestClient, eks: Eks) -> None:
    page = "/laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle-dagsorden.html"
    assert "Rammesætning af læringssamtalen" in client.get(page).text
    eks.edit(MEETING, "emne: Rammesætning af læringssamtalen", "emne: Rammesætning på ny")
    assert "Rammesætning på ny" in client.get(page).text


def test_a_broken_file_shows_its_findings(client: TestClient, eks: Eks) -> None:
    eks.edit(MEETING, "    minutter: 5 min\n    ansvarlig:\n      - konsulent", "    minutter: 500 min\n    ansvarlig:\n      - konsulent")
    line = eks.line(MEETING, "minutter: 500 min")
    for name in ("referat", "dagsorden"):
        page = client.get(f"/{MEETING_ADDRESS}-{name}.html")
        assert page.status_code == 200
        assert f"{MEETING}:" in page.text and "[A101]" in page.text
        assert "samtale check" in page.text and SCRIPT_TAG in page.text
    mode = client.get(MODE).text
    assert "[A101]" in mode and "<form" not in mode  # no minutes into a broken file
    assert "har fejl" in client.get("/laeringssamtaler/index.html").text
    # the sheets that refer to the meeting still render (its errors are its own)
    assert client.get(f"/{SHEET_HAVEN.removesuffix('.yaml')}.html").status_code == 200
    # broken YAML: the page keeps its address and names the line
    eks.write(MEETING, eks.text(MEETING).replace("dagsorden:\n", "dagsorden: [\n", 1))
    page = client.get(f"/{MEETING_ADDRESS}-referat.html").text
    assert "[Y005]" in page and f"{MEETING}:" in page
    assert line > 1


def test_check_json_is_check_format_json(client: TestClient, eks: Eks) -> None:
    eks.edit(MEETING, "rolle: referent", "rolle: referentinde")
    expected = samtale("check", "--format", "json", cwd=eks.root)
    response = client.get("/_check.json")
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == expected.stdout
    assert any(f["kode"] == "P205" for f in json.loads(response.text))


def test_unknown_addresses_are_404_in_danish(client: TestClient) -> None:
    for address in ("/ingen.html", "/_moede/ingen", "/_moede/laeringssamtaler", "/_samtale/ukendt.js",
                    f"/{MEETING}", "/samtale.yaml", "/laeringssamtaler/data/ppr-samarbejde-2024.md"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "findes ikke" in response.text


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# --- the meeting mode -----------------------------------------------------------------


@pytest.mark.parametrize(("nu", "expected", "left"), [
    ("13:00", "1 Velkomst", "5 min"),
    ("13:20", "3 Data", "25 min"),
    ("13:44", "3 Data", "1 min"),
    ("14:20", "Pause", "5 min"),
    ("15:59", "12 Afrunding og næste skridt", "1 min"),
])
def test_meeting_mode_current_item_by_the_clock(client: TestClient, nu: str, expected: str, left: str) -> None:
    html = client.get(f"{MODE}?nu={nu}").text
    assert " ".join(current_step(html).split()).startswith(expected)
    countdown = re.search(r'id="nedtaelling"[^>]*>([^<]*)<', html).group(1)
    assert countdown == left


def test_meeting_mode_before_after_and_overrun(client: TestClient) -> None:
    before = client.get(f"{MODE}?nu=12:30").text
    assert not re.search(r"<li[^>]*aria-current", before) and "Mødet begynder kl. 13:00." in before
    assert re.search(r'id="naeste">1\. Velkomst kl\. 13:00<', before)
    after = client.get(f"{MODE}?nu=16:30").text
    assert not re.search(r"<li[^>]*aria-current", after) and "Mødet sluttede kl. 16:00." in after
    # the chair is still on item 3 at 13:50: five minutes over, in red
    over = client.get(f"{MODE}?nu=13:50&trin=3").text
    assert current_step(over).startswith("3")
    assert re.search(r'class="nedtaelling over">5 min over tiden<', over)
    assert re.search(r'id="naeste">4\. Refleksion kl\. 13:45<', over)


def test_meeting_mode_forms_carry_token_and_version(client: TestClient, eks: Eks) -> None:
    html = client.get(f"{MODE}?nu=13:20").text
    version = version_of(eks.path(MEETING).read_bytes())
    forms = re.findall(r'<form class="referatfelt" method="post" action="([^"]+)" id="punkt-([\d.]+)">', html)
    assert [n for _, n in forms][:5] == ["1", "2", "3", "3.1", "3.2"]
    assert {a for a, _ in forms} == {SAVE}
    assert html.count(f'name="token" value="{TOKEN}"') == len(forms)
    assert html.count(f'name="version" value="{version}"') == len(forms)
    assert 'lang="da"' in html and "Gem referat" in html


def test_meeting_mode_escapes_text(client: TestClient, eks: Eks) -> None:
    eks.edit(MEETING, "emne: Velkomst", 'emne: "<script>alert(1)</script> & <b>"')
    eks.edit(MEETING, "Deltagerne præsenterede sig med navn og funktion.", "</textarea><script>alert(2)</script>")
    html = client.get(f"{MODE}?nu=13:00").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)" in html


def test_bad_clock_is_400(client: TestClient) -> None:
    response = client.get(f"{MODE}?nu=25:99")
    assert response.status_code == 400 and "klokkeslæt" in response.text


# --- minutes written back -------------------------------------------------------------


def test_minutes_saved_into_the_yaml(client: TestClient, eks: Eks) -> None:
    before = eks.text(MEETING)
    text = "Konsulenten gennemgik processen: tre trin # og en pause"
    response = client.post(SAVE, data=form(eks, punkt="2", referat=text), headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    after = eks.text(MEETING)
    assert response.json()["version"] == version_of(eks.path(MEETING).read_bytes())
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [f"    referat: '{text}'"]
    assert after.replace(added[0] + "\n", "") == before
    assert samtale("check", cwd=eks.root).code == 0
    assert text in client.get(f"/{MEETING_ADDRESS}-referat.html").text


def test_multi_line_minutes_are_a_literal_block(client: TestClient, eks: Eks) -> None:
    text = "Første linje: vigtigt\r\n\r\n- punkt # ikke en kommentar\r\n- 'citat'\r\n"
    response = client.post(SAVE, data=form(eks, punkt="3.1", referat=text), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"{MODE}#punkt-3.1"
    lines = eks.text(MEETING).splitlines()
    at = lines.index("        referat: |")
    assert lines[at + 1 : at + 5] == [
        "          Første linje: vigtigt", "", "          - punkt # ikke en kommentar", "          - 'citat'"]
    assert samtale("check", cwd=eks.root).code == 0


def test_stale_version_is_409_and_nothing_written(client: TestClient, eks: Eks) -> None:
    old = form(eks)
    assert client.post(SAVE, data=old).status_code == 303
    saved = eks.path(MEETING).read_bytes()
    response = client.post(SAVE, data={**old, "punkt": "1", "referat": "Overskriver ikke."},
                           headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert "ændret" in response.json()["besked"]
    assert eks.path(MEETING).read_bytes() == saved
    html = client.post(SAVE, data={**old, "punkt": "1"})
    assert html.status_code == 409 and "Referatet er ikke gemt" in html.text


@pytest.mark.parametrize("token", [None, "", "forkert"])
def test_missing_or_wrong_token_is_403(client: TestClient, eks: Eks, token: str | None) -> None:
    data = form(eks)
    if token is None:
        del data["token"]
    else:
        data["token"] = token
    before = eks.path(MEETING).read_bytes()
    assert client.post(SAVE, data=data).status_code == 403
    assert eks.path(MEETING).read_bytes() == before


def test_foreign_host_and_origin_are_403(client: TestClient, eks: Eks) -> None:
    before = eks.path(MEETING).read_bytes()
    assert client.get("/", headers={"Host": "angriber.example:8000"}).status_code == 403
    assert client.post(SAVE, data=form(eks), headers={"Host": "angriber.example"}).status_code == 403
    assert client.post(SAVE, data=form(eks), headers={"Origin": "http://angriber.example"}).status_code == 403
    assert eks.path(MEETING).read_bytes() == before
    assert client.post(SAVE, data=form(eks), headers={"Origin": "http://testserver"}).status_code == 303


def test_allowed_hosts_name_the_served_port() -> None:
    assert allowed_hosts("127.0.0.1", 8000) >= {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert "127.0.0.1:8001" not in allowed_hosts("127.0.0.1", 8000)
    assert "localhost:8000" not in allowed_hosts("192.0.2.7", 8000)


def test_refused_minutes(client: TestClient, eks: Eks) -> None:
    before = eks.path(MEETING).read_bytes()
    cases = [
        (form(eks, punkt="99"), 404, "findes ikke"),
        (form(eks, referat="Barnets cpr er 010203-1234"), 422, "CPR"),
        ({k: v for k, v in form(eks).items() if k != "version"}, 400, "version"),
    ]
    for data, status, word in cases:
        response = client.post(SAVE, data=data, headers={"Accept": "application/json"})
        assert response.status_code == status, response.text
        assert word in response.json()["besked"]
    raw = client.post(SAVE, content=json.dumps(form(eks)), headers={"Content-Type": "application/json"})
    assert raw.status_code == 415
    big = client.post(SAVE, data=form(eks, referat="x" * 1_100_000))
    assert big.status_code == 413
    assert client.post("/_referat/laeringssamtaler/ingen", data=form(eks)).status_code == 404
    assert eks.path(MEETING).read_bytes() == before


def test_empty_minutes_remove_the_key(client: TestClient, eks: Eks) -> None:
    before = eks.text(MEETING)
    assert client.post(SAVE, data=form(eks, punkt="1", referat="  \r\n ")).status_code == 303
    after = eks.text(MEETING)
    assert "Deltagerne præsenterede sig" not in after
    assert after == before.replace("    referat: |\n      Deltagerne præsenterede sig med navn og funktion.\n", "")


# --- the real server ------------------------------------------------------------------


def raw_get(host: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """A GET with the path sent exactly as given (no client tidies '..' away)."""
    connection = http.client.HTTPConnection(host, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=headers is not None and "Host" in headers)
        for key, value in (headers or {}).items():
            connection.putheader(key, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_server_prints_address_and_stops_on_ctrl_c(eks: Eks) -> None:
    with served(eks.root) as server:
        assert server.url.startswith("http://127.0.0.1:")
        status, body = raw_get(server.host, "/")
        assert status == 200 and "<h1>Dagtilbud Vest</h1>".encode() in body
        # an open event stream must not keep the server from stopping
        stream = http.client.HTTPConnection(server.host, timeout=30)
        stream.request("GET", "/_aendringer")
        assert stream.getresponse().status == 200
        time.sleep(0.3)
        started = time.monotonic()
        code, out, err = server.stop()
        assert time.monotonic() - started < 10
        stream.close()
    assert code == 0, err
    assert "stoppet" in err and "Traceback" not in err + out
    assert not re.search(r"\b(INFO|ERROR|Shutting down|Waiting)\b", err)


def test_port_in_use_is_a_danish_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = samtale("serve", EXAMPLES, "--port", str(port), process=True)
    assert result.code == 2
    assert f"Porten {port} er optaget" in result.stderr
    bad = samtale("serve", EXAMPLES, "--port", "otte")
    assert bad.code == 2 and "Porten skal være et helt tal" in bad.stderr
    assert samtale("serve", tmp_path / "ingen").code == 2
    (tmp_path / "andet").mkdir()
    (tmp_path / "andet" / "ci.yaml").write_text("jobs: []\n", encoding="utf-8")
    other = samtale("serve", tmp_path / "andet")
    assert other.code == 2 and "ikke en arbejdsmappe" in other.stderr


def test_paths_never_leave_the_workspace(eks: Eks, tmp_path: Path) -> None:
    secret = tmp_path / "hemmelig"
    secret.mkdir()
    (secret / "hemmelig.txt").write_text("HEMMELIGT", encoding="utf-8")
    outside = secret / "ude.yaml"
    outside.write_text(eks.text(MEETING).replace("titel: Læringssamtale før", "titel: HEMMELIGT møde før"), encoding="utf-8")
    (eks.root / "laeringssamtaler" / "link.yaml").symlink_to(outside)
    (eks.root / "afdelinger" / "mappe-link").symlink_to(secret, target_is_directory=True)
    with served(eks.root) as server:
        paths = [
            "/../hemmelig/hemmelig.txt", "/../../../../etc/passwd", "/%2e%2e/hemmelig/hemmelig.txt",
            "/%2E%2E/%2E%2E/etc/passwd", "/laeringssamtaler/..%2f..%2fhemmelig/hemmelig.txt",
            "/laeringssamtaler/link.html", "/laeringssamtaler/link-referat.html", "/_moede/laeringssamtaler/link",
            "/_moede/../hemmelig/ude", "/_moede/%2e%2e/hemmelig/ude", "/afdelinger/mappe-link/ude-referat.html",
            "/afdelinger/mappe-link/hemmelig.txt", "/_samtale/../../../etc/passwd", "/_samtale/%2e%2e%2fweb.py",
            "//etc/passwd", "/laeringssamtaler/data/ppr-samarbejde-2024.md",
        ]
        for path in paths:
            status, body = raw_get(server.host, path)
            assert status in (400, 404), (path, status)
            assert b"HEMMELIG" not in body and b"root:" not in body, path
        for path in ("/", "/laeringssamtaler/index.html", "/afdelinger/index.html"):
            status, body = raw_get(server.host, path)
            assert status == 200 and b"HEMMELIG" not in body and b"mappe-link" not in body
        status, _ = raw_get(server.host, "/", {"Host": "angriber.example"})
        assert status == 403
        server.stop()


def test_open_pages_hear_of_a_change_within_two_seconds(eks: Eks) -> None:
    with served(eks.root) as server:
        stream = http.client.HTTPConnection(server.host, timeout=10)
        stream.request("GET", "/_aendringer")
        response = stream.getresponse()
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.readline().startswith(b"retry:")
        response.readline()
        time.sleep(0.5)  # the watcher is up
        eks.edit(MEETING, "emne: Velkomst", "emne: Goddag")
        changed = time.monotonic()
        event = response.readline()
        data = response.readline()
        assert event == b"event: endret\n", event
        assert time.monotonic() - changed < 2
        assert MEETING in json.loads(data.decode().removeprefix("data: "))["filer"][0]
        stream.close()
        status, body = raw_get(server.host, f"/{MEETING_ADDRESS}-dagsorden.html")
        assert status == 200 and "Goddag".encode() in body
        server.stop()


def test_many_requests_at_once_and_a_file_rewritten_meanwhile(eks: Eks) -> None:
    pages = ["/", "/laeringssamtaler/index.html", f"/{MEETING_ADDRESS}-referat.html", f"/{MEETING_ADDRESS}-dagsorden.html",
             f"{MODE}?nu=13:20", "/_check.json", f"/{SHEET_HAVEN.removesuffix('.yaml')}.html"]
    original = eks.text(MEETING)
    stop = threading.Event()

    def rewrite() -> None:  # an editor saving again and again, not atomically
        k = 0
        while not stop.is_set():
            k += 1
            with open(eks.path(MEETING), "w", encoding="utf-8") as out:
                out.write(original[: len(original) // 2])
                out.flush()
                out.write(original[len(original) // 2 :].replace("Velkomst", f"Velkomst {k}"))
            time.sleep(0.01)

    with served(eks.root) as server:
        writer = threading.Thread(target=rewrite)
        writer.start()
        try:
            with ThreadPoolExecutor(max_workers=50) as pool:
                results = list(pool.map(lambda k: raw_get(server.host, pages[k % len(pages)]), range(200)))
        finally:
            stop.set()
            writer.join()
        for status, body in results:
            assert status == 200
            assert b"</html>" in body or body.startswith(b"[")
        code, _, err = server.stop()
    assert code == 0 and "intern fejl" not in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="ingen symlinks")
def test_a_link_to_a_file_in_the_workspace_is_that_file_once(eks: Eks) -> None:
    link = eks.root / "laeringssamtaler" / "kopi.yaml"
    link.symlink_to(eks.path(MEETING))
    app = create_app(Site(eks.root, eks.root), {"testserver"}, TOKEN, watch=False)
    client = TestClient(app, follow_redirects=False)
    # discovery resolves links: a link to a file in the workspace is that file, once
    assert client.get("/laeringssamtaler/kopi-referat.html").status_code == 404
    assert client.get(f"/{MEETING_ADDRESS}-referat.html").status_code == 200


def test_meeting_mode_shows_the_questions_and_links_the_after_page(client: TestClient) -> None:
    page = client.get(MODE).text
    assert "Spørgsmål til refleksion" in page
    assert "Hvad bliver du særligt optaget af i data?" in page
    assert f'href="/_efter/{MEETING_ADDRESS}"' in page
