"""Loaded by every Python process started with this folder on PYTHONPATH (`profile_turns.py`
does that for the product's processes): with CARTMATE_CPROFILE_DIR set, SIGUSR1 starts
cProfile in the process's main thread and SIGUSR2 stops it and writes
`<dir>/<pid>-<command>.pstats`. Without the variable it does nothing.

CARTMATE_CPROFILE_CLOCK=cpu times with the thread's CPU clock instead of the wall clock: a
wall-clock profile charges to a socket write the time the process waited after it (the
reader it woke ran first on a busy core), which is latency, not CPU."""

import os
import signal

_DIR = os.environ.get("CARTMATE_CPROFILE_DIR")
if _DIR:
    import cProfile
    import sys
    import time

    _CPU = os.environ.get("CARTMATE_CPROFILE_CLOCK") == "cpu"
    _PROFILE = cProfile.Profile(time.thread_time) if _CPU else cProfile.Profile()

    def _start(*_: object) -> None:
        _PROFILE.enable()

    def _stop(*_: object) -> None:
        _PROFILE.disable()
        name = "_".join(a for a in sys.argv[1:3] if not a.startswith("-")) or "python"
        _PROFILE.dump_stats(os.path.join(_DIR, f"{os.getpid()}-{name}.pstats"))

    signal.signal(signal.SIGUSR1, _start)
    signal.signal(signal.SIGUSR2, _stop)
