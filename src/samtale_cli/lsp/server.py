"""``samtale lsp``: the language server (pygls, on standard input and output).

* Findings on open, change and save, for the text in the editor, as ``samtale check``
  of the workspace gives them (:mod:`samtale_cli.lsp.findings`): the code in ``code``,
  the Danish message, ``fejl`` as an error and ``advarsel`` as a warning.
* Hover on a key (the schema's description) and on a code (the catalogue's explanation).
* Completion of keys, roles, names, departments, parts, document types and fixed values
  (:mod:`samtale_cli.lsp.assist`).
* Code actions: each "Mente du 'X'?" of a finding as a quick fix, and each fix
  ``samtale ret`` would make (one per changed line, and all at once as ``source.fixAll``).

The protocol's positions are counted in the units the client chose (UTF-16 unless it
asked for another); samtale counts characters: :class:`Lines` converts. A request about
a file that is no samtale file gets nothing; an unexpected error in a handler is told
to the editor in Danish and the server goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from samtale_cli import __version__
from samtale_cli.check.discover import find_workspace_root
from samtale_cli.core import catalogue
from samtale_cli.core.diagnostics import Code, Diagnostic
from samtale_cli.fix.files import split
from samtale_cli.lsp import assist
from samtale_cli.lsp.edits import Edit, Span, mente_du, repair, span_of
from samtale_cli.lsp.findings import Workspaces, check_text, is_samtale_file

log = logging.getLogger(__name__)

SOURCE = "samtale"
FIX_ALL = "Ret alt, som 'samtale ret' kan rette"


class Lines:
    """An open text's lines (without their endings), and positions converted between
    characters and the client's units."""

    def __init__(self, text: str, units: Callable[[str], int]) -> None:
        self.text = text
        self.lines = split(text)[0]
        self._units = units

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def to_client(self, number: int, char: int) -> t.Position:
        number = min(max(number, 0), max(len(self.lines) - 1, 0))
        return t.Position(number, self._units(self.line(number)[:char]))

    def from_client(self, position: t.Position) -> tuple[int, int]:
        """(line, character) of a client's position."""
        text = self.line(position.line)
        used = 0
        for index, char in enumerate(text):
            if used >= position.character:
                return position.line, index
            used += self._units(char)
        return position.line, len(text)

    def range(self, span: Span) -> t.Range:
        return t.Range(self.to_client(span.line, span.start), self.to_client(span.end_line, span.end))


@dataclass
class Opened:
    """What the server found in an open text: its version and findings with their ranges."""

    version: int | None
    lines: Lines
    findings: list[tuple[Diagnostic, t.Diagnostic]]


class SamtaleServer(LanguageServer):
    """The server, with what it remembers of the open files and their workspaces."""

    def __init__(self, explain: Callable[[Code], str]) -> None:
        super().__init__("samtale", __version__)
        self.explain = explain
        self.workspaces = Workspaces()
        self.opened: dict[str, Opened] = {}

    def report_server_error(self, error: Exception, source: Any) -> None:
        log.exception("samtale lsp", exc_info=error)
        self.window_log_message(t.LogMessageParams(
            t.MessageType.Error, f"samtale lsp: en forespørgsel kunne ikke besvares ({type(error).__name__}: {error})."))

    def units(self) -> Callable[[str], int]:
        codec = self.workspace.position_codec
        return codec.client_num_units

    def lines_of(self, uri: str) -> Lines:
        return Lines(self.workspace.get_text_document(uri).source, self.units())


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _samtale_path(uri: str, lines: Lines) -> Path | None:
    """The path of an open samtale file (None: another program's YAML, or no file)."""
    path = _path(uri)
    if path is None:
        return None
    path = path.absolute()
    raw = lines.text.encode("utf-8", "surrogatepass")
    return path if is_samtale_file(path, raw, find_workspace_root(path.parent)) else None


def _diagnostic(finding: Diagnostic, lines: Lines) -> t.Diagnostic:
    severity = t.DiagnosticSeverity.Error if finding.is_error else t.DiagnosticSeverity.Warning
    return t.Diagnostic(lines.range(span_of(finding, lines.lines)), finding.message, severity=severity,
                        code=finding.code, source=SOURCE)


def validate(server: SamtaleServer, uri: str) -> None:
    """Check the open text and publish its findings (none for a file that is no samtale file)."""
    path = _path(uri)
    if path is None:
        return
    document = server.workspace.get_text_document(uri)
    lines = Lines(document.source, server.units())
    found = check_text(path, document.source, server.workspaces) or []
    pairs = [(finding, _diagnostic(finding, lines)) for finding in found]
    server.opened[uri] = Opened(document.version, lines, pairs)
    server.text_document_publish_diagnostics(
        t.PublishDiagnosticsParams(uri, [d for _f, d in pairs], version=document.version))


def _around(server: SamtaleServer, path: Path) -> assist.Around:
    return assist.Around.of(server.workspaces.model(find_workspace_root(path.parent)))


def hover(server: SamtaleServer, params: t.HoverParams) -> t.Hover | None:
    lines = server.lines_of(params.text_document.uri)
    path = _samtale_path(params.text_document.uri, lines)
    if path is None:
        return None
    number, col = lines.from_client(params.position)
    entry = assist.code_at(lines.line(number), col)
    if entry is None:
        opened = server.opened.get(params.text_document.uri)
        for _finding, shown in opened.findings if opened is not None else []:
            if _covers(shown.range, params.position):
                entry = catalogue.lookup(str(shown.code))
                break
    if entry is not None:
        text = assist.code_hover(entry, server.explain)
    else:
        text = assist.key_hover(lines.lines, path.name, number, col)
    if text is None:
        return None
    return t.Hover(t.MarkupContent(t.MarkupKind.Markdown, text))


