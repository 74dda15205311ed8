"""Word agendas and minutes laid out as Danish municipalities lay them out, built with
python-docx (every name is invented), each with the model fields its import must give.

Each builder takes the path to write and returns ``EXPECTED``: a dict from a field's path
in the imported model ("dagsorden[1].minutter", "deltagere[0].afdeling") to its value.
The departments are those of the example workspace (eksempler/samtale.yaml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import docx.enum.text

Expected = dict[str, Any]


def _cell(cell: Any, *lines: str) -> None:
    cell.text = ""
    para = cell.paragraphs[0]
    for k, line in enumerate(lines):
        if k:
            para.add_run().add_break()
        para.add_run(line)


def _agenda(document: Any, header: tuple[str, ...], rows: list[tuple[Any, ...]], above: str = "") -> Any:
    """A table: the header, then rows; a row given as one string is a section row merged
    across the whole width (bold, as people make them). ``above``: a section row above
    the header."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    if above:
        merged = table.rows[0].cells[0].merge(table.rows[0].cells[-1])
        merged.paragraphs[0].add_run(above).bold = True
        table.add_row()
    for cell, text in zip(table.rows[-1].cells, header):
        _cell(cell, text)
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(row).bold = True
            continue
        for cell, text in zip(cells, row):
            _cell(cell, *(text if isinstance(text, tuple) else (text,)))
    return table


def _bullets(document: Any, *lines: str) -> None:
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _blank_sheet_form(document: Any) -> None:
    """The attention-point form at the end: a heading, empty lines and an empty table."""
    document.add_heading("Opmærksomhedspunkter", level=1)
    document.add_paragraph("Afdeling: ____________________")
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Hvad har vi arbejdet med?", "Hvad peger data på?",
                                               "Opmærksomhedspunkter")):
        _cell(cell, text)
    document.add_paragraph("")


def sections_kl(path: Path) -> Expected:
    """Two merged section rows (the whole group, then the leadership hour), a "Kl."
    column with "8.30-8.35 / 5 min.", a prose date/time/place line, a plain
    "Deltagere:" line above "Navn (rolle, afdeling)" bullets, and "Afbud:"."""
    document = docx.Document()
    document.add_heading("Læringssamtale i Dagtilbud Vest", level=1)
    document.add_paragraph("Onsdag den 12. marts 2025 kl. 8.30-11.30 i Solsidens personalestue, Skolevej 4")
    document.add_paragraph("Deltagere:")
    _bullets(document,
             "Anne Kirstine Bro (dagtilbudsleder)",
             "Mads Holt (pædagogisk leder, Børnehuset Haven)",
             "Rikke Fogh (fagligt fyrtårn, Børnehuset Haven)",
             "Søren Lyk (pædagogisk leder, Vuggestuen Kernehuset)",
             "Ida Mølgaard (konsulent)")
    document.add_paragraph("Afbud: Tina Brask, Ulla Kragh")
    document.add_heading("Dagsorden", level=2)
    _agenda(document, ("Kl.", "Emne", "Mål med punktet", "Ansvarlig"), [
        "Den samlede deltagerkreds kl. 8.30-10.30",
        ("8.30-8.35 / 5 min.", "1. Velkomst", "Rammen for dagen", "Dagtilbudsleder"),
        ("8.35-9.20 / 45 min.", "2. Data om børnenes trivsel", "Fælles billede af data", "Konsulent"),
        ("9.20-9.30 / 10 min.", "Pause", "", ""),
        ("9.30-10.30 / 60 min.", "3. Pejlemærker for året", ("Vi bliver enige om pejlemærker",
                                                            "Hvad vil vi se mere af?"), "Pædagogisk leder"),
        "Ledelsestimen kl. 10.30-11.30",
        ("10.30-11.15 / 45 min.", "4. Ledelsens opfølgning", "Aftaler om opfølgning", "Dagtilbudsleder"),
        ("11.15-11.30 / 15 min.", "5. Evaluering", "", "Konsulent"),
    ])
    document.save(path)
    return {
        "dato": "2025-03-12", "start": "08:30", "sted": "Solsidens personalestue, Skolevej 4",
        "tidsramme[0].titel": "Den samlede deltagerkreds", "tidsramme[0].minutter": 120,
        "tidsramme[1].titel": "Ledelsestimen", "tidsramme[1].minutter": 60,
        "deltagere[0].navn": "Anne Kirstine Bro", "deltagere[0].rolle": "dagtilbudsleder",
        "deltagere[1].navn": "Mads Holt", "deltagere[1].rolle": "pædagogisk leder",
        "deltagere[1].afdeling": "Børnehuset Haven",
        "deltagere[2].rolle": "fagligt fyrtårn", "deltagere[3].afdeling": "Vuggestuen Kernehuset",
        "deltagere[4].rolle": "konsulent",
        "deltagere[5].navn": "Tina Brask", "deltagere[5].fremmøde": "afbud",
        "deltagere[6].navn": "Ulla Kragh", "deltagere[6].fremmøde": "afbud",
        "dagsorden[0].emne": "Velkomst", "dagsorden[0].minutter": 5,
        "dagsorden[0].del": "$tidsramme[0].del",
        "dagsorden[1].minutter": 45, "dagsorden[2].pause": True, "dagsorden[2].minutter": 10,
        "dagsorden[3].minutter": 60, "dagsorden[3].spørgsmål": ["Hvad vil vi se mere af?"],
        "dagsorden[4].emne": "Ledelsens opfølgning", "dagsorden[4].minutter": 45,
        "dagsorden[4].del": "$tidsramme[1].del",
        "dagsorden[5].minutter": 15, "dagsorden[5].del": "$tidsramme[1].del",
    }


