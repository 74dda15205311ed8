"""What a survey keeps of every file, on the disk instead of in memory.

``render``, ``oversigt`` and ``kalender`` keep of each file the slim document the cycle
is made from (:class:`~samtale_cli.check.followup.Linked`); at 15,000 files those are
most of their memory (a slim meeting is some 16 KB as objects, 4 KB pickled). With
``survey(..., settle=spill.settle)`` each arriving document's model goes to a temporary
file, and the document becomes a :class:`Spilled`: the same path, references and
workspace, and a ``model`` read back from the file when it is asked for (the last few
are kept: code that asks a model several things in a row reads it once). The models
read back are equal to those written (pickle, as between worker processes), so what is
made of them is the same bytes.

The file is anonymous where the system allows it, and goes when the spill is
garbage-collected.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samtale_cli.check.followup import Linked

RECENT = 32  # models kept after they are read back


class Spill:
    """Objects pickled to a temporary file, read back by where they are."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()
        self.size = 0
        self._recent: OrderedDict[int, Any] = OrderedDict()
        # one object for equal paths and sets of references: a meeting's path, and the
        # references to it of its sheets, are one path (some 500 bytes each otherwise)
        self._same: dict[Any, Any] = {}

    def put(self, value: Any) -> tuple[int, int]:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self.file.seek(self.size)
        self.file.write(data)
        where = (self.size, len(data))
        self.size += len(data)
        return where

    def get(self, where: tuple[int, int]) -> Any:
        offset, length = where
        value = self._recent.get(offset)
        if value is not None:
            self._recent.move_to_end(offset)
            return value
        self.file.seek(offset)
        value = pickle.loads(self.file.read(length))
        self._recent[offset] = value
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return value

    def same(self, value: Any) -> Any:
        """The first equal ``value`` this spill met (a path, a set of paths)."""
        return self._same.setdefault(value, value)

    def linked(self, found: Linked) -> Spilled:
        """``found`` with its model on the disk."""
        refs = self.same(frozenset(self.same(path) for path in found.refs))
        return Spilled(self.same(found.path), self, self.put(found.model), refs, found.workspace)

    def settle(self, brief: Any, facts: Callable[[Any], Any] | None = None) -> Any:
        """A survey's ``settle``: the brief with its facts' Linked spilled. ``facts``: the
        facts made from the spilled Linked (default: the facts are the Linked itself)."""
        brief.path = self.same(brief.path)
        found = brief.facts
        if found is None:
            return brief
        brief.facts = self.linked(found) if facts is None else facts(found)
        return brief


class Spilled:
    """A :class:`~samtale_cli.check.followup.Linked` whose model waits on the disk:
    ``path``, ``refs`` and ``workspace`` as there, ``model`` read back when asked."""

    __slots__ = ("path", "refs", "workspace", "_spill", "_where")

    def __init__(self, path: Path, spill: Spill, where: tuple[int, int], refs: frozenset[Path],
                 workspace: Any = None) -> None:
        self.path, self.refs, self.workspace = path, refs, workspace
        self._spill, self._where = spill, where

    @property
    def model(self) -> Any:
        return self._spill.get(self._where)

    def __reduce__(self) -> tuple[Any, ...]:  # crossing to another process: whole again
        return Linked, (self.path, self.model, self.refs, self.workspace)

    def __repr__(self) -> str:
        return f"Spilled({self.path!s})"
