"""samtale.yaml: the workspace file (its departments, daycare, closing days). Pure data, no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Discriminator, Tag

from samtale_cli.model.common import DEFAULT_MANDATORY_DATA, Date, F, Strict, Text, TextList


class ClosedPeriod(Strict):
    start: Date = F("fra", "Første lukkedag.")
    end: Date = F("til", "Sidste lukkedag (dagen er med).")
    name: Text | None = F("navn", "Hvad lukningen hedder, fx Juleferie.", None)


def _closing_shape(value: Any) -> str:
    return "<periode>" if isinstance(value, dict) else "<dato>"


# One of samtale.yaml's lukkedage: a date, or a period (a mapping). The shape chooses, so
# a slip gets the one message for what was written, not one for each thing it could be.
# The tags are in <>: :func:`document.build` leaves them out of the path it reports.
ClosingDay = Annotated[
    Annotated[Date, Tag("<dato>")] | Annotated[ClosedPeriod, Tag("<periode>")],
    Discriminator(_closing_shape),
]


class Workspace(Strict):
    daycare: Text = F("dagtilbud", "Dagtilbuddets navn, fx Dagtilbud Vest.")
    departments: TextList = F("afdelinger", "Afdelingerne; hver har en mappe afdelinger/<navn>/.", [])
    mandatory_data: TextList = F(
        "obligatorisk_data",
        "Data, som hver læringssamtale skal have i datagrundlag.",
        list(DEFAULT_MANDATORY_DATA),
    )
    roles: TextList = F("roller", "Ekstra roller ud over de indbyggede.", [])
    closing_days: list[ClosingDay] = F(
        "lukkedage", "Dagtilbuddets lukkedage: en dato, eller fra og til (begge med) og evt. navn. De tæller som "
        "fridage, ligesom weekender og helligdage.", [],
    )
    focus_areas: TextList = F(
        "fokusområder", "Kommunens eller dagtilbuddets egne temaer (ud over læreplanens seks), som pejlemærker, "
        "opmærksomhedspunkter og indsatser kan have under 'temaer'.", [],
    )

    def closed(self, day: dt.date) -> str | None:
        """Why the daycare is closed on ``day`` ("lukkedag (Juleferie)"), or None."""
        for entry in self.closing_days:
            if isinstance(entry, ClosedPeriod):
                if entry.start <= day <= entry.end:
                    return f"lukkedag ({entry.name})" if entry.name else "lukkedag"
            elif entry == day:
                return "lukkedag"
        return None
