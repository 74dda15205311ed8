"""Themes where people write them and where they are counted (issue 28, item 2):
``samtale new`` names the themes next to the fields that take ``temaer``; the
after-meeting page (``/_efter/...``) has a theme choice for each pejlemærke and each
point of a department's sheet, written as ``temaer`` and checked before it is written;
``/_pejlemaerker`` keeps the themes (and the lines) of the pejlemærker it does not
change; the history pages, ``samtale oversigt`` and ``/_oversigt`` count by theme.

The forms are sent as a browser sends them: the fields of the form on the page, with
checkboxes ticked or not (:func:`form_fields`).
"""

from __future__ import annotations

import difflib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import AXE_OPTIONS, Eks, MEETING_2025, PLAN, SERVE_TOKEN, SHEET_DERUDA, WORKSPACE, axe_findings, samtale

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from samtale_cli.serve.minutes import version_of  # noqa: E402

TOKEN = SERVE_TOKEN
ADDRESS = MEETING_2025.removesuffix(".yaml")
FIRST = "  - Vi vil organisere rutiner og overgange, så alle børn har deltagelsesmuligheder hele dagen."
FIRST_TEXT = FIRST.removeprefix("  - ")
THEMED_FIRST = (
    f"  - tekst: {FIRST_TEXT}\n"
    "    # fra mødet: sproget i overgangene\n"
    "    temaer: [Kommunikation og sprog, \"krop, sanser og bevægelse\"]"
)
SECOND_TEXT = "Vi vil have systematisk kontakt med de børn, der ikke selv kalder på opmærksomhed."
THIRD_TEXT = "Vi vil evaluere vores indsatser med data, så vi kan se, hvad der virker for børnene."


@pytest.fixture
def client(serve_client: TestClient) -> TestClient:
    return serve_client


@pytest.fixture
def themed(eks: Eks) -> Eks:
    """The examples with the 2025 meeting's first pejlemærke themed (with a comment in it)."""
    eks.edit(MEETING_2025, FIRST, THEMED_FIRST)
    assert not [d for d in eks.diagnostics() if d.is_error]
    return eks


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


