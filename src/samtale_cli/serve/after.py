"""The writes of the after-meeting page (``/_efter/...``): attendance, agreements,
pejlemærker, the next meeting, and a department's attention-point sheet.

Every write is the same as the minutes' (:mod:`samtale_cli.serve.minutes`): under the
file's lock (this process and every other), the file must still have the ``version``
the page was made from (409); the change touches only its own lines
(:mod:`samtale_cli.serve.edits`); the new bytes are checked with samtale's own rules
before anything is written, and a change that would give the file an error is refused
with the Danish finding (400); the file is replaced atomically, after comparing its
bytes once more right before the rename.

A value as typed is what is checked: a date that cannot be read (``31/6``) goes into
the candidate as the text it is, so the finding is the one ``samtale check`` gives.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli import model as m
from samtale_cli.check.loader import MAX_BYTES, read_regular
from samtale_cli.check.runs import check_bytes
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError, danish_oserror
from samtale_cli.core.files import (
    Busy, Changed, ReadOnly, display_name, file_lock, leads_inside, replace_if_unchanged,
)
from samtale_cli.model.common import AGREEMENT_STATES, ATTENDANCE
from samtale_cli.serve.edits import Flow, YamlText
from samtale_cli.serve.minutes import (
    _LOCK, MAX_TEXT, NotSaved, _meeting, _target, clean_text, refuse_too_big, version_of,
)

MAX_LINES = 50  # pejlemærker or points in one form
# A stale form: the page comes back made from the file as it is now, with the refused
# form's fields as typed (serve.views.Typed), so saving again keeps both changes.
STALE = ("Filen er ændret, siden siden blev hentet (i en anden fane, af en anden eller i en editor), så intet "
         "er gemt. Siden viser nu filen, som den er, med det, du skrev, i formularen: gem igen for at få "
         "begge ændringer med.")
SHEET_MADE = ("Arket er lavet et andet sted, siden siden blev hentet, så intet er gemt. Det, du skrev, står i "
              "formularen: få det andet med, hvis det skal med, og gem igen.")


@dataclass
class Change:
    """What a form asks: a function from the file's text and model to the new text, and
    the model fields it may change (every other field must read back the same)."""

    apply: Callable[[YamlText, Any], None]
    fields: tuple[str, ...]


# --- the values of the forms ----------------------------------------------------------


def one_line(text: str) -> str:
    """A value of one line: line breaks become spaces, no spaces at the ends."""
    return " ".join(clean_text(text).split("\n")).strip()


def lines_of(text: str) -> list[str]:
    """One item per non-empty line (list marks people type, ``- `` or ``• ``, gone)."""
    items = [line.strip() for line in clean_text(text).split("\n")]
    items = [item[2:].strip() if item[:2] in ("- ", "• ", "* ") else item for item in items]
    items = [item for item in items if item]
    if len(items) > MAX_LINES:
        raise NotSaved(f"Der er for mange linjer (over {MAX_LINES}).", 413)
    return items


def block_text(text: str) -> str | None:
    """A free text of one or more lines, as stored (None when empty)."""
    text = clean_text(text)
    if not text:
        return None
    return text + "\n" if "\n" in text else text


def date_value(text: str, parse: Callable[[str], dt.date] = v.parse_date) -> Any:
    """A date typed in a form: the date when it can be read, else the text as typed (so
    that check names what is wrong with it); None when empty."""
    text = one_line(text)
    if not text:
        return None
    try:
        day = parse(text)
    except v.ParseError:
        return text
    return day if type(day) is dt.date else text  # 'uge 40' stays as written


def choice(text: str, values: tuple[str, ...]) -> str:
    """A word of ``values`` in its own spelling, or the text as typed (check says why not)."""
    typed = one_line(text)
    return next((value for value in values if v.role_key(value) == v.role_key(typed)), typed)


def people(text: str) -> Flow | None:
    """``ansvarlig`` as typed (``Karen, konsulent``, ``Hanne og Line``) as a list."""
    from pydantic import TypeAdapter

    from samtale_cli.model.common import People

    text = one_line(text)
    return Flow(TypeAdapter(People).validate_python(text)) if text else None


# --- texts with themes (pejlemærker, a sheet's points) --------------------------------

PLACEHOLDER = "(udfyldes)"  # new.common.PLACEHOLDER_MARK (new is no layer below serve)
THEMES_SHOWN = "temaer"  # a hidden field: the page showed the theme checkboxes (value "vist")


@dataclass(frozen=True)
class ThemedLines:
    """A list of texts as a form sends it: one per line, and, when the page showed the
    theme checkboxes (``temaer=vist``), the themes checked for each item it showed:
    checkbox ``tema-<n>-<k>`` (value: the theme) belongs to the file's item ``n``
    (1-based), and ``n`` one past the last item to a new line at the end. Without the
    checkboxes (a script that sends only the texts) an item keeps the themes it has."""

    lines: list[str]
    chosen: dict[int, list[str]] | None  # item index (0-based) -> themes; None: no checkboxes


def themed_lines(form: dict[str, str], field: str) -> ThemedLines:
    lines = lines_of(form.get(field, ""))
    if form.get(THEMES_SHOWN, "") != "vist":
        return ThemedLines(lines, None)
    chosen: dict[int, list[str]] = {}
    for name, value in form.items():
        parts = name.split("-")
        if len(parts) == 3 and parts[0] == "tema" and parts[1].isascii() and parts[1].isdigit() and len(parts[1]) < 4:
            theme = one_line(value)
            group = chosen.setdefault(int(parts[1]) - 1, [])
            if theme and v.role_key(theme) not in map(v.role_key, group):
                group.append(theme)
    return ThemedLines(lines, chosen)


def _paired(lines: list[str], old: list[str]) -> list[int | None]:
    """For each line, the old item it is: the first unused one with the same text, else
    the unused one at the same place (a text edited where it stands), else None. A
    placeholder ("... (udfyldes)") is no item a line can be."""
    pairs: list[int | None] = [None] * len(lines)
    used = {j for j, text in enumerate(old) if text.endswith(PLACEHOLDER)}  # the page does not show them
    for i, line in enumerate(lines):
        j = next((j for j, text in enumerate(old) if j not in used and text == line), None)
        if j is not None:
            pairs[i] = j
            used.add(j)
    for i in range(len(lines)):
        if pairs[i] is None and i < len(old) and i not in used:
            pairs[i] = i
            used.add(i)
    return pairs


def themed_items(wanted: ThemedLines, old: list[Any]) -> tuple[list[Any], list[int | None]]:
    """The items to write for ``wanted`` over the ``old`` ones (texts, themed or not):
    a text with themes as ``{tekst, temaer}``, else the text; and for each, the old item
    whose lines stay as written (same text and themes, in any order and spelling), or None."""
    texts = [str(item) for item in old]
    items: list[Any] = []
    kept: list[int | None] = []
    for i, (line, j) in enumerate(zip(wanted.lines, _paired(wanted.lines, texts))):
        before = list(m.themes_of(old[j])) if j is not None else []
        if wanted.chosen is None:
            themes = before
        else:
            group = j if j is not None else (len(old) if i == len(wanted.lines) - 1 else None)
            themes = wanted.chosen.get(group, []) if group is not None else []
        same = j is not None and line == texts[j] and set(map(v.role_key, themes)) == set(map(v.role_key, before))
        kept.append(j if same else None)
        items.append({"tekst": line, "temaer": Flow(themes)} if themes else line)
    return items, kept


def set_themed(text: YamlText, key: str, wanted: ThemedLines, old: list[Any]) -> None:
    """Write the top-level list ``key`` as ``wanted`` asks: the items that stay the same
    keep their lines (their themes, comments, quoting), the others are written anew."""
    items, kept = themed_items(wanted, old)
    if not _written_as_read(text, key, old):  # numbers Word wrote ('1. ...'): the list anew
        kept = [None] * len(items)
    text.set_items([], key, items, kept)


def _written_as_read(text: YamlText, key: str, old: list[Any]) -> bool:
    """Whether each item of the list ``key`` is written as the model reads it (no own
    numbers or bullets that the model leaves out)."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    for j, item in enumerate(old):
        node = text.node([key, j])
        if isinstance(node, MappingNode):
            node = text.node([key, j, "tekst"])
        if not isinstance(node, ScalarNode) or node.value.strip() != str(item):
            return False
    return True


