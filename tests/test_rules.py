"""Every check of docs/format.md ("What `samtale check` must find"), one text edit at a time.

Each case edits one file of a copy of ``eksempler/`` and expects the *exact* list of
findings: file, line, column, level and code, and nothing else. Lines and columns are
found from the edited text (``at``: a text on the line, and the text the column points
at), so a finding on the wrong line or column fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from dataclasses import dataclass

import pytest

from conftest import (
    MEETING,
    MEETING_2025,
    PLAN,
    PLAN_2025,
    SHEET_DERUDA,
    SHEET_KERNEHUSET,
    WORKSPACE,
    Eks,
)
from samtale_cli.check.runs import check
from samtale_cli.core.diagnostics import Level

M, P, S, K, W = MEETING, PLAN, SHEET_DERUDA, SHEET_KERNEHUSET, WORKSPACE
M2, P2 = MEETING_2025, PLAN_2025


@dataclass
class At:
    """An expected finding: in ``file`` on the line holding ``line``, at ``col`` (a text
    on that line, or a column number)."""

    file: str
    line: str
    col: str | int
    level: str
    code: str
    message: str = ""  # a part of the message that must be there
    nth: int = 0  # which of several lines holding ``line`` (0: the only one, or the one equal to it)


@dataclass
class Case:
    id: str
    edits: list[tuple[str, str, str]]  # (file, old, new)
    expect: list[At]


def _line(eks: Eks, at: At) -> int:
    lines = eks.text(at.file).split("\n")
    hits = [n for n, ln in enumerate(lines, 1) if at.line in ln]
    if len(hits) > 1 and not at.nth:
        hits = [n for n in hits if lines[n - 1] == at.line]
        assert len(hits) == 1, f"{at.line!r} is on several lines of {at.file}"
    return hits[at.nth]


def expected(eks: Eks, case: Case) -> list[tuple]:
    found = []
    for at in case.expect:
        line = _line(eks, at)
        text = eks.text(at.file).split("\n")[line - 1]
        col = at.col if isinstance(at.col, int) else text.index(at.col) + 1
        found.append((at.file, line, col, at.level, at.code))
    return sorted(found)


FEJL, ADV = "fejl", "advarsel"

CASES = [
    # --- YAML and format -----------------------------------------------------------
    Case("yaml-syntax", [(M, "titel: Læringssamtale før forløb", "titel: Læringssamtale før: forløb")],
         [At(M, "titel: Læringssamtale før: forløb", "Læringssamtale", FEJL, "Y005",
             'Sæt teksten i anførselstegn: titel: "Læringssamtale før: forløb med Dagtilbud for alle"')]),
    Case("yaml-unclosed-flow", [(M, "  - navn: Ulla Bundgaard\n    rolle: pædagogisk fagkonsulent\n    dele: [plenum, ledelse]",
                                 "  - navn: Ulla Bundgaard\n    rolle: pædagogisk fagkonsulent\n    dele: [plenum, ledelse")],
         [At(M, "    dele: [plenum, ledelse", "[", FEJL, "Y005", "lukkes aldrig")]),
    Case("duplicate-key", [(M, "sted: Børnehuset Haven\n", "sted: Børnehuset Haven\nsted: Et andet sted\n")],
         [At(M, "sted: Et andet sted", 1, FEJL, "Y006", "første gang i linje 8")]),
    Case("duplicate-key-via-ascii-alias", [(M, "formål: |", "formaal: Kort formål.\nformål: |")],
         [At(M, "formål: |", 1, FEJL, "Y006", "Nøglen 'formål' står to gange")]),
    Case("unknown-key-top", [(M, "sted: Børnehuset Haven", "stedd: Børnehuset Haven")],
         [At(M, "stedd:", 1, FEJL, "F010", "Ukendt nøgle 'stedd'. Mente du 'sted'?")]),
    Case("unknown-key-nested", [(M, "        minutter: 20 min\n      - emne: Mulige", "        minuter: 20 min\n      - emne: Mulige")],
         [At(M, "minuter: 20 min", "minuter", FEJL, "F010", "Mente du 'minutter'?")]),
    Case("unknown-key-plan", [(P, "relevans: |", "relevance: |")],
         [At(P, "relevance:", 1, FEJL, "F010", "Mente du 'relevans'?")]),
    Case("wrong-type-bool", [(M, "    pause: true\n    minutter: ca. 10 min", "    pause: måske\n    minutter: ca. 10 min")],
         [At(M, "pause: måske", "måske", FEJL, "F020", "Skriv ja eller nej")]),
    Case("wrong-type-list-for-text", [(M, "titel: Læringssamtale før forløb med Dagtilbud for alle", "titel: [a, b]")],
         [At(M, "titel: [a, b]", "[", FEJL, "F012", "skal være tekst")]),
    Case("wrong-type-text-for-list", [(M, "deltagere:\n  - navn: Karen Vestergaard\n    rolle: dagtilbudsleder\n    dele: [plenum, ledelse]\n",
                                       "deltagere: Karen Vestergaard\nxdeltagere:\n  - navn: Karen Vestergaard\n    rolle: dagtilbudsleder\n    dele: [plenum, ledelse]\n")],
         [At(M, "deltagere: Karen", "Karen", FEJL, "F012", "skal være en liste"),
          At(M, "xdeltagere:", 1, FEJL, "F010", "Mente du 'deltagere'?")]),
    Case("missing-field-top", [(M, "læringsfokus: At øge alle børns deltagelsesmuligheder\n", "")],
         [At(M, "type: læringssamtale", 1, FEJL, "F011", "Feltet 'læringsfokus' mangler")]),
    Case("missing-field-in-list-item", [(M, "    titel: Den samlede deltagerkreds\n    minutter: 120\n", "    titel: Den samlede deltagerkreds\n")],
         [At(M, "  - del: plenum", "del", FEJL, "F011", "Feltet 'minutter' mangler i del nr. 1 (plenum).")]),
    Case("missing-type", [(P, "type: indsats\n", "")],
         [At(P, "# Indsats i Vuggestuen", 1, FEJL, "F002")]),
    Case("unknown-type", [(P, "type: indsats", "type: indsat")],
         [At(P, "type: indsat", "indsat", FEJL, "F003", "Mente du 'indsats'?")]),
    Case("invalid-date", [(M, "dato: 2024-05-13", "dato: 31/6 2021")],
         [At(M, "dato: 31/6 2021", "31/6", FEJL, "F020", "juni har kun 30 dage")]),
    Case("invalid-date-in-plan", [(P, "slut: 15/6 2021", "slut: 31/6 2021")],
         [At(P, "slut: 31/6 2021", "31/6", FEJL, "F020", "juni har kun 30 dage")]),
    Case("invalid-date-two-digit-year", [(P, "dato: 23/8 2021", "dato: 23/8 21")],
         [At(P, "dato: 23/8 21", "23/8", FEJL, "F020", "fire cifre")]),
    Case("invalid-duration", [(M, "    minutter: 5 min\n    ansvarlig:\n      - dagtilbudsleder\n      - BU-chef",
                               "    minutter: fem min\n    ansvarlig:\n      - dagtilbudsleder\n      - BU-chef")],
         [At(M, "minutter: fem min", "fem", FEJL, "F020", "er ikke en varighed")]),
    Case("invalid-duration-too-long", [(M, "    minutter: 60", "    minutter: 25 timer")],
         [At(M, "minutter: 25 timer", "25", FEJL, "F020", "over 24 timer")]),
    Case("invalid-time", [(M, 'start: "13:00"', 'start: "25:00"')],
         [At(M, 'start: "25:00"', '"', FEJL, "F020", "gyldigt klokkeslæt")]),
    Case("invalid-time-number", [(M, 'start: "13:00"', "start: 1300")],
         [At(M, "start: 1300", "1300", FEJL, "F020", "klokkeslæt")]),
    # lukkedage: a date or a period; the shape chooses, so one finding, no class names
    Case("unknown-key-nothing-close", [(W, "\nlukkedage:\n", "\nlukkedage:\n  - fra: 22/12 2025\n    til: 2/1 2026\n    hvad: jul\n")],
         [At(W, "    hvad: jul", "hvad", FEJL, "F010", "Ukendt nøgle 'hvad'. Nøglerne her er: fra, til, navn.")]),
    Case("closing-day-not-a-date", [(W, "\nlukkedage:\n", "\nlukkedage:\n  - 31/12 2O25\n")],
         [At(W, "  - 31/12 2O25", "3", FEJL, "F020", "Lukkedag nr. 1 (31/12 2O25): '31/12 2O25' er ikke en dato")]),
    Case("closing-period-without-end", [(W, "\nlukkedage:\n", "\nlukkedage:\n  - fra: 22/12 2025\n")],
         [At(W, "  - fra: 22/12 2025", "f", FEJL, "F011", "Feltet 'til' mangler i lukkedag nr. 1.")]),
    Case("closing-period-bad-end", [(W, "\nlukkedage:\n", "\nlukkedage:\n  - fra: 22/12 2025\n    til: 2/13 2026\n")],
         [At(W, "    til: 2/13 2026", "2", FEJL, "F020", "'til': '2/13 2026'")]),
    Case("invalid-interval", [(P, "hver: 4 uger", "hver: 4 ugr")],
         [At(P, "hver: 4 ugr", "4", FEJL, "F020", "er ikke et interval")]),
    # --- agenda --------------------------------------------------------------------
    Case("part-sum-too-large", [(M, "    minutter: 120", "    minutter: 110")],
         [At(M, "minutter: 110", "110", FEJL, "A101", "varer 120 min, men delen har 110 min")]),
    Case("part-sum-too-small", [(M, "    minutter: 120", "    minutter: 130")],
         [At(M, "minutter: 130", "130", ADV, "A102", "varer kun 120 min")]),
    Case("part-sum-other-part", [(M, "    minutter: 60", "    minutter: 1 t 5 min")],
         [At(M, "minutter: 1 t 5 min", "1 t", ADV, "A102", "'ledelse' varer kun 60 min, men delen har 65 min")]),
    Case("subitems-too-large", [(M, "        minutter: 10 min", "        minutter: 15 min")],
         [At(M, "minutter: ca. 35 min", "ca.", FEJL, "A103", "Underpunkterne til 'Data' varer 40 min")]),
    Case("subitems-too-small", [(M, "        minutter: 10 min", "        minutter: 5 min\n")],
         [At(M, "minutter: ca. 35 min", "ca.", ADV, "A104", "varer kun 30 min")]),
    Case("item-names-missing-part", [(M, "  - emne: Velkomst\n    del: plenum", "  - emne: Velkomst\n    del: plenumm")],
         [At(M, "del: plenumm", "plenumm", FEJL, "A105", "Delen 'plenumm' findes ikke"),
          # the item left 'plenum', which is now 5 minutes short
          At(M, "    minutter: 120", "120", ADV, "A102")]),
    Case("participant-names-missing-part", [(M, "    rolle: referent\n    dele: [plenum]", "    rolle: referent\n    dele: [plenum, frokost]")],
         [At(M, "dele: [plenum, frokost]", "frokost", FEJL, "A105", "'frokost'")]),
    # --- people --------------------------------------------------------------------
    Case("responsible-unknown", [(M, "      - BU-chef", "      - PPR")],
         [At(M, "      - PPR", "PPR", FEJL, "P201", "Ansvarlig 'PPR'")]),
    Case("responsible-unknown-single-text", [(M, "    ansvarlig:\n      - dagtilbudsleder\n      - BU-chef\n", "    ansvarlig: sprogmand\n")],
         [At(M, "ansvarlig: sprogmand", "sprogmand", FEJL, "P201")]),
    Case("referent-not-participant", [(M, "referent: Jonas Gregersen", "referent: Jonas Jensen")],
         [At(M, "referent: Jonas Jensen", "Jonas", ADV, "P202", "Referenten 'Jonas Jensen'")]),
    Case("participant-twice", [(M, "  - navn: Trine Svendsen", "  - navn: Jonas Gregersen")],
         [At(M, "  - navn: Jonas Gregersen", "Jonas", ADV, "P203", "(også i linje 159)", nth=1)]),
    Case("department-not-in-workspace", [(M, "    afdeling: Børnehuset Haven\n    dele: [plenum, ledelse]", "    afdeling: Børnehuset Bakken\n    dele: [plenum, ledelse]")],
         [At(M, "afdeling: Børnehuset Bakken", "Børnehuset", FEJL, "W301", "'Børnehuset Bakken' står ikke i samtale.yaml")]),
    Case("department-not-in-workspace-plan", [(P, "afdeling: Vuggestuen Kernehuset", "afdeling: Vuggestuen Kernehus")],
         [At(P, "afdeling: Vuggestuen Kernehus", "Vuggestuen", FEJL, "W301")]),
    Case("unknown-role", [(M, "    rolle: sprogkonsulent", "    rolle: troldmand")],
         [At(M, "rolle: troldmand", "troldmand", ADV, "P205", "Ukendt rolle 'troldmand'")]),
    Case("role-typo-in-roller", [(M, "  referent: |\n    Referentrollen", "  referetn: |\n    Referentrollen")],
         [At(M, "  referetn: |", "referetn", ADV, "P205", "Ukendt rolle 'referetn' under 'roller'. Mente du 'referent'?")]),
    # --- data ----------------------------------------------------------------------
    Case("mandatory-data-missing", [(M, "  - titel: Data fra samarbejdet med PPR", "  - titel: Data fra noget andet")],
         [At(M, "datagrundlag:", 1, FEJL, "D401", "'Data fra samarbejdet med PPR'")]),
    Case("mandatory-data-from-workspace", [(W, "  - Data fra samarbejdet med PPR\n", "  - Data fra samarbejdet med PPR\n  - Sprogvurderinger\n")],
         [At(M, "datagrundlag:", 1, FEJL, "D401", "'Sprogvurderinger'"),
          At(M2, "datagrundlag:", 1, FEJL, "D401", "'Sprogvurderinger'")]),
    Case("mandatory-data-not-marked", [(M, "    obligatorisk: true\n    kilde: PPR", "    kilde: PPR")],
         [At(M, "  - titel: Data fra samarbejdet med PPR", "Data", ADV, "D402", "obligatorisk: true")]),
    Case("data-file-missing", [(M, "fil: data/ppr-samarbejde-2024.md", "fil: data/ppr-samarbejde-2023.md")],
         [At(M, "fil: data/ppr-samarbejde-2023.md", "data/", FEJL, "D403", "'data/ppr-samarbejde-2023.md' findes ikke")]),
    # --- attention points ----------------------------------------------------------
    Case("sheet-two-points", [(K, "  - Brug af KVALID og video i evalueringen, så vi kan se, om alle børn har deltagelsesmuligheder.\n", "")],
         [At(K, "punkter:", 1, FEJL, "O501", "Der er kun 2 opmærksomhedspunkter; skriv mindst 3")]),
    Case("sheet-six-points", [(S, "  - Faste evalueringer", "  - Leg i små grupper.\n  - Forældresamarbejde.\n  - Faste evalueringer")],
         [At(S, "punkter:", 1, FEJL, "O501", "Der er 6 opmærksomhedspunkter; skriv højst 5")]),
    Case("sheet-meeting-missing", [(S, "laeringssamtaler/2024-05-13-", "laeringssamtaler/2024-05-14-")],
         [At(S, "læringssamtale: ", "../", FEJL, "O502", "findes ikke")]),
    Case("sheet-meeting-path-without-folders", [(S, "../../laeringssamtaler/2024-05-13-", "2024-05-13-")],
         [At(S, "læringssamtale: ", "2024", FEJL, "O502", "findes ikke (stien er relativ til denne fil). Mente du "
             "'../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml'?")]),
    Case("sheet-meeting-path-as-windows-writes-it", [(S, "../../laeringssamtaler/2024-05-13-", "..\\..\\laeringssamtaler\\2024-05-13-")],
         []),
    Case("sheet-meeting-as-its-date", [(S, "../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml", "13/5 2024")],
         [At(S, "læringssamtale: ", "1", FEJL, "O502", "Mente du '../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml'?")]),
    Case("sheet-meeting-absolute-path", [(S, "../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml", "/etc/passwd")],
         [At(S, "læringssamtale: ", "/", FEJL, "O502", "'/etc/passwd' er en fuld sti; skriv stien relativ til denne fil")]),
    Case("sheet-meeting-windows-drive", [(S, "../../laeringssamtaler/2024-05-13-", "C:/Users/hanne/laeringssamtaler/2024-05-13-")],
         [At(S, "læringssamtale: ", "C", FEJL, "O502", "er en fuld sti; skriv stien relativ til denne fil (fx ../../laeringssamtaler/...), "
             "så den virker på alle maskiner. Mente du '../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml'?")]),
    Case("sheet-meeting-outside-the-workspace", [(S, "../../laeringssamtaler/2024-05-13-", "../../../laeringssamtaler/2024-05-13-")],
         [At(S, "læringssamtale: ", "../", FEJL, "O502", "ligger uden for arbejdsmappen; den læses ikke.")]),
    Case("sheet-meeting-not-a-meeting", [(S, "../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml",
                                          "../vuggestuen-kernehuset/indsats-smaa-boernegrupper.yaml")],
         [At(S, "læringssamtale: ", "../", FEJL, "O502", "er ikke en læringssamtale")]),
    Case("sheet-meeting-not-yaml", [(S, "../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml",
                                     "../../laeringssamtaler/data/ppr-samarbejde-2024.md")],
         [At(S, "læringssamtale: ", "../", FEJL, "O502", "er ikke en gyldig læringssamtale")]),
    Case("sheet-meeting-is-a-folder", [(S, "../../laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml",
                                        "../../laeringssamtaler")],
         [At(S, "læringssamtale: ", "../", FEJL, "O502", "'../../laeringssamtaler' er en mappe; skriv stien til filen i den.")]),
    Case("sheet-department-not-at-meeting", [(W, "  - Børnehuset Frydenlund\n", "  - Børnehuset Frydenlund\n  - Børnehuset Nord\n"),
                                             (S, "afdeling: Børnehuset Derudá", "afdeling: Børnehuset Nord")],
         [At(S, "afdeling: Børnehuset Nord", "Børnehuset", ADV, "O503", "deltog ikke i læringssamtalen"),
          At(S, "afdeling: Børnehuset Nord", "Børnehuset", ADV, "S804", "ligger i mappen for Børnehuset Derudá")]),
    Case("sheet-department-unknown", [(S, "afdeling: Børnehuset Derudá", "afdeling: Børnehuset Bakken")],
         [At(S, "afdeling: Børnehuset Bakken", "Børnehuset", FEJL, "W301")]),  # one typo, one finding (no O503)
    # --- timeline ------------------------------------------------------------------
    Case("phase-ends-before-start", [(P, "start: 2021-05-03", "start: 2021-07-01")],
         [At(P, "slut: 15/6 2021", "15/6", FEJL, "T601", "slutter 15. juni 2021, før den starter 1. juli 2021")]),
    Case("phases-overlap", [(P, "start: 15/6 2021", "start: 10/6 2021")],
         [At(P, "start: 10/6 2021", "10/6", FEJL, "T602", "mens 'Fase 1' (til 15. juni 2021) stadig er i gang")]),
    Case("phases-out-of-order", [(P, "start: 15/6 2021", "start: 1/5 2021")],
         [At(P, "start: 1/5 2021", "1/5", FEJL, "T602", "før 'Fase 1'")]),
    Case("phases-overlap-at-year-end", [(P, "start: 1/1 2022", "start: 30/12 2021")],
         [At(P, "start: 30/12 2021", "30/12", FEJL, "T602")]),
    Case("phase-gap", [(P, "start: 15/6 2021", "start: 17/6 2021")],
         [At(P, "start: 17/6 2021", "17/6", ADV, "T603", "hul mellem 'Fase 1'")]),
    Case("phase-gap-new-year", [(P, "start: 1/1 2022", "start: 4/1 2022")],  # Monday 3/1 is a working day
         [At(P, "start: 4/1 2022", "4/1", ADV, "T603", "'Fase 2b'")]),
    Case("phase-without-start", [(P, "  - navn: Fase 2\n    start: 15/6 2021\n", "  - navn: Fase 2\n")],
         [At(P, "  - navn: Fase 2", "navn", FEJL, "T606", "mangler 'start'")]),
    Case("milestone-outside-phase", [(P, "dato: 23/8 2021", "dato: 23/9 2021")],
         [At(P, "dato: 23/9 2021", "23/9", ADV, "T604", "uden for 'Fase 2'")]),
    Case("first-meeting-outside-phase", [(P, "første: 2022-01-10", "første: 2021-12-10")],
         [At(P, "første: 2021-12-10", "2021", ADV, "T604", "Første 'Stuemøde")]),
    Case("milestone-on-saturday", [(P, "dato: 23/8 2021", "dato: 21/8 2021")],
         [At(P, "dato: 21/8 2021", "21/8", ADV, "T605", "lørdag")]),
    Case("milestone-on-sunday", [(P, "dato: 23/8 2021", "dato: 22/8 2021")],
         [At(P, "dato: 22/8 2021", "22/8", ADV, "T605", "søndag")]),
    Case("milestone-on-holiday", [(P, "        første: 2022-01-10\n", "        første: 2022-01-10\n    milepæle:\n      - dato: 2022-04-18\n        titel: Forældremøde\n")],
         [At(P, "dato: 2022-04-18", "2022", ADV, "T605", "18. april 2022")]),
    Case("recurring-meeting-on-holiday", [(P, "første: 2022-01-10", "første: 2022-01-24")],
         [At(P, "første: 2022-01-24", "2022", ADV, "T605", "18. april 2022 (helligdag")]),
    Case("recurring-meeting-default-first-on-holiday", [(P, "        første: 2022-01-10\n", "")],
         # without 'første' the meetings start with the phase: 1/1 2022, New Year's Day
         [At(P, "hver: 4 uger", "4", ADV, "T605", "1. januar 2022 (helligdag")]),
    Case("recurring-meeting-on-weekends", [(P, "første: 2022-01-10", "første: 2022-01-08")],
         [At(P, "første: 2022-01-08", "2022", ADV, "T605", "8. januar 2022 (lørdag)")]),
    # --- privacy -------------------------------------------------------------------
    Case("cpr-in-field", [(M, "sted: Børnehuset Haven", "sted: Børnehuset Haven 010203-1234")],
         [At(M, "sted: Børnehuset Haven 010203", "010203", FEJL, "C701", "CPR-nummer")]),
    Case("cpr-in-comment", [(M, "# Alle navne er opdigtede.", "# Alle navne er opdigtede. Barn: 0102031234")],
         [At(M, "# Alle navne", "0102031234", FEJL, "C701")]),
    Case("cpr-in-block-text", [(M, "      Deltagerne præsenterede sig", "      Barnet (311299-4321) og deltagerne præsenterede sig")],
         [At(M, "(311299-4321)", "311299", FEJL, "C701")]),
    Case("cpr-in-workspace-file", [(W, "dagtilbud: Dagtilbud Vest", "dagtilbud: Dagtilbud Vest  # 010203-1234")],
         [At(W, "dagtilbud: Dagtilbud Vest", "010203", FEJL, "C701")]),
    Case("cpr-in-a-broken-file", [(P, "type: indsats", "type: indsats\nnoget: 010203-1234")],
         [At(P, "noget: 010203", "010203", FEJL, "C701"), At(P, "noget:", 1, FEJL, "F010")]),
    Case("cpr-twice-on-one-line", [(M, "sted: Børnehuset Haven", "sted: 010203-1234 og 020304-2345")],
         [At(M, "sted: 010203", "010203", FEJL, "C701"), At(M, "sted: 010203", "020304", FEJL, "C701")]),
    # --- workspace -----------------------------------------------------------------
    Case("workspace-departments-same-folder", [(W, "  - Børnehuset Frydenlund\n", "  - Børnehuset Frydenlund\n  - Børnehuset  frydenlund\n")],
         [At(W, "  - Børnehuset  frydenlund", "Børnehuset", FEJL, "W305", "samme mappe")]),
    Case("workspace-unknown-key", [(W, "dagtilbud: Dagtilbud Vest", "dagtilbud: Dagtilbud Vest\nafdelingerne: []")],
         [At(W, "afdelingerne:", 1, FEJL, "F010", "Mente du 'afdelinger'?")]),
    Case("workspace-department-without-letters", [(W, "  - Børnehuset Frydenlund\n", "  - Børnehuset Frydenlund\n  - '---'\n")],
         [At(W, "  - '---'", "'", FEJL, "W304", "kan ikke blive til et mappenavn")]),
    # --- follow-up: agreements, next meeting, a plan's sheet, evaluations -----------
    Case("agreement-deadline-before-meeting", [(M2, "frist: 2025-06-13", "frist: 2024-06-13")],
         [At(M2, "frist: 2024-06-13", "2024", FEJL, "R901", "Fristen 13. juni 2024 ligger før mødet (12. maj 2025)")]),
    Case("agreement-responsible-unknown", [(M2, "ansvarlig: [fagligt fyrtårn]", "ansvarlig: [fagligt fyrtårnn]")],
         [At(M2, "ansvarlig: [fagligt fyrtårnn]", "fagligt", FEJL, "R902", "Mente du 'fagligt fyrtårn'?")]),
    Case("agreement-responsible-first-name-of-two", [(M2, "ansvarlig: [konsulent, Karen]", "ansvarlig: [konsulent, Jonas]"),
                                                      (M2, "  - navn: Ulla Bundgaard", "  - navn: Jonas Brandt\n    rolle: medarbejder\n  - navn: Ulla Bundgaard")],
         [At(M2, "ansvarlig: [konsulent, Jonas]", "Jonas", FEJL, "R902", "passer på flere deltagere")]),
    Case("agreement-done-date-with-other-status", [(M2, "    status: udført\n    afdeling:", "    status: i gang\n    afdeling:")],
         [At(M2, "udført: 2025-05-28", "2025", FEJL, "R903", "status er 'i gang'")]),
    Case("agreement-unknown-status", [(M2, "    status: droppet", "    status: opgivet")],
         [At(M2, "status: opgivet", "opgivet", FEJL, "F020", "skriv åben, i gang, udført eller droppet")]),
    Case("agreement-status-typo", [(M2, "    status: droppet", "    status: dropet")],
         [At(M2, "status: dropet", "dropet", FEJL, "F020", "Mente du 'droppet'?")]),
    Case("agreement-department-unknown", [(M2, "    afdeling: Vuggestuen Kernehuset\n    udført", "    afdeling: Vuggestuen Kernehus\n    udført")],
         [At(M2, "    afdeling: Vuggestuen Kernehus", "Vuggestuen", FEJL, "W301")]),
    Case("agreement-without-responsible", [(M2, "    ansvarlig: [forældrerepræsentant]\n", "")],
         [At(M2, "  - hvad: Fælles forældremøde", "hvad", FEJL, "F011", "Feltet 'ansvarlig' mangler i aftale nr. 6")]),
    Case("agreement-without-text", [(M2, "  - hvad: Fælles forældremøde om gruppedannelse", '  - hvad: "  "')],
         [At(M2, '  - hvad: "  "', '"', FEJL, "F020", "'hvad': må ikke være tom")]),
    Case("agreement-with-nobody-responsible", [(M2, "ansvarlig: [fagligt fyrtårn]", "ansvarlig: []")],
         [At(M2, "ansvarlig: []", "[", FEJL, "R902", "Aftalen har ingen ansvarlig")]),
    Case("next-meeting-not-after", [(M2, "næste_møde: 2026-05-11", "næste_møde: 2025-05-12")],
         [At(M2, "næste_møde: 2025-05-12", "2025", FEJL, "R904", "skal ligge efter dette møde")]),
    Case("attendance-unknown", [(M2, "    fremmøde: fraværende", "    fremmøde: syg")],
         [At(M2, "fremmøde: syg", "syg", FEJL, "F020", "mødt, afbud eller fraværende")]),
    Case("plan-sheet-missing", [(P2, "  fil: opmaerksomhedspunkter-2024-05-13.yaml", "  fil: opmaerksomhedspunkter-2024.yaml")],
         [At(P2, "fil: opmaerksomhedspunkter-2024.yaml", "opm", FEJL, "R905", "findes ikke")]),
    Case("plan-points-in-one-line", [(P2, "  punkter: [1, 2]", "  punkter: 1 og 2")], []),
    Case("plan-points-as-text", [(P2, "  punkter: [1, 2]", "  punkter: Brug af KVALID")],
         [At(P2, "  punkter: Brug", "Brug", FEJL, "F012", "skal være et helt tal, fx 2. 'punkter' er numrene på arkets punkter")]),
    Case("plan-sheet-nearest-of-the-same-name", [(P2, "  fil: opmaerksomhedspunkter-2024-05-13.yaml", "  fil: ../opmaerksomhedspunkter-2024-05-13.yaml")],
         [At(P2, "fil: ../opm", "../", FEJL, "R905", "findes ikke (stien er relativ til denne fil). Mente du "
             "'opmaerksomhedspunkter-2024-05-13.yaml'?")]),
    Case("plan-sheet-is-a-plan", [(P2, "  fil: opmaerksomhedspunkter-2024-05-13.yaml", "  fil: indsats-smaa-boernegrupper.yaml")],
         [At(P2, "fil: indsats-smaa-boernegrupper.yaml", "indsats", FEJL, "R906", "er ikke en fil med opmærksomhedspunkter")]),
    Case("plan-sheet-is-a-meeting", [(P2, "  fil: opmaerksomhedspunkter-2024-05-13.yaml",
                                      "  fil: ../../laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml")],
         [At(P2, "fil: ../../laeringssamtaler", "../", FEJL, "R906")]),
    Case("plan-sheet-of-another-department", [(P2, "  fil: opmaerksomhedspunkter-2024-05-13.yaml",
                                               "  fil: ../boernehuset-haven/opmaerksomhedspunkter-2024-05-13.yaml")],
         [At(P2, "fil: ../boernehuset-haven", "../", FEJL, "R907", "Arket er Børnehuset Havens")]),
    Case("plan-point-outside-the-sheet", [(P2, "  punkter: [1, 2]", "  punkter: [1, 4, 0]")],
         [At(P2, "punkter: [1, 4, 0]", "4", FEJL, "R908", "Arket har 3 opmærksomhedspunkter (nr. 1-3); der er intet nr. 4"),
          At(P2, "punkter: [1, 4, 0]", "0", FEJL, "R908", "intet nr. 0")]),
    Case("plan-status-unknown", [(P2, "status: afsluttet", "status: færdig")],
         [At(P2, "status: færdig", "færdig", FEJL, "F020", "planlagt, i gang, afsluttet eller stoppet")]),
    Case("evaluation-before-the-plan", [(P2, "  - dato: 2024-12-12", "  - dato: 2024-06-12")],
         [At(P2, "  - dato: 2024-06-12", "2024", ADV, "R909", "ligger uden for indsatsens faser (12. august 2024 - 30. juni 2025)")]),
    Case("evaluation-after-the-plan", [(P2, "  - dato: 2025-06-26", "  - dato: 2025-08-26")],
         [At(P2, "  - dato: 2025-08-26", "2025", ADV, "R909", "26. august 2025")]),
    Case("recurring-meeting-kept-on-a-holiday", [(P2, "        ved_fridag: spring over", "        ved_fridag: behold")],
         [At(P2, "første: 2025-02-06", "2025", ADV, "T605", "29. maj 2025 (helligdag (Kristi himmelfartsdag))")]),
    Case("recurring-meeting-on-a-closing-day", [(P2, "        ved_fridag: næste hverdag", "")],
         [At(P2, "første: 2024-10-03", "2024", ADV, "T605", "26. december 2024 (lukkedag (Juleferie))")]),
    Case("recurring-meeting-bad-on-day-off", [(P2, "        ved_fridag: spring over", "        ved_fridag: flyt")],
         [At(P2, "ved_fridag: flyt", "flyt", FEJL, "F020", "behold, spring over eller næste hverdag")]),
    Case("recurring-meeting-bad-clock", [(P2, '        kl: "14:00"\n        varighed: 1 t\n', '        kl: "24:30"\n        varighed: 1 t\n')],
         [At(P2, 'kl: "24:30"', '"', FEJL, "F020", "klokkeslæt")]),
    # --- more format and agenda ----------------------------------------------------
    Case("part-twice-other-case", [(M, "    minutter: 60\nroller:", "    minutter: 60\n  - del: Plenum\n    minutter: 0\nroller:")],
         [At(M, "  - del: Plenum", "Plenum", FEJL, "A106", "står to gange i tidsramme")]),
    Case("part-twice", [(M, "    minutter: 60\nroller:", "    minutter: 60\n  - del: plenum\n    minutter: 0\nroller:")],
         [At(M, "  - del: plenum", "plenum", FEJL, "A106", "står to gange i tidsramme", nth=1)]),
    Case("recurring-meeting-without-any-first-date", [
            (P, "    start: 2021-05-03\n", ""),
            (P, "    slut: 15/6 2021\n", "    slut: 15/6 2021\n    møder:\n      - titel: Opstartsmøde\n        hver: 2 uger\n")],
         [At(P, "      - titel: Opstartsmøde", "titel", FEJL, "T607", "mangler 'første'")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule(eks: Eks, case: Case) -> None:
    for file, old, new in case.edits:
        eks.edit(file, old, new)
    diagnostics = eks.diagnostics()
    found = [(d.file, d.line, d.col, d.level.value, d.code) for d in diagnostics]
    assert found == expected(eks, case)
    for at in case.expect:
        if at.message:
            messages = [d.message for d in diagnostics if d.code == at.code and d.file == at.file]
            assert any(at.message in msg for msg in messages), (at.message, messages)


# Edits that must give no finding at all.
CLEAN = [
    ("unchanged", []),
    # ASCII spellings of the Danish keys (docs/format.md: accepted as aliases)
    ("ascii-formaal", [(M, "formål: |", "formaal: |")]),
    ("ascii-maal", [(M, "mål: |\n  Målet", "maal: |\n  Målet")]),
    ("ascii-laeringsfokus", [(M, "læringsfokus:", "laeringsfokus:")]),
    ("ascii-pejlemaerker", [(M, "\npejlemærker:", "\npejlemaerker:")]),
    ("ascii-spoergsmaal", [(M, "    spørgsmål:\n      - Hvad kan vi gøre", "    spoergsmaal:\n      - Hvad kan vi gøre")]),
    ("ascii-haemmere", [(P, "hæmmere:", "haemmere:")]),
    ("ascii-milepaele", [(P, "milepæle:", "milepaele:")]),
    ("ascii-moeder-foerste", [(P, "    møder:", "    moeder:"), (P, "første:", "foerste:")]),
    ("ascii-data-peger-paa", [(S, "data_peger_på:", "data_peger_paa:")]),
    ("ascii-laeringssamtale-key", [(S, "læringssamtale: ", "laeringssamtale: ")]),
    ("ascii-type-value", [(M, "type: læringssamtale", "type: laeringssamtale"),
                          (S, "type: opmærksomhedspunkter", "type: opmaerksomhedspunkter")]),
    # date spellings
    ("date-iso", [(P, "dato: 23/8 2021", "dato: 2021-08-23")]),
    ("date-dots", [(P, "dato: 23/8 2021", "dato: 23.08.2021")]),
    ("date-dash", [(P, "dato: 23/8 2021", "dato: 23-08-2021")]),
    ("date-slash-dash", [(P, "dato: 23/8 2021", "dato: 23/8-2021")]),
    # duration spellings that keep the sums right
    ("duration-hours", [(M, "    minutter: 120", "    minutter: 2 timer")]),
    ("duration-hours-minutes", [(M, "    minutter: 120", '    minutter: "1 t 60 min"')]),
    ("duration-one-hour", [(M, "    minutter: 60", "    minutter: 1 time")]),
    ("duration-half-hour", [(M, "    minutter: ca. 30 min", "    minutter: ca. ½ time")]),
    ("duration-one-and-a-half-hours", [(M, "    minutter: 60", "    minutter: 1 t"), (M, "    minutter: 120", "    minutter: 1½ time 30 min")]),
    ("duration-approx-number", [(M, "    minutter: 120", "    minutter: ca. 120")]),
    # roles, case and hyphens do not matter; names count as well
    ("responsible-by-name", [(M, "      - BU-chef", "      - Henrik Lauridsen")]),
    ("responsible-case-and-hyphen", [(M, "      - BU-chef", "      - bu chef")]),
    ("responsible-alias", [(M, "      - BU-chef", "      - Børn og Unge-chef")]),
    ("extra-role-from-workspace", [(W, "obligatorisk_data:", "roller: [troldmand]\nobligatorisk_data:"),
                                   (M, "    rolle: sprogkonsulent", "    rolle: Troldmand")]),
    ("referent-case-insensitive", [(M, "referent: Jonas Gregersen", "referent: jonas gregersen")]),
    # timeline: dates are inclusive days
    ("touching-15-6", [(P, "start: 15/6 2021", "start: 2021-06-15")]),
    ("next-day-is-no-gap", [(P, "start: 15/6 2021", "start: 16/6 2021")]),
    ("friday-to-monday-is-no-gap", [(P, "start: 1/1 2022", "start: 3/1 2022")]),  # 31/12 Friday, 1/1 holiday, 2/1 Sunday
    ("a-gap-of-closing-days-is-no-gap", [(P, "start: 1/1 2022", "start: 6/1 2022"),
                                         (W, "lukkedage:\n", "lukkedage:\n  - fra: 3/1 2022\n    til: 5/1 2022\n    navn: Nytårslukning\n")]),
    ("touching-31-12", [(P, "start: 1/1 2022", "start: 31/12 2021"),
                        (P, "første: 2022-01-10", "første: 2022-01-10")]),
    ("milestone-on-phase-end", [(P, "dato: 23/8 2021", "dato: 1/9 2021")]),
    ("milestone-on-phase-start", [(P, "dato: 23/8 2021", "dato: 15/6 2021")]),
    ("first-phase-without-start", [(P, "    start: 2021-05-03\n", "")]),
    # CPR-shaped numbers with impossible dates are not CPR numbers
    ("not-cpr-bad-date", [(M, "# Alle navne er opdigtede.", "# Alle navne er opdigtede. Sag 320199-1234, 011399-1234")]),
    ("not-cpr-longer-number", [(M, "# Alle navne er opdigtede.", "# Alle navne er opdigtede. Konto 10102031234")]),
    ("sheet-department-case", [(S, "afdeling: Børnehuset Derudá", "afdeling: børnehuset derudá")]),
    # follow-up as people write it
    ("agreement-status-spellings", [(M2, "    status: i gang\n  - hvad: Evalueringen", "    status: I-gang\n  - hvad: Evalueringen"),
                                    (M2, "    status: åben", "    status: aaben")]),
    ("agreement-deadline-on-the-meeting-day", [(M2, "frist: 2025-06-13", "frist: 12/5 2025")]),
    ("agreement-responsible-alle", [(M2, "ansvarlig: [fagligt fyrtårn]", "ansvarlig: alle")]),
    ("agreement-responsible-sent-apologies", [(M2, "ansvarlig: [fagligt fyrtårn]", "ansvarlig: Henrik Lauridsen")]),
    ("agreement-without-deadline", [(M2, "    frist: 2025-11-28\n", "")]),
    ("plan-follows-every-point", [(P2, "  punkter: [1, 2]\n", "")]),
    ("plan-follows-one-point", [(P2, "  punkter: [1, 2]", "  punkter: 3")]),
    ("evaluation-on-the-last-day", [(P2, "  - dato: 2025-06-26", "  - dato: 30/6 2025")]),
    ("recurring-meeting-moved-past-closing-days", [(P2, "        ved_fridag: næste hverdag", "        ved_fridag: Næste hverdag")]),
]


@pytest.mark.parametrize("edits", [c[1] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_no_finding(eks: Eks, edits: list) -> None:
    for file, old, new in edits:
        if old != new:
            eks.edit(file, old, new)
    assert eks.findings() == []


def test_touching_phases_are_in_the_example(eks: Eks) -> None:
    """The clean example really has both touching cases the rules must accept."""
    text = eks.text(P)
    assert "slut: 15/6 2021" in text and "start: 15/6 2021" in text
    assert "slut: 31-12-2021" in text and "start: 1/1 2022" in text


@pytest.mark.parametrize("text", ["- type: indsats\n- titel: x\n", "bare en tekst\n", "42\n"])
def test_a_file_that_is_not_keys_and_values(eks: Eks, text: str) -> None:
    eks.write(P, text)
    assert eks.findings() == [(P, 1, 1, FEJL, "F001")]


def test_cpr_column_is_exact_after_non_ascii(eks: Eks) -> None:
    eks.edit(M, "sted: Børnehuset Haven", "sted: Ærø Å 😀 010203-1234")
    [d] = eks.diagnostics()
    assert (d.file, d.line, d.col, d.code) == (M, 8, len("sted: Ærø Å 😀 ") + 1, "C701")


def test_cpr_after_unicode_line_separator(eks: Eks) -> None:
    """U+2028 is no line break (YAML 1.2, editors): the CPR stays on the same line."""
    eks.edit(M, "sted: Børnehuset Haven", "sted: Børnehuset\u2028Haven 010203-1234")
    found = eks.findings()
    assert found == [(M, 8, len("sted: Børnehuset\u2028Haven ") + 1, FEJL, "C701")]


def test_level_values_are_the_danish_words(eks: Eks) -> None:
    eks.edit(M, "referent: Jonas Gregersen", "referent: Jonas Jensen")
    eks.edit(M, "      - BU-chef", "      - PPR")
    levels = {d.code: d.level for d in eks.diagnostics()}
    assert levels == {"P202": Level.WARNING, "P201": Level.ERROR}
    assert {Level.WARNING.value, Level.ERROR.value} == {"advarsel", "fejl"}


def test_meeting_without_workspace_needs_daycare(tmp_path, eks: Eks) -> None:
    """No samtale.yaml: a meeting must name its dagtilbud (W302); departments go unchecked."""
    alone = tmp_path / "alene"
    shutil.copytree(eks.path("laeringssamtaler"), alone)
    meeting = alone / MEETING.split("/")[1]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("dagtilbud: Dagtilbud Vest\n", "").replace("Børnehuset Haven\n    dele", "Børnehuset Bakken\n    dele"),
                       encoding="utf-8")
    found = [(d.file, d.line, d.col, d.level.value, d.code) for d in check([alone], alone)]
    assert found == [(meeting.name, 3, 1, FEJL, "W302")]


def test_a_broken_samtale_yaml_is_the_one_finding_not_a_missing_daycare(eks: Eks) -> None:
    """A meeting without 'dagtilbud' in a workspace whose samtale.yaml cannot be read:
    samtale.yaml's own error says what is wrong, W302 ('there is no samtale.yaml') would not."""
    eks.edit(M, "dagtilbud: Dagtilbud Vest\n", "")
    eks.edit(W, "dagtilbud: ", "dagtilbud: [")
    assert {(d.file, d.code) for d in eks.diagnostics()} == {(W, "Y005")}


