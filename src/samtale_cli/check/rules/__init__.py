"""Rules: each check is a small function that takes the model and returns diagnostics.

A rule is registered for one model class with :func:`rule` (or, for the raw text, with
:func:`text_rule`) and receives a :class:`Context`: the document (model plus source
positions), the workspace, and a way to read the other files it refers to. Rules never
print and never raise on user data; they yield diagnostics made from catalogue entries
(:mod:`samtale_cli.core.catalogue`) with :meth:`Context.report`.
"""

from samtale_cli.check.rules.base import Context, Rule, referenced_model, rule, run, text_rule
from samtale_cli.core import kinds

__all__ = ["Context", "Rule", "referenced_model", "rule", "run", "text_rule"]


def _register_all() -> None:
    """Import the rule modules: those of every kind (the kinds table's ``rules`` hook, so a
    new kind's rules cannot be forgotten) and those across kinds."""
    from samtale_cli.check.rules import followup  # noqa: F401  (first: the order of a type's rules stays)

    for kind in kinds.DOCUMENT_KINDS:
        kinds.hook(kind, "rules")
    from samtale_cli.check.rules import privacy, slips, workspace  # noqa: F401
    from samtale_cli.check.rules import themes  # noqa: F401


_register_all()
