"""Worker processes: one per core, for runs over many files.

The pool is generic (:func:`in_workers` maps a function over chunks of work); what a
worker does with a file is the run's (:mod:`samtale_cli.check.runs`). Workers are
started with Ctrl-C blocked, so only the parent handles it and stops the pool.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# Files per process below which starting one costs more than it saves. A forked process
# starts in milliseconds; a spawned one (Windows, macOS) imports everything again.
FILES_PER_JOB = 150 if sys.platform == "linux" else 600


def cores() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """One process per usable core, as long as each gets enough files."""
    return max(1, min(cores(), files // FILES_PER_JOB))


def capped_jobs(jobs: int) -> int:
    """SAMTALE_JOBS beyond the number of cores only costs memory (100000 processes did)."""
    return max(1, min(jobs, cores()))


def chunked(items: list[Any], jobs: int) -> list[list[Any]]:
    """Runs of neighbouring items for the workers: neighbours share a department folder,
    so a worker's reference cache serves the sheets of one folder; small runs keep every
    core busy to the end."""
    size = max(1, min(32, len(items) // (jobs * 8)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def in_workers(
    function: Callable[[Any], Any], chunks: list[Any], jobs: int, initializer: Callable[..., None],
    initargs: tuple[Any, ...], method: str | None = None, tasks_per_worker: int | None = None,
) -> Iterator[Any]:
    """``function(chunk)`` for every chunk, in ``jobs`` worker processes made with
    ``initializer(*initargs)``, in the order they finish; in this process when ``jobs``
    is 1. With ``tasks_per_worker``, a worker that has done that many chunks is replaced
    by a new one (what a library keeps from chunk to chunk goes with it). Raises ImportError, NotImplementedError or OSError when this machine cannot
    start workers (a sandbox without semaphores): the caller then does it in-process."""
    if jobs <= 1:
        initializer(*initargs, own=True)
        yield from map(function, chunks)
        return
    import multiprocessing

    method = method or ("fork" if sys.platform == "linux" else "spawn")
    ctx = multiprocessing.get_context(method)
    pool = None
    try:
        with _ctrl_c_held():
            pool = ctx.Pool(jobs, initializer=initializer, initargs=initargs, maxtasksperchild=tasks_per_worker)
        yield from pool.imap_unordered(function, chunks)
    finally:
        if pool is not None:
            pool.terminate()



@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Block Ctrl-C while the pool starts. Workers are born with it blocked, so they
    never see it (the parent stops the pool, and no worker prints a traceback); the
    parent gets a Ctrl-C pressed meanwhile as soon as the pool is up."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: the workers ignore it instead
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})



def ignore_ctrl_c() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)