def tidspunkt_ca(path: Path) -> Expected:
    """A "Tidspunkt" column with "Ca. 35 min.", participants as "Navn – rolle" bullets
    under a heading, the date on its own labelled line."""
    document = docx.Document()
    document.add_heading("Dagsorden: Læringssamtale, Børnehuset Haven", level=1)
    document.add_paragraph("Dato: 4. juni 2025")
    document.add_paragraph("Tid: kl. 13.00-15.00")
    document.add_paragraph("Sted: Børnehuset Haven, Havevej 2")
    document.add_heading("Deltagere", level=2)
    _bullets(document,
             "Pia Lunde – dagtilbudsleder",
             "Jonas Vinther – pædagogisk leder, Børnehuset Haven",
             "Maja Storm – sprogkonsulent")
    document.add_paragraph("Afbud: Maja Storm")
    document.add_heading("Dagsorden", level=2)
    _agenda(document, ("Tidspunkt", "Emne", "Ansvarlig"), [
        ("Ca. 10 min.", "Velkomst og dagens program", "Dagtilbudsleder"),
        ("Ca. 35 min.", "Sprogvurderinger: hvad ser vi?", "Sprogkonsulent"),
        ("ca 15 minutter", "Kaffepause", ""),
        ("Ca. 50 min", "Næste skridt i afdelingen", "Pædagogisk leder"),
        ("Ca. 10 min.", "Opsamling", "Dagtilbudsleder"),
    ])
    document.save(path)
    return {
        "dato": "2025-06-04", "start": "13:00", "sted": "Børnehuset Haven, Havevej 2",
        "deltagere[0].navn": "Pia Lunde", "deltagere[0].rolle": "dagtilbudsleder",
        "deltagere[1].navn": "Jonas Vinther", "deltagere[1].rolle": "pædagogisk leder",
        "deltagere[1].afdeling": "Børnehuset Haven", "deltagere[2].rolle": "sprogkonsulent",
        "deltagere[2].fremmøde": "afbud", "deltagere[3]": None,  # listed, then "Afbud:": one person
        "dagsorden[0].minutter": 10, "dagsorden[1].minutter": 35, "dagsorden[2].pause": True,
        "dagsorden[2].minutter": 15, "dagsorden[3].minutter": 50, "dagsorden[4].minutter": 10,
        "tidsramme[0].minutter": 120,
    }


def trailing_form(path: Path) -> Expected:
    """Agenda and minutes, then the blank attention-point form: still a meeting."""
    document = docx.Document()
    document.add_heading("Referat af læringssamtale", level=1)
    document.add_paragraph("Tirsdag den 3. juni 2025 kl. 9.00-11.00 i Vuggestuen Kernehuset, Kernevej 7")
    document.add_paragraph("Deltagere:")
    _bullets(document,
             "Helle Damsgaard (dagtilbudsleder)",
             "Niels Bagger (pædagogisk leder, Vuggestuen Kernehuset)",
             "Lotte Gram (konsulent)")
    document.add_paragraph("Afbud: Kim Thorup")
    _agenda(document, ("Tid", "Emne", "Mål med punktet", "Ansvarlig"), [
        ("9.00-9.10", "Velkomst", "", "Dagtilbudsleder"),
        ("Referat: Alle bød velkommen.",),
        ("9.10-10.10", "Data fra tilsynet", "Fælles forståelse af data", "Konsulent"),
        ("Referat: Vi talte om overgange.",),
        ("10.10-11.00", "Aftaler", "", "Pædagogisk leder"),
    ])
    _blank_sheet_form(document)
    document.save(path)
    return {
        "dato": "2025-06-03", "start": "09:00", "sted": "Vuggestuen Kernehuset, Kernevej 7",
        "deltagere[1].afdeling": "Vuggestuen Kernehuset", "deltagere[3].navn": "Kim Thorup",
        "deltagere[3].fremmøde": "afbud",
        "dagsorden[0].minutter": 10, "dagsorden[0].referat": "Alle bød velkommen.",
        "dagsorden[1].minutter": 60, "dagsorden[2].minutter": 50,
        "dagsorden[2].emne": "Aftaler",
    }


