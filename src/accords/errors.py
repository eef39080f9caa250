"""Every error accords raises on purpose, with a stable code.

    AccordsError
    ├── InputError            a source that cannot be read as an article
    │   ├── EncodingError     bytes that decode as no known text encoding
    │   ├── EmptyInput        nothing but whitespace
    │   ├── TooLarge          over the size limit
    │   ├── MalformedSource   a feed, JSONL line or archive that does not parse
    │   └── Unreachable       an address that does not answer, or answers with an error
    ├── LexiconError          a bad row in a lexicon file
    ├── StoreError            the database refused or is unreachable
    └── EngineError           the batch engine cannot start (no Java, no PySpark)
        └── OutputError       a batch's --out is taken by another job, not writable or full

The command line turns any of these into one line on stderr and exit status 1.
"""

from __future__ import annotations


class AccordsError(Exception):
    """Base of every error accords raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.source}: {message}" if self.source else message


class InputError(AccordsError):
    code = "E100"


class EncodingError(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class TooLarge(InputError):
    code = "E103"


class MalformedSource(InputError):
    code = "E104"


class Unreachable(InputError):
    code = "E105"


class LexiconError(AccordsError):
    code = "E200"


class StoreError(AccordsError):
    code = "E300"


class EngineError(AccordsError):
    code = "E400"


class OutputError(EngineError):
    """The output folder of a batch job cannot take the job: another job is writing to it,
    it may not be written to, or its disk is full."""

    code = "E401"
