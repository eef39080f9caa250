"""A test seam: the process kills itself at a named step, so that tests can stop a real
ingest or batch job exactly there and check what a rerun makes of what it left.

Set `ACCORDS_FAULT` to a step's name (`batch:chunk-done`, `ingest:committed`, ...) and the
first process, or worker process, that reaches that step dies by SIGKILL: no `finally`,
no `atexit`, no flush, as when the machine loses power or the OOM killer strikes. Unset, it
costs one dictionary look-up. Steps are named `<command>:<step>` where they are reached.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "ACCORDS_FAULT"


def point(step: str) -> None:
    """Die here, at once, when `ACCORDS_FAULT` names this step."""
    if os.environ.get(VARIABLE) == step:
        os.kill(os.getpid(), signal.SIGKILL)
