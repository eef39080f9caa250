from __future__ import annotations

import gc

import pytest

from accords import collector


def test_paused_stops_the_collector_for_the_block_only() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_leaves_a_collector_stopped_by_the_caller_stopped() -> None:
    gc.disable()
    try:
        with pytest.raises(ValueError), collector.paused():
            raise ValueError
        assert not gc.isenabled()
    finally:
        gc.enable()
