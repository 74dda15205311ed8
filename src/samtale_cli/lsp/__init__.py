"""``samtale lsp``: a language server for editors (pygls, optional extra ``lsp``).

:mod:`~samtale_cli.lsp.server` speaks the protocol; the work is in modules without the
protocol's types: :mod:`~samtale_cli.lsp.findings` (check the open text in its
workspace), :mod:`~samtale_cli.lsp.assist` (hover and completion),
:mod:`~samtale_cli.lsp.edits` ("Mente du" and ``samtale ret`` as edits),
:mod:`~samtale_cli.lsp.outline` (where a place in a YAML text is) and
:mod:`~samtale_cli.lsp.schema` (what the JSON Schema says about it)."""
