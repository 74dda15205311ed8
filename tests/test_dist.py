"""The distribution: its name on the package index is ``samtale-dagtilbud`` (``samtale``
there is someone else's project), the command stays ``samtale`` and the import package
``samtale_cli``, and ``samtale --version`` says the version that was installed."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO, SRC

DISTRIBUTION = "samtale-dagtilbud"


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_distribution_has_its_own_name_and_keeps_the_command() -> None:
    project = _project()
    assert project["project"]["name"] == DISTRIBUTION
    assert project["project"]["scripts"] == {"samtale": "samtale_cli.cli.entry:main"}
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/samtale_cli"]


def test_the_version_has_one_source() -> None:
    """The wheel's version is the source's ``__version__`` (hatch reads it), so the two
    cannot drift apart."""
    project = _project()
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/samtale_cli/__init__.py"


def _installed_as(tmp_path: Path, version: str) -> dict[str, str]:
    """An environment in which ``samtale-dagtilbud`` ``version`` is installed (its
    metadata, found by importlib.metadata on sys.path) and this checkout's code runs."""
    info = tmp_path / f"samtale_dagtilbud-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {DISTRIBUTION}\nVersion: {version}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(tmp_path)])}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    return env


@pytest.mark.parametrize("code", [
    "from samtale_cli.cli.entry import main; main()",  # the console script's quick answer
    "import sys; sys.argv[0] = 'samtale'\nfrom samtale_cli.cli.main import main; main()",  # the parser's --version
])
def test_version_is_the_installed_distributions(code: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", code, "--version"], env=_installed_as(tmp_path, "7.8.9"),
                          capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "samtale 7.8.9\n", "")


def test_version_from_a_checkout_that_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from samtale_cli import __version__
    from samtale_cli.cli.version import version_line

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert version_line() == f"samtale {__version__}"


def test_version_costs_check_nothing() -> None:
    """Looking up the version imports importlib.metadata (a tenth of the start-up); the
    commit hook's ``samtale check`` must not pay for it."""
    code = ("import sys\nimport samtale_cli.cli.entry, samtale_cli.cli.check, samtale_cli.cli.output, samtale_cli.cli.version\n"
            "print('importlib.metadata' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(SRC)},
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_the_commit_hook_names_the_distribution_to_install() -> None:
    """A hook that cannot find samtale says what to install: the distribution's name, not
    the command's (``pipx install samtale`` would install a stranger's project)."""
    from samtale_cli.new.init import hook_script

    assert f"pipx install {DISTRIBUTION}" in hook_script("/usr/bin/python3")
