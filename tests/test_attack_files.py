"""Issue 25, second attack on writing files: lost updates in ``serve`` (an editor's save
during a POST, two servers), links, read-only files and special files as targets, a full
disk, names Windows cannot hold, and temporary files left in a site."""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import samtale
from test_minutes import SMALL
from samtale_cli.core import files
from samtale_cli.core.errors import SamtaleError
from samtale_cli.serve import minutes
from samtale_cli.serve.minutes import NotSaved, save, version_of

POSIX = os.name == "posix"


def meeting(tmp_path: Path, text: str = SMALL) -> Path:
    path = tmp_path / "moede.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def workspace(tmp_path: Path) -> Path:
    samtale("init", "ws", "--dagtilbud", "Dagtilbud Øst", "--afdeling", "Huset", "--no-git", cwd=tmp_path)
    ws = tmp_path / "ws"
    samtale("new", "læringssamtale", "--dato", "13/5 2025", "--start", "9:00", cwd=ws)
    return ws


# --- 1. an editor saves while a POST is in flight ---------------------------------------


def test_an_editors_save_between_check_and_write_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = meeting(tmp_path)
    editor = SMALL.replace("Kort velkomst", "Editorens tekst").encode()
    real_check = minutes.check_bytes

    def check_then_editor_saves(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        result = real_check(*args, **kwargs)
        path.write_bytes(editor)  # the editor saves in the window before the rename
        return result

    monkeypatch.setattr(minutes, "check_bytes", check_then_editor_saves)
    with pytest.raises(NotSaved) as refused:
        save(path, tmp_path, "2", "Fra browseren", version_of(SMALL.encode()))
    assert refused.value.status == 409 and refused.value.message == minutes.CHANGED
    assert path.read_bytes() == editor


def test_an_editors_save_while_the_new_bytes_go_to_disk_is_kept(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = meeting(tmp_path)
    editor = SMALL.replace("Kort velkomst", "Editorens tekst").encode()
    real_fsync = os.fsync

    def slow_disk(fd: int) -> None:  # the last moment before the rename
        real_fsync(fd)
        path.write_bytes(editor)

    monkeypatch.setattr(os, "fsync", slow_disk)
    with pytest.raises(NotSaved) as refused:
        save(path, tmp_path, "2", "Fra browseren", version_of(SMALL.encode()))
    assert refused.value.status == 409 and refused.value.message == minutes.CHANGED
    assert path.read_bytes() == editor
    assert [p.name for p in tmp_path.iterdir()] == ["moede.yaml"]


# --- 2. two servers on one workspace ----------------------------------------------------


def _server(path: str, cwd: str, number: str, text: str, version: str, hold: object, go: object,
            answer: object) -> None:
    """A second ``samtale serve`` (another process): saves, optionally pausing between
    its check and its write until ``go`` is set."""
    sys.path.insert(0, str(Path(__file__).parent))
    from samtale_cli.serve import minutes as theirs

    if hold is not None:
        real = theirs.check_bytes

        def pause(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            hold.set()  # type: ignore[attr-defined]
            go.wait(5)  # type: ignore[attr-defined]
            return real(*args, **kwargs)

        theirs.check_bytes = pause
    try:
        answer.put(("ok", theirs.save(Path(path), Path(cwd), number, text, version)))  # type: ignore[attr-defined]
    except theirs.NotSaved as exc:
        answer.put((exc.status, exc.message))  # type: ignore[attr-defined]


@pytest.mark.skipif(not POSIX, reason="fork start method")
def test_two_servers_never_both_say_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = meeting(tmp_path)
    version = version_of(path.read_bytes())
    ctx = multiprocessing.get_context("fork")
    hold, go, answer = ctx.Event(), ctx.Event(), ctx.Queue()
    a = ctx.Process(target=_server, args=(str(path), str(tmp_path), "1", "Tekst A", version, hold, go, answer))
    a.start()
    try:
        assert hold.wait(5), "process A never reached its check"
        monkeypatch.setattr(files, "LOCK_WAIT", 0.3, raising=False)
        # process B (this one) while A holds the file between its read and its write
        try:
            b = ("ok", save(path, tmp_path, "2", "Tekst B", version))
        except NotSaved as exc:
            b = (exc.status, exc.message)
    finally:
        go.set()
        a.join(10)
    a_answer = answer.get(timeout=5)
    assert b[0] == 409 and "prøv igen" in b[1]
    assert a_answer[0] == "ok"
    text = path.read_text(encoding="utf-8")
    assert "Tekst A" in text and "Tekst B" not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file, no lock


def test_the_lock_file_is_a_dotfile_check_does_not_read_and_it_goes(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    path = next((ws / "laeringssamtaler").glob("*.yaml"))
    lock = path.with_name(f".{path.name}.samtale-lock")
    before = samtale("check", cwd=ws)
    with files.file_lock(path):
        assert lock.exists() and lock.stat().st_size == 0
        lock.write_text("type: læringssamtale\n: [", encoding="utf-8")  # even junk in it is not read
        during = samtale("check", cwd=ws)
    assert (during.code, during.stdout) == (before.code, before.stdout)
    assert not lock.exists()


@pytest.mark.skipif(not POSIX, reason="an open file cannot be removed on Windows")
def test_a_lock_removed_while_waiting_is_taken_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = meeting(tmp_path)
    lock = files.lock_path(path)
    real = files._try_lock
    calls = []

    def first_time_the_file_goes(fd: int) -> bool:
        calls.append(fd)
        if len(calls) == 1:
            lock.unlink()  # the holder before let go and removed it while this one waited
        return real(fd)

    monkeypatch.setattr(files, "_try_lock", first_time_the_file_goes)
    with files.file_lock(path):
        assert lock.exists() and files._same_file(calls[-1], lock)
    assert len(calls) == 2 and not lock.exists()


# --- 3. empty referat, links, read-only -------------------------------------------------


@pytest.mark.parametrize("last", [False, True])
def test_an_empty_referat_is_filled(tmp_path: Path, last: bool) -> None:
    if last:
        text = SMALL + "    referat:\n"
        number = "2"
    else:
        text = SMALL.replace("    referat: Kort velkomst  # skrevet på dagen\n", "    referat:\n")
        number = "1"
    path = meeting(tmp_path, text)
    new = save(path, tmp_path, number, "Nu med tekst", version_of(text.encode()))
    assert new == version_of(path.read_bytes())
    assert path.read_text(encoding="utf-8") == text.replace("    referat:\n", "    referat: Nu med tekst\n")


@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_minutes_through_a_link_go_to_its_target(tmp_path: Path) -> None:
    real = meeting(tmp_path)
    (tmp_path / "moeder").mkdir()
    link = tmp_path / "moeder" / "link.yaml"
    link.symlink_to(real)
    save(link, tmp_path, "1", "Via linket", version_of(real.read_bytes()))
    assert link.is_symlink()
    assert "referat: Via linket" in real.read_text(encoding="utf-8")


@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_minutes_through_a_link_out_of_the_workspace_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "ude"
    outside.mkdir()
    real = meeting(outside)
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "samtale.yaml").write_text("type: arbejdsmappe\n", encoding="utf-8")
    link = ws / "link.yaml"
    link.symlink_to(real)
    with pytest.raises(NotSaved) as refused:
        save(link, ws, "1", "Via linket", version_of(real.read_bytes()))
    assert refused.value.status == 409 and "link" in refused.value.message
    assert link.is_symlink() and real.read_text(encoding="utf-8") == SMALL


def test_a_read_only_meeting_is_not_written(tmp_path: Path) -> None:
    path = meeting(tmp_path)
    path.chmod(0o444)
    try:
        with pytest.raises(NotSaved) as refused:
            save(path, tmp_path, "1", "Ny", version_of(SMALL.encode()))
        assert refused.value.status == 403 and "skrivebeskyttet" in refused.value.message
        assert path.read_text(encoding="utf-8") == SMALL
        assert stat.S_IMODE(path.stat().st_mode) == 0o444
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not POSIX, reason="symlinks")
def test_write_atomic_never_replaces_a_link(tmp_path: Path) -> None:
    target = tmp_path / "maal.html"
    target.write_text("x", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    with pytest.raises(SamtaleError):
        files.write_atomic(link, "ny")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "x"


# --- 4. special files as -o, even with --force ------------------------------------------


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "ud.html"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        target = tmp_path / "maal.html"
        samtale("render", str(meeting(tmp_path)), "-o", str(target))
        path.symlink_to(target)
    elif kind == "link-to-device":
        path.symlink_to(os.devnull)
    else:
        if os.geteuid() != 0:
            pytest.skip("mknod needs root")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.stat(os.devnull).st_rdev)
    return path


@pytest.mark.skipif(not POSIX, reason="FIFOs, links and device nodes")
@pytest.mark.parametrize("kind", ["fifo", "link", "link-to-device", "device"])
def test_special_files_are_never_replaced(tmp_path: Path, kind: str) -> None:
    path = _special(tmp_path, kind)
    source = tmp_path / "moede.yaml"
    if not source.exists():
        meeting(tmp_path)
    before = os.lstat(path)
    result = samtale("render", str(source), "-o", str(path), "--force", cwd=tmp_path)
    assert result.code == 2 and "ud.html" in result.stderr and "ikke en almindelig fil" in result.stderr, result.stderr
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.skipif(not POSIX, reason="FIFOs")
def test_new_refuses_a_fifo_even_with_force(tmp_path: Path) -> None:
    samtale("init", "ws", "--dagtilbud", "Dagtilbud Øst", "--afdeling", "Huset", "--no-git", cwd=tmp_path)
    ws = tmp_path / "ws"
    os.mkfifo(ws / "ny.yaml")
    result = samtale("new", "læringssamtale", "--dato", "13/5 2025", "-o", "ny.yaml", "--force", cwd=ws)
    assert result.code == 2 and "ny.yaml" in result.stderr and "ikke en almindelig fil" in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(ws / "ny.yaml").st_mode)


# --- 5. a full disk, names Windows cannot hold, stale temporary files -------------------


def fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of a file's bytes fails as on a full disk (an OSError without a name)."""
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int) -> None:
            self.inner = real_fdopen(fd, "wb")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.inner.close()

        def write(self, _data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *_a, **_k: Full(fd))


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    fill_disk(monkeypatch)