class _Form(HTMLParser):
    """The fields a browser sends for the form with ``id``: hidden and text inputs,
    ticked checkboxes, textareas, selected options (in the page's order)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea: str | None = None
        self.boxes: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("type") == "checkbox":
            self.boxes.append(a)
            if "checked" in a:
                self.fields.append((a["name"], a["value"]))
        elif tag == "input" and a.get("name"):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields.append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self.inside and self.textarea is not None:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        if tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    parser = _Form(form_id)
    parser.feed(html)
    assert parser.fields, form_id
    return parser.fields, parser.boxes


def box(boxes: list[dict[str, str]], legend_nr: int, theme: str) -> tuple[str, str]:
    """The (name, value) of the checkbox for ``theme`` in the group of item ``legend_nr``."""
    found = [b for b in boxes if b["name"].startswith(f"tema-{legend_nr}-") and b["value"] == theme]
    assert len(found) == 1, (legend_nr, theme)
    return found[0]["name"], found[0]["value"]


def send(client: TestClient, action: str, fields: list[tuple[str, str]]) -> Any:
    return client.post(action, content=_encoded(fields), headers={"Content-Type": "application/x-www-form-urlencoded"})


def _encoded(fields: list[tuple[str, str]]) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields).encode()


def replaced(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(k, value if k == name else v) for k, v in fields]


def landmarks_of(eks: Eks, rel: str = MEETING_2025) -> list[tuple[str, tuple[str, ...]]]:
    from samtale_cli import model as m
    from samtale_cli.check.document import read

    meeting = read(eks.path(rel), rel).model
    return [(str(p), m.themes_of(p)) for p in meeting.landmarks]


# --- item 3: /_pejlemaerker keeps what it does not change -------------------------------


def test_a_script_that_sends_only_the_texts_keeps_the_themes(client: TestClient, themed: Eks) -> None:
    """The contract's form (``pejlemærker``, one per line): the themed pejlemærke is kept
    as it is written (its themes, its comment), also when another one is changed."""
    before = themed.text(MEETING_2025)
    answer = client.post(f"/_pejlemaerker/{ADDRESS}", data={
        "token": TOKEN, "version": version_of(themed.path(MEETING_2025).read_bytes()),
        "pejlemærker": f"{FIRST_TEXT}\n{SECOND_TEXT}\nEt nyt pejlemærke"})
    assert answer.status_code == 303
    assert changed_lines(before, themed.text(MEETING_2025)) == [f"-  - {THIRD_TEXT}", "+  - Et nyt pejlemærke"]
    assert landmarks_of(themed)[0] == (FIRST_TEXT, ("Kommunikation og sprog", "krop, sanser og bevægelse"))


def test_moving_and_editing_a_themed_pejlemaerke_keeps_its_themes(client: TestClient, themed: Eks) -> None:
    answer = client.post(f"/_pejlemaerker/{ADDRESS}", data={
        "token": TOKEN, "version": version_of(themed.path(MEETING_2025).read_bytes()),
        "pejlemærker": f"{SECOND_TEXT}\n{FIRST_TEXT}"})
    assert answer.status_code == 303
    text = themed.text(MEETING_2025)
    assert "# fra mødet: sproget i overgangene" in text  # moved with its lines
    assert landmarks_of(themed) == [(SECOND_TEXT, ()),
                                   (FIRST_TEXT, ("Kommunikation og sprog", "krop, sanser og bevægelse"))]
    edited = FIRST_TEXT.replace("hele dagen", "hele dagen, også ved frokost")
    assert client.post(f"/_pejlemaerker/{ADDRESS}", data={
        "token": TOKEN, "version": version_of(themed.path(MEETING_2025).read_bytes()),
        "pejlemærker": f"{SECOND_TEXT}\n{edited}"}).status_code == 303
    assert landmarks_of(themed)[1] == (edited, ("Kommunikation og sprog", "krop, sanser og bevægelse"))
    assert not [d for d in themed.diagnostics() if d.is_error]


# --- item 2: the theme choice on /_efter ------------------------------------------------


def test_the_page_offers_a_theme_choice_per_pejlemaerke(client: TestClient, themed: Eks) -> None:
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, "pejlemaerker")
    assert ("temaer", "vist") in fields
    # every checkbox has a label of its own and sits in a group named after its pejlemærke
    for b in boxes:
        assert f'<label for="{b["id"]}">' in html
    assert f"<legend>Temaer for pejlemærke 1: {FIRST_TEXT[:40]}" in html
    assert "<legend>Temaer for et nyt pejlemærke" in html
    ticked = [(name, value) for name, value in fields if name.startswith("tema-")]
    assert ticked == [box(boxes, 1, "kommunikation og sprog"), box(boxes, 1, "krop, sanser og bevægelse")]
    assert len([b for b in boxes if b["name"].startswith("tema-2-")]) == 6  # the curriculum's six


def test_ticking_a_theme_writes_temaer_and_only_that_item_changes(client: TestClient, themed: Eks) -> None:
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, "pejlemaerker")
    fields.append(box(boxes, 3, "social udvikling"))
    fields.append(box(boxes, 3, "alsidig personlig udvikling"))
    before = themed.text(MEETING_2025)
    assert send(client, f"/_pejlemaerker/{ADDRESS}", fields).status_code == 303
    assert changed_lines(before, themed.text(MEETING_2025)) == [
        f"-  - {THIRD_TEXT}", f"+  - tekst: {THIRD_TEXT}", "+    temaer: [social udvikling, alsidig personlig udvikling]"]
    assert landmarks_of(themed)[2] == (THIRD_TEXT, ("social udvikling", "alsidig personlig udvikling"))
    # untick one of the first one's themes: its item is written anew, the rest stays
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, "pejlemaerker")
    fields.remove(box(boxes, 1, "krop, sanser og bevægelse"))
    assert send(client, f"/_pejlemaerker/{ADDRESS}", fields).status_code == 303
    assert landmarks_of(themed)[0] == (FIRST_TEXT, ("kommunikation og sprog",))  # as the checkbox says
    assert landmarks_of(themed)[2][1] == ("social udvikling", "alsidig personlig udvikling")
    assert not [d for d in themed.diagnostics() if d.is_error]


def test_a_new_pejlemaerke_gets_the_themes_of_the_new_group(client: TestClient, eks: Eks) -> None:
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, "pejlemaerker")
    text = dict(fields)["pejlemærker"]
    fields = replaced(fields, "pejlemærker", text + "\nVi vil styrke sproget i legen")
    fields.append(box(boxes, 4, "kommunikation og sprog"))
    assert send(client, f"/_pejlemaerker/{ADDRESS}", fields).status_code == 303
    assert landmarks_of(eks)[3] == ("Vi vil styrke sproget i legen", ("kommunikation og sprog",))
    assert [t for _, t in landmarks_of(eks)[:3]] == [(), (), ()]


def test_an_unknown_theme_is_400_with_mente_du_and_nothing_is_written(client: TestClient, themed: Eks) -> None:
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, _ = form_fields(html, "pejlemaerker")
    fields.append(("tema-2-99", "socail udvikling"))  # not on the page: a forged or stale value
    before = themed.path(MEETING_2025).read_bytes()
    answer = send(client, f"/_pejlemaerker/{ADDRESS}", fields)
    assert answer.status_code == 400
    message = re.search(r'id="pejlemaerker-fejl"[^>]*>([^<]*)<', answer.text)[1].replace("&#39;", "'")  # type: ignore[index]
    assert "W307" in message and "Mente du 'social udvikling'?" in message
    assert themed.path(MEETING_2025).read_bytes() == before
    # the form comes back as it was sent: the themes ticked stay ticked
    fields_again, _ = form_fields(answer.text, "pejlemaerker")
    assert [f for f in fields_again if f[0].startswith("tema-")] == [f for f in fields if f[0].startswith("tema-")][:2]


def test_a_focus_area_of_samtale_yaml_is_offered_and_accepted(client: TestClient, eks: Eks) -> None:
    eks.write(WORKSPACE, eks.text(WORKSPACE) + "fokusområder: [Overgange]\n")
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, "pejlemaerker")
    fields.append(box(boxes, 1, "Overgange"))
    assert send(client, f"/_pejlemaerker/{ADDRESS}", fields).status_code == 303
    assert landmarks_of(eks)[0] == (FIRST_TEXT, ("Overgange",))


def test_many_themes_in_one_form_are_not_too_many_fields(client: TestClient, eks: Eks) -> None:
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, "pejlemaerker")
    fields += [(b["name"], b["value"]) for b in boxes if b["name"].split("-")[1] in "123"]  # 18 boxes
    assert send(client, f"/_pejlemaerker/{ADDRESS}", fields).status_code == 303
    assert all(len(themes) == 6 for _, themes in landmarks_of(eks))


def test_a_department_sheet_s_points_get_themes(client: TestClient, eks: Eks) -> None:
    target = eks.path("afdelinger/boernehuset-ovenpaa/opmaerksomhedspunkter-2025-05-12.yaml")
    html = client.get(f"/_efter/{ADDRESS}").text
    form = "ark-boernehuset-ovenpaa"
    fields, boxes = form_fields(html, form)
    assert [b["name"].split("-")[1] for b in boxes] == ["1"] * 6  # no sheet yet: only the group for a new line
    fields = replaced(fields, "punkter", "Overgange\nFrokost\nGarderoben")
    fields.append(box(boxes, 1, "social udvikling"))
    assert send(client, f"/_ark/{ADDRESS}", fields).status_code == 303
    from samtale_cli import model as m
    from samtale_cli.check.document import read

    def points() -> list[tuple[str, tuple[str, ...]]]:
        sheet = read(target, target.name).model
        return [(str(p), m.themes_of(p)) for p in sheet.points]

    assert points() == [("Overgange", ()), ("Frokost", ()), ("Garderoben", ("social udvikling",))]
    html = client.get(f"/_efter/{ADDRESS}").text
    fields, boxes = form_fields(html, form)
    assert box(boxes, 3, "social udvikling") in fields  # ticked
    fields.append(box(boxes, 1, "krop, sanser og bevægelse"))
    before = target.read_text(encoding="utf-8")
    assert send(client, f"/_ark/{ADDRESS}", fields).status_code == 303
    assert changed_lines(before, target.read_text(encoding="utf-8")) == [
        "-  - Overgange", "+  - tekst: Overgange", "+    temaer: ['krop, sanser og bevægelse']"]
    assert points()[0] == ("Overgange", ("krop, sanser og bevægelse",))
    # a script that sends the texts only keeps the themes of the points it keeps
    data = dict(fields)
    data = {k: v for k, v in data.items() if not k.startswith("tema") and k != "temaer"}
    data.update(punkter="Overgange\nFrokosten\nGarderoben", version=version_of(target.read_bytes()))
    assert client.post(f"/_ark/{ADDRESS}", data=data).status_code == 303
    assert points() == [("Overgange", ("krop, sanser og bevægelse",)), ("Frokosten", ()),
                        ("Garderoben", ("social udvikling",))]
    assert not [d for d in eks.diagnostics() if d.is_error]


# --- item 1: samtale new names the themes -----------------------------------------------


def _hint_themes(text: str) -> list[str]:
    """The themes the hint in a new file names, as they go into a [...] list."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Læreplanens temaer: "))
    joined = lines[start].removeprefix("# Læreplanens temaer: ") + " " + lines[start + 1].removeprefix("#").strip()
    own = [line.removeprefix("# Fokusområder i samtale.yaml: ") for line in lines if "# Fokusområder i samtale.yaml:" in line]
    items = [t.strip().rstrip(";.") for t in joined.split("; ")]
    for line in own:
        items += [t.strip().rstrip(".") for t in line.split("; ")]
    return items


