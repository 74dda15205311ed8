"""The pages of a rendered folder: which pages a file gives and what they are called,
the titles and days of its documents, the indexes of the folders and the history
pages (:mod:`samtale_cli.out.history`). ``render`` writes these pages
(:mod:`samtale_cli.out.site`); ``serve`` shows them.

Code over many files takes briefs only (:class:`samtale_cli.check.checker.Brief`,
with :class:`SiteFacts`): a checked file at hand becomes one with
``Brief.of(checked, site_facts)``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from samtale_cli.check.followup import Cycle, Linked, linked
from samtale_cli.check.checker import Brief, Checked
from samtale_cli.check.discover import find_workspace_root
from samtale_cli.check.runs import run, with_referrers
from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import leads_inside
from samtale_cli.core.kinds import RENDERINGS
from samtale_cli.out.history import PAGE as HISTORY_PAGE
from samtale_cli.out.history import department_folders, history_views
from samtale_cli.out.views import View, kind_views
from samtale_cli.out.views.pages import EntryView, FolderView, IndexView, LinkView

TARGETS_KEPT = 4096  # documents whose place in the site the history pages keep at once

__all__ = ["Page", "SiteFacts", "bundle_entries", "document_title", "load", "output_name", "site_facts", "site_pages"]


def load(path: Path) -> Checked:
    """One file through the pipeline, ready to render (a usage error when it is not)."""
    path = path.resolve()
    result = run([path], path.parent, documents=True)
    if not result.documents:
        raise SamtaleError(f"'{path.name}' kan ikke laves; kør 'samtale check' på den.", 1)
    return with_referrers(result.documents[0], path.parent)


def output_name(path: Path, document: str, fmt: str, single: bool) -> str:
    """``<stem>.<fmt>`` for a file with one document, ``<stem>-<dokument>.<fmt>`` else."""
    stem = path.stem if single else f"{path.stem}-{RENDERINGS[document].template}"
    return f"{stem}.{fmt}"


def document_title(source: Checked, document: str) -> str:
    """``Referat: <the meeting's title>``: the document's heading and what its kind's
    views say it is about."""
    return f"{RENDERINGS[document].label}: {kind_views(source.model).subject(source.model)}"


def document_date(source: Checked) -> dt.date | None:
    """The day a file belongs to, for the indexes (its kind's views say which)."""
    return kind_views(source.model).day(source)


def documents_of(model: Any) -> list[str]:
    """The documents a model is rendered as, in site order (that of RENDERINGS)."""
    return sorted(kinds.kind_of(model).renderings, key=list(RENDERINGS).index)


def bundle_entries(sources: list[Checked], document: str | None = None) -> list[tuple[Checked, str]]:
    """Every document of ``sources`` for one bundle: meetings first, then sheets, then
    plans (the order of the kinds table), each file's documents in the order of
    RENDERINGS; only ``document`` when given."""
    kind_order = [k.name for k in kinds.DOCUMENT_KINDS]
    entries = []
    for source in sorted(sources, key=lambda s: (kind_order.index(kinds.kind_of(s.model).name), s.path.as_posix())):
        for name in documents_of(source.model):
            if document is None or name == document:
                entries.append((source, name))
    return entries


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What a site needs of a usable file without its document (see runs.survey):
    its documents, in site order, their titles for the indexes, the day it belongs to,
    and its place in the cycle for the history pages."""

    documents: tuple[str, ...]
    titles: dict[str, str]
    date: dt.date | None
    cycle: Linked


def site_facts(checked: Checked) -> SiteFacts:
    """The :class:`SiteFacts` of a usable file (``Brief.of(checked, site_facts)``)."""
    documents = documents_of(checked.model)
    return SiteFacts(tuple(documents), {d: document_title(checked, d) for d in documents},
                     document_date(checked), linked(checked))


SiteBrief = Brief[SiteFacts]


@dataclass
class Page:
    """One page of a rendered folder, at ``rel`` (a path inside the site).

    A document page has a ``source`` (the file's brief) and a ``document``; an index page
    has a ``view``. A page of a file that cannot be rendered (``broken``, only asked for
    by ``serve``) has the checked file and no document: it shows the file's findings.
    """

    rel: PurePosixPath
    fmt: str = "html"
    source: SiteBrief | None = None
    document: str | None = None
    view: View | None = None
    listed: bool = True  # False: another name for a broken file's page, not in the index
    last: bool = False  # the last page of its source (for a progress bar)
    template: str = "index"  # the template of a page with a view (kinds.SITE_VIEWS)
    make: Callable[[], View] | None = None  # a view made when the page is (a history page)
    broken: Checked | None = None  # the file of a broken file's page

    @property
    def shows_a_view(self) -> bool:
        """An index or history page: made from a view, not from a file."""
        return self.view is not None or self.make is not None


def site_rel(folder: Path, path: Path) -> PurePosixPath | None:
    """The folder of ``path`` inside the site, or None when it lies outside ``folder``
    (a link to a file elsewhere is never part of the site)."""
    if path.is_symlink() and not leads_inside(path, folder):
        return None  # a link out of the folder (Y016 in check): no page, not even one of findings
    try:
        return PurePosixPath(path.relative_to(folder).parent.as_posix())
    except ValueError:
        return None


def _facts(brief: SiteBrief) -> SiteFacts:
    assert brief.facts is not None, f"{brief.file}: a site takes usable files only"
    return brief.facts


def _entry(brief: SiteBrief, title: str, links: list[LinkView]) -> EntryView:
    """An index entry: the title, and the day the file belongs to (see document_date)."""
    day = _facts(brief).date
    if day is None:
        return EntryView(title=title, links=links)
    return EntryView(title=title, date=day.isoformat(), date_text=v.format_date_short(day), links=links)


def _folder_labels(folder: Path, sources: Sequence[SiteBrief]) -> dict[PurePosixPath, str]:
    """The names people know a workspace's folders by: the daycare's name for the
    site's root, 'Læringssamtaler', 'Afdelinger' and each department's name for its
    folder (none when ``folder`` is no workspace)."""
    if find_workspace_root(folder) != folder:
        return {}
    labels = {PurePosixPath(kinds.MEETINGS_DIR): "Læringssamtaler", PurePosixPath(kinds.DEPARTMENTS_DIR): "Afdelinger"}
    for source in sources:
        workspace = _facts(source).cycle.workspace
        if workspace is not None:
            for name, rel in department_folders(workspace.departments, kinds.DEPARTMENTS_DIR).items():
                labels[rel] = name
            if workspace.daycare:
                labels[PurePosixPath(".")] = workspace.daycare
            break
    return labels


def site_pages(  # noqa: C901
    folder: Path,
    sources: Sequence[SiteBrief],
    formats: list[str],
    *,
    broken: Sequence[Checked] = (),
    extra_entries: Callable[[SiteBrief], list[EntryView]] | None = None,
    history: bool = True,
    views_only: bool = False,
) -> list[Page]:
    """Every page of the site made from ``folder``: each document of each source in each
    of ``formats``, mirroring the folders, and an ``index.html`` in every folder that
    holds pages, linking its documents and subfolders; for a workspace, with
    ``history``, the history pages (kinds.SITE_VIEWS). ``render`` writes them;
    ``serve`` shows them, with the files in ``broken`` listed as having errors and
    ``extra_entries`` (the meeting mode) in the indexes.

    ``views_only`` (``render``, which writes the documents as it checks them): only the
    index and history pages, each index's view made when its page is (:attr:`Page.make`),
    from the sources: the entries of a large workspace are never all in memory at once,
    and no document is a page object. The views are the same."""
    entries: dict[PurePosixPath, list[Any]] = {}  # EntryView, or (source, document) made when needed
    pages: list[Page] = []
    items: list[tuple[Any, bool]] = [(s, False) for s in sources] + [(b, True) for b in broken]
    if broken:
        items.sort(key=lambda pair: pair[0].path.as_posix())
    for source, failed in items:
        rel = site_rel(folder, source.path)
        if rel is None:
            continue
        if failed:
            listed, hidden = _broken_names(source)
            pages.extend(Page(rel / name, "html", broken=source) for name in listed)
            pages.extend(Page(rel / name, "html", broken=source, listed=False) for name in hidden)
            title = source.path.name
            if source.model is not None:
                title = document_title(source, kinds.kind_of(source.model).renderings[0])
            links = [LinkView(label="Fejl", href=quote(name)) for name in listed[:1]]
            entries.setdefault(rel, []).append(EntryView(title=title, errors=True, links=links))  # no date: unsure
        else:
            docs = _facts(source).documents
            for document in docs:
                if views_only:
                    entries.setdefault(rel, []).append((source, document))
                    continue
                for f in formats:
                    name = output_name(source.path, document, f, single=len(docs) == 1)
                    pages.append(Page(rel / name, f, source, document))
                entries.setdefault(rel, []).append(_document_entry(source, document, formats))
            if extra_entries is not None:
                entries[rel].extend(extra_entries(source))
        if pages:
            pages[-1].last = True
    if history:
        pages.extend(_history_pages(folder, sources, entries))
    # every ancestor of a folder with output gets an index too
    for rel in list(entries):
        for parent in rel.parents:
            entries.setdefault(parent, [])
    labels = _folder_labels(folder, sources)
    for rel in sorted(entries, key=lambda p: p.as_posix()):
        children = sorted({c.parts[len(rel.parts)] for c in entries if c != rel and rel in c.parents})
        view = functools.partial(
            _index_view,
            title=labels.get(rel) or f"Dokumenter i {(folder.name + '/' + rel.as_posix()) if rel.parts else folder.name}",
            parent=bool(rel.parts),
            folders=[FolderView(name=c, label=labels.get(rel / c), href=f"{quote(c)}/index.html") for c in children],
            entries=entries[rel], formats=formats,
        )
        if views_only:
            pages.append(Page(rel / "index.html", "html", make=view))
        else:
            pages.append(Page(rel / "index.html", "html", view=view()))
    return pages


def _document_entry(source: SiteBrief, document: str, formats: list[str]) -> EntryView:
    """The index entry of a document of ``source``: its title, day and a link per format."""
    docs = _facts(source).documents
    links = [LinkView(label=f.upper(), href=quote(output_name(source.path, document, f, single=len(docs) == 1)))
             for f in formats]
    return _entry(source, _facts(source).titles[document], links)


def _index_view(*, title: str, parent: bool, folders: list[FolderView], entries: list[Any],
                formats: list[str]) -> IndexView:
    """A folder's index; ``entries``: EntryView, or (source, document) for a document's."""
    made = [e if isinstance(e, EntryView) else _document_entry(e[0], e[1], formats) for e in entries]
    return IndexView(title=title, parent=parent, folders=folders, entries=made)


def _history_pages(folder: Path, sources: Sequence[SiteBrief], entries: dict[PurePosixPath, list[EntryView]]) -> list[Page]:
    """The history pages (kinds.SITE_VIEWS), when ``folder`` is a workspace: at the
    root and in each department's folder, each listed in its folder's index."""
    if find_workspace_root(folder) != folder:
        return []
    cycle = Cycle.of(_facts(s).cycle for s in sources)
    if cycle.workspace is None:  # no file passed: no history to tell
        return []
    documents = {s.path: _facts(s).documents for s in sources}
    targets: dict[tuple[Path, str], tuple[str, ...] | None] = {}

    def link(source: Any, document: str, here: PurePosixPath) -> str | None:
        key = (source.path, document)
        if key not in targets:
            if len(targets) >= TARGETS_KEPT:  # pages are made one at a time: bounded, not one per file
                targets.clear()
            rel = site_rel(folder, source.path)
            single = len(kinds.kind_of(source.model).renderings) == 1
            targets[key] = None if rel is None or document not in documents.get(source.path, ()) else (
                (rel / output_name(source.path, document, "html", single=single)).parts)
        target = targets[key]
        if target is None:
            return None
        common = 0  # the address from ``here`` (both are folders of the site): up, then down
        while common < min(len(here.parts), len(target) - 1) and here.parts[common] == target[common]:
            common += 1
        return quote("/".join([".."] * (len(here.parts) - common) + list(target[common:])))

    rendering = kinds.SITE_VIEWS["historik"]
    pages = []
    for rel, title, make in history_views(cycle, link, kinds.DEPARTMENTS_DIR):
        pages.append(Page(rel, "html", make=make, template=rendering.template))
        if rel.name == HISTORY_PAGE:  # a year's pages are linked from it
            entries.setdefault(rel.parent, []).append(
                EntryView(title=title, links=[LinkView(label="HTML", href=quote(rel.name))]))
    return pages


def _broken_names(source: Checked) -> tuple[list[str], list[str]]:
    """The page names of a file that cannot be rendered: its documents' names when its
    kind is known; else ``<stem>.html``, and unlisted every name its documents could
    have (so an open page keeps its address while its file is broken)."""
    if source.model is not None:
        docs = kinds.kind_of(source.model).renderings
        return [output_name(source.path, d, "html", single=len(docs) == 1) for d in docs], []
    hidden = [output_name(source.path, d, "html", single=False) for d in RENDERINGS]
    return [output_name(source.path, "referat", "html", single=True)], hidden

