"""'samtale import': Word back to YAML.

* Round trip: every example file rendered with ``render --format docx`` and imported
  again is the same model; so are hypothesis-made meetings, sheets and plans. "The same"
  means equal models, with free text compared as Markdown shows it (HTML with white
  space collapsed: where a line is wrapped inside a paragraph does not matter) and
  defaults made explicit (an item's ``del``, a recurring meeting's ``første``).
* Word files laid out by people, built here with python-docx in four layouts (merged
  cells, line breaks and soft hyphens in cells, "Ca." spelled variously, a table split
  in two, typed bullets, minutes rows), give files whose findings are only the ones
  their content has.
* Files that are no readable DOCX (text, a corrupt zip, a zip bomb, an old .doc, a
  spreadsheet, an XML entity bomb) give a Danish message and exit 2, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conftest
from conftest import EXAMPLES, examples, samtale
from samtale_cli.out.html import Renderer
from samtale_cli.out.pages import load
from samtale_cli.core import kinds
from samtale_cli.check.document import read
from samtale_cli.check.checker import Checked
from samtale_cli.out.wordread import normal_html

CASES = [
    *[(meeting, "referat") for meeting in conftest.MEETINGS],
    *[(plan, "indsatsplan") for plan in conftest.PLANS],
    *[(sheet, "opmærksomhedspunkter") for sheet in conftest.SHEETS],
]


def canonical(model: Any, daycare: str | None = None) -> Any:
    """A model as plain data for comparing: free text as the HTML Markdown makes of it,
    defaults filled in."""
    from pydantic import BaseModel

    def walk(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return {name: walk(getattr(value, name)) for name in type(value).model_fields}
        if isinstance(value, dict):
            return {k: walk(x) for k, x in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(x) for x in value]
        if isinstance(value, str):
            return normal_html(value)
        return value if isinstance(value, (int, float, bool, type(None))) else repr(value)

    data = walk(model)
    if model.type == "læringssamtale":
        first = normal_html(model.parts[0].id)
        for item in data["agenda"]:
            item["part"] = item["part"] or first
        data["daycare"] = data["daycare"] or (normal_html(daycare) if daycare else None)
    if model.type == "indsats":
        for phase, raw in zip(data["phases"], model.phases):
            for meeting, rec in zip(phase["meetings"], raw.meetings):
                meeting["first"] = repr(raw.first_date(rec))
    return data


def _import(docx_path: Path, target: Path, cwd: Path, *extra: str) -> conftest.Result:
    return samtale("import", docx_path, "-o", target, *extra, cwd=cwd)


@pytest.fixture
def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    """The examples twice: one to render from, one to import into."""
    a, b = tmp_path / "fra", tmp_path / "til"
    shutil.copytree(EXAMPLES, a)
    shutil.copytree(EXAMPLES, b)
    return a, b


# --------------------------------------------------------------------- round trip: examples


@pytest.mark.parametrize(("rel", "document"), CASES, ids=lambda x: Path(x).stem if "/" in str(x) else x)
def test_round_trip_examples(two_copies: tuple[Path, Path], rel: str, document: str) -> None:
    source_root, target_root = two_copies
    source = load(source_root / rel)
    word_file = target_root.parent / "dokument.docx"
    word_file.write_bytes(Renderer().render(source, document, "docx"))
    target = target_root / rel
    target.unlink()
    result = _import(word_file, target, target_root)
    assert result.code == 0, result.stdout + result.stderr  # the example passes check, so does the import
    assert result.stdout == "" and result.stderr.strip().endswith(f"skrev {rel}")
    imported = read(target, rel)
    assert imported.model is not None, imported.diagnostics
    daycare = source.workspace.daycare if source.workspace else None
    assert canonical(imported.model, daycare) == canonical(source.model, daycare)
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(".json")


def test_round_trip_dagsorden_gives_the_meeting_without_minutes(two_copies: tuple[Path, Path]) -> None:
    source_root, target_root = two_copies
    source = load(source_root / conftest.MEETING)
    word_file = target_root.parent / "dagsorden.docx"
    word_file.write_bytes(Renderer().render(source, "dagsorden", "docx"))
    target = target_root / "laeringssamtaler" / "ny.yaml"
    assert _import(word_file, target, target_root).code == 0
    expected = source.model.model_copy(update={
        "agenda": [i.model_copy(update={"minutes_text": None, "subitems": [
            s.model_copy(update={"minutes_text": None}) for s in i.subitems]}) for i in source.model.agenda],
        "decisions": [], "landmarks": [], "agreements": [], "next_meeting": None,
        "participants": [p.model_copy(update={"attendance": "mødt"}) for p in source.model.participants],
    })
    assert canonical(read(target, "ny.yaml").model) == canonical(expected)


def test_round_trip_a_moved_first_meeting(two_copies: tuple[Path, Path]) -> None:
    """A recurring meeting whose first day is a fridag, moved to the next working day:
    Word lists the days it is held, and says 'Første møde' so the file comes back."""
    source_root, target_root = two_copies
    path = source_root / conftest.PLAN_2025
    path.write_text(path.read_text(encoding="utf-8").replace("første: 2024-10-03", "første: 2024-12-26"), encoding="utf-8")
    source = load(path)
    word_file = target_root.parent / "plan.docx"
    word_file.write_bytes(Renderer().render(source, "indsatsplan", "docx"))
    text = "\n".join(p.text for p in docx.Document(str(word_file)).paragraphs)
    assert "Første møde: 26. december 2024" in text and "torsdag 2. januar 2025" in text
    assert "Tid: kl. 14:00–15:00 (1 t)" in text and "Ved fridag: næste hverdag" in text
    target = target_root / conftest.PLAN_2025
    assert _import(word_file, target, target_root, "--force").code == 0
    assert canonical(read(target, "plan.yaml").model) == canonical(source.model)


# --------------------------------------------------------------------- round trip: hypothesis

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÆØÅ0123456789", min_size=1, max_size=9)
PUNCT = st.sampled_from([",", ".", "?", "!", " –", ":", ";", " (x)", " «a»", " &", " 5%", " 1/2", " _a_b", " #3"])


@st.composite
def plain(draw: st.DrawFn, max_words: int = 7) -> str:
    """A sentence that begins with a letter (a text beginning '1. ' is a list in Markdown)."""
    words = [draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=9)),
             *draw(st.lists(WORDS, max_size=max_words - 1))]
    text = " ".join(words)
    if draw(st.booleans()):
        text += draw(PUNCT)
    return text[0].upper() + text[1:]


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = [draw(plain())]
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["bold", "italic", "link", "plain"]))
        words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=3)))
        parts.append({"bold": f"**{words}**", "italic": f"*{words}*",
                      "link": f"[{words}](https://example.org/{draw(WORDS)})", "plain": words}[kind])
    return " ".join(parts)


@st.composite
def block(draw: st.DrawFn) -> str:
    paragraphs = [draw(inline()) for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        marker = draw(st.sampled_from(["-", "1."]))
        items = [f"{marker} {draw(inline())}" for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            items.append("   - " + draw(inline()) if marker == "1." else "  - " + draw(inline()))
        paragraphs.append("\n".join(items))
    if draw(st.booleans()):
        paragraphs.append(draw(inline()))
    return "\n\n".join(paragraphs) + "\n"


def minutes() -> st.SearchStrategy[Any]:
    return st.one_of(st.integers(0, 90), st.builds(lambda n, ca: f"{'ca. ' if ca else ''}{n} min",
                                                    st.integers(1, 90), st.booleans()))


@st.composite
def meetings(draw: st.DrawFn) -> dict[str, Any]:  # noqa: C901
    part_ids = draw(st.lists(st.sampled_from(["plenum", "ledelse", "grupper", "afslutning"]), min_size=1,
                             max_size=3, unique=True))
    people = [{"navn": draw(plain(3)), "rolle": draw(st.sampled_from(["dagtilbudsleder", "konsulent", "BU-chef",
                                                                      "pædagogisk leder", draw(plain(2))]))}
              for _ in range(draw(st.integers(1, 4)))]
    for person in people:
        if draw(st.booleans()):
            person["afdeling"] = draw(plain(2))
        if draw(st.booleans()):
            person["dele"] = draw(st.lists(st.sampled_from(part_ids), min_size=1, unique=True))
        if draw(st.integers(0, 3)) == 0:
            person["fremmøde"] = draw(st.sampled_from(["afbud", "fraværende"]))
    agenda = []
    for _ in range(draw(st.integers(1, 5))):
        item: dict[str, Any] = {"emne": draw(plain(5)), "minutter": draw(minutes())}
        if len(part_ids) > 1 or draw(st.booleans()):
            item["del"] = draw(st.sampled_from(part_ids))
        if draw(st.integers(0, 4)) == 0:
            item["pause"] = True
        for key in ("ansvarlig", "mål", "spørgsmål"):
            if draw(st.booleans()):
                item[key] = [draw(plain(3)) if key == "ansvarlig" else draw(inline())
                             for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            item["punkter"] = []
            for _ in range(draw(st.integers(1, 3))):
                sub: dict[str, Any] = {"emne": draw(plain(4))}
                if draw(st.booleans()):
                    sub["minutter"] = draw(minutes())
                if draw(st.booleans()):
                    sub["mål"] = [draw(inline())]
                if draw(st.booleans()):
                    sub["referat"] = draw(block())
                item["punkter"].append(sub)
        if draw(st.booleans()):
            item["referat"] = draw(block())
        agenda.append(item)
    agenda.sort(key=lambda i: part_ids.index(i.get("del", part_ids[0])))  # the parts' order, as rendered
    meeting: dict[str, Any] = {
        "type": "læringssamtale",
        "titel": draw(plain()),
        "dato": draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))).isoformat(),
        "læringsfokus": draw(inline()),
        "tidsramme": [{"del": p, "minutter": draw(st.integers(10, 240)),
                       **({"titel": draw(plain(4))} if draw(st.booleans()) else {})} for p in part_ids],
        "deltagere": people,
        "dagsorden": agenda,
    }
    if draw(st.booleans()):
        meeting["start"] = f"{draw(st.integers(6, 20)):02d}:{draw(st.sampled_from([0, 15, 30, 45])):02d}"
    for key in ("dagtilbud", "sted"):
        if draw(st.booleans()):
            meeting[key] = draw(plain(3))
    for key in ("formål", "mål"):
        if draw(st.booleans()):
            meeting[key] = draw(block())
    for key in ("kernebegreber", "beslutninger", "pejlemærker"):
        if draw(st.booleans()):
            meeting[key] = [draw(inline()) for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        meeting["roller"] = {draw(st.sampled_from(["dagtilbudsleder", "konsulent", "referent"])): draw(block())}
    if draw(st.booleans()):
        meeting["datagrundlag"] = [
            {"titel": draw(plain(4)), **({"obligatorisk": True} if draw(st.booleans()) else {}),
             **({"kilde": draw(plain(1))} if draw(st.booleans()) else {}),
             **({"fil": f"data/{draw(WORDS)}.pdf"} if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(1, 3)))
        ]
    if draw(st.booleans()):
        meeting["referent"] = people[0]["navn"]
    day = dt.date.fromisoformat(meeting["dato"])
    if draw(st.booleans()):
        agreements = []
        for _ in range(draw(st.integers(1, 3))):
            agreement: dict[str, Any] = {
                "hvad": draw(inline()),
                "ansvarlig": draw(st.lists(st.sampled_from([p["navn"] for p in people] + ["alle", "konsulent"]),
                                           min_size=1, max_size=2, unique=True)),
                "status": draw(st.sampled_from(["åben", "i gang", "udført", "droppet"])),
            }
            if draw(st.booleans()):
                agreement["frist"] = (day + dt.timedelta(days=draw(st.integers(0, 400)))).isoformat()
            if draw(st.booleans()):
                agreement["afdeling"] = draw(plain(2))
            if agreement["status"] == "udført" and draw(st.booleans()):
                agreement["udført"] = (day + dt.timedelta(days=draw(st.integers(0, 60)))).isoformat()
            agreements.append(agreement)
        meeting["aftaler"] = agreements
    if draw(st.booleans()):
        meeting["næste_møde"] = (day + dt.timedelta(days=draw(st.integers(1, 400)))).isoformat()
    return meeting


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:  # noqa: C901
    start = draw(st.dates(dt.date(2001, 1, 1), dt.date(2090, 1, 1)))
    phases = []
    for k in range(draw(st.integers(1, 4))):
        end = start + dt.timedelta(days=draw(st.integers(0, 200)))
        phase: dict[str, Any] = {"navn": f"Fase {k + 1}", "slut": end.isoformat()}
        if k or draw(st.booleans()):
            phase["start"] = start.isoformat()
        if draw(st.booleans()):
            phase["beskrivelse"] = draw(block())
        if draw(st.booleans()):
            phase["milepæle"] = [{"dato": (start + dt.timedelta(days=draw(st.integers(0, (end - start).days))))
                                  .isoformat(), "titel": draw(inline())}]
        if draw(st.booleans()) and "start" in phase:
            meeting = {"titel": draw(plain(4)), "hver": draw(st.sampled_from(["4 uger", "hver 14. dag", "måned"]))}
            if draw(st.booleans()):
                meeting["første"] = (start + dt.timedelta(days=draw(st.integers(0, (end - start).days)))).isoformat()
            if draw(st.booleans()):
                meeting["kl"] = f"{draw(st.integers(7, 18)):02d}:{draw(st.sampled_from([0, 30])):02d}"
                if draw(st.booleans()):
                    meeting["varighed"] = draw(st.sampled_from(["1 t", "45 min", "1 t 30 min", "ca. 2 timer"]))
            if draw(st.booleans()):
                meeting["ved_fridag"] = draw(st.sampled_from(["behold", "spring over", "næste hverdag"]))
            phase["møder"] = [meeting]
        phases.append(phase)
        start = end + dt.timedelta(days=draw(st.integers(0, 3)))
    plan: dict[str, Any] = {"type": "indsats", "titel": draw(plain()), "afdeling": draw(plain(2)), "faser": phases}
    for key in ("mål", "hvorfor", "vidensgrundlag", "fremmere", "hæmmere", "evaluering"):
        if draw(st.booleans()):
            plan[key] = [draw(st.one_of(inline(), block())) for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        plan["relevans"] = draw(block())
    if draw(st.booleans()):  # the Haven sheet beside the plan (5 points)
        plan["opmærksomhedspunkter"] = {"fil": "opmaerksomhedspunkter-2024-05-13.yaml"}
        if draw(st.booleans()):
            plan["opmærksomhedspunkter"]["punkter"] = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        plan["status"] = draw(st.sampled_from(["planlagt", "i gang", "afsluttet", "stoppet"]))
    if draw(st.booleans()):
        first = dt.date.fromisoformat(phases[0].get("start", phases[0]["slut"]))
        plan["evalueringer"] = [
            {"dato": (first + dt.timedelta(days=draw(st.integers(0, 300)))).isoformat(), "tekst": draw(block())}
            for _ in range(draw(st.integers(1, 2)))
        ]
    return plan


@st.composite
def sheets(draw: st.DrawFn) -> dict[str, Any]:
    sheet: dict[str, Any] = {
        "type": "opmærksomhedspunkter",
        "læringssamtale": "../../" + conftest.MEETING,
        "afdeling": "Børnehuset Haven",
        "punkter": [draw(inline()) for _ in range(draw(st.integers(1, 6)))],
    }
    if draw(st.booleans()):
        sheet["beslutning"] = draw(inline())
    for key in ("arbejdet_med", "data_peger_på"):
        if draw(st.booleans()):
            sheet[key] = draw(block())
    return sheet


ROUND_TRIP = settings(max_examples=examples(12), deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _round_trip(root: Path, rel: str, data: dict[str, Any], document: str) -> None:
    """Write ``data`` as YAML (JSON is YAML), render it to Word, import it next to it,
    compare the models."""
    path = root / rel
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    source = read(path, rel)
    assert source.model is not None, source.diagnostics
    from samtale_cli.check.document import read as read_doc

    workspace = read_doc(root / "samtale.yaml", "samtale.yaml").model
    refs = {}
    if source.model.type == "opmærksomhedspunkter":
        meeting = (path.parent / source.model.meeting).resolve()
        refs = {meeting: read_doc(meeting, "m")}
    checked = Checked(path, source, [], workspace, refs)
    word_file = root / "runde.docx"
    word_file.write_bytes(Renderer().render(checked, document, "docx"))
    target = path.with_name("importeret.yaml")
    result = _import(word_file, target, root, "--force")
    assert result.code in (0, 1), result.stderr
    imported = read(target, "importeret.yaml")
    assert imported.model is not None, (imported.diagnostics, target.read_text(encoding="utf-8"))
    assert canonical(imported.model, workspace.daycare) == canonical(source.model, workspace.daycare)


@ROUND_TRIP
@given(meeting=meetings())
def test_round_trip_generated_meetings(scratch_workspace: Path, meeting: dict[str, Any]) -> None:
    _round_trip(scratch_workspace, "laeringssamtaler/runde.yaml", meeting, "referat")


@ROUND_TRIP
@given(plan=plans())
def test_round_trip_generated_plans(scratch_workspace: Path, plan: dict[str, Any]) -> None:
    _round_trip(scratch_workspace, "afdelinger/boernehuset-haven/runde.yaml", plan, "indsatsplan")


@ROUND_TRIP
@given(sheet=sheets())
def test_round_trip_generated_sheets(scratch_workspace: Path, sheet: dict[str, Any]) -> None:
    _round_trip(scratch_workspace, "afdelinger/boernehuset-haven/runde.yaml", sheet, "opmærksomhedspunkter")


# --------------------------------------------------------------------- Word files made by people


def _soft_hyphen(paragraph: Any, before: str, after: str) -> None:
    """Text with Word's own soft hyphen element between two runs."""
    paragraph.add_run(before)
    run = paragraph.add_run()
    run._r.append(OxmlElement("w:softHyphen"))
    paragraph.add_run(after)