# --- the changes ----------------------------------------------------------------------


def _participant(form: dict[str, str], meeting: Any) -> int:
    """The participant a form names: the page's row (``skema=fremmoede-<n>``, made from
    the same version of the file), which must have the name ``navn``; without a row, the
    one participant of that name (two of the same name: refused, as one cannot tell which)."""
    name = one_line(form.get("navn", ""))
    row = form.get("skema", "").removeprefix("fremmoede-")
    if row.isascii() and row.isdigit() and len(row) < 6:
        index = int(row) - 1
        if 0 <= index < len(meeting.participants) and meeting.participants[index].name == name:
            return index
        raise NotSaved(f"Deltager nr. {row} i læringssamtalen hedder ikke '{name[:40]}'; genindlæs siden.", 400)
    found = [i for i, p in enumerate(meeting.participants) if p.name == name]
    if not found:
        raise NotSaved(f"Ingen deltager i læringssamtalen hedder '{name[:40]}'.", 400)
    if len(found) > 1:
        raise NotSaved(f"{len(found)} deltagere hedder '{name[:40]}', så det er uklart, hvem der menes; "
                       "gem fremmødet fra siden 'Efter mødet' eller ret det i filen.", 400)
    return found[0]


def attendance(form: dict[str, str], meeting: Any) -> Change:
    index = _participant(form, meeting)
    value = choice(form.get("fremmøde", ""), ATTENDANCE)

    def apply(text: YamlText, model: Any) -> None:
        person = model.participants[index]
        if value == person.attendance and (value == "mødt" or text.has(["deltagere", index], "fremmøde")):
            return
        text.set_key(["deltagere", index], "fremmøde", value)

    return Change(apply, ("participants",))


