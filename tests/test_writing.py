"""Writing is safe (docs/kommandoer.md): no command replaces a file it did not write without
--force: not the input, not a YAML file, not samtale.yaml, not a person's noter.md.
samtale's own earlier output is replaced freely. A refusal is exit 2, in Danish, and
the file is untouched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MEETING, PLAN, SHEET_KERNEHUSET, WORKSPACE, Eks, examples, samtale
from samtale_cli.core import kinds, yamlout
from samtale_cli.core.files import made_by_samtale

NOTES = "# Mine noter\n\nIkke slet mig.\n"

# (a command that writes to the file named by {out}, the format of its output)
WRITERS = {
    "render-md": ["render", MEETING, "-o", "{out}", "--format", "md"],
    "render-html": ["render", MEETING, "-o", "{out}", "--format", "html"],
    "render-pdf": ["render", PLAN, "-o", "{out}", "--format", "pdf"],
    "kalender": ["kalender", "-o", "{out}"],
    "schema": ["schema", "indsats", "-o", "{out}"],
}


def _args(name: str, out: Path | str) -> list[str]:
    return [str(out) if a == "{out}" else str(a) for a in WRITERS[name]]


@pytest.mark.parametrize("name", list(WRITERS))
@pytest.mark.parametrize("victim", ["noter.md", "noter.txt", "kalender.ics", "referat.pdf"])
def test_a_file_samtale_did_not_write_is_refused(eks: Eks, name: str, victim: str) -> None:
    target = eks.root / victim
    target.write_text(NOTES, encoding="utf-8")
    done = samtale(*_args(name, target), cwd=eks.root)
    assert done.code == 2, done.stderr
    assert "ikke lavet af samtale" in done.stderr and "--force" in done.stderr
    assert target.read_text(encoding="utf-8") == NOTES
    assert sorted(p.name for p in eks.root.iterdir() if p.name.startswith(".")) == []  # no temporary file


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "force"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_the_input_and_yaml_files_are_never_replaced(eks: Eks, name: str, force: list[str]) -> None:
    """Not even with --force: output is never YAML, so '-o samtale.yaml --force' can only
    be a slip that would lose what people wrote."""
    for victim in (MEETING, WORKSPACE, PLAN):
        before = eks.path(victim).read_bytes()
        done = samtale(*_args(name, victim), *force, cwd=eks.root)
        assert done.code == 2, (victim, done.stderr)
        assert "samtale:" in done.stderr and "Traceback" not in done.stderr
        assert eks.path(victim).read_bytes() == before, victim


@pytest.mark.parametrize("name", list(WRITERS))
@pytest.mark.parametrize("target", ["ny.yaml", "ny.YML", "-"])
def test_no_new_yaml_file_and_no_file_named_dash(eks: Eks, name: str, target: str) -> None:
    """A new YAML file in the workspace would be read as a samtale file and break every
    later run (found by an attacker's trial); '-' is no file name."""
    done = samtale(*_args(name, target), "--force", cwd=eks.root)
    assert done.code == 2 and "samtale:" in done.stderr, done.stderr
    assert not (eks.root / target).exists()


@pytest.mark.parametrize("name", list(WRITERS))
def test_its_own_output_is_replaced_and_force_replaces_the_rest(eks: Eks, name: str) -> None:
    suffix = {"kalender": ".ics", "schema": ".json", "render-pdf": ".pdf"}.get(name, "." + name.rsplit("-", 1)[-1])
    target = eks.root / f"ud{suffix}"
    assert samtale(*_args(name, target), cwd=eks.root).code == 0
    assert made_by_samtale(target)
    first = target.read_bytes()
    assert samtale(*_args(name, target), cwd=eks.root).code == 0  # again: its own output
    assert target.read_bytes() == first  # byte-identical
    target.write_text(NOTES, encoding="utf-8")
    assert samtale(*_args(name, target), "--force", cwd=eks.root).code == 0
    assert target.read_bytes() == first


@pytest.mark.parametrize("name", [*WRITERS, "render-site", "render-bundle"])
def test_a_folder_that_does_not_exist_is_not_made(eks: Eks, name: str) -> None:
    """A mistyped -o (Mødr/referat.pdf) makes no folder: exit 2, nothing written. A
    site's own folder is made, but not the folder it goes in."""
    out = eks.root / "Mødr" / "ud.pdf"
    args = {"render-site": ["render", ".", "-o", str(eks.root / "Mødr" / "site")],
            "render-bundle": ["render", "laeringssamtaler", "-o", str(out)]}.get(name) or _args(name, out)
    done = samtale(*args, cwd=eks.root)
    assert done.code == 2, done.stderr
    assert "Mappen" in done.stderr and "findes ikke" in done.stderr
    assert not (eks.root / "Mødr").exists()


def test_render_without_a_suffix_on_the_input_is_refused(eks: Eks) -> None:
    """The reproduction of the issue: 'render MØDE.yaml -o MØDE.yaml' wrote HTML over it."""
    before = eks.path(MEETING).read_bytes()
    done = samtale("render", MEETING, "-o", MEETING, cwd=eks.root)
    assert done.code == 2 and "laves dokumenter af" in done.stderr
    assert eks.path(MEETING).read_bytes() == before


def test_a_site_render_checks_every_target_before_writing_anything(eks: Eks) -> None:
    site = eks.root / "_site"
    assert samtale("render", ".", "-o", site, cwd=eks.root).code == 0
    index = site / "laeringssamtaler" / "index.html"
    index.write_text(NOTES, encoding="utf-8")  # a person's file where samtale writes
    plan_page = site / "afdelinger" / "vuggestuen-kernehuset" / "indsats-smaa-boernegrupper.html"
    plan_page.unlink()
    done = samtale("render", ".", "-o", site, cwd=eks.root)
    assert done.code == 2 and "index.html" in done.stderr
    assert index.read_text(encoding="utf-8") == NOTES
    assert not plan_page.exists()  # refused before the first write
    assert samtale("render", ".", "-o", site, "--force", cwd=eks.root).code == 0
    assert plan_page.exists() and made_by_samtale(index)


def test_made_by_samtale_reads_only_the_ends_of_a_big_file(tmp_path: Path) -> None:
    big = tmp_path / "stor.html"
    big.write_bytes(b"x" * 10_000_000 + b"\n<!-- lavet med samtale -->\n")
    assert made_by_samtale(big)
    (tmp_path / "tom.html").write_bytes(b"")
    assert not made_by_samtale(tmp_path / "tom.html")
    (tmp_path / "falsk.docx").write_bytes(b"PK\x03\x04 ikke en zip")
    assert not made_by_samtale(tmp_path / "falsk.docx")


def test_a_name_near_the_systems_limit_is_written(eks: Eks) -> None:
    """An attacker's trial: the temporary file's longer name ('.NAME.samtale-XXXX.tmp')
    broke a valid name of 244 bytes."""
    target = eks.root / ("æ" * 120 + ".ics")
    assert len(target.name.encode("utf-8")) == 244
    done = samtale("kalender", "-o", target, cwd=eks.root)
    assert done.code == 0, done.stderr
    assert made_by_samtale(target)
    assert not [p for p in eks.root.iterdir() if p.name.endswith(".tmp")]


def test_a_meetings_data_file_is_never_replaced_by_its_render(eks: Eks) -> None:
    """An attacker's trial: 'render MØDE -o data/ppr.md --force' replaced the data file
    the meeting points to."""
    data = eks.path("laeringssamtaler/data/ppr-samarbejde-2024.md")
    before = data.read_bytes()
    done = samtale("render", MEETING, "-o", data, "--format", "md", "--force", cwd=eks.root)
    assert done.code == 2 and "laves dokumenter af" in done.stderr
    assert data.read_bytes() == before


@pytest.mark.parametrize("args", [
    ["kalender", "-o", "{data}", "--force"],
    ["render", SHEET_KERNEHUSET, "-o", "{data}", "--format", "md", "--force"],
])
def test_no_output_replaces_a_file_another_document_points_to(eks: Eks, args: list[str]) -> None:
    """A re-trial: kalender and the render of another document replaced the data file a
    meeting points to."""
    data = eks.path("laeringssamtaler/data/ppr-samarbejde-2024.md")
    before = data.read_bytes()
    done = samtale(*[str(data) if a == "{data}" else a for a in args], cwd=eks.root)
    assert done.code == 2 and "eller som de henviser til" in done.stderr
    assert data.read_bytes() == before


# --------------------------------------------------------------------- one YAML writer


@pytest.mark.parametrize("kind", kinds.DOCUMENT_KINDS, ids=lambda k: k.ascii)
def test_every_kind_has_a_scaffold(kind: kinds.Kind) -> None:
    assert callable(kinds.hook(kind, "scaffold"))


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=12) | st.sampled_from(["", "1", "-1", "0x1", "1e3", ".5", "null", "Null", "~", "true", "False",
                                               "yes", "a: b", "a #b", "#x", "- x", "[x]", "13:00", "2024-05-13", "x\ny"]))
