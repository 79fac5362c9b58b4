"""The exceptions kg raises. The CLI turns each into one line on stderr and exit code 1."""


class KgError(Exception):
    """Base class of every error kg reports to its user."""


class ArticleError(KgError):
    """An article file cannot be read: bad encoding, missing or invalid metadata, empty text."""


class ExtractionError(KgError):
    """An extraction step failed on an article."""


class MappingError(KgError):
    """Facts refer to something that is not there (a key with no fact behind it)."""


class ValidationFailed(KgError):
    """The graph does not conform to the SHACL shapes; ``report`` holds the results."""

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query is malformed or cannot be run."""


class QueryTimeout(QueryError):
    """A query ran longer than the server's timeout and was stopped."""


class ServerBusy(QueryError):
    """Every query worker stayed busy longer than the server's timeout."""


class UnacceptableFormat(QueryError):
    """The client accepts no format in which this kind of answer can be written."""
