"""The words and measures of samtale's Word files that ``samtale import`` reads back.

The headings, labels and column names below are written by the Word writers
(:mod:`samtale_cli.out.docx.meeting`, ``sheet``, ``plan``) and recognised by the importer
(:mod:`samtale_cli.wordin.importer`), so a document rendered and imported gives the same
model. Both take them from this one place.
"""

from __future__ import annotations

from samtale_cli.core.files import DOCX_CREATOR

MARK = DOCX_CREATOR  # creator and last editor of the files samtale writes (files.made_by_samtale)
LIST_INDENT = 284  # twips per list level (0.5 cm)

AGENDA_COLUMNS = ("Nr.", "Tid", "Emne", "Mål med punktet", "Ansvarlig")
PARTS_COLUMNS = ("Del", "Titel", "Tid", "Varighed")
PEOPLE_COLUMNS = ("Navn", "Rolle", "Afdeling", "Dele")
ATTENDANCE_COLUMN = "Fremmøde"  # the referat's table of participants has it too
AGREEMENT_COLUMNS = ("Hvad", "Ansvarlig", "Afdeling", "Frist", "Status")
DATA_COLUMNS = ("Data", "Kilde", "Obligatorisk", "Fil")
ROLES_COLUMNS = ("Rolle", "Opgave")
# what people read in the minutes and agenda (import reads the columns above from the
# file's invisible part: samtale_cli.out.wordread.hidden_part)
SHOWN_PARTS_COLUMNS = ("Del", "Tid", "Varighed")
SHOWN_PEOPLE_COLUMNS = ("Navn", "Rolle")
SHOWN_DATA_COLUMNS = ("Data", "Kilde", "Obligatorisk")
H_PRESENT = "Til stede"
APOLOGIES = "Afbud"
ABSENT = "Fraværende"
SHARED_GROUP = "Dagtilbud, forvaltning og konsulenter"  # the people of no department
PHASE_COLUMNS = ("Fase", "Start", "Slut")
SHEET_TITLE = "Opsamling på opmærksomhedspunkter i egen afdeling"
SHEET_COLUMNS = (
    "Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen?",
    "Hvad peger data på, vi skal arbejde med?",
    "3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen i afdelingen",
)
SHEET_DECISION = "Beslutning fra læringssamtalen"
# the plan's sections: the view's key and its heading
PLAN_SECTIONS = (
    ("goals", "Hvad vil vi opnå?"),
    ("why", "Hvorfor vil vi opnå dette?"),
    ("knowledge", "Vidensgrundlag og indikatorer for høj kvalitet"),
    ("enablers", "Fremmere"),
    ("barriers", "Hæmmere"),
    ("evaluation", "Hvordan vil vi evaluere og lave målopfølgning?"),
)
RELEVANCE = "Er dette et relevant mål?"
H_FOCUS = "Læringsfokus"
H_PURPOSE = "Formål med læringssamtalen"
H_GOAL = "Mål med samtalen"
H_CONCEPTS = "Kernebegreber og mindset"
H_PARTS = "Tidsramme"
H_ROLES = "Roller under samtalen"
H_PEOPLE = "Deltagere"
H_DATA = "Datagrundlag"
H_AGENDA = "Dagsorden"
H_DECISIONS = "Beslutninger"
H_LANDMARKS = "Pejlemærker"
# A pejlemærke's themes, on a line of their own under it: "Temaer: social udvikling; ..."
THEMES_LABEL = "Temaer:"
H_AGREEMENTS = "Aftaler"
H_FOLLOWS = "Følger op på opmærksomhedspunkter"
H_EVALUATIONS = "Evalueringer"
NEXT_MEETING = "Næste møde"
PLAN_STATUS = "Status"
FOLLOWED_SHEET = "Ark"
FOLLOWED_POINTS = "Punkter"
MEETING_TIME = "Tid"
MEETING_DAY_OFF = "Ved fridag"
MEETING_FIRST = "Første møde"
H_TIMELINE = "Tidslinje"
H_PHASES = "Faser"
QUESTIONS = "Spørgsmål"
MINUTES = "Referat"
MILESTONES = "Milepæle"
TOC_HEADING = "Indhold"
YES = "ja"
