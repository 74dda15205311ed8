"""serve's incremental snapshot equals a check of the whole folder, edit after edit.

``samtale serve`` checks again only the files a change concerns (the changed files, the
files that read or asked about them, the other sheets of a changed sheet's meeting, the
files that looked for a missing file when files come or go) and patches the rest of
the snapshot from what it kept. After every edit of a series, the incremental site must
give exactly what a fresh ``Site(incremental=False)`` (one ``run`` over the folder, the
plain path) gives: the findings, the documents and skipped files in order, each
document's referrers, the list of pages and the HTML of every page. Both ways of
learning of a change are tested: the watcher's reported paths (``trusted``) and the
sizes and times looked at on every request.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MEETING, MEETING_2025, PLAN, PLAN_2025, SHEET_DERUDA, SHEET_HAVEN, SHEET_KERNEHUSET, Eks

from samtale_cli.serve import site as s  # noqa: E402
from samtale_cli.serve.site import Site  # noqa: E402

SHEET_COPY = "afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13-rettet.yaml"


def _state(site: Site) -> dict[str, object]:
    """Everything a page or a request can see of a snapshot, as plain values."""
    snap = site.snapshot()
    pages = {address: site.page(address) for address in sorted(snap.pages)}
    return {
        "findings": [d.format() for d in snap.run.findings],
        "check_json": site.check_json(),
        "documents": [c.path for c in snap.run.documents],
        "skipped": [(c.path, c.has_errors, c.blocked) for c in snap.run.skipped],
        "referrers": {c.path: [r.path for r in c.referrers] for c in snap.run.documents},
        "meetings": sorted(snap.meetings),
        "pages": pages,
    }


def _compare(site: Site, root: Path) -> None:
    plain = Site(root, root, incremental=False)
    want, got = _state(plain), _state(site)
    for key in want:
        if key == "pages":
            assert list(got["pages"]) == list(want["pages"])  # type: ignore[arg-type]
            for address, html in want["pages"].items():  # type: ignore[union-attr]
                assert got["pages"][address] == html, address  # type: ignore[index]
        else:
            assert got[key] == want[key], key


def _edits(eks: Eks) -> list[tuple[str, Callable[[], list[Path]]]]:
    """A series of edits; each returns the paths a watcher would report."""
    def edit(rel: str, old: str, new: str) -> Callable[[], list[Path]]:
        def do() -> list[Path]:  # the first occurrence (a top-level key comes first)
            text = eks.text(rel)
            assert old in text, (rel, old)
            eks.write(rel, text.replace(old, new, 1))
            return [eks.path(rel)]
        return do

    def write(rel: str, text: str) -> Callable[[], list[Path]]:
        def do() -> list[Path]:
            path = eks.path(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return [path]
        return do

    def remove(rel: str) -> Callable[[], list[Path]]:
        def do() -> list[Path]:
            path = eks.path(rel)
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            return [path]
        return do

    def move(rel: str, to: str) -> Callable[[], list[Path]]:
        def do() -> list[Path]:
            os.replace(eks.path(rel), eks.path(to))
            return [eks.path(rel), eks.path(to)]
        return do

    meeting_text = eks.text(MEETING)
    sheet_text = eks.text(SHEET_HAVEN)
    moved_meeting = MEETING.replace("2024-05-13", "2024-05-14")
    return [
        ("a meeting's title", edit(MEETING, "titel: ", "titel: Ny ")),
        ("minutes of an item", edit(MEETING_2025, "  - emne: ", "  - referat: Vi talte om det.\n    emne: ")),
        ("a sheet's department (O503)", edit(SHEET_HAVEN, "afdeling: Børnehuset Haven", "afdeling: Vuggestuen Kernehuset")),
        ("the department back", edit(SHEET_HAVEN, "afdeling: Vuggestuen Kernehuset", "afdeling: Børnehuset Haven")),
        ("a second sheet for one meeting (O504)", write(SHEET_COPY, sheet_text)),
        ("the second sheet's meeting changed", edit(SHEET_COPY, "2024-05-13-laeringssamtale", "2025-05-12-laeringssamtale")),
        ("and back", edit(SHEET_COPY, "2025-05-12-laeringssamtale", "2024-05-13-laeringssamtale")),
        ("the second sheet gone", remove(SHEET_COPY)),
        ("a sheet's points (a plan names them)", edit(SHEET_KERNEHUSET, "punkter:\n  - ", "punkter:\n  - Nyt punkt.\n  - ")),
        ("a plan follows another sheet (R907)", edit(PLAN_2025, "  fil: opmaerksomhedspunkter", "  fil: ../boernehuset-deruda/opmaerksomhedspunkter")),
        ("a broken sheet (YAML)", edit(SHEET_DERUDA, "punkter:", "punkter: [")),
        ("the sheet mended", edit(SHEET_DERUDA, "punkter: [", "punkter:")),
        ("a meeting renamed: its sheets lose it (O502, hints)", move(MEETING, moved_meeting)),
        ("and back", move(moved_meeting, MEETING)),
        ("a meeting's data file gone (D403)", remove("laeringssamtaler/data/opsamling-tilsyn-2024.md")),
        ("and back", write("laeringssamtaler/data/opsamling-tilsyn-2024.md", "# Opsamling\n")),
        ("x.yml beside x.yaml (W306)", write(PLAN_2025.replace(".yaml", ".yml"), eks.text(PLAN_2025))),
        ("the .yml gone", remove(PLAN_2025.replace(".yaml", ".yml"))),
        ("a new meeting", write("laeringssamtaler/2026-05-11-laeringssamtale.yaml", meeting_text.replace("titel: ", "titel: 2026 ", 1))),
        ("a new department folder with a sheet", write("afdelinger/ny-afdeling/opmaerksomhedspunkter-2024-05-13.yaml",
                                                       sheet_text.replace("Børnehuset Haven", "Ny Afdeling"))),
        ("the folder gone", remove("afdelinger/ny-afdeling")),
        ("a plan deleted", remove(PLAN)),
        ("a file that is not YAML", write("afdelinger/noter.txt", "noter\n")),
        ("the workspace file", edit("samtale.yaml", "afdelinger:", "afdelinger:\n  - Ny Afdeling")),
        ("a meeting emptied", write(MEETING_2025, "")),
    ]


@pytest.mark.parametrize("trusted", [False, True], ids=["stat", "watcher"])
def test_incremental_snapshot_equals_a_full_check_after_every_edit(eks: Eks, trusted: bool) -> None:
    site = Site(eks.root, eks.root)
    site.trusted = trusted
    _compare(site, eks.root)
    for what, edit in _edits(eks):
        reported = edit()
        if trusted:
            site.changed(reported)
        try:
            _compare(site, eks.root)
        except AssertionError as exc:
            raise AssertionError(f"after the edit '{what}': {exc}") from exc


def test_a_change_checks_only_the_file_and_those_that_read_it(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(eks.root, eks.root)
    site.trusted = True
    site.snapshot()
    checked: list[str] = []
    entry = s._Recorder.entry

    def counting(self: s._Recorder, path: Path, workspaces: dict[Path, object]) -> object:
        checked.append(path.relative_to(eks.root).as_posix())
        return entry(self, path, workspaces)  # type: ignore[arg-type]

    monkeypatch.setattr(s._Recorder, "entry", counting)
    eks.write(MEETING, eks.text(MEETING).replace("titel: ", "titel: Ny ", 1))
    site.changed([eks.path(MEETING)])
    site.snapshot()
    # its sheets read it; the 2025 meeting names it among its data files, which only have to be there
    assert sorted(checked) == sorted([MEETING, SHEET_DERUDA, SHEET_HAVEN, SHEET_KERNEHUSET])
    checked.clear()
    os.replace(eks.path(MEETING), eks.path(MEETING + ".gone"))
    site.changed([eks.path(MEETING)])
    site.snapshot()
    assert sorted(checked) == sorted([MEETING_2025, SHEET_DERUDA, SHEET_HAVEN, SHEET_KERNEHUSET])
    os.replace(eks.path(MEETING + ".gone"), eks.path(MEETING))
    site.changed([eks.path(MEETING)])
    site.snapshot()
    checked.clear()
    eks.write(PLAN_2025, eks.text(PLAN_2025).replace("titel: ", "titel: Ny ", 1))
    site.changed([eks.path(PLAN_2025)])
    site.snapshot()
    assert checked == [PLAN_2025]


def test_a_request_trusts_the_watcher(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the watcher following the files, a request neither walks the folder nor
    looks at the files; a reported change is seen at once."""
    site = Site(eks.root, eks.root)
    site.trusted = True
    first = site.snapshot()

    def no_walk(*args: object, **kwargs: object) -> None:
        raise AssertionError("walked the folder")

    monkeypatch.setattr(s, "walk", no_walk)
    monkeypatch.setattr(s, "_discover", no_walk)
    monkeypatch.setattr(s, "_stamp", no_walk)
    assert site.snapshot() is first
    assert site.page("index.html") is not None
    monkeypatch.undo()
    eks.write(MEETING, eks.text(MEETING).replace("titel: ", "titel: Ny ", 1))
    site.changed([eks.path(MEETING)])
    assert site.snapshot() is not first
    assert "Ny " in (site.page(MEETING.replace(".yaml", "-referat.html")) or "")


