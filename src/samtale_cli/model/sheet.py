"""A sheet of attention points (opmærksomhedspunkter) that a department writes after a læringssamtale. Pure data, no I/O."""

from __future__ import annotations

from typing import Literal

from samtale_cli.model.common import F, RelativePath, Strict, Text, ThemedList


class AttentionSheet(Strict):
    type: Literal["opmærksomhedspunkter"] = F("type", "Dokumenttypen.")
    meeting: RelativePath = F("læringssamtale", "Sti til læringssamtalen, relativ til denne fil.")
    department: Text = F("afdeling", "Afdelingen, arket gælder.")
    decision: Text | None = F("beslutning", "Beslutning fra læringssamtalen; standard: mødets pejlemærker.", None)
    worked_with: Text | None = F(
        "arbejdet_med", "Hvad har vi arbejdet med, vi skal videreudvikle i kompetenceudviklingen?", None
    )
    data_points_to: Text | None = F("data_peger_på", "Hvad peger data på, vi skal arbejde med?", None)
    points: ThemedList = F(
        "punkter", "3-5 opmærksomhedspunkter med betydning for kompetenceudviklingen: tekst, eller tekst og temaer.")

    def references(self) -> list[str]:
        """The files this document refers to (relative to it): its læringssamtale."""
        return [self.meeting]