def sections_tid_paren(path: Path) -> Expected:
    """Section rows with the clock span in parentheses, a "Tid" column of spans only, a
    prose line without a weekday, bold "Deltagere" and a plain "Afbud:" line."""
    document = docx.Document()
    document.add_heading("Læringssamtale 2025", level=1)
    document.add_paragraph("Den 10. april 2025 kl. 12.30-15.30 i Væksthuset 8210, Lærkevej 12")
    run = document.add_paragraph().add_run("Deltagere")
    run.bold = True
    _bullets(document,
             "Bent Ravn – dagtilbudsleder",
             "Karin Bech – pædagogisk leder, Væksthuset 8210",
             "Ole Vang – børn og unge-chef")
    document.add_paragraph("Afbud: Eva Lind")
    _agenda(document, ("Tid", "Emne", "Ansvarlig"), [
        "Alle deltagere (kl. 12.30-14.30)",
        ("12.30-12.45", "Velkomst", "Dagtilbudsleder"),
        ("12.45-14.30", "Dialog om data", "Konsulent"),
        "Ledelsen (kl. 14.30-15.30)",
        ("14.30-15.30", "Ledelsens drøftelse", "Børn og unge-chef"),
    ])
    document.save(path)
    return {
        "dato": "2025-04-10", "start": "12:30", "sted": "Væksthuset 8210, Lærkevej 12",
        "tidsramme[0].titel": "Alle deltagere", "tidsramme[0].minutter": 120,
        "tidsramme[1].titel": "Ledelsen", "tidsramme[1].minutter": 60,
        "deltagere[1].afdeling": "Væksthuset 8210", "deltagere[2].rolle": "børn og unge-chef",
        "deltagere[3].navn": "Eva Lind", "deltagere[3].fremmøde": "afbud",
        "dagsorden[0].minutter": 15, "dagsorden[1].minutter": 105, "dagsorden[2].minutter": 60,
        "dagsorden[2].del": "$tidsramme[1].del",
    }


def sections_and_form(path: Path) -> Expected:
    """Everything at once: a merged first row, "Kl." with "/ 5 min.", "Ca." cells, the
    leadership hour, minutes rows, and the blank form at the end."""
    document = docx.Document()
    document.add_heading("Dagsorden og referat", level=1)
    document.add_paragraph("Mandag den 17. november 2025 kl. 8.30-11.30 i Børnehuset Derudá, Skovbrynet 9")
    document.add_paragraph("Deltagere:")
    _bullets(document,
             "Lise Borup (dagtilbudsleder)",
             "Tom Aagaard (pædagogisk leder, Børnehuset Derudá)",
             "Sara Nørby (fagligt fyrtårn, Børnehuset Derudá)",
             "Per Kjeldsen (konsulent)")
    document.add_paragraph("Afbud: Dorte Winther, Finn Juul")
    _agenda(document, ("Kl.", "Emne", "Mål med punktet", "Ansvarlig"), [
        "Den samlede deltagerkreds kl. 8.30-10.30",
        ("8.30-8.35 / 5 min.", "Velkomst", "", "Dagtilbudsleder"),
        ("Ca. 35 min.", "Fortællinger fra praksis", "Vi deler erfaringer", "Fagligt fyrtårn"),
        ("Referat: Tre fortællinger blev delt.",),
        ("9.10-10.30 / 80 min.", "Data og pejlemærker", "", "Konsulent"),
        "Ledelsestimen kl. 10.30-11.30",
        ("10.30-11.30 / 60 min.", "Opfølgning i ledelsen", "", "Dagtilbudsleder"),
    ])
    _blank_sheet_form(document)
    document.save(path)
    return {
        "dato": "2025-11-17", "start": "08:30", "sted": "Børnehuset Derudá, Skovbrynet 9",
        "tidsramme[0].titel": "Den samlede deltagerkreds", "tidsramme[0].minutter": 120,
        "tidsramme[1].titel": "Ledelsestimen", "tidsramme[1].minutter": 60,
        "deltagere[2].rolle": "fagligt fyrtårn", "deltagere[2].afdeling": "Børnehuset Derudá",
        "deltagere[4].navn": "Dorte Winther", "deltagere[4].fremmøde": "afbud",
        "deltagere[5].fremmøde": "afbud",
        "dagsorden[0].minutter": 5, "dagsorden[1].minutter": 35,
        "dagsorden[1].referat": "Tre fortællinger blev delt.",
        "dagsorden[2].minutter": 80, "dagsorden[3].del": "$tidsramme[1].del",
        "dagsorden[3].minutter": 60,
    }


def start_clocks(path: Path) -> Expected:
    """A "Kl." column with only each item's start ("8.30"): an item lasts until the next
    one starts, the last one until the meeting ends (the prose line's "kl. 8.30-10.00")."""
    document = docx.Document()
    document.add_heading("Læringssamtale, Vuggestuen Gårdhaven", level=1)
    document.add_paragraph("Torsdag den 25. september 2025 kl. 8.30-10.00 i Vuggestuen Gårdhaven")
    document.add_paragraph("Deltagere:")
    _bullets(document,
             "Jens Høj – dagtilbudsleder",
             "Marie Krog – pædagogisk leder, Vuggestuen Gårdhaven")
    _agenda(document, ("Kl.", "Emne", "Ansvarlig"), [
        ("8.30", "Velkomst", "Dagtilbudsleder"),
        ("8.40", "Gårdhavens data", "Pædagogisk leder"),
        ("9.30", "Aftaler", "Dagtilbudsleder"),
    ])
    document.save(path)
    return {
        "dato": "2025-09-25", "start": "08:30", "sted": "Vuggestuen Gårdhaven",
        "deltagere[1].afdeling": "Vuggestuen Gårdhaven",
        "dagsorden[0].minutter": 10, "dagsorden[1].minutter": 50, "dagsorden[2].minutter": 30,
        "tidsramme[0].minutter": 90,
    }


