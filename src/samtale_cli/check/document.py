"""From loaded data to a model, with pydantic's errors mapped back to line and column.

Pydantic reports errors by *path* (``('dagsorden', 3, 'minutter')``); the loader
knows the position of every path. This module joins the two and writes the message
in Danish, suggesting the nearest known key for a misspelt one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from samtale_cli.core import catalogue
from samtale_cli.core import kinds
from samtale_cli import model as m
from samtale_cli.core.diagnostics import Diagnostic
from samtale_cli.core.kinds import WORKSPACE_FILE
from samtale_cli.core.text import LOOSE, closest, same, suggest
from samtale_cli.check.loader import DataPath, Loaded, Reader, Source, load_path, read_regular


@dataclass(slots=True)
class Document:
    """One file: its source positions, its model (None when invalid) and its findings."""

    path: Path
    source: Source
    model: BaseModel | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: Any = None  # the loaded values, as written (before validation)

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def kind(self) -> kinds.Kind | None:
        return kinds.kind_of(self.model) if self.model is not None else None


_READABLE = frozenset({catalogue.S805.code, catalogue.S806.code})
QUOTE_WHOLE = "Sæt hele teksten i anførselstegn"  # F012's advice for 'key: value' read from a text


def read(path: Path, file: str, reader: Reader = read_regular) -> Document:
    """Load ``path`` and validate it against the model its name or ``type`` calls for."""
    loaded = load_path(path, file, rename_key=m.canonical_key, read=reader)
    doc = Document(path, loaded.source, diagnostics=list(loaded.diagnostics), data=loaded.data)
    # a text cut off at '#' (S805) or two list items read as one (S806) is an error, but
    # the file can still be read for the rest
    if loaded.data is None or any(d.is_error and d.code not in _READABLE for d in loaded.diagnostics):
        return doc
    doc.model, problems = build(loaded, workspace=path.name == WORKSPACE_FILE)
    whole = {d.line for d in problems if d.code == catalogue.F012.code and QUOTE_WHOLE in d.message}
    if whole:  # one slip, one finding: F012's advice already keeps the text after '#'
        doc.diagnostics = [d for d in doc.diagnostics if not (d.code == catalogue.S805.code and d.line in whole)]
    doc.diagnostics.extend(problems)
    return doc


def refused_document(path: Path, file: str, finding: Diagnostic) -> Document:
    """A file that is not read at all (a link out of the workspace, ...), with why."""
    return Document(path, Source(file, ""), diagnostics=[finding])


def build(loaded: Loaded, *, workspace: bool = False) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate loaded data against its kind's model: the workspace's, or the one its
    ``type`` names."""
    source, data = loaded.source, loaded.data
    file = source.file
    if not isinstance(data, dict):
        return None, [catalogue.F001.at(file, 1, 1, "Filen skal bestå af nøgler og værdier (nøgle: værdi) øverst.")]
    if workspace:
        cls: type[BaseModel] = m.Workspace
    else:
        written = data.get("type")
        if written is None:
            examples = kinds.choices([f"'type: {k.name}'" for k in kinds.DOCUMENT_KINDS])
            return None, [catalogue.F002.at(file, 1, 1, f"Feltet 'type' mangler. Skriv fx {examples}.")]
        kind = kinds.kind_named(written) if isinstance(written, str) else None
        if kind is None:
            pos = source.value_pos(("type",))
            names = [k.name for k in kinds.DOCUMENT_KINDS]
            hint = _suggest(str(written), names)
            return None, [
                catalogue.F003.at(
                    file, pos.line, pos.col,
                    f"Ukendt dokumenttype '{written}'.{hint} Typen er {kinds.choices(names)}.",
                )
            ]
        data = {**data, "type": kind.name}
        cls = kind.model
    try:
        return cls.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        found, unknown = [], 0
        for err in errors:
            if err["type"] == "missing" and _misspelt(err, errors, cls):
                continue  # one typo, one finding: the unknown key's "Mente du ...?" says it
            unknown += err["type"] == "extra_forbidden"
            found.append(_diagnostic(source, cls, err, data, suggest=unknown <= MAX_SUGGESTIONS))
        return None, found


