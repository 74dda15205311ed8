"""Minutes written back into a meeting's YAML: every other line stays byte for byte, and
the text reads back equal through samtale's own loader (property tests with hypothesis
over every example meeting, and the odd files: CRLF, BOM, comments, no final newline)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MEETING, Eks, examples, samtale
from samtale_cli import model as m
from samtale_cli.check.document import read
from samtale_cli.check.loader import load_text
from samtale_cli.serve.minutes import NotSaved, save, splice, stored_value, version_of
from samtale_cli.out.views.meeting import numbered_items
from samtale_cli.check.runs import check_bytes
from samtale_cli.core.values import find_cpr


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every example meeting: the one in eksempler/, and what 'samtale new' writes from each template."""
    root = tmp_path_factory.mktemp("moeder")
    shutil.copytree(EXAMPLES, root / "eks")
    new = root / "eks" / "laeringssamtaler"
    for template, day in (("standard", "2025-05-13"), ("dagtilbud-for-alle", "2025-05-14")):  # one meeting a day
        result = samtale("new", "læringssamtale", "--dato", day, "--titel", f"Ny {template}",
                         "--skabelon", template, cwd=root / "eks")
        assert result.code == 0, result.stderr
    files = sorted(new.glob("*.yaml"))
    assert len(files) == 4
    return files


def the_meeting(raw: bytes, path: Path) -> m.Meeting:
    doc = read(path, path.name, lambda _path, _limit: raw)
    assert isinstance(doc.model, m.Meeting), doc.diagnostics
    return doc.model


def minutes_at(meeting: m.Meeting, place: tuple[int, int | None]) -> str | None:
    item = meeting.agenda[place[0]]
    return item.minutes_text if place[1] is None else item.subitems[place[1]].minutes_text


def fields(model: object, *skip: str) -> dict[str, object]:
    return {k: v for k, v in vars(model).items() if k not in skip}


def assert_only_minutes_changed(old: m.Meeting, new: m.Meeting, place: tuple[int, int | None]) -> None:
    index, sub = place
    assert fields(old, "agenda") == fields(new, "agenda")
    assert [a for k, a in enumerate(old.agenda) if k != index] == [a for k, a in enumerate(new.agenda) if k != index]
    before, after = old.agenda[index], new.agenda[index]
    if sub is None:
        assert fields(before, "minutes_text") == fields(after, "minutes_text")
        return
    assert fields(before, "subitems") == fields(after, "subitems")
    assert [s for k, s in enumerate(before.subitems) if k != sub] == [s for k, s in enumerate(after.subitems) if k != sub]
    assert fields(before.subitems[sub], "minutes_text") == fields(after.subitems[sub], "minutes_text")


def other_lines(text: str, place: tuple[int, int | None]) -> list[str]:
    """The lines of ``text`` without the item's ``referat`` (its key line, and every line
    below it that is blank or indented deeper, less the blank lines at the end)."""
    path = ("dagsorden", place[0], "referat") if place[1] is None else ("dagsorden", place[0], "punkter", place[1], "referat")
    lines = text.split("\n")
    pos = load_text(text, "x.yaml", m.canonical_key).source.keys.get(path)
    if pos is None:
        return lines
    first = pos.line - 1
    last = first
    for k in range(first + 1, len(lines)):
        line = lines[k]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= pos.col - 1:
            break
        if line.strip():
            last = k
    return lines[:first] + lines[last + 1 :]


MINUTES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.lists(
        st.one_of(
            st.sampled_from([": ", " #", "# ", "- ", "|", ">", "'", '"', "\t", "\r\n", "\n", "\n\n", "  ", "æøå ÆØÅ",
                             "\u2028", "\x0b", "\x85", "&a", "*b", "!tag", "{x}", "[1]", "---", "...", "%", "@", "`",
                             "yes", "null", "~", "1.50", "0x1F", "13:00", "2024-05-13", "**fed**", "<b>", "\ufeff"]),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
        ),
        max_size=12,
    ).map("".join),
)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), text=MINUTES)
def test_random_minutes_keep_every_other_line(meetings: list[Path], data: st.DataObject, text: str) -> None:
    path = data.draw(st.sampled_from(meetings))
    raw = path.read_bytes()
    meeting = the_meeting(raw, path)
    number, place = data.draw(st.sampled_from(sorted(numbered_items(meeting).items())))
    try:
        new = splice(raw, place, stored_value(text))
    except NotSaved as exc:
        pytest.fail(f"{number}: {exc.message}")
    after = the_meeting(new, path)
    assert minutes_at(after, place) == stored_value(text)
    assert_only_minutes_changed(meeting, after, place)
    assert other_lines(new.decode(), place) == other_lines(raw.decode(), place)
    # the file passes check (a CPR-shaped number excepted: save() refuses those)
    if not find_cpr(text.replace("\r", "")):
        assert not [d for d in check_bytes(path, new, path.parent).findings if d.is_error]


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), texts=st.lists(MINUTES, min_size=2, max_size=4))
def test_minutes_saved_again_and_again(meetings: list[Path], tmp_path_factory: pytest.TempPathFactory,
                                       data: st.DataObject, texts: list[str]) -> None:
    """Several saves in a row through save(): each reads back, the others stay."""
    source = data.draw(st.sampled_from(meetings))
    folder = tmp_path_factory.mktemp("igen")
    shutil.copytree(source.parent.parent, folder / "eks")
    path = folder / "eks" / source.relative_to(source.parent.parent)
    numbers = sorted(numbered_items(the_meeting(path.read_bytes(), path)))
    expected: dict[str, str | None] = {}
    for text in texts:
        number = data.draw(st.sampled_from(numbers))
        before = path.read_bytes()
        if find_cpr(stored_value(text) or ""):
            with pytest.raises(NotSaved) as refused:
                save(path, folder, number, text, version_of(before))
            assert refused.value.status == 422 and path.read_bytes() == before
            continue
        version = save(path, folder, number, text, version_of(before))
        assert version == version_of(path.read_bytes())
        expected[number] = stored_value(text)
    meeting = the_meeting(path.read_bytes(), path)
    places = numbered_items(meeting)
    for number, value in expected.items():
        assert minutes_at(meeting, places[number]) == value


