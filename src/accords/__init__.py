"""accords: international security and law-enforcement cooperation news in, a traceable
event database out."""

from accords.model import (
    Actor,
    Article,
    Commitment,
    CommitmentKind,
    Doc,
    Event,
    EventType,
    Evidence,
    Extraction,
    Mention,
    Place,
    Quantity,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Commitment",
    "CommitmentKind",
    "Doc",
    "Event",
    "EventType",
    "Evidence",
    "Extraction",
    "Mention",
    "Place",
    "Quantity",
    "Span",
    "__version__",
]