def test_meeting_without_workspace_uses_default_mandatory_data(tmp_path, eks: Eks) -> None:
    alone = tmp_path / "alene"
    shutil.copytree(eks.path("laeringssamtaler"), alone)
    meeting = alone / MEETING.split("/")[1]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("  - titel: Opsamling på det samlede tilsyn i dagtilbuddet\n    obligatorisk: true\n", "  - titel: Opsamling\n"),
                       encoding="utf-8")
    found = [(d.file, d.line, d.code) for d in check([alone], alone)]
    assert found == [(meeting.name, 165, "D401")]


def test_sheet_checked_alone_still_reads_its_meeting(eks: Eks) -> None:
    """Cross-file rules work when only one file is named (the workspace is found upwards)."""
    eks.edit(W, "  - Børnehuset Frydenlund\n", "  - Børnehuset Frydenlund\n  - Børnehuset Nord\n")
    eks.edit(S, "afdeling: Børnehuset Derudá", "afdeling: Børnehuset Nord")
    found = [(d.file, d.line, d.code) for d in check([eks.path(S)], eks.root)]
    assert found == [(S, 4, "O503"), (S, 4, "S804")]  # O503 needs the meeting, read from its path


def test_a_broken_meeting_is_reported_by_itself_not_echoed_by_every_sheet(eks: Eks) -> None:
    """Checked together, the meeting's own error is the finding; checked alone, a sheet
    says that its meeting cannot be read (O502)."""
    eks.edit(M, "sted: ", "stedd: ")
    assert [(d.file, d.code) for d in eks.diagnostics()] == [(M, "F010")]
    alone = [(d.file, d.line, d.col, d.code) for d in check([eks.path(S)], eks.root)]
    assert alone == [(S, 3, 17, "O502")]
    assert "er ikke en gyldig læringssamtale" in check([eks.path(S)], eks.root)[0].message
    together = [(d.file, d.code) for d in check([eks.path(S), eks.path(M)], eks.root)]
    assert together == [(M, "F010")]


