"""PDF without Pango: on a computer where weasyprint cannot load its libraries (a
municipal Windows laptop), ``render -o X.pdf`` says in Danish what is missing, how to
get it on each system, and that Word and HTML work now; exit 2, nothing written."""

from __future__ import annotations

import importlib.abc
import sys
from pathlib import Path

import pytest

from conftest import MEETING, Eks, samtale

# what cffi says on Windows when the DLL is not there (weasyprint/text/ffi.py re-raises it)
WINDOWS = ("cannot load library 'libpango-1.0-0': error 0x7e.  Additionally, ctypes.util.find_library() "
           "did not manage to locate a library called 'libpango-1.0-0'")
LINUX = "cannot load library 'libgobject-2.0-0': libgobject-2.0-0: cannot open shared object file: No such file or directory"


class _NoLibraries(importlib.abc.MetaPathFinder):
    """Importing weasyprint fails as it does when a library cannot be loaded: its module
    ``weasyprint.text.ffi`` prints a note to standard output and raises OSError."""

    def __init__(self, message: str) -> None:
        self.message = message

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "weasyprint" or name.startswith("weasyprint."):
            print("\n-----\n\nWeasyPrint could not import some external libraries.\n\n-----\n")
            raise OSError(self.message)
        return None


@pytest.fixture(params=[WINDOWS, LINUX], ids=["windows", "linux"])
def no_pango(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoLibraries(request.param), *sys.meta_path])
    return request.param


def _says_what_to_do(err: str, library: str) -> None:
    assert "kunne ikke skrive eller læse standard-output" not in err
    assert "Pango" in err and library in err
    lines = err.splitlines()
    for system, how in [("Windows", "pacman -S mingw-w64-ucrt-x86_64-pango"), ("macOS", "brew install"),
                        ("Linux", "apt install libpango-1.0-0")]:
        assert [line for line in lines if line.strip().startswith(f"{system}:") and how in line], (system, err)
    assert ".docx" in err and ".html" in err


def test_pdf_without_pango_says_what_is_missing_and_what_works(no_pango: str, eks: Eks) -> None:
    library = no_pango.split("'")[1]
    result = samtale("render", MEETING, "-o", "y.pdf", cwd=eks.root)
    assert result.code == 2
    _says_what_to_do(result.stderr, library)
    assert result.stdout == ""  # weasyprint's English note is not passed on
    assert not (eks.root / "y.pdf").exists()


def test_a_folder_to_one_pdf_without_pango(no_pango: str, eks: Eks) -> None:
    result = samtale("render", ".", "-o", "samlet.pdf", cwd=eks.root)
    assert result.code == 2
    _says_what_to_do(result.stderr, no_pango.split("'")[1])
    assert not (eks.root / "samlet.pdf").exists()


def test_word_and_html_work_without_pango(no_pango: str, eks: Eks, tmp_path: Path) -> None:
    assert samtale("render", MEETING, "-o", "y.docx", cwd=eks.root).code == 0
    assert samtale("render", MEETING, "-o", "y.html", cwd=eks.root).code == 0
    assert (eks.root / "y.docx").stat().st_size > 0 and (eks.root / "y.html").stat().st_size > 0
