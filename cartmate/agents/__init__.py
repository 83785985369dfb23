"""CartMate's ADK agents, one package each (`adk web cartmate/agents` lists them).

Each `<name>/agent.py` exposes `root_agent`, built by `build_<name>_agent(provider)` with
services that open lazily on first use; `prompt.py` holds its instruction, `tools.py` its
tools. Shared pieces live in `cartmate.agent_runtime`.
"""