def _lines(cell: Any, *lines: str) -> None:
    """Lines in one paragraph of a cell, separated by line breaks (Shift+Enter)."""
    paragraph = cell.paragraphs[0]
    for k, line in enumerate(lines):
        run = paragraph.add_run(line)
        if k < len(lines) - 1:
            run.add_break()


def _paragraphs(cell: Any, *texts: str) -> None:
    cell.paragraphs[0].text = texts[0]
    for text in texts[1:]:
        cell.add_paragraph(text)


def seed_like_agenda(path: Path) -> Path:
    """An agenda laid out as the seed: no number column, numbers in the topic, several
    times in one cell for the sub-items, typed bullets, minutes in merged rows, the
    participants in the minutes of the second item, soft hyphens."""
    d = docx.Document()
    d.add_paragraph("Dagsorden til læringssamtalen før forløb med Dagtilbud for alle", style="Title")
    d.add_paragraph("Dagtilbud: Dagtilbud Vest")
    d.add_paragraph("Dato: 13/5 2024")
    d.add_paragraph("Tid: kl. 13.00")
    d.add_paragraph("Læringsfokus: At øge alle børns deltagelsesmuligheder")
    d.add_paragraph("DATAGRUNDLAG", style="Heading 2")
    d.add_paragraph("Opsamling på det samlede tilsyn i dagtilbuddet (Obligatorisk)")
    d.add_paragraph("Data fra samarbejdet med PPR (Obligatorisk)")
    d.add_paragraph("DAGSORDEN TIL LÆRINGSSAMTALEN", style="Heading 1")
    table = d.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("EMNE", "TID", "MÅL MED PUNKTET", "ANSVARLIG")):
        cell.text = text

    def row(topic: str, times: list[str], goals: list[str], responsible: list[str]) -> None:
        cells = table.add_row().cells
        cells[0].text = topic
        _lines(cells[1], *times)
        _paragraphs(cells[2], *(goals or [""]))
        _paragraphs(cells[3], *(responsible or [""]))

    def minutes(*texts: str) -> None:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[3])
        _paragraphs(merged, *texts)

    row(" Velkomst", ["5 min."], ["• Dagtilbudsleder byder velkommen og præsenterer kort deltagerne."],
        ["Dagtilbudsleder & BU-Chef"])
    row("2 Rammesætning af læringssamtalen", ["5 min."], ["• Konsulent præsenterer kort processen."], ["Konsulent"])
    minutes("Referat i opfølgningsmodulet (deltagere):",
            "Karen Holm, dagtilbudsleder. Henrik Lund, børn og unge-chef. Susanne Dahl, konsulent. "
            "Lone Berg, pædagogisk leder, Børnehuset Derudá.")
    row("Data", ["Ca. 35 min.", "10 min.", "20 min.", "5 min."],
        ["Overordnet præsentation af læringsfokus og data", "Analyse af data i grupper",
         "• Hvad får du øje på i data?", "Fælles opsamling"],
        ["Dagtilbudsleder er dataholder", "Faciliteres af konsulent"])
    minutes("Referat i opfølgningsmodulet (Pointer fra opsamling af analyse af data):",
            "Deltagerne blev delt op i tre grupper.", "Der er god systematik.")
    row("Pause", ["ca 10 min"], [], [])
    cells = table.add_row().cells
    cells[0].text = "Beslutning"
    cells[1].text = "CA. 10 MIN"
    _soft_hyphen(cells[2].paragraphs[0], "Beslutning af dag", "tilbuddets næste skridt.")
    cells[3].text = "Faciliteres af kon\u00adsulent"
    row("Tak for i dag", ["cirka 5 minutter"], ["Dagtilbudsleders sidste afrundende kommentar."], ["Dagtilbudsleder"])
    d.save(str(path))
    return path