def test_new_sheet_and_plan_name_the_themes_and_the_hint_can_be_used_as_it_stands(eks: Eks) -> None:
    eks.write(WORKSPACE, eks.text(WORKSPACE) + "fokusområder: [Overgange, \"Sprog, leg og læring\"]\n")
    sheet = "afdelinger/boernehuset-ovenpaa/ny-opmaerksomhedspunkter.yaml"
    plan = "afdelinger/boernehuset-ovenpaa/ny-indsats.yaml"
    assert samtale("new", "opmærksomhedspunkter", "--afdeling", "Børnehuset Ovenpå", "--læringssamtale", MEETING_2025,
                   "-o", sheet, cwd=eks.root).code == 0
    assert samtale("new", "indsats", "--afdeling", "Børnehuset Ovenpå", "--dato", "2025-08-01", "-o", plan,
                   cwd=eks.root).code == 0
    for rel, key in ((sheet, "punkter:"), (plan, "temaer: []")):
        text = eks.text(rel)
        hint = text[:text.index(key)].rsplit("\n\n", 1)[1]  # the comment block right above the field
        assert "kan have temaer (valgfrit)" in hint
        assert '"krop, sanser og bevægelse"' in hint and "Fokusområder i samtale.yaml: Overgange; " in hint
        assert "alsidig personlig udvikling" in hint
    assert not [d for d in eks.diagnostics() if d.is_error]
    # every theme as the hint writes it, in a [...] list, is a theme check accepts
    themes = _hint_themes(eks.text(plan))
    assert len(themes) == 8
    eks.edit(plan, "temaer: []", f"temaer: [{', '.join(themes)}]")
    # the example of the sheet's hint, uncommented, is a themed point
    example = re.search(r"#   (- tekst: Punktet)\n#     (temaer: \[.*\])\n", eks.text(sheet))
    assert example
    eks.edit(sheet, "  - Opmærksomhedspunkt 1 (udfyldes)", f"  {example[1]}\n    {example[2]}")
    assert not [d for d in eks.diagnostics() if d.code == "W307" or d.is_error]
    from samtale_cli import model as m
    from samtale_cli.check.document import read

    assert len(read(eks.path(plan), plan).model.themes) == 8
    assert m.themes_of(read(eks.path(sheet), sheet).model.points[0]) == ("kommunikation og sprog", "social udvikling")


