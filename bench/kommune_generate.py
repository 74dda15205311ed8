"""Generate an invented municipality for ``samtale kommune``: N daycares x Y years.

Each daycare has 4 departments; each year one læringssamtale (12 participants, 3
pejlemærker with themes, 4 agreements), a sheet of 4 attention points per department and
an indsats per department (3 phases with a milestone, 2 evaluations) that follows up its
sheet. Every file passes ``samtale check`` (warnings aside). Names are invented. Usage::

    python bench/kommune_generate.py OUT [--daycares 60] [--years 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

THEMES = ["alsidig personlig udvikling", "social udvikling", "kommunikation og sprog", "krop, sanser og bevægelse",
          "natur, udeliv og science", "kultur, æstetik og fællesskab", "Overgange", "Sprog"]
FIRST = ["Anne", "Bente", "Carsten", "Dorte", "Erik", "Frida", "Gustav", "Hanne", "Ib", "Jytte", "Kasper", "Lis"]
LAST = ["Holm", "Juhl", "Krogh", "Lund", "Mørk", "Nørby", "Ravn", "Skov"]
ROLES = ["dagtilbudsleder", "pædagogisk leder", "pædagogisk leder", "pædagogisk leder", "pædagogisk leder",
         "fagligt fyrtårn", "fagligt fyrtårn", "fagligt fyrtårn", "fagligt fyrtårn", "konsulent", "BU-chef",
         "forældrerepræsentant"]
STATES = ["udført", "udført", "i gang", "åben"]


def _monday_in_may(year: int) -> dt.date:
    day = dt.date(year, 5, 10)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 + 1)  # a Tuesday


def workspace(n: int) -> str:
    deps = "".join(f"  - Afdeling {n}-{d}\n" for d in range(1, 5))
    return f"dagtilbud: Dagtilbud {n}\nafdelinger:\n{deps}"


def meeting(n: int, year: int, day: dt.date) -> str:
    people = ""
    for i, role in enumerate(ROLES):
        dep = f"\n    afdeling: Afdeling {n}-{(i % 4) + 1}" if role in ("pædagogisk leder", "fagligt fyrtårn") else ""
        people += f"  - navn: {FIRST[(n + i) % 12]} {LAST[(n * 3 + i) % 8]}{i}\n    rolle: {role}{dep}\n"
    marks = "".join(f"  - tekst: Pejlemærke {k} for {year}\n    temaer: ['{THEMES[(n + year + k) % 8]}']\n" for k in range(3))
    deals = "".join(
        f"  - hvad: Aftale {k} fra {year}\n    ansvarlig: [pædagogisk leder]\n    frist: {day + dt.timedelta(days=60 * (k + 1))}\n"
        f"    status: {STATES[(k + year) % 4]}\n" + (f"    udført: {day + dt.timedelta(days=30)}\n" if STATES[(k + year) % 4] == "udført" else "")
        for k in range(4))
    return f"""type: læringssamtale
titel: Læringssamtale {year}
dato: {day}
start: "13:00"
læringsfokus: At øge alle børns deltagelsesmuligheder
tidsramme:
  - del: plenum
    minutter: 120
deltagere:
{people}datagrundlag:
  - titel: Opsamling på det samlede tilsyn i dagtilbuddet
    obligatorisk: ja
  - titel: Data fra samarbejdet med PPR
    obligatorisk: ja
dagsorden:
  - emne: Velkomst
    minutter: 20
    ansvarlig: [dagtilbudsleder]
  - emne: Data
    minutter: 100
    ansvarlig: [konsulent]
    referat: Vi talte om data.
pejlemærker:
{marks}aftaler:
{deals}"""


def sheet(n: int, d: int, year: int, meeting_file: str) -> str:
    points = "".join(f"  - tekst: Punkt {k} i {year}\n    temaer: ['{THEMES[(n + d + k) % 8]}']\n" for k in range(4))
    return (f"type: opmærksomhedspunkter\nlæringssamtale: ../../laeringssamtaler/{meeting_file}\n"
            f"afdeling: Afdeling {n}-{d}\npunkter:\n{points}")


def plan(n: int, d: int, year: int, sheet_file: str) -> str:
    start = dt.date(year, 8, 12)
    return f"""type: indsats
titel: Indsats {year} i afdeling {d}
afdeling: Afdeling {n}-{d}
temaer: ["{THEMES[(n + d + year) % 8]}"]
opmærksomhedspunkter:
  fil: {sheet_file}
  punkter: [1, 2]
status: {"afsluttet" if year < 2025 else "i gang"}
evalueringer:
  - dato: {year + 1}-01-15
    tekst: Første evaluering.
  - dato: {year + 1}-05-20
    tekst: Anden evaluering.
faser:
  - navn: Fase 1
    start: {start}
    slut: {year}-09-30
    milepæle:
      - dato: {year}-09-02
        titel: P-møde
  - navn: Fase 2
    start: {year}-09-30
    slut: {year + 1}-01-31
  - navn: Fase 3
    start: {year + 1}-01-31
    slut: {year + 1}-06-30
"""


def generate(out: Path, daycares: int, years: int, first_year: int = 2016) -> Path:
    names = []
    for n in range(1, daycares + 1):
        root = out / f"dagtilbud-{n:02d}"
        (root / "laeringssamtaler").mkdir(parents=True, exist_ok=True)
        (root / "samtale.yaml").write_text(workspace(n), encoding="utf-8")
        for year in range(first_year, first_year + years):
            day = _monday_in_may(year)
            meeting_file = f"{day}-laeringssamtale-{year}.yaml"
            (root / "laeringssamtaler" / meeting_file).write_text(meeting(n, year, day), encoding="utf-8")
            for d in range(1, 5):
                folder = root / "afdelinger" / f"afdeling-{n}-{d}"
                folder.mkdir(parents=True, exist_ok=True)
                sheet_file = f"opmaerksomhedspunkter-{day}.yaml"
                (folder / sheet_file).write_text(sheet(n, d, year, meeting_file), encoding="utf-8")
                (folder / f"indsats-{year}.yaml").write_text(plan(n, d, year, sheet_file), encoding="utf-8")
        names.append(root.name)
    config = out / "kommune.yaml"
    config.write_text("kommune: Bench Kommune\nfokusomraader: [Overgange, Sprog]\ndagtilbud:\n"
                      + "".join(f"  - {name}\n" for name in names), encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--daycares", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    print(generate(args.out, args.daycares, args.years))


if __name__ == "__main__":
    main()
