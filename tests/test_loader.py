"""The loader: encodings, hostile input, scalar resolution, positions, and properties."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_FILES, EXAMPLES, HOSTILE, MEETING, Eks, examples, mutate, swapped
from samtale_cli.check.runs import check
from samtale_cli.core.diagnostics import Level
from samtale_cli.check.loader import MAX_BYTES, Pos, load_bytes, load_path, load_text

# ----------------------------------------------------------------- encodings


def test_bom_and_crlf_accepted_with_right_positions() -> None:
    raw = b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x\r\n  - y: \"z\"\r\n"
    loaded = load_bytes(raw, "f.yaml")
    assert loaded.diagnostics == []
    assert loaded.data == {"a": 1, "b": ["x", {"y": "z"}]}
    src = loaded.source
    assert src.keys[("a",)] == Pos(1, 1)
    assert src.values[("a",)] == Pos(1, 4)
    assert src.keys[("b",)] == Pos(2, 1)
    assert src.values[("b", 0)] == Pos(3, 5)
    assert src.keys[("b", 1, "y")] == Pos(4, 5)
    assert src.values[("b", 1, "y")] == Pos(4, 8)


def test_bom_crlf_example_checks_clean_and_keeps_line_numbers(eks: Eks) -> None:
    text = eks.text(MEETING).replace("referent: Jonas Gregersen", "referent: Jonas Jensen")
    eks.path(MEETING).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    found = [(d.file, d.line, d.col, d.code) for d in eks.diagnostics()]
    assert found == [(MEETING, 447, 11, "P202")]


def test_lone_cr_is_a_line_break() -> None:
    loaded = load_bytes(b"a: 1\rb: [\r", "f.yaml")
    [d] = loaded.diagnostics
    assert (d.line, d.col, d.code) == (2, 4, "Y005")


@pytest.mark.parametrize("raw, line, col", [
    ("titel: Børnehuset\n".encode("latin-1"), 1, 9),
    # the bad byte comes after correct UTF-8 æøå: the column counts characters, not bytes
    ("titel: æøå\n".encode() + b"sted: \xe6\n", 2, 7),
    ("titel: æøå ".encode() + b"\xe6\n", 1, 12),
    (b"\xef\xbb\xbf" + "a: ø\n".encode() + b"b: \xf8\n", 2, 4),
])
def test_not_utf8(raw: bytes, line: int, col: int) -> None:
    [d] = load_bytes(raw, "f.yaml").diagnostics
    assert (d.line, d.col, d.code, d.level) == (line, col, "Y002", Level.ERROR)
    assert "UTF-8" in d.message and "Gem" in d.message


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_are_text_not_line_breaks(breaker: str) -> None:
    """YAML 1.2 (and editors, and our own line counting) do not break lines at NEL/LS/PS."""
    text = f"a: x{breaker}y\nb: 'p{breaker}q'\nc: 2\n"
    loaded = load_text(text, "f.yaml")
    assert loaded.diagnostics == []
    assert loaded.data == {"a": f"x{breaker}y", "b": f"p{breaker}q", "c": 2}
    assert loaded.source.values[("c",)] == Pos(3, 4)
    # and an error after one is reported on the line an editor shows
    [d] = load_text(f"a: x{breaker}{breaker}y\nb: [\n", "f.yaml").diagnostics
    assert (d.line, d.col) == (2, 4)


def test_line_separator_placeholders_do_not_clash_with_private_use_text() -> None:
    text = "a: \uf8ff\uf8fe\uf8fd x\u2028y\n"
    loaded = load_text(text, "f.yaml")
    assert loaded.data == {"a": "\uf8ff\uf8fe\uf8fd x\u2028y"}


def test_line_separator_with_every_private_use_character_taken_does_not_raise() -> None:
    text = "a: " + "".join(chr(c) for c in range(0xE000, 0xF900)) + "\u2028x\n"
    loaded = load_text(text, "f.yaml")
    assert len(loaded.diagnostics) <= 1


# ----------------------------------------------------------------- hostile input

DANISH = re.compile(r"[æøå]|\b(er|ikke|for|filen|en|et|her)\b", re.I)
ENGLISH = re.compile(r"\b(the|not allowed|found|expected|while|could|character|scanning|parsing|stream)\b")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_bytes_give_one_danish_error(name: str) -> None:
    raw, code, word = HOSTILE[name]
    loaded = load_bytes(raw, "f.yaml")
    assert len(loaded.diagnostics) == 1, loaded.diagnostics
    [d] = loaded.diagnostics
    assert (d.code, d.level) == (code, Level.ERROR)
    assert word in d.message
    assert DANISH.search(d.message) and not ENGLISH.search(d.message), d.message
    assert d.line >= 1 and d.col >= 1
    if code not in ("Y006", "Y011"):  # those two record the problem and read on
        assert loaded.data is None


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_through_check(tmp_path: Path, name: str) -> None:
    """The same inputs as files in a workspace: one error, no exception, nothing run."""
    raw, code, _word = HOSTILE[name]
    shutil.copy(EXAMPLES / "samtale.yaml", tmp_path / "samtale.yaml")
    (tmp_path / "ond.yaml").write_bytes(raw.replace(b"touch PWNED", f"touch {tmp_path}/PWNED".encode()))
    found = check([tmp_path], tmp_path)
    assert [(d.file, d.code) for d in found] == [("ond.yaml", code)]
    assert not (tmp_path / "PWNED").exists()


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = Path("/tmp/pwned")
    existed = marker.exists()
    target = tmp_path / "pwned"
    for text in (
        '!!python/object/apply:os.system ["touch /tmp/pwned"]\n',
        f'!!python/object/apply:os.system ["touch {target}"]\n',
        f'a: !!python/object/apply:subprocess.call [["touch", "{target}"]]\n',
        f'!!python/object/new:os.system ["touch {target}"]\n',
    ):
        [d] = load_text(text, "f.yaml").diagnostics
        assert d.code == "Y007"
    assert not target.exists()
    assert marker.exists() == existed


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "stor.yaml"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no need to write 2 MB of data
    [d] = load_path(big, "stor.yaml").diagnostics
    assert d.code == "Y001" and "MB" in d.message


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    [d] = load_path(tmp_path / "findes-ikke.yaml", "x.yaml").diagnostics
    assert d.code == "Y012" and "kan ikke læses" in d.message


def test_document_start_and_end_markers_are_fine() -> None:
    loaded = load_text("---\na: 1\n...\n", "f.yaml")
    assert (loaded.data, loaded.diagnostics) == ({"a": 1}, [])


def test_duplicate_key_points_at_the_second() -> None:
    [d] = load_text("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml").diagnostics
    assert (d.line, d.col, d.code) == (4, 3, "Y006")
    assert "linje 3" in d.message


def test_duplicate_key_names_the_first_line_of_its_own_mapping() -> None:
    """Under a refused duplicate key, a nested mapping's key must not be taken for the first."""
    text = "a: 1\na:\n  y: 1\n  m:\n    y: 5\n  y: 2\n"
    loaded = load_text(text, "f.yaml")
    assert [(d.line, d.col, d.code) for d in loaded.diagnostics] == [(2, 1, "Y006"), (6, 3, "Y006")]
    assert "første gang i linje 3" in loaded.diagnostics[1].message


