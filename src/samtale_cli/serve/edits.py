"""Changes to a YAML file's text that touch only the lines of what changed.

The building blocks of the after-meeting page (:mod:`samtale_cli.serve.after`): set a
key of a mapping (replace its lines, add them after the mapping's last line, or remove
them), add an item at the end of a block sequence, remove one item. ruamel.yaml's
composer says where each node stands; its emitter writes the new lines (quoted where
they must be); every other line is kept byte for byte (comments, key order, quoting,
line endings, a byte order mark), as :mod:`samtale_cli.serve.minutes` does for minutes.
"""

from __future__ import annotations

import io
import re
import sys
from typing import Any

from samtale_cli.serve.minutes import NotSaved, needs_quotes, masked, _child, _comment, _empty, _indent, _Lines, _last_line, _Positions

Step = str | int  # a key of a mapping or an index into a sequence

UNREADABLE = "Filen kan ikke læses som YAML; ret den først ('samtale check')."


class Flow(list):  # type: ignore[type-arg]
    """A list written on one line (``[a, b]``), as ``ansvarlig`` usually is."""


def _value(value: Any) -> Any:
    """``value`` as ruamel.yaml should write it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        return DoubleQuotedScalarString(value) if needs_quotes(value) else value
    if isinstance(value, list):
        seq = CommentedSeq([_value(item) for item in value])
        if isinstance(value, Flow):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, _value(v)) for k, v in value.items())
    return value  # a date, a number


def fragment(key: str, value: Any) -> list[str]:
    """``key: value`` as ruamel.yaml writes it, as lines, from column 0; the first
    without the key (``: value`` or ``:``)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = sys.maxsize  # never fold a long line
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump({key: _value(value)}, out)
    lines = out.getvalue().split("\n")[:-1]
    lines[0] = lines[0][len(key):]
    if isinstance(value, str) and "\n" in value and value.startswith(("\t", " ")) and not any(
            c.isdigit() for c in lines[0]):
        lines[0] = lines[0].replace("|", "|2", 1)  # a block that opens with white space says its indentation
    return lines


