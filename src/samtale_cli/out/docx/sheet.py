"""The Word writer of the opmærksomhedspunkter (the attention-point sheet).

``write(builder, view)`` adds, from ``view`` (the view of the opmærksomhedspunkter, of a
sheet or of a meeting: :func:`samtale_cli.out.views.build_view`), one landscape page per
department with the sheet's three columns to ``builder``
(:class:`samtale_cli.out.docx.builder.Builder`).
"""

from __future__ import annotations

from typing import Any

from samtale_cli.out.docx.builder import Builder
from samtale_cli.out.docx.vocabulary import SHEET_COLUMNS, SHEET_DECISION, SHEET_TITLE


def write(b: Builder, view: dict[str, Any]) -> None:
    """One landscape page per department: the sheet's three columns."""
    for sheet in view["sheets"]:
        b.start(landscape=True)
        b.title(f"{SHEET_TITLE}: {sheet['department']}", sheet["meeting_date"])
        b.labelled("Dagtilbud", sheet["daycare"])
        b.labelled("Afdeling", sheet["department"])
        b.labelled("Læringssamtale", f"{sheet['meeting_title']}, {sheet['meeting_date']}")
        b.label(f"{SHEET_DECISION}:")
        if len(sheet["decision"]) == 1:
            b.markdown(None, sheet["decision"][0])
        else:
            b.items(None, sheet["decision"])
        table = b.table(None, SHEET_COLUMNS, [1, 1, 1])
        worked, data, points = b.row(table, height=5100)  # 9 cm to write in
        b.markdown(worked, sheet["worked_with"])
        b.markdown(data, sheet["data_points_to"])
        if sheet["points"]:
            b.items(points, sheet["points"], numbered=True)
        else:  # a blank form: three numbered lines to fill in
            num = b.new_list("decimal")
            for _ in range(3):
                b.list_paragraph(points, num, 0)
