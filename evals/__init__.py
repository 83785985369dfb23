"""CartMate's ADK evals: evalsets per agent and whole conversations, and their runner.

`python evals/run.py` (or `python -m evals`) runs them on live services; see evals/README.md.
"""
