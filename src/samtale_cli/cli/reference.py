"""The reference documentation, made from the code so it cannot drift: the keys of the
format (from the models' field descriptions, the same texts editors show on hover),
the codes (from the catalogue) and the commands (from the command line's own help).

``docs/format.md`` is written by hand around generated tables; ``docs/koder.md`` and
``docs/kommandoer.md`` are generated whole; the README holds the table of codes.
Generated parts stand between ``<!-- samtale:NAME -->`` and ``<!-- /samtale -->``.

Refresh after a change (the test suite fails while a file is stale)::

    python -m samtale_cli.cli.reference
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

from samtale_cli.core import catalogue
from samtale_cli.core import kinds

REPO = Path(__file__).resolve().parents[3]
_BLOCK = re.compile(r"(<!-- samtale:(?P<name>[\w:]+) -->\n)(.*?)(<!-- /samtale -->)", re.S)


# --- the format's keys ----------------------------------------------------------------



# The model's validators that take one value where a list is expected (model.common._listify and
# the readers built on it: 'ansvarlig: a og b', 'punkter: 1, 2').
_ONE_OR_MORE = {"_listify", "_people", "_numbers"}

def models() -> list[type]:
    """Every model class, documents first, then the ones inside them (in field order)."""
    from pydantic import BaseModel

    from samtale_cli import model as m

    found: list[type] = []
    pending = [k.model for k in (*kinds.DOCUMENT_KINDS, kinds.WORKSPACE)]
    while pending:
        cls = pending.pop(0)
        if cls in found:
            continue
        found.append(cls)
        for info in cls.model_fields.values():
            pending.extend(c for c in m.models_in(info.annotation) if issubclass(c, BaseModel))
    return found


def _form(annotation: Any) -> str:
    """What a value of this field looks like, in Danish."""
    from pydantic import BaseModel


    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        names = {getattr(getattr(x, "func", None), "__name__", "") for x in meta}
        if names & _ONE_OR_MORE:
            return "liste af tekster (eller én tekst)"
        return _form(base)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _form(args[0]) if len(args) == 1 else " eller ".join(_form(a) for a in args)
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = _form(item)
        return f"liste af {inner}" if not inner.startswith("liste") else f"liste af ({inner})"
    if origin is dict:
        return "samling (nøgle: tekst)"
    if origin is typing.Literal:
        return " eller ".join(f"`{a}`" for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{_title(annotation)}](#{_anchor(_title(annotation))})"
    from samtale_cli.core import values as v

    simple = {str: "tekst", bool: "`true`/`false`", int: "tal", v.Duration: "varighed", v.Interval: "interval"}
    import datetime as dt

    simple.update({dt.date: "dato", dt.time: "klokkeslæt"})
    return simple.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _title(cls: type) -> str:
    from samtale_cli.out.schema import DEF_TITLES

    return DEF_TITLES.get(cls.__name__, cls.__name__)


def _anchor(title: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def keys_table(cls: type) -> str:
    """One model's keys: key, required, form, description (from the model)."""
    rows = ["| nøgle | skal med | værdi | hvad |", "| --- | --- | --- | --- |"]
    for name, info in cls.model_fields.items():
        key = info.alias or name
        required = "ja" if info.is_required() else ""
        description = (info.description or "").replace("|", "\\|")
        listify = any(getattr(getattr(x, "func", None), "__name__", "") in _ONE_OR_MORE for x in info.metadata)
        form = _form(info.annotation)
        if listify:
            form = "liste af tal (eller ét tal)" if form == "liste af tal" else "liste af tekster (eller én tekst)"
        rows.append(f"| `{key}` | {required} | {form} | {description} |")
    return "\n".join(rows) + "\n"


def roles_table() -> str:
    """The built-in roles and the other spellings each is known by (values.ROLES)."""
    from samtale_cli.core.values import ROLES

    rows = ["| rolle | også skrevet |", "| --- | --- |"]
    rows += [f"| {name} | {', '.join(aliases)} |" for name, aliases in ROLES.items()]
    return "\n".join(rows) + "\n"


def format_blocks() -> dict[str, str]:
    """The generated blocks of docs/format.md, by name."""
    blocks = {"roller": roles_table()}
    for cls in models():
        blocks[f"nøgler:{cls.__name__}"] = f"### {_title(cls)}\n\n{keys_table(cls)}"
    return blocks


# --- codes ----------------------------------------------------------------------------


def codes_page() -> str:
    lines = [
        "# Koder fra samtale check",
        "",
        "Hvert fund fra `samtale check` har en kode. `samtale forklar KODE` viser det samme "
        "i terminalen. Siden er lavet af kataloget i `src/samtale_cli/core/catalogue.py`.",
        "",
        catalogue.markdown_table(),
    ]
    for entry in catalogue.CODES.values():
        lines += [f"## {entry.code}: {entry.title}", "", f"Niveau: {entry.level.value}.", "", entry.explanation, ""]
        for label, example in (("Forkert", entry.bad), ("Rigtigt", entry.good)):
            if example:
                lines += [f"{label}:", "", "```yaml", example, "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- commands -------------------------------------------------------------------------


_WIDTH = {"terminal_width": 88, "max_content_width": 88, "help_option_names": ["-h", "--help"]}


def commands_page() -> str:
    """Every command's help, as ``samtale KOMMANDO --help`` prints it."""
    import typer

    from samtale_cli.cli.main import app

    group = typer.main.get_command(app)
    lines = [
        "# Kommandoerne",
        "",
        "Hjælpen til hver kommando, som `samtale KOMMANDO --help` viser den. Siden er lavet "
        "af kommandolinjens egen hjælp.",
        "",
        "```",
        _help(group, typer.Context(group, info_name="samtale", **_WIDTH)),
        "```",
    ]
    for name, command in group.commands.items():
        parent = typer.Context(group, info_name="samtale", **_WIDTH)
        ctx = typer.Context(command, parent=parent, info_name=name, **_WIDTH)
        lines += ["", f"## samtale {name}", "", "```", _help(command, ctx), "```"]
    return "\n".join(lines) + "\n"


def _help(command: Any, ctx: Any) -> str:
    return command.get_help(ctx).rstrip()


# --- writing and checking -------------------------------------------------------------


def _fill(text: str, blocks: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in blocks:
            return match.group()
        return f"{match.group(1)}{blocks[name]}{match.group(4)}"

    return _BLOCK.sub(replace, text)


def expected() -> dict[Path, str]:
    """Every generated file (or file with generated parts) as it should read."""
    readme = REPO / "README.md"
    fmt = REPO / "docs" / "format.md"
    return {
        readme: _fill(readme.read_text(encoding="utf-8"), {"koder": catalogue.markdown_table()}),
        fmt: _fill(fmt.read_text(encoding="utf-8"), format_blocks()),
        REPO / "docs" / "koder.md": codes_page(),
        REPO / "docs" / "kommandoer.md": commands_page(),
    }


def stale() -> list[Path]:
    """The files whose generated parts are out of date."""
    return [p for p, text in expected().items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def main() -> None:
    for path, text in expected().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"skrev {path.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
