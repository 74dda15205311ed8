"""A hostile or careless workspace can't leak data, write outside, crash or exhaust
samtale: each reproduction of the security review, built here as a test."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MEETING, PLAN, SHEET_DERUDA, WORKSPACE, Eks, examples, parsed, samtale
from samtale_cli.core import values as v
from samtale_cli.core.files import TEMP_MARK, STALE_AFTER

POSIX = pytest.mark.skipif(os.name == "nt", reason="symlinks and modes as on POSIX")


# --------------------------------------------------------------------------- leaks


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> str:
    """A local web server that records every request made to it."""
    _Recorder.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_rendering_never_fetches_anything(eks: Eks, listener: str, tmp_path: Path) -> None:
    """A Markdown image made the PDF fetch a URL (a request from the machine) and put a
    tracking pixel in the HTML; a template's <link rel=attachment> embedded a file."""
    eks.edit(MEETING, "      Deltagerne præsenterede sig med navn og funktion.\n",
             f"      Deltagerne præsenterede sig. ![logo]({listener}/p.png)\n")
    skabeloner = tmp_path / "skabeloner"
    skabeloner.mkdir()
    (skabeloner / "dagsorden.html.j2").write_text(
        '<html><head><link rel="attachment" href="file:///etc/hostname">'
        f'<link rel="stylesheet" href="{listener}/s.css"></head>'
        f'<body><img src="{listener}/t.png"><img src="file:///etc/hostname">{{{{ title }}}}</body></html>',
        encoding="utf-8",
    )
    assert samtale("render", MEETING, "-o", tmp_path / "referat.pdf", cwd=eks.root).code == 0
    html = samtale("render", MEETING, cwd=eks.root).stdout
    assert "<img" not in html and f'<a href="{listener}/p.png">billede: logo</a>' in html
    done = samtale("render", MEETING, "--dokument", "dagsorden", "--skabeloner", skabeloner,
                   "-o", tmp_path / "dagsorden.pdf", cwd=eks.root)
    assert done.code == 0, done.stderr
    pdf = (tmp_path / "dagsorden.pdf").read_bytes()
    assert b"/EmbeddedFile" not in pdf and b"/Filespec" not in pdf
    assert _Recorder.hits == []


@POSIX
def test_a_linked_template_is_not_read(eks: Eks, tmp_path: Path) -> None:
    """A template that is a link (referat.md.j2 -> a secret) printed its target."""
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("HEMMELIGT INDHOLD\n", encoding="utf-8")
    skabeloner = tmp_path / "skabeloner"
    skabeloner.mkdir()
    (skabeloner / "referat.md.j2").symlink_to(secret)
    done = samtale("render", MEETING, "--format", "md", "--skabeloner", skabeloner, cwd=eks.root)
    assert done.code == 0 and "HEMMELIGT" not in done.stdout
    assert done.stdout.startswith("# Referat:")  # the built-in template instead


@pytest.mark.parametrize("written", [
    r'"\x30\x31\x30\x32\x30\x33-1234"',  # YAML escapes
    '"0102\\\n  03-1234"',  # a line continuation inside a double-quoted text
    "Barn 010203 1234",  # a space
    "Barn 010203\u00a01234",  # a no-break space
    "Barn 010203\u20111234",  # Word's non-breaking hyphen
    "Barn 010203\u22121234",  # the minus sign
])
def test_cpr_numbers_as_yaml_reads_them_and_as_word_writes_them(eks: Eks, written: str) -> None:
    eks.edit(MEETING, "sted: Børnehuset Haven", f"sted: {written}")
    assert [(f, c) for f, _l, _c, _lv, c in eks.findings()] == [(MEETING, "C701")]
    assert samtale("render", MEETING, cwd=eks.root).code == 1  # and so never in a document


def test_terminal_escapes_never_reach_the_terminal(eks: Eks) -> None:
    """'\\e]0;TITLE\\a\\e[2J' in a value reached the terminal through check and oversigt."""
    eks.edit(PLAN, "titel: Små børnegrupper og systematisk kontakt med alle børn", 'titel: "Små\\e]0;TITEL\\a\\e[2J børnegrupper"')
    eks.edit(WORKSPACE, "  - Børnehuset Derudá", '  - "Børnehuset\\x1b[31m Derudá"')
    for args in (["check"], ["oversigt", "--dato", "2022-03-01"], ["check", "--format", "json"]):
        done = samtale(*args, cwd=eks.root)
        assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr, args
    codes = [(f, c) for f, _l, _c, _lv, c in parsed(samtale("check", cwd=eks.root).stdout)]
    assert (PLAN, "Y015") in codes and (WORKSPACE, "Y015") in codes


