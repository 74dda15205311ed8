"""Templates: Jinja's sandbox with the built-in and one's own templates, and the
:class:`Renderer` that turns views into Markdown, HTML, PDF and Word.

Templates are looked up first in the folder given with ``--skabeloner``, then among
the built-in ones. All rendering runs in Jinja's sandbox; HTML is autoescaped, and free
text written as Markdown is turned into HTML by markdown-it-py with raw HTML switched
off (so it comes out escaped). Every output carries samtale's mark (:func:`marked`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samtale_cli.core.errors import SamtaleError
from samtale_cli.core.files import HTML_MARK, TEXT_MARK
from samtale_cli.core.kinds import RENDERINGS
from samtale_cli.out import markdown
from samtale_cli.out.pages import Page, document_title
from samtale_cli.out.pdf import html_to_pdf
from samtale_cli.out.views import View, build_view

if TYPE_CHECKING:
    from samtale_cli.check.checker import Checked


def builtin_template_dirs() -> list[Path]:
    """The installed templates (inside the package), else the repository's ``skabeloner/``."""
    import samtale_cli

    package = Path(samtale_cli.__file__).parent
    return [d for d in (package / "skabeloner", package.parent.parent / "skabeloner") if d.is_dir()]


_HTML_IN_MD = str.maketrans({"<": "&lt;", ">": "&gt;"})


def _md_escape(value: Any) -> Any:
    """Every value in Markdown output: raw HTML from a file (a <script>, an injected
    heading tag) becomes text; Markdown itself (bold, lists) stays."""
    return value.translate(_HTML_IN_MD) if isinstance(value, str) else value


def _md_cell(value: Any) -> str:
    """Text in a Markdown table cell: no pipes, no line breaks."""
    text = " ".join(str(value if value is not None else "").split())
    return text.replace("|", "\\|")


def _md_block(text: Any) -> str:
    return markdown.word_bullets(str(text or "").strip())


class _ContainedLoader:
    """Jinja's FileSystemLoader, but a template must be a regular file inside its folder:
    a link named like a template (dagsorden.md.j2 -> /etc/passwd) is no template."""

    def __new__(cls, folder: str) -> Any:
        from jinja2 import FileSystemLoader, TemplateNotFound

        root = os.path.realpath(folder)

        class Loader(FileSystemLoader):
            def get_source(self, environment: Any, template: str) -> Any:
                source, filename, uptodate = super().get_source(environment, template)
                real = os.path.realpath(filename)
                if os.path.islink(filename) or os.path.commonpath([root, real]) != root:
                    raise TemplateNotFound(template)
                return source, filename, uptodate

        return Loader(folder)

# One's own templates (--skabeloner) run with a budget: a template may not run longer or
# make more text than this (a built-in template never comes near).
TIME_BUDGET = 2.0  # seconds per document
OUTPUT_BUDGET = 20 * 2**20  # characters per document, and per value a template makes
_CLOCK_EVERY = 1024  # items of a loop between looks at the clock


class TemplateBudget(Exception):
    """A template of one's own went over its time or output budget."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Budget:
    """The deadline of the render under way (per thread: serve renders in many)."""

    def __init__(self) -> None:
        import threading

        self._local = threading.local()

    def start(self) -> None:
        self._local.deadline = time.monotonic() + TIME_BUDGET

    def check(self) -> None:
        deadline = getattr(self._local, "deadline", None)
        if deadline is not None and time.monotonic() > deadline:
            raise TemplateBudget(f"den bruger for lang tid (over {TIME_BUDGET:g} sekunder)")


class _TimedRange:
    """``range`` for templates: at most the sandbox's MAX_RANGE items, and a look at the
    clock as it is gone through (nested loops of range(100000) end within the budget)."""

    def __init__(self, budget: _Budget, *args: int) -> None:
        from jinja2.sandbox import safe_range

        self._range = safe_range(*args)
        self._budget = budget

    def __iter__(self) -> Iterator[int]:
        for k, item in enumerate(self._range):
            if k % _CLOCK_EVERY == 0:
                self._budget.check()
            yield item

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, key: Any) -> Any:
        return self._range[key]


def _too_big(operator: str, left: Any, right: Any) -> bool:
    """Whether ``left operator right`` would make a value over the output budget."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                return len(seq) * max(times, 0) > OUTPUT_BUDGET
        return False
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        return right * abs(left).bit_length() > OUTPUT_BUDGET  # bits, some more than digits
    return False


