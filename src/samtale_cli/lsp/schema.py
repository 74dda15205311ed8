"""What the JSON Schema of a document's kind says about a place in it: the description of
a key (the same text ``samtale schema`` writes, so the editor's hover says what the YAML
extension's does), the keys that may stand under a path, and the values a key takes
from a fixed list (``status``, ``fremmøde``, ``type``).

The schema is made once per kind (:func:`samtale_cli.out.schema.schema_for`).
"""

from __future__ import annotations

import functools
import re
from pathlib import PurePath
from typing import Any

from samtale_cli.core import kinds
from samtale_cli.core.values import fold_ascii
from samtale_cli.lsp.outline import ITEM

_TYPE_LINE = re.compile(r"^\ufeff?type:[ \t]*[\"']?(?P<kind>[^\"'#\n]+?)[\"']?[ \t]*(?:#.*)?$", re.M)


def kind_of(name: str, text: str) -> kinds.Kind | None:
    """The kind of the file named ``name`` with ``text``: samtale.yaml is the
    workspace's; another file is what its ``type:`` line says (None: not yet written,
    or no kind)."""
    if PurePath(name).name == kinds.WORKSPACE_FILE:
        return kinds.WORKSPACE
    found = _TYPE_LINE.search(text)
    return kinds.kind_named(found.group("kind").strip()) if found else None


@functools.cache
def _schema(kind: kinds.Kind) -> dict[str, Any]:
    from samtale_cli.out.schema import schema_for

    return schema_for(kind)


def _deref(root: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = root.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {})
    return node


def _branches(root: dict[str, Any], node: Any) -> list[dict[str, Any]]:
    """``node`` and the branches of its anyOf/oneOf, dereferenced."""
    node = _deref(root, node)
    if not isinstance(node, dict):
        return []
    found = [node]
    for branch in (*node.get("anyOf", ()), *node.get("oneOf", ()), *node.get("allOf", ())):
        found.extend(_branches(root, branch))
    return found


def _child(root: dict[str, Any], node: Any, part: str) -> Any:
    for branch in _branches(root, node):
        if part == ITEM and "items" in branch:
            return branch["items"]
        if part != ITEM:
            props = branch.get("properties", {})
            if part in props:
                return props[part]
            for pattern, sub in branch.get("patternProperties", {}).items():
                if re.search(pattern, part):
                    return sub
            if isinstance(branch.get("additionalProperties"), dict):
                return branch["additionalProperties"]
    return None


def node_at(kind: kinds.Kind, path: tuple[str, ...]) -> Any:
    """The schema of the value at ``path`` (keys and ITEM), or None where the schema has
    no such place."""
    root = _schema(kind)
    node: Any = root
    for part in path:
        node = _child(root, node, part)
        if node is None:
            return None
    return node


def description(kind: kinds.Kind, path: tuple[str, ...]) -> str | None:
    """The schema's description of the key at the end of ``path``, with the title of
    what it holds ("Deltager") when that is a collection of keys."""
    node = node_at(kind, path)
    if not isinstance(node, dict):
        return None
    text = node.get("description")
    titles = [b["title"] for b in _branches(_schema(kind), node) if "title" in b and b is not node]
    if text is None:
        items = [b.get("items") for b in _branches(_schema(kind), node) if "items" in b]
        text = next((b.get("description") for b in _branches(_schema(kind), items[0])), None) if items else None
    if text is None and not titles:
        return None
    head = f"**{path[-1]}**" + (f" ({titles[0]})" if titles else "")
    return f"{head}: {text}" if text else head


def keys(kind: kinds.Kind, path: tuple[str, ...]) -> list[tuple[str, str]]:
    """The keys that may stand at ``path`` (a mapping), each with its description, in
    the schema's order; the ASCII spellings are left out, as the schema's editors do."""
    root = _schema(kind)
    node = node_at(kind, path) if path else root
    found: dict[str, str] = {}
    for branch in _branches(root, node):
        for key, sub in branch.get("properties", {}).items():
            found.setdefault(key, (sub.get("description") or "") if isinstance(sub, dict) else "")
    return list(found.items())


def values(kind: kinds.Kind, path: tuple[str, ...]) -> list[str]:
    """The values the schema lists for ``path`` (an enum), one spelling each: the first
    of the ones that are the same word (``mødt``, not ``Mødt`` or ``moedt``)."""
    root = _schema(kind)
    listed: list[str] = []
    for branch in _branches(root, node_at(kind, path)):
        for sub in (branch, *(_branches(root, branch["items"]) if "items" in branch else ())):
            listed.extend(str(v) for v in sub.get("enum", ()) if isinstance(v, str))
    seen: set[str] = set()
    chosen = []
    for value in listed:
        family = fold_ascii(value).casefold()
        if family not in seen:
            seen.add(family)
            chosen.append(value)
    return chosen
