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
from collections.abc import Callable
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

Planned = dict[Path, list[tuple[str, str, str]]]  # file -> its pages: (document, format, path in the site)


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
) -> tuple[list[Path], Run]:
    """Render ``folder`` into ``out``; the files written and the run (its findings and
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
                    progress=progress, settle=settle, together=referrers)
    if document is not None:
        result.documents = [b for b in result.documents if document in b.facts.documents]
    written = [out / rel for brief in result.documents for _d, _f, rel in planned[brief.path]]
    views = [page for page in site_pages(folder, result.documents, formats, history=document is None)
             if page.shows_a_view]
    inputs = resolved(planned) if views else set()  # (again: let go while the pages were made)
    for page in views:  # a year's history pages are known only now: checked before any is written
        check_inside(out / page.rel, out, f"'{out}'")
        check_output(out / page.rel, force=force, inputs=inputs, new_folder=True)
    for page in views:
        write_atomic(out / page.rel, renderer.stream_page(page), durable=False, keep_same=True)
        written.append(out / page.rel)
    remove_temps({page.parent for page in written}, before=started)  # a killed run's: never published
    return written, result


def plan(folder: Path, files: list[Path], formats: list[str], document: str | None) -> Planned:
    """The pages each file will give, from the kind its ``type:`` line names."""
    planned: Planned = {}
    for path in files:
        kind = sniffed_kind(path)
        rel = site_rel(folder, path)
        if kind is None or rel is None or (document is not None and document not in kind.renderings):
            continue
        docs = kind.renderings
        planned[path] = [
            (d, f, (rel / output_name(path, d, f, single=len(docs) == 1)).as_posix()) for d in docs for f in formats
        ]
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

