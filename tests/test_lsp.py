"""``samtale lsp`` end to end: a real client (pytest-lsp) talks to the server over
standard input and output, in a copy of the example workspace. The server is started as
``python -m samtale_cli lsp`` on this checkout."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as t  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from conftest import EXAMPLES, MEETING, SRC, samtale  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
TIMEOUT = 8  # seconds for any one answer


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "samtale_cli", "lsp"],
                                               server_env=ENV))
async def client(lsp_client: LanguageClient, tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(EXAMPLES, folder)
    lsp_client.folder = folder
    params = t.InitializeParams(capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
                                root_uri=folder.as_uri())
    await asyncio.wait_for(lsp_client.initialize_session(params), TIMEOUT)
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)


# three slips: the minutes of a part, a misspelt role, a department not in samtale.yaml
SLIPS = (("    minutter: 120", "    minutter: 100"), ("rolle: konsulent", "rolle: konsulnet"),
         ("afdeling: Børnehuset Derudá", "afdeling: Børnehuset Derudø"))


async def _opened(client: LanguageClient, text: str) -> tuple[str, list[t.Diagnostic]]:
    uri = (client.folder / MEETING).as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "yaml", 1, text)))
    await asyncio.wait_for(client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), TIMEOUT)
    return uri, client.diagnostics[uri]


def _slipped() -> str:
    text = (EXAMPLES / MEETING).read_text(encoding="utf-8")
    for before, after in SLIPS:
        assert before in text
        text = text.replace(before, after, 1)
    return text


@pytest.mark.process
@pytest.mark.asyncio
async def test_three_slips_three_findings_with_codes_hover_completion_and_fixes(client: LanguageClient) -> None:
    uri, found = await _opened(client, _slipped())
    assert sorted((d.code, d.severity) for d in found) == [
        ("A101", t.DiagnosticSeverity.Error), ("P205", t.DiagnosticSeverity.Warning),
        ("W301", t.DiagnosticSeverity.Error)]
    lines = _slipped().split("\n")
    role = next(d for d in found if d.code == "P205")
    assert lines[role.range.start.line][role.range.start.character:role.range.end.character] == "konsulnet"
    assert "Mente du 'konsulent'?" in role.message

    # hover on a key: the schema's description; on a finding's place: the catalogue's explanation
    rolle = lines[role.range.start.line].index("rolle")
    key = await asyncio.wait_for(client.text_document_hover_async(
        t.HoverParams(t.TextDocumentIdentifier(uri), t.Position(role.range.start.line, rolle + 1))), TIMEOUT)
    assert "Rollen, fx pædagogisk leder" in key.contents.value
    sums = next(d for d in found if d.code == "A101")
    code = await asyncio.wait_for(client.text_document_hover_async(
        t.HoverParams(t.TextDocumentIdentifier(uri), sums.range.start)), TIMEOUT)
    assert code.contents.value.startswith("```text\nA101 (fejl): Punkterne varer længere end delen")
    assert samtale("forklar", "A101").stdout.rstrip("\n") in code.contents.value

    # completion of a role after 'rolle: ', and of the workspace's departments after 'afdeling: '
    done = await asyncio.wait_for(client.text_document_completion_async(t.CompletionParams(
        t.TextDocumentIdentifier(uri), t.Position(role.range.start.line, role.range.start.character))), TIMEOUT)
    assert {"konsulent", "pædagogisk leder"} <= {item.label for item in done.items}
    department = next(d for d in found if d.code == "W301")
    done = await asyncio.wait_for(client.text_document_completion_async(t.CompletionParams(
        t.TextDocumentIdentifier(uri), department.range.start)), TIMEOUT)
    assert "Børnehuset Derudá" in {item.label for item in done.items}

    # the "Mente du" of each finding that has one is a quick fix
    actions = await asyncio.wait_for(client.text_document_code_action_async(t.CodeActionParams(
        t.TextDocumentIdentifier(uri), role.range, t.CodeActionContext([role]))), TIMEOUT)
    (fix,) = [a for a in actions if a.kind == t.CodeActionKind.QuickFix]
    (edit,) = fix.edit.changes[uri]
    assert (fix.title, edit.new_text, edit.range) == ("Skift 'konsulnet' til 'konsulent'", "konsulent", role.range)


@pytest.mark.process
@pytest.mark.asyncio
async def test_what_ret_fixes_is_a_code_action(client: LanguageClient) -> None:
    text = (EXAMPLES / MEETING).read_text(encoding="utf-8").replace("  - navn: Karen Vestergaard",
                                                                     "  • navn: Karen Vestergaard", 1)
    uri, found = await _opened(client, text)
    assert [d.code for d in found] == ["Y005"]
    line = next(i for i, row in enumerate(text.split("\n")) if row.startswith("  • navn"))
    actions = await asyncio.wait_for(client.text_document_code_action_async(t.CodeActionParams(
        t.TextDocumentIdentifier(uri), t.Range(t.Position(line, 0), t.Position(line, 3)), t.CodeActionContext(found))),
        TIMEOUT)
    fixes = {a.kind: a for a in actions}
    (edit,) = fixes[t.CodeActionKind.QuickFix].edit.changes[uri]
    assert edit.new_text == "  - navn: Karen Vestergaard"
    assert "punkttegnet '•'" in fixes[t.CodeActionKind.QuickFix].title
    assert list(fixes[t.CodeActionKind.SourceFixAll].edit.changes[uri]) == [edit]


@pytest.mark.process
@pytest.mark.asyncio
async def test_other_yaml_files_get_nothing(client: LanguageClient) -> None:
    hidden = client.folder / ".github" / "ci.yaml"
    hidden.parent.mkdir()
    uri = hidden.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "yaml", 1, "on: push\n")))
    await asyncio.wait_for(client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), TIMEOUT)
    assert list(client.diagnostics[uri]) == []
    done = await asyncio.wait_for(client.text_document_completion_async(t.CompletionParams(
        t.TextDocumentIdentifier(uri), t.Position(1, 0))), TIMEOUT)
    assert done is None


def test_without_pygls_a_danish_message_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "samtale_cli.lsp.server", raising=False)
    code, out, err = samtale("lsp")
    assert code == 2 and out == ""
    assert 'pip install "samtale-dagtilbud[lsp]"' in err and "pygls" in err


# --- in this process: the pieces without the protocol ---------------------------------


def test_keys_are_completed_by_where_the_cursor_is() -> None:
    from samtale_cli.lsp.assist import Around, complete

    lines = (EXAMPLES / MEETING).read_text(encoding="utf-8").split("\n")
    below = next(i for i, row in enumerate(lines) if row.startswith("deltagere:")) + 1
    typed = [*lines[:below], "  - navn: Ny Person", "    r", *lines[below:]]
    found = complete(typed, MEETING, below + 1, 5, Around())
    assert [c.label for c in found.choices] == ["navn", "rolle", "afdeling", "dele", "fremmøde"]
    assert (found.start, found.end) == (4, 5)
    top = complete(["type: indsats", ""], "x.yaml", 1, 0, Around())
    assert "titel" in [c.label for c in top.choices] and "type" not in [c.label for c in top.choices]
    assert [c.label for c in complete(["type: "], "x.yaml", 0, 6, Around()).choices] == [
        "læringssamtale", "opmærksomhedspunkter", "indsats"]


def test_a_code_in_a_comment_has_the_catalogue_s_explanation() -> None:
    from samtale_cli.cli.commands.forklar import explain
    from samtale_cli.core import catalogue
    from samtale_cli.lsp.assist import code_at, code_hover

    entry = code_at("minutter: 5  # [A101] er i orden her", 16)
    assert entry is catalogue.A101
    assert explain(entry) in code_hover(entry, explain) + "\n"
    assert code_at("minutter: 5", 3) is None


def test_mente_du_in_quotes_replaces_the_text_inside_them() -> None:
    from samtale_cli.core import catalogue
    from samtale_cli.lsp.edits import mente_du

    lines = ["    afdeling: \"Børnehuset Derudø\""]
    finding = catalogue.W301.at("m.yaml", 1, 15, "Afdelingen 'Børnehuset Derudø' står ikke i samtale.yaml's afdelinger. "
                                "Mente du 'Børnehuset Derudá'?")
    edit = mente_du(finding, lines)
    assert edit is not None and (edit.span.start, edit.span.end, edit.text) == (15, 32, "Børnehuset Derudá")
