"""``samtale kommune``: every daycare of a municipality in one static site and one DuckDB
file (docs/kommandoer.md, "Municipality").

``kommune.yaml`` names the municipality, its focus areas (themes of its own) and its
daycares' workspaces: paths relative to the file, or git URLs, cloned read-only into a
cache and fetched on the next run. Each daycare is checked and exported
(:mod:`samtale_cli.reports.export`, without names unless asked), its records appended to
one JSON Lines file per record type and summed up for its page; then DuckDB reads those
files into ``kommune.duckdb`` (one table per record type), and the theme and year pages
are queries on it. Only one daycare's records are in memory at a time.

A daycare that cannot be read (no folder, a clone that fails, a broken samtale.yaml) is on
the site as such, never left out; it and a daycare with errors in its files make the exit
code 1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samtale_cli.check.rules.themes import municipal_themes
from samtale_cli.core import values as v
from samtale_cli.core.codecache import user_cache
from samtale_cli.core.dates import format_date_short
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import HTML_MARK, made_by_samtale, write_atomic
from samtale_cli.model import CURRICULUM_THEMES, OPEN_AGREEMENT_STATES
from samtale_cli.reports.export import COMMON, RECORD_TYPES, export_workspace

DATABASE = "kommune.duckdb"
GIT_TIMEOUT = 300  # seconds for one clone or fetch


@dataclass(frozen=True)
class Config:
    """A kommune.yaml: the municipality's name, its focus areas, its daycares as written."""

    path: Path
    name: str
    focus_areas: tuple[str, ...]
    daycares: tuple[str, ...]


def read_config(path: Path) -> Config:
    """kommune.yaml, read and checked; a usage error (exit 2) in Danish when it is not one."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise SamtaleError(f"'{path}' findes ikke; skriv en kommune.yaml med kommune, fokusomraader og dagtilbud.") from None
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise SamtaleError(f"'{path}' kan ikke læses som YAML: {str(exc).splitlines()[0] if str(exc) else exc}") from None
    if not isinstance(data, dict):
        raise SamtaleError(f"'{path}' skal bestå af nøgler og værdier: kommune, fokusomraader og dagtilbud.")
    unknown = sorted(set(map(str, data)) - {"kommune", "fokusomraader", "fokusområder", "dagtilbud"})
    if unknown:
        raise SamtaleError(f"'{path}': ukendt nøgle '{unknown[0]}'; nøglerne er kommune, fokusomraader og dagtilbud.")
    name = data.get("kommune")
    focus = data.get("fokusomraader", data.get("fokusområder")) or []
    daycares = data.get("dagtilbud")
    if not isinstance(name, str) or not name.strip():
        raise SamtaleError(f"'{path}': 'kommune' skal være kommunens navn, fx 'kommune: Solby Kommune'.")
    if isinstance(focus, str):
        focus = [focus]
    if not isinstance(focus, list) or not all(isinstance(f, str) and f.strip() for f in focus):
        raise SamtaleError(f"'{path}': 'fokusomraader' skal være en liste af tekster, fx [Sprog, Overgange].")
    if not isinstance(daycares, list) or not daycares or not all(isinstance(d, str) and d.strip() for d in daycares):
        raise SamtaleError(f"'{path}': 'dagtilbud' skal være en liste af mapper eller git-adresser (mindst én).")
    return Config(path, name.strip(), tuple(f.strip() for f in focus), tuple(d.strip() for d in daycares))


# --- where a daycare's files are ------------------------------------------------------


def is_git_url(written: str) -> bool:
    return "://" in written or (written.startswith("git@") and ":" in written)


def cache_folder() -> Path:
    """Where git URLs are cloned: $SAMTALE_KOMMUNE_CACHE, else the user's cache folder."""
    given = os.environ.get("SAMTALE_KOMMUNE_CACHE")
    if given:
        return Path(given)
    return Path(user_cache()) / "kommune"


