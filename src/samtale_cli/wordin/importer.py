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

No printing: :func:`import_docx` returns the file written and what was mapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samtale_cli.check import loader
from samtale_cli.check.workspace import find_workspace
from samtale_cli.core import catalogue, kinds, yamlout
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import check_folder, refuse_existing, write_new
from samtale_cli.out.docx import vocabulary as wf
from samtale_cli.out.schema import modeline
from samtale_cli.out.wordread import Para, w
from samtale_cli.wordin.common import Source, Where, read_docx, wrap_markdown
from samtale_cli.wordin.detect import classify


@dataclass
class Imported:
    path: Path
    kind: kinds.Kind
    mapped: list[str]
    notes: list[str]
    text: str


def import_docx(path: Path, cwd: Path, output: Path | None = None, force: bool = False) -> Imported:
    """Read ``path``, write the YAML file (refusing an existing one unless ``force``)."""
    document, blocks = read_docx(path)
    toc = [t for t in document.element.body.iter(w("instrText")) if (t.text or "").strip().startswith("TOC")]
    if toc and sum(1 for b in blocks if isinstance(b, Para) and b.heading == 1) > 1:
        raise SamtaleError(f"'{path.name}' er et samlet dokument med flere dokumenter og en indholdsfortegnelse; "
                           "importér dokumenterne ét ad gangen.")
    own = (document.core_properties.author or "") == wf.MARK
    src = Source(blocks, own)
    title, _ = src.title()
    kind = classify(blocks, title)
    if kind is None:
        raise SamtaleError(
            f"'{path.name}' ligner hverken en dagsorden, et ark med opmærksomhedspunkter eller en indsatsplan: "
            "der er ingen dagsordenstabel (Tid, Emne, Mål, Ansvarlig), ingen tabel med arkets tre spørgsmål og "
            "ingen af indsatsplanens spørgsmål (Hvad vil vi opnå? ...).")
    ws = find_workspace(cwd)
    if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
        raise SamtaleError(f"-o '{output}' skal ende på .yaml, så 'samtale check' finder filen.")
    reading = kinds.hook(kind, "reader")(src, Where(output, cwd, ws))
    target = reading.target
    if target.resolve() == path.resolve():
        raise SamtaleError("Word-filen kan ikke overskrives med YAML; vælg en anden fil med -o.")
    if output is not None:  # as render: a mistyped -o makes no folders
        check_folder(target)
    refuse_existing(target, force=force)
    notes: list[str] = []
    head = [modeline(ws, kind, target, notes),
            f"# Importeret fra Word: {path.name}. Tjek filen med: samtale check {target.name}"]
    text = "\n".join(head + yamlout.dump(reading.data, wrap=wrap_markdown)) + "\n"
    refuse_unloadable(text, path, target)
    write_new(target, text, force=force)
    return Imported(target, kind, reading.mapped, notes + src.notes, text)


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
