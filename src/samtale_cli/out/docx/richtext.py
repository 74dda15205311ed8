"""Markdown in free text as Word paragraphs, runs and lists.

markdown-it-py's tokens (from :func:`samtale_cli.out.markdown.parser`, the parser of the
HTML pages) become Word formatting: bold, italics, links, code, lists and quotes, so no
raw markup reaches the page; raw HTML stays text, and an image becomes a link with its
description, as in HTML. A link is a Word hyperlink only to http, https or mailto.
"""

from __future__ import annotations

from typing import Any, Protocol

from samtale_cli.out import markdown
from samtale_cli.out.docx import oxml
from samtale_cli.out.docx.vocabulary import LIST_INDENT


class Paragraphs(Protocol):
    """What the writer needs of :class:`samtale_cli.out.docx.builder.Builder`."""

    doc: Any

    def paragraph(self, container: Any = None, text: str = "", style: str | None = None, *,
                  indent: int = 0, num: tuple[int, int] | None = None) -> Any: ...

    def list_paragraph(self, container: Any, num: int | None, level: int) -> Any: ...

    def new_list(self, kind: str, start: int = 1) -> int: ...

    def link_style(self) -> str | None: ...


class MarkdownWriter:
    """markdown-it-py tokens to Word paragraphs, runs and lists (raw HTML stays text)."""

    def __init__(self, builder: Paragraphs, container: Any) -> None:
        self.b = builder
        self.container = container

    def blocks(self, text: str, level: int = -1) -> None:
        self._walk(markdown.parser().parse(markdown.word_bullets(text.strip())), level)

    def list_item(self, text: str, num: int, *, block: bool) -> None:
        """One entry of a list made by :meth:`Builder.items`."""
        if not block:
            self.inline_into(self.b.list_paragraph(self.container, num, 0), text)
            return
        tokens = markdown.parser().parse(markdown.word_bullets(text.strip()))
        rest = tokens
        if len(tokens) >= 3 and tokens[0].type == "paragraph_open":
            self._inline(self.b.list_paragraph(self.container, num, 0), tokens[1].children or [])
            rest = tokens[3:]
        else:  # no paragraph first (a list or a heading): an empty item, then the rest
            self.b.list_paragraph(self.container, num, 0)
        self._walk(rest, 0)

    def _walk(self, tokens: list[Any], level: int) -> None:
        """Block tokens; ``level`` is the list depth (-1 outside any list)."""
        stack: list[dict[str, Any]] = []  # open lists: numId and whether the item has a paragraph yet
        depth = level
        quote = 0
        for index, tok in enumerate(tokens):
            kind = tok.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                start = int(tok.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 1
                stack.append({"num": self.b.new_list("decimal" if kind == "ordered_list_open" else "bullet", start),
                              "fresh": False})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                stack.pop()
            elif kind == "list_item_open":
                stack[-1]["fresh"] = True
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "inline" and index and tokens[index - 1].type in ("paragraph_open", "heading_open"):
                p = self._block_paragraph(stack, depth, quote)
                self._inline(p, tok.children or [], bold=tokens[index - 1].type == "heading_open")
            elif kind in ("fence", "code_block"):
                p = self._block_paragraph(stack, depth, quote)
                oxml.run(p, tok.content.rstrip("\n"), code=True)
            elif kind == "hr":
                oxml.run(self._block_paragraph(stack, depth, quote), "* * *")

    def _block_paragraph(self, stack: list[dict[str, Any]], depth: int, quote: int) -> Any:
        if stack:
            top = stack[-1]
            num = top["num"] if top["fresh"] else None
            top["fresh"] = False
            return self.b.list_paragraph(self.container, num, depth)
        if depth >= 0:  # inside an item of a list made by Builder.items
            return self.b.list_paragraph(self.container, None, depth)
        return self.b.paragraph(self.container, indent=LIST_INDENT * 2 * quote)

    def inline_into(self, p: Any, text: str, bold: bool = False) -> None:
        tokens = markdown.parser().parseInline(text.strip())
        self._inline(p, tokens[0].children if tokens else [], bold=bold)

    def _inline(self, p: Any, children: list[Any], bold: bool = False) -> None:
        strong, emphasis = int(bold), 0
        link = None
        for tok in children:
            kind = tok.type
            if kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "link_open":
                link = self._hyperlink(p, str(tok.attrs.get("href", "")))
            elif kind == "link_close":
                link = None
            elif kind == "image":  # as in HTML: a link with its description, nothing loaded
                alt = "".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline"))
                src = str(tok.attrGet("src") or "")
                target = self._hyperlink(p, src) if src else None
                style = self.b.link_style() if target is not None else None
                oxml.run(p, f"billede: {alt}" if src else alt, parent=target, style=style,
                     underline=target is not None and style is None,
                     color="0563C1" if target is not None and style is None else None)
            elif kind in ("text", "code_inline", "softbreak", "hardbreak", "html_inline"):
                text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, tok.content)
                style = self.b.link_style() if link is not None else None
                oxml.run(p, text, bold=bool(strong), italic=bool(emphasis), code=kind == "code_inline", parent=link,
                     style=style, underline=link is not None and style is None,
                     color="0563C1" if link is not None and style is None else None)

    def _hyperlink(self, p: Any, href: str) -> Any:
        """A Word hyperlink in ``p`` to ``href``, or None (the text stays plain) for a
        target that is no web page or e-mail address (:func:`markdown.allowed_link`)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        if not markdown.allowed_link(href):
            return None
        rel = self.b.doc.part.relate_to(oxml.clean(href), RT.HYPERLINK, is_external=True)
        link = oxml.sub(p, "w:hyperlink")
        link.set(oxml.qn("r:id"), rel)
        return link
