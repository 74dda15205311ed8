"""What commands print for people, without typer (the commit hook's fast path in
:mod:`samtale_cli.cli.entry` uses it too): findings, the files a command skipped, notes,
paths as the user should see them; and ``SAMTALE_JOBS``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from samtale_cli.core.errors import SamtaleError

if TYPE_CHECKING:
    from samtale_cli.core.diagnostics import Diagnostic
    from samtale_cli.check.runs import Run


def prepare_streams() -> None:
    """Never fail on a character the console cannot show (an old Windows code page), nor
    on an output the shell closed ('samtale check >&-': Python then has none)."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def note(message: str) -> None:
    """A line for the user on standard error (standard output may be a document)."""
    print(f"samtale: {message}", file=sys.stderr)


def print_findings(found: list[Diagnostic], stream: TextIO | None = None) -> None:
    """Findings one per line, ``fil:linje:kolonne: niveau [KODE]: besked``; in colour on
    a terminal."""
    stream = stream or sys.stdout
    if not found:
        return
    if stream.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console(file=stream, highlight=False, soft_wrap=True)
        for d in found:
            colour = "red" if d.is_error else "yellow"
            console.print(
                f"[bold]{escape(d.file)}[/]:{d.line}:{d.col}: [{colour}]{d.level.value}[/] "
                f"[dim]\\[{d.code}][/]: {escape(d.message)}"
            )
    else:
        stream.write("".join(d.format() + "\n" for d in found))
        stream.flush()


def report_skipped(run: Run) -> int:
    """The one way every command that uses documents reports the files it skipped:
    their errors on standard error (as ``check`` prints them) and a closing line.
    Returns the exit code: 1 when a file was skipped, else 0."""
    if not run.skipped:
        return 0
    print_findings(run.errors, sys.stderr)
    broken = sum(1 for c in run.skipped if c.has_errors)
    blocked = len(run.skipped) - broken
    parts = []
    if broken:
        parts.append(f"{broken} {'fil' if broken == 1 else 'filer'} med fejl")
    if blocked:
        parts.append(f"{blocked} {'fil' if blocked == 1 else 'filer'}, der henviser til en fil med fejl")
    note(f"sprang over {' og '.join(parts)}; ret fejlene ovenfor (se også 'samtale check').")
    return 1


def jobs_from_env() -> int | None:
    """SAMTALE_JOBS: how many processes check uses (unset or empty: one per core)."""
    value = os.environ.get("SAMTALE_JOBS", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise SamtaleError(f"SAMTALE_JOBS skal være et helt tal på mindst 1, ikke '{value}'.")
    return int(value)


# --- check's formats for the forges: GitHub, GitLab and SARIF (code scanning) ----------

FORMATS = ("text", "json", "github", "gitlab", "sarif")
REPORTS = ("github", "gitlab", "sarif")  # written by :func:`forge_report`


def forge_report(found: list[Diagnostic], fmt: str) -> str:
    """The findings in one of the :data:`REPORTS` formats."""
    return {"github": github_annotations, "gitlab": gitlab_code_quality, "sarif": sarif_log}[fmt](found)


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(found: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one per finding:
    ``::error file=F,line=L,col=C,title=KODE::besked`` (warnings as ``::warning``),
    escaped as the runner reads them (actions/toolkit's command.ts)."""
    return "".join(
        f"::{'error' if d.is_error else 'warning'} file={_github_property(d.file)},line={d.line},col={d.col},"
        f"title={_github_property(d.code)}::{_github_data(d.message)}\n"
        for d in found
    )


def _severity(d: Diagnostic) -> str:
    """GitLab's scale (info, minor, major, critical, blocker): an error is major, a CPR
    number (the C codes) critical, a warning minor."""
    if not d.is_error:
        return "minor"
    return "critical" if d.code.startswith("C") else "major"


def gitlab_code_quality(found: list[Diagnostic]) -> str:
    """GitLab's Code Quality report (a JSON list). The fingerprint is made from the file,
    the code, the message and the how-manieth equal finding it is, not from the line: a
    finding keeps it when lines above it move, so the merge request shows only the new."""
    import hashlib
    import json

    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for d in found:
        key = (d.file, d.code, d.message)
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8")).hexdigest()
        issues.append({
            "description": f"[{d.code}] {d.message}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": _severity(d),
            "location": {"path": _posix(d.file), "lines": {"begin": d.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _posix(file: str) -> str:
    return file.replace(os.sep, "/") if os.sep != "/" else file


def _sarif_rules() -> list[dict[str, object]]:
    from samtale_cli.core.catalogue import CODES

    rules: list[dict[str, object]] = []
    for entry in CODES.values():
        examples = "".join(f"\n\n{label}:\n{text}" for label, text in (("Forkert", entry.bad), ("Rigtigt", entry.good)) if text)
        rules.append({
            "id": entry.code,
            "shortDescription": {"text": entry.title},
            "fullDescription": {"text": entry.explanation},
            "help": {"text": entry.explanation + examples},
            "defaultConfiguration": {"level": "error" if entry.level.name == "ERROR" else "warning"},
        })
    return rules


def sarif_log(found: list[Diagnostic]) -> str:
    """SARIF 2.1.0 (GitHub's and GitLab's code scanning): the catalogue's codes as the
    rules, in Danish, and one result per finding, its file relative to the folder check
    ran in (``%SRCROOT%``, the repository's root in CI)."""
    import json
    from urllib.parse import quote

    from samtale_cli.cli.version import distribution_version

    rules = _sarif_rules()
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    results = [{
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": "error" if d.is_error else "warning",
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(_posix(d.file)), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": d.line, "startColumn": d.col},
        }}],
    } for d in found]
    driver = {"name": "samtale", "version": distribution_version(),
              "informationUri": "https://pypi.org/project/samtale-dagtilbud/", "rules": rules}
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "language": "da-DK", "columnKind": "unicodeCodePoints",
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