class YamlText:
    """A YAML file's text and its composed nodes, changed one piece at a time."""

    def __init__(self, raw: bytes) -> None:
        self.doc = _Lines.parse(raw)
        self._compose()

    def _compose(self) -> None:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        self.at = _Positions(self.doc.text)
        try:
            self.root = YAML().compose(masked(self.at.text))
        except YAMLError:
            raise NotSaved(UNREADABLE, 422) from None

    def encode(self) -> bytes:
        return self.doc.encode()

    def node(self, path: list[Step]) -> Any:
        """The node at ``path`` (keys and indexes from the top), or None."""
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        node = self.root
        for step in path:
            if isinstance(step, str) and isinstance(node, MappingNode):
                found = _child(node, step)
                node = found[1] if found else None
            elif isinstance(step, int) and isinstance(node, SequenceNode) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return None
        return node

    def has(self, path: list[Step], key: str) -> bool:
        """Whether the mapping at ``path`` has ``key`` written."""
        from ruamel.yaml.nodes import MappingNode

        node = self.node(path)
        return isinstance(node, MappingNode) and _child(node, key) is not None

    def _mapping(self, path: list[Step]) -> Any:
        from ruamel.yaml.nodes import MappingNode

        node = self.node(path)
        if not isinstance(node, MappingNode) or not node.value:
            raise NotSaved("Det, der skal ændres, findes ikke i filen (eller er ikke skrevet som nøgler).", 404)
        if node.flow_style:
            raise NotSaved("Den del af filen er skrevet på én linje ({...}); ret den i en editor.", 422)
        return node

    def _put(self, first: int, last: int, new: list[str], end: str = "") -> None:
        """Lines ``first..last`` (inclusive; ``last = first - 1``: none) become ``new``."""
        if first > 0 and not self.doc.lines[first - 1][1]:  # the file ended without a line break
            content, _ = self.doc.lines[first - 1]
            self.doc.lines[first - 1] = (content, self.doc.newline)
        ending = end or self.doc.newline
        self.doc.lines[first:last + 1] = [(line, ending) for line in new]
        self._compose()

    def set_key(self, path: list[Step], key: str, value: Any) -> None:
        """Set ``key`` of the mapping at ``path`` to ``value`` (None: remove the key)."""
        mapping = self._mapping(path)
        column = self.at.col(mapping.value[0][0].start_mark.index)
        existing = _child(mapping, key)
        if existing is None:
            if value is None:
                return
            after = _last_line(mapping, self.at)
            lines = fragment(key, value)
            new = [" " * column + key + lines[0], *(_indent(line, column) for line in lines[1:])]
            self._put(after + 1, after, new)
            return
        self._replace(existing, column, value)

    def _replace(self, existing: tuple[Any, Any], column: int, value: Any) -> None:
        at, doc = self.at, self.doc
        key, old = existing
        first, last = at.line(key.start_mark.index), _last_line(old, at, key)
        content, end = doc.lines[first]
        key_col, key_end = at.col(key.start_mark.index), at.col(key.end_mark.index)
        prefix, key_text = content[:key_col], content[key_col:key_end]
        comment = self._old_comment(key, old, content, last)
        kept = [doc.lines[k][0] for k in range(first + 1, min(last + 1, at.line(old.start_mark.index)))
                if doc.lines[k][0].lstrip().startswith("#")]
        if value is None:
            if prefix.strip():  # "- key: ..." opens an item: the dash would go with it
                raise NotSaved(f"'{key_text}' står først i sit punkt i filen; ret det i en editor.", 422)
            self._put(first, last, kept, end)
            return
        lines = fragment(key.value, value)
        new = [prefix + key_text + lines[0] + ("  " + comment if comment else "")]
        new.extend(_indent(line, column) for line in lines[1:])
        self._put(first, last, kept + new, end)

    def _old_comment(self, key: Any, old: Any, content: str, last: int) -> str:
        """The comment at the end of a value's line, kept on the new value's first line."""
        at = self.at
        if _empty(old):
            return _comment(content[at.col(key.end_mark.index):])
        if getattr(old, "style", None) in ("|", ">"):
            return _comment(content[at.col(old.start_mark.index):])
        if getattr(old, "flow_style", None) is False:  # a block collection: comments stay inside it
            return ""
        if at.line(old.end_mark.index) == last or at.line(max(old.start_mark.index, old.end_mark.index - 1)) == last:
            return _comment(self.doc.lines[last][0][at.col(old.end_mark.index):])
        return ""

    def _sequence(self, path: list[Step]) -> Any:
        from ruamel.yaml.nodes import SequenceNode

        node = self.node(path)
        if not isinstance(node, SequenceNode):
            return None
        if node.flow_style and node.value:
            raise NotSaved("Listen er skrevet på én linje ([...]); ret den i en editor.", 422)
        return node

    def remove_item(self, path: list[Step], index: int) -> None:
        """Remove item ``index`` of the block sequence at ``path``; the last item takes
        the key with it."""
        seq = self._sequence(path)
        if seq is None or not 0 <= index < len(seq.value):
            raise NotSaved("Punktet findes ikke i filen.", 404)
        if len(seq.value) == 1:
            self.set_key(path[:-1], str(path[-1]), None)
            return
        item = seq.value[index]
        first = self.at.line(item.start_mark.index)
        for above in range(first - 1, -1, -1):  # "-" alone on its line, the item's keys below it
            content = self.doc.lines[above][0].strip()
            if content and not content.startswith("#"):
                if re.fullmatch(r"-(\s+#.*)?", content):
                    first = above
                break
        self._put(first, _last_line(item, self.at), [])

    def set_items(self, path: list[Step], key: str, items: list[Any], kept: list[int | None]) -> None:
        """Set the list ``key`` of the mapping at ``path`` to ``items``; where ``kept[i]``
        names an item of the list as it is written, item ``i`` is that item's lines as
        they stand (its keys, comments and quoting, whatever ``items[i]`` says), the
        others are written anew. Comment lines between two items go with the later one."""
        from ruamel.yaml.nodes import SequenceNode

        node = self.node([*path, key])
        if not items or not isinstance(node, SequenceNode) or not node.value or node.flow_style:
            self.set_key(path, key, items or None)
            return
        if kept == list(range(len(node.value))):
            return
        at, lines = self.at, self.doc.lines
        first, dash = at.line(node.start_mark.index), at.col(node.start_mark.index)
        if lines[first][0][dash:dash + 1] != "-":
            raise NotSaved("Listen i filen kan ikke ændres sikkert; ret den i en editor.", 422)
        chunks, start = [], first
        for item in node.value:
            last = _last_line(item, at)
            chunks.append(lines[start:last + 1])
            start = last + 1
        newline, new = self.doc.newline, []
        for value, old in zip(items, kept):
            if old is not None:
                new.extend((content, end or newline) for content, end in chunks[old])
            else:
                new.extend((_indent(text[2:], dash), newline) for text in fragment("x", [value])[1:])
        new[-1] = (new[-1][0], lines[start - 1][1])  # the list's last line ends as it did
        self.doc.lines[first:start] = new
        self._compose()

    def append_item(self, path: list[Step], item: Any) -> None:
        """Add ``item`` at the end of the sequence at ``path`` (made when it is missing)."""
        seq = self._sequence(path)
        if seq is None or not seq.value:
            self.set_key(path[:-1], str(path[-1]), [item])
            return
        first_item = seq.value[0]
        line = self.doc.lines[self.at.line(first_item.start_mark.index)][0]
        dash = line.rfind("-", 0, self.at.col(first_item.start_mark.index))
        if dash < 0:
            raise NotSaved("Listen i filen kan ikke udvides sikkert; ret den i en editor.", 422)
        lines = fragment("x", [item])[1:]
        new = [_indent(text[2:], dash) for text in lines]  # the fragment's dash stands at column 2
        after = _last_line(seq, self.at)
        self._put(after + 1, after, new)
