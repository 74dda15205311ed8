"""Reading and checking: the loader, the model mapping, the pipeline and the rules."""
