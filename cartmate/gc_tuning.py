"""How often CartMate's processes run Python's cyclic garbage collector.

A turn allocates tens of thousands of short-lived container objects (pydantic models, ADK
events, genai parts), and CPython's youngest generation is collected every 700 net
allocations: about a tenth of an offline turn's CPU went to collections that found little, and
every older-generation pass also walked every module, class and function imported at start-up.
So once a process has started, its start-up objects are frozen (`gc.freeze`: never scanned
again, never freed, as they live as long as the process anyway) and the youngest generation is
collected every CARTMATE_GC_GEN0_THRESHOLD allocations (20,000 by default; 0 keeps Python's).
Cycles are still collected, a little later: at most that many objects more wait for it.
"""

from __future__ import annotations

import gc

__all__ = ["refreeze_gc", "tune_gc"]

_tuned = False  # whether `tune_gc` tuned this process (the CLI's processes; not tests)


def tune_gc(gen0_threshold: int) -> bool:
    """Freeze what exists now and collect generation 0 every `gen0_threshold` allocations.

    Returns False (and changes nothing) when `gen0_threshold` is 0.
    """
    global _tuned
    if gen0_threshold <= 0:
        return False
    gc.collect()  # what start-up left as garbage is freed, not frozen
    gc.freeze()
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(gen0_threshold, gen1, gen2)
    _tuned = True
    return True


def refreeze_gc() -> bool:
    """Freeze what start-up added after `tune_gc` (a warm-up's imports and built validators),
    in a process `tune_gc` tuned; returns whether it did."""
    if not _tuned:
        return False
    gc.collect()
    gc.freeze()
    return True