@pytest.mark.parametrize("written", ["!!int foo", "!!int true", "!!float ja", "!!bool 1", "!!null x", "!!seq x", "!!map x"])
def test_scalar_that_does_not_fit_its_tag_is_refused(written: str) -> None:
    loaded = load_text(f"a: 1\nv: {written}\n", "f.yaml")
    assert [(d.line, d.col, d.code) for d in loaded.diagnostics] == [(2, 4, "Y007")]
    assert "passer ikke til tagget" in loaded.diagnostics[0].message


def test_duplicate_key_in_flow_mapping() -> None:
    [d] = load_text("a: {x: 1, y: 2, x: 3}\n", "f.yaml").diagnostics
    assert (d.line, d.col, d.code) == (1, 17, "Y006")


def test_aliases_within_limits_are_expanded() -> None:
    loaded = load_text("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert (loaded.data, loaded.diagnostics) == ({"a": [1, 2], "b": [1, 2]}, [])


# ----------------------------------------------------------------- plain scalars

@pytest.mark.parametrize("written, value", [
    ("13:00", "13:00"),
    ("'13:00'", "13:00"),
    ("2024-05-13", "2024-05-13"),
    ("13/5 2024", "13/5 2024"),
    ("yes", "yes"),
    ("no", "no"),
    ("on", "on"),
    ("Off", "Off"),
    ("y", "y"),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("", None),
    ("true", True),
    ("True", True),
    ("FALSE", False),
    ("'true'", "true"),
    ('"35"', "35"),
    ("35", 35),
    ("-3", -3),
    ("+3", 3),
    ("010", 10),
    ("1.5", 1.5),
    (".5", 0.5),
    ("1e3", 1000.0),
    ("-2.5E-1", -0.25),
    ("0x1F", "0x1F"),
    ("0o17", "0o17"),
    ("1_000", "1_000"),
    (".inf", ".inf"),
    (".nan", ".nan"),
    ("1:30:00", "1:30:00"),
    ("ca. 35 min", "ca. 35 min"),
    ("35 min", "35 min"),
    ("!!str 35", "35"),
    ("!!int 35", 35),
    ("!!float 1", 1.0),
    ("!!bool true", True),
    ("!!null ''", None),
    ("! 35", "35"),
    ("'it''s'", "it's"),
    ('"a\\tb\\u00e6"', "a\tbæ"),
    ("|\n  a\n  b\n", "a\nb\n"),
    ("|-\n  a\n  b\n", "a\nb"),
    (">\n  a\n  b\n", "a b\n"),
    ("æøå", "æøå"),
])
def test_scalar_resolution(written: str, value: object) -> None:
    loaded = load_text(f"v: {written}\n", "f.yaml")
    assert loaded.diagnostics == []
    got = loaded.data["v"]
    assert got == value and type(got) is type(value)


# ----------------------------------------------------------------- positions

BLOCK = """\
# kommentar
a: 1
b:
  c: x
  d:
    - y
    - e: 2
      f: æøå
g: |
  line1
  line2
h: "quoted"
i:
- flush
"""


def test_positions_block_style() -> None:
    src = load_text(BLOCK, "f.yaml").source
    assert src.values[()] == Pos(2, 1)
    assert src.keys[("a",)] == Pos(2, 1) and src.values[("a",)] == Pos(2, 4)
    assert src.keys[("b",)] == Pos(3, 1) and src.values[("b",)] == Pos(4, 3)
    assert src.keys[("b", "c")] == Pos(4, 3) and src.values[("b", "c")] == Pos(4, 6)
    assert src.keys[("b", "d")] == Pos(5, 3) and src.values[("b", "d")] == Pos(6, 5)
    assert src.values[("b", "d", 0)] == Pos(6, 7)
    assert src.values[("b", "d", 1)] == Pos(7, 7)
    assert src.keys[("b", "d", 1, "e")] == Pos(7, 7) and src.values[("b", "d", 1, "e")] == Pos(7, 10)
    assert src.keys[("b", "d", 1, "f")] == Pos(8, 7) and src.values[("b", "d", 1, "f")] == Pos(8, 10)
    assert src.keys[("g",)] == Pos(9, 1) and src.values[("g",)] == Pos(9, 4)  # the '|'
    assert src.keys[("h",)] == Pos(12, 1) and src.values[("h",)] == Pos(12, 4)  # the quote
    assert src.values[("i",)] == Pos(14, 1) and src.values[("i", 0)] == Pos(14, 3)


def test_positions_flow_style() -> None:
    src = load_text('a: {b: 1, "c": [x, {d: æ}, 😀], e: []}\n', "f.yaml").source
    assert src.values[("a",)] == Pos(1, 4)
    assert src.keys[("a", "b")] == Pos(1, 5) and src.values[("a", "b")] == Pos(1, 8)
    assert src.keys[("a", "c")] == Pos(1, 11) and src.values[("a", "c")] == Pos(1, 16)
    assert src.values[("a", "c", 0)] == Pos(1, 17)
    assert src.values[("a", "c", 1)] == Pos(1, 20)
    assert src.keys[("a", "c", 1, "d")] == Pos(1, 21) and src.values[("a", "c", 1, "d")] == Pos(1, 24)
    assert src.values[("a", "c", 2)] == Pos(1, 28)  # columns count characters, not bytes
    assert src.keys[("a", "e")] == Pos(1, 32) and src.values[("a", "e")] == Pos(1, 35)


def test_positions_multiline_flow_and_block_scalars() -> None:
    text = "a: [\n  1,\n  2\n]\nb: >-\n  folded\n  text\nc: 'multi\n  line'\nd: 4\n"
    loaded = load_text(text, "f.yaml")
    assert loaded.data == {"a": [1, 2], "b": "folded text", "c": "multi line", "d": 4}
    src = loaded.source
    assert src.values[("a", 0)] == Pos(2, 3) and src.values[("a", 1)] == Pos(3, 3)
    assert src.values[("b",)] == Pos(5, 4)
    assert src.values[("c",)] == Pos(8, 4)
    assert src.keys[("d",)] == Pos(10, 1)


def test_position_fallbacks_use_nearest_ancestor() -> None:
    src = load_text("a:\n  b: 1\n", "f.yaml").source
    assert src.value_pos(("a", "b", "x", 3)) == Pos(2, 6)
    assert src.key_pos(("a", "zz")) == Pos(1, 1)
    assert src.key_pos(("zz",)) == Pos(1, 1)
    assert src.value_pos(()) == Pos(1, 1)


def test_positions_after_a_skipped_duplicate() -> None:
    loaded = load_text("a: {x: 1}\na: {y: 2}\nb: 3\n", "f.yaml")
    assert [d.code for d in loaded.diagnostics] == ["Y006"]
    assert loaded.source.values[("b",)] == Pos(3, 4)
    assert ("a", "y") not in loaded.source.values


# ----------------------------------------------------------------- properties

def _diagnostics_sane(diagnostics, text: str | None = None) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 1
        assert d.message and d.code[0] in "YFS"
        assert not ENGLISH.search(d.message), d.message  # libyaml's English never reaches people
        if text is not None:
            assert d.line <= text.count("\n") + 1 + 1


@settings(max_examples=examples(200), deadline=None)
@given(st.text())
def test_load_text_never_raises(text: str) -> None:
    loaded = load_text(text, "f.yaml")
    _diagnostics_sane(loaded.diagnostics)


YAMLISH = st.text(alphabet=st.sampled_from(list(" \n-:[]{},#&*!|>'\"%@`?\tab1æ\u2028\r\ufeff")), max_size=80)


@settings(max_examples=examples(300), deadline=None)
@given(YAMLISH)
def test_load_text_never_raises_on_yaml_punctuation(text: str) -> None:
    loaded = load_text(text, "f.yaml")
    _diagnostics_sane(loaded.diagnostics, text.replace("\r\n", "\n").replace("\r", "\n"))
    if not loaded.diagnostics and loaded.data is not None:
        assert () in loaded.source.values


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=300))
def test_load_bytes_never_raises(raw: bytes) -> None:
    loaded = load_bytes(raw, "f.yaml")
    _diagnostics_sane(loaded.diagnostics)
    assert len([d for d in loaded.diagnostics if d.code in ("Y002", "Y003", "Y004")]) <= 1