def test_workspace_errors_reported_once(eks: Eks) -> None:
    eks.edit(W, "dagtilbud: Dagtilbud Vest\n", "dagtilbud: Dagtilbud Vest\nafdelingr: []\n")
    found = [(d.file, d.code) for d in eks.diagnostics()]
    assert found == [(W, "F010")]


def test_findings_sorted_by_file_then_line(eks: Eks) -> None:
    eks.edit(P, "dato: 23/8 2021", "dato: 21/8 2021")
    eks.edit(P, "start: 15/6 2021", "start: 17/6 2021")
    eks.edit(M, "referent: Jonas Gregersen", "referent: Jonas Jensen")
    eks.edit(M, "sted: Børnehuset Haven", "sted: 010203-1234")
    eks.edit(W, "dagtilbud: Dagtilbud Vest", "dagtilbud: Dagtilbud Vest # 020304-1234")
    found = [(d.file, d.line, d.code) for d in eks.diagnostics()]
    assert found == [
        (P, 48, "T603"), (P, 55, "T605"),
        (M, 8, "C701"), (M, 447, "P202"),
        (W, 2, "C701"),
    ]


def test_many_cpr_numbers_are_all_found_with_exact_positions(tmp_path) -> None:
    """Tens of thousands of matches: positions are found in one pass, not per match."""
    per_line, lines = 500, 100
    body = "".join("# " + "010203-1234 " * per_line + "\n" for _ in range(lines))
    (tmp_path / "mange.yaml").write_text("type: indsats\n" + body, encoding="utf-8")
    found = [d for d in check([tmp_path], tmp_path) if d.code == "C701"]
    assert len(found) == per_line * lines
    assert (found[0].line, found[0].col) == (2, 3)
    assert (found[-1].line, found[-1].col) == (lines + 1, 3 + 12 * (per_line - 1))


