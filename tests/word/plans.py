"""Word action plans (indsatsplaner) laid out as Danish municipalities lay them out, built
with python-docx (every name is invented), each with the model fields its import must give.

Each builder takes the path to write and returns ``EXPECTED``: a dict from a field's path
in the imported model ("faser[1].milepæle[0].dato", "hæmmere[0]") to its value. A value
``None`` says the field must not be there. The departments are those of the example
workspace (eksempler/samtale.yaml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE

Expected = dict[str, Any]


def _cell(cell: Any, *paragraphs: str) -> None:
    """Paragraphs in a cell (Enter between them, as people type in a cell)."""
    cell.text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def _style(document: Any, name: str) -> str:
    """A paragraph style of that name (as a Danish Word names its built-in list styles
    when the document comes from another program: no numbering in the style)."""
    if name not in [s.name for s in document.styles]:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    return name


def seed_phase_columns(path: Path) -> Expected:
    """The seed's layout: the department's name above the title, the questions as typed
    '- ' bullets with 'o' answers and '▪' sub-answers, and the phases as one table row
    with one column per phase, each cell "Tidsperspektiv for fase N:", the text and the
    dates in prose ("tidsperspektiv 1/5 2025 – 15/6 2025", "Fase 3 kører fra 1/9 2025
    frem til 30/6 2026"), a "p-møde den 19/8 2025" and a "stuemøde hver 4. uge kl.
    13.00-14.00" in the text."""
    document = docx.Document()
    document.add_paragraph().add_run("Vuggestuen Kernehuset").bold = True
    document.add_heading("Indsatsplan: Små grupper i rutinerne", level=1)
    for text in ("- Hvad vil vi opnå?",
                 "o Give alle børn bedre deltagelsesmuligheder i måltider og puslesituationer.",
                 "o Styrke de faglige refleksioner i hverdagen.",
                 "- Hvorfor vil vi opnå dette",
                 "o Tilsynet viste, at de små grupper sjældent bruges i rutinerne.",
                 "- Hvilket videns grundlag danner afsæt for indsatsen og hvad er indikatorerne for høj kvalitet?",
                 "o I små grupper er interaktionen mere direkte mellem barn og voksen.",
                 "▪ Det er nemmere at arbejde refleksivt med egen praksis.",
                 "- Hvad er fremmere og hvad er hæmmere?",
                 "o Fremmer: Personalet har gode erfaringer med små grupper i aktiviteterne.",
                 "o Hæmmer: Mange vikarer kender ikke vores guidelines.",
                 "- Hvordan vil vi evaluere og lave målopfølgning",
                 "o Vi evaluerer på stuemøderne med video og KVALID.",
                 "o Er dette et relevant mål",
                 "▪ Det er et helt relevant mål."):
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    cells = table.rows[0].cells
    _cell(cells[0], "Tidsperspektiv for fase 1:",
          "Vi analyserer børnegrupperne ved måltiderne, så der kan dannes små grupper.",
          "tidsperspektiv 1/5 2025 – 15/6 2025")
    _cell(cells[1], "Tidsperspektiv for fase 2:",
          "Vi øver os i at beskrive tiltag. Grupperne dannes ud fra guidelines, vi finder frem til "
          "i fællesskab på p-møde den 19/8 2025.",
          "Tidsperspektiv fra 16/6 til 31/8 2025")
    _cell(cells[2], "Tidsperspektiv for fase 3:",
          "Vi planlægger, kører forløb og evaluerer løbende. Der afholdes stuemøde hver 4. uge "
          "kl. 13.00-14.00, hvor arbejdet med de små grupper evalueres.",
          "Fase 3 kører fra 1/9 2025 frem til 30/6 2026.")
    document.save(path)
    return {
        "titel": "Små grupper i rutinerne", "afdeling": "Vuggestuen Kernehuset",
        "mål[0]": "Give alle børn bedre deltagelsesmuligheder i måltider og puslesituationer.",
        "mål[1]": "Styrke de faglige refleksioner i hverdagen.",
        "hvorfor[0]": "Tilsynet viste, at de små grupper sjældent bruges i rutinerne.",
        "fremmere[0]": "Personalet har gode erfaringer med små grupper i aktiviteterne.",
        "fremmere[1]": None,
        "hæmmere[0]": "Mange vikarer kender ikke vores guidelines.",
        "evaluering[0]": "Vi evaluerer på stuemøderne med video og KVALID.",
        "relevans": "Det er et helt relevant mål.",
        "faser[0].navn": "Fase 1", "faser[0].start": "2025-05-01", "faser[0].slut": "2025-06-15",
        "faser[1].navn": "Fase 2", "faser[1].start": "2025-06-16", "faser[1].slut": "2025-08-31",
        "faser[1].milepæle[0].dato": "2025-08-19", "faser[1].milepæle[0].titel": "P-møde",
        "faser[2].navn": "Fase 3", "faser[2].start": "2025-09-01", "faser[2].slut": "2026-06-30",
        "faser[2].møder[0].titel": "Stuemøde", "faser[2].møder[0].hver": "hver 4. uge",
        "faser[2].møder[0].kl": "13:00", "faser[2].møder[0].varighed": "1 t",
        "faser[3]": None,
    }


def phase_rows(path: Path) -> Expected:
    """The questions as headings, answers as "List Bullet"; "Fremmer:" and "Hæmmer:" as
    lines under one question; the phases as a table by row ("Fase | Periode |
    Indhold"), a meeting and a milestone in the text."""
    document = docx.Document()
    document.add_heading("Indsatsplan for Børnehuset Haven 2025-2026", level=1)
    document.add_paragraph("Indsats: Sprog i hverdagens overgange")
    for question, answers in (
        ("Hvad vil vi opnå?", ["Alle børn deltager i samtaler i overgangene."]),
        ("Hvorfor vil vi opnå dette?", ["Sprogvurderingerne viser, at hver femte har brug for støtte.",
                                        "Overgangene fylder meget af dagen."]),
        ("Vidensgrundlag og indikatorer for høj kvalitet", ["EVA's materiale om sprog i rutiner."]),
        ("Hvad er fremmere og hvad er hæmmere?", ["Fremmer: En fælles sprogstrategi i huset.",
                                                   "Hæmmer: Travlhed ved garderoben.",
                                                   "Hæmmer: Mange nye medarbejdere."]),
        ("Hvordan vil vi evaluere og lave målopfølgning?", ["Vi filmer tre overgange pr. måned."]),
    ):
        document.add_heading(question, level=2)
        for answer in answers:
            document.add_paragraph(answer, style="List Bullet")
    document.add_heading("Faser", level=2)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Fase", "Periode", "Indhold")):
        cell.text = text
    for row in (("Fase 1", "1/8 2025 – 30/9 2025", "Vi kortlægger overgangene. Forældremøde den 24/9 2025."),
                ("Fase 2", "1/10 2025 – 31/3 2026",
                 "Vi afprøver små grupper i garderoben. Sprogmøde hver 14. dag kl. 9.30-10.00.")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    document.save(path)
    return {
        "titel": "Sprog i hverdagens overgange", "afdeling": "Børnehuset Haven",
        "mål[0]": "Alle børn deltager i samtaler i overgangene.",
        "hvorfor[1]": "Overgangene fylder meget af dagen.",
        "vidensgrundlag[0]": "EVA's materiale om sprog i rutiner.",
        "fremmere[0]": "En fælles sprogstrategi i huset.", "fremmere[1]": None,
        "hæmmere[0]": "Travlhed ved garderoben.", "hæmmere[1]": "Mange nye medarbejdere.",
        "evaluering[0]": "Vi filmer tre overgange pr. måned.",
        "faser[0].navn": "Fase 1", "faser[0].start": "2025-08-01", "faser[0].slut": "2025-09-30",
        "faser[0].milepæle[0].dato": "2025-09-24", "faser[0].milepæle[0].titel": "Forældremøde",
        "faser[1].start": "2025-10-01", "faser[1].slut": "2026-03-31",
        "faser[1].møder[0].titel": "Sprogmøde", "faser[1].møder[0].hver": "hver 14. dag",
        "faser[1].møder[0].kl": "09:30", "faser[1].møder[0].varighed": "30 min",
    }


def list_styles(path: Path) -> Expected:
    """The questions in "List Bullet", the answers in "List Bullet 2" and sub-answers in
    "List Bullet 3" (Word's built-in list styles); the phases as a table by column: a
    first column of labels ("Periode", "Indhold", "Milepæle", "Møder"), one column per
    phase."""
    document = docx.Document()
    document.add_heading("Indsatsplan", level=1)
    document.add_paragraph("Afdeling: Børnehuset Derudá")
    document.add_paragraph("Titel: Leg på legepladsen")
    for question, answers in (
        ("Hvad vil vi opnå?", ["Flere børn er med i legen på legepladsen.", ("Særligt de yngste.",)]),
        ("Hvorfor vil vi opnå dette?", ["Observationer viser, at de samme børn står udenfor."]),
        ("Hvad er fremmere og hvad er hæmmere?", ["Fremmer: Voksne der er ude med børnene.",
                                                   "Hæmmer: Pauserne ligger i legetiden."]),
        ("Hvordan vil vi evaluere og lave målopfølgning?", ["Observationer med TOPI hver måned."]),
        ("Er dette et relevant mål?", ["Ja, det følger af læreplanen."]),
    ):
        document.add_paragraph(question, style="List Bullet")
        for answer in answers:
            if isinstance(answer, tuple):
                document.add_paragraph(answer[0], style="List Bullet 3")
            else:
                document.add_paragraph(answer, style="List Bullet 2")
    table = document.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    for row, texts in zip(table.rows, (
            ("Fase", "Fase 1", "Fase 2"),
            ("Periode", "4/8 2025 - 31/10 2025", "3/11 2025 - 27/2 2026"),
            ("Indhold", "Vi observerer legen.", "Vi organiserer legen i små grupper."),
            ("Milepæle", "Personalemøde 23/9 2025: fælles analyse", "–"),
            ("Møder", "", "Legemøde hver måned kl. 14-15"))):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    document.save(path)
    return {
        "titel": "Leg på legepladsen", "afdeling": "Børnehuset Derudá",
        "mål[0]": "Flere børn er med i legen på legepladsen.\n\n- Særligt de yngste.\n",
        "hvorfor[0]": "Observationer viser, at de samme børn står udenfor.",
        "fremmere[0]": "Voksne der er ude med børnene.", "hæmmere[0]": "Pauserne ligger i legetiden.",
        "evaluering[0]": "Observationer med TOPI hver måned.",
        "relevans": "Ja, det følger af læreplanen.",
        "faser[0].navn": "Fase 1", "faser[0].start": "2025-08-04", "faser[0].slut": "2025-10-31",
        "faser[0].beskrivelse": "Vi observerer legen.",
        "faser[0].milepæle[0].dato": "2025-09-23", "faser[0].milepæle[0].titel": "Personalemøde: fælles analyse",
        "faser[1].navn": "Fase 2", "faser[1].start": "2025-11-03", "faser[1].slut": "2026-02-27",
        "faser[1].møder[0].titel": "Legemøde", "faser[1].møder[0].hver": "hver måned",
        "faser[1].møder[0].kl": "14:00", "faser[1].møder[0].varighed": "1 t",
    }


def danish_styles(path: Path) -> Expected:
    """Danish Word's style names without numbering in the style ("Opstilling med
    punkttegn" for the questions, "Opstilling med punkttegn 2" for the answers); the
    phases as prose lines "Fase 1: ... fra 1/8 til 30/9 2025"."""
    document = docx.Document()
    document.add_heading("Indsatsplan: Ro ved frokosten", level=1)
    document.add_paragraph("Afdeling: Vuggestuen Gårdhaven")
    top, answer = _style(document, "Opstilling med punkttegn"), _style(document, "Opstilling med punkttegn 2")
    for question, answers in (
        ("Hvad vil vi opnå?", ["Frokosten er et roligt læringsrum.", "Alle børn hjælper til."]),
        ("Hvorfor vil vi opnå dette?", ["Støjen ved frokosten er høj."]),
        ("Fremmere", ["Små borde."]),
        ("Hæmmere", ["Maden kommer sent."]),
        ("Hvordan vil vi evaluere og lave målopfølgning?", ["Støjmåling før og efter."]),
    ):
        document.add_paragraph(question, style=top)
        for text in answers:
            document.add_paragraph(text, style=answer)
    document.add_paragraph("Fase 1: Vi måler støjen fra 1/8 til 30/9 2025")
    document.add_paragraph("Fase 2: Vi afprøver små borde fra 1/10 til 19/12 2025")
    document.save(path)
    return {
        "titel": "Ro ved frokosten", "afdeling": "Vuggestuen Gårdhaven",
        "mål[0]": "Frokosten er et roligt læringsrum.", "mål[1]": "Alle børn hjælper til.",
        "hvorfor[0]": "Støjen ved frokosten er høj.",
        "fremmere[0]": "Små borde.", "hæmmere[0]": "Maden kommer sent.",
        "evaluering[0]": "Støjmåling før og efter.",
        "faser[0].navn": "Fase 1", "faser[0].start": "2025-08-01", "faser[0].slut": "2025-09-30",
        "faser[0].beskrivelse": "Vi måler støjen", "faser[1].slut": "2025-12-19",
    }


def numbered_questions(path: Path) -> Expected:
    """The questions numbered by Word ("List Number") with typed "–" answers, the plan's
    title and department in a header line ("Væksthuset 8210 · Indsatsplan"), and
    phases by column with the phase names in the header row and dates in prose."""
    document = docx.Document()
    document.add_paragraph("Væksthuset 8210 · Indsatsplan 2025/26")
    document.add_heading("Motorik i hverdagen", level=1)
    for question, answers in (
        ("Hvad vil vi opnå?", ["– Børnene bevæger sig mere i løbet af dagen."]),
        ("Hvorfor vil vi opnå dette?", ["– Motorikscreeningen viser behov."]),
        ("Hvad er fremmere og hvad er hæmmere?", ["– Fremmere: Stor sal.", "– Hæmmere: Få voksne om eftermiddagen."]),
        ("Hvordan vil vi evaluere og lave målopfølgning?", ["– Ny screening i juni."]),
    ):
        document.add_paragraph(question, style="List Number")
        for text in answers:
            document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    _cell(table.rows[0].cells[0], "Fase 1")
    _cell(table.rows[0].cells[1], "Fase 2")
    _cell(table.rows[1].cells[0], "Screening og planlægning.", "Fase 1 kører fra 11/8 2025 frem til 3/10 2025.")
    _cell(table.rows[1].cells[1], "Bevægelse hver dag. Evaluering på p-møde den 2/12 2025.",
          "Fase 2 kører fra 6/10 2025 frem til 30/1 2026.")
    document.save(path)
    return {
        "titel": "Motorik i hverdagen", "afdeling": "Væksthuset 8210",
        "mål[0]": "Børnene bevæger sig mere i løbet af dagen.",
        "hvorfor[0]": "Motorikscreeningen viser behov.",
        "fremmere[0]": "Stor sal.", "hæmmere[0]": "Få voksne om eftermiddagen.",
        "evaluering[0]": "Ny screening i juni.",
        "faser[0].navn": "Fase 1", "faser[0].start": "2025-08-11", "faser[0].slut": "2025-10-03",
        "faser[0].beskrivelse": "Screening og planlægning.",
        "faser[1].navn": "Fase 2", "faser[1].start": "2025-10-06", "faser[1].slut": "2026-01-30",
        "faser[1].milepæle[0].dato": "2025-12-02", "faser[1].milepæle[0].titel": "P-møde",
    }


LAYOUTS = [seed_phase_columns, phase_rows, list_styles, danish_styles, numbered_questions]
