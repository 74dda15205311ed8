"""The kinds table is the only switch on a document's kind: every kind names every
hook, and every hook resolves, so a forgotten piece is a red test, never a silent gap."""

from __future__ import annotations

import dataclasses

import pytest

from samtale_cli.core import kinds

HOOKS = [field.name for field in dataclasses.fields(kinds.Hooks)]


@pytest.mark.parametrize("field", HOOKS)
@pytest.mark.parametrize("kind", kinds.DOCUMENT_KINDS, ids=lambda k: k.ascii)
def test_every_kind_resolves_every_hook(kind: kinds.Kind, field: str) -> None:
    assert kinds.hook(kind, field) is not None, (kind.name, field)  # a missing one raises


def test_every_document_kind_has_hooks_and_a_model() -> None:
    for kind in kinds.DOCUMENT_KINDS:
        assert kind.hooks is not None, kind.name
        assert kinds.kind_of(kind.model) is kind
