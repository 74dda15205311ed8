"""The web app of ``samtale serve``: Starlette on uvicorn, over a :class:`~samtale_cli.serve.site.Site`.

* every page of ``render MAPPE`` at the same address, made from the current files;
* ``/_check.json``; ``/_aendringer`` (server-sent events when a file changes; the pages'
  script reloads them); ``/_moede/...`` (the meeting mode); ``/_referat/...`` (GET: the
  file's version, POST: minutes written back).

Safety: every request must name the served host in ``Host`` (a page of another site
that a DNS trick points at 127.0.0.1 gets 403); a POST must carry the token of this run
of the server (403) and come from its own pages (``Origin``); nothing is served from a
path: addresses are looked up in the site's tables (404 for anything else). Responses
forbid framing and scripts from anywhere but the app itself. An error inside the app is
answered with a Danish 500 page and one line on standard error, never a traceback; a
client that goes away is no error. A form must arrive within ``Limits.body_seconds``
(408); the head of a request, and how many connections there may be, are the business of
:mod:`samtale_cli.serve.connections`.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import logging
import secrets
import socket
import sys
import threading
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from samtale_cli.core import kinds
from samtale_cli.serve import site as s
from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.values import ParseError, parse_clock, parse_date
from samtale_cli.serve.connections import ACCEPT_BATCH, Limits, Notices, protocol, raise_file_limit
from samtale_cli.serve.minutes import NotSaved

MAX_BODY = 1024 * 1024  # bytes of a POST
MAX_FIELDS = 400  # fields of a POST (a theme checkbox is one: up to 50 texts with some themes each)
PING_SECONDS = 15  # a comment on the event stream keeps proxies and browsers from giving up
MAX_STEP_DIGITS = 3  # ?trin= is an item's place in the agenda
MAX_SHOWN = 40  # characters of a bad value that a message repeats
GONE = (ClientDisconnect, ConnectionError)  # the client went away: nothing to say
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes a form's POST say Origin: null
    "Cache-Control": "no-store",
}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"0.0.0.0", "::", ""}


class Changes:
    """The open event streams; each gets the names of the files that changed (None: the
    stream is closed to make room). A stream holds its connection for as long as it is
    open, so there may be at most ``most`` of them (half the connections): one more, and
    the oldest stream of the client with the most streams is closed (a page's script
    opens it again a second later), so open streams never lock the browser out."""

    def __init__(self, most: int = 500) -> None:
        self.most = max(1, most)
        self.queues: dict[asyncio.Queue[list[str] | None], str] = {}  # oldest first -> the client
        self.notices = Notices()

    def open(self, client: str) -> asyncio.Queue[list[str] | None]:
        if len(self.queues) >= self.most:
            counts = Counter(self.queues.values())
            heaviest = max(counts, key=lambda c: counts[c])
            oldest = next(queue for queue, owner in self.queues.items() if owner == heaviest)
            self.close(oldest)
            self.notices.say(f"for mange åbne forbindelser til ændringer (mere end {self.most}); de ældste lukkes.")
        queue: asyncio.Queue[list[str] | None] = asyncio.Queue()
        self.queues[queue] = client
        return queue

    def close(self, queue: asyncio.Queue[list[str] | None]) -> None:
        if self.queues.pop(queue, None) is not None:
            queue.put_nowait(None)

    def publish(self, files: list[str]) -> None:
        for queue in self.queues:
            queue.put_nowait(files)


# --- the app --------------------------------------------------------------------------


def create_app(site: s.Site, hosts: set[str], token: str, stopping: threading.Event | None = None,  # noqa: C901
               watch: bool = True, limits: Limits = Limits()) -> Any:
    """The ASGI app over ``site``. ``hosts``: the accepted ``Host`` headers; ``token``:
    what a POST must carry; ``stopping``: set when the server shuts down (event streams
    end); ``watch``: follow the files with watchfiles; ``limits``: how long a form may
    take to arrive."""
    stopping = stopping or threading.Event()
    changes = Changes(limits.most() // 2)

    def page(request: Request) -> Response:
        address = request.path_params["sti"]
        if address == "" or address.endswith("/"):
            address += "index.html"
        html = site.page(address)
        if html is not None:
            return HTMLResponse(html)
        if site.page(f"{address}/index.html") is not None:  # a folder without its slash
            return RedirectResponse(f"/{quote(address)}/", status_code=307)
        return message_page(404, "Siden findes ikke", "Der er ingen side med den adresse i arbejdsmappen.")

    def check_json(request: Request) -> Response:
        return Response(site.check_json(), media_type="application/json")

    def asset(request: Request) -> Response:
        text = s.script(request.path_params["navn"])
        if text is None:
            return message_page(404, "Siden findes ikke", "Der er ingen side med den adresse.")
        return Response(text, media_type="text/javascript")

    def meeting_mode(request: Request) -> Response:
        rehearse = request.query_params.get("nu")
        try:
            clock = parse_clock(rehearse) if rehearse is not None else _now()
        except ParseError:
            return message_page(400, "Ugyldigt klokkeslæt",
                                f"'nu' skal være et klokkeslæt, fx ?nu=13:20, ikke '{_shown(rehearse)}'.")
        now = clock.hour * 60 + clock.minute
        step = _step(request.query_params.get("trin", ""))
        html = site.meeting_page(request.path_params["sti"], now, step, token, rehearse is not None)
        if html is None:
            return message_page(404, "Læringssamtalen findes ikke", "Der er ingen læringssamtale med den adresse.")
        return HTMLResponse(html)

    def version(request: Request) -> Response:
        current = site.version(request.path_params["sti"])
        if current is None:
            return JSONResponse({"besked": "Læringssamtalen findes ikke."}, status_code=404)
        return JSONResponse({"version": current})

    async def save(request: Request) -> Response:
        address = request.path_params["sti"]
        wants_json = "application/json" in request.headers.get("accept", "")
        try:
            form = await _form(request, limits.body_seconds)
            _check_token(form, token)
            missing = [name for name in ("punkt", "referat", "version") if name not in form]
            if missing:
                raise NotSaved(f"Formularen mangler feltet {', '.join(missing)}.", 400)
            version_now = await run_in_threadpool(
                site.save_minutes, address, form["punkt"], form["referat"], form["version"])
        except ClientDisconnect:  # nobody to answer
            return Response(status_code=400)
        except NotSaved as exc:
            if wants_json:
                refused: Response = JSONResponse({"besked": exc.message}, status_code=exc.status)
            else:
                refused = message_page(exc.status, "Referatet er ikke gemt", exc.message,
                                       back=s.MEETING_MODE + quote(address))
            if exc.status == 408:  # the rest of the body may still come: not on this connection
                refused.headers["Connection"] = "close"
            return refused
        if wants_json:
            return JSONResponse({"version": version_now, "besked": "Gemt."})
        return RedirectResponse(f"{s.MEETING_MODE}{quote(address)}#punkt-{quote(form['punkt'])}", status_code=303)

    def after_page(request: Request) -> Response:
        saved = _form_id({"skema": request.query_params.get("gemt", "")}, "")  # the form saved just now
        html = site.after_page(request.path_params["sti"], token, saved=saved)
        if html is None:
            return message_page(404, "Læringssamtalen findes ikke", "Der er ingen læringssamtale med den adresse.")
        return HTMLResponse(html)

    def after_write(what: str) -> Any:
        async def write(request: Request) -> Response:
            address = request.path_params["sti"]
            form: dict[str, str] = {}
            try:
                form = await _form(request, limits.body_seconds)
                _check_token(form, token)
                if what == "ark":
                    await run_in_threadpool(site.save_sheet, address, form)
                else:
                    await run_in_threadpool(site.save_after, address, what, form)
            except ClientDisconnect:
                return Response(status_code=400)
            except NotSaved as exc:
                return await run_in_threadpool(refused_after, address, form, exc)
            back = _back(form)
            if back is None:
                saved = _form_id(form, what)
                back = f"{s.AFTER}{quote(address)}?gemt={saved}#{saved}"  # the page says "Gemt." by the form
            return RedirectResponse(back, status_code=303)

        return write

    def refused_after(address: str, form: dict[str, str], exc: NotSaved) -> Response:
        """A refused form: the page again, with what was typed and the message (400, 409);
        else a short page."""
        from samtale_cli.serve.views import Typed

        if exc.status in (400, 409) and form.get("token") == token:
            typed = Typed(_form_id(form, ""), exc.message, form)
            if _back(form) is not None and site.overview is not None:
                _, html = site.overview_page(_overview_day(form), None, token, typed)
            else:
                html = site.after_page(address, token, typed)
            if html is not None:
                return HTMLResponse(html, status_code=exc.status)
        refused = message_page(exc.status, "Intet er gemt", exc.message, back=s.AFTER + quote(address))
        if exc.status == 408:
            refused.headers["Connection"] = "close"
        return refused

    def overview_page(request: Request) -> Response:
        if site.overview is None:
            return message_page(404, "Siden findes ikke", "Oversigten er ikke med, når serve er startet på den måde.")
        text = request.query_params.get("dato", "").strip()
        try:
            day = parse_date(text) if text else _today()
        except ParseError:
            return message_page(400, "Ugyldig dato", f"'dato' skal være en dato, fx ?dato=2025-06-01, ikke '{_shown(text)}'.")
        who = request.query_params.get("ansvarlig", "").strip() or None
        status, html = site.overview_page(day, who, token)
        return HTMLResponse(html, status_code=status)

    async def events(request: Request) -> Response:
        queue = changes.open(request.client.host if request.client else "")

        async def stream() -> AsyncIterator[str]:
            try:
                yield "retry: 1000\n\n"
                quiet = 0.0
                while not stopping.is_set():
                    try:
                        files = await asyncio.wait_for(queue.get(), 0.5)
                    except asyncio.TimeoutError:
                        quiet += 0.5
                        if quiet >= PING_SECONDS:
                            quiet = 0.0
                            yield ": ping\n\n"
                        continue
                    if files is None:  # closed to make room for a newer stream
                        return
                    yield f"event: endret\ndata: {json.dumps({'filer': files}, ensure_ascii=False)}\n\n"
            finally:
                changes.queues.pop(queue, None)

        return StreamingResponse(stream(), media_type="text/event-stream")

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(_watch(site, changes, stop)) if watch else None
        try:
            yield
        finally:
            stop.set()
            if task is not None:
                task.cancel()

    routes = [
        Route(s.CHECK_JSON, check_json),
        Route(s.EVENTS, events),
        Route(s.ASSETS + "{navn}", asset),
        Route(s.MEETING_MODE + "{sti:path}", meeting_mode),
        Route(s.MINUTES + "{sti:path}", version, methods=["GET"]),
        Route(s.MINUTES + "{sti:path}", save, methods=["POST"]),
        Route(s.AFTER + "{sti:path}", after_page),
        *(Route(prefix + "{sti:path}", after_write(what), methods=["POST"]) for prefix, what in s.AFTER_WRITES.items()),
        Route(s.SHEET_WRITE + "{sti:path}", after_write("ark"), methods=["POST"]),
        Route(s.OVERVIEW, overview_page),
        Route("/{sti:path}", page),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: _internal_error})
    app.state.changes = changes
    return Guard(app, {h.lower() for h in hosts})


def message_page(status: int, title: str, text: str, back: str | None = None) -> HTMLResponse:
    """A short Danish page: a refusal, a missing page."""
    from samtale_cli.out.views.pages import ErrorPageView

    view = ErrorPageView(title=title, message=text, back=back)
    html = _renderer().render_view(kinds.SERVE_VIEWS["fejl"].template, view, "html")
    return HTMLResponse(html, status_code=status)


def _internal_error(request: Request, exc: Exception) -> Response:
    """The answer to an error inside the app (:class:`Guard` says it on standard error)."""
    return _error_page()


def _error_page() -> Response:
    """The Danish 500 page (plain text, should even the page fail)."""
    text = "Siden kunne ikke laves. Meld det gerne som en fejl."
    try:
        return message_page(500, "Intern fejl", text)
    except Exception:  # noqa: BLE001 - the last answer must not fail
        return PlainTextResponse(f"Intern fejl. {text}", status_code=500)


@functools.cache
def _renderer() -> Any:
    from samtale_cli.out.html import Renderer

    return Renderer()


async def _form(request: Request, seconds: float) -> dict[str, str]:
    """The fields of a form sent as application/x-www-form-urlencoded, at most MAX_BODY,
    all of it within ``seconds``."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise NotSaved("Formularen skal sendes som application/x-www-form-urlencoded.", 415)
    body = bytearray()

    async def read() -> None:
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > MAX_BODY:
                raise NotSaved("Formularen er for stor.", 413)

    try:
        await asyncio.wait_for(read(), seconds)
    except asyncio.TimeoutError:
        raise NotSaved(f"Formularen kom ikke helt frem inden for {seconds:g} sekunder; prøv igen.", 408) from None
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise NotSaved("Formularen kunne ikke læses (ikke UTF-8 eller for mange felter).", 400) from None
    return dict(pairs)


