"""samtale serve under attack (issue 25): half-sent requests, errors inside a route,
clients that go away, absurd query values, an unreadable folder and odd file names.

The server must keep answering the browser, say what happened in one Danish line on
standard error (never a traceback, never "intern fejl" for a client that left) and
reach every page from the index's links.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import MEETING, SHEET_HAVEN, SRC, Eks, Served, samtale

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from samtale_cli.serve import site as s  # noqa: E402
from samtale_cli.serve import web  # noqa: E402
from samtale_cli.serve.site import Site  # noqa: E402
from samtale_cli.serve.web import create_app  # noqa: E402

TOKEN = "prøve-token"
MODE = f"/_moede/{MEETING.removesuffix('.yaml')}"


@pytest.fixture
def client(eks: Eks) -> TestClient:
    return TestClient(create_app(Site(eks.root, eks.root), {"testserver"}, TOKEN, watch=False), follow_redirects=False)


def get(host: str, path: str, timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
    """A GET with the path sent exactly as given; the status, headers and body."""
    connection = http.client.HTTPConnection(host, timeout=timeout)
    try:
        connection.putrequest("GET", path)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@contextmanager
def served_with_few_files(folder: Path, files: int) -> Iterator[Served]:
    """``samtale serve FOLDER --port 0`` in a process that may open at most ``files``
    files (macOS gives a program 256)."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        [sys.executable, "-m", "samtale_cli", "serve", str(folder), "--port", "0"], cwd=folder, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", preexec_fn=limit,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = re.search(r"http://\S+/", line)
        assert found, line
        yield Served(found.group(0), process)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=15)


def half_requests(host: str, count: int) -> list[socket.socket]:
    """``count`` connections that each send the start of a request and then nothing."""
    name, port = host.rsplit(":", 1)
    opened: list[socket.socket] = []
    refused = 0
    while len(opened) < count and refused < 5:
        try:
            sock = socket.create_connection((name, int(port)), timeout=0.5)
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Vent: ".encode())
        except OSError:  # the backlog is full: the server is not accepting
            refused += 1
            continue
        opened.append(sock)
    return opened


# --- 1. half-sent requests ------------------------------------------------------------


@pytest.mark.process
def test_half_sent_requests_do_not_lock_the_browser_out(eks: Eks) -> None:
    with served_with_few_files(eks.root, 256) as server:
        attackers = half_requests(server.host, 300)
        try:
            started = time.monotonic()
            status, _, body = get(server.host, "/", timeout=5)
            assert status == 200 and b"</html>" in body
            assert time.monotonic() - started < 4
        finally:
            for sock in attackers:
                sock.close()
        code, out, err = server.stop()
    assert code == 0
    assert "Traceback" not in err + out and "intern fejl" not in err
    lines = [line for line in err.splitlines() if "forbindelser" in line]
    assert len(lines) == 1, err[:2000]


@contextmanager
def in_thread(eks: Eks, limits: web.Limits) -> Iterator[str]:
    """The server of ``samtale serve`` over ``eks`` in a thread of this process, with
    ``limits``; its host and port."""
    import logging

    loggers = [logging.getLogger(n) for n in ("uvicorn", "uvicorn.error", "uvicorn.access", "asyncio")]
    saved = [(lg.handlers[:], lg.propagate, lg.level) for lg in loggers]
    sock = web.bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    stopping = threading.Event()
    app = create_app(Site(eks.root, eks.root), web.allowed_hosts("127.0.0.1", port), TOKEN, stopping, watch=False,
                     limits=limits)
    server = web.make_server(app, stopping, limits)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.02)
        yield f"127.0.0.1:{port}"
    finally:
        stopping.set()
        server.should_exit = True
        thread.join(10)
        sock.close()
        for lg, (handlers, propagate, level) in zip(loggers, saved):
            lg.handlers[:], lg.propagate = handlers, propagate
            lg.setLevel(level)


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``sock`` within ``seconds`` (what it sends is read and
    dropped)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return True


