"""``samtale new`` and ``samtale init``: new documents and workspaces."""