@pytest.mark.parametrize("template", [None, "standard"])
def test_a_new_meeting_names_the_themes_above_its_pejlemaerker(eks: Eks, template: str | None) -> None:
    """From the latest meeting and from a built-in agenda; the example, uncommented, is a
    themed pejlemærke that check accepts."""
    args = ["--skabelon", template] if template else []
    done = samtale("new", "læringssamtale", "--dato", "11/5 2026", "-o", "laeringssamtaler/ny.yaml", *args, cwd=eks.root)
    assert done.code == 0, done.stderr
    rel = "laeringssamtaler/ny.yaml"
    example = re.search(r"# Et pejlemærke kan have temaer.*\n#   (- tekst: Pejlemærket)\n#     (temaer: \[.*\])\n"
                        r"(?:#.*\n)*pejlemærker: \[\]\n", eks.text(rel))
    assert example, eks.text(rel)
    eks.edit(rel, "pejlemærker: []\n", f"pejlemærker:\n  {example[1]}\n    {example[2]}\n")
    assert not [d for d in eks.diagnostics() if d.code == "W307" or d.is_error]
    from samtale_cli import model as m
    from samtale_cli.check.document import read

    assert m.themes_of(read(eks.path(rel), rel).model.landmarks[0]) == ("kommunikation og sprog", "social udvikling")


