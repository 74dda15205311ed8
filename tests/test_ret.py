"""``samtale ret`` (docs/kommandoer.md): it fixes what pasted Word and Outlook text gets
wrong without doubt, keeps every other byte, and never changes what a file means.

A case in tests/corpus_ret/ is a pasted file, ``NAVN.yaml``, with the same first lines as
tests/corpus/ (``# sti: ...`` and what ``check`` finds in it, ``# forventer: ...``), and,
where ``ret`` fixes it, ``NAVN.ret``: the file's bytes after ``ret``. A case without a
``.ret`` file is left as it is.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, INSERTS, mutate, samtale, swapped
from samtale_cli.check.loader import load_bytes
from samtale_cli.check.runs import check
from samtale_cli.fix import files as fixing
from samtale_cli.fix.files import fix_paths, plan
from samtale_cli.fix.lines import FIXES

CORPUS = Path(__file__).parent / "corpus_ret"
CASES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"^# forventer: (?:intet|(\d+):(\d+) (fejl|advarsel) ([A-Z]\d{3}))$")


def _read(case: Path) -> tuple[str, list[tuple[int, int, str, str]], bytes, bytes | None]:
    """Where the case goes, what check finds in it, its bytes, and its bytes after ret
    (None: ret leaves it)."""
    raw = case.read_bytes()
    lines = raw.decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0].startswith("# sti: "), case.name
    expected = []
    for line in lines[1:]:
        if not line.startswith("# forventer:"):
            break
        m = EXPECT.match(line)
        assert m, f"{case.name}: {line!r}"
        if m[1]:
            expected.append((int(m[1]), int(m[2]), m[3], m[4]))
    fixed = case.with_suffix(".ret")
    return lines[0].removeprefix("# sti: "), expected, raw, fixed.read_bytes() if fixed.exists() else None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ret") / "eks"
    shutil.copytree(EXAMPLES, root)
    return root


def test_the_corpus_covers_what_people_paste() -> None:
    assert len(CASES) >= 40
    pasted = b"".join(case.read_bytes() for case in CASES).decode("utf-8")
    for sign in ("\u00a0", "\u00ad", "\u200b", "“", "•", "\t", "\r\n", "\ufeff", "1. ", "–", "▪"):
        assert sign in pasted, repr(sign)
    fixed = [c for c in CASES if _read(c)[3] is not None]
    assert len(fixed) >= 25 and len(CASES) - len(fixed) >= 8  # and what ret must leave alone


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(workspace: Path, case: Path) -> None:
    rel, expected, raw, fixed = _read(case)
    target = workspace / rel
    before = target.read_bytes() if target.exists() else None
    target.write_bytes(raw)
    try:
        found = [(d.line, d.col, d.level.value, d.code) for d in check([target], workspace) if d.file == rel]
        assert found == sorted(expected)
        outcome = fix_paths([target], workspace)
        assert target.read_bytes() == (raw if fixed is None else fixed)
        [result] = outcome.files
        changed = _changed_lines(raw, target.read_bytes())
        reported = {c.line for c in result.changes}
        assert reported <= changed and bool(reported) == bool(changed)  # (a quoted value: its first line)
        if fixed is not None:
            assert not [d for d in check([target], workspace) if d.code.startswith("Y")]
            assert fix_paths([target], workspace).changed == []  # nothing left to do
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_bytes(before)


def _changed_lines(a: bytes, b: bytes) -> set[int]:
    split = fixing.split
    old, new = split(a.decode("utf-8"))[0], split(b.decode("utf-8"))[0]
    assert len(old) == len(new)  # ret changes lines, never their number
    return {n for n, (x, y) in enumerate(zip(old, new), 1) if x != y}


def test_the_examples_have_nothing_to_do(tmp_path: Path) -> None:
    copy = tmp_path / "eks"
    shutil.copytree(EXAMPLES, copy)
    shown = samtale("ret", "--vis", copy)
    assert (shown.code, shown.stdout) == (0, "")
    result = samtale("ret", copy)
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert "0 rettelser lavet, 0 fund tilbage." in result.stderr
    assert all(p.read_bytes() == (EXAMPLES / p.relative_to(copy)).read_bytes() for p in copy.rglob("*.yaml"))


SHEET = "afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2024-05-13.yaml"


def _tabbed(root: Path) -> tuple[Path, bytes]:
    path = root / SHEET
    raw = path.read_bytes().replace(b"\n  - ", b"\n\t- ", 1)
    path.write_bytes(raw)
    return path, raw


def test_vis_prints_a_diff_and_changes_nothing(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, raw = _tabbed(tmp_path / "eks")
    result = samtale("ret", "--vis", cwd=tmp_path / "eks")
    assert path.read_bytes() == raw
    assert f"--- a/{SHEET}" in result.stdout and "\n-\t- " in result.stdout and "\n+  - " in result.stdout
    assert re.search(rf"^{re.escape(SHEET)}:\d+: tabulatortegn i indrykningen", result.stdout, re.M)
    assert result.code == 1  # something to fix: a CI job says so
    assert "1 rettelse ville blive lavet, 0 fund tilbage." in result.stderr


def test_ret_fixes_and_says_where(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, raw = _tabbed(tmp_path / "eks")
    line = raw.split(b"\n").index(next(x for x in raw.split(b"\n") if x.startswith(b"\t"))) + 1
    result = samtale("ret", cwd=tmp_path / "eks")
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout == f"{SHEET}:{line}: tabulatortegn i indrykningen er skiftet til almindelige mellemrum\n"
    assert path.read_bytes() == (EXAMPLES / SHEET).read_bytes()


def test_findings_left_give_exit_1(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path = tmp_path / "eks" / SHEET
    path.write_bytes(path.read_bytes().replace(b"\n  - ", b"\n  - \n - ", 1))  # no fix for this
    result = samtale("ret", cwd=tmp_path / "eks")
    assert result.code == 1
    assert "[Y005]" in result.stdout and "1 fund tilbage" in result.stderr


@pytest.mark.parametrize("args", [["ret", "findes-ikke.yaml"], ["ret", "--vsi"], ["ret", "--vis=ja"]])
def test_bad_usage_is_exit_2_in_danish(tmp_path: Path, args: list[str]) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    result = samtale(*args, cwd=tmp_path / "eks")
    assert result.code == 2
    assert "Traceback" not in result.stderr and "samtale" in result.stderr


def test_help_teaches_with_examples() -> None:
    result = samtale("ret", "--help")
    assert result.code == 0
    for words in ("Eksempler:", "samtale ret --vis", "Word", "Exitkoder"):
        assert words in result.stdout


def test_a_file_changed_meanwhile_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ret reads, fixes, and compares the bytes again right before it writes."""
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, _raw = _tabbed(tmp_path / "eks")
    theirs = b"type: opm\xc3\xa6rksomhedspunkter\n"  # someone saved meanwhile

    def someone_saves(target: Path) -> None:
        target.write_bytes(theirs)

    monkeypatch.setattr(fixing, "about_to_write", someone_saves)
    outcome = fix_paths([path], tmp_path / "eks")
    assert path.read_bytes() == theirs
    [fixed] = outcome.files
    assert fixed.changes == [] and "ændret" in (fixed.note or "")


