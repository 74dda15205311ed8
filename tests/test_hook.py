"""The git hook that 'samtale init' installs, through real commits in a temporary
repository, from a git whose PATH lacks the venv (as a Git GUI or VS Code may run it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, MEETING, WORKSPACE, samtale
from samtale_cli.check.loader import load_path

pytestmark = pytest.mark.skipif(shutil.which("git") is None or os.name == "nt", reason="git og sh")
BARE_PATH = os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir())


def git(repo: Path, *args: str, path: str = BARE_PATH) -> subprocess.CompletedProcess[str]:
    """git with a PATH that has no samtale and no venv in it."""
    env = {
        "PATH": path, "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A workspace made by 'samtale init' (with the hook), holding the example meeting."""
    departments = load_path(EXAMPLES / WORKSPACE, WORKSPACE).data["afdelinger"]
    args = [a for d in departments for a in ("--afdeling", d)]
    done = samtale("init", "ws", "--dagtilbud", "Dagtilbud Vest", *args, cwd=tmp_path)
    assert done.code == 0, done.stderr
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "laeringssamtaler", ws / "laeringssamtaler", dirs_exist_ok=True)
    assert git(ws, "add", "-A").returncode == 0
    first = git(ws, "commit", "-m", "Læringssamtalen")
    assert first.returncode == 0, first.stderr
    return ws


def _break(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("    minutter: 120", "    minutter: 100"), encoding="utf-8")


def test_init_installs_a_hook_that_blocks_an_error_in_danish(repo: Path) -> None:
    _break(repo / MEETING)
    git(repo, "add", MEETING)
    done = git(repo, "commit", "-m", "fejl")
    assert done.returncode != 0
    assert f"{MEETING}:39:15: fejl [A101]" in done.stdout + done.stderr
    assert "Commit'en er stoppet" in done.stderr
    assert "Traceback" not in done.stderr and "Executable" not in done.stderr


def test_the_staged_content_is_checked_not_the_working_tree(repo: Path) -> None:
    meeting = repo / MEETING
    good = meeting.read_text(encoding="utf-8")
    _break(meeting)
    git(repo, "add", MEETING)
    meeting.write_text(good, encoding="utf-8")  # fixed on disk only: the broken one is staged
    assert git(repo, "commit", "-m", "fejl").returncode != 0

    meeting.write_text(good.replace("titel: Læringssamtale", "titel: Ny læringssamtale", 1), encoding="utf-8")
    git(repo, "add", MEETING)  # a good change is staged ...
    _break(meeting)  # ... and an unstaged slip is on disk
    done = git(repo, "commit", "-m", "titel")
    assert done.returncode == 0, done.stderr
    assert "titel: Ny læringssamtale" in git(repo, "show", f"HEAD:{MEETING}").stdout


def test_an_untracked_draft_does_not_block_an_unrelated_commit(repo: Path) -> None:
    draft = repo / "laeringssamtaler" / "2025-05-12-kladde.yaml"
    draft.write_text("type: læringssamtale\ntitel: Kladde\n", encoding="utf-8")  # many errors
    (repo / "afdelinger" / "boernehuset-haven" / "noter.txt").write_text("noget\n", encoding="utf-8")
    git(repo, "add", "afdelinger/boernehuset-haven/noter.txt")
    done = git(repo, "commit", "-m", "noter")
    assert done.returncode == 0, done.stderr
    assert samtale("check", cwd=repo).code == 1  # the draft really is broken


def test_a_sheet_is_checked_against_the_staged_meeting(repo: Path) -> None:
    sheet = repo / "afdelinger" / "boernehuset-deruda" / "opmaerksomhedspunkter-2024-05-13.yaml"
    sheet.write_bytes((EXAMPLES / "afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2024-05-13.yaml").read_bytes())
    git(repo, "add", "afdelinger")
    assert git(repo, "commit", "-m", "ark").returncode == 0


def test_the_hook_falls_back_to_samtale_on_the_path(repo: Path, tmp_path: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    text = hook.read_text(encoding="utf-8")
    hook.write_text(text.replace(f"SAMTALE_PYTHON={Path(sys.executable).as_posix()}", "SAMTALE_PYTHON=/findes/ikke/python"), encoding="utf-8")
    _break(repo / MEETING)
    git(repo, "add", MEETING)
    nothing = git(repo, "commit", "-m", "fejl")
    assert nothing.returncode != 0 and "kan ikke finde samtale" in nothing.stderr
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "samtale").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m samtale_cli "$@"\n', encoding="utf-8")
    (shim / "samtale").chmod(0o755)
    found = git(repo, "commit", "-m", "fejl", path=f"{shim}{os.pathsep}{BARE_PATH}")
    assert found.returncode != 0 and "[A101]" in found.stdout + found.stderr