# --- item 4: counted by theme -----------------------------------------------------------


@pytest.fixture
def counted(themed: Eks) -> Eks:
    """A themed pejlemærke (2025), a themed point (Derudá 2024), a themed plan that is
    over (2021-22) and one under way on 2025-06-01 (both Kernehuset)."""
    from conftest import PLAN_2025

    themed.edit(SHEET_DERUDA, "  - Organisering af dagen i mindre grupper",
                "  - temaer: [kommunikation og sprog]\n    tekst: Organisering af dagen i mindre grupper")
    themed.edit(PLAN, "faser:", "temaer: [social udvikling, Kommunikation og sprog]\nfaser:")
    themed.edit(PLAN_2025, "faser:", "temaer: [social udvikling]\nfaser:")
    themed.edit(PLAN_2025, "status: afsluttet", "status: i gang")
    assert not [d for d in themed.diagnostics() if d.is_error]
    return themed


def theme_table(html: str) -> dict[str, tuple[int, int, int]]:
    section = re.search(r'<h2 id="h-temaer">Temaer</h2>(.*?)</table>', html, re.S)
    assert section, "no Temaer table"
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>', section[1])
    return {theme.replace("&#39;", "'"): (int(a), int(b), int(c)) for theme, a, b, c in rows}


def test_history_pages_count_by_theme(client: TestClient, counted: Eks) -> None:
    daycare = theme_table(client.get("/historik.html").text)
    assert daycare["kommunikation og sprog"] == (1, 1, 1)
    assert daycare["krop, sanser og bevægelse"] == (1, 0, 0)
    assert daycare["social udvikling"] == (0, 0, 2)
    assert daycare["natur, udeliv og science"] == (0, 0, 0)  # the curriculum's six are all there
    assert len(daycare) == 6
    department = theme_table(client.get("/afdelinger/vuggestuen-kernehuset/historik.html").text)
    assert department["kommunikation og sprog"] == (1, 0, 1)  # Derudá's point is not Kernehuset's
    assert department["social udvikling"] == (0, 0, 2)


def test_no_table_when_nothing_has_a_theme(client: TestClient) -> None:
    assert 'id="h-temaer"' not in client.get("/historik.html").text
    assert 'id="h-temaer"' not in client.get("/_oversigt?dato=2025-06-01").text


def test_oversigt_counts_what_is_current_by_theme(client: TestClient, counted: Eks) -> None:
    result = samtale("oversigt", "--dato", "2025-06-01", "--format", "json", cwd=counted.root)
    rows = {row["tema"]: row for row in json.loads(result.stdout)["temaer"]}
    # the plan of 2021-22 is over; Derudá's latest sheet is the 2024 one
    assert rows["kommunikation og sprog"] == {"tema": "kommunikation og sprog", "pejlemærker": 1,
                                              "opmærksomhedspunkter": 1, "indsatser": 0}
    assert rows["social udvikling"]["indsatser"] == 1
    text = samtale("oversigt", "--dato", "2025-06-01", cwd=counted.root).stdout
    assert "  kommunikation og sprog: 1 pejlemærke, 1 opmærksomhedspunkt, 0 indsatser\n" in text
    assert "  social udvikling: 0 pejlemærker, 0 opmærksomhedspunkter, 1 indsats\n" in text
    # only the departments of --ansvarlig (Merete Juhl: Kernehuset): Derudá's point drops out
    who = samtale("oversigt", "--dato", "2025-06-01", "--format", "json", "--ansvarlig", "Merete Juhl",
                  cwd=counted.root)
    mine = {row["tema"]: row for row in json.loads(who.stdout)["temaer"]}
    assert mine["kommunikation og sprog"]["opmærksomhedspunkter"] == 0
    assert mine["kommunikation og sprog"]["pejlemærker"] == 1 and mine["social udvikling"]["indsatser"] == 1
    # and the page
    page = theme_table(client.get("/_oversigt?dato=2025-06-01").text)
    assert page["kommunikation og sprog"] == (1, 1, 0) and page["social udvikling"] == (0, 0, 1)


