"""Ingest with the analysis on a Dask LocalCluster: one pipeline per worker, all stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from propscope.corpus.synth import register_synthetic
from propscope.store.memory import MemoryStore


def test_dask_ingest_on_a_local_cluster(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from propscope.corpus import dask_engine
    from propscope.corpus.dask_engine import DaskBackend
    from propscope.corpus.ingest import ingest

    register_synthetic()
    src = tmp_path / "c.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(40):
            text = f"Item {i}: the enemy is always near, Mira Tal said on day {i}{' FAIL' if i == 7 else ''}."
            fh.write(json.dumps({"title": f"T{i}", "text": text}) + "\n")
    before = len(dask_engine.builds())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        backend = DaskBackend(client, ["synthetic"], settings={"synthetic": {"fail_on": "FAIL"}})
        store = MemoryStore()
        report = ingest([src], store, backend=backend, analyzers=["synthetic"], task_size=4)
        again = ingest([src], store, backend=backend, analyzers=["synthetic"])
        backend.close()
    assert (report.inserted, report.errors) == (39, 1), report
    assert store.errors(report.run_id)[0].code == "analysis"
    assert (again.inserted, again.unchanged) == (0, 39)
    assert len(dask_engine.builds()) - before == 2  # once per worker, not per article
    analysis = next(store.iter_analyses())
    assert [s.label for s in analysis["techniques"]] == ["Name_Calling", "Loaded_Language"]
