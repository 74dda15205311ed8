"""Issue 25, second attack on the git hook: where 'samtale init' puts it (only in the
workspace's own repository), what it does when samtale is gone, and staged links."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHEET_DERUDA, SRC, WORKSPACE, samtale
from samtale_cli.check.loader import load_path
from samtale_cli.new.init import hook_script

pytestmark = pytest.mark.skipif(shutil.which("git") is None or os.name == "nt", reason="git og sh")
BARE_PATH = os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir())


def _env(home: Path, path: str = BARE_PATH) -> dict[str, str]:
    """git's environment: a PATH without samtale, a HOME and global config of the test's own,
    and this checkout on PYTHONPATH (so the hook runs the code under test)."""
    return {
        "PATH": path, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "LANG": "C.UTF-8", "PYTHONPATH": str(SRC),
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
    }


def git(repo: Path, *args: str, home: Path | None = None, path: str = BARE_PATH) -> subprocess.CompletedProcess[str]:
    env = _env(home or repo.parent, path)
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=60)


def _departments() -> list[str]:
    departments = load_path(EXAMPLES / WORKSPACE, WORKSPACE).data["afdelinger"]
    return [a for d in departments for a in ("--afdeling", d)]


def _init(folder: Path, home: Path) -> tuple[int, str]:
    """'samtale init FOLDER' with git seeing only the test's HOME and global config."""
    done = samtale("init", str(folder), "--dagtilbud", "Dagtilbud Vest", *_departments(),
                   cwd=folder.parent, env=_env(home, os.environ["PATH"]))
    return done.code, done.stderr


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("", encoding="utf-8")
    return home


@pytest.fixture
def repo(tmp_path: Path, home: Path) -> Path:
    """A workspace made by 'samtale init' (with its hook), holding the example files."""
    ws = tmp_path / "ws"
    code, err = _init(ws, home)
    assert code == 0, err
    for folder in ("laeringssamtaler", "afdelinger"):
        shutil.copytree(EXAMPLES / folder, ws / folder, dirs_exist_ok=True)
    assert git(ws, "add", "-A", home=home).returncode == 0
    first = git(ws, "commit", "-m", "Eksemplerne", home=home)
    assert first.returncode == 0, first.stdout + first.stderr
    return ws


# --- 1. the hook goes into the workspace's own repository, nowhere else ---------------------


def test_a_global_hooks_path_gets_no_hook_only_a_note(tmp_path: Path, home: Path) -> None:
    """Before: the hook went into the shared folder of core.hooksPath and ran in every
    repository of the user (and blocked them all once samtale was gone)."""
    shared = tmp_path / "faelles-hooks"
    shared.mkdir()
    git(home, "config", "--global", "core.hooksPath", str(shared), home=home)
    code, err = _init(tmp_path / "ws", home)
    assert code == 0, err
    assert list(shared.iterdir()) == []
    assert not (tmp_path / "ws" / ".git" / "hooks" / "pre-commit").exists()
    assert "core.hooksPath" in err and str(shared / "pre-commit") in err
    assert "-m samtale_cli check --staged || exit 1" in err


def test_a_parent_repository_gets_no_hook_only_a_note(tmp_path: Path, home: Path) -> None:
    """Before: init inside another repository put its hook into that repository's hooks."""
    parent = tmp_path / "stor"
    parent.mkdir()
    git(parent, "init", "-q", home=home)
    code, err = _init(parent / "ws", home)
    assert code == 0, err
    assert not (parent / ".git" / "hooks" / "pre-commit").exists()
    assert str(parent) in err and "ingen git-hook" in err and "check --staged || exit 1" in err


def test_a_hooks_folder_that_is_a_link_out_gets_no_hook_only_a_note(tmp_path: Path, home: Path) -> None:
    """Found by the second review: a repository whose .git/hooks is a link to a folder
    other repositories share got the hook there."""
    shared = tmp_path / "faelles"
    shared.mkdir()
    ws = tmp_path / "ws"
    ws.mkdir()
    git(ws, "init", "-q", home=home)
    import shutil

    shutil.rmtree(ws / ".git" / "hooks")
    (ws / ".git" / "hooks").symlink_to(shared)
    code, err = _init(ws, home)
    assert code == 0, err
    assert list(shared.iterdir()) == []
    assert "ikke lagt en git-hook" in err and "check --staged || exit 1" in err


