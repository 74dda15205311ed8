"""``samtale check``'s work: run the pipeline on the paths (or git's staged files),
print the findings as text, JSON or a forge's report format, return the exit code.

Typer-free, so the commit hook's plain ``samtale check --staged`` can run it without
loading the command-line parser (:mod:`samtale_cli.cli.entry`); the typer command
(:mod:`samtale_cli.cli.commands.check`) calls the same function.
"""

from __future__ import annotations

import sys
from pathlib import Path

from samtale_cli.core.errors import SamtaleError
from samtale_cli.cli.output import FORMATS, REPORTS, forge_report, jobs_from_env, print_findings


def check_files(paths: list[Path], *, fmt: str = "text", strict: bool = False, staged: bool = False) -> int:
    """Check ``paths`` (none: the workspace around the current folder); 0, or 1 when
    there are errors (or warnings with ``strict``)."""
    from samtale_cli.check.discover import default_paths
    from samtale_cli.check.runs import run, run_staged

    cwd = Path.cwd()
    if staged:
        if paths:
            raise SamtaleError("--staged tjekker filerne, som git skal committe; angiv ingen stier.")
        found = run_staged(cwd).findings
    else:
        found = run(paths or default_paths(cwd), cwd, jobs=jobs_from_env()).findings
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    if fmt == "json":
        from samtale_cli.core.diagnostics import findings_json

        sys.stdout.write(findings_json(found))
        sys.stdout.flush()
    elif fmt in REPORTS:
        sys.stdout.write(forge_report(found, fmt))
        sys.stdout.flush()
        print(_summary(errors, warnings) if found else "Ingen fund.", file=sys.stderr)
    else:
        print_findings(found)
        summary = _summary(errors, warnings) if found else "Ingen fund."
        if staged and errors:
            summary += (" Commit'en er stoppet. Ret fejlene, tilføj filerne igen med 'git add', og commit igen "
                        "(eller spring tjekket over én gang med 'git commit --no-verify').")
            summary += _ret_can_help(found, cwd)
        if not staged or found:
            print(summary, file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def _summary(errors: int, warnings: int) -> str:
    return f"{errors} fejl, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}."


def _ret_can_help(found: list, cwd: Path) -> str:
    """" 'samtale ret' retter ..." when ret would fix some of the files with errors (text
    pasted from Word: what the hook stops most often), else ""."""
    from samtale_cli.fix.files import plan

    files = sorted({d.file for d in found if d.is_error})[:20]
    fixable = [f for f in files if plan(cwd / f, cwd).changes]
    if not fixable:
        return ""
    named = " ".join(f"'{f}'" if " " in f else f for f in fixable)
    return f" Noget af det er tekst sat ind fra Word, som 'samtale ret' kan rette: samtale ret {named}"


def fast_args(args: list[str]) -> tuple[list[Path], str, bool, bool] | None:
    """The arguments of a plain ``check`` (paths, ``--format`` one of :data:`FORMATS`, ``--strict``,
    ``--staged``), or None when anything else is there (help, a typo, ...): then the
    full command-line parser reads them and says what is wrong."""
    paths: list[Path] = []
    fmt, strict, staged = "text", False, False
    words = iter(args)
    for word in words:
        if word == "--strict":
            strict = True
        elif word == "--staged":
            staged = True
        elif word == "--format" or word.startswith("--format="):
            fmt = word.partition("=")[2] or next(words, "")
            if fmt not in FORMATS:
                return None
        elif word.startswith("-"):
            return None
        else:
            paths.append(Path(word))
    return paths, fmt, strict, staged
