"""``samtale import``: Word documents read into YAML files.

:mod:`~samtale_cli.wordin.importer` does the command's work; :mod:`~samtale_cli.wordin.detect`
tells the kind of a document; one reader per kind (:mod:`~samtale_cli.wordin.meeting` with
its :mod:`~samtale_cli.wordin.agenda`, :mod:`~samtale_cli.wordin.sheet`,
:mod:`~samtale_cli.wordin.plan`), each ``read(src, where) -> Reading``, found through
``kinds.hook(kind, "reader")``; :mod:`~samtale_cli.wordin.common` holds what they share.
"""
