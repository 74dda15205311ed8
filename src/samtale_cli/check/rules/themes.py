"""Themes (docs/format.md "Themes"): every theme of a pejlemærke, an attention point or an
indsats is one of the curriculum's six or a focus area of samtale.yaml, or of the
municipality whose run this is (:func:`municipal_themes`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from samtale_cli import model as m
from samtale_cli.check.loader import DataPath
from samtale_cli.check.rules.base import Context, rule
from samtale_cli.core.catalogue import W307
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.core.text import role_key, suggest

_MUNICIPAL: list[tuple[str, ...]] = [()]  # the focus areas of the kommune.yaml being run (innermost last)


@contextmanager
def municipal_themes(names: Iterable[str]) -> Iterator[None]:
    """While it lasts, ``names`` (a kommune.yaml's ``fokusomraader``) are themes too; for
    a run in this process (``samtale kommune`` checks each daycare in it)."""
    _MUNICIPAL.append(tuple(names))
    try:
        yield
    finally:
        _MUNICIPAL.pop()


def known_themes(workspace: m.Workspace | None) -> list[str]:
    """The themes a file may name: the curriculum's six, samtale.yaml's focus areas and
    the municipality's of this run."""
    own = list(workspace.focus_areas) if workspace is not None else []
    return [*m.CURRICULUM_THEMES, *own, *_MUNICIPAL[-1]]


def canonical_theme(name: str, known: Iterable[str]) -> str | None:
    """The known theme ``name`` is (case, accents, hyphens and commas aside), or None."""
    key = _key(name)
    return next((theme for theme in known if _key(theme) == key), None)


def _key(name: str) -> str:
    return role_key(name.replace(",", " "))


def _themes_at(ctx: Context, themes: list[str], where: DataPath) -> Iterator[Diagnostic]:
    known = known_themes(ctx.workspace)
    split = -1  # the second half of a theme YAML split at its comma: told with the first
    for i, theme in enumerate(themes):
        if i == split or canonical_theme(theme, known) is not None:
            continue
        joined = f"{theme}, {themes[i + 1]}" if i + 1 < len(themes) else ""
        if joined and (whole := canonical_theme(joined, known)) is not None:
            split = i + 1
            yield ctx.report(W307, (*where, i), f"'{theme}' og '{themes[i + 1]}' er ét tema, '{whole}', som YAML har "
                             f"delt ved kommaet. Sæt det i anførselstegn: \"{whole}\".")
        else:
            hint = suggest(theme, known, key=_key) or f" Temaerne er: {'; '.join(known)}."
            yield ctx.report(W307, (*where, i), f"Temaet '{theme}' er hverken et af læreplanens temaer eller et "
                             f"fokusområde i samtale.yaml eller kommune.yaml.{hint}")


def _themed_items(ctx: Context, items: list[str], key: str) -> Iterator[Diagnostic]:
    for i, item in enumerate(items):
        yield from _themes_at(ctx, list(m.themes_of(item)), (key, i, "temaer"))


@rule(m.Meeting)
def landmark_themes(ctx: Context) -> Iterator[Diagnostic]:
    yield from _themed_items(ctx, ctx.model.landmarks, "pejlemærker")


@rule(m.AttentionSheet)
def point_themes(ctx: Context) -> Iterator[Diagnostic]:
    yield from _themed_items(ctx, ctx.model.points, "punkter")


@rule(m.Plan)
def plan_themes(ctx: Context) -> Iterator[Diagnostic]:
    yield from _themes_at(ctx, ctx.model.themes, ("temaer",))