def _check_token(form: dict[str, str], token: str) -> None:
    if not hmac.compare_digest(form.get("token", "").encode(), token.encode()):
        raise NotSaved("Siden er fra en tidligere kørsel af 'samtale serve' eller fra et andet sted; "
                       "genindlæs siden og prøv igen.", 403)


def _form_id(form: dict[str, str], what: str) -> str:
    """The id of the form on the page (``skema``: letters, digits and hyphens), else ``what``."""
    found = form.get("skema", "")
    if found and len(found) <= 80 and all(c.isascii() and (c.isalnum() or c == "-") for c in found):
        return found
    return what


def _back(form: dict[str, str]) -> str | None:
    """Where to go after a save made on the overview page (``tilbage``: only that page)."""
    back = form.get("tilbage", "")
    if back == s.OVERVIEW or back.startswith(s.OVERVIEW + "?"):
        if all(c.isascii() and c.isprintable() and c not in "\\\"<> " for c in back):
            return back
    return None


def _overview_day(form: dict[str, str]) -> Any:
    from urllib.parse import parse_qs, urlsplit

    back = _back(form) or ""
    found = parse_qs(urlsplit(back).query).get("dato", [""])[0]
    try:
        return parse_date(found)
    except ParseError:
        return _today()


def _today() -> Any:
    import datetime as dt

    return dt.date.today()