# --- odd files --------------------------------------------------------------------------

SMALL = """\
# En kommentar øverst
type: læringssamtale
titel: Lille møde   # titlen
dagtilbud: Dagtilbud Øst
dato: 2024-05-13
start: "13:00"
læringsfokus: Leg
tidsramme:
  - del: plenum
    minutter: 30
deltagere:
  - navn: Anna Berg
    rolle: dagtilbudsleder
datagrundlag:
  - titel: Opsamling på det samlede tilsyn i dagtilbuddet
    obligatorisk: true
  - titel: Data fra samarbejdet med PPR
    obligatorisk: true
dagsorden:
  - emne: Velkomst
    minutter: 10
    referat: Kort velkomst  # skrevet på dagen

  # næste punkt
  - emne: Data
    minutter: 20
    punkter:
      - emne: Tal
        minutter: 20
    ansvarlig: [dagtilbudsleder]
"""


def write_minutes(tmp_path: Path, raw: bytes, number: str, text: str) -> bytes:
    path = tmp_path / "moede.yaml"
    path.write_bytes(raw)
    save(path, tmp_path, number, text, version_of(raw))
    return path.read_bytes()


def test_comments_and_blank_lines_stay(tmp_path: Path) -> None:
    new = write_minutes(tmp_path, SMALL.encode(), "1", "Lang velkomst:\nmed to linjer")
    assert new.decode() == SMALL.replace(
        "    referat: Kort velkomst  # skrevet på dagen\n",
        "    referat: |  # skrevet på dagen\n      Lang velkomst:\n      med to linjer\n")
    newer = write_minutes(tmp_path, new, "2.1", "Tallene er gode")
    assert newer.decode() == new.decode().replace(
        "        minutter: 20\n    ansvarlig", "        minutter: 20\n        referat: Tallene er gode\n    ansvarlig")
    last = write_minutes(tmp_path, newer, "2", "Sidst")
    assert last.decode().endswith("    ansvarlig: [dagtilbudsleder]\n    referat: Sidst\n")


def test_crlf_bom_and_no_final_newline(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + SMALL.rstrip("\n").replace("\n", "\r\n").encode()
    new = write_minutes(tmp_path, raw, "2", "Første\nAnden")
    assert new.startswith(b"\xef\xbb\xbf") and b"\n" not in new.replace(b"\r\n", b"")
    # the file gets its final line break: a block at the end needs one
    assert new.endswith("    ansvarlig: [dagtilbudsleder]\r\n    referat: |\r\n      Første\r\n      Anden\r\n".encode())
    assert new.replace("    referat: |\r\n      Første\r\n      Anden\r\n".encode(), b"") == raw + b"\r\n"
    again = write_minutes(tmp_path, new, "2", "")
    assert again == raw + b"\r\n"


def test_mixed_line_endings_keep_their_own(tmp_path: Path) -> None:
    raw = SMALL.replace("titel: Lille møde   # titlen\n", "titel: Lille møde   # titlen\r\n").encode()
    new = write_minutes(tmp_path, raw, "1", "Ny")
    assert new == raw.replace(b"Kort velkomst", b"Ny")


def test_unsafe_items_are_refused_and_nothing_written(tmp_path: Path) -> None:
    flow = SMALL.replace("  - emne: Velkomst\n    minutter: 10\n    referat: Kort velkomst  # skrevet på dagen\n",
                         "  - {emne: Velkomst, minutter: 10}\n")
    path = tmp_path / "moede.yaml"
    path.write_text(flow, encoding="utf-8")
    with pytest.raises(NotSaved) as refused:
        save(path, tmp_path, "1", "Tekst", version_of(path.read_bytes()))
    assert refused.value.status == 422 and "én linje" in refused.value.message
    assert path.read_text(encoding="utf-8") == flow
    with pytest.raises(NotSaved) as stale:
        save(path, tmp_path, "2", "Tekst", "forkert")
    assert stale.value.status == 409


def test_the_example_meeting_reads_back(eks: Eks) -> None:
    path = eks.path(MEETING)
    save(path, eks.root, "3.2", "Grupperne så på data: # tre grupper\n\n  - indrykket", version_of(path.read_bytes()))
    meeting = the_meeting(path.read_bytes(), path)
    assert meeting.agenda[2].subitems[1].minutes_text == "Grupperne så på data: # tre grupper\n\n  - indrykket\n"
    assert samtale("check", cwd=eks.root).code == 0
