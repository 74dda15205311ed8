"""Views: what a template shows of a document, as frozen dataclasses (:class:`View`).

One module per kind (``meeting``, ``sheet``, ``plan``), each with the kinds table's
view hook ``build(source, document, today)``, ``subject(model)`` (what the titles of
its documents name) and ``day(source)`` (the day the file belongs to in the indexes);
``shared`` holds the pieces several kinds use. The views are the contract of the
templates, the Word writer and people's own ``--skabeloner``: ``skabeloner/README.md``
lists them (:mod:`samtale_cli.out.views.reference` writes that list).
"""

from __future__ import annotations

import datetime as dt
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from samtale_cli.core import kinds
from samtale_cli.out.views.base import View

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked

__all__ = ["View", "build_view", "kind_views"]


def kind_views(model: Any) -> ModuleType:
    """The module of the views of ``model``'s kind: the one the kinds table's view hook
    lives in (``build``, ``subject``, ``day``)."""
    return sys.modules[kinds.hook(kinds.kind_of(model), "view").__module__]


def build_view(source: Checked, document: str, today: dt.date | None = None) -> View:
    """The view that ``document``'s template shows of ``source`` (a usable file), made by
    its kind's view hook."""
    return kinds.hook(kinds.kind_of(source.model), "view")(source, document, today)