def _agreement_values(form: dict[str, str]) -> dict[str, Any]:
    """The fields the form has (the overview's form sends only ``status``)."""
    readers: dict[str, Callable[[str], Any]] = {
        "hvad": one_line,
        "ansvarlig": people,
        "frist": lambda text: date_value(text, v.parse_deadline),
        "status": lambda text: choice(text, AGREEMENT_STATES) or None,
        "udført": date_value,
    }
    return {key: read(form[key]) for key, read in readers.items() if key in form}


_AGREEMENT_FIELDS = {"hvad": "what", "ansvarlig": "responsible", "frist": "deadline", "status": "status",
                     "udført": "done"}


def agreement(form: dict[str, str], meeting: Any) -> Change:
    number = form.get("nr", "").strip()
    if number and not (number.isascii() and number.isdigit() and 1 <= int(number) <= len(meeting.agreements)):
        raise NotSaved(f"Aftale nr. '{number[:10]}' findes ikke.", 404)
    index = int(number) - 1 if number else None
    if form.get("slet", "").strip().lower() == "ja":
        if index is None:
            raise NotSaved("Vælg den aftale, der skal slettes.", 400)
        return Change(lambda text, model: text.remove_item(["aftaler"], index), ("agreements",))
    values = _agreement_values(form)
    if index is None:
        item = {key: value for key, value in values.items() if value not in (None, "")}
        item["hvad"] = values.get("hvad", "")  # an empty one is refused by check, with its own words
        if item.get("status") == "åben":
            del item["status"]  # the default
        return Change(lambda text, model: text.append_item(["aftaler"], item), ("agreements",))

    if values.get("status") == "udført" and "udført" not in values:  # the overview's form: status only
        values["udført"] = _done_day(form.get("dag", ""), meeting)

    def apply(text: YamlText, model: Any) -> None:
        old = model.agreements[index]
        for key, value in values.items():
            if key == "udført" and "udført" not in form and (old.done is not None or old.status == "udført"):
                continue  # marked done before: its date stays
            before = getattr(old, _AGREEMENT_FIELDS[key])
            if value == before or (value is None and not text.has(["aftaler", index], key)):
                continue
            if key == "status" and value is None:
                continue  # the form always has one
            text.set_key(["aftaler", index], key, value)

    return Change(apply, ("agreements",))


def _done_day(given: str, meeting: Any) -> dt.date | None:
    """The day an agreement marked done on the overview was done: the overview's day
    (``dag``: the page shows what is open on it), else today; none before the meeting."""
    try:
        day = dt.date.fromisoformat(given.strip()) if given.strip() else dt.date.today()
    except ValueError:
        day = dt.date.today()
    return day if day >= meeting.date else None


def landmarks(form: dict[str, str], meeting: Any) -> Change:
    wanted = themed_lines(form, "pejlemærker")

    def apply(text: YamlText, model: Any) -> None:
        set_themed(text, "pejlemærker", wanted, list(model.landmarks))

    return Change(apply, ("landmarks",))


def next_meeting(form: dict[str, str], meeting: Any) -> Change:
    value = date_value(form.get("dato", ""))

    def apply(text: YamlText, model: Any) -> None:
        if value != model.next_meeting:
            text.set_key([], "næste_møde", value)

    return Change(apply, ("next_meeting",))


MEETING_FORMS: dict[str, Callable[[dict[str, str], Any], Change]] = {
    "fremmoede": attendance,
    "aftale": agreement,
    "pejlemaerker": landmarks,
    "naeste-moede": next_meeting,
}


