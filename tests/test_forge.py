"""samtale on a git forge: ``check --format github|gitlab|sarif`` (what the forges read:
workflow annotations, Code Quality JSON, SARIF 2.1.0), the CI jobs ``init --ci`` writes
(valid against the forges' own schemas), the editor settings ``init`` writes, the
repository's ``.pre-commit-hooks.yaml`` and its ``Containerfile``.

tests/schemas/sarif-2.1.0-rtm.5.json is the SARIF 2.1.0 schema (rtm.5, the text the OASIS
standard fixed) as the npm package ``@microsoft/jest-sarif`` 1.0.0-beta.0 ships it
(``lib/schemas/``, MIT licence); see tests/schemas/README.md.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MEETING, MEETING_2025, SRC, Eks, samtale
from samtale_cli.core.diagnostics import Diagnostic, Level

SCHEMAS = Path(__file__).parent / "schemas"
PART = "    minutter: 120"  # the plenary part of the example meeting (its items add up to 120)
ANNOTATION = re.compile(r"^::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
                        r"title=(?P<title>[A-Z]\d{3})::(?P<message>.+)$")


@pytest.fixture
def slips(eks: Eks) -> Eks:
    """The example workspace with an error (A101) in one meeting and a warning (A102) in the other."""
    eks.edit(MEETING, PART, "    minutter: 100")
    eks.edit(MEETING_2025, PART, "    minutter: 140")
    return eks


def _expected(eks: Eks) -> list[dict]:
    return json.loads(samtale("check", "--format", "json", cwd=eks.root).stdout)


# ------------------------------------------------------------------ github


def test_github_annotations_one_per_finding(slips: Eks) -> None:
    expected = _expected(slips)
    assert expected
    code, out, _err = samtale("check", "--format", "github", cwd=slips.root)
    assert code == 1
    rows = [ANNOTATION.match(line) for line in out.splitlines()]
    assert all(rows), out
    assert [(m["level"], m["file"], int(m["line"]), int(m["col"]), m["title"]) for m in rows] == [
        ("error" if f["niveau"] == "fejl" else "warning", f["fil"].replace(":", "%3A").replace(",", "%2C"),
         f["linje"], f["kolonne"], f["kode"]) for f in expected]
    assert rows[0]["message"] == expected[0]["besked"]


def test_github_escapes_what_the_runner_would_read_as_syntax() -> None:
    """GitHub's rules (actions/toolkit, command.ts): in the message % CR LF are escaped,
    in a property also : and ,. A file name or message must never end the annotation
    early or start a new workflow command."""
    from samtale_cli.cli.output import github_annotations

    found = [Diagnostic("mappe, 100%:a.yaml", 3, 5, "A101", Level.ERROR, "50% af: x\n::warning::y,z\r"),
             Diagnostic("b.yaml", 1, 1, "A102", Level.WARNING, "ok")]
    assert github_annotations(found) == (
        "::error file=mappe%2C 100%25%3Aa.yaml,line=3,col=5,title=A101::50%25 af: x%0A::warning::y,z%0D\n"
        "::warning file=b.yaml,line=1,col=1,title=A102::ok\n")


# ------------------------------------------------------------------ gitlab


def test_gitlab_code_quality(slips: Eks) -> None:
    expected = _expected(slips)
    code, out, _err = samtale("check", "--format", "gitlab", cwd=slips.root)
    assert code == 1
    issues = json.loads(out)
    assert len(issues) == len(expected)
    for issue, finding in zip(issues, expected):
        assert issue["check_name"] == finding["kode"]
        assert finding["besked"] in issue["description"]
        assert issue["severity"] == ("major" if finding["niveau"] == "fejl" else "minor")
        assert issue["location"] == {"path": finding["fil"], "lines": {"begin": finding["linje"]}}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_are_stable(slips: Eks) -> None:
    """The same finding keeps its fingerprint when lines above it move (GitLab compares
    the merge request's report with the target branch's by fingerprint), and two equal
    findings in one file still have their own."""
    before = json.loads(samtale("check", "--format", "gitlab", cwd=slips.root).stdout)
    slips.edit(MEETING, "\ntitel:", "\n# en kommentar mere\ntitel:")
    after = json.loads(samtale("check", "--format", "gitlab", cwd=slips.root).stdout)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    moved = [(i["location"]["lines"]["begin"], i["location"]["path"] == MEETING) for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [line + edited for line, edited in moved]

    from samtale_cli.cli.output import gitlab_code_quality

    twice = [Diagnostic("a.yaml", n, 1, "S801", Level.WARNING, "samme") for n in (3, 9)]
    prints = [i["fingerprint"] for i in json.loads(gitlab_code_quality(twice))]
    assert len(set(prints)) == 2


def test_cpr_number_is_critical_in_gitlab() -> None:
    from samtale_cli.cli.output import gitlab_code_quality

    found = [Diagnostic("a.yaml", 3, 1, "C701", Level.ERROR, "CPR-nummer")]
    assert json.loads(gitlab_code_quality(found))[0]["severity"] == "critical"


# ------------------------------------------------------------------ sarif


def _sarif_validator():
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_sarif_is_valid_and_names_the_catalogue(slips: Eks) -> None:
    from samtale_cli.core.catalogue import CODES

    expected = _expected(slips)
    code, out, _err = samtale("check", "--format", "sarif", cwd=slips.root)
    assert code == 1
    log = json.loads(out)
    errors = sorted(_sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["language"] == "da-DK"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    for rule in rules:
        entry = CODES[rule["id"]]
        assert rule["shortDescription"]["text"] == entry.title
        assert rule["fullDescription"]["text"] == entry.explanation
        assert rule["defaultConfiguration"]["level"] == ("error" if entry.level is Level.ERROR else "warning")
    results = run["results"]
    assert len(results) == len(expected)
    for result, finding in zip(results, expected):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["kode"]
        assert result["message"]["text"] == finding["besked"]
        [where] = result["locations"]
        assert where["physicalLocation"]["region"] == {"startLine": finding["linje"], "startColumn": finding["kolonne"]}


def test_sarif_of_awkward_file_names_is_valid() -> None:
    from samtale_cli.cli.output import sarif_log

    found = [Diagnostic("afdelinger/børnehuset 100%/a#b.yaml", 1, 1, "Y005", Level.ERROR, "YAML-fejl")]
    log = json.loads(sarif_log(found))
    assert not list(_sarif_validator().iter_errors(log))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "afdelinger/b%C3%B8rnehuset%20100%25/a%23b.yaml"


# ------------------------------------------------------------------ all formats


@pytest.mark.parametrize("fmt", ["github", "gitlab", "sarif"])
def test_exit_codes_as_for_text(fmt: str, eks: Eks) -> None:
    assert samtale("check", "--format", fmt, cwd=eks.root).code == 0
    eks.edit(MEETING, PART, "    minutter: 140")  # a warning only (A102)
    assert samtale("check", "--format", fmt, cwd=eks.root).code == 0
    assert samtale("check", "--format", fmt, "--strict", cwd=eks.root).code == 1
    eks.edit(MEETING, "    minutter: 140", "    minutter: 100")
    assert samtale("check", "--format", fmt, cwd=eks.root).code == 1


@pytest.mark.parametrize("fmt", ["github", "gitlab", "sarif"])
def test_clean_workspace_gives_an_empty_report(fmt: str, eks: Eks) -> None:
    out = samtale("check", "--format", fmt, cwd=eks.root).stdout
    if fmt == "github":
        assert out == ""
    elif fmt == "gitlab":
        assert json.loads(out) == []
    else:
        assert json.loads(out)["runs"][0]["results"] == []


def test_the_fast_path_prints_the_forge_formats_too(slips: Eks) -> None:
    """The console script's quick ``check`` (samtale_cli/cli/entry.py) takes the forge
    formats and prints what the full command line prints."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    for fmt in ("github", "gitlab", "sarif"):
        runs = [subprocess.run([sys.executable, "-c", code, "check", "--format", fmt], cwd=slips.root, env=env,
                               capture_output=True, text=True, encoding="utf-8", timeout=60)
                for code in ("from samtale_cli.cli.entry import main; main()",
                             "import sys; sys.argv[0] = 'samtale'\nfrom samtale_cli.cli.main import main; main()")]
        fast, full = runs
        assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
        assert fast.returncode == 1 and fast.stdout, fast.stderr