def test_untrusted_requests_see_a_change_without_being_told(eks: Eks) -> None:
    site = Site(eks.root, eks.root)
    before = site.page(MEETING.replace(".yaml", "-referat.html"))
    eks.write(MEETING, eks.text(MEETING).replace("titel: ", "titel: Ændret ", 1))
    after = site.page(MEETING.replace(".yaml", "-referat.html"))
    assert before != after and "Ændret " in (after or "")


def test_discovery_equals_discover(eks: Eks) -> None:
    from samtale_cli.check.discover import discover

    (eks.root / "afdelinger" / "link.yaml").symlink_to(eks.path(SHEET_HAVEN))
    (eks.root / ".skjult").mkdir()
    (eks.root / ".skjult" / "x.yaml").write_text("type: indsats\n", encoding="utf-8")
    for folder in ("_site", "venv", "a/b/c", "a/B"):
        (eks.root / folder).mkdir(parents=True)
        (eks.root / folder / "z.yaml").write_text("type: indsats\n", encoding="utf-8")
        (eks.root / folder / "A.yml").write_text("type: indsats\n", encoding="utf-8")
    (eks.root / "venv" / "pyvenv.cfg").write_text("", encoding="utf-8")
    (eks.root / "a" / "mappe-link").symlink_to(eks.root / "afdelinger")
    (eks.root / "a" / "brudt.yaml").symlink_to(eks.root / "findes-ikke.yaml")
    (eks.root / "a" / ".x.yaml").write_text("", encoding="utf-8")
    assert list(s._discover(eks.root, print)) == list(discover([eks.root], print))
    assert list(s._discover(eks.root / "afdelinger", print)) == list(discover([eks.root / "afdelinger"], print))


