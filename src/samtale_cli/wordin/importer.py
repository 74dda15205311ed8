"""``samtale import``: a Word document (an agenda with or without minutes, an
attention-point sheet, an action plan) as a YAML file of its kind.

The kind is recognised from the document's structure, not its name
(:mod:`samtale_cli.wordin.detect`); then the kind's reader, found in the table of kinds
(``kinds.hook(kind, "reader")``), reads it. Word files that samtale rendered
(:mod:`samtale_cli.out.docx`) come back as the same model; files laid out by people are
read as well as their structure allows: merged cells, line breaks and soft hyphens in
cells, "Ca. 35 min." spelled in many ways, a table split in two, numbers written in the
topic, minutes in "Referat ..." rows, bullets typed by hand.

Every kind's reader (``samtale_cli.wordin.{meeting,sheet,plan}:read``) has one signature::

    read(src: Source, where: Where) -> Reading

``src`` holds the document's blocks (and whether samtale wrote it); ``where`` says where
the file would go (``-o``, the current folder, the workspace, which the reader may also
search, as the sheet does for its meeting); the :class:`~samtale_cli.wordin.common.Reading`
holds the file's values, its path and what was found.

What cannot be placed is kept as YAML comments where it stood, so nothing is lost
silently. The YAML is written by :mod:`samtale_cli.core.yamlout` (by hand, not by a YAML
library) so that comments, key order and Danish keys read as a person would write them.

A file that holds several documents (a meeting followed by the departments' filled-in
attention-point sheets, or a plan) is split by :func:`samtale_cli.wordin.detect.parts`:
part 1 is the document of the strongest structure (the agenda's meeting), the others
follow in the order they stand. CLI.md fixes no option for choosing a part, so this is
the decision: without ``--del N`` part 1 is imported and the notes name every other part
and the command that imports it (``samtale import FIL --del 2``); never silently. A
sheet imported from such a file is told its meeting's date and title when it names none.

Where the file goes without ``-o`` (:func:`destination`, one function for every kind):
inside a workspace, the folder ``new`` uses for the kind (a meeting in
``laeringssamtaler/``, a sheet or plan in its department's folder), named as ``new``
names it (:meth:`samtale_cli.core.kinds.Kind.path`) by the document's own date; a
meeting's name is its title without "Dagsorden"/"Referat" in front. A document without
a date is never named by today's date: its name begins ``uden-dato-`` and a note says so.

No printing: :func:`import_docx` returns the file written and what was mapped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samtale_cli.check import loader
from samtale_cli.check.workspace import Workspace, find_workspace, meeting_on, relative
from samtale_cli.core import catalogue, kinds, yamlout
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import check_folder, refuse_existing, write_new
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.schema import modeline
from samtale_cli.out.wordread import Para, Table, w
from samtale_cli.wordin.common import Source, Where, fold, read_docx, segment, wrap_markdown
from samtale_cli.wordin.detect import Part, parts


@dataclass
class Imported:
    path: Path
    kind: kinds.Kind
    mapped: list[str]
    notes: list[str]
    text: str


def import_docx(path: Path, cwd: Path, output: Path | None = None, force: bool = False,
                part: int | None = None) -> Imported:
    """Read ``path``, write the YAML file (refusing an existing one unless ``force``);
    ``part``: which document of a file that holds several (1-based; default 1)."""
    document, blocks = read_docx(path)
    toc = [t for t in document.element.body.iter(w("instrText")) if (t.text or "").strip().startswith("TOC")]
    if toc and sum(1 for b in blocks if isinstance(b, Para) and b.heading == 1) > 1:
        raise SamtaleError(f"'{path.name}' er et samlet dokument med flere dokumenter og en indholdsfortegnelse; "
                           "importér dokumenterne ét ad gangen.")
    own = (document.core_properties.author or "") == wf.MARK
    title, _ = Source(blocks, own).title()
    found = parts(blocks, title)
    if not found:
        raise SamtaleError(
            f"'{path.name}' ligner hverken en dagsorden, et ark med opmærksomhedspunkter eller en indsatsplan: "
            "der er ingen dagsordenstabel (Tid, Emne, Mål, Ansvarlig), ingen tabel med arkets tre spørgsmål og "
            "ingen af indsatsplanens spørgsmål (Hvad vil vi opnå? ...).")
    ws = find_workspace(cwd)
    if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
        raise SamtaleError(f"-o '{output}' skal ende på .yaml, så 'samtale check' finder filen.")
    where = Where(output, cwd, ws)
    number = _part_number(path, found, part)
    chosen = found[number - 1]
    src = Source(_with_meeting(chosen, found, own, where), own)
    kind = chosen.kind
    src.notes.extend(_other_parts(path, found, number))
    reading = kinds.hook(kind, "reader")(src, where)
    target = reading.target
    if target.resolve() == path.resolve():
        raise SamtaleError("Word-filen kan ikke overskrives med YAML; vælg en anden fil med -o.")
    if output is not None:  # as render: a mistyped -o makes no folders
        check_folder(target)
    refuse_existing(target, force=force)
    notes: list[str] = []
    _refuse_a_second_meeting(path, target, kind, reading.data.get("dato"), ws, cwd, force or output is not None, notes)
    if output is None and kind is kinds.MEETING and not isinstance(reading.data.get("dato"), dt.date):
        notes.append(f"Word-dokumentet har ingen dato, så filen hedder '{target.name}'. Skriv datoen i filen "
                     "(dato:), og giv filen datoen forrest i navnet, som 'samtale new' gør.")
    head = [modeline(ws, kind, target, notes),
            f"# Importeret fra Word: {path.name}. Tjek filen med: samtale check {target.name}"]
    text = "\n".join(head + yamlout.dump(reading.data, wrap=wrap_markdown)) + "\n"
    refuse_unloadable(text, path, target)
    write_new(target, text, force=force)
    return Imported(target, kind, reading.mapped, notes + src.notes, text)


def _refuse_a_second_meeting(path: Path, target: Path, kind: kinds.Kind, day: Any, ws: Workspace | None, cwd: Path,
                              chosen: bool, notes: list[str]) -> None:
    """A meeting on a day the workspace has one already is refused, as ``new`` does (it
    would become "the latest"), with the command that puts the Word file in its place
    (often the empty meeting 'samtale new' made before the agenda came in Word). With
    ``-o`` or ``--force`` (``chosen``) the person chose: a note says there are two."""
    if kind is not kinds.MEETING or ws is None or not isinstance(day, dt.date):
        return
    same_day = meeting_on(ws, day)
    if same_day is None or same_day.resolve() == target.resolve():
        return
    there = relative(same_day, cwd)
    if chosen:
        notes.append(f"Advarsel: der er nu to læringssamtaler {v.format_date_long(day)}, '{there}' og "
                     f"'{relative(target, cwd)}'; slet den, der ikke skal bruges.")
        return
    raise SamtaleError(
        f"Der er allerede en læringssamtale {v.format_date_long(day)}: '{there}'. Skal Word-dokumentet erstatte den, "
        f"så skriv: samtale import \"{relative(path, cwd)}\" -o \"{there}\" --force (den gamle fil overskrives). "
        "Skal der være to møder den dag, så brug --force.")


_LIMITS = {
    catalogue.Y008.code: f"har for mange værdier (over {loader.MAX_NODES:,})".replace(",", "."),
    catalogue.Y009.code: f"er indlejret for dybt (over {loader.MAX_DEPTH} niveauer)",
}


def refuse_unloadable(text: str, path: Path, target: Path) -> None:
    """Raise SamtaleError (exit 2) before writing, when the YAML made of the Word file
    ``path`` is more than the loader takes (:data:`samtale_cli.check.loader.MAX_BYTES`,
    ``MAX_NODES``, ``MAX_DEPTH``): a file 'samtale check' refuses is no use to anyone."""
    size = len(text.encode("utf-8"))
    if size > loader.MAX_BYTES:
        _refuse(path, f"er for stor ({size / 2**20:.1f} MB; grænsen er {loader.MAX_BYTES // 2**20} MB)")
    limits = [d for d in loader.load_text(text, target.name).diagnostics if d.code in _LIMITS]
    if limits:
        _refuse(path, _LIMITS[limits[0].code])


def _refuse(path: Path, why: str) -> None:
    raise SamtaleError(f"'{path.name}' giver en YAML-fil, der {why}, så 'samtale check' kan ikke læse den; "
                       "den skrives ikke. Del Word-dokumentet op, og importér delene hver for sig.")


def _part_number(path: Path, found: list[Part], part: int | None) -> int:
    """The 1-based number of the part to import; a Danish usage error for one that is not there."""
    if part is None:
        return 1
    if 1 <= part <= len(found):
        return part
    listing = "; ".join(f"del {k}: {p.label}" for k, p in enumerate(found, 1))
    count = "én del" if len(found) == 1 else f"{len(found)} dele"
    raise SamtaleError(f"--del {part}: '{path.name}' har {count} ({listing}).")


def _other_parts(path: Path, found: list[Part], number: int) -> list[str]:
    """What else the file holds and the command that imports each, as notes for the terminal."""
    if len(found) < 2:
        return []
    lines = [f"'{path.name}' rummer {len(found)} dokumenter; her er del {number} ({found[number - 1].label}) "
             "importeret. De andre importeres hver for sig:"]
    lines += [f"  del {k}, {p.label}: samtale import \"{path.name}\" --del {k}"
              for k, p in enumerate(found, 1) if k != number]
    if any(p.kind is kinds.SHEET for p in found) and found[0].kind is kinds.MEETING:
        lines.append("Et ark finder sin læringssamtale i arbejdsmappen, når læringssamtalen (del 1) er importeret "
                     "og uden fejl.")
    return lines


def _with_meeting(chosen: Part, found: list[Part], own: bool, where: Where) -> list[Para | Table]:
    """A sheet's blocks; when it stands after its meeting in the same file and names no
    meeting itself, a line "Læringssamtale: <titel>, <dato>" in front (as the sheet's own
    form has it), so the sheet finds the meeting's file and is named by its date."""
    meeting = found[0]
    if chosen.kind is not kinds.SHEET or meeting.kind is not kinds.MEETING or chosen is meeting:
        return chosen.blocks
    if any(isinstance(b, Para) and fold(b.clean).startswith("laeringssamtale") for b in chosen.blocks):
        return chosen.blocks
    data = kinds.hook(kinds.MEETING, "reader")(Source(meeting.blocks, own), where).data
    day = data.get("dato")
    if not isinstance(day, dt.date):
        return chosen.blocks
    title = _DOCUMENT_WORDS.sub("", str(data.get("titel") or "")).strip() or kinds.MEETING.title
    line = f"Læringssamtale: {title}, {day.day}/{day.month} {day.year}"  # as destination() names the meeting
    return [Para([segment(line)]), *chosen.blocks]


