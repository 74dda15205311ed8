"""The ``samtale`` console script: answers ``--version`` before importing anything heavy,
and runs a plain ``samtale check`` (the commit hook's case) without loading the
command-line parser: ``check_files`` is the same function the typer command calls, and
anything beyond paths, ``--format``, ``--strict`` and ``--staged`` goes to the parser.

The commit hook checks one or three files, so the fast path saves what a short run
spends besides checking (measured in ``bench/bench.py``; tests/test_entry.py holds the
assumptions about other packages, so an upgrade that breaks one fails a test, never a
user's commit):

* pydantic's plugins are off (samtale uses none): ``PYDANTIC_DISABLE_PLUGINS``, the
  documented switch, and a stand-in for pydantic's plugin loader, so that its import of
  ``importlib.metadata`` (a tenth of the start-up) is not paid; any name the stand-in
  does not have is taken from the real loader, so a pydantic that uses more of it
  still works.
* the garbage collector waits while the modules are imported (they make many objects
  and no garbage) and then freezes them, so that its passes during the check skip them.
* the process ends without tearing down every module's objects, once the findings are
  flushed: a quarter of a one-file check's time, for memory the system frees anyway.
* dataclass methods compiled in an earlier run are read from the user's cache folder
  (:mod:`samtale_cli.core.codecache`, for every command, not only check).
"""

from __future__ import annotations

import atexit
import os
import sys
import types

from samtale_cli.core import codecache

_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_pydantic_plugins() -> None:
    """Plugins off, without importing pydantic's plugin loader (see the module's docstring)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("1", "true", "__all__") or _PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(_PLUGIN_LOADER)
    stand_in.__dict__["get_plugins"] = lambda: ()

    def real(name: str) -> object:
        if name.startswith("__"):  # the import system asks for __path__ and such: a plain module has none
            raise AttributeError(name)
        import importlib

        del sys.modules[_PLUGIN_LOADER]
        loader = importlib.import_module(_PLUGIN_LOADER)
        return getattr(loader, name)

    stand_in.__dict__["__getattr__"] = real
    sys.modules[_PLUGIN_LOADER] = stand_in


def _leave(code: int | None) -> None:
    """End the process with ``code`` once the output is flushed, without the teardown."""
    codecache.save()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code or 0)


def main() -> None:
    _no_pydantic_plugins()
    codecache.install()
    atexit.register(codecache.save)
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from samtale_cli.cli.version import version_line

        print(version_line())
        return
    if args[:1] == ["check"]:
        import gc

        gc.disable()
        from samtale_cli.cli.check import check_files, fast_args

        plain = fast_args(args[1:])
        if plain is not None:
            from samtale_cli.core.errors import guarded
            from samtale_cli.cli.output import prepare_streams

            gc.freeze()
            gc.enable()
            paths, fmt, strict, staged = plain
            prepare_streams()
            _leave(guarded(lambda: check_files(paths, fmt=fmt, strict=strict, staged=staged)))
        gc.enable()
    from samtale_cli.cli.main import main as cli_main

    cli_main()
