"""Ctrl-C in the tests as a terminal delivers it."""

from __future__ import annotations

import signal


def as_foreground_job() -> None:
    """For subprocess.Popen(preexec_fn=...): the child hears SIGINT as a terminal's
    foreground job does. Tests run in the background of a shell that is not interactive
    (`make test &`, nohup, a CI runner) inherit SIGINT ignored, and Python then leaves it
    ignored: the job under test would never hear the Ctrl-C the test sends, and would
    finish with 0."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
