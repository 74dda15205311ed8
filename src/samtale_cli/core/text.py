"""Text for people: "Mente du" suggestions."""

from __future__ import annotations

from collections.abc import Iterable

from samtale_cli.core.values import role_key


def suggest(word: str, choices: Iterable[str]) -> str:
    """" Mente du 'X'?" for the choice closest to ``word`` (case, accents and hyphens
    aside), or "" when none is close."""
    import difflib

    keyed = {role_key(c): c for c in choices}
    close = difflib.get_close_matches(role_key(word), list(keyed), n=1, cutoff=0.75)
    return f" Mente du '{keyed[close[0]]}'?" if close else ""
