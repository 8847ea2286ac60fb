"""Extraction in worker processes and on a Dask cluster builds the store one process builds."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEEDS, run
from pyoxigraph import Store


def quads(store_dir) -> set:
    return set(Store.read_only(str(store_dir)))


def build_seeds(tmp_path, *options: str) -> tuple[set, str]:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    store = tmp_path / "store"
    result = run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "out"), *options)
    return quads(store), result.output


def test_two_workers_build_the_store_one_process_builds(tmp_path, seeds_build):
    one, summary = build_seeds(tmp_path, "--workers", "1")
    two = quads(seeds_build["store"])  # the shared build: the default, one worker per core
    assert one == two and len(one) > 10_000
    assert (
        summary.splitlines()[-1].split(" in ")[0] == seeds_build["summary"].splitlines()[-1].split(" in ")[0]
    )


def test_a_dask_cluster_builds_the_same_store(tmp_path, seeds_build):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        built, _ = build_seeds(tmp_path, "--scheduler", c.scheduler_address)
    assert built == quads(seeds_build["store"])


def test_a_scheduler_that_does_not_answer_is_an_error_and_stores_nothing(tmp_path):
    pytest.importorskip("dask.distributed")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    store = tmp_path / "store"
    result = run("build", str(corpus), "--store", str(store), "--scheduler", "tcp://127.0.0.1:9", expect=1)
    assert "tcp://127.0.0.1:9: no Dask scheduler answers" in result.output
    assert not quads(store)
