"""``samtale render MAPPE``: a folder into a site, on every core, in little memory.

1. **Plan**: every page of the site, from the files found and the kind their ``type:``
   line names (no file is loaded yet), and every target checked before the first write:
   a file samtale did not write, a link out of the site (:mod:`samtale_cli.core.files`).
2. **Check and render** (:func:`samtale_cli.check.runs.survey`, in workers): each worker
   checks its files and renders and writes the planned pages of the usable ones; of each
   it keeps only the titles for the indexes, and the slim document for the history
   pages, which waits on the disk (:mod:`samtale_cli.check.spill`).
3. **Indexes**, in this process, with :func:`samtale_cli.out.pages.site_pages` (the page list
   ``serve`` uses too), listing the documents that were made.
4. **Tidy**: temporary files of ours (``.NAME.samtale-XXXX.tmp``) that a killed run left
   in the folders written are removed, so the site never publishes one.

The output is the same bytes however many processes make it: each page comes from its
own file and the same templates. ``SAMTALE_JOBS=1`` keeps it in one process.

**What a page may show of the files behind it** (issue 23; tests/test_no_paths.py):

* A *document* (dagsorden, referat, opmærksomhedspunkter, indsatsplan, in every format,
  and the bundle) is meant to be sent to parents and staff as it is. It shows no file
  path and no file name: a data source is named by its title (and its source), a sheet
  a plan follows up by its department, a part of the meeting by its title. Documents
  link nowhere inside the workspace: a relative link would be dead in a mail or a PDF.
* The site's *navigation* (the folders' ``index.html`` and the history pages) links to
  the site's own pages by relative address (``href`` only; the link text is a title or
  a format such as "HTML", "PDF"), and an index names a folder by the name people know it
  by with the folder's own name beside it, never a file's name. A link never goes to a
  YAML or data file: those are not published.
* Only ``serve``'s pages for the person editing the files (the error page of a file that
  does not pass ``samtale check``, its line in an index, the meeting mode) name the YAML
  file: they are about that file and are never sent.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from samtale_cli.check.document import read
from samtale_cli.core import kinds
from samtale_cli.core.files import check_folder, check_name, check_inside, check_output, remove_temps, resolved, write_atomic
from samtale_cli.check.checker import Checked
from samtale_cli.check.discover import discover, find_workspace_root, sniffed_kind, sniffed_referrers
from samtale_cli.check.runs import Run, referrer_checker, survey, with_referrers
from samtale_cli.check.spill import Spill
from samtale_cli.check.workers import capped_jobs, cores
from samtale_cli.out import history
from samtale_cli.out.pages import SiteFacts, output_name, site_facts, site_pages, site_rel

FILES_PER_JOB = 20  # rendering a file costs more than checking it: workers pay earlier



class Planned:
    """The pages of each file (see :func:`plan`): for a file, ``planned[path]`` is its
    pages as (document, format, path in the site). Kept as each file's folder in the
    site and its kind's documents, the pages made when asked for: a site of 15,000
    files held a list of tuples of strings per file (some 6 MB)."""

    def __init__(self, formats: list[str]) -> None:
        self.formats = list(formats)
        self._files: dict[Path, tuple[str, tuple[str, ...]]] = {}
        self._folders: dict[str, str] = {}  # one string per folder

    def add(self, path: Path, folder: str, documents: tuple[str, ...]) -> None:
        self._files[path] = (self._folders.setdefault(folder, folder), documents)

    def __getitem__(self, path: Path) -> list[tuple[str, str, str]]:
        folder, docs = self._files[path]
        single = len(docs) == 1
        return [(d, f, _inside(folder, output_name(path, d, f, single=single))) for d in docs for f in self.formats]

    def get(self, path: Path, default: Any = None) -> Any:
        return self[path] if path in self._files else default

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def __iter__(self) -> Iterator[Path]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def values(self) -> Iterator[list[tuple[str, str, str]]]:
        return (self[path] for path in self._files)


def _inside(folder: str, name: str) -> str:
    """``name`` in the site's ``folder`` (as PurePosixPath(folder) / name writes it)."""
    return name if folder == "." else f"{folder}/{name}"


