"""The compiled-dataclass cache (samtale_cli/core/codecache.py): what it assumes of Python's
``dataclasses`` module fails here loudly when a Python release changes it, and a run with
the cache, without it, or with a damaged cache file gives the same classes and output."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, SRC

MEETING = "laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml"

# A dataclass only this test makes: its methods' source text is new to the cache.
MAKE = """
import dataclasses, sys
from samtale_cli.core import codecache
codecache.install()
@dataclasses.dataclass(frozen=True, order=True)
class Probe:
    ny_{tag}: int
    anden: str = "x"
p = Probe(2, "y")
assert (p.ny_{tag}, p.anden) == (2, "y") and p < Probe(3) and p == Probe(2, "y") and hash(p) == hash(Probe(2, "y"))
assert repr(p) == "Probe(ny_{tag}=2, anden='y')", repr(p)
try:
    p.anden = "z"
except dataclasses.FrozenInstanceError:
    pass
else:
    raise SystemExit("frozen lost")
codecache.save()
print(len(codecache._state["codes"]), codecache._state["known"])
"""


def _python(code: str, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=EXAMPLES, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def _file(cache: Path) -> Path:
    (found,) = (cache / "samtale").glob("dataclasses.*.marshal")
    return found


def test_dataclasses_compiles_through_the_cache_and_the_next_run_reads_it(tmp_path: Path) -> None:
    """Python's ``dataclasses`` calls ``exec`` by its global name (the cache's hook): a
    new dataclass's methods land in the cache file, and a second run compiles nothing."""
    first = _python(MAKE.format(tag="a"), tmp_path)
    assert first.returncode == 0, first.stderr
    made = _file(tmp_path)
    codes = marshal.loads(made.read_bytes())
    assert any("ny_a" in source for source in codes), "dataclasses no longer calls exec by name: the cache is never used"
    second = _python(MAKE.format(tag="a"), tmp_path)
    assert second.returncode == 0, second.stderr
    total, known = map(int, second.stdout.split())
    assert total == known == len(codes)


def test_every_cached_code_is_what_compiling_its_text_gives(tmp_path: Path) -> None:
    """The cache's values are exactly ``compile(text)``: no ``__future__`` flag of the
    module doing the compiling leaks into the dataclass methods."""
    done = _python("from samtale_cli.cli.entry import main; main()", tmp_path, "check", MEETING)
    assert done.returncode == 0, done.stderr
    codes = marshal.loads(_file(tmp_path).read_bytes())
    assert len(codes) > 50
    for source, code in codes.items():
        if source.startswith("eval:"):
            assert code == compile(source.removeprefix("eval:"), "<string>", "eval", dont_inherit=True)
        else:
            assert code == compile(source, "<string>", "exec", dont_inherit=True)
    # annotations stay objects, as without the cache (a leaked 'annotations' flag makes them strings)
    probe = _python("from samtale_cli.core import codecache\ncodecache.install()\nimport dataclasses\n"
                    "@dataclasses.dataclass\nclass P:\n    a: int\n"
                    "print(P.__init__.__annotations__)", tmp_path)
    assert probe.stdout.strip() == "{'a': <class 'int'>, 'return': None}", probe.stdout + probe.stderr


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", marshal.dumps([1, 2, 3]), marshal.dumps({"x": 1})])
def test_a_damaged_cache_file_is_ignored_and_the_check_is_the_same(tmp_path: Path, damage: bytes) -> None:
    clean = _python("from samtale_cli.cli.entry import main; main()", tmp_path / "ren", "check", MEETING, "--format", "json")
    target = _file(tmp_path / "ren")
    (tmp_path / "skadet" / "samtale").mkdir(parents=True)
    (tmp_path / "skadet" / "samtale" / target.name).write_bytes(damage)
    damaged = _python("from samtale_cli.cli.entry import main; main()", tmp_path / "skadet", "check", MEETING,
                      "--format", "json")
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (clean.returncode, clean.stdout, clean.stderr)
    assert clean.returncode == 0 and clean.stdout


def test_no_writable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "en-fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    done = _python("from samtale_cli.cli.entry import main; main()", blocker, "check", MEETING)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "Ingen fund.\n")
    assert blocker.read_text(encoding="utf-8") == "ikke en mappe"


def test_typing_compiles_string_annotations_through_the_cache(tmp_path: Path) -> None:
    """``typing.ForwardRef`` compiles its text with ``compile`` by its global name (the
    hook): the text lands in the cache, a bad one still raises as without the cache."""
    done = _python("from samtale_cli.core import codecache\ncodecache.install()\nimport typing\n"
                   "r = typing.ForwardRef('list[EnProbe]')\n"
                   "print(r.__forward_code__ == compile('list[EnProbe]', '<string>', 'eval'))\n"
                   "try:\n    typing.ForwardRef('ikke gyldig(')\nexcept SyntaxError:\n    print('SyntaxError')\n"
                   "codecache.save()", tmp_path)
    assert done.stdout.split() == ["True", "SyntaxError"], done.stderr
    codes = marshal.loads(_file(tmp_path).read_bytes())
    assert "eval:list[EnProbe]" in codes, "typing no longer calls compile by name: its annotations are never cached"
