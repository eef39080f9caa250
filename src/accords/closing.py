"""Objects that hold something to give back (a connection pool, an HTTP client, a thread)
and are used in a `with` block: leaving the block calls `close()`, whatever happened."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """`with thing:` returns the thing and closes it at the end; subclasses define `close`."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