def test_suggestions_for_the_first_hundred_unknown_keys_only(tmp_path) -> None:
    keys = "".join(f"fase{i}: 1\n" for i in range(150))
    (tmp_path / "x.yaml").write_text("type: indsats\n" + keys, encoding="utf-8")
    unknown = [d for d in check([tmp_path], tmp_path) if d.code == "F010"]
    assert len(unknown) == 150
    assert [("Mente du" in d.message) for d in unknown] == [True] * 100 + [False] * 50


def test_missing_datagrundlag_points_at_the_top(eks: Eks) -> None:
    text = eks.text(M)
    start, end = text.index("datagrundlag:\n"), text.index("dagsorden:\n")
    eks.write(M, text[:start] + text[end:])
    found = [(d.file, d.line, d.col, d.code) for d in eks.diagnostics()]
    assert found == [(M, 3, 1, "D401"), (M, 3, 1, "D401")]


@pytest.mark.parametrize("written, question", [
    ("10/2 2025", "Er dag og måned byttet om"),  # the file says 2025-10-02
    ("3/10 2025", "Er datoen forkert"),
])
def test_file_name_date_asks_about_a_swap_only_when_there_is_one(eks: Eks, written: str, question: str) -> None:
    text = (Path(__file__).parent / "corpus" / "ansvarlig-fornavn.yaml").read_text(encoding="utf-8")
    eks.write("laeringssamtaler/2025-10-02-efteraar.yaml", text.replace("dato: 2025-10-02", f"dato: {written}"))
    [d] = [d for d in eks.diagnostics() if d.code == "S803"]
    assert question in d.message