def test_the_head_of_a_request_must_come_in_time(eks: Eks) -> None:
    with in_thread(eks, web.Limits(head_seconds=0.5)) as host:
        name, port = host.rsplit(":", 1)
        with socket.create_connection((name, int(port)), timeout=5) as slow:
            slow.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n".encode())
            started = time.monotonic()
            for _ in range(3):  # a byte now and then does not buy more time
                time.sleep(0.2)
                slow.sendall(b"X")
            assert closed_within(slow, 2) and time.monotonic() - started < 2
        # after a response, the next request must come in time too
        with socket.create_connection((name, int(port)), timeout=5) as idle:
            idle.sendall(f"GET /_check.json HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            assert idle.recv(4096).startswith(b"HTTP/1.1 200")
            idle.sendall(b"GET / HTTP/1.1\r\n")
            assert closed_within(idle, 2)
        # a request being answered is not cut off: the event stream stays open
        with socket.create_connection((name, int(port)), timeout=5) as stream:
            stream.sendall(f"GET {s.EVENTS} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            assert b"200 OK" in stream.recv(4096)
            assert not closed_within(stream, 1.0)
        assert get(host, "/")[0] == 200


def test_a_form_must_come_in_time(eks: Eks) -> None:
    with in_thread(eks, web.Limits(body_seconds=0.5)) as host:
        name, port = host.rsplit(":", 1)
        with socket.create_connection((name, int(port)), timeout=5) as sock:
            sock.sendall((f"POST /_referat/{MEETING.removesuffix('.yaml')} HTTP/1.1\r\nHost: {host}\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
                          "token=abc").encode())
            started = time.monotonic()
            answer = b""
            sock.settimeout(3)
            while chunk := sock.recv(65536):
                answer += chunk
            assert time.monotonic() - started < 2.5
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408") and b"connection: close" in head.lower()
        assert "Formularen kom ikke helt frem inden for 0.5 sekunder" in body.decode()


def test_many_connections_make_room_for_the_browser(eks: Eks, capsys: pytest.CaptureFixture[str]) -> None:
    with in_thread(eks, web.Limits(connections=20)) as host:
        attackers = half_requests(host, 60)
        try:
            assert len(attackers) == 60
            time.sleep(0.3)
            for _ in range(3):
                assert get(host, "/", timeout=3)[0] == 200
            assert sum(closed_within(sock, 0.05) for sock in attackers) >= 40  # the oldest made room
        finally:
            for sock in attackers:
                sock.close()
    err = capsys.readouterr().err
    assert err.count("for mange forbindelser på én gang (mere end 20)") == 1, err
    assert "Traceback" not in err


# --- 2. an error inside a route -------------------------------------------------------


def test_an_error_in_a_route_is_the_danish_500(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def broken(self: Site, address: str) -> str:
        raise RuntimeError("noget gik galt")

    monkeypatch.setattr(Site, "page", broken)
    response = client.get("/index.html")
    assert response.status_code == 500
    assert 'lang="da"' in response.text and "Intern fejl" in response.text
    assert "Internal Server Error" not in response.text and "Traceback" not in response.text
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "RuntimeError" in err and "Traceback" not in err


# --- 3. a client that goes away -------------------------------------------------------


@pytest.mark.process
def test_a_client_that_goes_away_is_not_an_error(eks: Eks) -> None:
    with served_with_few_files(eks.root, 1024) as server:
        name, port = server.host.rsplit(":", 1)
        # half a form, then gone
        with socket.create_connection((name, int(port)), timeout=5) as sock:
            sock.sendall((f"POST /_referat/{MEETING.removesuffix('.yaml')} HTTP/1.1\r\nHost: {server.host}\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
                          "token=abc").encode())
            time.sleep(0.2)
        # the event stream, then gone
        with socket.create_connection((name, int(port)), timeout=5) as sock:
            sock.sendall(f"GET {s.EVENTS} HTTP/1.1\r\nHost: {server.host}\r\n\r\n".encode())
            received = b""
            while b"retry:" not in received:
                received += sock.recv(4096)
        # a big page asked for, and gone before it is sent
        with socket.create_connection((name, int(port)), timeout=5) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.sendall(f"GET {MODE}?nu=13:20 HTTP/1.1\r\nHost: {server.host}\r\n\r\n".encode())
        time.sleep(1.0)
        status, _, _ = get(server.host, "/")
        assert status == 200
        code, out, err = server.stop()
    assert code == 0
    assert "intern fejl" not in err and "Traceback" not in err + out, err


# --- 4. absurd query values -----------------------------------------------------------


@pytest.mark.parametrize("trin", ["9" * 5000, "1" * 20, "٣", "-1", "99999"], ids=["5000", "20", "arabic", "minus", "99999"])
def test_an_absurd_step_is_no_error(client: TestClient, trin: str, capsys: pytest.CaptureFixture[str]) -> None:
    response = client.get(f"{MODE}?nu=13:20&trin={trin}")
    assert response.status_code in (200, 400), response.text[:300]
    assert 'lang="da"' in response.text
    assert capsys.readouterr().err == ""


def test_an_absurd_clock_is_400(client: TestClient) -> None:
    response = client.get(f"{MODE}?nu={'1' * 5000}:00")
    assert response.status_code == 400 and "klokkeslæt" in response.text
    assert len(response.text) < 20_000  # the value is not echoed back at length


# --- 5. an unreadable folder ----------------------------------------------------------


def test_an_unreadable_folder_is_skipped_and_named_once(eks: Eks, client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # chmod 000, as root (who may read anything) cannot have it: the folder cannot be
    # listed, and nothing in it can be looked at
    locked = eks.root / "afdelinger" / "boernehuset-haven"
    real_scandir, real_stat = os.scandir, os.stat

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    def stat(path: object, *args: object, **kwargs: object) -> object:
        if locked in Path(os.fsdecode(path)).parents:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    for _ in range(2):
        for address in ("/", "/afdelinger/index.html", f"/{MEETING.removesuffix('.yaml')}-referat.html", MODE):
            response = client.get(address)
            assert response.status_code == 200, (address, response.text[:500])
        assert client.get("/afdelinger/boernehuset-deruda/index.html").status_code == 200
        assert client.get(f"/{SHEET_HAVEN.removesuffix('.yaml')}.html").status_code == 404
    err = capsys.readouterr().err
    assert err.count("boernehuset-haven") == 1 and "kan ikke læses" in err, err
    assert "intern fejl" not in err


# --- 6. file names that need encoding in a link ---------------------------------------


ODD_NAMES = ["møde #2", "a?b", "100%25", "x;y&z=1", "plus+og mellemrum"]


@pytest.mark.process
def test_every_link_of_the_index_reaches_its_page(eks: Eks) -> None:
    folder = eks.root / "laeringssamtaler"
    for name in ODD_NAMES:
        (folder / f"{name}.yaml").write_text(eks.text(MEETING), encoding="utf-8")
    odd = eks.root / "afdelinger" / "hus #1?"
    odd.mkdir()
    (odd / "ark.yaml").write_text(eks.text("afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13.yaml"),
                                  encoding="utf-8")
    with served_with_few_files(eks.root, 1024) as server:
        seen = set()
        for index in ("/laeringssamtaler/index.html", "/afdelinger/index.html"):
            status, _, body = get(server.host, index)
            assert status == 200
            for href in re.findall(r'href="([^"]+)"', body.decode()):
                address = urljoin(index, href.replace("&amp;", "&"))
                status, headers, page = get(server.host, address)
                if status == 307:
                    status, _, page = get(server.host, headers["location"])
                assert status == 200, (href, status)
                seen.add(address)
        assert any("m%C3%B8de%20%232" in a for a in seen) and any("100%2525" in a for a in seen)
        assert any(a.startswith("/_moede/") and "a%3Fb" in a for a in seen)
        assert any("hus%20%231%3F" in a for a in seen)
        # the meeting mode of an odd name saves its minutes where it says
        status, _, page = get(server.host, "/_moede/laeringssamtaler/m%C3%B8de%20%232?nu=13:20")
        assert status == 200
        action = re.search(r'<form class="referatfelt" method="post" action="([^"]+)"', page.decode()).group(1)
        assert action == "/_referat/laeringssamtaler/m%C3%B8de%20%232"
        status, headers, _ = get(server.host, "/afdelinger/hus%20%231%3F")  # the folder without its slash
        assert status == 307 and headers["location"] == "/afdelinger/hus%20%231%3F/"
        assert get(server.host, headers["location"])[0] == 200
        code, out, err = server.stop()
    assert code == 0 and "Traceback" not in err + out and "intern fejl" not in err


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names that are not UTF-8 exist on Linux")
def test_a_file_name_that_is_not_utf8_is_a_finding_not_a_broken_site(eks: Eks, tmp_path: Path) -> None:
    """A zip from Windows can unpack 'M\\xf8de.yaml' as bytes that are no UTF-8: check names
    it (escaped) with Y012, render makes the rest, and serve's pages stay up."""
    import os

    folder = os.fsencode(eks.path("laeringssamtaler"))
    with open(folder + b"/bad\xff\xfename.yaml", "wb") as out:
        out.write(eks.path(MEETING).read_bytes())
    done = samtale("check", ".", cwd=eks.root)
    assert done.code == 1 and "laeringssamtaler/bad\\xff\\xfename.yaml:1:1: fejl [Y012]" in done.stdout
    made = samtale("render", ".", "-o", str(tmp_path / "site"), cwd=eks.root)
    assert made.code == 1 and "Skrev" in made.stderr and (tmp_path / "site" / "index.html").is_file()  # 1: a file skipped
    client = TestClient(create_app(Site(eks.root, eks.root), {"testserver"}, TOKEN, watch=False), follow_redirects=False)
    for page in ("/", "/laeringssamtaler/", "/_check.json"):
        assert client.get(page).status_code in (200, 307), page
