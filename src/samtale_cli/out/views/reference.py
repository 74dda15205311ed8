"""The list of each template's variables in ``skabeloner/README.md``, made from the
view dataclasses, so people who write their own ``--skabeloner`` know what they may
use. A test fails when the list in the README is stale; to write it again::

    PYTHONPATH=src python -m samtale_cli.out.views.reference skabeloner/README.md
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import sys
from pathlib import Path

from samtale_cli.core import kinds
from samtale_cli.out.history import HistoryView
from samtale_cli.out.views.base import View
from samtale_cli.out.views.meeting import MeetingModeView, MeetingView
from samtale_cli.out.views.pages import BundleView, ErrorPageView, IndexView
from samtale_cli.out.views.plan import PlanView
from samtale_cli.out.views.sheet import SheetsView

START = "<!-- skabelonvariabler: start (lavet af samtale_cli.out.views.reference; ret ikke her) -->"
END = "<!-- skabelonvariabler: slut -->"

# Each template (its stem in skabeloner/) and the view it is given.
TEMPLATES: dict[str, type[View]] = {
    "dagsorden": MeetingView,
    "referat": MeetingView,
    "opmaerksomhedspunkter": SheetsView,
    "indsatsplan": PlanView,
    "historik": HistoryView,
    "index": IndexView,
    "samlet": BundleView,
    "moedetilstand": MeetingModeView,
    "fejl": ErrorPageView,
}

_SCALARS = {"str": "tekst", "int": "heltal", "float": "tal", "bool": "ja/nej", "Any": "HTML"}


def _type_text(annotation: str) -> str:
    """A field's type for people: ``list[ItemView] | None`` -> ``liste af `ItemView` eller intet``."""
    options = [part.strip() for part in annotation.split("|")]
    optional = "None" in options
    shown = []
    for option in options:
        if option == "None":
            continue
        listed = re.fullmatch(r"list\[(.+)\]", option)
        inner = listed[1] if listed else option
        name = _SCALARS.get(inner, f"`{inner}`")
        shown.append(f"liste af {name}" if listed else name)
    return " eller ".join(shown) + (" eller intet" if optional else "")


def _described(cls: type[View]) -> dict[str, str]:
    """The Danish comment after each field in the class body (inherited ones too)."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not dataclasses.is_dataclass(klass):
            continue
        for line in inspect.getsource(klass).splitlines():
            match = re.match(r"\s+(\w+): [^#]+?\s+# (.+)$", line)
            if match:
                found[match[1]] = match[2]
    return found


def _annotations(cls: type[View]) -> dict[str, str]:
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        found.update(getattr(klass, "__annotations__", {}))
    return found


def _table(cls: type[View]) -> list[str]:
    described, annotations = _described(cls), _annotations(cls)
    lines = ["| Variabel | Type | Betydning |", "|---|---|---|"]
    for f in dataclasses.fields(cls):
        lines.append(f"| `{f.name}` | {_type_text(str(annotations[f.name]))} | {described.get(f.name, '')} |")
    return lines


def _nested(cls: type[View], seen: dict[str, type[View]]) -> None:
    """Every view type reachable from ``cls``'s fields, in the order first met (a name
    is looked up in the module of the class that declares the field)."""
    for annotation, module in _declared(cls):
        for name in re.findall(r"[A-Z]\w+", str(annotation)):
            found = getattr(module, name, None)
            if isinstance(found, type) and issubclass(found, View) and name not in seen:
                seen[name] = found
                _nested(found, seen)


def _declared(cls: type[View]) -> list[tuple[str, object]]:
    """Each field's annotation with the module of the class that declares it."""
    found: dict[str, tuple[str, object]] = {}
    for klass in reversed(cls.__mro__):
        module = sys.modules[klass.__module__]
        for field_name, annotation in getattr(klass, "__annotations__", {}).items():
            found[field_name] = (annotation, module)
    return list(found.values())


def view_types() -> dict[str, type[View]]:
    """Every view type the templates get, by name: the templates' own, then the ones
    their fields hold."""
    found: dict[str, type[View]] = {}
    for view in TEMPLATES.values():
        found.setdefault(view.__name__, view)
    for view in list(found.values()):
        _nested(view, found)
    return found


def template_reference() -> str:
    """The generated section of ``skabeloner/README.md`` (between its markers)."""
    lines = [
        START,
        "## Skabelonernes variabler",
        "",
        "Hver skabelon får variablerne herunder. En variabel med en type i `code` er en",
        "gruppe af felter, som står under **Typer**; læs et felt som `punkt.topic` eller",
        '`punkt["topic"]`. Tekst markeret som Markdown vises med filtrene `md` og `mdi`.',
        "",
    ]
    by_view: dict[type[View], list[str]] = {}
    for template, view in TEMPLATES.items():
        by_view.setdefault(view, []).append(template)
    nested: dict[str, type[View]] = {}
    for view, templates in by_view.items():
        names = " og ".join(f"`{t}`" for t in templates)
        lines += [f"### {names}", "", (inspect.getdoc(view) or "").splitlines()[0], "", *_table(view), ""]
        _nested(view, nested)
    lines += ["### Typer", ""]
    for name, view in nested.items():
        lines += [f"#### `{name}`", "", (inspect.getdoc(view) or "").splitlines()[0], "", *_table(view), ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def missing_templates() -> list[str]:
    """The templates of the kinds table (documents and site pages) that have no view here."""
    stems = [r.template for r in (*kinds.RENDERINGS.values(), *kinds.SITE_VIEWS.values())]
    return [stem for stem in stems if stem not in TEMPLATES]


def with_reference(readme: str) -> str:
    """``readme`` with its generated section replaced (added at the end when it has none)."""
    if START in readme and END in readme:
        before, rest = readme.split(START, 1)
        after = rest.split(END, 1)[1].removeprefix("\n")
        return before + template_reference() + after
    return readme.rstrip("\n") + "\n\n" + template_reference()


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "skabeloner/README.md")
    path.write_text(with_reference(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Skrev {path}", file=sys.stderr)