def test_a_written_text_is_read_back_as_the_same_text(text: str) -> None:
    from samtale_cli.check.loader import load_text

    written = yamlout.scalar(text)
    assert "\n" not in written
    loaded = load_text(f"v: {written}\n", "x.yaml")
    if loaded.data is not None:  # text the loader refuses (control characters) is refused either way
        assert loaded.data["v"] == text


def test_dump_keeps_comments_where_they_stand() -> None:
    data = {"type": "indsats", yamlout.Comment("titel: stod ikke i Word-dokumentet"): None,
            "faser": [{"navn": "Fase 1", yamlout.Comment("en note\nover to linjer"): None, "slut": dt.date(2025, 1, 2)},
                      yamlout.Comment("mellem faserne")],
            "tom": [], "kl": dt.time(9, 5), "tekst": "a\n\nb\n"}
    assert "\n".join(yamlout.dump(data)) == (
        "type: indsats\n# titel: stod ikke i Word-dokumentet\nfaser:\n  - navn: Fase 1\n    # en note\n"
        "    # over to linjer\n    slut: 2025-01-02\n  # mellem faserne\ntom: []\nkl: \"09:05\"\ntekst: |\n  a\n\n  b")


def test_scaffold_values_stay_on_their_line() -> None:
    people = [{"navn": "Anna\nHansen", "rolle": "konsulent", "dele": yamlout.Flow(["plenum", "ledelse"])}]
    assert yamlout.text(people, 2, blocks=False) == (
        '  - navn: "Anna\\nHansen"\n    rolle: konsulent\n    dele: [plenum, ledelse]\n')


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.text(max_size=12) | st.sampled_from(["krop, sanser og bevægelse", "a]", "{x}", "[", "1", "ja"]),
                max_size=4))
def test_a_one_line_list_is_read_back_as_the_same_items(items: list[str]) -> None:
    """A theme with a comma in it ('krop, sanser og bevægelse') stays one item."""
    from samtale_cli.check.loader import load_text

    written = yamlout.text({"temaer": yamlout.Flow(items)})
    assert written.count("\n") == 1
    loaded = load_text(written, "x.yaml")
    if loaded.data is not None:  # text the loader refuses (control characters) is refused either way
        assert loaded.data["temaer"] == items
