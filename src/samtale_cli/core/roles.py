"""The roles people hold at a læringssamtale, their spellings, and the keys names are compared by."""

from __future__ import annotations

from collections.abc import Iterable

from samtale_cli.core.text import CLOSE, closest, role_key


# canonical display name -> aliases (plural forms included)
ROLES: dict[str, tuple[str, ...]] = {
    "dagtilbudsleder": ("dagtilbudsledere",),
    "børn og unge-chef": ("BU-chef", "børne- og ungechef", "børn og unge-chefer"),
    "pædagogisk leder": ("pædagogiske ledere", "pæd. leder", "pæd leder", "pædagogisk afdelingsleder"),
    "fagligt fyrtårn": ("faglige fyrtårne", "fagligt fyrtårne"),
    "forældrerepræsentant": ("forældrerepræsentanter",),
    "konsulent": ("konsulenter",),
    "pædagogisk fagkonsulent": ("pædagogiske fagkonsulenter", "pædagogisk konsulent", "pædagogiske konsulenter"),
    "sprogkonsulent": ("sprogkonsulenter",),
    "PPR": ("PPR-konsulent",),
    "referent": (),
    "medarbejder": ("medarbejdere",),
    "ressourceperson": ("ressourcepersoner",),
    "pædagog": ("pædagoger",),
    "pædagogmedhjælper": ("pædagogmedhjælpere", "pædagogisk assistent", "PAU"),
    "souschef": ("stedfortræder", "souschefer", "stedfortrædere"),
    "psykolog": ("psykologer",),
    "tale-høre-konsulent": ("talehørekonsulent", "tale-hørekonsulent", "tale-høre-konsulenter"),
    "forælder": ("forældre",),
    "tillidsrepræsentant": ("tillidsrepræsentanter", "TR"),
    "dagplejer": ("dagplejere",),
    "leder": ("ledere",),
}


def name_key(text: str) -> str:
    """A looser key for people's names, as they are typed without æ, ø and å: Søren,
    Soeren and Soren are one name, Åse and Ase too (a last resort: Michael meets Michal)."""
    return role_key(text).replace("aa", "a").replace("ae", "a").replace("oe", "o")


_ROLE_KEYS: dict[str, str] = {}
for _name, _aliases in ROLES.items():
    for _spelling in (_name, *_aliases):
        _ROLE_KEYS[role_key(_spelling)] = _name


def role_suggestion(text: str, extra: Iterable[str] = ()) -> str | None:
    """The known spelling of a role closest to an unknown one, or None: konsulnet ->
    konsulent, and pædagogsik konsulent -> pædagogisk konsulent (itself a valid spelling
    of pædagogisk fagkonsulent: the nearest spelling, not the role's main name)."""
    key = role_key(text)
    spellings = {role_key(s): s for name, aliases in ROLES.items() for s in (name, *aliases)}
    spellings.update({role_key(name): name for name in extra})
    close = closest(key, spellings, cutoff=CLOSE)
    return spellings[close] if close is not None else None


def canonical_role(text: str, extra: Iterable[str] = ()) -> str | None:
    """The canonical name of a built-in role or alias, or of an extra role."""
    key = role_key(text)
    if not key:
        return None
    if key in _ROLE_KEYS:
        return _ROLE_KEYS[key]
    for name in extra:
        if role_key(name) == key:
            return name
    return None
