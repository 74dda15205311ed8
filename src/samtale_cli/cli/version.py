"""The version ``samtale --version`` shows: the installed distribution's. A leaf module
(it imports nothing of the command line), asked only when the version is wanted: looking
it up imports importlib.metadata, which a plain ``samtale check`` must not pay for."""

from __future__ import annotations

DISTRIBUTION = "samtale-dagtilbud"  # the name on the package index; the command is 'samtale'


def distribution_version() -> str:
    """The version of the installed distribution (what pip, pipx or uv installed), or the
    source's own when it runs from a checkout that is not installed. Imports
    importlib.metadata: only ``--version`` (and the SARIF report) ask, never a plain
    ``check``."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        from samtale_cli import __version__

        return __version__


def version_line() -> str:
    """``samtale X.Y.Z`` (see :func:`distribution_version`)."""
    return f"samtale {distribution_version()}"