# Round trip: data dumped by ruamel.yaml loads back equal, with a position for every path.

PLAIN_TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøåABCXYZÆØÅ ")), min_size=1, max_size=12
).map(str.strip).filter(bool)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n"), max_size=20)
NUMBERS = st.integers(-(10**18 - 1), 10**18 - 1)  # more digits are Y014
SCALARS = st.none() | st.booleans() | NUMBERS | st.floats(allow_nan=False, allow_infinity=False)


def _tree(text):
    return st.recursive(
        SCALARS | text,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
        max_leaves=25,
    )


def _dump(data, *, quoted: bool) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    if quoted:
        yaml.default_style = '"'
    yaml.representer.ignore_aliases = lambda *args: True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _paths(data, path=()):
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, path + (i,))


def _check_round_trip(data, text: str) -> None:
    loaded = load_text(text, "f.yaml")
    assert loaded.diagnostics == []
    assert loaded.data == data
    lines = text.split("\n")
    for path, _value in _paths(data):
        pos = loaded.source.values[path]
        assert 1 <= pos.line <= len(lines) and 1 <= pos.col <= len(lines[pos.line - 1]) + 1
        if path and isinstance(path[-1], str):
            assert path in loaded.source.keys


@settings(max_examples=examples(100), deadline=None)
@given(_tree(PLAIN_TEXT))
def test_round_trip_plain_style(data) -> None:
    _check_round_trip(data, _dump(data, quoted=False))