def sheet_values(form: dict[str, str]) -> dict[str, Any]:
    """The sheet form's fields; ``punkter`` as :class:`ThemedLines` (for a new sheet,
    :func:`sheet_text` writes them as :func:`themed_items` makes them)."""
    return {
        "arbejdet_med": block_text(form.get("arbejdet_med", "")),
        "data_peger_på": block_text(form.get("data_peger_på", "")),
        "punkter": themed_lines(form, "punkter"),
    }


def sheet_change(values: dict[str, Any]) -> Change:
    def apply(text: YamlText, model: Any) -> None:
        old = {"arbejdet_med": model.worked_with, "data_peger_på": model.data_points_to}
        for key, value in old.items():
            if values[key] != value:
                text.set_key([], key, values[key])
        set_themed(text, "punkter", values["punkter"], list(model.points))

    return Change(apply, ("worked_with", "data_points_to", "points"))


# --- writing --------------------------------------------------------------------------


def save(path: Path, cwd: Path, version: str, change: Callable[[Any], Change], kind: type = m.Meeting,
         dependents: tuple[Path, ...] = ()) -> str:
    """Apply the change ``change(model)`` makes to the file at ``path`` when it still has
    ``version``; the new version. :class:`NotSaved` (nothing written) otherwise.
    ``dependents``: the files that refer to this one (a sheet's plans), which must get no
    new error from the change either."""
    file = display_name(path, cwd)
    path = _target(path, cwd)
    return _guarded(path, lambda: _save_locked(path, cwd, file, version, change, kind, dependents))


def _guarded(path: Path, write: Callable[[], str]) -> str:
    """``write()`` under the file's lock, its refusals as :class:`NotSaved`."""
    try:
        with _LOCK, file_lock(path):
            return write()
    except NotSaved:
        raise
    except Busy as exc:
        raise NotSaved(f"Intet er gemt: {exc.message}", 409) from None
    except Changed:
        raise NotSaved(STALE, 409) from None
    except ReadOnly:
        raise NotSaved("Filen er skrivebeskyttet, så intet er gemt. Fjern skrivebeskyttelsen først.", 403) from None
    except SamtaleError as exc:
        raise NotSaved(f"Intet er gemt: {exc.message}", 409) from None
    except OSError as exc:
        raise NotSaved(f"Filen kunne ikke skrives: {danish_oserror(exc)}.", 500) from None


def _model(raw: bytes, path: Path, file: str, kind: type) -> Any:
    if kind is m.Meeting:
        return _meeting(raw, path, file)
    from samtale_cli.check.document import read

    model = read(path, file, lambda _path, _limit: raw).model
    if not isinstance(model, kind):
        raise NotSaved("Filen kan ikke læses; ret den først ('samtale check').", 409)
    return model


def _save_locked(path: Path, cwd: Path, file: str, version: str, change: Callable[[Any], Change], kind: type,
                 dependents: tuple[Path, ...] = ()) -> str:
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError:
        raise NotSaved("Filen kan ikke læses lige nu; prøv igen ('samtale check' siger hvorfor).", 409) from None
    if version != version_of(raw):
        raise NotSaved(STALE, 409)
    model = _model(raw, path, file, kind)
    wanted = change(model)
    text = YamlText(raw)
    wanted.apply(text, model)
    new = text.encode()
    if new == raw:
        return version
    refuse_too_big(new)
    refuse_errors(path, new, cwd, dependents)
    after = _model(new, path, file, kind)
    if after.model_copy(update={name: getattr(model, name) for name in wanted.fields}) != model:
        raise NotSaved("Ændringen kunne ikke skrives sikkert i filen; ret den i en editor.", 422)
    replace_if_unchanged(path, raw, new)
    return version_of(new)


def refuse_errors(path: Path, new: bytes, cwd: Path, dependents: tuple[Path, ...] = ()) -> None:
    """400 with the findings when ``new`` would give the file at ``path`` an error, or
    one of ``dependents`` (the files that refer to it) an error it does not have now."""
    errors = [d for d in check_bytes(path, new, cwd).findings if d.is_error]
    if errors:
        raise NotSaved("Ikke gemt: " + " ".join(f"{d.message} [{d.code}]" for d in errors[:3]), 400)
    errors = new_errors_of(dependents, path, new, cwd)
    if errors:
        raise NotSaved("Ikke gemt, for så får en anden fil en fejl: "
                       + " ".join(f"{d.file}: {d.message} [{d.code}]" for d in errors[:3]), 400)