def _first_page(root: Path) -> str | None:
    site = Site(root, root)
    html = site._first_index()
    if site._building is not None:
        site._building.join()
    return html


def test_the_first_front_page_equals_the_snapshots(eks: Eks) -> None:
    """The front page made before the first snapshot (from the folder, samtale.yaml
    and one usable document) is the one the snapshot gives; when it cannot be sure, it
    leaves the page to the snapshot."""
    def plain() -> str | None:
        return Site(eks.root, eks.root, incremental=False).page("index.html")

    first = _first_page(eks.root)
    assert first is not None and first == plain()
    eks.write(SHEET_DERUDA, eks.text(SHEET_DERUDA).replace("punkter:", "punkter: [", 1))  # a broken file
    (eks.root / "ny-mappe" / "under").mkdir(parents=True)
    eks.write("ny-mappe/under/indsats.yaml", eks.text(PLAN))
    first = _first_page(eks.root)
    assert first is not None and first == plain()
    assert "ny-mappe" in first
    eks.write("beside.yaml", eks.text(PLAN))  # a file beside samtale.yaml: the snapshot says
    assert _first_page(eks.root) is None
    eks.path("beside.yaml").unlink()
    eks.write("samtale.yaml", eks.text("samtale.yaml") + "ukendt_felt: 1\n")  # samtale.yaml with errors
    assert _first_page(eks.root) is None or _first_page(eks.root) == plain()


