"""The command line: the typer app, the commands, and what they print."""