@given(name=st.text(min_size=1, max_size=80).filter(lambda n: "/" not in n and "\0" not in n and n not in (".", "..")))
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_file_and_folder_names_never_become_a_scheme_or_a_way_out(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    """A file named 'javascript:alert(document.domain).yaml' became href="javascript:...";
    random names (control characters, '..', very long ones) give relative links only."""
    root = tmp_path_factory.mktemp("navne") / "eks"
    shutil.copytree(EXAMPLES, root)
    folder = root / "afdelinger" / "vuggestuen-kernehuset"
    for target in (folder / f"{name}.yaml", root / "laeringssamtaler" / name / "m.yaml"):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(EXAMPLES / PLAN, target)
        except OSError:
            return  # a name the file system refuses
    site = root.parent / "site"
    samtale("render", ".", "-o", site, cwd=root)  # the helper fails on a traceback
    outside = {p for p in root.parent.iterdir()} - {root, site}
    assert outside == set()
    for index in (p for p in site.rglob("index.html") if p.is_file()):  # a folder may be named so too
        for href in re.findall(r'href="([^"]*)"', index.read_text(encoding="utf-8")):
            assert not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href), href
            assert not href.startswith(("/", "\\")), href
            assert (index.parent / _unquote(href)).resolve().is_relative_to(site.resolve()), href


def _unquote(href: str) -> str:
    from urllib.parse import unquote

    return unquote(href)


