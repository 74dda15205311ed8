"""``samtale ret``: fix what can be fixed without doubt in text pasted from Word and
Outlook (docs/kommandoer.md). :mod:`~samtale_cli.fix.lines` holds the fixes, one function
per kind of slip, and their registry (:data:`~samtale_cli.fix.lines.FIXES`);
:mod:`~samtale_cli.fix.files` keeps a fix only when the file then loads and means what it
meant, and writes it atomically."""
