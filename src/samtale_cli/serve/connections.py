"""The connections of ``samtale serve``: uvicorn's HTTP/1.1 protocol with limits.

uvicorn waits for ever for a request that is only half sent and accepts connections
until the process runs out of files (then every accept is a traceback, and the browser
is locked out). Here:

* a connection must send the head of a request within :attr:`Limits.head_seconds` of
  opening (or of the last response), else it is closed;
* there are at most :attr:`Limits.connections` at once (by default well below the
  number of files the process may open); one more, and the oldest connection that is
  not in the middle of a request is closed to make room, so the browser gets in while
  others hold connections open and send nothing;
* what happened is said in one Danish line on standard error, at most once a minute
  for the same thing (:class:`Notices`), never a traceback.

The body of a form has its own limit, in the app (``web``), where it is read.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_CONNECTIONS = 1000
FEWEST_CONNECTIONS = 16
# How many connections asyncio accepts in one go (uvicorn's ``backlog``). asyncio goes on
# trying that many times when the process is out of files, with a traceback each time,
# so the limit leaves room for a few such rounds before the closed connections are gone.
ACCEPT_BATCH = 32
SPARE_FILES = 64 + 4 * ACCEPT_BATCH  # the rest of the server (YAML files, watcher, pool), and rounds of accepts


def raise_file_limit(wanted: int = 4096) -> None:
    """Let the process open ``wanted`` files when the system allows it (macOS gives a
    program 256)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft < target:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ImportError, ValueError, OSError):  # no such limits here, or not allowed: keep it
        pass


def default_connections() -> int:
    """How many connections at once: what the open-files limit leaves room for."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except ImportError:
        return MAX_CONNECTIONS
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(FEWEST_CONNECTIONS, min(MAX_CONNECTIONS, soft - SPARE_FILES))


@dataclass(frozen=True)
class Limits:
    """How long a client may take, and how many may be connected at once (0: as many as
    the open-files limit leaves room for)."""

    head_seconds: float = 10.0
    body_seconds: float = 10.0
    connections: int = 0

    def most(self) -> int:
        return self.connections or default_connections()


class Notices:
    """One line on standard error for each thing that happens, at most once every
    ``interval`` seconds for the same text (an attacker must not fill the terminal)."""

    def __init__(self, interval: float = 60.0) -> None:
        self.interval = interval
        self.last: dict[str, float] = {}

    def say(self, text: str) -> None:
        now = time.monotonic()
        if text in self.last and now - self.last[text] < self.interval:
            return
        self.last[text] = now
        print(f"samtale serve: {text}", file=sys.stderr, flush=True)


class LimitedH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for the head of each request and a limit
    on the connections (see the module). Made for one server by :func:`protocol`."""

    limits: ClassVar[Limits] = Limits()
    notices: ClassVar[Notices] = Notices()
    most: ClassVar[int] = MAX_CONNECTIONS

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.waiting_since = 0.0
        self.deadline: Any = None
        self._wait_for_a_request()
        if len(self.connections) > self.most:
            open_ = [c for c in self.connections if not c.transport.is_closing()]
            if len(open_) > self.most:
                self._make_room(open_)

    def connection_lost(self, exc: Exception | None) -> None:
        self._no_deadline()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._wait_for_a_request()

    def busy(self) -> bool:
        """Whether a request is being answered (its head has come, its response has not
        all been sent)."""
        return self.cycle is not None and not self.cycle.response_complete

    def _wait_for_a_request(self) -> None:
        self._no_deadline()
        self.waiting_since = self.loop.time()
        self.deadline = self.loop.call_later(self.limits.head_seconds, self._too_slow)

    def _no_deadline(self) -> None:
        if getattr(self, "deadline", None) is not None:
            self.deadline.cancel()
            self.deadline = None

    def _too_slow(self) -> None:
        self.deadline = None
        if not self.busy() and not self.transport.is_closing():
            self.transport.close()

    def _make_room(self, open_: list[Any]) -> None:
        """Close the connection that has waited longest without a request (this one,
        when every other is busy)."""
        idle = [c for c in open_ if c is not self and isinstance(c, LimitedH11) and not c.busy()]
        oldest = min(idle, key=lambda c: c.waiting_since) if idle else self
        oldest.transport.close()
        self.notices.say(
            f"for mange forbindelser på én gang (mere end {self.most}); de ældste, der ikke har sendt en "
            "forespørgsel, lukkes.")


def protocol(limits: Limits, notices: Notices) -> type[LimitedH11]:
    """The protocol class for one server (uvicorn's ``Config(http=...)``)."""
    return type("Limited", (LimitedH11,), {"limits": limits, "notices": notices, "most": limits.most()})