_DOCUMENT_WORDS = re.compile(r"(?i)^\s*(?:dagsorden|referat)(?:\s+(?:og|\+|&)\s+(?:dagsorden|referat))?"
                             r"(?:\s+(?:til|af|for|fra))?\s*[:,–—-]?\s*")


def destination(kind: kinds.Kind, where: Where, *, date: object = None, title: str = "",
                department: str = "") -> Path:
    """Where the import of a document of ``kind`` goes: ``-o``; else, inside a workspace,
    where ``samtale new`` puts that kind (a meeting in ``laeringssamtaler/``, a sheet or
    a plan in its department's folder), named as ``new`` names it, by ``date`` (the
    document's own); else the current folder. A meeting's name is its title without
    "Dagsorden til"/"Referat af" in front. Without a date the name begins ``uden-dato-``
    instead of today's date. For every kind's reader (``where.target`` does the rest)."""
    if kind is kinds.MEETING:
        title = _DOCUMENT_WORDS.sub("", title).strip() or kinds.MEETING.ascii
    day = date if isinstance(date, dt.date) else None
    target = where.target(kind, date=day, title=title, department=department)
    if day is None and where.output is None and "{dato}" in kind.file_name:
        today = dt.date.today().isoformat()
        target = target.with_name(target.name.replace(today, "uden-dato", 1))
    return target
