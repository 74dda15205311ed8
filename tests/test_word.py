"""Word output: the four documents as DOCX (read back with python-docx), byte-stable
packages, the Word template (--word-skabelon), bundles of a folder (DOCX and PDF)."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

import conftest
from samtale_cli.out.html import Renderer
from samtale_cli.out.pages import bundle_entries, document_title, load
from samtale_cli.out.views import build_view
from conftest import EXAMPLES, SRC, Eks, samtale
from samtale_cli.core import kinds
from samtale_cli.out import docx as word_out
from samtale_cli.out.docx.oxml import CODE_FONT, qn
from samtale_cli.out.docx.package import ZIP_TIME
from samtale_cli.out.docx.vocabulary import AGENDA_COLUMNS, SHEET_COLUMNS
from samtale_cli.core.files import made_by_samtale

MEETING = EXAMPLES / conftest.MEETING
PLAN = EXAMPLES / conftest.PLAN
SHEET = EXAMPLES / conftest.SHEET_DERUDA
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _render(path: Path, document: str, template: bytes | None = None) -> bytes:
    return Renderer(word_template=template).render(load(path), document, "docx")


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _headings(d: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in d.paragraphs if p.style.name == f"Heading {level}"]


def _cell_texts(table) -> list[list[str]]:  # noqa: ANN001
    return [[c.text for c in row.cells] for row in table.rows]


# --------------------------------------------------------------------- the documents


def test_every_rendering_of_every_kind_has_a_word_writer() -> None:
    """The writer goes with the rendered document (the kinds table), not with the file's
    kind: a læringssamtale's opmærksomhedspunkter are written by the sheet's writer."""
    for kind in kinds.DOCUMENT_KINDS:
        for name in kind.renderings:
            assert callable(kinds.RENDERINGS[name].writer()), (kind.name, name)
    assert kinds.RENDERINGS["dagsorden"].writer() is kinds.RENDERINGS["referat"].writer()
    assert kinds.RENDERINGS["opmærksomhedspunkter"].docx == "samtale_cli.out.docx.sheet:write"
    with pytest.raises(LookupError):
        kinds.SITE_VIEWS["historik"].writer()


class _KeysOnly:
    """A view that answers only what views promise (``v["key"]``, ``v.get("key")``,
    ``"key" in v``), its lists as tuples: what a frozen dataclass view gives."""

    __slots__ = ("_data",)

    def __init__(self, data: dict) -> None:
        self._data = data

    def __getitem__(self, key: str) -> object:
        return _keys_only(self._data[key])

    def get(self, key: str, default: object = None) -> object:
        return _keys_only(self._data.get(key, default))

    def __contains__(self, key: str) -> bool:
        return key in self._data


def _keys_only(value: object) -> object:
    if isinstance(value, dict):
        return _KeysOnly(value)
    if isinstance(value, (list, tuple)):
        return tuple(_keys_only(v) for v in value)
    return value


def test_the_writers_read_views_only_by_key() -> None:
    """The Word writers read a view (and what it holds) only by key, so typed views
    (frozen dataclasses with tuples) give the same bytes."""
    for path, documents in ((MEETING, ("dagsorden", "referat", "opmærksomhedspunkter")),
                            (PLAN, ("indsatsplan",)), (SHEET, ("opmærksomhedspunkter",))):
        source = load(path)
        for document in documents:
            view = build_view(source, document)
            title = document_title(source, document)
            assert word_out.document_bytes(_keys_only(view), title) == word_out.document_bytes(view, title)
    views = [("a", build_view(load(MEETING), "referat")), ("b", build_view(load(PLAN), "indsatsplan"))]
    strict = [(entry, _keys_only(view)) for entry, view in views]
    assert word_out.bundle_bytes(strict, "x", None) == word_out.bundle_bytes(views, "x", None)


def test_help_loads_no_word_code() -> None:
    """The kinds table names the writers without importing them: 'samtale --help'
    loads no Word code."""
    probe = (
        "import sys\nsys.argv = ['samtale', 'render', '--help']\n"
        "from samtale_cli.cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.startswith(('samtale_cli.out.docx', 'docx', 'lxml')))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC)})
    assert "Brug: samtale render" in done.stdout
    assert done.stderr.splitlines()[-1] == "[]"


def test_referat_structure() -> None:
    d = _open(_render(MEETING, "referat"))
    assert _headings(d, 1) == ["Referat: Læringssamtale før forløb med Dagtilbud for alle"]
    assert _headings(d, 2) == ["Læringsfokus", "Tidsramme", "Til stede (28)", "Datagrundlag", "Dagsorden",
                               "Beslutninger", "Pejlemærker", "Aftaler"]
    agenda = [t for t in d.tables if tuple(c.text for c in t.rows[0].cells) == AGENDA_COLUMNS]
    assert len(agenda) == 2  # one table per part, as in the HTML
    rows = _cell_texts(agenda[0])
    assert rows[1][:3] == ["1", "13:00–13:05\n5 min", "Velkomst"]
    assert ["3", "13:10–13:45\nca. 35 min", "Data"] == next(row[:3] for row in rows if row[2] == "Data")
    assert ["3.1", "10 min"] == next(row[:2] for row in rows if row[0] == "3.1")
    pause = next(row for row in rows if row[2] == "Pause")
    assert pause[0] == "" and pause[1] == "14:15–14:25\nca. 10 min"
    minutes = [row for row in rows if len(set(row)) == 1 and row[0].startswith("Referat:")]
    assert len(minutes) == 6  # a merged row under each of the six items with minutes
    # Markdown became Word formatting: bold runs, real list paragraphs, no raw markup
    text = "\n".join(p.text for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs)
    assert "**" not in text and "Pointer fra opsamling af analyse af data" in text
    bold = [run.text for t in agenda for row in t.rows for c in row.cells for p in c.paragraphs for run in p.runs
            if run.bold]
    assert "Pointer fra opsamling af analyse af data" in bold
    lists = [p for t in agenda for row in t.rows for c in row.cells for p in c.paragraphs
             if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert any(p.text.startswith("Der skal sikres en ensartet kvalitet") for p in lists)
    numbered = [p.text for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert "Vi vil anvende data til at kvalificere organisering, så børnene får det rette fokus." in numbered


def test_dagsorden_has_no_minutes() -> None:
    d = _open(_render(MEETING, "dagsorden"))
    assert _headings(d, 1) == ["Dagsorden: Læringssamtale før forløb med Dagtilbud for alle"]
    cells = " ".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert "Referat:" not in cells and "Pointer fra opsamling" not in cells
    assert "Mødet slutter kl. 16:00." in [p.text for p in d.paragraphs]


def test_sheets_one_landscape_page_per_department() -> None:
    d = _open(_render(MEETING, "opmærksomhedspunkter"))
    assert len(_headings(d, 1)) == 9 and len(d.sections) == 9
    assert all(s.page_width > s.page_height for s in d.sections)
    sheet = d.tables[0]
    assert tuple(c.text for c in sheet.rows[0].cells) == SHEET_COLUMNS
    filled = _open(_render(SHEET, "opmærksomhedspunkter"))
    points = filled.tables[0].rows[1].cells[2].paragraphs
    assert [p.text for p in points][0].startswith("Organisering af dagen i mindre grupper")
    assert all(p._p.pPr.numPr is not None for p in points)


def test_plan_timeline_table_with_shaded_months() -> None:
    d = _open(_render(PLAN, "indsatsplan"))
    assert _headings(d, 2)[:2] == ["Hvad vil vi opnå?", "Hvorfor vil vi opnå dette?"]
    timeline = d.tables[0]
    header = [c.text for c in timeline.rows[0].cells]
    assert header[:3] == ["Fase", "maj 21", "jun 21"] and header[-1] == "aug 22"  # May 2021 - Aug 2022
    shaded = [[c._tc.tcPr is not None and c._tc.tcPr.find(f"{W}shd") is not None for c in row.cells[1:]]
              for row in timeline.rows[1:]]
    assert shaded[0][:2] == [True, True] and not any(shaded[0][2:])  # Fase 1: May-June 2021
    assert "◆" in [c.text for c in timeline.rows[2].cells]  # the milestone in August 2021
    assert [c.text for c in d.tables[1].rows[1].cells] == ["Fase 1", "3. maj 2021", "15. juni 2021"]
    assert "Fase 3 (1. januar 2022 – 1. august 2022)" in _headings(d, 3)


def test_page_setup_language_properties_and_page_numbers() -> None:
    data = _render(MEETING, "referat")
    d = _open(data)
    section = d.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    props = d.core_properties
    assert props.title == "Referat: Læringssamtale før forløb med Dagtilbud for alle"
    assert props.subject == "Dagtilbud Vest" and props.category == "Referat"
    assert props.author == props.last_modified_by == "samtale"
    assert props.created.date().isoformat() == "2024-05-13" == props.modified.date().isoformat()
    assert props.language == "da-DK"
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert re.search(r'<w:rPrDefault><w:rPr>.*<w:lang w:val="da-DK"', styles, re.S)
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<Application>samtale</Application>" in app


def test_the_package_is_well_formed_and_stable(tmp_path: Path) -> None:
    """Every part parses as XML; zip entries carry a fixed time; two processes (other
    hash seeds) write the same bytes."""
    from lxml import etree

    data = _render(MEETING, "referat")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        for info in package.infolist():
            assert info.date_time == ZIP_TIME
            if info.filename.endswith((".xml", ".rels")):
                etree.fromstring(package.read(info))
        names = package.namelist()
    assert names[0] == "[Content_Types].xml" and "docProps/thumbnail.jpeg" not in names
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"referat{seed}.docx"
        done = samtale("render", MEETING, "-o", out, process=True, env={"PYTHONHASHSEED": seed})
        assert done.code == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == data


def test_the_xml_is_schema_valid(tmp_path: Path) -> None:
    """Every kind of Word file samtale writes passes an OOXML validator (schema: element
    order and attributes; semantics: references between parts), so Word opens it
    without repairing it. A file with two elements out of order is caught (the
    validator is no rubber stamp)."""
    validator = pytest.importorskip("openxml_audit").OpenXmlValidator()
    files = {
        "referat": _render(MEETING, "referat"), "ark": _render(MEETING, "opmærksomhedspunkter"),
        "plan": _render(PLAN, "indsatsplan"), "arket": _render(SHEET, "opmærksomhedspunkter"),
        "skabelon": _render(PLAN, "indsatsplan", _municipality_template(tmp_path / "k.docx").read_bytes()),
    }
    samlet = tmp_path / "samlet.docx"
    assert samtale("render", EXAMPLES, "-o", samlet).code == 0
    files["samlet"] = samlet.read_bytes()
    for name, data in files.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        result = validator.validate(str(path))
        assert result.is_valid, (name, [str(e) for e in result.errors[:5]])
    with zipfile.ZipFile(io.BytesIO(files["plan"])) as package, zipfile.ZipFile(tmp_path / "brudt.docx", "w") as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "word/document.xml":
                assert b"<w:tcPr><w:tcW" in data
                data = data.replace(b"<w:tcPr><w:tcW", b'<w:tcPr><w:vAlign w:val="top"/><w:tcW', 1)
            out.writestr(info, data)
    assert not validator.validate(str(tmp_path / "brudt.docx")).is_valid


def test_markdown_becomes_word_formatting(eks: Eks) -> None:
    eks.edit(conftest.MEETING, "      Deltagerne præsenterede sig med navn og funktion.\n",
             "      Deltagerne *præsenterede* sig, se [planen](https://example.org/plan).\n\n"
             "      1. første\n      2. anden\n         - under\n\n      <b>rå html</b> og `kode`\n\n"
             "      ![et foto](https://example.org/foto.png)\n")
    d = _open(_render(eks.path(conftest.MEETING), "referat"))
    cell = next(c for t in d.tables for row in t.rows for c in row.cells if "præsenterede" in c.text)
    runs = [run for p in cell.paragraphs for run in p.runs]
    assert any(run.italic and run.text == "præsenterede" for run in runs)
    assert "*" not in cell.text and "](" not in cell.text and "<b>rå html</b>" in cell.text
    link = cell._tc.xpath(".//w:hyperlink")[0]
    assert cell.part.rels[link.get(f"{{{qn('r:id').split('}')[0][1:]}}}id")].target_ref == \
        "https://example.org/plan"
    levels = [(p.text, p._p.pPr.numPr.ilvl.val) for p in cell.paragraphs
              if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert levels == [("første", 0), ("anden", 0), ("under", 1)]
    assert any(run.font.name == CODE_FONT and run.text == "kode" for run in runs)
    assert "billede: et foto" in cell.text  # an image is a link, as in HTML: nothing is fetched
    assert not cell._tc.xpath(".//w:drawing") and len(cell._tc.xpath(".//w:hyperlink")) == 2


def test_docx_needs_output_and_overwrites_only_its_own(tmp_path: Path) -> None:
    result = samtale("render", MEETING, "--format", "docx")
    assert result.code == 2 and "-o" in result.stderr and result.stdout == ""
    out = tmp_path / "dagsorden.docx"
    assert samtale("render", MEETING, "--dokument", "dagsorden", "-o", out).code == 0
    assert made_by_samtale(out)
    assert samtale("render", MEETING, "--dokument", "dagsorden", "-o", out).code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["dagsorden.docx"]
    d = docx.Document(str(out))
    d.core_properties.last_modified_by = "Karen Holm"  # saved in Word: now it is hers
    d.save(str(out))
    saved = out.read_bytes()
    refused = samtale("render", MEETING, "--dokument", "dagsorden", "-o", out)
    assert refused.code == 2 and "ikke lavet af samtale" in refused.stderr and out.read_bytes() == saved
    bundle = samtale("render", EXAMPLES, "-o", out)
    assert bundle.code == 2 and out.read_bytes() == saved
    assert samtale("render", MEETING, "--dokument", "dagsorden", "-o", out, "--force").code == 0


def test_written_by_samtale_tells_a_saved_file_apart(tmp_path: Path) -> None:
    out = tmp_path / "ark.docx"
    out.write_bytes(_render(SHEET, "opmærksomhedspunkter"))
    assert made_by_samtale(out)
    d = docx.Document(str(out))
    d.core_properties.last_modified_by = "Karen Holm"  # as Word does when a person saves
    d.save(str(out))
    assert not made_by_samtale(out)
    (tmp_path / "tekst.docx").write_text("ikke word", encoding="utf-8")
    assert not made_by_samtale(tmp_path / "tekst.docx")
    other = docx.Document()
    other.core_properties.author = "samtale"  # a person's own file that happens to name samtale as author
    other.save(str(tmp_path / "egen.docx"))
    assert not made_by_samtale(tmp_path / "egen.docx")


def test_folder_site_with_docx(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert samtale("render", EXAMPLES, "-o", site, "--format", "docx").code == 0
    plan = site / "afdelinger" / "vuggestuen-kernehuset" / "indsats-smaa-boernegrupper.docx"
    assert _headings(_open(plan.read_bytes()), 1) == ["Indsatsplan: Små børnegrupper og systematisk kontakt med alle børn"]
    index = (site / "afdelinger" / "vuggestuen-kernehuset" / "index.html").read_text(encoding="utf-8")
    assert 'href="indsats-smaa-boernegrupper.docx">DOCX</a>' in index


# --------------------------------------------------------------------- --word-skabelon


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _municipality_template(path: Path, *, footer: bool = True) -> Path:
    d = docx.Document()
    d.styles["Normal"].font.name = "Georgia"
    section = d.sections[0]
    section.left_margin = Cm(3)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(_png()), width=Cm(2))
    header.add_run(" Kommunens Børn og Unge")
    if footer:
        section.footer.paragraphs[0].text = "Kommunens Rådhus · Torvet 1"
    d.add_paragraph("Tekst i skabelonen, som ikke skal med")
    d.add_table(rows=1, cols=1)
    d.save(str(path))
    return path


def test_word_template_keeps_styles_header_and_logo(tmp_path: Path) -> None:
    template = _municipality_template(tmp_path / "kommune.docx")
    out = tmp_path / "plan.docx"
    result = samtale("render", PLAN, "--word-skabelon", template, "-o", out)
    assert result.code == 0, result.stderr
    d = docx.Document(str(out))
    assert d.styles["Normal"].font.name == "Georgia"
    assert round(d.sections[0].left_margin.cm, 1) == 3.0
    header = d.sections[0].header
    assert "Kommunens Børn og Unge" in header.paragraphs[0].text
    assert len(header._element.xpath(".//pic:pic")) == 1  # the logo
    footer = d.sections[0].footer
    assert "Kommunens Rådhus" in footer._element.xml and "PAGE" in footer._element.xml
    body = "\n".join(p.text for p in d.paragraphs)
    assert "Tekst i skabelonen" not in body and body.startswith("Indsatsplan:")
    assert _headings(d, 2)[0] == "Hvad vil vi opnå?"  # heading styles exist, copied when missing
    again = tmp_path / "igen.docx"
    samtale("render", PLAN, "--word-skabelon", template, "-o", again)
    assert again.read_bytes() == out.read_bytes()


def test_word_template_sheets_keep_the_header_on_every_page(tmp_path: Path) -> None:
    template = _municipality_template(tmp_path / "kommune.docx", footer=False)
    out = tmp_path / "ark.docx"
    assert samtale("render", MEETING, "--dokument", "opmærksomhedspunkter", "--word-skabelon", template,
                   "-o", out).code == 0
    d = docx.Document(str(out))
    assert len(d.sections) == 9
    assert not d.sections[0].header.is_linked_to_previous
    assert all(s.header.is_linked_to_previous for s in d.sections[1:])  # the first one's header carries on
    assert "PAGE" in d.sections[0].footer._element.xml  # no page numbers in the template: added


@pytest.mark.parametrize(("content", "message"), [
    (b"bare tekst\n", "tekstfil"),
    (b"PK\x03\x04 ikke en rigtig zip", "beskadiget"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "gammelt Word-dokument"),
])
def test_word_template_must_be_a_docx(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "skabelon.docx"
    bad.write_bytes(content)
    result = samtale("render", PLAN, "--word-skabelon", bad, "-o", tmp_path / "x.docx")
    assert result.code == 2 and message in result.stderr and "Word-skabelonen" in result.stderr
    assert not (tmp_path / "x.docx").exists()
    other = samtale("render", PLAN, "--word-skabelon", bad, "--format", "html")
    assert other.code == 2 and "kun til Word" in other.stderr


# --------------------------------------------------------------------- bundles


def test_docx_bundle_of_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "samlet.docx"
    result = samtale("render", EXAMPLES, "-o", out)
    assert result.code == 0, result.stderr
    d = docx.Document(str(out))
    assert d.paragraphs[0].text == "Indhold" and d.paragraphs[0].style.name == "TOC Heading"  # Word's own style for it
    toc = d.paragraphs[1]._p.xml
    assert 'TOC \\o "1-1"' in toc
    entries = d.paragraphs[1].text.split("\n")
    assert entries[0] == "Dagsorden: Læringssamtale før forløb med Dagtilbud for alle (mandag den 13. maj 2024)"
    assert entries[-1] == "Indsatsplan: Små grupper i rutinerne og onboarding i vores guidelines (2024–2025)"
    # 3 documents of each of the 2 meetings (a meeting's sheets: one heading per department), 2 plans;
    # the sheet files are in once, through their meeting
    assert entries == _headings(d, 1) and len(entries) == 2 * (2 + 9) + 2
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert "updateFields" not in settings  # samtale writes the contents: Word asks nothing on opening
    assert d.core_properties.title == "Dokumenter fra Dagtilbud Vest"  # samtale.yaml's name, not the folder's
    only = tmp_path / "dagsordener.docx"
    assert samtale("render", EXAMPLES, "--dokument", "dagsorden", "-o", only).code == 0
    assert docx.Document(str(only)).paragraphs[1].text.split("\n") == [e for e in entries if e.startswith("Dagsorden")]


def test_pdf_bundle_of_a_folder(tmp_path: Path) -> None:
    from weasyprint import HTML

    out = tmp_path / "samlet.pdf"
    result = samtale("render", EXAMPLES, "-o", out)
    assert result.code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    from samtale_cli.check.runs import run

    sources = run([EXAMPLES], EXAMPLES, documents=True).documents
    html = Renderer().bundle_html(bundle_entries(sources), "Samlet")
    pages = HTML(string=html).render().pages
    first = _page_text(pages[0])
    assert first.startswith("Indhold") and "Referat: Læringssamtale" in first
    plan = r"Indsatsplan: Små børnegrupper og systematisk kontakt med alle børn \(\d{4}(?:–\d{4})?\)"
    assert re.search(plan + r"[ .]+\d+", first)  # a page number after the leader
    landscape = [p.width > p.height for p in pages]
    assert any(landscape) and not landscape[0]


def _page_text(page) -> str:  # noqa: ANN001
    out: list[str] = []

    def walk(box) -> None:  # noqa: ANN001
        if getattr(box, "text", None):
            out.append(box.text)
        for child in getattr(box, "children", None) or []:
            walk(child)

    walk(page._page_box)
    return " ".join(out)


def test_bundle_refuses_mismatched_format(tmp_path: Path) -> None:
    result = samtale("render", EXAMPLES, "-o", tmp_path / "samlet.docx", "--format", "pdf")
    assert result.code == 2 and "passer ikke sammen" in result.stderr