def unreadable(path: Path) -> None:
    """What is in the document but cannot become a value: a time cell "Efter behov",
    participants written as a phrase. Kept as comments, never called missing."""
    document = docx.Document()
    document.add_heading("Læringssamtale", level=1)
    document.add_paragraph("Dato: 2. oktober 2025")
    document.add_paragraph("Deltagere:")
    document.add_paragraph("Alle ledere og fyrtårne fra husene")
    _agenda(document, ("Tid", "Emne", "Ansvarlig"), [
        ("Efter behov", "Velkomst", "Dagtilbudsleder"),
        ("20 min.", "Data", "Konsulent"),
    ])
    document.save(path)


def section_above_header(path: Path) -> Expected:
    """Each part its own table whose first row, above the header, is the section
    ("Den samlede deltagerkreds kl. 8.30-10.30"); the second section has no clock span
    (its minutes are its items')."""
    document = docx.Document()
    document.add_heading("Læringssamtale i Børnehuset Frydenlund", level=1)
    document.add_paragraph("Fredag den 7. februar 2025 kl. 8.30-11.00 i Børnehuset Frydenlund, Engvej 1")
    document.add_paragraph("Deltagere:")
    _bullets(document,
             "Gry Fisker (dagtilbudsleder)",
             "Bo Lassen (pædagogisk leder, Børnehuset Frydenlund)")
    _agenda(document, ("Kl.", "Emne", "Ansvarlig"), [
        ("8.30-9.00 / 30 min.", "Velkomst og data", "Dagtilbudsleder"),
        ("9.00-10.30 / 90 min.", "Dialog i grupper", "Pædagogisk leder"),
    ], above="Den samlede deltagerkreds kl. 8.30-10.30")
    document.add_paragraph("")
    _agenda(document, ("Kl.", "Emne", "Ansvarlig"), [
        ("Ca. 20 min.", "Ledelsens blik på dagen", "Dagtilbudsleder"),
        ("Ca. 10 min.", "Næste skridt", "Dagtilbudsleder"),
    ], above="Ledelsestimen")
    document.save(path)
    return {
        "dato": "2025-02-07", "start": "08:30", "sted": "Børnehuset Frydenlund, Engvej 1",
        "tidsramme[0].titel": "Den samlede deltagerkreds", "tidsramme[0].minutter": 120,
        "tidsramme[1].titel": "Ledelsestimen", "tidsramme[1].minutter": 30,
        "deltagere[1].afdeling": "Børnehuset Frydenlund",
        "dagsorden[0].del": "$tidsramme[0].del", "dagsorden[0].minutter": 30,
        "dagsorden[1].minutter": 90, "dagsorden[2].del": "$tidsramme[1].del",
        "dagsorden[2].emne": "Ledelsens blik på dagen", "dagsorden[3].minutter": 10,
    }


def inline_people_and_pause_row(path: Path) -> Expected:
    """Participants on the "Deltagere:" line itself, a prose line with commas instead of
    "i", a merged "Frokost" row (a pause, not a section), and "Næste møde" with a clock
    time at the end (not the meeting's date)."""
    document = docx.Document()
    document.add_heading("Læringssamtale, Børnehuset Vesterbo", level=1)
    document.add_paragraph("Tirsdag 14. januar 2025, kl. 9.00-12.30, Børnehuset Vesterbo, Vestergade 3")
    document.add_paragraph("Deltagere: Hanne Bjerg (dagtilbudsleder), Lars Munk (pædagogisk leder, "
                           "Børnehuset Vesterbo), Nina Holm (konsulent)")
    document.add_paragraph("Afbud: Lars Munk")
    _agenda(document, ("Tid", "Emne", "Ansvarlig"), [
        ("9.00-11.30", "Data og dialog", "Konsulent"),
        "Frokost kl. 11.30-12.00",
        ("12.00-12.30", "Opsamling", "Dagtilbudsleder"),
    ])
    document.add_paragraph("Næste møde: 20. maj 2025 kl. 9.00")
    document.save(path)
    return {
        "dato": "2025-01-14", "start": "09:00", "sted": "Børnehuset Vesterbo, Vestergade 3",
        "næste_møde": "2025-05-20",
        "deltagere[0].navn": "Hanne Bjerg", "deltagere[1].afdeling": "Børnehuset Vesterbo",
        "deltagere[1].fremmøde": "afbud", "deltagere[2].rolle": "konsulent", "deltagere[3]": None,
        "tidsramme[0].minutter": 210, "tidsramme[1]": None,
        "dagsorden[0].minutter": 150, "dagsorden[1].emne": "Frokost", "dagsorden[1].pause": True,
        "dagsorden[1].minutter": 30, "dagsorden[2].minutter": 30,
    }


