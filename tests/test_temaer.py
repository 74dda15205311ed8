"""Themes (docs/format.md "Themes"): a pejlemærke and an attention point may be plain text
or ``{tekst: ..., temaer: [...]}``; an indsats may have ``temaer``. A theme is one of the
six curriculum themes or a focus area of samtale.yaml (or of the municipality's
kommune.yaml, given to the run); an unknown one is an error (W307) with "Mente du"."""

from __future__ import annotations

import pickle

from conftest import MEETING, PLAN, SHEET_DERUDA, WORKSPACE, Eks
from samtale_cli import model as m
from samtale_cli.check.rules.themes import municipal_themes

LANDMARK = "  - Vi vil i højere grad have fokus på organiseringen af de pædagogiske læringsmiljøer."
THEMED_LANDMARK = (
    "  - tekst: Vi vil i højere grad have fokus på organiseringen af de pædagogiske læringsmiljøer.\n"
    "    temaer: [Kommunikation og sprog, {tema}]"
)


def _themed_meeting(eks: Eks, theme: str) -> None:
    eks.edit(MEETING, LANDMARK, THEMED_LANDMARK.format(tema=theme))


def test_a_themed_landmark_is_still_its_text(eks: Eks) -> None:
    _themed_meeting(eks, "social udvikling")
    assert eks.findings() == []
    from samtale_cli.check.document import read

    meeting = read(eks.path(MEETING), MEETING).model
    landmark = meeting.landmarks[0]
    assert landmark == LANDMARK.removeprefix("  - ")
    assert isinstance(landmark, str) and m.themes_of(landmark) == ("Kommunikation og sprog", "social udvikling")
    assert m.themes_of(pickle.loads(pickle.dumps(landmark))) == m.themes_of(landmark)  # across worker processes


def test_an_unknown_theme_is_an_error_with_mente_du(eks: Eks) -> None:
    _themed_meeting(eks, "socail udvikling")
    line = eks.line(MEETING, "temaer:")
    col = eks.col(MEETING, "socail")
    assert eks.findings() == [(MEETING, line, col, "fejl", "W307")]
    [finding] = eks.diagnostics()
    assert "Mente du 'social udvikling'?" in finding.message


def test_a_focus_area_of_samtale_yaml_is_a_theme(eks: Eks) -> None:
    _themed_meeting(eks, "Overgange")
    assert [f[-1] for f in eks.findings()] == ["W307"]
    eks.write(WORKSPACE, eks.text(WORKSPACE) + "fokusomraader: [Overgange]\n")
    assert eks.findings() == []


def test_the_municipality_s_focus_areas_are_themes_for_its_run(eks: Eks) -> None:
    _themed_meeting(eks, "Overgange")
    with municipal_themes(["overgange"]):
        assert eks.findings() == []
    assert [f[-1] for f in eks.findings()] == ["W307"]


def test_a_sheet_point_and_a_plan_have_themes(eks: Eks) -> None:
    first = "  - Organisering af dagen i mindre grupper"
    eks.edit(SHEET_DERUDA, first, "  - temaer: krop, sanser og bevægelse\n    tekst: Organisering af dagen i mindre grupper")
    eks.edit(PLAN, "faser:", "temaer:\n  - Krop sanser og bevaegelse\n  - natur\nfaser:")
    found = eks.findings()
    assert found == [(PLAN, eks.line(PLAN, "  - natur"), 5, "fejl", "W307")]
    from samtale_cli.check.document import read

    sheet = read(eks.path(SHEET_DERUDA), SHEET_DERUDA).model
    assert m.themes_of(sheet.points[0]) == ("krop, sanser og bevægelse",)
    assert all(isinstance(p, str) for p in sheet.points)


def test_an_unknown_key_beside_tekst_is_named(eks: Eks) -> None:
    eks.edit(MEETING, LANDMARK, THEMED_LANDMARK.format(tema="social udvikling") + "\n    temaa: []")
    assert eks.findings() == [(MEETING, eks.line(MEETING, "temaa:"), 5, "fejl", "F010")]


def test_every_renderer_prints_a_themed_text_as_text(eks: Eks, tmp_path) -> None:
    from conftest import samtale

    _themed_meeting(eks, "social udvikling")
    first = "  - Organisering af dagen i mindre grupper"
    eks.edit(SHEET_DERUDA, first, "  - temaer: [social udvikling]\n    tekst: Organisering af dagen i mindre grupper")
    text = LANDMARK.removeprefix("  - ")
    for args in (("--format", "md"), ("--format", "html"), ("--dokument", "opmærksomhedspunkter", "--format", "md")):
        done = samtale("render", eks.path(MEETING), *args)
        assert done.code == 0, done.stderr
        assert text in done.stdout and "tekst" not in done.stdout.lower().split("organisering")[0][-40:]
    done = samtale("render", eks.path(SHEET_DERUDA), "--format", "md")
    assert "Organisering af dagen i mindre grupper" in done.stdout and "Themed" not in done.stdout
    done = samtale("render", eks.root, "-o", tmp_path / "site")
    assert done.code == 0, done.stderr
    assert text in (tmp_path / "site" / "historik.html").read_text(encoding="utf-8")
    done = samtale("render", eks.path(MEETING), "-o", tmp_path / "referat.docx")
    assert done.code == 0, done.stderr