def test_javascript_file_name_is_a_relative_link(eks: Eks) -> None:
    shutil.copy(eks.path(PLAN), eks.path(PLAN).parent / "javascript:alert(document.domain).yaml")
    assert samtale("render", ".", "-o", "_site", cwd=eks.root).code == 0
    index = (eks.root / "_site" / "afdelinger" / "vuggestuen-kernehuset" / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in index and 'href="javascript%3Aalert%28document.domain%29.html"' in index


# --------------------------------------------------------------------------- writes outside


@POSIX
def test_a_site_folder_that_is_a_link_out_is_refused(eks: Eks) -> None:
    victim = eks.root.parent / "offer"
    victim.mkdir()
    (victim / "index.html").write_text("offerets fil\n", encoding="utf-8")
    (eks.root / "_site").symlink_to("../offer")
    done = samtale("render", ".", cwd=eks.root)
    assert done.code == 2 and "fører uden for" in done.stderr
    assert [p.name for p in victim.iterdir()] == ["index.html"]
    assert (victim / "index.html").read_text(encoding="utf-8") == "offerets fil\n"


@POSIX
def test_a_link_inside_the_site_that_leads_out_is_refused(eks: Eks) -> None:
    victim = eks.root.parent / "offer"
    victim.mkdir()
    (eks.root / "_site").mkdir()
    (eks.root / "_site" / "laeringssamtaler").symlink_to(victim)
    done = samtale("render", ".", "-o", "_site", cwd=eks.root)
    assert done.code == 2 and "fører uden for" in done.stderr
    assert list(victim.iterdir()) == []


@POSIX
@pytest.mark.parametrize("linked", ["afdelinger/vuggestuen-kernehuset", ".samtale"])
def test_new_never_writes_through_a_link_out_of_the_workspace(tmp_path: Path, linked: str) -> None:
    assert samtale("init", "ws", "--dagtilbud", "D", "--afdeling", "Vuggestuen Kernehuset", "--no-git", cwd=tmp_path).code == 0
    ws = tmp_path / "ws"
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    shutil.rmtree(ws / linked)
    (ws / linked).symlink_to(elsewhere)
    done = samtale("new", "indsats", "--afdeling", "Vuggestuen Kernehuset", cwd=ws)
    assert done.code == 2 and "fører uden for arbejdsmappen" in done.stderr
    assert list(elsewhere.iterdir()) == []


# --------------------------------------------------------------------------- crashes, exhaustion


def test_a_huge_number_in_one_file_stops_only_that_file(eks: Eks, tmp_path: Path) -> None:
    eks.edit(PLAN, "titel: Små børnegrupper og systematisk kontakt med alle børn", "titel: " + "9" * 5000)
    assert [(f, c) for f, _l, _c, _lv, c in eks.findings()] == [(PLAN, "Y014")]
    done = samtale("render", ".", "-o", tmp_path / "site", cwd=eks.root)
    assert done.code == 1 and (tmp_path / "site" / "laeringssamtaler").is_dir()


@POSIX
def test_links_in_ring_and_links_out_are_findings(eks: Eks, tmp_path: Path) -> None:
    folder = eks.path(PLAN).parent
    (folder / "ring-a.yaml").symlink_to(folder / "ring-b.yaml")
    (folder / "ring-b.yaml").symlink_to(folder / "ring-a.yaml")
    outside = tmp_path / "udenfor.yaml"
    outside.write_bytes(eks.path(PLAN).read_bytes())
    (folder / "ud.yaml").symlink_to(outside)
    (folder / "dinglende.yaml").symlink_to(tmp_path / "findes-ikke.yaml")
    found = [(f.rsplit("/", 1)[-1], c) for f, _l, _c, _lv, c in eks.findings()]
    assert sorted(found) == [("dinglende.yaml", "Y016"), ("ring-a.yaml", "Y012"), ("ring-b.yaml", "Y012"), ("ud.yaml", "Y016")]
    done = samtale("render", ".", "-o", tmp_path / "site", cwd=eks.root)
    assert done.code == 1 and "sprang over 4 filer med fejl" in done.stderr
    assert (tmp_path / "site" / "afdelinger" / "vuggestuen-kernehuset" / "indsats-smaa-boernegrupper.html").is_file()


def test_samtale_jobs_is_capped_at_the_number_of_cores(eks: Eks) -> None:
    from samtale_cli.check.workers import capped_jobs, cores

    assert capped_jobs(100_000) == cores() and capped_jobs(1) == 1
    done = samtale("check", ".", cwd=eks.root, process=True, env={"SAMTALE_JOBS": "100000"})
    assert done.code == 0


def test_a_plan_with_too_many_meetings_is_an_error_and_costs_nothing(eks: Eks) -> None:
    """A valid 140 KB plan with 2,000 daily meetings from 1900 to 2200 cost 65 s and 3.5 GB
    to render and 386 s in kalender."""
    meetings = "".join(f"      - titel: Møde {i}\n        hver: 1 dag\n        første: 1900-01-01\n" for i in range(2000))
    text = (
        "type: indsats\ntitel: Grådig\nafdeling: Vuggestuen Kernehuset\nfaser:\n"
        "  - navn: Fase 1\n    start: 1900-01-01\n    slut: 2200-12-31\n    møder:\n" + meetings
    )
    eks.write(PLAN, text)
    start = time.monotonic()
    found = eks.findings()
    assert time.monotonic() - start < 60  # a generous bound: the point is that it ends
    assert [(f, c) for f, _l, _c, _lv, c in found] == [(PLAN, "T608")]
    assert samtale("kalender", "-o", eks.root / "k.ics", cwd=eks.root).code == 1
    assert "Grådig" not in (eks.root / "k.ics").read_text(encoding="utf-8")


@given(st.dates(max_value=__import__("datetime").date(9000, 1, 1)),
       st.sampled_from(["1 dag", "3 dage", "hver uge", "hver 4. uge", "måned", "hver 3. måned", "år"]),
       st.integers(0, 4000))
def test_counting_occurrences_agrees_with_listing_them(first, every, span) -> None:
    interval = v.parse_interval(every)
    until = first + __import__("datetime").timedelta(days=span)
    try:
        listed = v.occurrences(first, interval, until, limit=10**6)
    except OverflowError:
        return
    if listed and listed[-1].year < 9999:
        assert v.count_occurrences(first, interval, until) == len(listed)


# --------------------------------------------------------------------------- wrong results


def test_an_unreadable_folder_is_exit_2_with_its_name(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    """It was skipped silently: 'Ingen fund', exit 0. (Made unreadable for this test by
    the file system call itself: as root, modes do not stop reading.)"""
    locked = str(eks.path(PLAN).parent)
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    done = samtale("check", cwd=eks.root)
    assert done.code == 2
    assert "vuggestuen-kernehuset' kan ikke læses (ingen adgang)" in done.stderr
    monkeypatch.setattr(os, "scandir", real_scandir)


def test_x_yaml_and_x_yml_are_a_finding(eks: Eks) -> None:
    twin = eks.path(SHEET_DERUDA).with_suffix(".yml")
    shutil.copy(eks.path(SHEET_DERUDA), twin)
    assert [(f, c) for f, _l, _c, _lv, c in eks.findings()] == [(SHEET_DERUDA.removesuffix(".yaml") + ".yml", "W306")]
    done = samtale("render", ".", "-o", "_site", cwd=eks.root)
    assert done.code == 1 and "sprang over 1 fil med fejl" in done.stderr


@pytest.mark.parametrize(("name", "start"), [("Referat.PDF", b"%PDF"), ("ref.HTML", b"<!DOCTYPE html>"), ("ref.Md", b"# Referat")])
def test_output_suffixes_are_matched_without_regard_to_case(eks: Eks, name: str, start: bytes) -> None:
    assert samtale("render", MEETING, "-o", name, cwd=eks.root).code == 0
    assert eks.path(name).read_bytes().startswith(start)


def test_an_unknown_output_suffix_is_a_usage_error(eks: Eks) -> None:
    done = samtale("render", MEETING, "-o", "ref.markdown", cwd=eks.root)
    assert done.code == 2 and "Endelsen '.markdown'" in done.stderr
    assert not eks.path("ref.markdown").exists()
    assert samtale("render", MEETING, "-o", "ref.markdown", "--format", "md", cwd=eks.root).code == 0


@POSIX
def test_a_replaced_output_keeps_its_mode_and_old_temporary_files_are_removed(eks: Eks) -> None:
    out = eks.root / "ref.html"
    assert samtale("render", MEETING, "-o", out, cwd=eks.root).code == 0
    out.chmod(0o600)
    stale = eks.root / f".ref.html{TEMP_MARK}abc123.tmp"  # what a kill -9 leaves
    stale.write_bytes(b"")
    os.utime(stale, (time.time() - STALE_AFTER - 5,) * 2)
    fresh = eks.root / f".ref.html{TEMP_MARK}def456.tmp"  # another run, writing right now
    fresh.write_bytes(b"")
    assert samtale("render", MEETING, "-o", out, cwd=eks.root, process=True).code == 0  # a new run tidies
    assert out.stat().st_mode & 0o777 == 0o600
    assert not stale.exists() and fresh.exists()


def test_odd_environments_give_danish_messages(eks: Eks, tmp_path: Path) -> None:
    done = samtale("render", PLAN, "-o", tmp_path / "p.pdf", cwd=eks.root, env={"SOURCE_DATE_EPOCH": "abc"})
    assert done.code == 0 and (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    skabeloner = tmp_path / "skabeloner"
    skabeloner.mkdir()
    (skabeloner / "referat.md.j2").write_text("{% for i in range(10**8) %}{{ i }}{% endfor %}", encoding="utf-8")
    done = samtale("render", MEETING, "--format", "md", "--skabeloner", skabeloner, cwd=eks.root)
    assert done.code == 2 and "Skabelonen 'referat.md.j2'" in done.stderr
    done = samtale("check", "x" * 300 + ".yaml", cwd=eks.root)
    assert done.code == 2 and "navnet er for langt" in done.stderr and "Errno" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_and_a_closed_output_are_said_in_danish(eks: Eks) -> None:
    import subprocess
    import sys

    from conftest import SRC

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "samtale_cli", "render", MEETING, "--format", "md"],
                              cwd=eks.root, stdout=full, stderr=subprocess.PIPE, text=True, env=env)
    assert done.returncode == 2 and "disken er fuld" in done.stderr and "Traceback" not in done.stderr
    closed = subprocess.run(f"{sys.executable} -m samtale_cli check >&-", shell=True, cwd=eks.root,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert "Traceback" not in closed.stderr and "intern fejl" not in closed.stderr


def test_oversigt_and_kalender_agree_on_unreadable_files(eks: Eks, tmp_path: Path) -> None:
    eks.path(SHEET_DERUDA).write_bytes(b"\xff\xfe ikke utf-8")
    assert samtale("oversigt", cwd=eks.root).code == 1
    assert samtale("kalender", "-o", tmp_path / "k.ics", cwd=eks.root).code == 1
