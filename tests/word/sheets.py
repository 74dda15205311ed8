"""Word attention-point sheets (opmærksomhedspunkter) laid out as Danish municipalities lay
them out, built with python-docx (every name is invented), each with the model fields its
import must give.

Each builder takes the path to write and returns ``EXPECTED``: a dict from a field's path
in the imported model ("punkter[2]", "afdeling") to its value; ``None``: the field must
not be there. The sheets belong to the example workspace's meetings (eksempler/
laeringssamtaler: 13/5 2024 and 12/5 2025), so ``læringssamtale`` is that file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx

Expected = dict[str, Any]

MEETING_2025 = "../../laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml"
MEETING_2024 = "../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml"
WORKED = "Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen?"
DATA = "Hvad peger data på, vi skal arbejde med?"
POINTS = "3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen"


def _cell(cell: Any, *paragraphs: str, style: str | None = None) -> None:
    cell.text = paragraphs[0]
    if style:
        cell.paragraphs[0].style = style
    for text in paragraphs[1:]:
        cell.add_paragraph(text, style=style)


def points_by_row(path: Path) -> Expected:
    """The department's name as a heading above the title, the meeting by a prose date,
    the three-column table with one point per row (the first two columns merged down)."""
    document = docx.Document()
    document.add_heading("Væksthuset 8210", level=2)
    document.add_heading("Opmærksomhedspunkter efter læringssamtalen", level=1)
    document.add_paragraph("Læringssamtale: mandag den 12. maj 2025")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (WORKED, DATA, POINTS)):
        cell.text = text
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(1, 1).merge(table.cell(3, 1))
    _cell(table.cell(1, 0), "Sprog i garderoben.")
    _cell(table.cell(1, 1), "Sprogvurderingerne peger på ordforråd.")
    for k, point in enumerate(("Dialogisk læsning i små grupper", "Sprog i overgangene", "Forældresamarbejde om sprog")):
        table.cell(k + 1, 2).text = point
    document.save(path)
    return {
        "afdeling": "Væksthuset 8210", "læringssamtale": MEETING_2025,
        "arbejdet_med": "Sprog i garderoben.", "data_peger_på": "Sprogvurderingerne peger på ordforråd.",
        "punkter[0]": "Dialogisk læsning i små grupper", "punkter[2]": "Forældresamarbejde om sprog",
        "punkter[3]": None,
    }


def questions_as_headings(path: Path) -> Expected:
    """The sheet's title, "Afdeling:", the two questions as headings with paragraphs
    under them, the points numbered by Word ("List Number") under a third heading."""
    document = docx.Document()
    document.add_heading("Opsamling på opmærksomhedspunkter i egen afdeling", level=1)
    document.add_paragraph("Afdeling: Børnehuset Vesterbo")
    document.add_paragraph("Læringssamtale: 13/5 2024")
    document.add_heading(WORKED, level=2)
    document.add_paragraph("Vi har arbejdet med legegrupper.")
    document.add_paragraph("Og med fortællinger fra praksis.")
    document.add_heading(DATA, level=2)
    document.add_paragraph("Tilsynet peger på overgangene.")
    document.add_heading(POINTS, level=2)
    for point in ("Legegrupper hele året", "Overgange fra ude til inde", "Fortællinger på stuemøder",
                  "Børneinterview"):
        document.add_paragraph(point, style="List Number")
    document.save(path)
    return {
        "afdeling": "Børnehuset Vesterbo", "læringssamtale": MEETING_2024,
        "arbejdet_med": "Vi har arbejdet med legegrupper.\n\nOg med fortællinger fra praksis.",
        "data_peger_på": "Tilsynet peger på overgangene.",
        "punkter[0]": "Legegrupper hele året", "punkter[3]": "Børneinterview", "punkter[4]": None,
    }


def question_rows(path: Path) -> Expected:
    """A two-column table: each question in a row of its own with its answer beside it,
    the points typed with "•" in one cell; the department in the title after a dash."""
    document = docx.Document()
    document.add_heading("Opsamling på opmærksomhedspunkter i egen afdeling – Vuggestuen Vestervang", level=1)
    document.add_paragraph("Læringssamtale: 12/5 2025")
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    _cell(table.cell(0, 0), WORKED)
    _cell(table.cell(0, 1), "Relationer mellem børn.")
    _cell(table.cell(1, 0), DATA)
    _cell(table.cell(1, 1), "Trivselsmålingen peger på de yngste.")
    _cell(table.cell(2, 0), "Opmærksomhedspunkter")
    _cell(table.cell(2, 1), "• Venskaber på tværs af stuer", "• De yngste i legen", "• Voksenpositioner")
    document.save(path)
    return {
        "afdeling": "Vuggestuen Vestervang", "læringssamtale": MEETING_2025,
        "arbejdet_med": "Relationer mellem børn.", "data_peger_på": "Trivselsmålingen peger på de yngste.",
        "punkter[0]": "Venskaber på tværs af stuer", "punkter[2]": "Voksenpositioner", "punkter[3]": None,
    }


def points_as_paragraphs(path: Path) -> Expected:
    """The three-column table with the points as "1)"-numbered paragraphs in one cell,
    and the label "Dagtilbud/afdeling:"; a "Beslutning fra læringssamtalen:" line."""
    document = docx.Document()
    document.add_heading("Opsamling på opmærksomhedspunkter i egen afdeling", level=1)
    document.add_paragraph("Dagtilbud/afdeling: Dagtilbud Vest / Børnehuset Frydenlund")
    document.add_paragraph("Læringssamtale: 12. maj 2025")
    document.add_paragraph("Beslutning fra læringssamtalen: Vi arbejder med børneperspektivet.")
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (WORKED, DATA, POINTS)):
        cell.text = text
    _cell(table.cell(1, 0), "Børneinterviews.")
    _cell(table.cell(1, 1), "Data peger på ventetid.")
    _cell(table.cell(1, 2), "1) Mindre ventetid", "2) Børnenes stemme på stuemøder", "3) Tegn på trivsel")
    document.save(path)
    return {
        "afdeling": "Børnehuset Frydenlund", "læringssamtale": MEETING_2025,
        "beslutning": "Vi arbejder med børneperspektivet.",
        "punkter[0]": "Mindre ventetid", "punkter[1]": "Børnenes stemme på stuemøder", "punkter[3]": None,
    }


LAYOUTS = [points_by_row, questions_as_headings, question_rows, points_as_paragraphs]