@settings(max_examples=examples(100), deadline=None)
@given(_tree(ANY_TEXT))
def test_round_trip_double_quoted_any_text(data) -> None:
    _check_round_trip(data, _dump(data, quoted=True))


@settings(max_examples=examples(100), deadline=None)
@given(st.dictionaries(PLAIN_TEXT, PLAIN_TEXT | NUMBERS, min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]),
       st.booleans())
def test_round_trip_through_bytes_with_bom_and_crlf(data, newline: str, bom: bool) -> None:
    text = _dump(data, quoted=False)
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")
    loaded = load_bytes(raw, "f.yaml")
    assert (loaded.data, loaded.diagnostics) == (data, [])
    lines = text.split("\n")
    for key in data:  # ruamel sorts the keys: find each key's line in the dump
        [line] = [n for n, ln in enumerate(lines, 1) if ln.split(":")[0].strip("'\"") == key]
        assert loaded.source.keys[(key,)] == Pos(line, 1)
        assert loaded.source.values[(key,)].line == line


# Random mutations of the examples through the whole check.

@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_examples_never_raise(scratch_workspace: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(EXAMPLE_FILES))
    mutated = mutate((EXAMPLES / rel).read_text(encoding="utf-8"), data)
    with swapped(scratch_workspace, rel, mutated.encode("utf-8", "surrogatepass")):
        found = check([scratch_workspace], scratch_workspace)
    texts = {rel: mutated}
    for d in found:
        text = texts.get(d.file)
        if text is None:
            text = texts[d.file] = (scratch_workspace / d.file).read_text(encoding="utf-8")
        folded = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        lines = folded.split("\n")
        assert 1 <= d.line <= len(lines) + 1, d
        assert d.col >= 1, d
        if d.line <= len(lines):
            assert d.col <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])
        assert d.level in (Level.ERROR, Level.WARNING)