def _misspelt(missing: Any, errors: list[Any], cls: type[BaseModel]) -> bool:
    """Whether a missing key was written, misspelt, in the same mapping (laeringsfokuss
    for læringsfokus): then the unknown key's finding is the one that helps."""
    parent, wanted = tuple(missing["loc"][:-1]), missing["loc"][-1]
    for err in errors[:MAX_SUGGESTIONS]:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc[:-1] == parent:
            if closest(str(loc[-1]), [str(wanted)], key=str.lower, cutoff=LOOSE) is not None:
                return True
    return False


# difflib is slow: a file with thousands of unknown keys gets suggestions for the first few only.
MAX_SUGGESTIONS = 100


def _diagnostic(source: Source, cls: type[BaseModel], err: Any, data: Any = None, *, suggest: bool = True) -> Diagnostic:
    # a union's tag ('<dato>', model.ClosingDay) names no key of the file
    loc: DataPath = tuple(part for part in err["loc"] if not (isinstance(part, str) and part[:1] == "<" and part[-1:] == ">"))
    kind = err["type"]
    key = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    if isinstance(loc[-1:][0] if loc else None, int) and key:  # an item of a list: say which, in words
        key = describe(loc, data)
    if kind == "extra_forbidden":
        pos = source.key_pos(loc)
        allowed = _aliases(_model_at(cls, loc[:-1]))
        hint = _suggest(str(loc[-1]), allowed) if suggest else ""
        if not hint and allowed:  # nothing close: say what may stand here
            hint = f" Nøglerne her er: {', '.join(k for k in allowed if k != 'type')}."
        return catalogue.F010.at(source.file, pos.line, pos.col, f"Ukendt nøgle '{loc[-1]}'.{hint}")
    if kind == "missing":
        parent = loc[:-1]
        pos = source.key_pos(parent) if parent else source.value_pos(())
        where = f" i {describe(parent, data)}" if parent else ""
        return catalogue.F011.at(source.file, pos.line, pos.col, f"Feltet '{loc[-1]}' mangler{where}.")
    pos = source.value_pos(loc)
    code = catalogue.F020 if kind == "samtale" else catalogue.F012
    message = _message(kind, key, err, _written(source, pos))
    if loc[:2] == ("opmærksomhedspunkter", "punkter") and kind != "samtale":  # a plan's points: their numbers
        message += " 'punkter' er numrene på arkets punkter, fx punkter: [1, 2]."
    return code.at(source.file, pos.line, pos.col, message[:1].upper() + message[1:])


_COMMENT = re.compile(r"\s#(?:\s|$)")  # a comment begins with ' # ' (a '#2' glued to a word is text: S805)


def _written(source: Any, pos: Any) -> str | None:
    """The text of the line at ``pos`` from its column on, as the person wrote it, up to
    a comment; None when the source has no text."""
    lines = source.text.split("\n") if source.text else []
    if not 0 < pos.line <= len(lines):
        return None
    rest = lines[pos.line - 1][pos.col - 1:].rstrip("\r")
    cut = _COMMENT.search(rest)
    return (rest[: cut.start()] if cut else rest).strip() or None


