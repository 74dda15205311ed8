"""The ``render`` command (registered on :data:`samtale_cli.cli.app`)."""