def split_agenda_with_merged_cells(path: Path) -> Path:
    """An agenda in samtale's columns but a person's layout: clock spans instead of
    durations, a responsible cell merged down over two rows, a line break inside a
    topic, a table split in two by a page break (the header repeated), a coffee break."""
    d = docx.Document()
    d.add_heading("Læringssamtale i Dagtilbud Øst", 1)
    d.add_paragraph("Dagtilbud: Dagtilbud Øst")
    d.add_paragraph("Dato: torsdag den 2. oktober 2025")
    d.add_paragraph("Sted: Børnehuset Solsikken")
    d.add_heading("Læringsfokus", 2)
    d.add_paragraph("Sprog i hverdagens rutiner")
    d.add_heading("Deltagere", 2)
    for person in ("Anna Berg, dagtilbudsleder", "Bo Dam, konsulent", "Carla Eng, pædagogisk leder"):
        d.add_paragraph(person, style="List Bullet")
    d.add_heading("Datagrundlag", 2)
    d.add_paragraph("Opsamling på det samlede tilsyn i dagtilbuddet (obligatorisk)")
    d.add_paragraph("Data fra samarbejdet med PPR (obligatorisk)")
    header = ("Nr.", "Tidspunkt", "Emne", "Mål med punktet", "Ansvarlig")

    def table_with(rows: list[tuple[str, ...]], merge_responsible: bool = False) -> None:
        table = d.add_table(rows=1, cols=5)
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values):
                if "\n" in text:
                    _lines(cell, *text.split("\n"))
                else:
                    cell.text = text
        if merge_responsible:
            table.rows[1].cells[4].merge(table.rows[2].cells[4])

    table_with([
        ("1", "13.00-13.10", "Velkomst", "Vi byder velkommen", "Anna Berg"),
        ("2", "13.10-13.40", "Data om sprog\ni rutinerne", "Hvad ser vi?", ""),
        ("3", "13.40-14.00", "Refleksion", "Refleksion i grupper", "konsulent"),
    ], merge_responsible=True)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    table_with([
        ("", "14.00-14.15", "Kaffepause", "", ""),
        ("4", "14.15-14.45", "Beslutning og næste skridt", "Pejlemærker for året", "dagtilbudsleder"),
    ])
    d.save(str(path))
    return path


