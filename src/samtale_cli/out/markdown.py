"""Markdown in free text, rendered safely: one parser for the whole program (HTML pages,
Word documents and the Word reader use it), without raw HTML, without images, and with
links only to http, https and mailto (:func:`allowed_link`)."""

from __future__ import annotations

import functools
import re
from typing import Any

from samtale_cli.core.text import WORD_BULLETS


@functools.cache
def parser() -> Any:
    """Markdown for free text: CommonMark without raw HTML (it comes out as text) and
    without images: an image becomes a link with its description, so a page never loads
    anything from elsewhere (no tracking pixel, no request from the machine that makes
    a PDF). Built once: building it per field cost 40 % of a render."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = allowed_link  # any other link stays text, in HTML and in Word

    def image(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        alt = md.renderer.renderInlineAsText(token.children or [], options, env)
        href = md.utils.escapeHtml(token.attrGet("src") or "")
        return f'<a href="{href}">billede: {md.utils.escapeHtml(alt)}</a>' if href else md.utils.escapeHtml(alt)

    md.add_render_rule("image", image)
    return md


# A link may go to a web page or an e-mail address, nothing else: no smb: or file: (a
# Windows machine sends its password hash), no ms-word: or other application, no
# javascript:, vbscript: or data:, no //host (a share, in Word) and no relative path.
_ALLOWED_LINK = re.compile(r"(?:https?://|mailto:)[^\s\\]", re.IGNORECASE)


_MAIL_FIELDS = frozenset({"subject", "body", "cc", "bcc"})  # mailto's fields; not attach=, which some clients honour


def allowed_link(url: str) -> bool:
    """Whether ``url`` (as markdown-it gives it: entities decoded, percent-encoded) may
    be a link: it starts with http://, https:// or mailto: exactly, without whitespace
    or control characters in front; a mailto: link asks for nothing but subject, body,
    cc and bcc (``?attach=`` could make a mail program attach a file)."""
    if not _ALLOWED_LINK.match(url or ""):
        return False
    if url[:7].lower() == "mailto:" and "?" in url:
        from urllib.parse import parse_qsl, unquote

        fields = {unquote(k).strip().lower() for k, _ in parse_qsl(url.split("?", 1)[1], keep_blank_values=True)}
        return fields <= _MAIL_FIELDS
    return True


# Text that CommonMark leaves as it is: no character that starts markup, no line break,
# not a list item or heading at the start. Most fields are such plain sentences.
_PLAIN_MARKDOWN = re.compile(r"[^\\`*_\[\]<>!&#~|\x00-\x1f\x7f]*")
_BLOCK_START = re.compile(r"[-+*>=]|\d{1,9}[.)]|\s")


_WORD_BULLET = re.compile(rf"(?m)^([ \t]*)[{WORD_BULLETS}][ \t\u00a0]+(?=\S)")


def word_bullets(text: str) -> str:
    """Lines pasted from Word that start with its bullet ('• Hanne bød velkommen') as
    Markdown list items, so they stay a list instead of running into one paragraph."""
    return _WORD_BULLET.sub(r"\1- ", text) if any(b in text for b in WORD_BULLETS) else text


def to_html(text: str | None, inline: bool = False) -> Any:
    """Free text as HTML (Markdown, rendered safely). A plain sentence, which is most
    of them, takes a short road that gives exactly what markdown-it gives."""
    from markupsafe import Markup

    text = word_bullets((text or "").strip())
    if not text:
        return Markup("")
    if _PLAIN_MARKDOWN.fullmatch(text) and not _BLOCK_START.match(text) and not text.endswith(("  ", "\\")):
        escaped = text.replace('"', "&quot;")
        return Markup(escaped if inline else f"<p>{escaped}</p>")
    return Markup(_parsed(text, inline))


@functools.lru_cache(maxsize=2048)
def _parsed(text: str, inline: bool) -> str:
    """Markdown through the parser, remembered: the same texts come back in meeting after
    meeting (every læringssamtale starts from the same scaffold)."""
    md = parser()
    return (md.renderInline(text) if inline else md.render(text)).strip()
