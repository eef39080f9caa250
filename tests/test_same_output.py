"""The extraction output is what benchmarks/same_output.json stored, on the dev texts, the
seeds and a fixed sample of the wild corpus of ../shared: a speed change must keep it byte
for byte. CI runs it in both builds (make test, make test-fast). Skips when ../shared is
not beside the project."""

from __future__ import annotations

import pytest
from benchmarks import same_output

from accords.pipeline import VERSION
from tests.conftest import SHARED


@pytest.mark.skipif(not (SHARED / "eval" / "wild").is_dir(), reason="../shared is absent")
def test_extraction_output_is_the_one_stored() -> None:
    version, before = same_output.stored_file()
    assert version == VERSION, f"digests of extractor {version}: {same_output.REGENERATE}"
    found = same_output.problem(before, same_output.current())
    assert found is None, found


def test_a_changed_output_names_the_texts_and_the_command_that_stores_it() -> None:
    before = {"dev/a.txt": "1", "dev/b.txt": "2", "wild/x": "3"}
    now = {"dev/a.txt": "1", "dev/b.txt": "9", "wild/y": "3"}
    found = same_output.problem(before, now)
    assert found is not None
    assert "changed on 3 of 3 texts (dev/b.txt, wild/x, wild/y)" in found
    assert "make digests" in found
    assert same_output.problem(before, dict(before)) is None


def test_new_digests_under_the_old_version_are_refused_until_it_is_raised() -> None:
    before = {"dev/a.txt": "1", "dev/b.txt": "2"}
    moved = {"dev/a.txt": "1", "dev/b.txt": "9"}
    refused = same_output.unbumped(VERSION, before, moved)
    assert refused is not None and "raise VERSION in src/accords/pipeline.py" in refused
    assert same_output.unbumped(VERSION, before, dict(before)) is None
    assert same_output.unbumped(VERSION + ".older", before, moved) is None
