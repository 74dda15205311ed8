"""``samtale schema``: JSON Schemas (draft 2020-12) for editors, made from the pydantic
models of :mod:`samtale_cli.model` and adjusted to what ``samtale check`` accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BeforeValidator
from pydantic.json_schema import GenerateJsonSchema

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.check.workspace import relative
from samtale_cli.core.files import check_inside, write_new
from samtale_cli.core.kinds import SCHEMA_DIR, Kind
from samtale_cli.model import NumberList, People, Text, TextList, ThemedList

if TYPE_CHECKING:
    from samtale_cli.check.workspace import Workspace

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


# Titles of the models inside the documents; the documents' own come from the kinds table.
DEF_TITLES = {
    **{k.model_name: k.title for k in kinds.ALL_KINDS},
    "Part": "Del af mødet",
    "Participant": "Deltager",
    "DataSource": "Datakilde",
    "AgendaItem": "Dagsordenspunkt",
    "SubItem": "Underpunkt",
    "Milestone": "Milepæl",
    "Recurring": "Tilbagevendende møde",
    "Phase": "Fase",
    "ClosedPeriod": "Lukkeperiode",
    "Agreement": "Aftale",
    "Evaluation": "Evaluering",
    "FollowUp": "Opfølgning på opmærksomhedspunkter",
    "ThemedText": "Tekst med temaer",
}
_CLOCK_PATTERN = r"^\s*[\x22'“”„‘’«»]?\s*(?:[kK][lL]\.?\s*)?\d{1,2}(?:[:.]\d{2})?\s*[\x22'“”„‘’«»]?\s*$"
_KEYS_NOTE = (
    "Editorer foreslår de danske nøgler (med æ, ø og å); ASCII-stavemåderne "
    "(fx pejlemaerker, formaal, data_peger_paa) accepteres også, men foreslås ikke."
)


def _before_validator(annotated: Any) -> Any:
    """The function of the ``BeforeValidator`` in an ``Annotated`` type of :mod:`samtale_cli.model`."""
    return next(meta.func for meta in annotated.__metadata__ if isinstance(meta, BeforeValidator))


_TEXT = _before_validator(Text)  # free text: a number is taken as text
_LISTIFY = _before_validator(TextList)  # a single text where a list is expected is a list of one
_PEOPLE = _before_validator(People)  # 'ansvarlig': a list, or one text naming several
_THEMED = _before_validator(ThemedList)  # pejlemærker, punkter: a list of texts or {tekst, temaer}, or one
_NUMBERS = _before_validator(NumberList)  # a plan's 'punkter': a list, one number, or '1, 2' / '1 og 2'
_NUMBERS_IN_A_LINE = r"^\s*\d+(\s*(,|og|&)\s*\d+)*\s*$"


class _Generator(GenerateJsonSchema):
    """pydantic's generator, told what the before-validators of the model let through.

    Once generated, a free-text field cannot be told from a date or an interval field
    (each is ``{"type": "string"}`` with the field's description), so the rule is applied
    here, where the validator the field really uses is known: every ``Text`` accepts a
    string or a number, every ``TextList`` a list of those or a single one.
    """

    def function_before_schema(self, schema: Any) -> Any:
        inner = super().function_before_schema(schema)
        function = schema["function"]["function"]
        if function is _TEXT:
            return {"type": ["string", "number"]}
        if function is _LISTIFY or function is _PEOPLE or function is _THEMED:
            return {"anyOf": [inner, inner["items"]]}
        if function is _NUMBERS:
            return {"anyOf": [inner, inner["items"], {"type": "string", "pattern": _NUMBERS_IN_A_LINE}]}
        return inner


def _pydantic_schema(kind: Kind) -> dict[str, Any]:
    return kind.model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}", schema_generator=_Generator)


def _relax(node: Any) -> Any:
    """Adjust pydantic's schema to what samtale really accepts; see :func:`schema_for`."""
    if isinstance(node, list):
        return [_relax(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _relax(value) for key, value in node.items()}
    if node.get("pattern") == r"^\d{1,2}[:.]\d{2}$":
        node["pattern"] = _CLOCK_PATTERN
    props = node.get("properties")
    if isinstance(props, dict):
        for key, sub in props.items():
            sub.pop("title", None)
        ascii_keys = {
            f"^{re.escape(v.fold_ascii(key))}$": sub for key, sub in props.items() if v.fold_ascii(key) != key
        }
        if ascii_keys:
            node["patternProperties"] = ascii_keys
        type_prop = props.get("type")
        if isinstance(type_prop, dict) and "const" in type_prop:
            const = type_prop.pop("const")
            spellings = [const] + ([v.fold_ascii(const)] if v.fold_ascii(const) != const else [])
            type_prop["enum"] = spellings
    return node


def schema_for(kind: Kind | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for ``kind``, or for every document type when None.

    The properties are the Danish keys; the ASCII spellings are accepted through
    ``patternProperties`` (so editors do not offer them, but do not flag them). With no
    kind, the schema is a ``oneOf`` over the three document types, told apart by
    ``type``; ``samtale.yaml`` is not among them (use kind ``samtale``).

    Free-text fields accept numbers as well as strings (``sted: 8210``), and a list of
    texts also a single text, as ``samtale check`` does (see :class:`_Generator`).
    """
    if kind is None:
        defs: dict[str, Any] = {}
        refs = []
        for doc_kind in kinds.DOCUMENT_KINDS:
            schema = _pydantic_schema(doc_kind)
            defs.update(schema.pop("$defs", {}))
            defs[doc_kind.model_name] = schema
            refs.append({"$ref": f"#/$defs/{doc_kind.model_name}"})
        body: dict[str, Any] = {
            "title": "samtale-dokument",
            "description": "Et samtale-dokument: læringssamtale, opmærksomhedspunkter eller indsats "
            f"(afgøres af 'type'). {_KEYS_NOTE}",
            "type": "object",
            "required": ["type"],
            "oneOf": refs,
            "$defs": defs,
        }
    else:
        body = _pydantic_schema(kind)
        what = "samtale.yaml, arbejdsmappens fil" if kind is kinds.WORKSPACE else f"type: {kind.name}"
        body["description"] = f"samtale: {what}. {_KEYS_NOTE}"
    for name, sub in body.get("$defs", {}).items():
        sub["title"] = DEF_TITLES.get(name, name)
    if kind is not None:
        body["title"] = kind.title
    body = _relax(body)
    defs = body.pop("$defs", None)
    ordered = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$comment": "Lavet med samtale; lav den igen med 'samtale schema'.",
        **{k: body.pop(k) for k in ("title", "description") if k in body},
        **body,
    }
    if defs is not None:
        ordered["$defs"] = defs
    return ordered


def schema_text(kind: Kind | None = None) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def ensure_schema(ws: Workspace, kind: Kind, notes: list[str]) -> Path:
    """The workspace's schema file for ``kind``; written when missing."""
    path = ws.root / SCHEMA_DIR / kind.schema_file
    check_inside(path, ws.root)
    if not path.exists():
        write_new(path, schema_text(kind))
        notes.append(f"Skrev JSON Schema til editorer: {path}")
    return path


def modeline(ws: Workspace | None, kind: Kind, target: Path, notes: list[str]) -> str:
    if ws is None:
        return (
            "# Ingen samtale.yaml fundet, så ingen schema-henvisning. "
            f"Lav en med: samtale schema {kind.ascii} -o {kind.schema_file}"
        )
    schema = ensure_schema(ws, kind, notes)
    return f"# yaml-language-server: $schema={relative(schema, target.parent)}"
