"""The workspace commands: ``init``, ``new``, ``schema``, ``oversigt``, ``kalender``."""
