"""The commands, one module each; importing this package registers them on
:data:`samtale_cli.cli.app.app`. Each module is thin: parse options, call the one function
that does the work, print, return the exit code (or raise
:class:`~samtale_cli.core.errors.SamtaleError`)."""

from samtale_cli.cli.commands import (  # noqa: F401  (registration)
    check,
    eksport,
    forklar,
    import_,
    init,
    kalender,
    kommune,
    lsp,
    new,
    oversigt,
    render,
    ret,
    schema,
    serve,
)
