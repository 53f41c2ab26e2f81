"""The importer's own exceptions. Only the command line turns them into exit codes."""


class ImporterError(Exception):
    """Base class for every error the importer reports to the user."""


class InputError(ImporterError):
    """A source file cannot be imported (empty, binary, undecodable, no article)."""


class UsageError(ImporterError):
    """The command was called wrongly (bad option value, missing path)."""


class OutputError(ImporterError):
    """docs/ cannot be written (read-only, full, something in the way of a page)."""
