"""Pictures of the Word files for the README (docs/word-*.png): a page of the Word
minutes and pages of a year's Word bundle, as Word shows them, not only as a test reads them.

Renders the DOCX files from the examples with samtale, converts them to PDF with
LibreOffice headless (``soffice --headless --convert-to pdf``), and a page of each to PNG
with ``pdftoppm`` (poppler-utils), 1000 px wide and reduced to a palette of colours so the
files stay small. Not part of CI; needs LibreOffice Writer and poppler-utils, e.g. on
Debian or Ubuntu::

    sudo apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils
    python3 docs/skaermbilleder_word.py

LibreOffice draws the pages; Word's own rendering differs in details (fonts, spacing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "eksempler"
MINUTES = EXAMPLES / "laeringssamtaler" / "2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml"
WIDTH = 1000  # pixels: sharp enough to read, small enough for a README
COLOURS = 48  # a page is text on white: few colours, small files

# picture -> (what samtale renders, its arguments, the page to show, from 1)
SHOTS: dict[str, tuple[str, list[str], int]] = {
    "word-referat.png": ("referat.docx", [str(MINUTES), "--dokument", "referat"], 1),
    "word-samlet-indhold.png": ("samlet.docx", [str(EXAMPLES), "--år", "2024"], 1),
    "word-samlet-side.png": ("samlet.docx", [str(EXAMPLES), "--år", "2024"], 2),  # a heading with its date
}


def missing() -> str | None:
    """What is not installed, said in Danish, or None."""
    lacking = []
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        lacking.append("LibreOffice (kommandoen 'soffice', pakken libreoffice-writer-nogui)")
    if not shutil.which("pdftoppm"):
        lacking.append("pdftoppm (pakken poppler-utils)")
    if not lacking:
        return None
    return ("Billederne af Word-filerne kan ikke laves, fordi " + " og ".join(lacking) + " ikke er installeret.\n"
            "Installér dem, fx på Debian eller Ubuntu:\n"
            "  sudo apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils\n"
            "og kør så: python3 docs/skaermbilleder_word.py")


def samtale(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    subprocess.run([sys.executable, "-m", "samtale_cli", *args], check=True, env=env, stdout=subprocess.DEVNULL)


def to_pdf(docx: Path, folder: Path) -> Path:
    """The DOCX as LibreOffice prints it, with a profile of its own (no lock on the user's)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    profile = (folder / "lo-profil").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=300)
    return docx.with_suffix(".pdf")


def to_png(pdf: Path, page: int, target: Path) -> None:
    """Page ``page`` of ``pdf`` as a PNG ``WIDTH`` pixels wide, in a small palette."""
    from PIL import Image

    stem = target.parent / f"{target.stem}-raa"
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", str(page), "-l", str(page), "-scale-to-x", str(WIDTH),
                    "-scale-to-y", "-1", str(pdf), str(stem)], check=True)
    raw = stem.with_suffix(".png")
    with Image.open(raw) as picture:
        small = picture.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
        small.save(target, optimize=True)
    raw.unlink()


def main() -> int:
    lacking = missing()
    if lacking:
        print(lacking, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs: dict[str, Path] = {}
        for name, (made, args, page) in SHOTS.items():
            if made not in pdfs:
                docx = folder / made
                samtale("render", *args, "-o", str(docx), "--force")
                pdfs[made] = to_pdf(docx, folder)
            pdf = pdfs[made]
            to_png(pdf, page, REPO / "docs" / name)
            print(f"Skrev docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
