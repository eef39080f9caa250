"""The Spark engine against the local one, on Spark's local mode (one session for all)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from accords.scale.batch import batch
from tests.scale.helpers import docs, events, files, rows, stories

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.slow


def test_spark_gives_the_same_events_as_local(
    corpus: Path, tmp_path: Path, spark: SparkSession
) -> None:
    here = batch([str(corpus)], out=tmp_path / "local", workers=2, chunk_size=2)
    there = batch([str(corpus)], out=tmp_path / "spark", engine="spark", spark=spark, chunk_size=2)
    assert events(tmp_path / "spark") == events(tmp_path / "local")
    assert len(events(tmp_path / "spark")) == here.events > 0
    assert docs(tmp_path / "spark") == docs(tmp_path / "local")
    assert stories(tmp_path / "spark") == stories(tmp_path / "local")
    assert (there.articles, there.events, there.failed, there.stories) == (
        here.articles, here.events, here.failed, here.stories
    )  # fmt: skip
    assert sorted(p.line() for p in there.problems) == sorted(p.line() for p in here.problems)
    actors = sorted((r["doc"], r["event"], r["name"]) for r in rows(tmp_path / "spark", "actors"))
    assert actors == sorted(
        (r["doc"], r["event"], r["name"]) for r in rows(tmp_path / "local", "actors")
    )
    for name in ("stories", "commitments", "articles"):
        assert _rows(tmp_path / "spark", name) == _rows(tmp_path / "local", name)
    # the same files: one per dataset and month
    assert files(tmp_path / "spark") == files(tmp_path / "local")


def _rows(out: Path, name: str) -> list[str]:
    return sorted(repr(sorted(row.items())) for row in rows(out, name))


def test_spark_rerun_skips_finished_chunks(
    corpus: Path, tmp_path: Path, spark: SparkSession
) -> None:
    out = tmp_path / "out"
    first = batch([str(corpus)], out=out, engine="spark", spark=spark, chunk_size=2)
    # as if the job had been stopped before its last chunk and the datasets were written
    last = sorted((out / "_chunks").iterdir())[-1]
    shutil.rmtree(last)
    (out / "_final.json").unlink()
    ran: list[str] = []
    again = batch(
        [str(corpus)],
        out=out,
        engine="spark",
        spark=spark,
        chunk_size=2,
        on_chunk=lambda result: ran.append(result.id),
    )
    assert ran == [last.name]
    assert again.skipped == first.chunks - 1
    assert (again.articles, again.events) == (first.articles, first.events)
