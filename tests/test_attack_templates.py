"""Issue 25, second attack: one's own templates (--skabeloner) have a time and an output
budget, so a template cannot run forever or grow until the machine runs out of memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MEETING, SRC, Eks, samtale

BOMBS = {
    "loekker": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "gange": '{{ "x" * 10**10 }}',
    "liste": "{{ ([1] * 10**9) | length }}",
    "potens": "{{ 7 ** (10 ** 10) }}",
    "strenge": '{% set s = "x" * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}',
    "udskrift": '{% for i in range(100000) %}{{ "x" * 100000 }}{% endfor %}',
    # filters and methods that make a huge value in one call (the second review)
    "center": '{{ "x"|center(10**9) }}',
    "center-metode": '{{ "x".center(10**10) }}',
    "format-filter": '{{ "%*d"|format(10**9, 1) }}',
    "erstat": '{{ (("ab" * 5000000)|replace("a", "x" * 100)|replace("x", "yy"))|length }}',
    "erstat-metode": '{{ ("ab" * 5000000).replace("a", "x" * 100)|length }}',
    "indryk": '{{ "a\nb"|indent(10**9) }}',
    # str.format through the sandbox's own wrapper (not call()): padded before anyone counts
    "format-bredde": '{{ "{:>999999999}".format(1) }}',
    "format-felt": '{{ "{:>{}}".format(1, 10**9) }}',
    "format-map": '{{ "{a:>{w}}".format_map({"a": 1, "w": 10**9}) }}',
}


def _limit_memory() -> None:  # the child may never take the machine down, fixed or not
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


@pytest.mark.skipif(os.name == "nt", reason="resource")
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_template_bomb_stops_within_seconds_with_a_danish_message(eks: Eks, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "skabeloner"
    folder.mkdir()
    (folder / "referat.md.j2").write_text(BOMBS[name], encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    began = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "samtale_cli", "render", MEETING, "--format", "md", "--skabeloner", str(folder)],
            cwd=eks.root, env=env, capture_output=True, text=True, timeout=20, preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after 20 s")
    took = time.monotonic() - began
    assert took < 5, f"{name}: {took:.1f} s"
    assert done.returncode == 2, done.stderr
    assert f"Skabelonen '{folder / 'referat.md.j2'}'" in done.stderr, done.stderr
    assert any(w in done.stderr for w in ("for lang tid", "for stor", "for meget tekst")), done.stderr
    if name.startswith("format-"):  # refused before the padding is made, not counted after
        assert "for stor værdi" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr


def test_an_ordinary_template_of_ones_own_still_renders(eks: Eks, tmp_path: Path) -> None:
    folder = tmp_path / "skabeloner"
    folder.mkdir()
    (folder / "referat.md.j2").write_text(
        "# {{ title }}\n{% for i in range(3) %}{{ i }}{% endfor %} {{ '-' * 3 }} {{ 2 ** 8 }}\n", encoding="utf-8")
    done = samtale("render", MEETING, "--format", "md", "--skabeloner", folder, cwd=eks.root)
    assert done.code == 0, done.stderr
    assert "012 --- 256" in done.stdout.replace("\\-", "-")
