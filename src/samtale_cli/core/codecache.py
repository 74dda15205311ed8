"""Code compiled from text at every start, kept between runs as ``__pycache__`` keeps modules.

A dataclass's methods (``__init__``, ``__repr__``, ``__eq__`` ...) are written as source
text and compiled when the class is made: some 70 classes at every start of
``samtale check`` (most of them in pydantic and annotated-types), a tenth of a one-file
check. Likewise ``typing`` compiles every annotation written as a string (pydantic-core's
schema types: some 700). :func:`install` puts a stand-in for ``exec`` in the
``dataclasses`` module and one for ``compile`` in ``typing`` (both call them by their
global names, so a module global comes before the built-in): the same source text gives
the same code object, compiled once and then read from a file in the user's cache folder
(:func:`user_cache`) by :func:`save` and the next :func:`install`.

Why this stays correct when Python, pydantic or annotated-types move:

* the key is the exact source text, so a changed dataclass is a new key, never a stale hit;
* the value is what ``exec`` itself would compile (``compile(text, "<string>", "exec")``,
  inheriting no ``__future__`` flags, as ``dataclasses`` has none), or what ``typing``
  asked ``compile`` for (only its plain ``"eval"`` calls are served), and the file is named
  by the interpreter's bytecode tag and optimisation level, as ``.pyc`` files are;
* if ``dataclasses`` or ``typing`` stops calling them by name, nothing is cached and nothing breaks
  (tests/test_codecache.py fails loudly so that it is noticed);
* a file that cannot be read or written, or does not hold what it should, is ignored:
  the methods are compiled as without the cache.

The file is trusted as ``__pycache__`` is: it lives in the user's own cache folder. It is
written whole under another name and then renamed (two processes at once: the last one
wins, both whole), and it is emptied when it holds more than :data:`MAX_ENTRIES` texts.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys

MAX_ENTRIES = 4000

_state: dict[str, object] = {}


def user_cache() -> str:
    """The user's cache folder for samtale: ``$XDG_CACHE_HOME/samtale``, else ``~/.cache/samtale``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "samtale")


def cache_file() -> str:
    tag = sys.implementation.cache_tag or "python"
    return os.path.join(user_cache(), f"dataclasses.{tag}.opt{sys.flags.optimize}.marshal")


def install() -> None:
    """Serve the compiles of ``dataclasses`` and ``typing`` from the cache (once per process)."""
    if "codes" in _state:
        return
    import dataclasses
    import typing

    codes: dict[str, object] = {}
    try:
        with open(cache_file(), "rb") as f:
            loaded = marshal.load(f)
        if isinstance(loaded, dict) and len(loaded) <= MAX_ENTRIES:
            codes = loaded
    except (OSError, EOFError, ValueError, TypeError):
        pass
    _state["codes"] = codes
    _state["known"] = len(codes)

    def code(key: str, source: str, mode: str) -> object:
        found = codes.get(key)
        if type(found) is not _CODE:
            found = codes[key] = compile(source, "<string>", mode, dont_inherit=True)
        return found

    def cached_exec(source: object, globals: dict | None = None, locals: dict | None = None) -> None:
        builtins.exec(code(source, source, "exec") if isinstance(source, str) else source, globals, locals)

    def cached_compile(source: object, filename: object, mode: str, flags: int = 0, dont_inherit: bool = False,
                       optimize: int = -1) -> object:
        if type(source) is str and filename == "<string>" and mode == "eval" and not flags and optimize == -1:
            return code("eval:" + source, source, "eval")
        return compile(source, filename, mode, flags, dont_inherit, optimize)

    dataclasses.exec = cached_exec  # type: ignore[attr-defined]
    typing.compile = cached_compile  # type: ignore[attr-defined]


def save() -> None:
    """Write the cache if this process compiled something new (errors ignored)."""
    codes = _state.get("codes")
    if not isinstance(codes, dict) or len(codes) == _state.get("known"):
        return
    if len(codes) > MAX_ENTRIES:
        codes = {}
    target = cache_file()
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(temporary, "wb") as f:
            marshal.dump(codes, f)
        os.replace(temporary, target)
        _state["known"] = len(codes)
    except (OSError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass


_CODE = type(compile("", "<string>", "exec"))
