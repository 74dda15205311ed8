"""The base of every view: a frozen dataclass that also reads like the dict views were.

Templates, the Word writer, the history and people's own ``--skabeloner`` read views
as ``view.x`` or ``view["x"]``; both give a field. Only fields are reachable by key
(never a method or ``__class__``), so a template in Jinja's sandbox gets no further
through a key than through an attribute.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar


class View:
    """A view's fields, readable as keys too (``view["title"]``, ``view.get("daycare")``,
    ``"time" in view``). Subclasses are ``@dataclass(frozen=True, slots=True, kw_only=True)``."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def __getitem__(self, key: str) -> Any:
        if isinstance(key, str) and key in self.__dataclass_fields__:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in self else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.__dataclass_fields__

    def context(self) -> dict[str, Any]:
        """The top-level fields, as a template's variables."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
