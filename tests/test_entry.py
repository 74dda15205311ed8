"""The fast path of ``samtale check`` (samtale_cli/cli/entry.py) and what it assumes of
other packages: an upgrade of pydantic that breaks an assumption fails here, loudly,
and the fast path still gives the same output as the full command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, SRC

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.yaml"))


def _python(code: str, *args: str, cwd: Path = EXAMPLES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def test_pydantic_plugins_are_off_without_importing_importlib_metadata() -> None:
    """pydantic imports ``importlib.metadata`` only in its plugin loader, which the
    stand-in replaces; models validate, and a name the stand-in lacks comes from the
    real loader."""
    done = _python(
        "import sys\n"
        "from samtale_cli.cli.entry import _no_pydantic_plugins\n"
        "_no_pydantic_plugins()\n"
        "from samtale_cli.check.runs import check\n"
        "from pathlib import Path\n"
        "found = check([Path('laeringssamtaler')], Path('.'))\n"
        "print('metadata' if 'importlib.metadata' in sys.modules else 'no metadata', len(found))\n"
        "import pydantic.plugin._loader as loader\n"
        "print(tuple(loader.get_plugins()), loader.PYDANTIC_ENTRY_POINT_GROUP)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["no metadata 0", "() pydantic"]


@pytest.mark.parametrize("args", [["check", "."], ["check", *map(str, CORPUS[:40])], ["check", "--format", "json", "."]])
def test_the_fast_path_prints_what_the_full_command_line_prints(args: list[str], tmp_path: Path) -> None:
    fast = _python("from samtale_cli.cli.entry import main; main()", *args)
    full = _python("import sys; sys.argv[0] = 'samtale'\nfrom samtale_cli.cli.main import main; main()", *args)
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert fast.stdout or fast.stderr


def test_the_fast_path_flushes_before_it_leaves(tmp_path: Path) -> None:
    """Leaving without the teardown must not lose the findings in a pipe's buffer."""
    bad = tmp_path / "x.yaml"
    bad.write_text("type: læringssamtale\n" + "".join(f"u{i}: [\n" for i in range(1)), encoding="utf-8")
    done = _python("from samtale_cli.cli.entry import main; main()", "check", str(bad), cwd=tmp_path)
    assert done.returncode == 1 and "[Y005]" in done.stdout and "1 fejl" in done.stderr
