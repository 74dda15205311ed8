"""Model: pydantic classes for the four kinds of file (see :mod:`samtale_cli.core.kinds`).
Pure data, no I/O.

Attribute names are English; the keys people write are the Danish aliases of
docs/format.md. ASCII spellings of the keys (``pejlemaerker``) are mapped to the Danish
ones before validation by :func:`canonical_key`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.model.common import (  # noqa: F401
    AGREEMENT_STATES,
    CURRICULUM_THEMES,
    ATTENDANCE,
    DEFAULT_MANDATORY_DATA,
    DEFAULT_RECURRING_MINUTES,
    MAX_MEETING_OCCURRENCES,
    MAX_PLAN_OCCURRENCES,
    ON_DAY_OFF,
    OPEN_AGREEMENT_STATES,
    PLAN_STATES,
    AgreementState,
    Attendance,
    Clock,
    Date,
    Every,
    F,
    FilledText,
    Flag,
    Minutes,
    NumberList,
    OnDayOff,
    People,
    PlanState,
    RelativePath,
    Strict,
    Text,
    TextList,
    Themed,
    ThemedList,
    ThemedText,
    themes_of,
)
from samtale_cli.model.meeting import (  # noqa: F401
    AgendaItem,
    Agreement,
    DataSource,
    Meeting,
    Part,
    Participant,
    SubItem,
)
from samtale_cli.model.plan import (  # noqa: F401
    Evaluation,
    FollowUp,
    Milestone,
    Phase,
    Plan,
    Recurring,
)
from samtale_cli.model.sheet import (  # noqa: F401
    AttentionSheet,
)
from samtale_cli.model.workspace import (  # noqa: F401
    ClosedPeriod,
    ClosingDay,
    Workspace,
)

__all__ = [
    'AGREEMENT_STATES', 'AgreementState', 'ATTENDANCE', 'Attendance', 'Clock', 'Date',
    'DEFAULT_MANDATORY_DATA', 'DEFAULT_RECURRING_MINUTES', 'Every', 'F', 'FilledText', 'Flag',
    'MAX_MEETING_OCCURRENCES', 'MAX_PLAN_OCCURRENCES', 'Minutes', 'NumberList', 'ON_DAY_OFF', 'OnDayOff',
    'OPEN_AGREEMENT_STATES', 'People', 'PLAN_STATES', 'PlanState', 'RelativePath', 'Strict', 'Text',
    'TextList', 'ClosedPeriod', 'ClosingDay', 'Workspace', 'AgendaItem', 'Agreement', 'DataSource', 'Meeting',
    'Part', 'Participant', 'SubItem', 'AttentionSheet', 'Evaluation', 'FollowUp', 'Milestone', 'Phase',
    'Plan', 'Recurring', 'Document', 'known_keys', 'models_in', 'canonical_key',
    'CURRICULUM_THEMES', 'Themed', 'ThemedList', 'ThemedText', 'themes_of',
]


Document = Meeting | AttentionSheet | Plan


@cache
def known_keys() -> dict[str, str]:
    """Every Danish key of every model, by its ASCII spelling."""
    keys: dict[str, str] = {}
    pending: list[type[BaseModel]] = [k.model for k in kinds.ALL_KINDS]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            alias = info.alias or name
            keys[v.fold_ascii(alias)] = alias
            pending.extend(models_in(info.annotation))
    return keys


def models_in(annotation: Any) -> list[type[BaseModel]]:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(models_in(arg))
    return found


def canonical_key(key: str) -> str:
    """Map an ASCII spelling of a known key to its Danish form; other keys unchanged."""
    if key.isascii():
        return known_keys().get(key, key)
    return key

