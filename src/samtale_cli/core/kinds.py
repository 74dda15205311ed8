"""The table of document kinds, and of the documents each renders to.

One row per kind of file: the name written after ``type:``, the model class, where the
file lives in a workspace and how it is named, the documents ``render`` makes from it
(the first is the default), and its JSON Schema file. ``new``, ``init``, ``render``,
``schema``, ``oversigt``, ``kalender`` and the checker read this table; adding a kind
touches this table, one model, its rules and its templates.

Light on purpose (no pydantic): the command line reads it to build its help.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
import importlib
from typing import Any

from samtale_cli.core.values import fold_ascii, slugify

WORKSPACE_FILE = "samtale.yaml"
MEETINGS_DIR = "laeringssamtaler"
DEPARTMENTS_DIR = "afdelinger"
SCHEMA_DIR = Path(".samtale") / "schema"


@dataclass(frozen=True)
class Rendering:
    """A document ``render`` makes: its name (``--dokument``), template and heading, and
    its Word writer. The writer goes with the document, not with the file's kind (a
    læringssamtale also renders the opmærksomhedspunkter, written as a sheet's are)."""

    name: str
    template: str  # the template's stem in skabeloner/: <template>.<md|html>.j2
    label: str
    docx: str = ""  # the Word writer, ``write(builder, view)`` (out/docx), as ``module:attribute``; "" for none

    def writer(self) -> Any:
        """The Word writer of this document, imported now."""
        if not self.docx:
            raise LookupError(f"{self.name} has no Word writer")
        return _load(self.docx)


RENDERINGS: dict[str, Rendering] = {
    r.name: r
    for r in (
        Rendering("dagsorden", "dagsorden", "Dagsorden", "samtale_cli.out.docx.meeting:write"),
        Rendering("referat", "referat", "Referat", "samtale_cli.out.docx.meeting:write"),
        Rendering("opmærksomhedspunkter", "opmaerksomhedspunkter", "Opmærksomhedspunkter",
                  "samtale_cli.out.docx.sheet:write"),
        Rendering("indsatsplan", "indsatsplan", "Indsatsplan", "samtale_cli.out.docx.plan:write"),
    )
}
FORMATS = ("md", "html", "pdf", "docx")

# Pages of a rendered workspace that no single file makes: the history of the daycare
# (at the site's root) and of each department (in its folder).
SITE_VIEWS: dict[str, Rendering] = {
    r.name: r for r in (Rendering("historik", "historik", "Historik"),)
}

# Pages that only ``samtale serve`` shows (``render`` writes none of them).
SERVE_VIEWS: dict[str, Rendering] = {
    r.name: r
    for r in (
        Rendering("mødetilstand", "moedetilstand", "Mødetilstand"),
        Rendering("fejl", "fejl", "Filen kan ikke vises"),
    )
}


@dataclass(frozen=True)
class Hooks:
    """Where each layer keeps the code for one kind, as ``module:attribute`` paths loaded
    only when used (so ``samtale --help`` imports none of them). This table is the only
    switch on a document's kind: code above ``core`` asks :func:`hook` instead of
    testing the kind. A test resolves every hook of every kind, so a forgotten piece is
    a red test, never a silent gap."""

    rules: str  # the module whose import registers the kind's rules (check/rules)
    cycle: str  # the kind's part in the yearly cycle (check/followup)
    view: str  # the view builder of the kind's renderings (out/views)
    reader: str  # the Word reader of ``samtale import`` (wordin)
    scaffold: str  # the new, commented file of ``samtale new`` (new)
    calendar: str  # the kind's events in ``samtale kalender`` (reports/calendar)


def _load(dotted: str) -> Any:
    module, _, attr = dotted.partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, attr) if attr else loaded


def hook(kind: Kind, part: str) -> Any:
    """The code of ``part`` (a field of :class:`Hooks`) for ``kind``, imported now."""
    if kind.hooks is None:
        raise LookupError(f"{kind.name} has no hooks")
    return _load(getattr(kind.hooks, part))


def _hooks(name: str) -> Hooks:
    """The conventional places: ``<layer>.<name>`` modules, one per kind and layer."""
    return Hooks(
        rules=f"samtale_cli.check.rules.{name}",
        cycle=f"samtale_cli.check.followup:{name.upper()}",
        view=f"samtale_cli.out.views.{name}:build",
        reader=f"samtale_cli.wordin.{name}:read",
        scaffold=f"samtale_cli.new.{name}:scaffold",
        calendar=f"samtale_cli.reports.calendar:{name}_events",
    )


