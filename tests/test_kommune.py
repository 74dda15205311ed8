"""``samtale kommune`` (CLI.md "Municipality"): three invented daycares (copies of the
examples under other names, one broken); the counts in kommune.duckdb are recomputed
from the files; the site says what could not be read and whether names are in it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import EXAMPLES, MEETING, samtale
from samtale_cli.check.document import read
from samtale_cli import model as m

DAY = "1/6 2025"


def _daycare(root: Path, folder: str, name: str) -> Path:
    target = root / folder
    shutil.copytree(EXAMPLES, target)
    ws = target / "samtale.yaml"
    ws.write_text(ws.read_text(encoding="utf-8").replace("dagtilbud: Dagtilbud Vest", f"dagtilbud: {name}"), encoding="utf-8")
    return target


@pytest.fixture
def kommune(tmp_path: Path) -> Path:
    nord = _daycare(tmp_path, "nord", "Dagtilbud Nord")
    meeting = nord / MEETING
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "\n  - Vi vil udvikle på handlekompetencerne hos vores pædagogiske medarbejdere.\n",
        "\n  - tekst: Vi vil udvikle på handlekompetencerne hos vores pædagogiske medarbejdere.\n"
        "    temaer: [Kommunikation og sprog, overgange]\n"), encoding="utf-8")
    _daycare(tmp_path, "syd", "Dagtilbud Syd <b>")
    broken = _daycare(tmp_path, "oest", "Dagtilbud Øst")
    (broken / "samtale.yaml").write_text("dagtilbud: [\n", encoding="utf-8")
    (tmp_path / "kommune.yaml").write_text(
        "kommune: Solby Kommune\nfokusomraader: [Overgange]\ndagtilbud:\n  - nord\n  - syd\n  - oest\n  - findes-ikke\n",
        encoding="utf-8")
    return tmp_path


def _models(folder: Path) -> list:
    return [read(p, p.name).model for p in sorted(folder.rglob("*.yaml")) if p.name != "samtale.yaml"]


def test_counts_in_the_database_are_those_of_the_files(kommune: Path) -> None:
    done = samtale("kommune", kommune / "kommune.yaml", "-o", kommune / "ud", "--dato", DAY)
    assert done.code == 1, done.stderr  # the broken and the missing daycare
    assert "oest" in done.stderr and "findes-ikke" in done.stderr
    con = duckdb.connect(str(kommune / "ud" / "kommune.duckdb"), read_only=True)
    models = _models(kommune / "nord") + _models(kommune / "syd")
    meetings = [x for x in models if isinstance(x, m.Meeting)]
    sheets = [x for x in models if isinstance(x, m.AttentionSheet)]
    plans = [x for x in models if isinstance(x, m.Plan)]
    expected = {
        "laeringssamtaler": len(meetings),
        "deltagere": sum(len(x.participants) for x in meetings),
        "pejlemaerker": sum(len(x.landmarks) for x in meetings),
        "aftaler": sum(len(x.agreements) for x in meetings),
        "ark": len(sheets),
        "opmaerksomhedspunkter": sum(len(x.points) for x in sheets),
        "indsatser": len(plans),
        "faser": sum(len(x.phases) for x in plans),
        "milepaele": sum(len(p.milestones) for x in plans for p in x.phases),
        "evalueringer": sum(len(x.evaluations) for x in plans),
    }
    for table, count in expected.items():
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
    open_ = sum(a.is_open for x in meetings for a in x.agreements)
    assert con.execute("SELECT count(*) FROM aftaler WHERE status IN ('åben', 'i gang')").fetchone()[0] == open_
    assert con.execute("SELECT count(*) FROM aftaler WHERE frist < DATE '2025-06-01' AND status IN ('åben', 'i gang')"
                       ).fetchone()[0] == sum(a.is_open and a.deadline < dt.date(2025, 6, 1) for x in meetings for a in x.agreements)
    assert con.execute("SELECT count(*) FROM pejlemaerker WHERE list_contains(temaer, 'Overgange')").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM deltagere WHERE navn IS NOT NULL").fetchone()[0] == 0  # no names by default
    rows = dict(con.execute("SELECT noegle, problem FROM dagtilbud").fetchall())
    assert rows["nord"] is None and rows["syd"] is None and rows["oest"] and rows["findes-ikke"]


def test_the_site_shows_every_daycare_and_says_whether_names_are_in_it(kommune: Path) -> None:
    out = kommune / "ud"
    assert samtale("kommune", kommune / "kommune.yaml", "-o", out, "--dato", DAY).code == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Dagtilbud Nord" in index and "Dagtilbud Syd &lt;b&gt;" in index and "<b>" not in index.split("<body>")[1]
    assert index.count("Kunne ikke læses eller tjekkes") == 2
    pages = sorted(out.rglob("*.html"))
    assert {p.stem for p in (out / "dagtilbud").iterdir()} == {"nord", "syd", "oest", "findes-ikke"}
    assert (out / "temaer" / "overgange.html").is_file() and (out / "temaer" / "kommunikation-og-sprog.html").is_file()
    assert "Dagtilbud Nord" in (out / "temaer" / "overgange.html").read_text(encoding="utf-8")
    nord = (out / "dagtilbud" / "nord.html").read_text(encoding="utf-8")
    assert nord.count("Kompetenceudviklingen forberedes i lederteamet") == 1  # written again in 2025: its newest version
    for page in pages:
        assert "Uden navne" in page.read_text(encoding="utf-8"), page
    names = set(re.findall(r"^\s*- navn: (.+)$", (EXAMPLES / MEETING).read_text(encoding="utf-8"), re.M))
    assert not any(n in p.read_text(encoding="utf-8") for p in pages for n in names)
    # again, with names: stated on every page; the site samtale made is replaced
    assert samtale("kommune", kommune / "kommune.yaml", "-o", out, "--med-navne", "--dato", DAY).code == 1
    for page in sorted(out.rglob("*.html")):
        assert "Med navne" in page.read_text(encoding="utf-8"), page


def test_a_git_url_is_cloned_into_the_cache_and_fetched_next_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    repo = _daycare(tmp_path, "repo", "Dagtilbud Git")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    monkeypatch.setenv("SAMTALE_KOMMUNE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "kommune.yaml").write_text(f"kommune: Solby\ndagtilbud: ['file://{repo}']\n", encoding="utf-8")
    assert samtale("kommune", tmp_path / "kommune.yaml", "-o", tmp_path / "ud").code == 0
    assert "Dagtilbud Git" in (tmp_path / "ud" / "index.html").read_text(encoding="utf-8")
    ws = repo / "samtale.yaml"
    ws.write_text(ws.read_text(encoding="utf-8").replace("Dagtilbud Git", "Dagtilbud Git 2"), encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "y"], cwd=repo, check=True)
    assert samtale("kommune", tmp_path / "kommune.yaml", "-o", tmp_path / "ud").code == 0
    assert "Dagtilbud Git 2" in (tmp_path / "ud" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, says", [
    ("kommune: [\n", "YAML"),
    ("kommune: Solby\n", "'dagtilbud'"),
    ("kommune: Solby\ndagtilbud: [a]\nfokus: [x]\n", "ukendt nøgle 'fokus'"),
])
def test_a_bad_kommune_yaml_is_a_usage_error(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "kommune.yaml").write_text(text, encoding="utf-8")
    done = samtale("kommune", tmp_path / "kommune.yaml", "-o", tmp_path / "ud")
    assert done.code == 2 and says in done.stderr and "Traceback" not in done.stderr


def test_a_folder_samtale_did_not_make_is_not_written_into(kommune: Path) -> None:
    (kommune / "ud").mkdir()
    (kommune / "ud" / "noter.txt").write_text("mine", encoding="utf-8")
    done = samtale("kommune", kommune / "kommune.yaml", "-o", kommune / "ud")
    assert done.code == 2 and "ikke lavet af samtale" in done.stderr