def topic_minutes_and_people_table(path: Path) -> Expected:
    """No time column: the minutes in the topic ("Velkomst (10 min.)"); participants in
    a table headed "Navn | Stilling | Institution"."""
    document = docx.Document()
    document.add_heading("Læringssamtale, Børnehuset Ovenpå", level=1)
    document.add_paragraph("Dato: 9. december 2025")
    document.add_paragraph("Sted: Børnehuset Ovenpå")
    document.add_heading("Deltagere", level=2)
    _agenda(document, ("Navn", "Stilling", "Institution"), [
        ("Vibeke Dahl", "Pædagogisk leder", "Børnehuset Ovenpå"),
        ("Carsten Ebbesen", "Dagtilbudsleder", ""),
    ])
    document.add_heading("Dagsorden", level=2)
    _agenda(document, ("Punkt", "Ansvarlig"), [
        ("1. Velkomst (10 min.)", "Dagtilbudsleder"),
        ("2. Børnenes perspektiv (ca. 40 min)", "Pædagogisk leder"),
        ("3. Aftaler og evaluering (10 minutter)", "Dagtilbudsleder"),
    ])
    document.save(path)
    return {
        "dato": "2025-12-09", "sted": "Børnehuset Ovenpå",
        "deltagere[0].navn": "Vibeke Dahl", "deltagere[0].rolle": "Pædagogisk leder",
        "deltagere[0].afdeling": "Børnehuset Ovenpå", "deltagere[1].rolle": "Dagtilbudsleder",
        "dagsorden[0].emne": "Velkomst", "dagsorden[0].minutter": 10,
        "dagsorden[1].emne": "Børnenes perspektiv", "dagsorden[1].minutter": 40,
        "dagsorden[2].minutter": 10, "tidsramme[0].minutter": 60,
    }


def odd_tables(path: Path) -> None:
    """Agenda tables as they should not be, to be read without a crash: only section
    rows; a first row merged down into the next; a span that runs backwards; a section
    row that is only a clock span; more sections than names for them; "Afbud:" with a
    department in parentheses."""
    document = docx.Document()
    document.add_heading("Læringssamtale", level=1)
    document.add_paragraph("Afbud: Tina Brask (pædagog, Børnehuset Haven) og Ulla Kragh")
    _agenda(document, ("Kl.", "Emne", "Ansvarlig"), ["Den samlede deltagerkreds kl. 8.30-10.30", "Ledelsestimen"])
    table = _agenda(document, ("Tid", "Emne", "Ansvarlig"), [("8.30", "", ""), ("8.40", "Velkomst", "Konsulent")])
    table.cell(1, 1).merge(table.cell(2, 1))
    _agenda(document, ("Tidspunkt", "Emne", "Ansvarlig"), [
        "Del et kl. 10.30-8.30", ("5 min", "Et", ""), "kl. 9.00-9.30", ("5 min", "To", ""),
        "Del tre", "Del fire", "Del fem", ("", "", ""), ("Ca. 5 min.", "Fem", "Konsulent"),
    ])
    document.save(path)


