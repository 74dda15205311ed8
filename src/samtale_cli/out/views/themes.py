"""Counting by theme (FORMAT.md "Themes"): how many pejlemærker, attention points and
indsatser have each theme, for the history pages (``historik.html``) and the overview
(``samtale oversigt``, ``/_oversigt``).

A theme is counted in its known spelling (``Kommunikation og sprog`` is
``kommunikation og sprog``); an item counts once per theme. The rows are the
curriculum's six, then the workspace's (and the municipality's) focus areas, then any
other theme a file names; none at all when no item has a theme.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from samtale_cli import model as m
from samtale_cli.check.rules.themes import canonical_theme, known_themes
from samtale_cli.out.views.base import View


@dataclass(frozen=True, slots=True, kw_only=True)
class ThemeCount(View):
    """Et tema og antallet af pejlemærker, opmærksomhedspunkter og indsatser med det."""

    theme: str  # temaet
    landmarks: int  # pejlemærker med temaet
    points: int  # opmærksomhedspunkter med temaet
    plans: int  # indsatser med temaet


def theme_counts(landmarks: Iterable[Any], points: Iterable[Any], plans: Iterable[Any],
                 workspace: Any = None) -> list[ThemeCount]:
    """The count per theme of ``landmarks`` and ``points`` (texts, themed or not) and
    ``plans`` (plan models); ``workspace``: the workspace's model (its focus areas)."""
    known = known_themes(workspace)
    counts: dict[str, list[int]] = {theme: [0, 0, 0] for theme in dict.fromkeys(known)}

    def add(themes: Iterable[str], column: int) -> None:
        for theme in {canonical_theme(t, known) or t: None for t in themes}:
            counts.setdefault(theme, [0, 0, 0])[column] += 1

    for landmark in landmarks:
        add(m.themes_of(landmark), 0)
    for point in points:
        add(m.themes_of(point), 1)
    for plan in plans:
        add(plan.themes, 2)
    if not any(any(row) for row in counts.values()):
        return []
    return [ThemeCount(theme=theme, landmarks=row[0], points=row[1], plans=row[2]) for theme, row in counts.items()]


def theme_rows(counts: list[ThemeCount]) -> list[dict[str, Any]]:
    """The counts as ``samtale oversigt --format json`` gives them (Danish keys)."""
    return [{"tema": c.theme, "pejlemærker": c.landmarks, "opmærksomhedspunkter": c.points, "indsatser": c.plans}
            for c in counts]