def foreign_sheet(path: Path) -> Path:
    """The attention-point sheet as a department fills it in: one label for daycare and
    department, the meeting by its date, points typed with numbers and line breaks in
    one cell, soft hyphens in the header."""
    d = docx.Document()
    d.add_paragraph("Opsamling på opmærksomhedspunkter i egen afdeling", style="Title")
    d.add_paragraph("Dagtilbud/afdeling: Dagtilbud Vest / Børnehuset Haven")
    d.add_paragraph("Læringssamtale: 13/5 2024")
    d.add_paragraph("Beslutning fra læringssamtalen: Vi vil i højere grad have fokus på organiseringen af de "
                    "pædagogiske læringsmiljøer.")
    table = d.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text = "Hvad har vi arbejdet med, vi skal videre\u00adudvikle i kompetence\u00adudviklingen?"
    table.rows[0].cells[1].text = "Hvad peger data på, vi skal arbejde med?"
    table.rows[0].cells[2].text = "3-5 opmærksomheds\u00adpunkter med betydning for kompetenceudviklingen"
    _paragraphs(table.rows[1].cells[0], "Leg og relationer.", "Traditioner tilpasset børnegruppen.")
    table.rows[1].cells[1].text = "Tilsynet peger på gråzonebørn."
    _lines(table.rows[1].cells[2], "1. Genbesøge inklusionsbegrebet", "2. Barneperspektivet hele dagen",
           "3. Systematik i forberedelsen")
    d.save(str(path))
    return path


