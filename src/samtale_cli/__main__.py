"""``python -m samtale_cli``. Guarded: worker processes started by "spawn" (Windows,
macOS) import this module again under another name and must not run the CLI."""

from samtale_cli.cli.entry import main

if __name__ == "__main__":
    main()
