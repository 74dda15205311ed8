"""Shared test helpers; test modules import from here, never from each other.

* :func:`samtale` is the one way tests run the command line (in this process by
  default, or as a real process with ``process=True``).
* :class:`Eks` (fixture ``eks``) is a throw-away copy of the example workspace that a
  test edits as text: :meth:`Eks.edit` makes an exact, unique text replacement, so the
  test knows the line it broke, and :meth:`Eks.findings` gives the exact list of
  ``(file, line, col, level, code)``. ``scratch_workspace`` is one copy per module for
  property tests that put every file back (:func:`swapped`).
* :data:`HOSTILE` holds the hostile inputs (alias bombs, deep nesting, tags, junk).
* :class:`GoldenGuard`: with ``SAMTALE_UPDATE_GOLDEN=1`` a test that writes a golden file
  (``tests/golden/``) fails with "opdateret; kør igen", so an update never passes.
* The markers ``browser``, ``process`` and ``slow`` (registered in pyproject.toml) are put
  on the tests here, by module and by what a test uses (:func:`pytest_collection_modifyitems`),
  so ``-m "not browser and not process and not slow"`` is the fast loop.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
# Test this checkout, whatever copy of samtale_cli happens to be installed.
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from samtale_cli.core.diagnostics import Diagnostic  # noqa: E402
from samtale_cli.check.runs import check  # noqa: E402

EXAMPLES = REPO / "eksempler"
GOLDEN = REPO / "tests" / "golden"

pytest_plugins = ["pytester"]  # tests/test_golden_update.py runs pytest inside pytest

WORKSPACE = "samtale.yaml"
MEETING = "laeringssamtaler/2024-05-13-laeringssamtale-foer-forloeb-med-dagtilbud-for-alle.yaml"
PLAN = "afdelinger/vuggestuen-kernehuset/indsats-smaa-boernegrupper.yaml"
SHEET_DERUDA = "afdelinger/boernehuset-deruda/opmaerksomhedspunkter-2024-05-13.yaml"
SHEET_HAVEN = "afdelinger/boernehuset-haven/opmaerksomhedspunkter-2024-05-13.yaml"
SHEET_KERNEHUSET = "afdelinger/vuggestuen-kernehuset/opmaerksomhedspunkter-2024-05-13.yaml"
SHEETS = (SHEET_DERUDA, SHEET_HAVEN, SHEET_KERNEHUSET)
# the year after: a meeting with attendance, agreements and næste_møde, and a plan that
# follows up Kernehuset's 2024 sheet, with evaluations
MEETING_2025 = "laeringssamtaler/2025-05-12-laeringssamtale-2025-opfoelgning.yaml"
PLAN_2025 = "afdelinger/vuggestuen-kernehuset/indsats-smaa-grupper-i-rutinerne.yaml"
MEETINGS = (MEETING, MEETING_2025)
PLANS = (PLAN, PLAN_2025)
EXAMPLE_FILES = (WORKSPACE, *MEETINGS, *PLANS, *SHEETS)

Finding = tuple[str, int, int, str, str]  # file, line, col, level, code
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>fejl|advarsel) \[(?P<code>[A-Z]\d{3})\]: (?P<msg>.+)$")


# --- the command line ------------------------------------------------------------------


@dataclass
class Result:
    """What a run of the command line gave."""

    code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[Finding]:
        """The diagnostic lines of standard output, parsed (every line must be one)."""
        return parsed(self.stdout)

    def __iter__(self) -> Iterator[object]:
        """``code, out, err = samtale(...)``."""
        return iter((self.code, self.stdout, self.stderr))


def parsed(text: str) -> list[Finding]:
    rows = []
    for line in text.splitlines():
        m = LINE.match(line)
        assert m, f"not a diagnostic line: {line!r}"
        rows.append((m["file"], int(m["line"]), int(m["col"]), m["level"], m["code"]))
    return rows


def samtale(*args: str | Path, cwd: Path | None = None, process: bool = False, env: dict[str, str] | None = None) -> Result:
    """Run ``samtale ARGS`` in ``cwd`` on this checkout (not whatever is installed).

    In this process by default (fast); ``process=True`` starts ``python -m samtale_cli``
    for what needs a real process (the console's encoding, signals, worker processes).
    Either way a traceback or an "intern fejl" fails the test.
    """
    cwd = cwd or Path.cwd()
    if process:
        full = dict(os.environ)
        full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), full.get("PYTHONPATH")]))
        full.pop("FORCE_COLOR", None)
        full["COLUMNS"] = "100"
        full.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "samtale_cli", *map(str, args)],
            cwd=cwd, env=full, capture_output=True, text=True, encoding="utf-8", timeout=120,
        )
        result = Result(done.returncode, done.stdout, done.stderr)
    else:
        from samtale_cli.cli.main import run

        out, err = io.StringIO(), io.StringIO()
        old = Path.cwd()
        saved = {k: os.environ.get(k) for k in (env or {})}
        os.chdir(cwd)
        os.environ.update(env or {})
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = run([str(a) for a in args])
        finally:
            os.chdir(old)
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        result = Result(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "intern fejl" not in result.stderr, result.stderr
    return result


def examples(n: int) -> int:
    """Hypothesis example counts: modest by default; SAMTALE_HYPOTHESIS_SCALE=20 for a long hunt."""
    return max(1, int(n * float(os.environ.get("SAMTALE_HYPOTHESIS_SCALE", "1"))))


@dataclass
class Eks:
    """A copy of ``eksempler/`` under ``tmp_path``."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in ``rel`` (fails if not exactly one)."""
        text = self.text(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def line(self, rel: str, needle: str) -> int:
        """1-based number of the one line of ``rel`` (as it is now) that contains ``needle``."""
        hits = [n for n, ln in enumerate(self.text(rel).split("\n"), 1) if needle in ln]
        assert len(hits) == 1, f"{needle!r} is on lines {hits} of {rel}"
        return hits[0]

    def col(self, rel: str, needle: str) -> int:
        """1-based column where ``needle`` starts on its (unique) line."""
        line = self.text(rel).split("\n")[self.line(rel, needle) - 1]
        return line.index(needle) + 1

    def diagnostics(self) -> list[Diagnostic]:
        return check([self.root], self.root)

    def findings(self) -> list[Finding]:
        return [(d.file, d.line, d.col, d.level.value, d.code) for d in self.diagnostics()]


@pytest.fixture
def eks(tmp_path: Path) -> Eks:
    root = tmp_path / "eks"
    shutil.copytree(EXAMPLES, root)
    return Eks(root)


# --- hostile input ---------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
) + "\n"

_rng = random.Random(20240513)
JUNK = bytes(_rng.randrange(256) for _ in range(200_000))
JUNK_NO_NUL = bytes(_rng.randrange(128, 256) for _ in range(50_000))

HOSTILE = {
    # name: (bytes, code, a Danish word the message must hold)
    "billion-laughs": (BILLION_LAUGHS.encode(), "Y008", "for mange værdier"),
    "alias-to-nowhere": (b"a: *nowhere\n", "Y013", "henviser ikke til et anker"),
    "empty-lists-200000": (b"[" + b"[]," * 200_000 + b"]\n", "Y008", "for mange værdier"),
    "empty-maps-200000": (b"[" + b"{}," * 200_000 + b"]\n", "Y008", "for mange værdier"),
    "flow-nested-5000": (b"[" * 5000 + b"]" * 5000 + b"\n", "Y009", "indlejret for dybt"),
    "flow-map-nested-5000": (b"{a: " * 5000 + b"1" + b"}" * 5000 + b"\n", "Y009", "indlejret for dybt"),
    "block-nested-5000": (b"- " * 5000 + b"x\n", "Y009", "indlejret for dybt"),
    "block-map-nested-2000": ("".join(" " * i + "a:\n" for i in range(2000)).encode(), "Y009", "indlejret for dybt"),
    "random-bytes": (JUNK, "Y003", "binære data"),
    "random-bytes-no-nul": (JUNK_NO_NUL, "Y002", "UTF-8"),
    "nul-in-text": (b"type: indsats\ntitel: a\x00b\n", "Y003", "binære data"),
    "control-char": (b"type: indsats\ntitel: a\x1bb\n", "Y003", "kontroltegn"),
    "utf16": ("type: indsats\n".encode("utf-16"), "Y002", "UTF-16"),
    "empty": (b"", "Y004", "tom"),
    "only-bom": (b"\xef\xbb\xbf", "Y004", "tom"),
    "only-whitespace": (b"  \n\n\t\n", "Y004", "tom"),
    "only-comments": (b"# en kommentar\n\n   # og en til\n", "Y004", "tom"),
    "python-tag": (b'!!python/object/apply:os.system ["touch PWNED"]\n', "Y007", "ikke tilladt"),
    "python-tag-value": (b'type: indsats\ntitel: !!python/object/apply:os.system ["touch PWNED"]\n', "Y007", "ikke tilladt"),
    "python-name-tag": (b"a: !!python/name:os.system\n", "Y007", "ikke tilladt"),
    "verbatim-tag": (b'a: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch PWNED"]\n', "Y007", "ikke tilladt"),
    "local-tag": (b"a: !ting x\n", "Y007", "ikke tilladt"),
    "binary-tag": (b"a: !!binary aGVq\n", "Y007", "ikke tilladt"),
    "set-tag": (b"a: !!set {x, y}\n", "Y007", "ikke tilladt"),
    "two-documents": (b"type: indsats\n---\ntype: indsats\n", "Y010", "mere end"),
    "complex-key": (b"? [a, b]\n: 1\n", "Y011", "nøgle"),
    "tab-indent": (b"a:\n\t- b\n", "Y005", "Tabulatortegn"),
    "unclosed-quote": (b'a: "abc\n', "Y005", "lukkes aldrig"),
    "too-big": (b"a: " + b"x" * (3 * 1024 * 1024) + b"\n", "Y001", "for stor"),
    "too-many-values": (b"a:\n" + b"  - 1\n" * 300_000, "Y008", "for mange værdier"),
}


# --- random mutations of the examples (the loader and CLI property tests) ---------------

INSERTS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8),
    st.text(alphabet=st.sampled_from(list(" \n-:[]{},#&*!|>'\"\t\r\x00\u2028\ufeff0123456789/")), min_size=1, max_size=8),
)