def _covers(shown: t.Range, position: t.Position) -> bool:
    start, end = shown.start, shown.end
    return (start.line, start.character) <= (position.line, position.character) <= (end.line, end.character)


_KINDS = {"key": t.CompletionItemKind.Property, "value": t.CompletionItemKind.Value}


def completion(server: SamtaleServer, params: t.CompletionParams) -> t.CompletionList | None:
    lines = server.lines_of(params.text_document.uri)
    path = _samtale_path(params.text_document.uri, lines)
    if path is None:
        return None
    number, col = lines.from_client(params.position)
    found = assist.complete(lines.lines, path.name, number, col, _around(server, path))
    where = lines.range(Span(number, found.start, found.end))
    items = [
        t.CompletionItem(
            choice.label, kind=_KINDS[choice.kind], detail=choice.detail or None,
            text_edit=t.TextEdit(where, choice.insert if choice.insert is not None else choice.label),
            sort_text=f"{i:04d}",
        )
        for i, choice in enumerate(assist.unique(found.choices))
    ]
    return t.CompletionList(is_incomplete=False, items=items)


def _action(uri: str, lines: Lines, edits: list[Edit], title: str, kind: str,
            diagnostics: list[t.Diagnostic], preferred: bool = False) -> t.CodeAction:
    changes = [t.TextEdit(lines.range(e.span), e.text) for e in edits]
    return t.CodeAction(title, kind=kind, diagnostics=diagnostics or None, is_preferred=preferred or None,
                        edit=t.WorkspaceEdit(changes={uri: changes}))


def _overlaps(a: t.Range, b: t.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def code_actions(server: SamtaleServer, params: t.CodeActionParams) -> list[t.CodeAction] | None:
    uri = params.text_document.uri
    opened = server.opened.get(uri)
    lines = server.lines_of(uri)
    path = _samtale_path(uri, lines)
    if path is None or opened is None:
        return None
    wanted = params.context.only
    actions = []
    if not wanted or any(k.startswith(t.CodeActionKind.QuickFix) for k in wanted):
        actions.extend(_quick_fixes(uri, lines, opened, params.range))
    if opened.findings:  # offered where there is something to mend, not on every click in a clean file
        actions.extend(_repairs(server, uri, path, lines, params.range, wanted))
    return actions


def _quick_fixes(uri: str, lines: Lines, opened: Opened, asked: t.Range) -> list[t.CodeAction]:
    actions = []
    for finding, shown in opened.findings:
        if not _overlaps(shown.range, asked):
            continue
        edit = mente_du(finding, lines.lines)
        if edit is not None:
            actions.append(_action(uri, lines, [edit], edit.title, t.CodeActionKind.QuickFix, [shown], True))
    return actions


def _repairs(server: SamtaleServer, uri: str, path: Path, lines: Lines, asked: t.Range,
             wanted: list[str] | None) -> list[t.CodeAction]:
    root = find_workspace_root(path.parent)
    fixed = repair(path, lines.text, root or path.parent)
    if fixed is None:
        return []
    opened = server.opened.get(uri)
    actions = []
    if not wanted or any(k.startswith(t.CodeActionKind.QuickFix) for k in wanted):
        for edit in fixed.edits:
            shown = lines.range(edit.span)
            if not _overlaps(shown, asked):
                continue
            near = [d for _f, d in (opened.findings if opened else []) if d.range.start.line in
                    range(edit.span.line, edit.span.end_line + 1)]
            actions.append(_action(uri, lines, [edit], edit.title, t.CodeActionKind.QuickFix, near))
    if not wanted or any(k.startswith(t.CodeActionKind.SourceFixAll) or k == t.CodeActionKind.Source for k in wanted):
        actions.append(_action(uri, lines, fixed.edits, FIX_ALL, t.CodeActionKind.SourceFixAll, []))
    return actions


def make_server(explain: Callable[[Code], str]) -> SamtaleServer:
    """The server with its features; ``explain``: a code's text as ``samtale forklar``
    prints it (the command line's, handed down)."""
    server = SamtaleServer(explain)

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def _opened(ls: SamtaleServer, params: t.DidOpenTextDocumentParams) -> None:
        validate(ls, params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def _changed(ls: SamtaleServer, params: t.DidChangeTextDocumentParams) -> None:
        validate(ls, params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def _saved(ls: SamtaleServer, params: t.DidSaveTextDocumentParams) -> None:
        ls.workspaces.forget()  # (a new file in the workspace, saved for the first time)
        for uri in list(ls.opened):
            validate(ls, uri)  # the others may refer to it

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def _closed(ls: SamtaleServer, params: t.DidCloseTextDocumentParams) -> None:
        ls.opened.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _files_changed(ls: SamtaleServer, params: t.DidChangeWatchedFilesParams) -> None:
        ls.workspaces.forget()
        for uri in list(ls.opened):
            validate(ls, uri)

    server.feature(t.TEXT_DOCUMENT_HOVER)(hover)
    server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[":", " ", "-"]))(completion)
    server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(
        code_action_kinds=[t.CodeActionKind.QuickFix, t.CodeActionKind.SourceFixAll]))(code_actions)
    return server


def serve(explain: Callable[[Code], str]) -> int:
    """Answer an editor on standard input and output until it says goodbye. The protocol
    gets its own handle on standard output (pygls closes it at the end); anything else
    printed meanwhile goes to standard error, where it cannot break a message."""
    import os
    import sys

    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    saved, sys.stdout = sys.stdout, sys.stderr
    try:
        make_server(explain).start_io(sys.stdin.buffer, out)
    finally:
        sys.stdout = saved
    return 0
