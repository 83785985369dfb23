"""The garbage collector tuning every CartMate process applies at start-up."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cartmate.config import Settings

PROBE = """
import gc, json, sys
from cartmate.gc_tuning import tune_gc
before = gc.get_threshold()
tuned = tune_gc(int(sys.argv[1]))
print(json.dumps({"tuned": tuned, "before": before, "after": gc.get_threshold(),
                  "frozen": gc.get_freeze_count()}))
"""


def _probe(threshold: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(threshold)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def test_start_up_objects_are_frozen_and_generation_0_collected_less_often() -> None:
    probe = _probe(20_000)
    assert probe["tuned"] is True
    assert probe["after"] == [20_000, *probe["before"][1:]]  # older generations as they were
    assert probe["frozen"] > 1_000  # the imported modules, classes and functions


def test_zero_keeps_pythons_collector_as_it_is() -> None:
    probe = _probe(0)
    assert probe == {"tuned": False, "before": probe["before"], "after": probe["before"],
                     "frozen": 0}  # fmt: skip


REFREEZE = """
import gc, json, sys
from cartmate.gc_tuning import refreeze_gc, tune_gc
untuned = refreeze_gc()  # a process tune_gc left alone (tests, gen0 threshold 0) stays so
tune_gc(int(sys.argv[1]))
frozen = gc.get_freeze_count()
class Loaded: pass
loaded = [Loaded() for _ in range(5_000)]  # what a warm-up loads after start-up
print(json.dumps({"untuned": untuned, "refrozen": refreeze_gc(),
                  "added": gc.get_freeze_count() - frozen}))
"""


def test_what_a_warm_up_loads_is_frozen_too_in_a_tuned_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", REFREEZE, "20000"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    probe = json.loads(done.stdout)
    assert probe["untuned"] is False
    assert probe["refrozen"] is True
    assert probe["added"] >= 5_000  # the objects made after tune_gc


def test_the_threshold_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().gc_gen0_threshold == 20_000
    monkeypatch.setenv("CARTMATE_GC_GEN0_THRESHOLD", "0")
    assert Settings().gc_gen0_threshold == 0
    monkeypatch.setenv("CARTMATE_GC_GEN0_THRESHOLD", "-1")
    with pytest.raises(ValueError):
        Settings()