def test_the_first_front_page_needs_no_check_of_the_whole_folder(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(eks.root, eks.root)
    built = []
    monkeypatch.setattr(site, "_build_quietly", lambda: built.append(1))
    monkeypatch.setattr(s._Files, "build", lambda *a: (_ for _ in ()).throw(AssertionError("a whole check")))
    assert site.page("index.html") is not None
    site._building.join()  # type: ignore[union-attr]
    assert built == [1]


def test_a_large_history_is_split_by_year_and_shows_everything_once(eks: Eks, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over PER_PAGE meetings, sheets and plans, historik.html lists the years and each
    year has pages of at most PER_PAGE; every item is on exactly one of them, and only
    historik.html is in the folder's index."""
    import re

    from samtale_cli.out import history

    whole = Site(eks.root, eks.root, incremental=False)
    one = whole.page("historik.html") or ""
    monkeypatch.setattr(history, "PER_PAGE", 2)
    site = Site(eks.root, eks.root, incremental=False)
    pages = [a for a in site.snapshot().pages if re.fullmatch(r"historik(-\d{4}(-\d+)?)?\.html", a)]
    assert "historik-2024.html" in pages and "historik-2025.html" in pages and len(pages) > 3
    main = site.page("historik.html") or ""
    for address in pages:
        if address != "historik.html":
            assert f'href="{address}"' in main
    assert "ingen læringssamtaler" not in main
    index = site.page("index.html") or ""
    assert 'href="historik.html"' in index and "historik-2024" not in index
    titles = re.findall(r"<h3><a [^>]*>([^<]+)</a></h3>", one)
    assert titles
    parts = [site.page(a) or "" for a in pages if a != "historik.html"]
    for title in titles:
        assert sum(part.count(f">{title}</a></h3>") for part in parts) == 1, title
    for part in parts:
        assert part.count("<article>") + part.count('<p class="etiket"><a') <= 2 * 2
        assert 'href="historik.html"' in part


def _places(node: object, out: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    out.append((type(node).__name__, node.start_mark.index, node.end_mark.index))  # type: ignore[attr-defined]
    value = node.value  # type: ignore[attr-defined]
    if isinstance(value, list):
        for child in value:
            for part in child if isinstance(child, tuple) else (child,):
                _places(part, out)
    return out


def test_minutes_find_the_same_places_with_the_c_parser() -> None:
    """A minutes save finds the item with ruamel.yaml's C parser: every node of every
    example and corpus file has the places the round-trip parser gives it."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from conftest import EXAMPLES, REPO
    from samtale_cli.serve.minutes import _compose

    files = sorted([*EXAMPLES.rglob("*.yaml"), *(REPO / "tests" / "corpus").rglob("*.yaml")])
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        try:
            want = YAML().compose(text)
        except YAMLError:
            continue
        got = _compose(text)
        if want is None:
            assert got is None, path
            continue
        assert _places(got, []) == _places(want, []), path


def test_the_real_server_trusts_its_watcher_and_is_never_stale(eks: Eks) -> None:
    """``samtale serve`` with its watcher: after the change event, the changed file's
    pages, the pages of the files that read it, the index and /_check.json are those of
    the files on disk."""
    import http.client
    import json
    import time

    from conftest import samtale, served

    def get(host: str, path: str) -> str:
        connection = http.client.HTTPConnection(host, timeout=60)
        try:
            connection.request("GET", path)
            return connection.getresponse().read().decode()
        finally:
            connection.close()

    with served(eks.root) as server:
        assert "historik.html" in get(server.host, "/")
        before = json.loads(get(server.host, "/_check.json"))
        stream = http.client.HTTPConnection(server.host, timeout=30)
        stream.request("GET", "/_aendringer")
        response = stream.getresponse()
        response.readline()
        response.readline()
        time.sleep(1.5)  # the watcher is up, and trusted
        text = eks.text(MEETING)
        eks.write(MEETING, text.replace("titel: ", "titel: Ændret ", 1))
        eks.write(SHEET_HAVEN, eks.text(SHEET_HAVEN).replace("afdeling: Børnehuset Haven", "afdeling: Vuggestuen Kernehuset"))
        seen: set[str] = set()
        while not {MEETING, SHEET_HAVEN} <= seen:
            assert response.readline() == b"event: endret\n"
            seen |= set(json.loads(response.readline().decode().removeprefix("data: "))["filer"])
            response.readline()
        stream.close()
        assert "Ændret " in get(server.host, "/laeringssamtaler/index.html")
        assert "Ændret " in get(server.host, f"/{MEETING.removesuffix('.yaml')}-referat.html")
        found = json.loads(get(server.host, "/_check.json"))
        server.stop()
    want = json.loads(samtale("check", "--format", "json", cwd=eks.root).stdout)
    assert found == want and found != before