def _message(kind: str, key: str, err: Any, written: str | None = None) -> str:
    field_ = (key if key.startswith(("punkt", "deltager", "del ", "fase", "milepæl", "møde", "datakilde", "underpunkt",
                                     "aftale", "lukkedag", "evaluering", "nr.")) else f"'{key}'") if key else "Værdien"
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind == "samtale":
        return f"{field_}: {err['msg']}"
    if kind == "string_type" and isinstance(given, dict) and len(given) == 1:
        # '- Fællesskab: alle børn' -- the person wrote text; YAML read 'key: value'
        (head, tail), = given.items()
        text = written or (f"{head}: {tail}" if tail is not None else f"{head}:")  # the line, '#2' and all
        quote = "'" if '"' in text and "'" not in text else '"'
        return (f"{field_} blev læst som 'nøgle: værdi', fordi teksten har et kolon med mellemrum efter (': '). "
                f"{QUOTE_WHOLE}: {quote}{text}{quote}")
    if kind == "string_type":
        return f"{field_} skal være tekst."
    if kind in ("list_type", "tuple_type") and isinstance(given, str) and given.lstrip().startswith("-"):
        return f"{field_} skal være en liste, og efter '-' skal der stå et mellemrum: '- Første punkt'."
    if kind in ("list_type", "tuple_type"):
        return f"{field_} skal være en liste (linjer, der starter med '- ')."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{field_} skal være en samling af nøgler og værdier (nøgle: værdi)."
    if kind in ("bool_type", "bool_parsing"):
        return f"{field_} skal være true eller false."
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{field_} skal have mindst {least} {'punkt' if least == 1 else 'punkter'}."
    if kind == "too_long":
        return f"{field_} må højst have {ctx.get('max_length')} punkter."
    if kind == "literal_error":
        return f"{field_} skal være {ctx.get('expected', '')}."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{field_} skal være et helt tal, fx 2."
    return f"{field_} har en ugyldig værdi."


# How an item of a list is named in messages: the list's key -> (the item's noun, the
# key whose value names it). "deltager nr. 10 (Mads Frederiksen)", not "deltagere[9]".
_ITEMS = {
    "deltagere": ("deltager", "navn"), "dagsorden": ("punkt", "emne"), "tidsramme": ("del", "del"),
    "datagrundlag": ("datakilde", "titel"), "faser": ("fase", "navn"), "milepæle": ("milepæl", "titel"),
    "møder": ("møde", "titel"), "aftaler": ("aftale", "hvad"), "lukkedage": ("lukkedag", "navn"),
    "evalueringer": ("evaluering", "dato"),
}


def describe(path: DataPath, data: Any = None) -> str:
    """A place in a document in Danish words, innermost first: "underpunkt nr. 2
    (Analyse af data i grupper) i punkt nr. 4 (Data)"; a key alone: "'pejlemærker'"."""
    parts: list[str] = []
    node = data
    owner = None
    for part in path:
        child = None
        if isinstance(part, int):
            noun, name_key = _ITEMS.get(str(owner), ("punkt", ""))
            if owner == "punkter" and len(path) > 2 and path[0] == "dagsorden":
                noun, name_key = "underpunkt", "emne"
            elif owner == "punkter":
                noun = "punkt"
            if isinstance(node, list) and 0 <= part < len(node):
                child = node[part]
            label = f"{noun} nr. {part + 1}"
            if isinstance(child, dict) and isinstance(child.get(name_key), (str, int)):
                label += f" ({child[name_key]})"
            elif isinstance(child, str) and len(child) <= 40:
                label += f" ({child})"
            named = owner in _ITEMS or owner == "punkter"  # the noun says which list it is
            if owner is not None and parts and parts[-1] == f"'{owner}'":
                parts[-1] = label if named else f"{label} under '{owner}'"
            else:
                parts.append(label)
        else:
            if isinstance(node, dict):
                child = node.get(part)
            parts.append(f"'{part}'")
            owner = part
        node = child
    words = [p for p in parts if not (p.startswith("'") and p != parts[-1])]
    return " i ".join(reversed(words)) if words else ""


def _suggest(word: str, choices: Any) -> str:
    """A key as written first, else in lower case (then suggested in lower case)."""
    return suggest(word, choices, key=same, cutoff=LOOSE) or suggest(
        word.lower(), [c.lower() for c in choices], key=same, cutoff=LOOSE)


def _aliases(cls: type[BaseModel] | None) -> list[str]:
    if cls is None:
        return []
    return [info.alias or name for name, info in cls.model_fields.items()]


def _model_at(cls: type[BaseModel], loc: DataPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (walking fields and lists)."""
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue  # list index: the item type is found from the field annotation
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        models = m.models_in(info.annotation)
        current = models[0] if models else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


__all__ = ["Document", "read", "build", "WORKSPACE_FILE"]
