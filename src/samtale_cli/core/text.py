"""Text for people: the keys names are compared by (:func:`fold_ascii`, :func:`role_key`)
and the one "Mente du" (:func:`suggest` for words, :func:`suggest_path` for paths).

How close a near-miss must be is one of a few named cutoffs (difflib's ratio), chosen by
what is compared: :data:`LOOSE` for short words from a small, fixed set (keys, months,
codes), :data:`CLOSE` for names people type (roles, departments, states), :data:`PATH`
for a path on the command line, :data:`NEAR` where a wrong guess would mislead (files
of a run, mandatory data titles).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

LOOSE = 0.6
CLOSE = 0.75
PATH = 0.8
NEAR = 0.85

_FOLD = str.maketrans({
    "æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
    # letters that NFKD does not decompose
    "ß": "ss", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "œ": "oe", "Œ": "Oe",
})

# The list marks Word and Outlook put in front of pasted list items (without the dashes,
# which are also ordinary punctuation): one set for the loader, the model and the output.
WORD_BULLETS = "•●▪◦·"


def fold_ascii(text: str) -> str:
    """æ->ae, ø->oe, å->aa (capitals Ae/Oe/Aa); other accents dropped."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ROLE_SEP = re.compile(r"[\s\-‐‑‒–—]+")


@functools.lru_cache(maxsize=4096)
def role_key(text: str) -> str:
    """Comparison key: ASCII-folded, case-folded, hyphens/spaces -> one space."""
    return _ROLE_SEP.sub(" ", fold_ascii(text).casefold()).strip()


_QUOTES = "\"'“”„‟‘’‚‛«»‹›"  # straight, curly (Word), low and angle quotes


def unquote(text: str) -> str:
    """``text`` without the quotes a person (or Word) put around it: “09:00” is 09:00.
    (YAML only removes straight quotes; Word's curly ones are part of the text.)"""
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def same(text: str) -> str:
    """The key of a word compared as written."""
    return text


def closest(word: str, choices: Iterable[str], *, key: Callable[[str], str] = same,
            cutoff: float = CLOSE) -> str | None:
    """The choice closest to ``word`` when both are compared by ``key``, or None when
    none is within ``cutoff``."""
    keyed = {key(c): c for c in choices}
    close = difflib.get_close_matches(key(word), list(keyed), n=1, cutoff=cutoff)
    return keyed[close[0]] if close else None


def mente_du(choice: str | None, quote: str = "'") -> str:
    """" Mente du 'X'?" for a choice, "" for None."""
    return f" Mente du {quote}{choice}{quote}?" if choice is not None else ""


def suggest(word: str, choices: Iterable[str], *, key: Callable[[str], str] = role_key,
            cutoff: float = CLOSE, quote: str = "'") -> str:
    """" Mente du 'X'?" for the choice closest to ``word`` (by default case, accents
    and hyphens aside), or "" when none is close."""
    return mente_du(closest(word, choices, key=key, cutoff=cutoff), quote)


def suggest_path(given: Path) -> str:
    """" Mente du 'x'?" for a path given on the command line that does not exist: a file
    or folder in the same folder with a close name, æ/ø/å typed or not
    ('læringssamtale' for the file's 'laeringssamtale', '.yml' for '.yaml', no suffix)."""
    folder = given.parent
    try:
        if not folder.is_dir():
            return ""
        names = [p.name for p in folder.iterdir() if not p.name.startswith(".")][:2000]
    except OSError:
        return ""
    keyed = {fold_ascii(n).casefold(): n for n in names}
    key = fold_ascii(given.name).casefold()
    close = [k for k in keyed if k in (key + ".yaml", key + ".yml") or k.rsplit(".", 1)[0] == key.rsplit(".", 1)[0]]
    near = close[0] if close else closest(key, keyed, cutoff=PATH)
    if near is None:
        return ""
    return mente_du((folder / keyed[near]).as_posix() if str(folder) != "." else keyed[near])