def _git(args: list[str], cwd: Path | None = None) -> None:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}
    done = subprocess.run(["git", "-c", "core.hooksPath=/dev/null", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=GIT_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["ukendt fejl"])[-1]
        raise SamtaleError(f"git {args[0]} fejlede: {last}")


def clone(url: str, cache: Path) -> Path:
    """The workspace at ``url``: cloned into ``cache`` the first time, fetched after."""
    slug = v.slugify(url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")) or "dagtilbud"
    folder = cache / f"{slug}-{hashlib.sha1(url.encode()).hexdigest()[:10]}"
    if (folder / ".git").is_dir():
        _git(["fetch", "--quiet", "--depth", "1", "origin", "HEAD"], cwd=folder)
        _git(["checkout", "--quiet", "--force", "FETCH_HEAD"], cwd=folder)
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    cache.mkdir(parents=True, exist_ok=True)
    _git(["clone", "--quiet", "--depth", "1", "--", url, str(folder)])
    return folder


def locate(written: str, config: Config, cache: Path) -> Path:
    """The folder of a daycare as kommune.yaml writes it (a path relative to the file, or a git URL)."""
    if is_git_url(written):
        return clone(written, cache)
    folder = (config.path.parent / written).resolve()
    if not folder.is_dir():
        raise SamtaleError(f"mappen '{written}' findes ikke (stien er relativ til {config.path.name}).")
    if not (folder / "samtale.yaml").is_file():
        raise SamtaleError(f"'{written}' har ingen samtale.yaml; det er ikke en arbejdsmappe.")
    return folder


# --- one daycare ----------------------------------------------------------------------


@dataclass
class Daycare:
    """What the site shows of one daycare."""

    key: str  # its page's name and its rows' 'noegle' in the database
    written: str  # as kommune.yaml writes it
    name: str
    problem: str | None = None  # why it could not be read or checked
    errors: int = 0
    warnings: int = 0
    latest: dict[str, Any] | None = None
    open_agreements: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    missing_sheets: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.problem is not None or self.errors > 0


def _phase_on(phases: list[dict[str, Any]], day: str) -> str:
    for phase in phases:
        if (phase["start"] or "") <= day <= phase["slut"]:
            return phase["navn"] or f"Fase {phase['nummer']}"
    if phases and day < (phases[0]["start"] or phases[0]["slut"]):
        return "ikke startet"
    return "afsluttet" if phases and day > max(p["slut"] for p in phases) else "mellem to faser"


def summarise(daycare: Daycare, recs: list[dict[str, Any]], today: dt.date) -> None:
    """The daycare's page from its records: latest meeting, open and overdue agreements,
    indsatser by phase, missing sheets, findings."""
    day = today.isoformat()
    by: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        by.setdefault(r["type"], []).append(r)
    daycare.counts = {t: len(by.get(t, [])) for t in RECORD_TYPES}
    meetings = sorted(by.get("laeringssamtale", []), key=lambda r: (r["dato"], r["id"]))
    daycare.latest = meetings[-1] if meetings else None
    latest: dict[str, dict[str, Any]] = {}  # an agreement a later meeting wrote again counts in its newest version
    for a in sorted(by.get("aftale", []), key=lambda r: (r["dato"], r["id"])):
        latest[v.role_key(a["hvad"] or "")] = a
    daycare.open_agreements = [{**a, "overskredet": bool(a["frist"] and a["frist"] < day)}
                               for a in latest.values() if a["status"] in OPEN_AGREEMENT_STATES]
    phases: dict[str, list[dict[str, Any]]] = {}
    for phase in by.get("fase", []):
        phases.setdefault(phase["indsats"], []).append(phase)
    daycare.plans = sorted(({**p, "fase_nu": _phase_on(phases.get(p["id"], []), day)} for p in by.get("indsats", [])),
                           key=lambda p: (p["fase_nu"], p["afdeling"] or "", p["titel"] or ""))
    if daycare.latest is not None:
        have = {s["afdeling"] for s in by.get("ark", []) if s["moede"] == daycare.latest["id"]}
        daycare.missing_sheets = [d for d in daycare.latest["afdelinger"] or [] if d not in have]
    daycare.findings = by.get("fund", [])
    daycare.errors = sum(f["status"] == "fejl" for f in daycare.findings)
    daycare.warnings = len(daycare.findings) - daycare.errors


# --- the run --------------------------------------------------------------------------


_SQL_TYPES = {"string": "VARCHAR", "integer": "INTEGER", "boolean": "BOOLEAN"}


def _column_type(schema: dict[str, Any]) -> str:
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if "array" in kinds:
        return _SQL_TYPES[schema["items"]["type"]] + "[]"
    if schema.get("format") == "date":
        return "DATE"
    return _SQL_TYPES[next(k for k in kinds if k != "null")]


def columns(kind: str) -> dict[str, str]:
    """The DuckDB columns of a record type's table: 'noegle' (the daycare) and its fields."""
    fields = {**COMMON, **RECORD_TYPES[kind].fields}
    return {"noegle": "VARCHAR", **{name: _column_type(schema) for name, schema in fields.items()}}


@dataclass
class Run:
    config: Config
    out: Path
    names: bool = False  # with people's names (--med-navne); default: minimised
    today: dt.date = field(default_factory=dt.date.today)
    daycares: list[Daycare] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)  # THEMES_SQL's rows, after database()
    years: list[dict[str, Any]] = field(default_factory=list)  # YEARS_SQL's rows, after database()

    @property
    def tables_dir(self) -> Path:
        return self.out / ".tabeller"

    def add(self, written: str, cache: Path) -> Daycare:
        """Check and export one daycare; its records go to the tables' files."""
        key = _unique(v.slugify(Path(written.rstrip("/")).name.removesuffix(".git")) or "dagtilbud",
                      {d.key for d in self.daycares})
        daycare = Daycare(key, written, written)
        self.daycares.append(daycare)
        try:
            root = locate(written, self.config, cache)
            with municipal_themes(self.config.focus_areas):
                _text, recs, result = export_workspace(root, minimise=not self.names, jobs=1)
        except (SamtaleError, OSError, subprocess.SubprocessError) as exc:
            daycare.problem = str(exc)
            return daycare
        daycare.name = recs[0]["dagtilbud"] if recs else root.name
        summarise(daycare, recs, self.today)
        if any(c.is_workspace for c in result.skipped):  # its facts are not counted: shown as such
            daycare.problem = "samtale.yaml har fejl, så dagtilbuddet kan ikke tjekkes (kør 'samtale check' i mappen)"
            return daycare
        self._append(key, recs)
        return daycare

    def _append(self, key: str, recs: list[dict[str, Any]]) -> None:
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        files: dict[str, Any] = {}
        try:
            for r in recs:
                stream = files.get(r["type"])
                if stream is None:
                    stream = files[r["type"]] = (self.tables_dir / f"{r['type']}.jsonl").open("a", encoding="utf-8")
                stream.write(json.dumps({"noegle": key, **r}, ensure_ascii=False) + "\n")
        finally:
            for stream in files.values():
                stream.close()

    def database(self) -> Path:
        """kommune.duckdb: one table per record type, and 'dagtilbud'."""
        import duckdb

        path = self.out / DATABASE
        path.unlink(missing_ok=True)
        con = duckdb.connect(str(path))
        try:
            for kind, rtype in RECORD_TYPES.items():
                cols = columns(kind)
                source = self.tables_dir / f"{kind}.jsonl"
                spec = ", ".join(f'"{c}" {t}' for c, t in cols.items())
                con.execute(f"CREATE TABLE {rtype.table} ({spec})")
                if source.is_file():
                    con.execute(f"INSERT INTO {rtype.table} SELECT * FROM read_json(?, format='newline_delimited', "
                                f"columns={_struct(cols)})", [str(source)])
            con.execute("CREATE TABLE dagtilbud (noegle VARCHAR, navn VARCHAR, kilde VARCHAR, problem VARCHAR, "
                        "fejl INTEGER, advarsler INTEGER)")
            con.executemany("INSERT INTO dagtilbud VALUES (?, ?, ?, ?, ?, ?)",
                            [(d.key, d.name, d.written, d.problem, d.errors, d.warnings) for d in self.daycares])
            self.themes = _query(con, THEMES_SQL)
            self.years = _query(con, YEARS_SQL)
        finally:
            con.close()
        shutil.rmtree(self.tables_dir, ignore_errors=True)
        return path


def _struct(cols: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{c}': '{t}'" for c, t in cols.items()) + "}"


def _unique(key: str, taken: set[str]) -> str:
    found, n = key, 1
    while found in taken:
        n += 1
        found = f"{key}-{n}"
    return found


def _query(con: Any, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


THEMES_SQL = """
SELECT tema, noegle, dagtilbud, type, count(*) AS antal FROM (
  SELECT unnest(temaer) AS tema, noegle, dagtilbud, 'pejlemærker' AS type FROM pejlemaerker
  UNION ALL SELECT unnest(temaer), noegle, dagtilbud, 'opmærksomhedspunkter' FROM opmaerksomhedspunkter
  UNION ALL SELECT unnest(temaer), noegle, dagtilbud, 'indsatser' FROM indsatser
) GROUP BY ALL ORDER BY tema, dagtilbud, type
"""

YEARS_SQL = """
SELECT year(dato) AS aar,
  count(*) FILTER (WHERE kind = 'moede') AS laeringssamtaler,
  count(*) FILTER (WHERE kind = 'pejlemaerke') AS pejlemaerker,
  count(*) FILTER (WHERE kind = 'aftale') AS aftaler,
  count(*) FILTER (WHERE kind = 'aftale' AND status = 'udført') AS aftaler_udfoert,
  count(*) FILTER (WHERE kind = 'punkt') AS opmaerksomhedspunkter,
  count(*) FILTER (WHERE kind = 'punkt' AND fulgt_op) AS punkter_fulgt_op,
  count(*) FILTER (WHERE kind = 'indsats') AS indsatser_startet,
  count(DISTINCT noegle) AS dagtilbud
FROM (
  SELECT dato, 'moede' AS kind, NULL AS status, NULL::BOOLEAN AS fulgt_op, noegle FROM laeringssamtaler
  UNION ALL SELECT dato, 'pejlemaerke', NULL, NULL, noegle FROM pejlemaerker
  UNION ALL SELECT dato, 'aftale', status, NULL, noegle FROM aftaler
  UNION ALL SELECT dato, 'punkt', NULL, fulgt_op, noegle FROM opmaerksomhedspunkter
  UNION ALL SELECT dato, 'indsats', NULL, NULL, noegle FROM indsatser
) WHERE dato IS NOT NULL GROUP BY aar ORDER BY aar
"""


# --- the site -------------------------------------------------------------------------


def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    from samtale_cli.out.html import builtin_template_dirs

    env = Environment(loader=FileSystemLoader([str(d) for d in builtin_template_dirs()]), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["dato"] = lambda iso: format_date_short(dt.date.fromisoformat(iso)) if iso else ""
    return env


def theme_slug(theme: str) -> str:
    return v.slugify(theme) or "tema"


def render_site(run: Run) -> list[Path]:
    """index.html, a page per daycare and per theme; every page says whether names are in it."""
    env = _environment()
    common = {"kommune": run.config.name, "med_navne": run.names, "dato": run.today.isoformat(), "mark": HTML_MARK}
    themes = sorted({r["tema"] for r in run.themes} | set(CURRICULUM_THEMES) | set(run.config.focus_areas),
                    key=str.casefold)
    by_theme: dict[str, list[dict[str, Any]]] = {}
    for row in run.themes:
        by_theme.setdefault(row["tema"], []).append(row)
    pages = {
        run.out / "index.html": env.get_template("kommune.html.j2").render(
            **common, dagtilbud=run.daycares, temaer=[(t, theme_slug(t), sum(r["antal"] for r in by_theme.get(t, [])))
                                                      for t in themes], aar=run.years, rod=""),
    }
    for daycare in run.daycares:
        pages[run.out / "dagtilbud" / f"{daycare.key}.html"] = env.get_template("kommune-dagtilbud.html.j2").render(
            **common, d=daycare, rod="../")
    for theme in themes:
        pages[run.out / "temaer" / f"{theme_slug(theme)}.html"] = env.get_template("kommune-tema.html.j2").render(
            **common, tema=theme, raekker=by_theme.get(theme, []), rod="../")
    for path, html in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, html)
    return list(pages)


def check_output_folder(out: Path) -> None:
    """The output folder is new, or one that samtale kommune made (its index.html)."""
    if out.exists() and not out.is_dir():
        raise SamtaleError(f"'{out}' er en fil, ikke en mappe; vælg en anden mappe med -o.")
    index = out / "index.html"
    if out.is_dir() and any(out.iterdir()) and not (index.is_file() and made_by_samtale(index)):
        raise SamtaleError(f"'{out}' findes og er ikke lavet af samtale kommune; vælg en anden mappe med -o.")


def municipality(config_path: Path, out: Path, *, names: bool = False, today: dt.date | None = None,
                 progress: Callable[[str], None] | None = None) -> Run:
    """The whole run: every daycare checked and exported, the database, the site."""
    config = read_config(config_path)
    check_output_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / ".tabeller", ignore_errors=True)
    run = Run(config, out, names, today or dt.date.today())
    cache = cache_folder()
    for written in config.daycares:
        run.add(written, cache)
        if progress is not None:
            progress(written)
    run.database()
    render_site(run)
    return run