def test_an_existing_hook_is_kept(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho min egen hook\n", encoding="utf-8")
    done = samtale("init", ".", "--dagtilbud", "X", "--afdeling", "A", cwd=repo)
    assert done.code == 0
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\necho min egen hook\n"
    assert "allerede en pre-commit-hook" in done.stderr and "check --staged || exit 1" in done.stderr


def test_init_commits_only_its_own_files(tmp_path: Path) -> None:
    """Before: init's first commit swept in a .env, a CPR list and staged work."""
    folder = tmp_path / "mappe"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / ".env").write_text("PASSWORD=hemmelig\n", encoding="utf-8")
    (folder / "cpr-liste.txt").write_text("010203-1234\n", encoding="utf-8")
    (folder / "staged.txt").write_text("i gang\n", encoding="utf-8")
    git(folder, "add", "staged.txt")
    done = samtale("init", ".", "--dagtilbud", "X", "--afdeling", "A", cwd=folder)
    assert done.code == 0, done.stderr
    committed = git(folder, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert "samtale.yaml" in committed
    assert not {".env", "cpr-liste.txt", "staged.txt"} & set(committed)
    assert "staged.txt" in git(folder, "diff", "--cached", "--name-only").stdout  # still staged, not committed
    assert "andre filer i mappen er ikke lagt i git" in done.stderr and "cpr-liste.txt" in done.stderr


def test_check_staged_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    done = samtale("check", "--staged", cwd=tmp_path)
    assert done.code == 2 and "git-repo" in done.stderr


def test_a_slip_ret_can_fix_is_named_in_the_hooks_message(repo: Path) -> None:
    """Text pasted from Word is what the hook stops most often: it says 'samtale ret'
    can fix it, and after 'samtale ret' and 'git add' the commit goes through."""
    meeting = repo / MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("\n    minutter: 120", "\n\u00a0   minutter: 120", 1),
                       encoding="utf-8")
    git(repo, "add", MEETING)
    done = git(repo, "commit", "-m", "indsat fra Word")
    assert done.returncode != 0 and f"'samtale ret' kan rette: samtale ret {MEETING}" in done.stderr, done.stderr
    assert samtale("ret", MEETING, cwd=repo).code == 0
    git(repo, "add", MEETING)
    assert git(repo, "diff", "--cached", "--quiet").returncode == 0  # ret gave back the very bytes committed


def test_no_word_about_ret_when_it_cannot_help(repo: Path) -> None:
    _break(repo / MEETING)
    git(repo, "add", MEETING)
    done = git(repo, "commit", "-m", "fejl")
    assert done.returncode != 0 and "samtale ret" not in done.stderr


def test_staged_files_are_read_by_one_git_process_and_a_big_one_is_refused(repo: Path, monkeypatch) -> None:
    """The index is read by one ``git cat-file --batch`` for the run, not a process per
    file; a blob over the limit is refused from its header (the batch then ends) and the
    next read starts a new one and gets the right bytes."""
    from samtale_cli.check import gitindex
    from samtale_cli.check.loader import TooBig

    started: list[list[str]] = []
    real_popen, real_run = subprocess.Popen, subprocess.run

    def popen(args, *a, **kw):
        started.append(list(args))
        return real_popen(args, *a, **kw)

    def run(args, *a, **kw):
        started.append(list(args))
        return real_run(args, *a, **kw)

    monkeypatch.setattr(gitindex.subprocess, "Popen", popen)
    monkeypatch.setattr(gitindex.subprocess, "run", run)
    index = gitindex.GitIndex(repo)
    files = sorted(p for p in index.blobs if p.suffix == ".yaml")
    assert len(files) >= 3
    before = len(started)
    for path in files:
        assert index.read(path, 10_000_000) == path.read_bytes()
    assert [args[:3] for args in started[before:]] == [["git", "cat-file", "--batch"]]
    with pytest.raises(TooBig):
        index.read(files[0], 10)
    assert index.read(files[1], 10_000_000) == files[1].read_bytes()
    assert len(started) == before + 2
    index.close()
    assert index._batch is None
