"""Loaded by every Python process started with this folder on PYTHONPATH (`profile_turns.py`
does that for the product's processes): with CARTMATE_CPROFILE_DIR set, SIGUSR1 starts
cProfile in the process's main thread and SIGUSR2 stops it and writes
`<dir>/<pid>-<command>.pstats`. Without the variable it does nothing."""

import os
import signal

_DIR = os.environ.get("CARTMATE_CPROFILE_DIR")
if _DIR:
    import cProfile
    import sys

    _PROFILE = cProfile.Profile()

    def _start(*_: object) -> None:
        _PROFILE.enable()

    def _stop(*_: object) -> None:
        _PROFILE.disable()
        name = "_".join(a for a in sys.argv[1:3] if not a.startswith("-")) or "python"
        _PROFILE.dump_stats(os.path.join(_DIR, f"{os.getpid()}-{name}.pstats"))

    signal.signal(signal.SIGUSR1, _start)
    signal.signal(signal.SIGUSR2, _stop)