def _step(text: str) -> int | None:
    """The item chosen with ``?trin=`` (its place in the agenda), or None: none, or not
    a small whole number (then the clock decides)."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_STEP_DIGITS:
        return int(text)
    return None


def _shown(value: str) -> str:
    """A value from the request as a message repeats it: the start of it."""
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


def _now() -> Any:
    import datetime as dt

    return dt.datetime.now().time()


class Guard:
    """ASGI middleware around the app: the Host check, the Origin check of a POST, the
    security headers, and a Danish 500 page instead of a traceback."""

    def __init__(self, app: Any, hosts: set[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.origins = {f"http://{h}" for h in hosts}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "").lower() not in self.hosts:
            await PlainTextResponse("Forkert værtsnavn (Host); åbn siden med adressen, som samtale serve skrev.",
                                    status_code=403)(scope, receive, send)
            return
        origin = headers.get("origin")
        if scope["method"] == "POST" and origin is not None and origin.lower() not in self.origins:
            await PlainTextResponse("Forespørgslen kommer fra en anden side; den er afvist.", status_code=403)(
                scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except GONE:  # the client went away: there is no one to answer, and nothing went wrong
            pass
        except Exception as exc:  # noqa: BLE001 - never a traceback; one line instead
            print(f"samtale serve: intern fejl ved {_shown(scope.get('path', ''))}: {type(exc).__name__}: "
                  f"{_shown(str(exc))}", file=sys.stderr, flush=True)
            if not started:
                await _error_page()(scope, receive, send_with_headers)


async def _watch(site: s.Site, changes: Changes, stop: asyncio.Event) -> None:
    """Follow the files (watchfiles); on a change, a new snapshot and an event to the pages."""
    from watchfiles import awatch

    paths = [site.folder]
    if site.workspace_file is not None and not site.workspace_file.is_relative_to(site.folder):
        paths.append(site.workspace_file)

    def wanted(change: Any, path: str) -> bool:
        rel = Path(path)
        try:
            rel = rel.relative_to(site.folder)
        except ValueError:
            return True
        return not any(part.startswith(".") or part in ("_site", "__pycache__", "node_modules") for part in rel.parts)

    try:
        # yield_on_timeout: an empty set once the watcher runs; from then on a request
        # trusts it and does not look at every file (one more look, for what came before)
        async for found in awatch(*paths, stop_event=stop, watch_filter=wanted, debounce=200, step=50,
                                  rust_timeout=500, yield_on_timeout=True):
            if not site.trusted:
                site.trusted = True
                site.changed()
            if not found:
                continue
            site.changed(Path(p) for _, p in found)
            changes.publish(sorted({site.display(Path(p)) for _, p in found}))
    except Exception as exc:  # noqa: BLE001 - no watching: poll instead
        site.trusted = False
        print(f"samtale serve: følger filerne ved at kigge efter ændringer hvert sekund ({exc}).", file=sys.stderr)
        last = await asyncio.to_thread(site.snapshot)
        while not stop.is_set():
            await asyncio.sleep(1)
            now = await asyncio.to_thread(site.snapshot)
            if now.key != last.key:
                changes.publish([])
            last = now


# --- the server -----------------------------------------------------------------------


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` headers that name this server: the host it listens on (with the loopback
    names when it is a loopback or every address; then also this machine's names)."""
    name = host.strip("[]").lower()
    names = {name}
    if name in LOOPBACK or name in WILDCARD:
        names |= LOOPBACK
    if name in WILDCARD:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        try:
            names |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
        except OSError:
            pass
    names.discard("")
    hosts = {f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names}
    if port == 80:
        hosts |= {f"[{n}]" if ":" in n else n for n in names}
    return hosts


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host`` and ``port`` (0: a free port), or a Danish error."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise SamtaleError(f"Værten '{host}' kendes ikke; brug fx --host 127.0.0.1.") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise SamtaleError(f"Porten {port} er optaget; vælg en anden med --port, eller --port 0 for en ledig.") from None
        if exc.errno == errno.EACCES:
            raise SamtaleError(f"Porten {port} må ikke bruges uden særlige rettigheder; vælg en over 1024.") from None
        raise SamtaleError(f"Kan ikke lytte på {host}:{port}: {exc.strerror or exc}.") from None
    sock.setblocking(False)
    return sock


