"""``samtale new`` and ``samtale init``: new documents and workspaces.

:mod:`~samtale_cli.new.scaffold` does ``new``'s work; one scaffold per kind
(:mod:`~samtale_cli.new.meeting`, :mod:`~samtale_cli.new.sheet`, :mod:`~samtale_cli.new.plan`),
each ``scaffold(request) -> Result``, found through ``kinds.hook(kind, "scaffold")``;
:mod:`~samtale_cli.new.common` holds what they share; :mod:`~samtale_cli.new.init` makes a
workspace. Values are written by :mod:`samtale_cli.core.yamlout`.
"""
