"""Word documents of many layouts, built for the importer's tests (see common.py)."""