def new_errors_of(files: tuple[Path, ...], path: Path, new: bytes, cwd: Path) -> list[Any]:
    """The errors ``files`` would have, and do not have now, if ``path`` held ``new``."""
    from samtale_cli.check.loader import TooBig
    from samtale_cli.check.runs import Recipe

    target = path.resolve()
    files = tuple(dict.fromkeys(f.resolve() for f in files if f.resolve() != target))
    if not files:
        return []

    def changed(at: Path, limit: int) -> bytes:
        if at.resolve() != target:
            return read_regular(at, limit)
        if len(new) > limit:
            raise TooBig(len(new))
        return new

    def errors(reader: Callable[[Path, int], bytes]) -> set[Any]:
        checker = Recipe(cwd, (target, *files), reader=reader).checker()
        return {d for file in files for checked in checker.check(file) if checked.path == file
                for d in checked.findings if d.is_error}

    found = errors(changed)
    return sorted(found - errors(read_regular)) if found else []  # (the errors they have now: only when needed)


# --- a department's sheet -------------------------------------------------------------


def create_sheet(path: Path, cwd: Path, text: str, root: Path, then: Callable[[], Any] | None = None) -> str:
    """Write the new sheet ``text`` at ``path`` when no file is there (409 when one
    appeared meanwhile), checked first; its version. ``root``: the workspace (or the
    served folder), which the sheet's real place must lie in (a department folder that
    is a link out of it is refused). ``then()``: what to do once the sheet is written
    (the schema editors read). A refused sheet leaves every file and folder as it was:
    the folders made for it (its check needs them: the meeting's path is relative to
    them) go again."""
    new = text.encode("utf-8")
    if len(new) > MAX_BYTES:
        raise NotSaved("Arket er for stort.", 413)
    outside = NotSaved("Afdelingens mappe er et link til en mappe uden for arbejdsmappen, så arket er ikke "
                       "lavet. Lav det i en editor, eller fjern linket.", 409)
    if not leads_inside(path, root):
        raise outside
    if os.path.lexists(path):
        raise NotSaved(SHEET_MADE, 409)

    def write() -> str:
        if not leads_inside(path, root):  # a link put in place meanwhile
            raise outside
        if os.path.lexists(path):
            raise NotSaved(SHEET_MADE, 409)
        refuse_errors(path, new, cwd)
        from samtale_cli.core.files import write_atomic

        write_atomic(path, new)
        return version_of(new)

    made = [folder for folder in (path.parent, *path.parent.parents) if not os.path.lexists(folder)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_empty(made)
        raise NotSaved(f"Mappen til arket kunne ikke laves: {danish_oserror(exc)}.", 500) from None
    try:
        version = _guarded(path, write)
    except NotSaved:
        _remove_empty(made)
        raise
    if then is not None:
        try:
            then()
        except (SamtaleError, OSError):  # the sheet is written; editors only miss its schema
            pass
    return version


def _remove_empty(folders: list[Path]) -> None:
    """Remove the ``folders`` (innermost first) that are there and empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def sheet_text(modeline: str, meeting_ref: str, department: str, meeting_date: dt.date,
               values: dict[str, Any]) -> str:
    """A new sheet as ``new opmærksomhedspunkter`` lays it out, with the form's values."""
    from samtale_cli.core.yamlout import scalar
    from samtale_cli.serve.edits import fragment

    def key(name: str) -> str:
        value = values[name]
        if isinstance(value, ThemedLines):
            value = themed_items(value, [])[0]
        if value is None or value == []:
            return f"{name}:\n"
        return "\n".join([name + fragment(name, value)[0], *fragment(name, value)[1:]]) + "\n"

    return (
        f"{modeline}\n"
        f"# Opmærksomhedspunkter for {department} efter læringssamtalen {v.format_date_short(meeting_date)}.\n"
        "# Skrevet på siden 'Efter mødet' i samtale serve. Tjek: samtale check\n"
        "type: opmærksomhedspunkter\n\n"
        "# Stien til læringssamtalen, relativ til denne fil.\n"
        f"læringssamtale: {scalar(meeting_ref)}\n\n"
        "# Afdelingen, arket gælder; skal stå i samtale.yaml's afdelinger.\n"
        f"afdeling: {scalar(department)}\n\n"
        "# Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen? (fri tekst)\n"
        f"{key('arbejdet_med')}\n"
        "# Hvad peger data på, vi skal arbejde med? (fri tekst)\n"
        f"{key('data_peger_på')}\n"
        "# 3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen.\n"
        f"{key('punkter')}"
    )


def check_lengths(form: dict[str, str]) -> None:
    """413 when a field is longer than any text of a meeting should be."""
    if any(len(value) > MAX_TEXT for value in form.values()):
        raise NotSaved(f"Et felt er for langt (over {MAX_TEXT:,} tegn).".replace(",", "."), 413)
