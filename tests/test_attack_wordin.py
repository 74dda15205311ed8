"""Issue 25, the second attack on ``samtale import``: a small hostile .docx must cost
little time and memory, and every YAML file import writes must load again.

Each hostile document is built here from a minimal ``word/document.xml`` (a few
hundred bytes), so the tests stay small and fast; each runs under a deadline
(:func:`deadline`), so a hole that comes back fails the test instead of hanging it.
"""

from __future__ import annotations

import contextlib
import io
import signal
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples, samtale
from samtale_cli.check import loader
from samtale_cli.core import yamlout
from samtale_cli.out import wordread
from samtale_cli.out.wordread import Para, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


class TooSlow(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail with TooSlow when the block runs longer than ``seconds`` (POSIX timer)."""
    def expired(signum: int, frame: object) -> None:
        raise TooSlow(f"over {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def docx_bytes(body: str, numbering: str | None = None, styles: str | None = None) -> bytes:
    """A minimal Word package: ``body`` is the XML inside ``<w:body>``; ``numbering`` the
    XML inside ``<w:numbering>``, ``styles`` inside ``<w:styles>`` (parts only when given)."""
    types = (f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/word/document.xml" ContentType="{_MAIN}"/>'
             + (f'<Override PartName="/word/numbering.xml" ContentType="{_NUMBERING}"/>' if numbering else "")
             + (f'<Override PartName="/word/styles.xml" ContentType="{_STYLES}"/>' if styles else "")
             + "</Types>")
    entries = {
        "[Content_Types].xml": types,
        "_rels/.rels": (f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                        f'Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (f'<w:document xmlns:w="{W_NS}" xmlns:v="{V_NS}"><w:body>{body}</w:body></w:document>'),
    }
    rels = ""
    if numbering:
        rels += f'<Relationship Id="rId1" Type="{_REL}/numbering" Target="numbering.xml"/>'
        entries["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    if styles:
        rels += f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        entries["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
    if rels:
        entries["word/_rels/document.xml.rels"] = f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


def p(text: str, extra: str = "", p_pr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{p_pr}</w:pPr>' if p_pr else ''}<w:r><w:t>{text}</w:t>{extra}</w:r></w:p>"


def blocks_of(raw: bytes) -> list[Para | Table]:
    return wordread.blocks(wordread.open_docx(raw, "angreb.docx"))


def paras(blocks: list[Para | Table]) -> list[str]:
    return [b.clean for b in blocks if isinstance(b, Para)]


def cell(text: str, tc_pr: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{tc_pr}</w:tcPr>' if tc_pr else ''}{p(text)}</w:tc>"


def table(rows: list[list[str]], grid: int | None = None) -> str:
    cols = f"<w:tblGrid>{'<w:gridCol/>' * grid}</w:tblGrid>" if grid else ""
    return f"<w:tbl>{cols}{''.join('<w:tr>' + ''.join(r) + '</w:tr>' for r in rows)}</w:tbl>"


SHEET_HEADER = [cell("Hvad har vi arbejdet med?"), cell("Hvad peger data på?"), cell("Opmærksomhedspunkter")]


def sheet(*body: str, rows: list[list[str]] | None = None) -> str:
    """An attention-point sheet (recognised by its table): ``body`` before the table."""
    lines = [p("Opsamling på opmærksomhedspunkter"), p("Dagtilbud: Dagtilbud Vest"),
             p("Afdeling: Børnehuset Haven"), p("Læringssamtale: 13/5 2024"), *body]
    data = rows or [[cell("Leg."), cell("Data."), cell("1. Punkt")]]
    return "".join(lines) + table([SHEET_HEADER, *data], grid=3)


def imported(tmp_path: Path, body: str, *args: str, numbering: str | None = None, seconds: float = 5) -> tuple:
    word = tmp_path / "angreb.docx"
    word.write_bytes(docx_bytes(body, numbering))
    with deadline(seconds):
        result = samtale("import", word, *args, cwd=tmp_path)
    return result, word


def written_yaml(folder: Path) -> Path:
    (found,) = folder.glob("*.yaml")
    return found


# --- 1. text boxes in text boxes -------------------------------------------------------


def nested_boxes(depth: int) -> str:
    """A paragraph with a text box, whose paragraph has a text box, ... ``depth`` deep."""
    inner = p("innerst")
    for level in range(depth, 0, -1):
        inner = (f"<w:p><w:r><w:t>niveau {level}</w:t><w:pict><v:shape><v:textbox><w:txbxContent>"
                 f"{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    return inner


def test_nested_text_boxes_are_read_once_and_fast() -> None:
    raw = docx_bytes(nested_boxes(40))
    assert len(raw) < 2000
    with deadline(1):
        texts = paras(blocks_of(raw))
    assert texts.count("innerst") == 1
    assert texts == [f"niveau {k}" for k in range(1, 41)] + ["innerst"]


def test_two_levels_of_text_boxes_give_each_paragraph_once() -> None:
    assert paras(blocks_of(docx_bytes(nested_boxes(2)))) == ["niveau 1", "niveau 2", "innerst"]


def test_many_runs_deep_in_text_boxes_cost_linear_time() -> None:
    """Every paragraph looked at every run below it (and each run at all its ancestors):
    runs deep in nested boxes cost depth squared each."""
    inner = "<w:p>" + "<w:r><w:t>x</w:t></w:r>" * 20000 + "</w:p>"
    for _ in range(40):
        inner = f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    with deadline(3):
        texts = paras(blocks_of(docx_bytes(inner)))
    assert texts[-1] == "x" * 20000


# --- 2., 3. sizes and counts from the XML ----------------------------------------------


def test_a_huge_grid_span_is_clamped_to_the_table(tmp_path: Path) -> None:
    rows = [[cell("Leg.", '<w:gridSpan w:val="2000000000"/>'), cell("Data."), cell("1. Punkt")]]
    result, _ = imported(tmp_path, sheet(rows=rows), seconds=3)
    assert result.code in (0, 1), result.stderr
    tables = [b for b in blocks_of((tmp_path / "angreb.docx").read_bytes()) if isinstance(b, Table)]
    assert tables[0].rows[1][0].span == 3 and tables[0].columns == 5  # the row's other two cells


def test_a_grid_span_without_a_grid_is_bounded() -> None:
    body = table([[cell("a", '<w:gridSpan w:val="2000000000"/>')], [cell("b", '<w:gridSpan w:val="1e400"/>')]])
    tables = [b for b in blocks_of(docx_bytes(body)) if isinstance(b, Table)]
    assert tables[0].columns <= wordread.MAX_COLUMNS
    assert [c.span for row in tables[0].rows for c in row] == [wordread.MAX_COLUMNS, wordread.MAX_COLUMNS]


def test_a_huge_list_level_is_clamped_to_words_levels(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="30000000"><w:numFmt w:val="bullet"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    item = p("Et punkt", p_pr='<w:numPr><w:ilvl w:val="30000000"/><w:numId w:val="1"/></w:numPr>')
    raw = docx_bytes(item, numbering)
    with deadline(1):
        para = blocks_of(raw)[0]
    assert para.list_kind == "bullet" and para.level == 8
    result, _ = imported(tmp_path, sheet(item), numbering=numbering, seconds=3)
    assert result.code in (0, 1), result.stderr
    written = written_yaml(tmp_path).stat().st_size
    assert written < 5000


@pytest.mark.parametrize("value", ["-5", "nan", "inf", "1e400", "-1e400", "9" * 5000, "x"],
                         ids=["minus", "nan", "inf", "1e400", "-1e400", "5000-cifre", "x"])
def test_odd_numbers_in_the_xml_are_read_as_numbers_in_range(value: str) -> None:
    numbering = (f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{value}"/></w:abstractNum>'
                 f'<w:num w:numId="{value}"><w:abstractNumId w:val="1"/></w:num>')
    body = (p("a", p_pr=f'<w:numPr><w:ilvl w:val="{value}"/><w:numId w:val="1"/></w:numPr>'
                        f'<w:ind w:left="{value}"/><w:outlineLvl w:val="{value}"/>')
            + table([[cell("b", f'<w:gridSpan w:val="{value}"/>')]]))
    with deadline(2):
        blocks = blocks_of(docx_bytes(body, numbering))
    para = blocks[0]
    assert 0 <= para.level <= 8 and para.heading in (None, *range(1, 10))
    assert abs(para.indent) <= wordread.MAX_TWIPS
    assert 1 <= blocks[1].rows[0][0].span <= wordread.MAX_COLUMNS


@pytest.mark.parametrize("char", ["FFFFFFFF", "D800", "0", "1B", "9B", "F000", "110000"])
def test_a_symbol_outside_unicode_or_a_control_is_not_text(tmp_path: Path, char: str) -> None:
    item = f'<w:p><w:r><w:t>Tekst</w:t><w:sym w:font="Symbol" w:char="{char}"/></w:r></w:p>'
    text = paras(blocks_of(docx_bytes(item)))[0]
    assert text.startswith("Tekst") and text.isprintable()
    result, _ = imported(tmp_path, sheet(item))
    assert result.code in (0, 1), result.stderr


# --- 4. what import writes must load again -----------------------------------------------


def _loads_as_comments(lines: list[str]) -> bool:
    text = "\n".join(["a: 1", *lines]) + "\n"
    loaded = loader.load_bytes(text.encode("utf-8"), "x.yaml")
    return loaded.ok and loaded.data == {"a": 1}


@given(st.text())
@settings(max_examples=examples(300), deadline=None)
def test_any_text_as_comment_lines_loads_back_as_comments_only(text: str) -> None:
    assert _loads_as_comments(yamlout.comment_lines(text))
    assert _loads_as_comments(yamlout.comment_lines(text, "  "))


def test_comment_lines_keep_ordinary_text_and_show_controls() -> None:
    assert yamlout.comment_lines("Velkomst æøå\n\nTid: 5 min ") == ["# Velkomst æøå", "#", "# Tid: 5 min"]
    assert yamlout.comment_lines("a\x85b\u2028c\x1bd") == ["# a\\x85b\\u2028c\\x1bd"]


def test_a_control_character_in_an_unplaced_line_gives_yaml_that_loads(tmp_path: Path) -> None:
    result, _ = imported(tmp_path, sheet(p("Ikke placeret \u0085 linje med \u009b tegn"), p("Mere\u2029tekst")))
    assert result.code in (0, 1), result.stderr + result.stdout
    assert "Y005" not in result.stdout and "Y003" not in result.stdout
    loaded = loader.load_path(written_yaml(tmp_path), "angreb.yaml")
    assert loaded.ok, loaded.diagnostics


def test_yaml_bigger_than_the_loader_takes_is_refused_before_writing(tmp_path: Path) -> None:
    line = "Ikke placeret: " + "lang tekst " * 200
    # the same paragraph many times: the package is small, the YAML over 2 MB
    result, word = imported(tmp_path, sheet(*[p(line)] * 1200), seconds=8)
    assert len(word.read_bytes()) < 50_000
    assert result.code == 2, result.stdout + result.stderr
    assert "angreb.docx" in result.stderr and "for stor" in result.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["angreb.docx"]


def test_yaml_with_more_values_than_the_loader_takes_is_refused(tmp_path: Path) -> None:
    many = "".join(p(f"{k}. punkt") for k in range(loader.MAX_NODES + 10))
    rows = [[cell("Leg."), cell("Data."), f"<w:tc>{many}</w:tc>"]]
    result, _ = imported(tmp_path, sheet(rows=rows), seconds=8)
    assert result.code == 2, result.stdout + result.stderr
    assert "angreb.docx" in result.stderr and "værdier" in result.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["angreb.docx"]


def test_import_into_a_missing_folder_is_refused_as_render_refuses(tmp_path: Path) -> None:
    result, _ = imported(tmp_path, sheet(), "-o", "a/b/x.yaml")
    assert result.code == 2
    assert "Mappen" in result.stderr and "findes ikke" in result.stderr
    assert not (tmp_path / "a").exists()


def test_import_into_a_file_as_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    result, _ = imported(tmp_path, sheet(), "-o", "fil/x.yaml")
    assert result.code == 2 and "er en fil, ikke en mappe" in result.stderr


def test_import_into_an_existing_folder_still_works(tmp_path: Path) -> None:
    (tmp_path / "ud").mkdir()
    result, _ = imported(tmp_path, sheet(), "-o", "ud/x.yaml")
    assert result.code in (0, 1), result.stderr
    assert (tmp_path / "ud" / "x.yaml").is_file()


def test_text_boxes_nested_deeper_than_the_parser_allows_are_refused_in_danish(tmp_path: Path) -> None:
    """The nesting is bounded by the XML parser (256 levels, no XML_PARSE_HUGE)."""
    result, _ = imported(tmp_path, nested_boxes(60), seconds=3)
    assert result.code == 2 and "'angreb.docx' er beskadiget" in result.stderr


# --- 5. more that grew with a small file ---------------------------------------------------


def test_a_long_chain_of_styles_is_followed_once_per_style() -> None:
    """Every paragraph and run followed its style's whole chain of basedOn: 3,000 styles
    and 3,000 paragraphs were 9 million steps."""
    n = 3000
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{k}"><w:name w:val="S{k}"/>'
                     + (f'<w:basedOn w:val="s{k - 1}"/>' if k else "") + "</w:style>" for k in range(n))
    body = "".join(p("tekst", p_pr=f'<w:pStyle w:val="s{n - 1}"/>') for _ in range(n))
    raw = docx_bytes(body, styles=styles)
    with deadline(2):
        blocks = blocks_of(raw)
    assert len(blocks) == n and blocks[0].style == f"S{n - 1}"


def plan_with(points: str) -> str:
    return "".join([p("Små børnegrupper"), p("Afdeling: Vuggestuen Kernehuset"), p("Ark: ark.yaml"),
                    p(f"Punkter: {points}"), p("Hvad vil vi opnå?"), p("Bedre deltagelse."),
                    p("Hvorfor vil vi opnå dette?"), p("Fordi.")])


def test_a_number_of_thousands_of_digits_in_punkter_is_kept_as_a_comment(tmp_path: Path) -> None:
    result, _ = imported(tmp_path, plan_with("1, " + "9" * 5000))
    assert result.code in (0, 1), result.stderr
    text = written_yaml(tmp_path).read_text(encoding="utf-8")
    assert "  # Punkter: 1, 999" in text and "\n  punkter:" not in text


def test_ordinary_punkter_are_numbers(tmp_path: Path) -> None:
    imported(tmp_path, plan_with("1, 3"))
    assert "  punkter:\n    - 1\n    - 3\n" in written_yaml(tmp_path).read_text(encoding="utf-8")


def test_more_text_than_the_yaml_may_hold_is_refused_before_the_readers(tmp_path: Path) -> None:
    result, _ = imported(tmp_path, sheet(*[p("x" * 30000)] * 80), seconds=3)
    assert result.code == 2 and "'angreb.docx' har over 2 MB tekst" in result.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["angreb.docx"]


def test_a_title_too_long_for_a_file_name_is_said_in_danish(tmp_path: Path) -> None:
    result, _ = imported(tmp_path, plan_with("1").replace("Små børnegrupper", "Små børnegrupper " * 100))
    assert result.code == 2 and "navnet er for langt" in result.stderr, result.stderr


def test_millions_of_empty_paragraphs_in_a_small_file_are_refused_quickly(tmp_path: Path) -> None:
    """Two million empty paragraphs pack into 18 KB and took 14 s and 755 MB to read: the
    tags of each part are counted in its bytes first (MAX_TAGS), and the file is refused."""
    import io
    import time
    import zipfile

    from samtale_cli.core.errors import SamtaleError
    from samtale_cli.out import wordread

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                   '2006/main"><w:body>' + "<w:p/>" * (wordread.MAX_TAGS + 1) + "</w:body></w:document>")
    path = tmp_path / "tomme.docx"
    path.write_bytes(buffer.getvalue())
    started = time.perf_counter()
    with pytest.raises(SamtaleError, match="XML-mærker"):
        wordread.open_docx(path.read_bytes(), path.name)
    assert time.perf_counter() - started < 5