_WIDE = __import__("re").compile(r"\{[^{}]*?\d{8,}|%[-+ #0]*\d{8,}|%[-+ #0]*\*")  # '{:>999999999}', '%*d'


def _big_call(name: str, args: tuple, kwargs: dict) -> bool:
    """Whether a call would make a value over the output budget before anyone could
    count it: a width or count argument larger than the budget ('x'|center(10**9),
    indent, wordwrap, ...), a format that pads to such a width, or a replace that
    grows the text past it."""
    values = [*args, *kwargs.values()]
    if any(isinstance(a, int) and not isinstance(a, bool) and abs(a) > OUTPUT_BUDGET for a in values):
        return True
    texts = [a for a in values if isinstance(a, str)]
    if name in ("format", "format_map", "do_format") and any(_WIDE.search(t) for t in texts[:1]):
        return True
    if name in ("replace", "do_replace") and len(texts) >= 3 and texts[1]:
        text, old, new = texts[:3]
        return len(text) + text.count(old) * (len(new) - len(old)) > OUTPUT_BUDGET
    return False


def _guarded_filter(name: str, fn: Any) -> Any:
    """A built-in filter that refuses a call :func:`_big_call` finds too big."""
    import functools

    @functools.wraps(fn)  # keeps jinja's pass_eval_context and pass_environment marks
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if _big_call(fn.__name__ if name != "format" else "format", args[1:] if name != "format" else args, kwargs):
            raise TemplateBudget(f"den laver en for stor værdi (over {OUTPUT_BUDGET // 2**20} MB tekst)")
        return fn(*args, **kwargs)

    return guarded