def _table(document: Any, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Any:
    """A plain table (a header and rows; a cell given as a tuple is several paragraphs)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            _paras(cell, *(text if isinstance(text, tuple) else (text,)))
    return table


def _paras(cell: Any, *texts: str) -> None:
    """Paragraphs in a cell; a text starting with "• " gets Word's bullet style instead."""
    cell.text = ""
    for k, text in enumerate(texts):
        para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        if text.startswith("• "):
            para.style = "List Bullet"
            text = text[2:]
        para.add_run(text)


def _minutes_row(table: Any, *texts: str) -> None:
    """A minutes row merged across the table, its paragraphs below each other."""
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    _paras(merged, *texts)


def subitems_in_content(path: Path) -> Expected:
    """As the seed: no number column, a "Varighed" column with the item's "Ca. 35 min.",
    the sub-items written in the content cell with their minutes in front ("10 min.
    Dagtilbudsleder præsenterer ..."), a bullet question under a sub-item, the break's
    "ca. 10 min." in the content cell, responsible as prose ("Faciliteres af konsulent",
    "De pædagogiske ledere", "Dagtilbudsleder og konsulent"); participants as prose
    ("Navn, rolle, afdeling." one after the other) under a heading."""
    document = docx.Document()
    document.add_heading("Dagsorden til læringssamtalen i Dagtilbud Vest", level=1)
    document.add_paragraph("Dato: 6. maj 2025")
    document.add_paragraph("Tid: kl. 13.00-15.30")
    document.add_heading("Deltagere", level=2)
    document.add_paragraph("Karen Holm, dagtilbudsleder. Henrik Lund, børn og unge-chef. Susanne Dahl, konsulent. "
                           "Lone Berg, pædagogisk leder, Børnehuset Derudá. Ib Kure, pædagogisk leder, "
                           "Børnehuset Haven.")
    document.add_heading("Dagsorden", level=2)
    _table(document, ("Emne", "Varighed", "Indhold", "Ansvarlig"), [
        ("Velkomst", "5 min.", "Dagtilbudsleder byder velkommen", "Dagtilbudsleder og konsulent"),
        ("Data", "Ca. 35 min.", ("10 min. Dagtilbudsleder præsenterer læringsfokus og data",
                                 "20 min. Analyse af data i grupper",
                                 "• Hvad får du øje på i data?",
                                 "5 min. Fælles opsamling"), "Faciliteres af konsulent"),
        ("Pause", "", "ca. 10 min.", ""),
        ("Refleksion", "Ca. 30 min.", ("Refleksion i grupper", "• Hvad lykkes vi med?"),
         "Faciliteres af konsulent"),
        ("Opmærksomhedspunkter", "Ca. 70 min.", "Hver afdeling noterer sine punkter", "De pædagogiske ledere"),
    ])
    document.save(path)
    return {
        "dato": "2025-05-06", "start": "13:00", "tidsramme[0].minutter": 150,
        "deltagere[0].navn": "Karen Holm", "deltagere[3].afdeling": "Børnehuset Derudá",
        "deltagere[4].rolle": "pædagogisk leder",
        "dagsorden[0].ansvarlig": ["Dagtilbudsleder", "konsulent"],
        "dagsorden[1].minutter": 35, "dagsorden[1].mål": None,
        "dagsorden[1].punkter[0].emne": "Dagtilbudsleder præsenterer læringsfokus og data",
        "dagsorden[1].punkter[0].minutter": 10,
        "dagsorden[1].punkter[1].emne": "Analyse af data i grupper", "dagsorden[1].punkter[1].minutter": 20,
        "dagsorden[1].punkter[1].spørgsmål": ["Hvad får du øje på i data?"],
        "dagsorden[1].punkter[2].minutter": 5, "dagsorden[1].ansvarlig": ["konsulent"],
        "dagsorden[2].pause": True, "dagsorden[2].minutter": 10, "dagsorden[2].mål": None,
        "dagsorden[3].mål": ["Refleksion i grupper"], "dagsorden[3].spørgsmål": ["Hvad lykkes vi med?"],
        "dagsorden[4].ansvarlig": ["pædagogisk leder"],
    }


def minutes_with_agreements(path: Path) -> Expected:
    """Minutes: participants in a table (Navn | Rolle | Afdeling | Fremmøde), a minutes
    row that lists the pejlemærker as numbered "1. Vi vil ..." lines, agreements in a
    table whose deadlines are "uge 16" and a date, and whose responsible are "Hanne og
    Tove" and "Dagtilbudsleder / konsulent"."""
    document = docx.Document()
    document.add_heading("Referat af læringssamtale", level=1)
    document.add_paragraph("Dato: 2. april 2025")
    document.add_paragraph("Sted: Børnehuset Haven")
    document.add_heading("Deltagere", level=2)
    _table(document, ("Navn", "Rolle", "Afdeling", "Fremmøde"), [
        ("Hanne Lyng", "Pædagogisk leder", "Børnehuset Haven", "Mødt"),
        ("Tove Riis", "Fagligt fyrtårn", "Børnehuset Haven", "Mødt"),
        ("Frank Moe", "Dagtilbudsleder", "", "Mødt"),
        ("Gitte Sand", "Konsulent", "", "Afbud"),
    ])
    document.add_heading("Dagsorden", level=2)
    table = _table(document, ("Tid", "Emne", "Ansvarlig"), [
        ("13.00-13.10", "Velkomst", "Dagtilbudsleder"),
        ("13.10-14.00", "Pejlemærker", "Konsulent"),
    ])
    _minutes_row(table, "Referat:", "Deltagerne var enige i de tre pejlemærker:",
                 "1. Vi vil have fokus på organiseringen af læringsmiljøerne.",
                 "2. Vi vil udvikle handlekompetencerne hos medarbejderne.",
                 "3. Vi vil bruge data til at kvalificere organiseringen.")
    document.add_heading("Aftaler", level=2)
    _table(document, ("Aftale", "Ansvarlig", "Frist"), [
        ("Opmærksomhedspunkterne deles med konsulenten", "Hanne og Tove", "uge 16"),
        ("Plan for kompetenceudviklingen", "Dagtilbudsleder / konsulent", "1/6 2025"),
        ("Evaluering på p-møde", "Hanne", "Efter sommerferien"),
    ])
    document.save(path)
    return {
        "dato": "2025-04-02", "sted": "Børnehuset Haven",
        "deltagere[1].rolle": "Fagligt fyrtårn", "deltagere[3].fremmøde": "afbud",
        "dagsorden[1].minutter": 50,
        "pejlemærker": ["Vi vil have fokus på organiseringen af læringsmiljøerne.",
                        "Vi vil udvikle handlekompetencerne hos medarbejderne.",
                        "Vi vil bruge data til at kvalificere organiseringen."],
        "dagsorden[1].referat": "Deltagerne var enige i de tre pejlemærker:",
        "aftaler[0].ansvarlig": ["Hanne", "Tove"], "aftaler[0].frist": "uge 16",
        "aftaler[1].ansvarlig": ["Dagtilbudsleder", "konsulent"], "aftaler[1].frist": "2025-06-01",
        "aftaler[2].hvad": "Evaluering på p-møde", "aftaler[2].frist": None,
    }


def _filled_sheet(document: Any, department: str, points: tuple[str, ...]) -> None:
    """A department's filled-in attention-point sheet, as the form at the end is filled."""
    document.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    document.add_heading("Opsamling på opmærksomhedspunkter i egen afdeling", level=1)
    document.add_paragraph(f"Dagtilbud/afdeling: Dagtilbud Vest / {department}")
    _table(document, ("Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen?",
                      "Hvad peger data på, vi skal arbejde med?",
                      "3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen"), [
        ("Leg og relationer i små grupper.", "Data peger på overgangene.", points),
    ])


def meeting_and_sheets(path: Path) -> Expected:
    """Several documents in one file: agenda and minutes, then two departments' filled-in
    attention-point sheets (each after a page break, under the sheet's heading). The
    meeting is imported (part 1); the sheets are named on the terminal (--del 2, 3)."""
    document = docx.Document()
    document.add_heading("Referat af læringssamtale i Dagtilbud Vest", level=1)
    document.add_paragraph("Mandag den 8. september 2025 kl. 9.00-11.00 i Børnehuset Haven, Havevej 2")
    document.add_paragraph("Deltagere:")
    _bullets(document,
             "Pia Lunde (dagtilbudsleder)",
             "Jonas Vinther (pædagogisk leder, Børnehuset Haven)",
             "Lise Borup (pædagogisk leder, Børnehuset Derudá)",
             "Ida Mølgaard (konsulent)")
    _agenda(document, ("Tid", "Emne", "Ansvarlig"), [
        ("9.00-10.00", "Data og dialog", "Konsulent"),
        ("10.00-11.00", "Opmærksomhedspunkter i afdelingerne", "Pædagogisk leder"),
    ])
    _filled_sheet(document, "Børnehuset Haven", ("• Overgange mellem aktiviteter", "• Sprog i rutinerne",
                                                 "• Børnenes perspektiv"))
    _filled_sheet(document, "Børnehuset Derudá", ("• Leg i små grupper", "• Evalueringskultur",
                                                  "• Forberedelsestid"))
    document.save(path)
    return {
        "dato": "2025-09-08", "start": "09:00", "sted": "Børnehuset Haven, Havevej 2",
        "deltagere[1].afdeling": "Børnehuset Haven", "deltagere[2].afdeling": "Børnehuset Derudá",
        "dagsorden[0].minutter": 60, "dagsorden[1].minutter": 60, "dagsorden[2]": None,
        "tidsramme[0].minutter": 120,
    }


def _numbered(document: Any, text: str, style: str = "List Number") -> Any:
    """A paragraph numbered by Word's numbering applied directly (numPr), not by style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num_id = document.styles[style].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    para = document.add_paragraph(text)
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        num_pr.append(child)
    para._p.get_or_add_pPr().append(num_pr)
    return para


def two_time_cells(path: Path) -> Expected:
    """Times in two cells: a "Kl." column with the start and a "Varighed" column with the
    minutes; participants as prose under a plain "Deltagere:" line; "Fraværende:"."""
    document = docx.Document()
    document.add_heading("Læringssamtale, Vuggestuen Kernehuset", level=1)
    document.add_paragraph("Dato: 21. oktober 2025")
    document.add_paragraph("Sted: Vuggestuen Kernehuset")
    document.add_paragraph("Deltagere:")
    document.add_paragraph("Helle Damsgaard, dagtilbudsleder. Niels Bagger, pædagogisk leder, Vuggestuen Kernehuset. "
                           "Lotte Gram, konsulent.")
    document.add_paragraph("Fraværende: Kim Thorup")
    _table(document, ("Kl.", "Varighed", "Emne", "Ansvarlig"), [
        ("9.00", "10 min.", "Velkomst", "Dagtilbudsleder"),
        ("9.10", "50 min.", "Data fra tilsynet", "Konsulent"),
        ("10.00", "15 min.", "Pause", ""),
        ("10.15", "45 min.", "Næste skridt", "Pædagogisk leder"),
    ])
    document.save(path)
    return {
        "dato": "2025-10-21", "start": "09:00", "sted": "Vuggestuen Kernehuset",
        "deltagere[1].afdeling": "Vuggestuen Kernehuset", "deltagere[2].rolle": "konsulent",
        "deltagere[3].navn": "Kim Thorup", "deltagere[3].fremmøde": "fraværende",
        "dagsorden[0].minutter": 10, "dagsorden[1].minutter": 50, "dagsorden[2].pause": True,
        "dagsorden[2].minutter": 15, "dagsorden[3].minutter": 45, "tidsramme[0].minutter": 120,
    }


def lists_by_style_and_numbering(path: Path) -> Expected:
    """Lists as Word makes them: participants under a heading in "List Bullet" style,
    kernebegreber numbered by "List Number" style, pejlemærker numbered by numbering
    applied directly, goals in a cell as "List Bullet 2"."""
    document = docx.Document()
    document.add_heading("Læringssamtale i Børnehuset Derudá", level=1)
    document.add_paragraph("Dato: 13. januar 2026")
    document.add_paragraph("Læringsfokus: Sprog i hverdagens rutiner")
    document.add_heading("Kernebegreber", level=2)
    for text in ("Læringskæden", "Systematik og struktur"):
        document.add_paragraph(text, style="List Number")
    document.add_heading("Deltagere", level=2)
    _bullets(document, "Lise Borup (dagtilbudsleder)", "Tom Aagaard (pædagogisk leder, Børnehuset Derudá)")
    document.add_heading("Dagsorden", level=2)
    table = _table(document, ("Tid", "Emne", "Mål med punktet", "Ansvarlig"), [
        ("10 min.", "Velkomst", "", "Dagtilbudsleder"),
        ("50 min.", "Sprog i rutinerne", "", "Pædagogisk leder"),
    ])
    cell = table.rows[2].cells[2]
    cell.paragraphs[0].text = "Vi ser på data"
    cell.paragraphs[0].style = "List Bullet 2"
    cell.add_paragraph("Vi aftaler næste skridt", style="List Bullet 2")
    document.add_heading("Datagrundlag", level=2)
    _bullets(document, "Opsamling på det samlede tilsyn i dagtilbuddet (obligatorisk)",
             "Data fra samarbejdet med PPR (obligatorisk)")
    document.add_heading("Pejlemærker", level=2)
    _numbered(document, "Vi vil styrke sproget i rutinerne.")
    _numbered(document, "Vi vil bruge data fra sprogvurderingerne.")
    document.save(path)
    return {
        "dato": "2026-01-13", "læringsfokus": "Sprog i hverdagens rutiner",
        "kernebegreber": ["Læringskæden", "Systematik og struktur"],
        "deltagere[1].afdeling": "Børnehuset Derudá",
        "dagsorden[1].mål": ["Vi ser på data", "Vi aftaler næste skridt"], "dagsorden[1].minutter": 50,
        "pejlemærker": ["Vi vil styrke sproget i rutinerne.", "Vi vil bruge data fra sprogvurderingerne."],
        "tidsramme[0].minutter": 60,
    }


def headers_tracked_changes_comments(path: Path) -> Expected:
    """A header and a footer (with the municipality's name), a tracked insertion and a
    tracked deletion left in a topic, and a Word comment on a goal: the header is no
    title, the deletion is gone, the insertion is kept, the comment is no goal."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Solby Kommune · Dagtilbud Vest"
    section.footer.paragraphs[0].text = "Side 1"
    document.add_heading("Læringssamtale om overgange", level=1)
    document.add_paragraph("Torsdag den 5. februar 2026 kl. 13.00-14.30 i Børnehuset Haven")
    document.add_paragraph("Deltagere:")
    _bullets(document, "Pia Lunde (dagtilbudsleder)", "Jonas Vinther (pædagogisk leder, Børnehuset Haven)")
    table = _table(document, ("Tid", "Emne", "Mål med punktet", "Ansvarlig"), [
        ("13.00-13.30", "Overgange ", "Fælles billede", "Dagtilbudsleder"),
        ("13.30-14.30", "Aftaler", "Vi aftaler næste skridt", "Pædagogisk leder"),
    ])
    topic = table.rows[1].cells[1].paragraphs[0]
    for tag, text in (("w:del", "i vuggestuen"), ("w:ins", "i børnehaven")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1" if tag == "w:del" else "2")
        change.set(qn("w:author"), "Pia Lunde")
        run = OxmlElement("w:r")
        text_el = OxmlElement("w:delText" if tag == "w:del" else "w:t")
        text_el.text = text
        run.append(text_el)
        change.append(run)
        topic._p.append(change)
    goal = table.rows[2].cells[2].paragraphs[0]
    document.add_comment(goal.runs, text="Skal vi nå det?", author="Jonas Vinther")
    document.save(path)
    return {
        "titel": "Læringssamtale om overgange", "dato": "2026-02-05", "start": "13:00",
        "sted": "Børnehuset Haven",
        "dagsorden[0].emne": "Overgange i børnehaven", "dagsorden[0].minutter": 30,
        "dagsorden[1].mål": ["Vi aftaler næste skridt"], "dagsorden[1].minutter": 60,
        "tidsramme[0].minutter": 90,
    }


LAYOUTS = [sections_kl, tidspunkt_ca, trailing_form, sections_tid_paren, sections_and_form, start_clocks,
           section_above_header, inline_people_and_pause_row,
           topic_minutes_and_people_table, subitems_in_content, minutes_with_agreements,
           meeting_and_sheets, two_time_cells, lists_by_style_and_numbering,
           headers_tracked_changes_comments]
