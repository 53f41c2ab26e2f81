"""The editor's preview (`make serve`): an edit shows in seconds however large the archive,
and the whole site catches up in the background. See preview/serve.py."""