def foreign_plan(path: Path) -> Path:
    """An action plan as the seed writes it: the questions as typed '- ' bullets, the
    answers under 'o' and '▪', one question for both enablers and barriers, the phases
    in a table of their own with periods written '3/5 2021 - 15/6 2021'."""
    d = docx.Document()
    d.add_heading("Små børnegrupper", 1)
    d.add_paragraph("Afdeling: Vuggestuen Kernehuset")
    for text in ("- Hvad vil vi opnå?", "o Give alle børn bedre deltagelsesmuligheder.",
                 "o Styrke de faglige refleksioner.",
                 "- Hvorfor vil vi opnå dette",
                 "o Personalet ønskede systematisk kontakt med alle børn.",
                 "- Hvad er fremmere og hvad er hæmmere?",
                 "o Mange børn på samme alder.",
                 "- Hvordan vil vi evaluere og lave målopfølgning",
                 "o Fast punkt på stuemøder:",
                 "▪ Er der systematisk kontakt med alle børn?",
                 "o Er dette et relevant mål",
                 "▪ Det er et helt relevant mål.",
                 "o Hvor hentes der faglig inspiration til at arbejde med dette mål",
                 "▪ Se bilag"):
        d.add_paragraph(text)
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Fase", "Periode", "Beskrivelse")):
        cell.text = text
    for values in (("Fase 1", "3/5 2021 - 15/6 2021", "Analyse af børnegrupperne."),
                   ("Fase 2", "15/6 2021 - 1/9 2021", "Vi øver os i at beskrive tiltag.")):
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    d.save(str(path))
    return path