def test_a_full_disk_names_the_file_in_danish(tmp_path: Path, full_disk: None) -> None:
    source = meeting(tmp_path)
    result = samtale("render", str(source), "-o", "ud.html", cwd=tmp_path)
    assert result.code == 2
    assert "ud.html" in result.stderr and "disken er fuld" in result.stderr
    assert "standard-output" not in result.stderr and "()" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["moede.yaml"]


def test_a_full_disk_on_import_names_the_file_in_danish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = meeting(tmp_path)
    assert samtale("render", str(source), "-o", "moede.docx", cwd=tmp_path).code == 0
    fill_disk(monkeypatch)
    result = samtale("import", "moede.docx", "-o", "ny.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "ny.yaml" in result.stderr and "disken er fuld" in result.stderr, result.stderr
    assert "No space" not in result.stderr and "()" not in result.stderr
    assert not (tmp_path / "ny.yaml").exists()


@pytest.mark.parametrize("name", [" ", "  ", "dokument.html ", "dokument."])
def test_names_windows_cannot_hold_are_refused(tmp_path: Path, name: str) -> None:
    source = meeting(tmp_path)
    result = samtale("render", str(source), "-o", name, "--format", "html", cwd=tmp_path)
    assert result.code == 2 and "filnavn" in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moede.yaml"]


def test_a_killed_renders_temporary_files_are_not_published(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    assert samtale("render", ".", cwd=ws).code == 0
    pages = ws / "_site" / "laeringssamtaler"
    left = pages / ".index.html.samtale-abc123.tmp"  # a render killed a moment ago
    left.write_text("halvt", encoding="utf-8")
    assert samtale("render", ".", cwd=ws).code == 0
    assert not left.exists()
    assert not [p for p in (ws / "_site").rglob(f"*{files.TEMP_MARK}*")]



@pytest.mark.parametrize("name", [" ", "site.", "site "])
def test_a_site_folder_windows_cannot_hold_is_refused(tmp_path: Path, name: str) -> None:
    ws = workspace(tmp_path)
    before = sorted(p.name for p in ws.iterdir())
    result = samtale("render", ".", "-o", name, cwd=ws)
    assert result.code == 2 and "filnavn" in result.stderr, result.stderr
    assert sorted(p.name for p in ws.iterdir()) == before


def test_a_full_disk_in_a_site_names_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace(tmp_path)
    fill_disk(monkeypatch)
    result = samtale("render", ".", cwd=ws, env={"SAMTALE_JOBS": "1"})
    assert result.code == 2 and "disken er fuld" in result.stderr and "_site" in result.stderr, result.stderr
    assert not [p for p in (ws / "_site").rglob(f"*{files.TEMP_MARK}*")]