def mutate(text: str, data: st.DataObject) -> str:
    """Delete, duplicate or swap a line, or insert a few random characters."""
    lines = text.split("\n")
    op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        at = data.draw(st.integers(0, len(text)))
        return text[:at] + data.draw(INSERTS) + text[at:]
    return "\n".join(lines)


@contextmanager
def swapped(root: Path, rel: str, content: bytes) -> Iterator[Path]:
    """``root/rel`` (a copy of the examples) holds ``content`` inside the block, and the
    example's own bytes again after it, so one copy serves many random cases."""
    path = root / rel
    path.write_bytes(content)
    try:
        yield path
    finally:
        path.write_bytes((EXAMPLES / rel).read_bytes())


@pytest.fixture(scope="module")
def scratch_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the examples per test module, for tests that restore what they change."""
    root = tmp_path_factory.mktemp("mut") / "eks"
    shutil.copytree(EXAMPLES, root)
    return root


# --- samtale serve as a real process ------------------------------------------------------


@dataclass
class Served:
    """A running ``samtale serve`` (a real process on a free port)."""

    url: str
    process: subprocess.Popen[str]

    @property
    def host(self) -> str:
        return self.url.split("//", 1)[1].rstrip("/")

    def stop(self, timeout: float = 15) -> tuple[int, str, str]:
        """Ctrl-C, as a person stops it; the exit code, standard output and error."""
        import signal

        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err


@contextmanager
def served(folder: Path, *args: str, cwd: Path | None = None) -> Iterator[Served]:
    """``samtale serve FOLDER --port 0 ARGS`` in a process, until the block ends."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, "-m", "samtale_cli", "serve", str(folder), "--port", "0", *args],
        cwd=cwd or folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = re.search(r"http://\S+/", line)
        assert found, f"no address in {line!r}: {process.stderr.read() if process.stderr else ''}"
        yield Served(found.group(0), process)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=15)