# --- accessibility of the new parts (axe in headless Chromium, as tests/test_accessible.py) ---


@pytest.mark.browser
def test_axe_finds_nothing_serious_in_the_theme_parts(client: TestClient, counted: Eks, tmp_path: Path,
                                                     browser: object) -> None:
    import test_accessible as a

    pages = {"efter": (f"/_efter/{ADDRESS}", ".temaer"), "historik": ("/historik.html", "section.temaer"),
             "oversigt": ("/_oversigt?dato=2025-06-01", 'section[aria-labelledby="h-temaer"]')}
    for name, (address, part) in pages.items():
        html = client.get(address).text
        assert 'id="h-temaer"' in html or "tema-1-1" in html, name
        file = tmp_path / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        for viewport in a.VIEWPORTS.values():
            context = browser.new_context(viewport=viewport, locale="da-DK")
            try:
                page = context.new_page()
                page.goto(file.as_uri())
                results = a.axe_sync.Axe().run(page, context=part, options=AXE_OPTIONS).response
            finally:
                context.close()
            assert axe_findings(results, "violations") == [], name
            assert results["passes"] or results.get("inapplicable"), name  # axe looked at the part


# --- the list writer under the forms ----------------------------------------------------


@pytest.mark.parametrize(("raw", "items", "kept", "expected"), [
    # a comment between two items goes with the later one; untouched items keep their bytes
    (b"a: 1\np:\n  - x   # x\n  # om y\n  - tekst: y\n    temaer: [social udvikling]\nb: 2\n",
     ["z", "y"], [None, 1],
     b"a: 1\np:\n  - z\n  # om y\n  - tekst: y\n    temaer: [social udvikling]\nb: 2\n"),
    # CRLF and a last line without a line break
    (b"p:\r\n- x\r\n- y", ["y", "x", {"tekst": "n", "temaer": ["kommunikation og sprog"]}], [1, 0, None],
     b"p:\r\n- y\r\n- x\r\n- tekst: n\r\n  temaer:\r\n    - kommunikation og sprog"),
    # a list on one line is written anew (as before), with the themes
    (b"p: [x, y]\n", [{"tekst": "x", "temaer": ["social udvikling"]}, "y"], [None, 1],
     b"p:\n  - tekst: x\n    temaer:\n      - social udvikling\n  - y\n"),
])
def test_set_items_keeps_the_lines_of_kept_items(raw: bytes, items: list[Any], kept: list[int | None],
                                                 expected: bytes) -> None:
    from samtale_cli.serve.edits import YamlText

    text = YamlText(raw)
    text.set_items([], "p", items, kept)
    assert text.encode() == expected


# --- themes in the documents people send, and back through Word -----------------------


def test_themes_are_shown_in_the_minutes_and_come_back_from_word(eks: Eks, tmp_path: Path) -> None:
    """'Temaer: a; b' under a themed pejlemærke in Markdown, HTML and Word; samtale import
    of the Word minutes gives the same pejlemærker, themes and all."""
    from samtale_cli import model as m
    from samtale_cli.check.document import read

    line = "  - Vi vil evaluere vores indsatser med data, så vi kan se, hvad der virker for børnene.\n"
    eks.edit(MEETING_2025, line, line.replace("  - ", "  - tekst: ") + '    temaer: [kommunikation og sprog, "krop, sanser og bevægelse"]\n')
    shown = "Temaer: kommunikation og sprog; krop, sanser og bevægelse"
    for suffix in ("md", "html", "docx"):
        out = tmp_path / f"referat.{suffix}"
        assert samtale("render", MEETING_2025, "--dokument", "referat", "-o", out, cwd=eks.root).code == 0
        if suffix != "docx":
            assert shown in out.read_text(encoding="utf-8"), suffix
    import docx

    assert shown in [p.text for p in docx.Document(str(tmp_path / "referat.docx")).paragraphs]
    back = "laeringssamtaler/tilbage.yaml"
    assert samtale("import", tmp_path / "referat.docx", "-o", back, cwd=eks.root).code in (0, 1)
    before = read(eks.path(MEETING_2025), MEETING_2025).model.landmarks
    after = read(eks.path(back), back).model.landmarks
    assert [(str(x), m.themes_of(x)) for x in after] == [(str(x), m.themes_of(x)) for x in before]
    assert m.themes_of(after[2]) == ("kommunikation og sprog", "krop, sanser og bevægelse")
