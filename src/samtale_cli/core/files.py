"""Writing files without ever leaving a half-written one behind, and without replacing
a file samtale did not write unless told to (``--force``).

Every file samtale writes as output carries its mark, so a later run may replace it:
HTML a ``<meta name="generator">`` tag, Markdown (and HTML from one's own templates) a
closing comment, PDF its document identifier, iCalendar its ``PRODID``, JSON Schema a
``$comment``, Word its document properties. Any other file that exists is refused:
the input, every ``.yaml``/``.yml`` (``samtale.yaml`` included), a person's
``noter.md``. A refusal is a usage error (exit 2) and leaves the file untouched.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from samtale_cli.core.errors import SamtaleError

HTML_MARK = '<meta name="generator" content="samtale">'
TEXT_MARK = "<!-- lavet med samtale -->"
PDF_ID_PREFIX = b"samtale-"  # the PDF's /ID starts with it: /ID [(samtale-...)
JSON_MARK = '"$comment": "Lavet med samtale'
DOCX_CREATOR = "samtale"
_BYTE_MARKS = (
    HTML_MARK.encode(), TEXT_MARK.encode(), b"/ID [(" + PDF_ID_PREFIX, b"PRODID:-//samtale", JSON_MARK.encode(),
)
_PEEK = 16 * 1024  # marks stand near the start (HTML, ICS, JSON) or the end (Markdown, PDF)
YAML_SUFFIXES = (".yaml", ".yml")


TEMP_MARK = ".samtale-"
STALE_AFTER = 600  # seconds: a temporary file this old was left by a process that was killed


def write_atomic(path: Path, data: str | bytes | Iterable[str], *, durable: bool = True,
                 guard: Callable[[], None] | None = None, keep_same: bool = False) -> None:
    """Write via a temporary file in the same folder, then rename over ``path``: a reader
    sees the old file or the new one, never half of one.

    Text is written as UTF-8 with ``\\n`` line endings, so output is byte-identical on
    every platform. A file that is replaced keeps its mode (a 0600 file stays private);
    a new one gets the usual mode. Temporary files left by a killed run
    (``.NAME.samtale-XXXX.tmp``) are removed the next time NAME is written. Only a
    regular file is ever replaced: a link, a FIFO or a device is refused
    (:func:`refuse_special`), whoever asks.

    ``durable`` waits until the bytes are on the disk (fsync) before the rename: for the
    files people write (YAML). Rendered output, which is made again from them in the
    same bytes, skips the wait (it cost a third of a large site's render).

    ``keep_same``: a file that already holds exactly these bytes is left as it is (not
    written, its time unchanged): rendered output made again after a change rewrites only
    the pages that changed, so a synchronised folder (OneDrive, a web server's rsync) gets
    only those, and replacing a file costs the system more than reading it.

    ``data`` may come in pieces of text (a large page, written as it is made).
    ``guard`` runs last, just before the rename; it raises to leave ``path`` as it is
    (:func:`replace_if_unchanged`). An error of the system names ``path`` (not the
    temporary file, and never "standard-output").
    """
    refuse_special(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pieces = (data.encode("utf-8"),) if isinstance(data, str) else (data,) if isinstance(data, bytes) else (
        piece.encode("utf-8") for piece in data)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; give the usual mode
    if keep_same and guard is None:
        whole = bytearray()  # (not b"".join: a page of 300,000 pieces would be held twice, once as a list)
        for piece in pieces:
            whole += piece
        if _holds(path, whole):
            return
        pieces = (whole,)
    _remove_stale_temps(path)
    try:
        _write_and_rename(path, pieces, mode, durable, guard)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _holds(path: Path, data: bytes | bytearray) -> bool:
    """Whether the regular file ``path`` holds exactly ``data`` (False when it cannot be read)."""
    try:  # (non-blocking: a FIFO put there since it was refused must not hang the render)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        try:
            return f.read(len(data) + 1) == data
        except OSError:
            return False


def _write_and_rename(path: Path, pieces: Iterable[bytes | bytearray], mode: int, durable: bool,
                      guard: Callable[[], None] | None) -> None:
    # the name's start only: a name near the system's limit (255 bytes) must still get a temporary file
    short = path.name.encode("utf-8")[:180].decode("utf-8", "ignore")
    import tempfile  # not at import: a check that writes nothing need not load it

    fd, tmp = tempfile.mkstemp(prefix=f".{short}{TEMP_MARK}", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for raw in pieces:
                out.write(raw)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.chmod(tmp, mode)
        if guard is not None:
            guard()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_temps(folders: Iterable[Path], *, before: float) -> None:
    """Every temporary file of ours in ``folders`` older than ``before`` (a time): what a
    killed run left there, so that a site never publishes one. A run that started
    earlier and still writes may lose a temporary file; its rename then fails loudly."""
    for folder in set(folders):
        for old in folder.glob(f".*{TEMP_MARK}*.tmp"):
            try:
                info = old.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mtime < before:
                    old.unlink()
            except OSError:
                pass


# --- a file that people also edit: one writer at a time, never a lost update ----------

LOCK_MARK = ".samtale-lock"
LOCK_WAIT = 2.0  # seconds a writer waits for another one before it gives up


class Busy(SamtaleError):
    """Another process (a second ``samtale serve``) is writing the file right now."""


class Changed(SamtaleError):
    """The file is not what the writer read: someone saved it in the meantime."""


class ReadOnly(SamtaleError):
    """The file is write-protected: samtale does not write it."""


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``.NAME.samtale-lock`` beside it."""
    return path.with_name(f".{path.name}{LOCK_MARK}")


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the lock of ``path`` against every other samtale process (``fcntl.flock`` on
    POSIX, ``msvcrt.locking`` on Windows), waiting at most :data:`LOCK_WAIT` seconds
    before :class:`Busy`. Hold it from reading the file through comparing to renaming
    (:func:`replace_if_unchanged`).

    The lock file is an empty dotfile beside ``path`` (``.NAME.samtale-lock``), there
    only while the lock is held: it is removed before the lock is let go, and a waiting
    process that then holds a removed file tries again (on Windows an open lock file
    cannot be removed; the last one out removes it). It is never a document (discovery
    reads ``.yaml``/``.yml``), and the system lets go of the lock when a process dies, so
    a killed server blocks no one; its empty file stays until the next save.
    """
    import time

    lock = lock_path(path)
    deadline = time.monotonic() + LOCK_WAIT
    fd = _open_locked(lock, path, deadline)
    try:
        yield
    finally:
        _release(fd, lock)


def _open_locked(lock: Path, path: Path, deadline: float) -> int:
    """An open, locked descriptor of the lock file that is still at ``lock``."""
    import time

    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        try:
            fd = os.open(lock, flags, 0o666)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(lock)) from None
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise Busy(f"'{show(path)}' bliver gemt af en anden lige nu (fx et andet 'samtale serve'); "
                           "prøv igen om et øjeblik.")
            time.sleep(0.02)
        if _same_file(fd, lock):
            return fd
        _unlock(fd)  # the holder before removed it: lock the one there now
        os.close(fd)


def _same_file(fd: int, lock: Path) -> bool:
    try:
        now, held = os.stat(lock), os.fstat(fd)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _release(fd: int, lock: Path) -> None:
    """Remove the lock file (while still holding it, on POSIX), then let go."""
    posix = os.name == "posix"
    if posix:
        lock.unlink(missing_ok=True)
    _unlock(fd)
    os.close(fd)
    if not posix:
        try:
            lock.unlink()
        except OSError:  # another process has it open (and waits for it, or holds it)
            pass


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: another holds it
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def check_writable(path: Path) -> None:
    """Raise :class:`ReadOnly` when ``path`` is write-protected (no write permission for
    its owner, or none for this user): samtale respects it, even when run as root."""
    info = os.stat(path)
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise ReadOnly(f"'{show(path)}' er skrivebeskyttet, så samtale skriver ikke i den.")


def replace_if_unchanged(path: Path, expected: bytes, new: bytes) -> None:
    """Replace ``path`` with ``new`` only when it still holds ``expected`` (what the
    writer read), atomically and durably; call it inside :func:`file_lock`. The bytes
    are compared again just before the rename, so an editor's save made meanwhile is
    kept and the write refused (:class:`Changed`); a write-protected file is refused
    (:class:`ReadOnly`)."""
    check_writable(path)

    def unchanged() -> None:
        try:
            now = path.read_bytes()
        except OSError:
            now = None
        if now != expected:
            raise Changed(f"'{show(path)}' er ændret, mens den blev skrevet; intet er gemt.")

    unchanged()
    write_atomic(path, new, guard=unchanged)


_tidied: set[Path] = set()  # folders already looked through in this process


def _remove_stale_temps(path: Path) -> None:
    """Once per folder and process (a site writes thousands of files into few folders):
    every temporary file of ours there that a killed run left behind."""
    import time

    if path.parent in _tidied:
        return
    _tidied.add(path.parent)
    now = time.time()
    for old in path.parent.glob(f".*{TEMP_MARK}*.tmp"):
        try:
            if now - old.lstat().st_mtime > STALE_AFTER and old.is_file() and not old.is_symlink():
                old.unlink()
        except OSError:
            pass


def leads_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every link on the way followed, lies in ``root`` (False
    when the system cannot say: a name too long, another drive)."""
    try:
        real_root, real = os.path.realpath(root), os.path.realpath(path)
        return os.path.commonpath([real_root, real]) == real_root
    except (OSError, ValueError):
        return False


def check_inside(path: Path, root: Path, what: str = "arbejdsmappen") -> None:
    """Raise SamtaleError (exit 2) when writing ``path`` would land outside ``root``
    because a folder on the way is a link that leads out (``_site -> ../andet``): samtale
    writes inside the workspace, or inside the folder given with -o."""
    if not leads_inside(path, root):
        real = os.path.realpath(path)
        raise SamtaleError(
            f"'{path}' fører uden for {what} (en mappe på vejen er et link til '{os.path.dirname(real)}'); "
            "samtale skriver kun inden for den."
        )


def refuse_existing(path: Path, *, force: bool = False) -> None:
    """Raise SamtaleError when ``path`` may not be written because it exists (a new
    document: ``new``, ``import``). Call it before any other write, so that a refused
    command leaves nothing behind."""
    if path.is_dir():
        raise SamtaleError(f"'{path}' er en mappe.")
    if path.name == "-":
        raise SamtaleError("'-' er ikke et filnavn her; angiv et navn med -o, fx -o ny.yaml.")
    check_name(path)
    refuse_special(path)
    if path.exists() and not force:
        raise SamtaleError(
            f"'{show(path)}' findes allerede. Åbn den og ret i den, eller vælg et andet navn med -o. "
            "(--force erstatter den med en ny fil, og det, der står i den nu, går tabt.)"
        )


_SPECIAL = (
    (stat.S_ISLNK, "et link"), (stat.S_ISFIFO, "en FIFO (et navngivet rør)"), (stat.S_ISCHR, "en enhed"),
    (stat.S_ISBLK, "en enhed"), (stat.S_ISSOCK, "en socket"),
)


def refuse_special(path: Path) -> None:
    """Raise SamtaleError (exit 2) when ``path`` is there and is not a regular file (nor
    a folder, which the callers refuse in their own words): a link (to anything), a FIFO,
    a device, a socket. Not even ``--force`` replaces one: as root, ``-o /dev/stdout``
    would replace the machine's own."""
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return
    what = next((name for test, name in _SPECIAL if test(mode)), None)
    if what is not None:
        raise SamtaleError(f"'{path}' er {what}, ikke en almindelig fil; samtale skriver ikke over sådan en, heller ikke "
                           "med --force. Vælg et andet navn med -o.")


def check_name(path: Path) -> None:
    """Raise SamtaleError (exit 2) for a file name Windows cannot hold: only spaces, or
    ending in a space or a dot (``-o ' '``, ``-o 'referat. '``)."""
    name = path.name
    if name in ("", ".", ".."):
        return
    if not name.strip() or name[-1] in " .":
        raise SamtaleError(f"'{name}' er ikke et brugbart filnavn: et navn af lutter mellemrum, eller et der ender "
                           "med mellemrum eller punktum, kan Windows ikke have. Vælg et andet navn med -o.")


def made_by_samtale(path: Path) -> bool:
    """Whether the file at ``path`` is output that samtale wrote (it carries the mark)."""
    import stat

    try:
        # not blocking on a FIFO, not reading a device without end (as the loader reads)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                return False
            head = stream.read(_PEEK)
            tail = b""
            if info.st_size > _PEEK:
                stream.seek(max(_PEEK, info.st_size - _PEEK))
                tail = stream.read(_PEEK)
    except OSError:
        return False
    if head.startswith(b"PK\x03\x04"):
        return _docx_made_by_samtale(path)
    return any(mark in head or mark in tail for mark in _BYTE_MARKS)


def _docx_made_by_samtale(path: Path) -> bool:
    """A Word file samtale wrote and no one has saved since: samtale is its creator and
    its last editor (Word and LibreOffice put the person's name in ``lastModifiedBy``
    when they save, and then the file is theirs)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 64 * 1024:
                return False
            core = archive.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
        return False
    return (f"<dc:creator>{DOCX_CREATOR}</dc:creator>" in core
            and f"<cp:lastModifiedBy>{DOCX_CREATOR}</cp:lastModifiedBy>" in core)


def check_folder(path: Path) -> None:
    """Raise SamtaleError (exit 2) when the folder ``path`` goes in does not exist: a
    mistyped -o makes no folders nobody asked for (as Word's "Gem som", pandoc and cp).
    A site's own folder is made (``render . -o _site``); the folder it goes in is not."""
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise SamtaleError(f"'{folder}' er en fil, ikke en mappe; vælg en anden sti med -o.")
        raise SamtaleError(f"Mappen '{folder}' findes ikke; opret den først, eller vælg en anden sti med -o.")


def check_output(path: Path, *, force: bool = False, inputs: Iterable[Path] = (), new_folder: bool = False) -> None:
    """Raise SamtaleError (exit 2) when writing output to ``path`` would replace a file
    samtale did not write: an input, a YAML file, or any file without samtale's mark.
    ``force`` allows the last only. Output is never YAML, not even a new file: it would
    be read as a samtale file, and replacing one can only be a slip that loses someone's
    writing. The folder it goes in must exist (:func:`check_folder`), unless
    ``new_folder`` (a page inside a site samtale makes).
    ``inputs`` given as a set holds resolved paths already (a site checks thousands of
    pages against the same inputs: :func:`resolved`)."""
    if not new_folder:
        check_folder(path)
    if path.is_dir():
        raise SamtaleError(f"'{path}' er en mappe; angiv en fil.")
    if str(path) == "-":
        raise SamtaleError("'-' er ikke et filnavn her; samtale skriver til en fil. Angiv et navn med -o, fx -o kalender.ics.")
    check_name(path)
    refuse_special(path)
    if path.exists():
        given = inputs if isinstance(inputs, (set, frozenset)) else resolved(inputs)
        if path.resolve() in given:  # not even with --force: the file documents are made from
            raise SamtaleError(
                f"'{path}' er en af de filer, der laves dokumenter af, eller som de henviser til; den overskrives "
                "ikke. Vælg et andet navn med -o.")
    if path.suffix.lower() in YAML_SUFFIXES:  # a new one too: it would be read as a samtale file, and fail
        raise SamtaleError(f"'{path}' er en YAML-fil; samtale skriver ikke dokumenter, kalendere eller skemaer som "
                           "YAML. Vælg et andet navn med -o.")
    if not path.exists():
        return
    if not force and not made_by_samtale(path):
        word = (" Har samtale lavet den, og er den rettet i Word bagefter, så hent rettelserne ind med "
                "'samtale import' først.") if path.suffix.lower() == ".docx" else ""
        raise SamtaleError(
            f"'{path}' findes og er ikke lavet af samtale, så den overskrives ikke. "
            f"Vælg et andet navn, eller brug --force for at overskrive den.{word}"
        )


def resolved(paths: Iterable[Path]) -> frozenset[Path]:
    """``paths`` resolved, once, for :func:`check_output`."""
    return frozenset(Path(p).resolve() for p in paths)


def write_output(path: Path, data: str | bytes, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Write output (a document, a calendar, a schema) atomically; see :func:`check_output`."""
    check_output(path, force=force, inputs=inputs)
    write_atomic(path, data)


def write_new(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; refuse an existing file unless ``force``."""
    refuse_existing(path, force=force)
    write_atomic(path, data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def display_name(path: Path, cwd: Path) -> str:
    """The name shown in diagnostics: relative to ``cwd`` when below it, with ``/``."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        try:
            return Path(os.path.relpath(path, cwd)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()


def show(path: Path) -> str:
    """A path as the user should see it: relative to the current folder when below it."""
    return display_name(path.resolve(), Path.cwd())
