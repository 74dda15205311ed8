"""``samtale serve``: the workspace as a local web app."""