def test_a_link_is_left_alone(tmp_path: Path) -> None:
    """Replacing a link atomically would turn it into a file: ret leaves links to check."""
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, raw = _tabbed(tmp_path / "eks")
    link = path.with_name("link.yaml")
    link.symlink_to(path.name)
    fixed = plan(link, tmp_path / "eks")
    assert fixed.changes == [] and "link" in (fixed.note or "")


def test_every_fix_is_registered_once() -> None:
    names = [fix.__name__ for fix in FIXES]
    assert len(set(names)) == len(names) == 5


PASTED = st.text(alphabet=st.sampled_from(list("\t\u00a0\u202f\u200b\u00ad•–▪“”‘’:# -1.)\"'\n")), min_size=1, max_size=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_ret_never_changes_what_a_passing_file_means(scratch_workspace: Path, data: st.DataObject) -> None:
    """Paste-like characters anywhere in an example: when check still passes the file
    with no finding, ret may change its bytes but never its loaded data."""
    text = (EXAMPLES / SHEET).read_text(encoding="utf-8")
    if data.draw(st.booleans()):  # a pasted line: maybe a list item, maybe a value's next line
        lines = text.split("\n")
        i = data.draw(st.integers(0, len(lines)))
        lines.insert(i, " " * data.draw(st.sampled_from([0, 2, 4, 6])) + data.draw(PASTED) + "Leg i grupper")
        pasted = "\n".join(lines).encode("utf-8")
    else:
        starts = [0, *(m.end() for m in re.finditer("\n", text))]  # most fixes look at a line's start
        at = data.draw(st.one_of(st.sampled_from(starts), st.integers(0, len(text))))
        pasted = (text[:at] + data.draw(PASTED) + text[at:]).encode("utf-8")
    with swapped(scratch_workspace, SHEET, pasted) as path:
        if [d for d in check([path], scratch_workspace) if d.file == SHEET]:
            return
        fixed = plan(path, scratch_workspace)
        assert load_bytes(fixed.after, SHEET).data == load_bytes(pasted, SHEET).data


def test_a_write_that_fails_is_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, raw = _tabbed(tmp_path / "eks")

    def refused(target: Path, expected: bytes, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    import samtale_cli.core.files as files

    monkeypatch.setattr(files, "replace_if_unchanged", refused)
    [fixed] = fix_paths([path], tmp_path / "eks").files
    assert path.read_bytes() == raw
    assert fixed.changes == [] and "kan ikke skrives" in (fixed.note or "")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_file_that_is_no_regular_file_is_a_finding_not_a_usage_error(tmp_path: Path) -> None:
    import os

    shutil.copytree(EXAMPLES, tmp_path / "eks")
    os.mkfifo(tmp_path / "eks" / "afdelinger" / "fifo.yaml")
    result = samtale("ret", cwd=tmp_path / "eks")
    assert result.code == 1
    assert "afdelinger/fifo.yaml:1:1: fejl [Y012]" in result.stdout


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_ret_never_fails_and_what_it_writes_loads(scratch_workspace: Path, data: st.DataObject) -> None:
    """Any paste anywhere (the loader's random mutations too): ret never raises, and what
    it would write loads."""
    text = (EXAMPLES / SHEET).read_text(encoding="utf-8")
    at = data.draw(st.integers(0, len(text)))
    pasted = data.draw(st.one_of(PASTED, INSERTS))
    raw = (mutate(text, data) if data.draw(st.booleans()) else text[:at] + pasted + text[at:]).encode("utf-8", "replace")
    with swapped(scratch_workspace, SHEET, raw) as path:
        fixed = plan(path, scratch_workspace)
        if fixed.changes:
            loaded = load_bytes(fixed.after, SHEET)
            assert loaded.data is not None and not [d for d in loaded.diagnostics if d.code.startswith("Y")]


def test_a_write_protected_file_is_not_rewritten(tmp_path: Path) -> None:
    import os
    import stat

    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, raw = _tabbed(tmp_path / "eks")
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    [fixed] = fix_paths([path], tmp_path / "eks").files
    assert path.read_bytes() == raw and fixed.changes == [] and "skrivebeskyttet" in (fixed.note or "")


def test_an_editors_save_during_the_write_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ret holds samtale's lock and compares the bytes again right before the rename: a
    save made while the fixed bytes go to the disk wins (as in serve)."""
    import os

    shutil.copytree(EXAMPLES, tmp_path / "eks")
    path, _raw = _tabbed(tmp_path / "eks")
    theirs = b"type: opm\xc3\xa6rksomhedspunkter\n"
    real_fsync = os.fsync

    def editor_saves(fd: int) -> None:
        real_fsync(fd)
        if path.read_bytes() != theirs:
            path.write_bytes(theirs)

    monkeypatch.setattr(os, "fsync", editor_saves)
    [fixed] = fix_paths([path], tmp_path / "eks").files
    monkeypatch.undo()
    assert path.read_bytes() == theirs and fixed.changes == [] and "ændret" in (fixed.note or "")
