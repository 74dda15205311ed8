"""The workspace as a live site, for ``samtale serve`` (the web app is :mod:`samtale_cli.serve.web`).

Every request sees the current files: a :class:`Snapshot` (one pipeline run over the
folder and the pages of :func:`samtale_cli.out.pages.site_pages`) is made again whenever a
file has changed (its size, time or inode, or a change the watcher saw), and pages are
rendered from it. Addresses are looked up in the snapshot's tables, never turned into
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from samtale_cli.core import kinds
from samtale_cli.core import values as v
from samtale_cli.core.errors import SamtaleError, danish_oserror
from samtale_cli.check.checker import Brief, Checked
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
    """The site as the files were at one moment."""

    key: tuple[Any, ...]
    run: Run
    pages: dict[str, Any]  # "laeringssamtaler/x-referat.html" -> pages.Page
    meetings: dict[str, Checked]  # "laeringssamtaler/x" (no .yaml) -> the meeting's file
    rendered: dict[Any, str] = field(default_factory=dict)  # pages made from this snapshot
    files: dict[Path, Checked] = field(default_factory=dict)  # the usable files, by path


class Site:
    """The pages of ``folder``; display names of files are relative to ``cwd``."""

    def __init__(self, folder: Path, cwd: Path, overview: Any = None) -> None:
        self.folder = folder.resolve()
        self.cwd = cwd
        # ``overview(run, root, workspace, day, responsible) -> dict``: what 'samtale
        # oversigt' shows (reports is no layer below serve: the command passes it in)
        self.overview = overview
        self.generation = 0  # raised by the watcher and by every write
        root = find_workspace_root(self.folder)
        self.workspace_file = root / kinds.WORKSPACE_FILE if root else None
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._renderers: dict[dt.date, Any] = {}
        self.unreadable: set[str] = set()  # the folders left out, each named once

    # --- the current state of the files --------------------------------------------

    def changed(self) -> None:
        """Something in the folder changed: the next request makes a new snapshot."""
        self.generation += 1

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
        key = (self.generation, dt.date.today(), self._fingerprint())
        with self._lock:
            if self._snapshot is None or self._snapshot.key != key:
                self._snapshot = self._make(key)
            return self._snapshot

    def _make(self, key: tuple[Any, ...]) -> Snapshot:
        from samtale_cli.out.pages import site_facts, site_pages

        try:
            result = run([self.folder], self.cwd, documents=True, onerror=self._left_out)
        except SamtaleError:  # no samtale files left (outside a workspace): an empty site
            result = Run([])
        inside = [c for c in result.skipped if _inside(c.path, self.folder)]
        files = {checked.path: checked for checked in result.documents}
        pages = site_pages(
            self.folder, [Brief.of(c, site_facts) for c in result.documents], ["html"], broken=inside,
            extra_entries=lambda brief: self._meeting_entries(files[brief.path]),
        )
        meetings = {}
        for checked in [*result.documents, *inside]:
            if checked.is_workspace or not _inside(checked.path, self.folder):
                continue
            kind = kinds.kind_of(checked.model) if checked.model is not None else None
            if kind is None or "mødetilstand" in kind.views:
                meetings[self.address(checked.path)] = checked
        return Snapshot(key, result, {p.rel.as_posix(): p for p in pages}, meetings, files=files)

    def display(self, path: Path) -> str:
        """A file's name as findings show it (relative to where serve was started)."""
        return display_name(path, self.cwd)

    def address(self, path: Path) -> str:
        """A file's address in the meeting mode and for minutes: its path below the
        folder, without ``.yaml``."""
        rel = path.relative_to(self.folder).as_posix()
        return rel.rsplit(".", 1)[0]

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

        known = self.meeting(address)
        if known is None:
            return None
        try:
            return version_of(read_regular(known.path, MAX_BYTES))
        except OSError:
            return None

    def save_minutes(self, address: str, number: str, text: str, version: str) -> str:
        """Save minutes (see :func:`samtale_cli.serve.minutes.save`); the new version."""
        from samtale_cli.serve.minutes import NotSaved, save

        known = self.meeting(address)
        if known is None:
            raise NotSaved("Læringssamtalen findes ikke.", 404)
        try:
            return save(known.path, self.cwd, number, text, version)
        finally:
            self.changed()

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

    def after_page(self, address: str, token: str, typed: Any = None) -> str | None:
        """The after-meeting page of the meeting at ``address`` (its findings when it has
        errors); None when there is no such meeting. ``typed``: a refused form
        (:class:`samtale_cli.serve.views.Typed`)."""
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
            "ark_action": SHEET_WRITE + quoted,
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

        known = self.meeting(address)
        if known is None:
            raise NotSaved("Læringssamtalen findes ikke.", 404)
        after.check_lengths(form)
        make = after.MEETING_FORMS[what]
        try:
            return after.save(known.path, self.cwd, form.get("version", ""), lambda model: make(form, model))
        finally:
            self.changed()

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
                                  m.AttentionSheet)
            if version:  # the page saw a sheet that is gone, or another one
                raise NotSaved("Arket er flyttet eller slettet, siden siden blev hentet; genindlæs siden.", 409)
            return after.create_sheet(*self._new_sheet(known, name, values))
        finally:
            self.changed()

    def _new_sheet(self, known: Checked, department: str, values: dict[str, Any]) -> tuple[Path, Path, str]:
        """Where a new sheet goes (as 'new opmærksomhedspunkter' puts it), and its text."""
        from samtale_cli.check.workspace import Workspace, relative
        from samtale_cli.core.kinds import SHEET
        from samtale_cli.out.schema import modeline
        from samtale_cli.serve.after import sheet_text

        root = self.workspace_file.parent if self.workspace_file is not None else None
        target = SHEET.path(root, department=department, date=known.model.date)
        if root is None:
            target = self.folder / target
        ws = Workspace.at(root) if root is not None else None
        line = modeline(ws, SHEET, target, [])
        meeting = Path(os.path.realpath(known.path))
        text = sheet_text(line, relative(meeting, target.parent), department, known.model.date, values)
        return target, self.cwd, text

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
            nr = next((i for i, a in enumerate(checked.model.agreements, 1) if a.what == item["hvad"]), None) \
                if checked is not None else None
            if address is not None and raw is not None and nr is not None:
                item = {**item, "action": "/_aftale/" + quote(address), "nr": str(nr), "version": version_of(raw),
                        "id": f"status-{len(agreements) + 1}", "after": AFTER + quote(address)}
            agreements.append(item)
        links = {"token": token, "document_label": OVERVIEW_LABEL, "filter_action": OVERVIEW,
                 "back": _overview_query(day, responsible)}
        view = overview_view(data, agreements, links, typed)
        return status, live(self.renderer().render_view("oversigt", view, "html"))


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

