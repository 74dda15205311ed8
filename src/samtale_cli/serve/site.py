"""The workspace as a live site, for ``samtale serve`` (the web app is :mod:`samtale_cli.serve.web`).

Every request sees the current files: a :class:`Snapshot` (the findings and documents
of a pipeline run over the folder, and the pages of
:func:`samtale_cli.out.pages.site_pages`) is made again whenever a file has changed, and
pages are rendered from it. The first snapshot checks every file; after that only the
files a change concerns are checked again (:class:`_Files`), with the same result as a
run over the whole folder (tests/test_serve_incremental.py). Once the watcher runs, a
request trusts it to report changes; before that (and without it) each request looks at
the files' sizes, times and inodes. The front page before the first snapshot is made
from a look at the folder (:meth:`Site._first_index`). Addresses are looked up in the snapshot's tables, never turned into
paths: only the pages that ``render`` would write exist, and a file that lies outside
the folder (a link) has none. Addresses in links are URL-encoded (a file may be named
``møde #2.yaml``). A folder that cannot be read is left out (and named once on
standard error); the rest of the site is shown.

No Starlette here: what a page shows is decided here; how it is sent, in ``web``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError, danish_oserror
from samtale_cli.check.checker import Brief, Checked, Checker
from samtale_cli.check.discover import find_workspace_root, walk
from samtale_cli.check.runs import Run, check_bytes, run
from samtale_cli.core.diagnostics import findings_json
from samtale_cli.core.files import display_name
from samtale_cli.out.views.pages import ErrorPageView, FindingLine

# The addresses of the app that are not pages of the rendered site (those start with "_",
# which no rendered folder or file does: they mirror the workspace's names).
MEETING_MODE = "/_moede/"
MINUTES = "/_referat/"
AFTER = "/_efter/"
OVERVIEW = "/_oversigt"
# the writes of the after-meeting page: address prefix -> the form's name in serve.after
AFTER_WRITES = {"/_fremmoede/": "fremmoede", "/_aftale/": "aftale", "/_pejlemaerker/": "pejlemaerker",
                "/_naeste-moede/": "naeste-moede"}
SHEET_WRITE = "/_ark/"
CHECK_JSON = "/_check.json"
EVENTS = "/_aendringer"
ASSETS = "/_samtale/"
LIVE_SCRIPT = f"{ASSETS}live.js"
AFTER_LABEL = "Efter mødet"
OVERVIEW_LABEL = "Oversigt over aftaler og afdelinger"
MEETING_SCRIPT = f"{ASSETS}moede.js"


@dataclass
class Snapshot:
    """The site as the files were at one moment. Its pages are listed when first asked
    for (a write's answer does not wait for them; many writes in a row list them once)."""

    key: tuple[Any, ...]
    run: Run
    make_pages: Callable[[], dict[str, Any]]
    meetings: dict[str, Checked]  # "laeringssamtaler/x" (no .yaml) -> the meeting's file
    rendered: dict[Any, str] = field(default_factory=dict)  # pages made from this snapshot
    files: dict[Path, Checked] = field(default_factory=dict)  # the usable files, by path
    _pages: dict[str, Any] | None = None
    _listing: threading.Lock = field(default_factory=threading.Lock)

    @property
    def pages(self) -> dict[str, Any]:
        """"laeringssamtaler/x-referat.html" -> pages.Page"""
        if self._pages is None:
            with self._listing:
                if self._pages is None:
                    self._pages = self.make_pages()
        return self._pages


class Site:
    """The pages of ``folder``; display names of files are relative to ``cwd``.

    The first snapshot checks every file; after that only the files that changed and
    the files that looked at them are checked again (see :class:`_Files`), and the
    snapshot is put together from the files' kept results: the same findings and pages
    as a check of the whole folder (``incremental=False`` does that every time; the
    tests hold the two equal). While ``trusted`` (the watcher follows the files), a
    request takes the files as the watcher last reported them; otherwise every request
    looks at the files' sizes and times first."""

    def __init__(self, folder: Path, cwd: Path, overview: Any = None, *, incremental: bool = True) -> None:
        self.folder = folder.resolve()
        self.cwd = cwd
        # ``overview(run, root, workspace, day, responsible) -> dict``: what 'samtale
        # oversigt' shows (reports is no layer below serve: the command passes it in)
        self.overview = overview
        self.incremental = incremental
        self.trusted = False  # set by the watcher once it follows the files
        self.generation = 0  # raised by the watcher and by every write
        root = find_workspace_root(self.folder)
        self.workspace_file = root / kinds.WORKSPACE_FILE if root else None
        self._lock = threading.Lock()
        self._pending_lock = threading.Lock()
        self._pending: set[str] = set()  # paths reported changed since the last snapshot
        self._restat = True  # look at every file's size and time before the next snapshot
        self._snapshot: Snapshot | None = None
        self._files: _Files | None = None
        self._built = 0
        self._renderers: dict[dt.date, Any] = {}
        self.unreadable: set[str] = set()  # the folders left out, each named once
        self._addresses: dict[Path, str] = {}
        self._first = threading.Lock()  # the front page before the first snapshot
        self._building: threading.Thread | None = None

    # --- the current state of the files --------------------------------------------

    def changed(self, paths: Iterable[Path | str] | None = None) -> None:
        """Something in the folder changed (``paths``, when known: the watcher's, or the
        file a form wrote): the next request makes a new snapshot."""
        with self._pending_lock:
            self.generation += 1
            if paths is None:
                self._restat = True
            else:
                for path in paths:
                    self._pending.update(_names(path))

    def _left_out(self, exc: OSError) -> None:
        """A folder that cannot be read: its files are not shown; say so once."""
        name = self.display(Path(exc.filename)) if exc.filename else self.display(self.folder)
        if name not in self.unreadable:
            self.unreadable.add(name)
            print(f"samtale serve: mappen '{name}' kan ikke læses ({danish_oserror(exc)}); "
                  "dens filer vises ikke.", file=sys.stderr, flush=True)

    def _fingerprint(self) -> tuple[Any, ...]:
        stamps = []
        paths = list(walk(self.folder, self._left_out))
        if self.workspace_file is not None:
            paths.append(self.workspace_file)
        for path in paths:
            try:
                info = os.stat(path)
                stamps.append((path, info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                stamps.append((path, None))
        return tuple(stamps)

    def snapshot(self) -> Snapshot:
        """The site as the files are now (made again only when something changed)."""
        if not self.incremental:
            key = (self.generation, dt.date.today(), self._fingerprint())
            with self._lock:
                if self._snapshot is None or self._snapshot.key != key:
                    self._snapshot = self._make(key)
                return self._snapshot
        with self._lock:
            with self._pending_lock:
                pending, self._pending = self._pending, set()
                restat = self._restat or not self.trusted
                self._restat = False
            today = dt.date.today()
            files = self._files
            if files is not None and files.today == today and self._snapshot is not None:
                if not (pending or restat):
                    return self._snapshot
                try:
                    done = files.update(pending)
                except BaseException:
                    self._files = None  # half updated: the next request checks everything
                    raise
                if done is False:
                    return self._snapshot  # nothing that a page shows changed
                if done is None:  # a workspace file changed: everything again
                    files = None
            if files is None or files.today != today:
                files = self._files = _Files.build(self, today)
            self._built += 1
            self._snapshot = files.snapshot((self._built, today))
            return self._snapshot

    def _make(self, key: tuple[Any, ...]) -> Snapshot:
        """The snapshot from one check of the whole folder (``incremental=False``)."""
        try:
            result = run([self.folder], self.cwd, documents=True, onerror=self._left_out)
        except SamtaleError:  # no samtale files left (outside a workspace): an empty site
            result = Run([])
        return self._snapshot_of(key, result)

    def _snapshot_of(self, key: tuple[Any, ...], result: Run, briefs: dict[Path, Any] | None = None,
                     inside: Callable[[Path], bool] | None = None,
                     pages: Callable[[list[Any], list[Checked], Callable[[], dict[str, Any]]], dict[str, Any]]
                     | None = None) -> Snapshot:
        """The snapshot of a run of the folder. Kept from before, when given: the
        documents' ``briefs``, whether a file lies ``inside`` the folder, and ``pages``
        (the pages of the same briefs and broken files, or None)."""
        from samtale_cli.out.pages import site_facts, site_pages

        inside = inside or (lambda path: _inside(path, self.folder))
        broken = [c for c in result.skipped if inside(c.path)]
        files = {checked.path: checked for checked in result.documents}
        sources = [briefs[c.path] if briefs is not None else Brief.of(c, site_facts) for c in result.documents]

        def make() -> dict[str, Any]:
            made = site_pages(
                self.folder, sources, ["html"], broken=broken,
                extra_entries=lambda brief: self._meeting_entries(files[brief.path]),
            )
            return {p.rel.as_posix(): p for p in made}

        def listing() -> dict[str, Any]:
            return pages(sources, broken, make) if pages is not None else make()

        meetings = {}
        for checked in [*result.documents, *broken]:
            if checked.is_workspace or not inside(checked.path):
                continue
            kind = kinds.kind_of(checked.model) if checked.model is not None else None
            if kind is None or "mødetilstand" in kind.views:
                meetings[self.address(checked.path)] = checked
        return Snapshot(key, result, listing, meetings, files=files)

    def display(self, path: Path) -> str:
        """A file's name as findings show it (relative to where serve was started)."""
        return display_name(path, self.cwd)

    def address(self, path: Path) -> str:
        """A file's address in the meeting mode and for minutes: its path below the
        folder, without ``.yaml``."""
        found = self._addresses.get(path)
        if found is None:
            rel = path.relative_to(self.folder).as_posix()
            found = self._addresses[path] = rel.rsplit(".", 1)[0]
            if len(self._addresses) > 100_000:
                self._addresses.clear()
        return found

    def _meeting_entries(self, source: Checked) -> list[Any]:
        from samtale_cli.out.views.pages import EntryView, LinkView

        if "mødetilstand" not in kinds.kind_of(source.model).views:
            return []
        label = kinds.SERVE_VIEWS["mødetilstand"].label
        href = MEETING_MODE + quote(self.address(source.path))
        after = AFTER + quote(self.address(source.path))
        return [EntryView(title=f"{label}: {source.model.title}", links=[
            LinkView(label=label, href=href), LinkView(label=AFTER_LABEL, href=after)])]

    def renderer(self) -> Any:
        """A renderer for today (the plans mark today on their timelines)."""
        from samtale_cli.out.html import Renderer

        today = dt.date.today()
        if today not in self._renderers:
            self._renderers = {today: Renderer(today=today)}
        return self._renderers[today]

    # --- what the app sends ---------------------------------------------------------

    def check_json(self) -> str:
        """The findings, as ``samtale check --format json`` prints them."""
        return findings_json(self.snapshot().run.findings)

    def page(self, address: str) -> str | None:
        """The HTML of the page at ``address`` (a path inside the site), or None."""
        if address == "index.html" and self._snapshot is None and self.incremental:
            html = self._first_index()
            if html is not None:
                return html
        snap = self.snapshot()
        page = snap.pages.get(address)
        if page is None:
            return None
        html = snap.rendered.get(address)
        if html is None:
            if page.broken is not None:
                html = self.findings_page(page.broken, snap.run.findings)
            elif page.shows_a_view:
                html = str(self.renderer().render_page(page))
            else:
                html = str(self.renderer().render(snap.files[page.source.path], page.document, page.fmt))
            html = snap.rendered[address] = live(self._links(page, address, html))
        return html

    def _first_index(self) -> str | None:
        """The front page before the first snapshot, from a look at the folder, the
        workspace file and the first usable document only (then the snapshot is made in
        the background): the page the snapshot would give, or None when this folder's
        front page needs more than that to be sure (then it waits for the snapshot)."""
        with self._first:
            if self._snapshot is not None:
                return None
            try:
                view = self._first_index_view()
            finally:
                if self._building is None:  # the rest of the site, while the page is read
                    self._building = threading.Thread(target=self._build_quietly, daemon=True)
                    self._building.start()
        if view is None:
            return None
        from samtale_cli.out.pages import Page

        page = Page(PurePosixPath("index.html"), "html", view=view)
        return live(self._links(page, "index.html", str(self.renderer().render_page(page))))

    def prepare(self) -> None:
        """What the first request would do once per process, done before the server
        says where it is: the modules and the renderer loaded, the models' validators
        built (a look at samtale.yaml and the first usable document, as for the front
        page)."""
        from samtale_cli.out.pages import Page
        from samtale_cli.out.views.pages import IndexView

        try:
            view = self._first_index_view() or IndexView(title="", parent=False, folders=[], entries=[])
            self.renderer().render_page(Page(PurePosixPath("index.html"), "html", view=view))
        except Exception:  # noqa: BLE001 - the first request does it again, and says what went wrong
            pass

    def _build_quietly(self) -> None:
        try:
            self.snapshot()
        except Exception:  # noqa: BLE001 - the next request makes it again, and says what went wrong
            pass

    def _first_index_view(self) -> Any:  # noqa: C901
        """The view of the front page (see :func:`samtale_cli.out.pages.site_pages`) of a
        workspace's folder whose samtale.yaml has no errors, with no other samtale.yaml
        and no file beside it, no links and a usable document; else None."""
        from samtale_cli.out.history import department_folders
        from samtale_cli.out.views.pages import EntryView, FolderView, IndexView, LinkView

        if self.workspace_file is None or self.workspace_file.parent != self.folder:
            return None
        links: set[Path] = set()
        try:
            files = list(_discover(self.folder, self._left_out, links=links))
        except SamtaleError:
            return None
        if links:
            return None  # a link may lead out of the folder: the snapshot says
        children = set()
        inside = str(self.folder) + os.sep
        for path in files:
            text = str(path)
            parts = text[len(inside):].split(os.sep) if text.startswith(inside) else []
            if len(parts) < 2 or parts[-1] == kinds.WORKSPACE_FILE:
                if path != self.workspace_file:
                    return None  # a file beside samtale.yaml, another workspace
                continue
            children.add(parts[0])
        checker = Checker(self.cwd, frozenset(files))
        workspace = next(iter(checker.check(self.workspace_file)), None)
        if workspace is None or workspace.has_errors or workspace.model is None:
            return None
        usable = None
        for path in files[:50]:
            found = [c for c in checker.check(path) if not c.is_workspace]
            if any(c.usable for c in found):
                usable = found
                break
        if usable is None:
            return None  # no history pages, perhaps: the snapshot says
        model = workspace.model
        if department_folders(model.departments, kinds.DEPARTMENTS_DIR):
            children.add(kinds.DEPARTMENTS_DIR)  # each department's history page
        elif kinds.DEPARTMENTS_DIR not in children:
            return None  # a department only a file names would have one: the snapshot says
        labels = {kinds.MEETINGS_DIR: "Læringssamtaler", kinds.DEPARTMENTS_DIR: "Afdelinger"}
        history = EntryView(title=f"Historik: {model.daycare or 'dagtilbuddet'}",
                            links=[LinkView(label="HTML", href=quote("historik.html"))])
        return IndexView(
            title=model.daycare or f"Dokumenter i {self.folder.name}",
            parent=False,
            folders=[FolderView(name=c, label=labels.get(c), href=f"{quote(c)}/index.html") for c in sorted(children)],
            entries=[history],
        )

    def _links(self, page: Any, address: str, html: str) -> str:
        """The app's own pages linked from a page: the overview from the front page, the
        meeting mode and the after-meeting page from a meeting's pages."""
        links = []
        if address == "index.html":
            links.append((OVERVIEW, OVERVIEW_LABEL))
        source = page.source.path if page.source is not None else None
        if source is not None and _inside(source, self.folder) and self.address(source) in self.snapshot().meetings:
            links.append((MEETING_MODE + quote(self.address(source)), kinds.SERVE_VIEWS["mødetilstand"].label))
            links.append((AFTER + quote(self.address(source)), AFTER_LABEL))
        return serve_links(html, links)

    def findings_page(self, source: Checked, findings: list[Any]) -> str:
        """The page of a file that cannot be shown: its findings (and those of the
        files it refers to that cannot be read)."""
        names = {source.file} | {ref.file for ref in source.refs.values() if ref.model is None}
        found = sorted((d for d in findings if d.file in names), key=lambda d: (not d.is_error, d))
        view = ErrorPageView(title=f"{kinds.SERVE_VIEWS['fejl'].label}: {source.file}", file=source.file,
                             findings=[FindingLine(text=d.format(), error=d.is_error) for d in found])
        return live(self.renderer().render_view(kinds.SERVE_VIEWS["fejl"].template, view, "html"))

    def meeting(self, address: str) -> Checked | None:
        return self.snapshot().meetings.get(address)

    def _meeting_file(self, address: str) -> Checked | None:
        """The meeting at ``address`` for a write or its version, which use its path only
        and read the file itself: from the last snapshot when it has it (a write does not
        wait for the changes before it to be checked; a file moved or deleted since is
        not read, and the write is refused), else from a new one."""
        last = self._snapshot
        found = last.meetings.get(address) if last is not None else None
        return found if found is not None else self.meeting(address)

    def meeting_page(self, address: str, now: int, step: int | None, token: str, rehearsal: bool) -> str | None:
        """The meeting mode of the meeting at ``address`` at ``now`` (minutes since
        midnight), or its findings; None when there is no such meeting. The page and
        its ``version`` are made from the same bytes of the file."""
        from samtale_cli.check.loader import MAX_BYTES, read_regular
        from samtale_cli.serve.minutes import version_of
        from samtale_cli.out.views.meeting import meeting_mode_view

        known = self.meeting(address)
        if known is None:
            return None
        try:
            raw = read_regular(known.path, MAX_BYTES)
        except OSError:
            return self.findings_page(known, self.snapshot().run.findings)
        snap = self.snapshot()
        key = (address, version_of(raw), now, step, token, rehearsal)
        if key in snap.rendered:
            return snap.rendered[key]
        checked = check_bytes(known.path, raw, self.cwd)
        if not checked.usable:
            findings = [*checked.findings, *(d for d in self.snapshot().run.findings if d.file != checked.file)]
            return self.findings_page(checked, findings)
        view = meeting_mode_view(checked.model, checked.workspace, now, step)
        view = dataclasses.replace(
            view,
            document_label=kinds.SERVE_VIEWS["mødetilstand"].label,
            file=checked.file,
            action=MINUTES + quote(address),
            token=token,
            version=version_of(raw),
            rehearsal=rehearsal,
            today=dt.date.today() == checked.model.date,
            script=MEETING_SCRIPT,
            events=EVENTS,
        )
        html = self.renderer().render_view(kinds.SERVE_VIEWS["mødetilstand"].template, view, "html")
        html = serve_links(html, [(AFTER + quote(address), AFTER_LABEL)])
        if len(snap.rendered) < 1000:  # one page a minute for each meeting and chosen item
            snap.rendered[key] = html
        return html

    def version(self, address: str) -> str | None:
        """The current version of a meeting's file (None: no such meeting, or unreadable)."""
        from samtale_cli.check.loader import MAX_BYTES, read_regular
        from samtale_cli.serve.minutes import version_of

        known = self._meeting_file(address)
        if known is None:
            return None
        try:
            return version_of(read_regular(known.path, MAX_BYTES))
        except OSError:
            return None

    def save_minutes(self, address: str, number: str, text: str, version: str) -> str:
        """Save minutes (see :func:`samtale_cli.serve.minutes.save`); the new version."""
        from samtale_cli.serve.minutes import NotSaved, save

        known = self._meeting_file(address)
        if known is None:
            raise NotSaved("Læringssamtalen findes ikke.", 404)
        try:
            return save(known.path, self.cwd, number, text, version)
        finally:
            self.changed([known.path])  # the next snapshot checks it again (and its sheets)

    # --- the after-meeting page and the overview ------------------------------------

    def _read(self, path: Path) -> bytes | None:
        from samtale_cli.check.loader import MAX_BYTES, read_regular

        try:
            return read_regular(path, MAX_BYTES)
        except OSError:
            return None

    def sheets_of(self, known: Checked) -> dict[str, Any]:
        """The attention-point sheets made for the meeting ``known``, by department key:
        {"model", "file", "path", "version"}."""
        from samtale_cli.core.kinds import SHEET
        from samtale_cli.serve.minutes import version_of

        found: dict[str, Any] = {}
        for checked in known.referrers:
            if kinds.kind_of(checked.model) is not SHEET:
                continue
            raw = self._read(checked.path)
            if raw is None:
                continue
            key = v.department_key(checked.model.department)
            found.setdefault(key, {"model": checked.model, "file": checked.file, "path": checked.path,
                                   "version": version_of(raw)})
        return found

    def referrers(self, path: Path) -> tuple[Path, ...]:
        """The files that refer to the file at ``path`` (a sheet's plans, a meeting's
        sheets): a write to it must give them no new error."""
        run = self.snapshot().run
        return tuple(c.path for c in [*run.documents, *run.skipped] if path in getattr(c, "refs", {}))

    def after_page(self, address: str, token: str, typed: Any = None, saved: str = "") -> str | None:
        """The after-meeting page of the meeting at ``address`` (its findings when it has
        errors); None when there is no such meeting. ``typed``: a refused form
        (:class:`samtale_cli.serve.views.Typed`); ``saved``: the id of the form saved just
        before (it says so)."""
        from samtale_cli.check.rules.themes import known_themes
        from samtale_cli.serve.minutes import version_of
        from samtale_cli.serve.views import after_view

        known = self.meeting(address)
        if known is None:
            return None
        raw = self._read(known.path)
        if raw is None:
            return self.findings_page(known, self.snapshot().run.findings)
        checked = check_bytes(known.path, raw, self.cwd)
        if not checked.usable:
            findings = [*checked.findings, *(d for d in self.snapshot().run.findings if d.file != checked.file)]
            return self.findings_page(checked, findings)
        quoted = quote(address)
        links = {
            "document_label": AFTER_LABEL, "file": checked.file, "token": token, "version": version_of(raw),
            "meeting_mode": MEETING_MODE + quoted, "overview": OVERVIEW,
            "pages": [(f"/{quote(p)}", label) for p, label in self._meeting_pages(address)],
            **{name.replace("-", "_") + "_action": prefix + quoted for prefix, name in AFTER_WRITES.items()},
            "ark_action": SHEET_WRITE + quoted, "saved": "" if typed is not None else saved,
        }
        view = after_view(checked.model, self.sheets_of(known), links, typed, known_themes(checked.workspace))
        return live(self.renderer().render_view("efter", view, "html"))

    def _meeting_pages(self, address: str) -> list[tuple[str, str]]:
        """The rendered pages of a meeting (its minutes and agenda), as (address, label)."""
        names = {"referat": "Referat", "dagsorden": "Dagsorden"}
        pages = self.snapshot().pages
        return [(f"{address}-{name}.html", label) for name, label in names.items()
                if f"{address}-{name}.html" in pages]

    def save_after(self, address: str, what: str, form: dict[str, str]) -> str:
        """Save one form of the after-meeting page (``what``: a name in
        :data:`samtale_cli.serve.after.MEETING_FORMS`); the meeting's new version."""
        from samtale_cli.serve import after
        from samtale_cli.serve.minutes import NotSaved

        known = self._meeting_file(address)
        if known is None:
            raise NotSaved("Læringssamtalen findes ikke.", 404)
        after.check_lengths(form)
        make = after.MEETING_FORMS[what]
        try:
            return after.save(known.path, self.cwd, form.get("version", ""), lambda model: make(form, model),
                              dependents=self.referrers(known.path))
        finally:
            self.changed([known.path])

    def save_sheet(self, address: str, form: dict[str, str]) -> str:
        """Save a department's sheet for the meeting at ``address`` (made where 'new
        opmærksomhedspunkter' would put it when there is none); the sheet's new version."""
        from samtale_cli import model as m
        from samtale_cli.serve import after
        from samtale_cli.serve.minutes import NotSaved
        from samtale_cli.serve.views import departments_of

        known = self.meeting(address)
        if known is None or known.model is None:
            raise NotSaved("Læringssamtalen findes ikke, eller den har fejl.", 404)
        after.check_lengths(form)
        sheets = self.sheets_of(known)
        typed = form.get("afdeling", "").strip()
        name = next((d for d in departments_of(known.model, sheets) if v.department_key(d) == v.department_key(typed)),
                    None)
        if name is None:
            raise NotSaved(f"Afdelingen '{typed[:40]}' er ikke med i læringssamtalen.", 400)
        values = after.sheet_values(form)
        version = form.get("version", "")
        sheet = sheets.get(v.department_key(name))
        try:
            if sheet is not None:
                return after.save(sheet["path"], self.cwd, version, lambda _m: after.sheet_change(values),
                                  m.AttentionSheet, self.referrers(sheet["path"]))
            if version:  # the page saw a sheet that is gone, or another one
                raise NotSaved("Arket er flyttet eller slettet, siden siden blev hentet; genindlæs siden.", 409)
            return after.create_sheet(*self._new_sheet(known, name, values))
        finally:
            self.changed([sheet["path"]] if sheet is not None else None)  # a new file: a look at every file

    def _new_sheet(self, known: Checked, department: str, values: dict[str, Any]) -> tuple[Any, ...]:
        """Where a new sheet goes (as 'new opmærksomhedspunkter' puts it), its text, the
        folder it must lie in, and what to do once it is written (its schema: written
        only for a sheet that is)."""
        from samtale_cli.check.workspace import Workspace, relative
        from samtale_cli.core.kinds import SCHEMA_DIR, SHEET
        from samtale_cli.out.schema import ensure_schema, modeline
        from samtale_cli.serve.after import sheet_text

        root = self.workspace_file.parent if self.workspace_file is not None else None
        target = SHEET.path(root, department=department, date=known.model.date)
        if root is None:
            target = self.folder / target
        ws = Workspace.at(root) if root is not None else None
        if ws is not None:  # modeline's line, without writing the schema yet
            line = f"# yaml-language-server: $schema={relative(ws.root / SCHEMA_DIR / SHEET.schema_file, target.parent)}"
        else:
            line = modeline(None, SHEET, target, [])
        meeting = Path(os.path.realpath(known.path))
        text = sheet_text(line, relative(meeting, target.parent), department, known.model.date, values)
        then = (lambda: ensure_schema(ws, SHEET, [])) if ws is not None else None
        return target, self.cwd, text, root or self.folder, then

    def overview_page(self, day: dt.date, responsible: str | None, token: str, typed: Any = None) -> tuple[int, str]:
        """The overview on ``day`` (only ``responsible``'s, when given): the status code
        and the page."""
        from samtale_cli.check.workspace import Workspace
        from samtale_cli.serve.minutes import version_of
        from samtale_cli.serve.views import Typed, overview_view

        snap = self.snapshot()
        root = self.workspace_file.parent if self.workspace_file is not None else self.folder
        ws = Workspace.at(root) if self.workspace_file is not None else None
        status = 200
        try:
            data = self.overview(snap.run, root, ws.model if ws else None, day, responsible)
        except SamtaleError as exc:
            status, typed = 400, Typed("filter", exc.message.replace("--ansvarlig", "Ansvarlig"))
            data = self.overview(snap.run, root, ws.model if ws else None, day, None)
        by_file = {display_name(c.path, root): (a, c) for a, c in snap.meetings.items() if c.model is not None}
        agreements = []
        for item in data["aftaler"]:
            address, checked = by_file.get(item["fil"], (None, None))
            raw = self._read(checked.path) if checked is not None else None
            nr = item.get("nr")  # the agreement's own place (two may have the same text)
            if checked is None or not (isinstance(nr, int) and 0 < nr <= len(checked.model.agreements)
                                       and checked.model.agreements[nr - 1].what == item["hvad"]):
                nr = None
            if address is not None and raw is not None and nr is not None:
                item = {**item, "action": "/_aftale/" + quote(address), "nr": str(nr), "version": version_of(raw),
                        "id": f"status-{len(agreements) + 1}", "after": AFTER + quote(address)}
            agreements.append(item)
        links = {"token": token, "document_label": OVERVIEW_LABEL, "filter_action": OVERVIEW,
                 "back": _overview_query(day, responsible)}
        view = overview_view(data, agreements, links, typed)
        return status, live(self.renderer().render_view("oversigt", view, "html"))


def _names(path: Path | str) -> set[str]:
    """The names a path is known by in the dependencies: as written (normalised) and
    with its links resolved."""
    try:
        return {os.path.normpath(os.path.abspath(path)), os.path.realpath(path)}
    except (OSError, ValueError):  # a NUL byte in a name no file has
        return set()


@dataclass
class _Recorder(Checker):
    """A checker that notes what the check of each file looked at besides the file
    itself: the files it read (a sheet's meeting, a plan's sheet, a sibling sheet) and
    the paths it asked about (``exists``: a data file, a missing meeting). A file is
    checked again when one of those changes."""

    looked: set[str] = field(default_factory=set)  # asked about (exists) or read
    read: set[str] = field(default_factory=set)  # read: its content matters, not only that it is there
    gap: bool = False  # asked about a path that is no file (a hint names the files there are)

    def read_reference(self, path: Path) -> Any:
        names = _names(path)
        self.looked.update(names)
        self.read.update(names)
        return super().read_reference(path)

    def exists(self, path: Path) -> bool:
        self.looked.update(_names(path))
        try:
            found = Path.is_file(path)
        except (OSError, ValueError):
            self.gap = True
            raise
        self.gap = self.gap or not found
        return found

    def entry(self, path: Path, workspaces: dict[Path, Checked]) -> _Entry:
        """Check ``path`` as a run does (the workspace around it, the first time it is
        met, into ``workspaces``); what the run keeps of it."""
        from samtale_cli.out.pages import site_facts

        self.looked, self.read, self.gap = set(), set(), False
        items = []
        for checked in self.check(path):
            checked.lighten()  # as a run that keeps whole documents does, at the same moment
            if checked.is_workspace:  # (yielded once, with the first file met in it)
                workspaces[checked.path] = checked
            else:
                items.append(checked)
        ws_doc = self.workspace_for(path)
        briefs = {c.path: Brief.of(c, site_facts) for c in items if c.usable and not c.is_workspace}
        own = _names(path)
        sheet = any(c.model is not None and kinds.kind_of(c.model) is kinds.SHEET for c in items)
        return _Entry(items, frozenset(self.looked - own), frozenset(self.read - own),
                      frozenset(self.looked - own) if sheet else frozenset(),
                      self.gap, ws_doc.path if ws_doc is not None else None, briefs)


@dataclass
class _Entry:
    """What the check of one file gave, and what it looked at."""

    items: list[Checked]  # (the workspace file's entry is kept apart: it goes with the first file met)
    looked: frozenset[str]  # the other paths the check read or asked about (whether they are there)
    read: frozenset[str]  # of those, the files it read
    sheet_reads: frozenset[str]  # a sheet's: what it looked at (its meeting, the other sheets for it)
    gap: bool
    workspace: Path | None  # the samtale.yaml around the file
    briefs: dict[Path, Any]  # the usable items' briefs (out.pages.SiteBrief), for the pages


def _there(name: str) -> tuple[bool, bool]:
    """Whether a path is a file, and whether it is a folder (what a check asks of it)."""
    try:
        return os.path.isfile(name), os.path.isdir(name)
    except (OSError, ValueError):
        return False, False


def _stamp(path: Path) -> Any:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


class _Files:
    """The checked files of a site, kept between snapshots: each file's findings and
    documents, and what its check looked at, so that a change checks again only the
    files it concerns: the changed files, the files that read or asked about them (a
    meeting's sheets, a sheet's plans), the files that read the same files as a changed
    one did before or does now (a second sheet for the same meeting, O504), and, when
    files come or go, those that looked for a file that was not there (their hints
    name the files there are). A change to a workspace file (samtale.yaml), or a new
    day, checks everything again."""

    def __init__(self, site: Site, today: dt.date) -> None:
        self.site = site
        self.today = today
        self.order: list[Path] = []
        self.stamps: dict[Path, Any] = {}
        self.entries: dict[Path, _Entry] = {}
        self.workspaces: dict[Path, Checked] = {}  # samtale.yaml -> its checked entry
        self.workspace_docs: dict[Path, Any] = {}  # the checker's workspace documents, kept
        self.workspace_stamps: dict[Path, Any] = {}
        self.inside: dict[Path, bool] = {}  # whether a file lies in the folder (a link may lead out)
        self.listed: tuple[list[Any], list[Checked], dict[str, Any]] | None = None  # the last pages made
        self.others: dict[str, Any] = {}  # see _others
        self.paths: dict[str, Path] = {}  # each file's path, made once

    @classmethod
    def build(cls, site: Site, today: dt.date) -> _Files:
        """Every file checked (the first snapshot)."""
        files = cls(site, today)
        files.order, files.stamps = files._discover()
        checker = files._checker(first=True)
        for path in files.order:
            files.entries[path] = checker.entry(path, files.workspaces)
        files.workspace_docs = dict(checker._workspaces)
        files.workspace_stamps = {path: _stamp(path) for path in files.workspace_docs}
        files.others = files._others()
        return files

    def _others(self) -> dict[str, Any]:
        """Whether the paths the checks looked at that are no file of the run (a
        meeting's data files, a missing meeting) are files or folders: a change is
        seen even without the watcher."""
        known = {str(path) for path in self.order}
        paths = {name for entry in self.entries.values() for name in entry.looked if name not in known}
        return {name: _there(name) for name in paths}

    def _discover(self) -> tuple[list[Path], dict[Path, Any]]:
        try:
            order = list(_discover(self.site.folder, self.site._left_out, self.paths))
        except SamtaleError:  # no samtale files left (outside a workspace): an empty site
            order = []
        return order, {path: _stamp(path) for path in order}

    def is_inside(self, path: Path) -> bool:
        if path not in self.inside:
            self.inside[path] = _inside(path, self.site.folder)
        return self.inside[path]

    def pages(self, sources: list[Any], broken: list[Checked], make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The pages of ``sources`` and ``broken``: those made last time when they are
        the same (a minutes text changes no brief: only its own page, made from the file)."""
        last = self.listed
        if (last is not None and len(last[0]) == len(sources) and len(last[1]) == len(broken)
                and all(a is b for a, b in zip(last[1], broken)) and all(a is b for a, b in zip(last[0], sources))):
            return last[2]
        made = make()
        self.listed = (sources, broken, made)
        return made

    def _checker(self, first: bool = False) -> _Recorder:
        checker = _Recorder(self.site.cwd, frozenset(self.order))
        checker.is_file = checker.exists
        if not first:
            checker._workspaces = dict(self.workspace_docs)
            checker._reported = set(self.workspaces)
        return checker

    def update(self, pending: set[str]) -> bool | None:
        """Check again what ``pending`` (the paths reported changed) and the files'
        sizes and times say changed: True when something did, False when nothing that
        a page shows did, None when everything must be checked again."""
        order, stamps = self._discover()
        if any(_stamp(path) != stamp or _names(path) & pending for path, stamp in self.workspace_stamps.items()):
            return None
        new, old = set(order), set(self.order)
        added, removed = new - old, old - new
        changed = {p for p in new & old if stamps[p] != self.stamps[p] or str(p) in pending}
        moved = added | removed | changed
        if any(p.name == kinds.WORKSPACE_FILE for p in moved):
            return None
        again = self._concerned(pending, moved, added | changed, bool(added or removed), new & old)
        if not again and not removed:
            self.others = {name: _there(name) for name in self.others}
            return False
        before = {p: self.entries[p].sheet_reads for p in moved if p in self.entries}
        for path in removed:
            del self.entries[path]
        for path in again | removed:
            self.inside.pop(path, None)
        self.order, self.stamps = order, stamps
        checker = self._checker()
        self._check(checker, again)
        # the sheets that read what a changed sheet read, before or now: a second sheet for
        # the same meeting (O504) is found by a look at the sheets beside it
        targets: set[str] = set()
        for path in moved:
            targets |= before.get(path, frozenset())
            if path in self.entries:
                targets |= self.entries[path].sheet_reads
        also = {p for p in order if p not in again and self.entries[p].sheet_reads & targets}
        self._check(checker, also)
        self.others = self._others()
        return True

    def _concerned(self, pending: set[str], moved: set[Path], changed: set[Path], come_or_gone: bool,
                   kept: set[Path]) -> set[Path]:
        """The files to check again: the ``changed`` ones, the ``kept`` ones that read a
        path reported changed or a file that ``moved`` (changed, came or went), those
        that asked whether a path is there that came or went (a meeting's data file), those
        that looked for a missing file when files ``come_or_gone`` (their hints), and x.yml
        beside a moved x.yaml (W306) and the other way round."""
        there = {name for name, was in self.others.items() if _there(name) != was}
        for path in moved - changed | (changed - kept):  # added or removed
            there |= _names(path)
        read = set(pending) | there
        for path in moved:
            read |= _names(path)
        again = set(changed)
        for path in kept:
            entry = self.entries[path]
            if entry.read & read or entry.looked & there or (come_or_gone and entry.gap):
                again.add(path)
        for path in moved:
            twin = path.with_suffix(".yml" if path.suffix == ".yaml" else ".yaml")
            if twin in kept or twin in changed:
                again.add(twin)
        return again

    def _check(self, checker: _Recorder, paths: set[Path]) -> None:
        for path in self.order:
            if path in paths:
                entry = checker.entry(path, {})
                old = self.entries.get(path)
                if old is not None:  # an unchanged brief is kept: the pages made from it still hold
                    entry.briefs = {p: old.briefs[p] if old.briefs.get(p) == b else b for p, b in entry.briefs.items()}
                self.entries[path] = entry

    def snapshot(self, key: tuple[Any, ...]) -> Snapshot:
        """The snapshot as a run over the files in their order would make it."""
        from samtale_cli.check.runs import _link_referrers

        result = Run([])
        found: set[Any] = set()
        seen: set[Path] = set()
        met: set[Path] = set()
        briefs: dict[Path, Any] = {}
        for path in self.order:
            entry = self.entries[path]
            items = entry.items
            if entry.workspace is not None and entry.workspace not in met:
                met.add(entry.workspace)
                if entry.workspace in self.workspaces:
                    items = [self.workspaces[entry.workspace], *items]
            for checked in items:
                found.update(checked.findings)
                if checked.path in seen:
                    continue
                seen.add(checked.path)
                if checked.usable and not checked.is_workspace:
                    # each snapshot links its own copies: a page made from the last one is not disturbed
                    checked = dataclasses.replace(checked, referrers=[])
                result.add(checked)
            briefs.update(entry.briefs)
        result.findings = sorted(found)
        _link_referrers(result.documents)
        return self.site._snapshot_of(key, result, briefs, self.is_inside, self.pages)


def _walk(folder: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, str, bool]]:
    """:func:`~samtale_cli.check.discover.walk` (the same files in the same order), as
    (folder, name, whether it is a link), without a call to the system per file."""
    from samtale_cli.check.discover import YAML_SUFFIXES, skipped_folder

    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        onerror(exc)
        return
    dirs, files = [], []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else files).append(entry)
    for entry in sorted(files, key=lambda e: e.name):
        if entry.name.endswith(YAML_SUFFIXES) and not entry.name.startswith("."):
            yield folder, entry.name, entry.is_symlink()
    for entry in sorted((e for e in dirs if not skipped_folder(Path(e.path))), key=lambda e: e.name):
        if not entry.is_symlink():  # os.walk does not follow links to folders
            yield from _walk(entry.path, onerror)


def _discover(folder: Path, onerror: Callable[[OSError], None], known: dict[str, Path] | None = None,
              links: set[Path] | None = None) -> Iterator[Path]:
    """:func:`~samtale_cli.check.discover.discover` of one folder (the same paths in the
    same order), faster: each folder's path is resolved once, not each file's, and a
    path met before is the ``known`` one. ``links``: told the links among them."""
    from samtale_cli.check.discover import looks_like_samtale

    known = {} if known is None else known
    candidates: Iterable[tuple[str, str, bool]] = _walk(str(folder), onerror)
    if find_workspace_root(folder.resolve()) is None:
        candidates = [(d, n, link) for d, n, link in candidates
                      if n == kinds.WORKSPACE_FILE or looks_like_samtale(Path(d, n))]
        if not candidates:
            raise SamtaleError("ingen samtale-filer")
    seen: set[str] = set()
    folders: dict[str, str] = {}
    for parent, name, link in candidates:
        text = os.path.join(parent, name)
        if link:
            real, named = os.path.realpath(text), os.path.abspath(text)
        else:
            if parent not in folders:
                folders[parent] = os.path.realpath(parent)
            real = named = os.path.join(folders[parent], name)
        if real not in seen:
            seen.add(real)
            if named not in known:
                known[named] = Path(named)
            if link and links is not None:
                links.add(known[named])
            yield known[named]


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` really lies in ``folder`` (a link out of it does not)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _overview_query(day: dt.date, responsible: str | None) -> str:
    from urllib.parse import urlencode

    query = {"dato": day.isoformat(), **({"ansvarlig": responsible} if responsible else {})}
    return f"{OVERVIEW}?{urlencode(query)}"


def serve_links(html: str, links: list[tuple[str, str]]) -> str:
    """``html`` with a row of links to the app's own pages at the end of ``<main>``."""
    from markupsafe import escape

    head, tag, tail = html.rpartition("</main>")
    if not links or not tag:
        return html
    items = " · ".join(f'<a href="{escape(href)}">{escape(label)}</a>' for href, label in links)
    return f'{head}<nav class="i-browseren" aria-label="I browseren"><p>{items}</p></nav>\n{tag}{tail}'


def live(html: str) -> str:
    """A page that reloads itself when a file changes (the script listens to EVENTS)."""
    head, tag, tail = html.rpartition("</body>")
    if not tag:
        return html
    return f'{head}<script src="{LIVE_SCRIPT}"></script>\n{tag}{tail}'


def script(name: str) -> str | None:
    """The text of one of the app's own scripts, by name (``live.js``, ``moede.js``)."""
    if name not in ("live.js", "moede.js"):
        return None
    return (Path(__file__).parent / "static" / name).read_text(encoding="utf-8")