@dataclass(frozen=True)
class Kind:
    """One kind of file. ``folder`` and the file names may hold ``{afdeling}`` (the
    department's slug), ``{dato}`` (ISO date) and ``{titel}`` (the title's slug)."""

    name: str  # the value of ``type:``; "samtale" for the workspace file
    model_name: str  # the class in samtale_cli.model
    title: str  # Danish, for people: schema titles, messages
    folder: str  # inside a workspace
    file_name: str  # inside a workspace
    loose_file_name: str  # outside a workspace (in the current folder)
    renderings: tuple[str, ...] = ()  # the first is the default
    views: tuple[str, ...] = ()  # SERVE_VIEWS of a file of this kind
    hooks: Hooks | None = None  # the code for this kind in the layers above (None: the workspace file's own)

    @property
    def ascii(self) -> str:
        return fold_ascii(self.name)

    @property
    def schema_file(self) -> str:
        return f"{self.ascii}.json"

    @property
    def model(self) -> Any:
        return _load(f"samtale_cli.model:{self.model_name}")

    @property
    def glob(self) -> str:
        """The workspace files of this kind, as a glob (for editors' schema settings)."""
        return f"{self.folder}/{self.file_name}".lstrip("/").replace("{afdeling}", "*").replace(
            "{dato}-{titel}", "*").replace("{dato}", "*").replace("{titel}", "*")

    def path(self, root: Path | None, *, department: str = "", date: dt.date | None = None, title: str = "") -> Path:
        """Where a new file of this kind goes: in the workspace ``root``, else in the
        current folder (``root`` None) under its loose name. Names are slugs only, so a
        title or department can never lead outside."""
        fields = {
            "afdeling": slugify(department) or "afdeling",
            "dato": (date or dt.date.today()).isoformat(),
            "titel": slugify(title) or self.ascii,
        }
        if root is None:
            return Path(self.loose_file_name.format(**fields))
        return root / self.folder.format(**fields) / self.file_name.format(**fields)


WORKSPACE = Kind("samtale", "Workspace", "Arbejdsmappe (samtale.yaml)", "", WORKSPACE_FILE, WORKSPACE_FILE)
MEETING = Kind(
    "læringssamtale", "Meeting", "Læringssamtale", MEETINGS_DIR, "{dato}-{titel}.yaml", "{dato}-{titel}.yaml",
    ("referat", "dagsorden", "opmærksomhedspunkter"), ("mødetilstand",), _hooks("meeting"),
)
SHEET = Kind(
    "opmærksomhedspunkter", "AttentionSheet", "Opmærksomhedspunkter", f"{DEPARTMENTS_DIR}/{{afdeling}}",
    "opmaerksomhedspunkter-{dato}.yaml", "opmaerksomhedspunkter-{afdeling}-{dato}.yaml", ("opmærksomhedspunkter",),
    hooks=_hooks("sheet"),
)
PLAN = Kind(
    "indsats", "Plan", "Indsats", f"{DEPARTMENTS_DIR}/{{afdeling}}",
    "indsats-{titel}.yaml", "indsats-{titel}.yaml", ("indsatsplan",), hooks=_hooks("plan"),
)

DOCUMENT_KINDS: tuple[Kind, ...] = (MEETING, SHEET, PLAN)  # the values of ``type:``
ALL_KINDS: tuple[Kind, ...] = (*DOCUMENT_KINDS, WORKSPACE)
BY_TYPE: dict[str, Kind] = {k.name: k for k in DOCUMENT_KINDS}


def kind_named(text: str, *, workspace: bool = False) -> Kind | None:
    """The kind named by ``text``: Danish or ASCII spelling, any case; ``samtale``
    (the workspace file) only when ``workspace`` is true."""
    folded = fold_ascii(text.strip()).lower().removesuffix(".json").removesuffix(".yaml")
    kinds = ALL_KINDS if workspace else DOCUMENT_KINDS
    return next((k for k in kinds if k.ascii == folded), None)


def kind_of(model: Any) -> Kind:
    """The kind of a model instance (or class)."""
    name = model.__name__ if isinstance(model, type) else type(model).__name__
    return next(k for k in ALL_KINDS if k.model_name == name)


def rendering_named(text: str) -> Rendering | None:
    """The rendering named by ``text`` (Danish or ASCII spelling), or None."""
    folded = fold_ascii(text.strip()).lower()
    return next((r for r in RENDERINGS.values() if fold_ascii(r.name) == folded), None)


def choices(names: list[str] | tuple[str, ...]) -> str:
    """``a, b eller c``: Danish enumeration for messages and help."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]