def render_site(
    folder: Path,
    out: Path,
    cwd: Path,
    renderer: Any,
    formats: list[str],
    *,
    document: str | None = None,
    force: bool = False,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, Run]:
    """Render ``folder`` into ``out``; the number of files written and the run (its errors and
    the files it skipped). ``document``: only the files that have that document."""
    import time

    started = time.time()
    folder = folder.resolve()
    files = list(discover([folder]))
    planned = plan(folder, files, formats, document)
    check_name(out)
    check_folder(out)
    inputs = resolved(planned)
    for rel in targets(planned) + (history_targets(folder) if document is None else []):
        check_inside(out / rel, out, f"'{out}'")  # a link inside the site must not lead out
        check_output(out / rel, force=force, inputs=inputs, new_folder=True)
    del inputs  # (every file, resolved: not needed while the pages are made)
    jobs = render_jobs(len(files)) if jobs is None else capped_jobs(jobs)
    referrers = sniffed_referrers(files)
    spill = Spill()  # the slim documents for the history pages wait on the disk

    def settle(brief: Any) -> Any:
        return spill.settle(brief, lambda facts: dataclasses.replace(facts, cycle=spill.linked(facts.cycle)))

    run = (os.getpid(), started, id(planned))  # this run, for the workers' referrer checker
    result = survey(files, cwd, render_file, (renderer, out, planned, referrers, run), jobs=jobs, files=files,
                    progress=progress, settle=settle, together=referrers, errors_only=True)
    if document is not None:
        result.documents = [b for b in result.documents if document in b.facts.documents]
    # what was written, as a count and its folders (a Path per page was some 7 MB at 15,000 files)
    written = 0
    folders: set[str] = set()
    for brief in result.documents:
        for _d, _f, rel in planned[brief.path]:
            written += 1
            folders.add(rel.rpartition("/")[0])
    views = site_pages(folder, result.documents, formats, history=document is None, views_only=True)
    inputs = _inputs_among(planned, [out / page.rel for page in views])  # (again: let go while the pages were made)
    for page in views:  # a year's history pages are known only now: checked before any is written
        check_inside(out / page.rel, out, f"'{out}'")
        check_output(out / page.rel, force=force, inputs=inputs, new_folder=True)
    for page in views:
        write_atomic(out / page.rel, renderer.stream_page(page), durable=False, keep_same=True)
        written += 1
        folders.add(page.rel.parent.as_posix())
    remove_temps({out / rel for rel in folders}, before=started)  # a killed run's: never published
    return written, result


def _inputs_among(planned: Planned, targets: list[Path]) -> frozenset[Path]:
    """The inputs (resolved, as :func:`resolved` makes them) that some of ``targets``
    leads to: for :func:`check_output` of those targets the same answer as all of the
    inputs, without holding every input's resolved path at once."""
    leads_to = {target.resolve() for target in targets if target.exists()}
    if not leads_to:
        return frozenset()
    return frozenset(found for path in planned if (found := Path(path).resolve()) in leads_to)


def plan(folder: Path, files: list[Path], formats: list[str], document: str | None) -> Planned:
    """The pages each file will give, from the kind its ``type:`` line names."""
    planned = Planned(formats)
    for path in files:
        kind = sniffed_kind(path)
        rel = site_rel(folder, path)
        if kind is None or rel is None or (document is not None and document not in kind.renderings):
            continue
        planned.add(path, rel.as_posix(), kind.renderings)
    return planned


def targets(planned: Planned) -> list[str]:
    """Every file the site may get: the planned pages, and an index in their folders and
    every folder above them."""
    pages = [rel for pages in planned.values() for _d, _f, rel in pages]
    folders = {p for rel in pages for p in PurePosixPath(rel).parents}
    return pages + sorted((folder / "index.html").as_posix() for folder in folders)


def history_targets(folder: Path) -> list[str]:
    """The history pages a workspace's site gets (and the indexes of their folders)."""
    if find_workspace_root(folder) != folder:
        return []
    workspace = read(folder / kinds.WORKSPACE_FILE, kinds.WORKSPACE_FILE).model
    if workspace is None:
        return []
    pages = history.addresses(list(workspace.departments), kinds.DEPARTMENTS_DIR)
    return [p.as_posix() for p in pages] + [(p.parent / "index.html").as_posix() for p in pages]


def render_jobs(files: int) -> int:
    return max(1, min(cores(), files // FILES_PER_JOB))


def render_file(checked: Checked, context: tuple[Any, Path, Planned, dict[Path, list[Path]], Any]) -> SiteFacts:
    """In a worker: write a usable file's planned pages; the titles for the indexes.
    A meeting's sheets page shows the sheets written for it (``referrers``: the files
    that name it, checked here by one checker per worker and run)."""
    renderer, out, planned, referrers, run = context
    facts = site_facts(checked)
    pages = [page for page in planned.get(checked.path, []) if page[0] in facts.documents]
    if checked.path in referrers and any(page[0] == "opmærksomhedspunkter" for page in pages):
        cwd = checked.path.parent
        checked = with_referrers(checked, cwd, referrers[checked.path], referrer_checker(cwd, run))
    for document, fmt, rel in pages:
        write_atomic(out / rel, renderer.render(checked, document, fmt), durable=False, keep_same=True)
    made = tuple(d for d in facts.documents if any(page[0] == d for page in pages))
    return dataclasses.replace(facts, documents=made)

