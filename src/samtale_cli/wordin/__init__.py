"""``samtale import``: Word documents read into YAML files."""