def test_scratch_copy_is_restored_after_the_mutations(scratch_workspace: Path) -> None:
    """Runs after the property above (same module-scoped copy): every file was put back."""
    for rel in EXAMPLE_FILES:
        assert (scratch_workspace / rel).read_bytes() == (EXAMPLES / rel).read_bytes()
    assert check([scratch_workspace], scratch_workspace) == []


@pytest.mark.parametrize("written", ["9" * 19, "-" + "9" * 19, "9" * 5000, "!!int " + "1" * 30, "!!float " + "1" * 40])
def test_a_number_beyond_any_sensible_size_is_a_finding(written: str) -> None:
    """An integer of more than 4,300 digits made every command stop with 'intern fejl'
    for the whole workspace (Python refuses to convert it)."""
    loaded = load_text(f"type: indsats\ntitel: {written}\nb: 1\n", "f.yaml")
    assert [(d.code, d.line, d.col) for d in loaded.diagnostics] == [("Y014", 2, 8)]
    assert loaded.data["b"] == 1  # the loading goes on
    assert load_text("a: " + "9" * 18 + "\n", "f").data == {"a": 10**18 - 1}


@given(st.characters(categories=["Cc"]).filter(lambda c: c not in "\t\n"))
def test_a_control_character_from_an_escape_is_a_finding(char: str) -> None:
    """Escapes such as "\\e]0;TITEL\\a" put control characters into values, which reached
    the terminal through check and oversigt and the HTML."""
    escaped = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    loaded = load_text(f'titel: "a{escaped}b"\nkey: "ok\\tog\\nså"\n', "f.yaml")
    assert [(d.code, d.line) for d in loaded.diagnostics] == [("Y015", 1)]