def test_the_workspace_that_is_its_own_repository_gets_the_hook(tmp_path: Path, home: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    git(ws, "init", "-q", home=home)
    code, err = _init(ws, home)
    assert code == 0, err
    assert "check --staged" in (ws / ".git" / "hooks" / "pre-commit").read_text(encoding="utf-8")
    assert "git-hook lagt" in err


# --- 2. a hook that cannot find samtale -----------------------------------------------------


def _run_hook(repo: Path, home: Path, python: str) -> subprocess.CompletedProcess[str]:
    hook = repo.parent / "hook.sh"
    hook.write_text(hook_script(python), encoding="utf-8")
    env = _env(home)
    return subprocess.run(["sh", str(hook)], cwd=repo, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture(params=["ingen-python", "python-uden-samtale"])
def lost(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """samtale's Python is gone, or is there without samtale (pip uninstall)."""
    if request.param == "ingen-python":
        return str(tmp_path / "findes" / "ikke" / "python")
    shim = tmp_path / "python"
    shim.write_text("#!/bin/sh\necho \"No module named samtale_cli\" >&2\nexit 1\n", encoding="utf-8")
    shim.chmod(0o755)
    return str(shim)


def test_without_samtale_a_commit_of_other_files_goes_through(repo: Path, home: Path, lost: str) -> None:
    (repo / "noter.txt").write_text("noget\n", encoding="utf-8")
    git(repo, "add", "noter.txt", home=home)
    done = _run_hook(repo, home, lost)
    assert done.returncode == 0, done.stderr


def test_without_samtale_a_commit_of_samtale_files_is_stopped_with_a_way_on(repo: Path, home: Path, lost: str) -> None:
    sheet = repo / SHEET_DERUDA
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "add", SHEET_DERUDA, home=home)
    done = _run_hook(repo, home, lost)
    assert done.returncode == 1
    assert "kan ikke finde samtale" in done.stderr and "git commit --no-verify" in done.stderr
    assert "No module named" not in done.stderr


# --- 3. staged links ------------------------------------------------------------------------


def test_a_staged_link_to_a_good_sheet_does_not_block(repo: Path, home: Path) -> None:
    """Before: the link's index entry (named after the sheet, sorted after it) replaced the
    sheet's own, and the sheet could not be read (Y012)."""
    link = repo / "afdelinger" / "boernehuset-deruda" / "zz-link.yaml"
    link.symlink_to("opmaerksomhedspunkter-2024-05-13.yaml")
    sheet = repo / SHEET_DERUDA
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "add", "-A", home=home)
    done = git(repo, "commit", "-m", "link", home=home)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_staged_link_out_of_the_repository_is_no_internal_error(repo: Path, home: Path, tmp_path: Path) -> None:
    """Before: 'intern fejl' (a ValueError) and the commit was blocked."""
    outside = tmp_path / "ude.yaml"
    outside.write_text("type: læringssamtale\n", encoding="utf-8")
    (repo / "laeringssamtaler" / "ude.yaml").symlink_to(outside)
    git(repo, "add", "-A", home=home)
    done = git(repo, "commit", "-m", "link ud", home=home)
    assert "intern fejl" not in done.stderr and "Traceback" not in done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_staged_with_links_in_process(repo: Path, home: Path, tmp_path: Path) -> None:
    """The same two links through 'samtale check --staged' itself: no finding, exit 0."""
    (repo / "afdelinger" / "boernehuset-deruda" / "zz-link.yaml").symlink_to("opmaerksomhedspunkter-2024-05-13.yaml")
    outside = tmp_path / "ude.yaml"
    outside.write_text("type: indsats\n", encoding="utf-8")
    (repo / "laeringssamtaler" / "ude.yaml").symlink_to(outside)
    git(repo, "add", "-A", home=home)
    done = samtale("check", "--staged", cwd=repo, env={"GIT_CONFIG_GLOBAL": str(home / ".gitconfig")})
    assert done.code == 0, done.stdout + done.stderr


def test_the_line_for_another_hook_lets_every_commit_through_without_samtale(repo: Path, home: Path, lost: str) -> None:
    """The line init offers for a shared or foreign hook never stops a commit once samtale is gone."""
    from samtale_cli.new.init import chain_line

    sheet = repo / SHEET_DERUDA
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "add", SHEET_DERUDA, home=home)
    hook = repo.parent / "fremmed-hook.sh"
    hook.write_text(f"#!/bin/sh\n{chain_line(lost)}\necho videre\n", encoding="utf-8")
    done = subprocess.run(["sh", str(hook)], cwd=repo, env=_env(home), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == "videre\n", done.stderr