# --- axe-core in Chromium (tests/test_accessible.py, tests/test_serve_axe.py) ----------------

# WCAG 2.0/2.1/2.2 A and AA and axe's best practices, and the AAA contrast rule (7:1)
# --- samtale serve in the test process: the after-meeting forms and the overview ---------

SERVE_TOKEN = "prøve-token"


def serve_overview(run: Any, root: Path, workspace: Any, day: Any, responsible: str | None) -> dict[str, Any]:
    """What serve's overview page is made of: 'samtale oversigt' of the snapshot's run."""
    from samtale_cli.reports.overview import overview as make, overview_facts

    return make(run.briefly(overview_facts, responsible is not None), root, workspace, day, responsible)


@pytest.fixture
def serve_client(eks: Eks) -> Any:
    """Starlette's test client of 'samtale serve' on a copy of the examples (no watcher,
    redirects not followed, the token :data:`SERVE_TOKEN`)."""
    from starlette.testclient import TestClient

    from samtale_cli.serve.site import Site
    from samtale_cli.serve.web import create_app

    app = create_app(Site(eks.root, eks.root, serve_overview), {"testserver"}, SERVE_TOKEN, watch=False)
    return TestClient(app, follow_redirects=False)


def post_form(client: Any, eks: Eks, endpoint: str, **fields: str) -> Any:
    """A form posted to ``/<endpoint>/`` of the examples' 2025 meeting, with the token and
    the file's version as it is now."""
    from samtale_cli.serve.minutes import version_of

    data = {"token": SERVE_TOKEN, "version": version_of(eks.path(MEETING_2025).read_bytes())}
    data.update(fields)
    return client.post(f"/{endpoint}/{MEETING_2025.removesuffix('.yaml')}", data=data)