@pytest.mark.parametrize("text, line, col, words", [
    ("dagsorden:\n  -emne: Velkomst\n    minutter: 5\n", 2, 3, "'- emne: Velkomst'"),
    ("mål:\n  - Vi vil\n  -Vi skal\n", 3, 3, "'- Vi skal'"),
    ("emne: *vigtigt* punkt\n", 1, 7, 'emne: "*vigtigt* punkt"'),
    ('a: 1\nemne: "Velkommen" siger Karen.\nb: 2\n', 2, 7, "emne: '\"Velkommen\" siger Karen.'"),
    ("a:\n  b: 1\n   c: 2\n", 3, 4, "linjen over (linje 2) står med 2"),
    ("emne: Velkomst: kaffe\n", 1, 7, 'emne: "Velkomst: kaffe"'),
    ("emne: “Velkomst: kaffe”\n", 1, 7, 'krøllede anførselstegn'),
    ('a: "abc\nb: 2\nc: 3\n', 1, 4, 'Anførselstegnet (") i linje 1 lukkes aldrig'),
    ("a: [1, 2\nb: 3\n", 1, 4, "'[' i linje 1 lukkes aldrig"),
    ("a: 1\nb: {x: 1\n\n\n", 2, 4, "'{' i linje 2 lukkes aldrig"),
    ("a: Møde [udkast\nb: 'hej\n", 2, 4, "(') i linje 2 lukkes aldrig"),
    ('fil: "..\\data\\ppr.md"\n', 1, 9, "Skriv stier med /, eller sæt teksten i '...'"),
    ("beslutninger:\n1. Vi fortsætter\n2. Dagplejen kobles på\nb: 2\n", 2, 1, "'1.' ligner et punkt i en liste skrevet som i Word"),
])
def test_yaml_slips_are_explained_where_they_are(text: str, line: int, col: int, words: str) -> None:
    """docs/format.md, "Messages about YAML itself": the slip's own line and a fix in Danish,
    not libyaml's position at the end of the file."""
    [d] = load_text(text, "f.yaml").diagnostics
    assert (d.line, d.col, d.code) == (line, col, "Y005")
    assert words in d.message


def test_list_items_read_as_more_of_the_text_above_are_s806() -> None:
    """'  - Første' then '    1. Anden' (or '    - Anden'): YAML folds the second into the
    first; inside [...] a value may go over lines, and a whole list typed as in Word is
    the model's to say (F020)."""
    from samtale_cli.check.loader import load_text

    def codes(text: str) -> list[tuple[int, int, str]]:
        return [(d.line, d.col, d.code) for d in load_text(text, "f.yaml").diagnostics]

    assert codes("punkter:\n  - Første\n    1. Anden\n") == [(3, 5, "S806")]
    assert codes("punkter:\n  - Første\n    - Anden\n") == [(3, 5, "S806")]
    assert codes("punkter:\n  - Første linje af en lang\n    tekst, der fortsætter\n") == []
    assert codes("dele: [plenum og\n  1. ledelse]\n") == []
    assert codes("punkter:\n  1) Sprog\n  2) Overgange\n") == []


def test_a_quoted_key_may_begin_with_a_no_break_space() -> None:
    from samtale_cli.check.loader import load_text

    assert load_text('"\u00a0x": 1\n', "f.yaml").diagnostics == []
    assert [d.code for d in load_text("a:\n  b: 1\n\u00a0 c: 2\n", "f.yaml").diagnostics] == ["Y005"]
