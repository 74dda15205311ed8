"""``samtale oversigt`` and ``samtale kalender``: reports over a workspace."""