def url(host: str, port: int) -> str:
    name = host.strip("[]")
    if name in WILDCARD:
        name = "127.0.0.1"
    return f"http://[{name}]:{port}/" if ":" in name else f"http://{name}:{port}/"


class _Logs(logging.Handler):
    """The warnings of uvicorn and asyncio as one line each (the first of the message),
    without tracebacks, the usual ones in Danish, the same one at most once a minute."""

    DANISH = {
        "Invalid HTTP request received.": "en forespørgsel, der ikke er gyldig HTTP, blev afvist.",
        "Unsupported upgrade request.": "en forespørgsel om at skifte protokol blev afvist.",
        "socket.accept() out of system resource": (
            "for mange åbne filer; nye forbindelser må vente et øjeblik."),
    }

    def __init__(self, notices: Notices) -> None:
        super().__init__(logging.WARNING)
        self.notices = notices

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().split("\n", 1)[0]
        self.notices.say(self.DANISH.get(message, _shown(message)))


def quiet_logs(notices: Notices) -> None:
    """uvicorn's and asyncio's logs through :class:`_Logs`."""
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [_Logs(notices)]
        logger.propagate = False
        logger.setLevel(logging.WARNING)


def make_server(app: Any, stopping: threading.Event, limits: Limits = Limits()) -> Any:
    """A uvicorn server for ``app`` (run it with ``.run(sockets=[...])``), with the
    connections of :mod:`samtale_cli.serve.connections`; ``stopping`` is set when it is
    told to stop."""
    import uvicorn

    notices = Notices()
    quiet_logs(notices)
    config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=2, server_header=False, date_header=False,
                            http=protocol(limits, notices), ws="none", backlog=ACCEPT_BATCH)

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            stopping.set()  # the event streams end, so the shutdown does not wait for them
            super().handle_exit(sig, frame)

    return Server(config)


def serve(folder: Path, cwd: Path, host: str, port: int, limits: Limits = Limits(), overview: Any = None) -> int:
    """Serve ``folder`` until Ctrl-C (or SIGTERM); prints the address first. ``overview``:
    what ``/_oversigt`` shows (see :class:`~samtale_cli.serve.site.Site`)."""
    raise_file_limit()
    sock = bind(host, port)
    port = sock.getsockname()[1]
    stopping = threading.Event()
    site = s.Site(folder, cwd, overview)
    app = create_app(site, allowed_hosts(host, port), secrets.token_urlsafe(32), stopping, limits=limits)
    server = make_server(app, stopping, limits)
    site.prepare()
    print(f"samtale serve: viser {site.folder} på {url(host, port)}  (stop med Ctrl-C)", flush=True)
    if host.strip("[]") not in LOOPBACK:
        print("samtale serve: advarsel: andre maskiner på netværket kan åbne siderne og skrive referater.",
              file=sys.stderr, flush=True)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("samtale serve: stoppet.", file=sys.stderr, flush=True)
    return 0
