"""The hint ``samtale new`` writes next to a field that takes ``temaer:`` (FORMAT.md
"Themes"): the themes a file may name, as comments, written the way they go into a
``[...]`` list (a theme with a comma in quotes, or YAML splits it in two).

Every scaffold that has such a field uses :func:`theme_hint`; the meeting's scaffold may
too (its pejlemærker take ``temaer``).
"""

from __future__ import annotations

from typing import Any

from samtale_cli import model as m
from samtale_cli.check.rules.themes import known_themes
from samtale_cli.core.yamlout import comment_lines, flow_scalar

def themes_for(workspace: Any) -> tuple[list[str], list[str]]:
    """(the curriculum's six, the other themes a file may name: samtale.yaml's focus
    areas) for a workspace model (None outside one)."""
    known = known_themes(workspace)
    curriculum = list(m.CURRICULUM_THEMES)
    return curriculum, [theme for theme in known if theme not in curriculum]


def theme_hint(workspace: Any, what: str, example: list[str], pad: str = "") -> str:
    """Comment lines (each ending in a newline, indented by ``pad``): ``what`` (fx "Et
    punkt") may have themes, written as the ``example`` lines show, and which themes
    there are. ``workspace``: the workspace's model (samtale.yaml), or None."""
    curriculum, own = themes_for(workspace)
    lines = [
        f"{what} kan have temaer (valgfrit), så de kan tælles på tværs af år og dagtilbud:",
        *(f"  {line}" for line in example),
        "Læreplanens temaer: " + "; ".join(flow_scalar(t) for t in curriculum[:3]) + ";",
        "  " + "; ".join(flow_scalar(t) for t in curriculum[3:]) + ".",
    ]
    if own:
        lines.append("Fokusområder i samtale.yaml: " + "; ".join(flow_scalar(t) for t in own) + ".")
    return "".join(line + "\n" for line in comment_lines("\n".join(lines), pad))


def example_themes(workspace: Any) -> str:
    """A ``[...]`` list of two themes for an example line."""
    curriculum, _ = themes_for(workspace)
    return "[" + ", ".join(flow_scalar(t) for t in (curriculum[2], curriculum[1])) + "]"
