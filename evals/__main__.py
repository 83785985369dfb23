"""`python -m evals`: the same as `python evals/run.py`."""

from __future__ import annotations

import sys

from evals.run import main

sys.exit(main())
