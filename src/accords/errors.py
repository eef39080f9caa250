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
    ├── ExtractionError       the extractor's rules failed on a text (a fault of ours)
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

    @property
    def reason(self) -> str:
        """The message without the source: what a batch counts alike errors by."""
        return str(self.args[0]) if self.args else type(self).__name__


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


class ExtractionError(AccordsError):
    """The rules are young: one text that trips them must not stop a crawl or a job of
    millions, so the fault is reported like a bad source, and the other texts go on."""

    code = "E500"

    def __init__(self, fault: Exception, *, source: str | None = None) -> None:
        super().__init__(
            f"extraction failed ({type(fault).__name__}: {fault}); please report this text",
            source=source,
        )
        self.fault = fault

    @property
    def reason(self) -> str:
        # without the fault's own words (an index, a key), so that alike faults count as one
        return f"extraction failed ({type(self.fault).__name__}); please report this text"


class EngineError(AccordsError):
    code = "E400"


class OutputError(EngineError):
    """The output folder of a batch job cannot take the job: another job is writing to it,
    it may not be written to, or its disk is full."""

    code = "E401"