def _budgeted_environment(budget: _Budget, **options: Any) -> Any:
    """A sandbox whose templates keep to ``budget``: ``range`` is timed, ``*`` and ``**``
    may not make a value over the output budget, and every call looks at the clock."""
    from jinja2.sandbox import SandboxedEnvironment

    class BudgetedEnvironment(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if _too_big(operator, left, right):
                raise TemplateBudget(f"den laver en for stor værdi (over {OUTPUT_BUDGET // 2**20} MB tekst)")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            budget.check()
            name = getattr(__obj, "__name__", "")
            bound = getattr(__obj, "__self__", None)
            if __obj is not timed_range and _big_call(name, (bound, *args) if isinstance(bound, str) else args, kwargs):
                raise TemplateBudget(f"den laver en for stor værdi (over {OUTPUT_BUDGET // 2**20} MB tekst)")
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            # '"{:>999999999}".format(1)': the sandbox formats through its own wrapper, made at
            # attribute access, so call() sees neither the format string nor the padding.
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            text = value.__self__

            def guarded(*args: Any, **kwargs: Any) -> str:
                budget.check()
                fields = args[0] if len(args) == 1 and type(args[0]) is dict else kwargs  # format_map
                if _big_call("format", (text, *args), {**kwargs, **fields}):
                    raise TemplateBudget(f"den laver en for stor værdi (over {OUTPUT_BUDGET // 2**20} MB tekst)")
                return wrapped(*args, **kwargs)

            return guarded

    def timed_range(*args: int) -> _TimedRange:  # a long loop is the clock's to stop, not a big value
        return _TimedRange(budget, *args)

    env = BudgetedEnvironment(**options)
    env.globals["range"] = timed_range
    for name in ("center", "format", "replace", "indent", "wordwrap", "truncate", "join", "batch", "slice", "list"):
        if name in env.filters:
            env.filters[name] = _guarded_filter(name, env.filters[name])
    return env


@contextmanager
def _alarm() -> Iterator[None]:
    """A loop that neither calls nor writes (``{% for a in s %}{% for b in s %}``) never
    looks at the clock; in the main thread a timer stops it (the command line renders
    there; elsewhere only the looks at the clock hold)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(_signum: int, _frame: Any) -> None:
        raise TemplateBudget(f"den bruger for lang tid (over {TIME_BUDGET:g} sekunder)")

    before = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, TIME_BUDGET + 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _within_budget(chunks: Iterator[str], budget: _Budget) -> Iterator[str]:
    """The pieces of a template's output, as long as the text stays within the output
    budget and the render within its time."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > OUTPUT_BUDGET:
            raise TemplateBudget(f"den laver for meget tekst (over {OUTPUT_BUDGET // 2**20} MB)")
        budget.check()
        yield chunk


@dataclass
class Renderer:
    """Renders views with the template environments (one per output format; sandboxed and
    on a budget when one's own templates are given)."""

    templates: Path | None = None
    today: dt.date | None = None
    word_template: bytes | None = None  # --word-skabelon: the Word file's bytes
    _envs: dict[str, Any] = field(default_factory=dict)
    _budget: _Budget = field(default_factory=_Budget)

    def env(self, fmt: str) -> Any:
        if fmt not in self._envs:
            from jinja2 import ChoiceLoader, Environment

            dirs = ([self.templates] if self.templates else []) + builtin_template_dirs()
            html = fmt == "html"
            options: dict[str, Any] = dict(
                loader=ChoiceLoader([_ContainedLoader(str(d)) for d in dirs]),
                autoescape=html,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
                finalize=None if html else _md_escape,
            )
            # one's own templates (--skabeloner) run sandboxed and keep to a budget; the built-in
            # ones alone are samtale's own code, and the sandbox's check of every attribute
            # they read cost a fifth of a site's render (the values are escaped all the same)
            env = _budgeted_environment(self._budget, **options) if self.templates else Environment(**options)
            if html:
                env.filters["md"] = markdown.to_html
                env.filters["mdi"] = lambda text: markdown.to_html(text, inline=True)
                env.filters["cell"] = lambda text: text
            else:
                env.filters["md"] = _md_block
                env.filters["mdi"] = _md_cell
                env.filters["cell"] = _md_cell
            self._envs[fmt] = env
        return self._envs[fmt]

    def render_view(self, template: str, view: View | Mapping[str, Any], fmt: str) -> str:
        name = f"{template}.{fmt}.j2"
        with template_errors(name, self.templates):
            loaded = self.env(fmt).get_template(name)
            if self.templates:
                self._budget.start()
                with _alarm():
                    text = "".join(_within_budget(loaded.generate(**_context(view)), self._budget))
            else:
                text = loaded.render(**_context(view))
        if fmt == "md":  # templates may leave runs of blank lines between sections
            text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
        return marked(text, fmt)

    def html_body(self, template: str, view: View) -> str:
        """The inside of an HTML document (its ``<main>``, else its ``<body>``), for a
        bundle."""
        text = self.render_view(template, view, "html")
        inside = re.search(r"<main>(.*)</main>", text, re.S) or re.search(r"<body[^>]*>(.*)</body>", text, re.S)
        return inside[1] if inside else text

    def stream_page(self, page: Page) -> Iterator[str]:
        """An index or history page (``page.shows_a_view``) piece by piece, as
        :meth:`render_view` would make it whole (the same text, marked): a large
        workspace's history page goes to its file without ever being one string."""
        name = f"{page.template}.html.j2"
        with template_errors(name, self.templates):
            template = self.env("html").get_template(name)
            chunks = template.generate(**_context(page.view if page.view is not None else page.make()))
            if self.templates:
                self._budget.start()
                chunks = _within_budget(chunks, self._budget)
            yield from marked_stream(chunks)

    def render_page(self, page: Page) -> str:
        """An index or history page of :func:`samtale_cli.out.pages.site_pages` whole (a
        document's page is made from its checked file with :meth:`render`)."""
        return "".join(self.stream_page(page))

    def render(self, source: Checked, document: str, fmt: str) -> str | bytes:
        """The document as text (md, html) or bytes (pdf, docx)."""
        view = build_view(source, document, self.today)
        template = RENDERINGS[document].template
        if fmt == "pdf":
            return html_to_pdf(self.render_view(template, view, "html"))
        if fmt == "docx":
            from samtale_cli.out import docx as word

            return word.document_bytes(view, document_title(source, document), self.word_template)
        return self.render_view(template, view, fmt)

    def bundle(self, entries: list[tuple[Checked, str]], fmt: str, title: str, jobs: int | None = None) -> bytes:
        """Many documents as one PDF or Word file with a table of contents ('Indhold');
        a PDF's documents made in ``jobs`` processes (one per core when None)."""
        if fmt == "docx":
            from samtale_cli.out import docx as word

            views = [(document_title(source, document), build_view(source, document, self.today))
                     for source, document in entries]
            daycare = next((v.get("daycare") for _, v in views if v.get("daycare")), None)
            return word.bundle_bytes(views, title, daycare, self.word_template)
        from samtale_cli.out.bundle import bundle_pdf

        return bundle_pdf(self, entries, title, jobs)

    def bundle_html(self, entries: list[tuple[Checked, str]], title: str) -> str:
        """The HTML of a whole PDF bundle (:func:`samtale_cli.out.bundle.bundle_html`)."""
        from samtale_cli.out.bundle import bundle_html

        return bundle_html(self, entries, title)


@contextmanager
def template_errors(name: str, folder: Path | None = None) -> Iterator[None]:
    """Jinja's errors as Danish usage errors naming the template (with its folder, when
    it is one's own)."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    try:
        yield
    except TemplateBudget as exc:
        shown = folder / name if folder is not None and (folder / name).is_file() else name
        raise SamtaleError(f"Skabelonen '{shown}' er stoppet: {exc.what}. Gør skabelonen enklere.") from None
    except SecurityError:
        raise SamtaleError(
            f"Skabelonen '{name}' prøver at bruge noget, som ikke er tilladt i en skabelon "
            "(fx interne attributter som __class__)."
        ) from None
    except TemplateSyntaxError as exc:
        raise SamtaleError(
            f"Skabelonen '{exc.name or name}' har en fejl i linje {exc.lineno}: {exc.message}"
        ) from None
    except TemplateNotFound as exc:
        raise SamtaleError(f"Skabelonen '{exc.name}' findes ikke.") from None
    except TemplateError as exc:
        raise SamtaleError(f"Skabelonen '{name}' kunne ikke bruges: {exc}") from None
    except (OverflowError, MemoryError, RecursionError, ValueError, TypeError, ArithmeticError) as exc:
        # one's own template may loop too far (range(10**8)), recurse, divide by zero ...
        raise SamtaleError(
            f"Skabelonen '{name}' kunne ikke laves færdig ({type(exc).__name__}: {str(exc)[:120]})."
        ) from None


def marked(text: str, fmt: str) -> str:
    """Output carries samtale's mark, so a later run may replace it (files.check_output):
    the built-in HTML has it in its head; Markdown, and HTML from one's own templates,
    get a closing comment."""
    if fmt == "html" and HTML_MARK in text:
        return text
    return text if text.endswith(TEXT_MARK + "\n") else f"{text.rstrip(chr(10))}\n\n{TEXT_MARK}\n"


def marked_stream(chunks: Iterator[str]) -> Iterator[str]:
    """:func:`marked` for HTML given in pieces: trailing newlines are held back until
    it is known whether more text follows, and the mark is looked for across pieces."""
    seen = False
    keep = max(len(HTML_MARK), len(TEXT_MARK) + 1)
    tail = ""  # the end of the text so far: the mark may lie across two pieces
    pending = ""  # newlines at the end of the text so far
    for piece in chunks:
        chunk = str(piece)  # plain text: adding to a Markup piece would escape it
        if not chunk:
            continue
        seen = seen or HTML_MARK in tail + chunk
        tail = (tail + chunk)[-keep:]
        body = chunk.rstrip("\n")
        if body:
            yield pending + body
            pending = chunk[len(body):]
        else:
            pending += chunk
    if seen or tail.endswith(TEXT_MARK + "\n"):
        yield pending
    else:
        yield f"\n\n{TEXT_MARK}\n"


def _context(view: View | Mapping[str, Any]) -> dict[str, Any]:
    """A view's top-level fields as the template's variables (a plain mapping as it is)."""
    return view.context() if isinstance(view, View) else dict(view)