def _imported(build: Any, tmp_path: Path) -> tuple[Any, str]:
    """Build a Word file, import it; the import passes check without a single finding
    (the content has none). Returns the model and the YAML text."""
    target = tmp_path / "importeret.yaml"
    result = _import(build(tmp_path / "dokument.docx"), target, tmp_path)
    assert result.code == 0 and result.stdout == "", result.stdout + result.stderr
    return read(target, target.name).model, target.read_text(encoding="utf-8")


def test_seed_like_agenda(tmp_path: Path) -> None:
    m, text = _imported(seed_like_agenda, tmp_path)
    assert m.date == dt.date(2024, 5, 13) and m.start == dt.time(13, 0)
    assert m.focus == "At øge alle børns deltagelsesmuligheder"
    assert [p.name for p in m.participants] == ["Karen Holm", "Henrik Lund", "Susanne Dahl", "Lone Berg"]
    assert m.participants[3].department == "Børnehuset Derudá"
    assert [d.mandatory for d in m.data] == [True, True]
    topics = [i.topic for i in m.agenda]
    assert topics == ["Velkomst", "Rammesætning af læringssamtalen", "Data", "Pause", "Beslutning", "Tak for i dag"]
    velkomst, _, data, pause, beslutning, tak = m.agenda
    assert velkomst.responsible == ["Dagtilbudsleder", "BU-Chef"]
    assert velkomst.goals == ["Dagtilbudsleder byder velkommen og præsenterer kort deltagerne."]
    assert str(data.minutes) == "ca. 35 min" and str(beslutning.minutes) == "ca. 10 min"
    assert str(pause.minutes) == "ca. 10 min" and pause.pause
    assert str(tak.minutes) == "ca. 5 min"
    assert [(s.topic, str(s.minutes)) for s in data.subitems] == [
        ("Overordnet præsentation af læringsfokus og data", "10 min"),
        ("Analyse af data i grupper", "20 min"), ("Fælles opsamling", "5 min")]
    assert data.subitems[1].questions == ["Hvad får du øje på i data?"]
    assert data.responsible == ["dagtilbudsleder", "konsulent"]
    assert data.minutes_text.startswith("**Pointer fra opsamling af analyse af data**\n\nDeltagerne blev delt")
    assert beslutning.goals == ["Beslutning af dagtilbuddets næste skridt."]  # soft hyphens gone
    assert beslutning.responsible == ["konsulent"]
    assert m.parts[0].minutes.minutes == 70  # the sum of the items: no part was written
    assert "# Ansvarlig: Dagtilbudsleder er dataholder" in text  # kept where it stood


def test_agenda_with_merged_cells_and_a_split_table(tmp_path: Path) -> None:
    m, _ = _imported(split_agenda_with_merged_cells, tmp_path)
    assert m.date == dt.date(2025, 10, 2) and m.start == dt.time(13, 0) and m.place == "Børnehuset Solsikken"
    assert [(i.topic, i.minutes.minutes, i.pause) for i in m.agenda] == [
        ("Velkomst", 10, False), ("Data om sprog i rutinerne", 30, False), ("Refleksion", 20, False),
        ("Kaffepause", 15, True), ("Beslutning og næste skridt", 30, False)]
    assert m.agenda[1].responsible == ["Anna Berg"]  # the cell merged down from the row above
    assert [p.role for p in m.participants] == ["dagtilbudsleder", "konsulent", "pædagogisk leder"]
    assert m.parts[0].minutes.minutes == 105


def test_foreign_sheet(tmp_path: Path) -> None:
    root = tmp_path / "eks"
    shutil.copytree(EXAMPLES, root)
    (root / conftest.SHEET_HAVEN).unlink()
    word_file = foreign_sheet(tmp_path / "ark.docx")
    result = samtale("import", word_file, cwd=root)
    assert result.code == 0, result.stdout + result.stderr
    target = root / conftest.SHEET_HAVEN  # the workspace's conventional place
    assert result.stdout == "" and f"skrev {conftest.SHEET_HAVEN}" in result.stderr
    sheet = read(target, "ark").model
    assert sheet.meeting == "../../" + conftest.MEETING
    assert sheet.department == "Børnehuset Haven"
    assert sheet.decision == "Vi vil i højere grad have fokus på organiseringen af de pædagogiske læringsmiljøer."
    assert sheet.points == ["Genbesøge inklusionsbegrebet", "Barneperspektivet hele dagen",
                            "Systematik i forberedelsen"]
    assert normal_html(sheet.worked_with) == "<p>Leg og relationer.</p> <p>Traditioner tilpasset børnegruppen.</p>"


def test_foreign_plan(tmp_path: Path) -> None:
    plan, text = _imported(foreign_plan, tmp_path)
    assert plan.title == "Små børnegrupper" and plan.department == "Vuggestuen Kernehuset"
    assert plan.goals == ["Give alle børn bedre deltagelsesmuligheder.", "Styrke de faglige refleksioner."]
    assert plan.enablers == ["Mange børn på samme alder."] and plan.barriers == []
    assert normal_html(plan.evaluation[0]) == "<p>Fast punkt på stuemøder:</p> <ul> <li>Er der systematisk kontakt " \
                                              "med alle børn?</li> </ul>"
    assert plan.relevance.strip() == "Det er et helt relevant mål."
    assert [(p.name, p.start, p.end) for p in plan.phases] == [
        ("Fase 1", dt.date(2021, 5, 3), dt.date(2021, 6, 15)), ("Fase 2", dt.date(2021, 6, 15), dt.date(2021, 9, 1))]
    assert plan.phases[0].description.strip() == "Analyse af børnegrupperne."
    assert "# Stod under 'Hvad er fremmere og hvad er hæmmere?'" in text
    assert "Hvor hentes der faglig inspiration" in text and "# - Hvor hentes" in text  # kept as comments