# Debian's Chromium, as the browser tests drive it (directly or through Playwright): headless,
# and without the background requests this machine's closed network refuses.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium through Playwright, one per test module (a fresh profile per launch); the
    tests skip where Chromium or Playwright is missing."""
    if CHROMIUM is None:
        pytest.skip("chromium er ikke installeret")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        except sync_api.Error as exc:  # pragma: no cover - a Chromium Playwright cannot drive
            pytest.skip(f"Chromium kan ikke startes af Playwright: {exc}")
        yield chromium
        chromium.close()


AXE_OPTIONS = {
    "resultTypes": ["violations", "incomplete"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {"color-contrast-enhanced": {"enabled": True}},
}
SERIOUS = ("serious", "critical")


def axe_findings(results: dict, kind: str) -> list[str]:
    """``rule (impact): target html`` for each serious or critical node of ``kind``."""
    return [
        f"{rule['id']} ({rule['impact']}): {' '.join(map(str, node['target']))} {node['html'][:120]}"
        for rule in results[kind] if rule["impact"] in SERIOUS for node in rule["nodes"]
    ]


def axe_undecided(results: dict, *, clipped_allowed: bool) -> list[str]:
    """The serious or critical checks axe could not decide, less the two it cannot decide
    by design: the texts of an SVG timeline (``imgNode``: checked by
    :func:`test_accessible.test_timeline_has_contrast`) and, at a phone's width, table cells
    scrolled out of their table's scroll region (``elmPartiallyObscured``: the same cells
    are decided at the desktop width, where no table scrolls)."""
    expected = {"imgNode"} | ({"elmPartiallyObscured"} if clipped_allowed else set())
    left = []
    for rule in results["incomplete"]:
        if rule["impact"] not in SERIOUS:
            continue
        for node in rule["nodes"]:
            keys = {(c.get("data") or {}).get("messageKey") for c in node["any"] if isinstance(c.get("data"), dict)}
            if rule["id"] != "color-contrast" or not keys or not keys <= expected:
                left.append(f"{rule['id']} ({sorted(map(str, keys))}): {' '.join(map(str, node['target']))}")
    return left


# --- golden files -------------------------------------------------------------------------


class GoldenGuard:
    """A pytest plugin: with ``update`` (``SAMTALE_UPDATE_GOLDEN=1``) the tests write the
    golden files under ``folder``; each test that wrote one (new, changed or written with
    the same bytes) then fails with "opdateret; kør igen", so an update is never taken
    for a pass and the next run, without the variable, checks what was written."""

    def __init__(self, folder: Path, *, update: bool) -> None:
        self.folder = folder
        self.update = update

    def stamps(self) -> dict[str, tuple[int, int]]:
        if not self.folder.is_dir():
            return {}
        return {p.relative_to(self.folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
                for p in self.folder.rglob("*") if p.is_file()}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        if not self.update:
            return (yield)
        before = self.stamps()
        result = yield  # a test that failed stays failed, with its own message
        written = sorted(name for name, stamp in self.stamps().items() if before.get(name) != stamp)
        if written:
            pytest.fail(f"{', '.join(written)} opdateret; kør igen uden SAMTALE_UPDATE_GOLDEN", pytrace=False)
        return result


def pytest_configure(config: pytest.Config) -> None:
    update = os.environ.get("SAMTALE_UPDATE_GOLDEN") == "1"
    config.pluginmanager.register(GoldenGuard(GOLDEN, update=update), "samtale-golden")


# --- markers: the fast loop ---------------------------------------------------------------

BROWSER_MODULES = {"test_browser.py", "test_serve_browser.py"}
# what in a test's source means it starts processes: the CLI as a real process, the server,
# worker processes, git (whose hook runs samtale), or any other program
PROCESS_SIGNS = ("process=True", "served(", "subprocess", "Popen", "jobs", "SAMTALE_JOBS", "multiprocessing", "git(")
# Measured with --durations (2 cores): the tests of more than about a second in this
# process, each for what it does many times (random cases, big inputs, whole folders
# through PDF or Word); a name with [id] is that case alone. Hypothesis tests are slow
# too, unless listed in QUICK_PROPERTIES.
SLOW = {
    "test_hostile.py::test_file_and_folder_names_never_become_a_scheme_or_a_way_out",
    "test_hostile.py::test_rendering_never_fetches_anything",
    "test_hostile.py::test_a_replaced_output_keeps_its_mode_and_old_temporary_files_are_removed",
    "test_hostile.py::test_output_suffixes_are_matched_without_regard_to_case",
    "test_hostile.py::test_a_plan_with_too_many_meetings_is_an_error_and_costs_nothing",
    "test_hostile.py::test_x_yaml_and_x_yml_are_a_finding",
    "test_hostile.py::test_javascript_file_name_is_a_relative_link",
    "test_hostile.py::test_odd_environments_give_danish_messages",
    "test_word.py::test_pdf_bundle_of_a_folder",
    "test_bundle_pdf.py::test_the_pdf_bundle_of_a_year_in_pieces",
    "test_bundle_pdf.py::test_the_pieces_give_the_pages_of_the_bundle_made_whole",
    "test_bundle_pdf.py::test_the_joined_structure_tree_holds_together",
    "test_word.py::test_the_xml_is_schema_valid",
    "test_word.py::test_the_package_is_well_formed_and_stable",
    "test_word.py::test_docx_bundle_of_a_folder",
    "test_word.py::test_folder_site_with_docx",
    "test_render.py::test_pdf_one_page_per_department",
    "test_render.py::test_a_page_in_pieces_is_the_page_whole",
    "test_serve.py::test_many_requests_at_once_and_a_file_rewritten_meanwhile",
    "test_serve.py::test_open_pages_hear_of_a_change_within_two_seconds",
    "test_serve.py::test_paths_never_leave_the_workspace",
    "test_serve.py::test_every_page_of_render_at_the_same_path",
    "test_minutes.py::test_minutes_saved_again_and_again",
    "test_rules.py::test_many_cpr_numbers_are_all_found_with_exact_positions",
    "test_loader.py::test_hostile_bytes_give_one_danish_error[empty-lists-200000]",
    "test_loader.py::test_hostile_bytes_give_one_danish_error[empty-maps-200000]",
    "test_loader.py::test_hostile_bytes_give_one_danish_error[too-many-values]",
    "test_loader.py::test_hostile_files_through_check[empty-lists-200000]",
    "test_loader.py::test_hostile_files_through_check[empty-maps-200000]",
    "test_loader.py::test_hostile_files_through_check[too-many-values]",
    "test_check_cli.py::test_hostile_files_exit_1_without_traceback",
    "test_writing.py::test_its_own_output_is_replaced_and_force_replaces_the_rest",
    "test_import.py::test_a_bundle_is_refused",
    "test_values.py::test_danish_holidays_agree_with_the_holidays_package_for_every_year",
    "test_workspace.py::test_schema_takes_a_number_exactly_where_the_model_does",
}
QUICK_PROPERTIES: set[str] = set()


TOP_LEVEL_DEF = re.compile(r"^(?:async )?def (\w+)\(", re.M)
TOP_LEVEL_LINE = re.compile(r"^[@#A-Za-z_]", re.M)  # the next statement, decorator or comment


@functools.cache
def _functions(path: Path) -> dict[str, str]:
    """The source of each top-level function of a test module, by name (without its
    decorators; read once per module, without parsing it again)."""
    text = path.read_text(encoding="utf-8")
    found = {}
    for m in TOP_LEVEL_DEF.finditer(text):
        end = TOP_LEVEL_LINE.search(text, m.end())
        found[m.group(1)] = text[m.start(): end.start() if end else len(text)]
    return found


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``browser``, ``process`` and ``slow`` by module, by fixture and by what the test's
    source does (see the tables above), so no test file has to say it."""
    for item in items:
        module = item.path.name
        name = f"{module}::{item.originalname if isinstance(item, pytest.Function) else item.name}"
        case = f"{module}::{item.name}"  # with the parameters' id, if any
        if module in BROWSER_MODULES or {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        source = _functions(item.path).get(getattr(item, "originalname", item.name), "")
        if any(sign in source for sign in PROCESS_SIGNS):
            item.add_marker(pytest.mark.process)
        hypothesis = getattr(getattr(item, "function", None), "is_hypothesis_test", False)
        if name in SLOW or case in SLOW or (hypothesis and name not in QUICK_PROPERTIES):
            item.add_marker(pytest.mark.slow)