def test_a_name_stored_with_other_letters_is_explained_not_suggested_as_itself(eks: Eks) -> None:
    """An attacker's trial: a file named 'møde-å.yaml' with its å stored as a + ring (a
    Mac) got "findes ikke ... Mente du 'møde-å.yaml'?", the same name the file has."""
    import unicodedata

    meeting = eks.path(MEETING)
    meeting.rename(meeting.with_name(unicodedata.normalize("NFD", "møde-å.yaml")))
    eks.edit(S, MEETING.split("/")[-1], "møde-å.yaml")
    found = [d for d in check([eks.root], eks.root) if d.code == "O502" and d.file == S]
    assert len(found) == 1 and "et bogstav i navnet er gemt på en anden måde" in found[0].message
    assert "Mente du" not in found[0].message


def test_a_second_sheet_for_the_same_department_and_meeting_is_an_error_in_both(eks: Eks) -> None:
    """A corrected copy saved beside the first ('...-rettet.yml') would count its points
    twice (O504): each file names the other, at its 'læringssamtale'."""
    copy = S.replace(".yaml", "-rettet.yml")
    eks.write(copy, eks.text(S))
    found = [(d.file, d.line, d.code) for d in check([eks.root], eks.root) if d.code == "O504"]
    line = eks.line(S, "læringssamtale:")
    assert found == [(copy, line, "O504"), (S, line, "O504")]
    assert Path(copy).name in next(d.message for d in check([eks.root], eks.root) if d.file == S)


def test_sheets_of_other_meetings_or_departments_in_one_folder_are_no_duplicates(eks: Eks) -> None:
    other = S.replace(".yaml", "-2025.yaml")
    eks.write(other, eks.text(S).replace("laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml",
                                         "laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml"))
    assert [d for d in check([eks.root], eks.root) if d.code == "O504"] == []