# --------------------------------------------------------------------- the command


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    word_file = foreign_plan(tmp_path / "plan.docx")
    target = tmp_path / "indsats.yaml"
    target.write_text("# mine noter\n", encoding="utf-8")
    result = _import(word_file, target, tmp_path)
    assert result.code == 2 and "findes allerede" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "# mine noter\n"
    assert _import(word_file, target, tmp_path, "--force").code == 0
    assert "type: indsats" in target.read_text(encoding="utf-8")
    same = samtale("import", word_file, "-o", word_file.with_suffix(".yaml").with_name("plan.docx.yaml"), cwd=tmp_path)
    assert same.code == 0
    wrong = samtale("import", word_file, "-o", tmp_path / "plan.txt", cwd=tmp_path)
    assert wrong.code == 2 and ".yaml" in wrong.stderr


def test_import_with_findings_exits_1(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Indsats med en fase, der slutter før den starter", 1)
    d.add_paragraph("Afdeling: Vuggestuen Kernehuset")
    for text in ("- Hvad vil vi opnå?", "o Mere leg.", "- Hvorfor vil vi opnå dette", "o Fordi."):
        d.add_paragraph(text)
    d.add_paragraph("Fase 1: 1/9 2025 - 1/8 2025")  # ends before it starts
    word_file = tmp_path / "plan.docx"
    d.save(str(word_file))
    result = _import(word_file, tmp_path / "plan.yaml", tmp_path)
    assert result.code == 1
    codes = {f[4] for f in result.findings}
    assert codes == {"T601"}  # the phase ends before it starts
    assert (tmp_path / "plan.yaml").exists()


def test_a_bundle_is_refused(tmp_path: Path) -> None:
    bundle = tmp_path / "samlet.docx"
    assert samtale("render", EXAMPLES, "-o", bundle).code == 0
    result = samtale("import", bundle, cwd=tmp_path)
    assert result.code == 2 and "samlet dokument" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["samlet.docx"]


def test_unrecognised_document(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Kære forældre, husk madpakke på fredag.")
    word_file = tmp_path / "brev.docx"
    d.save(str(word_file))
    result = samtale("import", word_file, cwd=tmp_path)
    assert result.code == 2 and "ligner hverken en dagsorden" in result.stderr
    assert list(tmp_path.iterdir()) == [word_file]


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
        with package.open("word/document.xml", "w") as entry:
            block = b"\0" * (1 << 20)
            for _ in range(110):
                entry.write(block)
    return out.getvalue()


def _entity_bomb() -> bytes:
    base = io.BytesIO()
    docx.Document().save(base)
    with zipfile.ZipFile(base) as package:
        entries = {i.filename: package.read(i) for i in package.infolist()}
    lol = "".join(f'<!ENTITY l{k} "{"&l%d;" % (k - 1) * 10 if k else "lol"}">' for k in range(10))
    entries["word/document.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{lol}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>").encode()
    return _zip(entries)


def _corrupt() -> bytes:
    good = io.BytesIO()
    docx.Document().save(good)
    data = bytearray(good.getvalue())
    for k in range(2000, 2400):
        data[k] ^= 0x5A
    return bytes(data)


HOSTILE = {
    "tekst": (b"Dagsorden\n1. Velkomst 5 min\n", "tekstfil"),
    "tom": (b"", "tom"),
    "gammel-doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "gammelt Word-dokument"),
    "ikke-zip": (bytes(range(256)) * 4, "ikke en zip-pakke"),
    "afkortet": (b"PK\x03\x04" + b"\0" * 30, "beskadiget"),
    "beskadiget": (_corrupt(), "beskadiget"),
    "regneark": (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), "regneark"),
    "zip-bombe": (_zip_bomb(), "zip-bombe"),
    "uden-dokument": (_zip({"[Content_Types].xml": b"<Types/>", "word/x.xml": b"<x/>"}), "kan ikke læses"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_unreadable_input_is_a_danish_usage_error(tmp_path: Path, name: str) -> None:
    content, words = HOSTILE[name]
    bad = tmp_path / f"{name}.docx"
    bad.write_bytes(content)
    result = samtale("import", bad, cwd=tmp_path)
    assert result.code == 2, result.stderr
    assert words in result.stderr and result.stderr.startswith("samtale: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [bad.name]


def test_entity_bomb_is_not_expanded(tmp_path: Path) -> None:
    bad = tmp_path / "bombe.docx"
    bad.write_bytes(_entity_bomb())
    result = samtale("import", bad, cwd=tmp_path)
    assert result.code == 2  # read without expanding the entities: no agenda, sheet or plan in it
    assert "lol" not in result.stderr


def test_folder_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "mappe.docx").mkdir()
    assert samtale("import", tmp_path / "mappe.docx", cwd=tmp_path).code == 2
    missing = samtale("import", tmp_path / "findes-ikke.docx", cwd=tmp_path)
    assert missing.code == 2 and "findes ikke" in missing.stderr


# --------------------------------------------------------------------- the readers


@pytest.mark.parametrize("kind", kinds.DOCUMENT_KINDS, ids=lambda k: k.ascii)
def test_every_kind_has_a_word_reader(kind: kinds.Kind) -> None:
    assert callable(kinds.hook(kind, "reader"))


@pytest.mark.parametrize(("text", "dates"), [
    ("Dato: 13. maj 2024", [dt.date(2024, 5, 13)]),
    ("13/5 2024 og 13.05.2024, 13-5-2024", [dt.date(2024, 5, 13)] * 3),
    ("Referat 2024-05-13", [dt.date(2024, 5, 13)]),
    ("d. 2. sept. 2025 kl. 9", [dt.date(2025, 9, 2)]),
    ("Fase 1: fra 15/6 til 1/9 2021", [dt.date(2021, 6, 15), dt.date(2021, 9, 1)]),
    ("31. februar 2024, 29/2 2023, 13/5 1850, 1/13 2024", []),  # no such days: no dates
])
def test_the_dates_people_write(text: str, dates: list[dt.date]) -> None:
    from samtale_cli.wordin.common import find_dates

    assert find_dates(text) == dates


def _layout(name: str) -> Any:
    from word.common import load

    return getattr(load("layouts"), name)


def test_a_meeting_with_filled_sheets_says_what_else_it_holds(tmp_path: Path) -> None:
    """A meeting followed by two departments' filled-in sheets: the meeting is imported
    (where new would put it), the terminal names the sheets and '--del 2'; '--del 3'
    imports a sheet into its department's folder, pointing at the meeting's file."""
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    word_file = tmp_path / "samlet.docx"
    _layout("meeting_and_sheets")(word_file)
    result = samtale("import", word_file, cwd=root)
    meeting = root / "laeringssamtaler" / "2025-09-08-laeringssamtale-i-dagtilbud-vest.yaml"
    assert meeting.exists(), result.stderr
    assert "rummer 3 dokumenter" in result.stderr
    assert 'del 2, ark med opmærksomhedspunkter for Børnehuset Haven: samtale import "samlet.docx" --del 2' \
        in result.stderr
    assert "Overgange mellem aktiviteter" not in meeting.read_text(encoding="utf-8")  # the sheet is no comment
    text = meeting.read_text(encoding="utf-8").replace("dato: 2025-09-08", "læringsfokus: Overgange\ndato: 2025-09-08")
    meeting.write_text(text, encoding="utf-8")  # the one field the document lacks
    result = samtale("import", word_file, "--del", "3", cwd=root)
    sheet = root / "afdelinger" / "boernehuset-deruda" / "opmaerksomhedspunkter-2025-09-08.yaml"
    assert result.code == 0, result.stdout + result.stderr
    assert "læringssamtale: ../../laeringssamtaler/2025-09-08-laeringssamtale-i-dagtilbud-vest.yaml" in \
        sheet.read_text(encoding="utf-8")
    assert "--del 1" in result.stderr
    wrong = samtale("import", word_file, "--del", "4", cwd=root)
    assert wrong.code == 2 and "har 3 dele" in wrong.stderr and "Traceback" not in wrong.stderr


def test_the_file_lands_where_new_would_put_it(tmp_path: Path) -> None:
    """Without -o, from a folder inside the workspace: laeringssamtaler/, named by the
    document's date and its title without 'Referat af'; a document without a date is
    not named by today's date."""
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    inside = root / "afdelinger" / "boernehuset-haven"
    word_file = tmp_path / "referat.docx"
    _layout("trailing_form")(word_file)  # "Referat af læringssamtale", 3 June 2025
    result = samtale("import", word_file, cwd=inside)
    assert (root / "laeringssamtaler" / "2025-06-03-laeringssamtale.yaml").exists(), result.stderr
    undated = tmp_path / "udateret.docx"
    d = docx.Document()
    d.add_heading("Dagsorden til læringssamtale", 1)
    table = d.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ("Tid", "Emne", "10 min", "Velkomst")):
        cell.text = text
    d.save(str(undated))
    result = samtale("import", undated, cwd=root)
    assert (root / "laeringssamtaler" / "uden-dato-laeringssamtale.yaml").exists(), result.stderr
    assert "ingen dato" in result.stderr
    assert not list((root / "laeringssamtaler").glob(f"{dt.date.today().isoformat()}*"))


def test_a_second_meeting_on_a_day_is_refused_with_the_command_that_replaces_it(eks: "conftest.Eks", tmp_path: Path) -> None:
    """A re-trial: 'new læringssamtale' first, then the agenda imported from Word gave two
    meetings on one day without a word (new refuses that)."""
    from conftest import MEETING_2025

    word = tmp_path / "dagsorden.docx"
    assert samtale("render", MEETING_2025, "--dokument", "dagsorden", "-o", word, cwd=eks.root).code == 0
    before = sorted(p.name for p in (eks.root / "laeringssamtaler").iterdir())
    done = samtale("import", word, cwd=eks.root)
    assert done.code == 2, done.stdout
    assert "Der er allerede en læringssamtale mandag den 12. maj 2025" in done.stderr
    assert sorted(p.name for p in (eks.root / "laeringssamtaler").iterdir()) == before  # nothing written
    command = re.search(r"samtale import (.*?) \(den gamle fil overskrives\)", done.stderr)
    assert command and f'-o "{MEETING_2025}" --force' in command[1]
    replaced = samtale("import", word, "-o", MEETING_2025, "--force", cwd=eks.root)
    assert replaced.code in (0, 1), replaced.stderr
    assert sorted(p.name for p in (eks.root / "laeringssamtaler").iterdir()) == before
    second = samtale("import", word, "-o", "laeringssamtaler/to.yaml", cwd=eks.root)  # chosen: a note, no refusal
    assert second.code in (0, 1) and "der er nu to læringssamtaler mandag den 12. maj 2025" in second.stderr
