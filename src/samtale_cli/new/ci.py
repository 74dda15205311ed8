"""The CI jobs ``samtale init --ci gitlab|github`` writes: on each push install samtale,
check the files in the forge's own format (findings in the merge request / pull
request), render the site and publish it to the forge's Pages; and an opt-in scheduled
run of ``samtale oversigt`` that fails when an agreement is overdue. Valid against the
forges' schemas (tests/test_forge.py, check-jsonschema's vendor.gitlab-ci and
vendor.github-workflows)."""

from __future__ import annotations

from pathlib import Path

DISTRIBUTION = "samtale-dagtilbud"

# Fails (exit 1) when `samtale oversigt --format json` lists an overdue agreement.
OVERDUE = ("python -c \"import json,sys; a=[x for x in json.load(open('oversigt.json'))['aftaler'] "
           "if x['overskredet']]; [print('Overskredet:', x['hvad'], '(frist', x['frist'] + ')') for x in a]; "
           "sys.exit(1 if a else 0)\"")

# The first steps of every GitHub job: the files, Python, samtale.
SETUP = f"""\
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install {DISTRIBUTION}
"""

GITLAB = f"""\
# CI for samtale (lavet af 'samtale init --ci gitlab').
# Ved hvert push: tjek filerne (fund vises i merge requesten), og på hovedgrenen laves
# sitet og lægges på GitLab Pages (adgang styres under Settings > Pages).
# Påmindelse om overskredne aftaler: lav en tidsplan under Build > Pipeline schedules;
# så kører jobbet 'oversigt' og fejler, når en aftale er overskredet.
default:
  image: python:3.12-slim
  before_script:
    - python -m pip install {DISTRIBUTION}

stages:
  - check
  - deploy

check:
  stage: check
  script:
    - samtale check --format gitlab > gl-code-quality-report.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
  rules:
    - if: $CI_PIPELINE_SOURCE != "schedule"

pages:
  stage: deploy
  script:
    - samtale render . -o public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_PIPELINE_SOURCE != "schedule" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

oversigt:
  stage: check
  script:
    - samtale oversigt
    - samtale oversigt --format json > oversigt.json
    - {OVERDUE}
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
"""

GITHUB = f"""\
# CI for samtale (lavet af 'samtale init --ci github').
# Ved hvert push og pull request: tjek filerne (fund vises som annotationer). På
# hovedgrenen laves sitet og lægges på GitHub Pages (slå Pages til under Settings > Pages
# med kilden "GitHub Actions").
name: samtale

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
{SETUP}      - run: samtale check --format github

  pages:
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
    needs: check
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
{SETUP}      - run: samtale render . -o _site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
"""

GITHUB_OVERVIEW = f"""\
# Påmindelse om overskredne aftaler (lavet af 'samtale init --ci github'): jobbet fejler,
# når en aftale er overskredet, og GitHub sender en mail om det. Kør det fra fanen
# Actions, eller slå den ugentlige kørsel til ved at fjerne # foran de to linjer
# under 'schedule' (mandag kl. 6 UTC).
name: samtale oversigt

on:
  workflow_dispatch:
  # schedule:
  #   - cron: "0 6 * * 1"

permissions:
  contents: read

jobs:
  oversigt:
    runs-on: ubuntu-latest
    steps:
{SETUP}      - run: samtale oversigt
      - run: samtale oversigt --format json > oversigt.json
      - run: {OVERDUE}
"""

FORGES = ("gitlab", "github")


def ci_files(folder: Path, forge: str) -> dict[Path, str]:
    """The files of ``forge``'s CI job, by path."""
    if forge == "gitlab":
        return {folder / ".gitlab-ci.yml": GITLAB}
    workflows = folder / ".github" / "workflows"
    return {workflows / "samtale.yml": GITHUB, workflows / "samtale-oversigt.yml": GITHUB_OVERVIEW}
