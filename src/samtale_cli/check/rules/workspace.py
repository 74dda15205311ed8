"""Workspace rules: samtale.yaml itself, and departments and daycare names elsewhere."""

from __future__ import annotations

from collections.abc import Iterator

from samtale_cli import model as m
from samtale_cli.core.catalogue import W301, W302, W304, W305
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.check.loader import DataPath
from samtale_cli.check.rules.base import Context, rule
from samtale_cli.core.text import suggest
from samtale_cli.core.values import department_key


def department_known(ctx: Context, name: str, path: DataPath) -> Iterator[Diagnostic]:
    """An ``afdeling`` must be one of the workspace's departments (when there is one)."""
    ws = ctx.workspace
    if ws is None:
        return
    if department_key(name) not in {department_key(d) for d in ws.departments}:
        hint = suggest(name, ws.departments) or f" Afdelingerne er: {', '.join(ws.departments) or '(ingen)'}."
        yield ctx.report(W301, path, f"Afdelingen '{name}' står ikke i samtale.yaml's afdelinger.{hint}")


@rule(m.Plan, m.AttentionSheet)
def document_department(ctx: Context) -> Iterator[Diagnostic]:
    yield from department_known(ctx, ctx.model.department, ("afdeling",))


@rule(m.Workspace)
def departments_unique(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for i, name in enumerate(ctx.model.departments):
        slug = department_key(name)
        if not slug:
            yield ctx.report(W304, ("afdelinger", i), f"Afdelingen '{name}' kan ikke blive til et mappenavn; brug bogstaver eller tal.")
        elif slug in seen:
            yield ctx.report(W305, ("afdelinger", i), f"Afdelingen '{name}' får samme mappe (afdelinger/{slug}/) som '{seen[slug]}'.",
            )
        else:
            seen[slug] = name


@rule(m.Meeting)
def daycare_named(ctx: Context) -> Iterator[Diagnostic]:
    ws = ctx.workspace
    if ws is None and ctx.workspace_file:
        return  # samtale.yaml is there but broken: its own errors say so
    if ctx.model.daycare is None and (ws is None or not ws.daycare):
        yield ctx.report(W302, ("type",), "Feltet 'dagtilbud' mangler, og der er ingen samtale.yaml med dagtilbuddets navn.", key=True,
        )