# ------------------------------------------------------------------ init --ci, editor settings


def _init(tmp_path: Path, *extra: str) -> Path:
    code, _out, err = samtale("init", "ws", "--dagtilbud", "Dagtilbud Vest", "--afdeling", "Haven", "--no-git",
                              *extra, cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "ws"


def _yaml(path: Path) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _valid_for(schema: str, *files: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


CI_FILES = {"gitlab": [".gitlab-ci.yml"], "github": [".github/workflows/samtale.yml", ".github/workflows/samtale-oversigt.yml"]}


@pytest.mark.parametrize("forge", ["gitlab", "github"])
def test_init_ci_writes_a_job_valid_for_the_forge(forge: str, tmp_path: Path) -> None:
    ws = _init(tmp_path, "--ci", forge)
    files = [ws / rel for rel in CI_FILES[forge]]
    _valid_for(f"vendor.{'gitlab-ci' if forge == 'gitlab' else 'github-workflows'}", *files)
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    for needed in ("pip install samtale-dagtilbud", f"samtale check --format {forge}", "samtale render . -o",
                   "samtale oversigt"):
        assert needed in text, needed
    other = "github" if forge == "gitlab" else "gitlab"
    assert not any((ws / rel).exists() for rel in CI_FILES[other])


def test_gitlab_pages_and_schedule(tmp_path: Path) -> None:
    jobs = _yaml(_init(tmp_path, "--ci", "gitlab") / ".gitlab-ci.yml")
    assert jobs["pages"]["artifacts"]["paths"] == ["public"] and "-o public" in jobs["pages"]["script"][0]
    assert jobs["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert jobs["oversigt"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]  # only when a schedule is made


def test_github_overview_is_opt_in(tmp_path: Path) -> None:
    flow = _yaml(_init(tmp_path, "--ci", "github") / ".github/workflows/samtale-oversigt.yml")
    assert list(flow[True] if True in flow else flow["on"]) == ["workflow_dispatch"]  # the schedule is commented out


@pytest.mark.parametrize("forge", ["gitlab", "github"])
def test_the_overview_job_fails_on_an_overdue_agreement(forge: str, eks: Eks, tmp_path: Path) -> None:
    """The scheduled job's commands, run as the forge runs them (a shell, samtale on PATH):
    the examples' agreements of 2024 are overdue today, a new workspace has none."""
    ws = _init(tmp_path, "--ci", forge)
    data = _yaml(ws / CI_FILES[forge][-1])
    steps = data["oversigt"]["script"] if forge == "gitlab" else [s["run"] for s in data["jobs"]["oversigt"]["steps"]
                                                                  if "run" in s and "pip install" not in s["run"]]
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "samtale").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m samtale_cli "$@"\n', encoding="utf-8")
    (shim / "samtale").chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(SRC), "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"}
    script = "set -e\n" + "\n".join(steps) + "\n"
    overdue = subprocess.run(["sh", "-c", script], cwd=eks.root, env=env, capture_output=True, text=True, timeout=60)
    assert overdue.returncode == 1 and "Overskredet:" in overdue.stdout, overdue.stdout + overdue.stderr
    clean = subprocess.run(["sh", "-c", script], cwd=ws, env=env, capture_output=True, text=True, timeout=60)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_init_writes_the_editor_settings(tmp_path: Path) -> None:
    ws = _init(tmp_path)
    settings = json.loads((ws / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./.samtale/schema/samtale.json"] == "samtale.yaml"
    assert all((ws / path).is_file() for path in settings["yaml.schemas"])
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == ["samtale", "lsp"]
    assert settings["glspc.server.languageId"] == ["yaml"]
    extensions = json.loads((ws / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml", "zsol.vscode-glspc"]}
    assert not (ws / ".gitlab-ci.yml").exists() and not (ws / ".github").exists()  # CI only when asked


def test_init_never_overwrites_existing_ci_or_editor_files(tmp_path: Path) -> None:
    mine = {".gitlab-ci.yml": "# vores eget job\n", ".vscode/extensions.json": "{}\n", ".vscode/settings.json": "{}\n"}
    for rel, text in mine.items():
        (tmp_path / "ws" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "ws" / rel).write_text(text, encoding="utf-8")
    code, _out, err = samtale("init", "ws", "--dagtilbud", "D", "--afdeling", "A", "--no-git", "--ci", "gitlab",
                              cwd=tmp_path)
    assert code == 0, err
    for rel, text in mine.items():
        assert (tmp_path / "ws" / rel).read_text(encoding="utf-8") == text
        assert f"'{rel}' fandtes i forvejen og er ikke ændret" in err


def test_init_refuses_an_unknown_forge(tmp_path: Path) -> None:
    code, _out, err = samtale("init", "ws", "--dagtilbud", "D", "--afdeling", "A", "--no-git", "--ci", "bitbucket",
                              cwd=tmp_path)
    assert code == 2 and "bitbucket" in err and not (tmp_path / "ws").exists()


# ------------------------------------------------------------------ pre-commit hooks, Containerfile

REPO_ROOT = SRC.parent
# the keys pre-commit's manifest allows for a hook (pre-commit's clientlib MANIFEST_HOOK_DICT)
PRE_COMMIT_KEYS = {"id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or",
                   "exclude_types", "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames",
                   "description", "language_version", "log_file", "minimum_pre_commit_version", "require_serial",
                   "stages", "verbose"}


def test_the_repository_offers_a_pre_commit_hook() -> None:
    hooks = _yaml(REPO_ROOT / ".pre-commit-hooks.yaml")
    [hook] = [h for h in hooks if h["id"] == "samtale-check"]
    assert set(hook) <= PRE_COMMIT_KEYS
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["entry"] == "samtale check --staged" and hook["language"] == "python"  # installs samtale-dagtilbud
    assert hook["pass_filenames"] is False and hook["require_serial"] is True
    assert re.search(hook["files"], "afdelinger/haven/indsats.yml") and not re.search(hook["files"], "noter.md")


def _instructions(text: str) -> list[tuple[str, str]]:
    """A Containerfile's instructions as (INSTRUCTION, arguments): comments dropped, lines
    continued with a backslash joined (the Dockerfile reference's rules)."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = pending + line
        pending = ""
        word, _, rest = whole.partition(" ")
        out.append((word.upper(), rest.strip()))
    assert not pending, "the last line ends in a backslash"
    return out


def test_containerfile_builds_samtale_from_the_wheel_with_pango() -> None:
    steps = _instructions((REPO_ROOT / "Containerfile").read_text(encoding="utf-8"))
    known = {"FROM", "RUN", "COPY", "WORKDIR", "USER", "ENTRYPOINT", "CMD", "ENV", "ARG", "LABEL"}
    assert {word for word, _ in steps} <= known
    stages = [args for word, args in steps if word == "FROM"]
    assert len(stages) == 2 and all(re.fullmatch(r"python:3\.\d+-slim( AS \w+)?", s) for s in stages)
    final = steps[[n for n, (word, _) in enumerate(steps) if word == "FROM"][-1]:]
    runs = " ".join(args for word, args in final if word == "RUN")
    assert "libpango-1.0-0" in runs and "libpangoft2-1.0-0" in runs and "rm -rf /var/lib/apt/lists/*" in runs
    assert re.search(r"pip install [^&]*/wheels/\*\.whl", runs)
    first = " ".join(args for word, args in steps[:len(steps) - len(final)] if word == "RUN")
    assert "pip wheel" in first
    for word, args in steps:
        if word == "COPY" and not args.startswith("--from"):
            *sources, _target = args.split()
            assert all((REPO_ROOT / s).exists() for s in sources), args
    assert ("ENTRYPOINT", '["samtale"]') in final
    users = [args for word, args in final if word == "USER"]
    assert users and users[-1] not in ("root", "0")


def _docker_works() -> bool:
    import shutil

    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0


@pytest.mark.slow
def test_containerfile_builds_and_checks(tmp_path: Path) -> None:
    if not _docker_works():
        pytest.skip("no container engine here (docker info fails): the parse test above only")
    tag = "samtale-test:latest"
    built = subprocess.run(["docker", "build", "-q", "-t", tag, "-f", "Containerfile", "."], cwd=REPO_ROOT,
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr
    done = subprocess.run(["docker", "run", "--rm", tag, "--version"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("samtale "), done.stderr
