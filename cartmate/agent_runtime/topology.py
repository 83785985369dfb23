"""The agents CartMate runs and where each one listens when served on its own (A2A)."""

from __future__ import annotations

from cartmate.config import Settings

__all__ = ["AGENTS", "SPECIALISTS", "agent_port", "agent_url"]

SPECIALISTS = ("product_discovery", "cart_manager", "style_profiler", "price_comparison")
AGENTS = ("orchestrator", *SPECIALISTS)


def agent_port(settings: Settings, name: str) -> int:
    """Agents take consecutive ports from CARTMATE_AGENT_BASE_PORT, in AGENTS order."""
    return settings.agent_base_port + AGENTS.index(name)


def agent_url(settings: Settings, name: str) -> str:
    """The agent's base URL: under CARTMATE_PUBLIC_BASE_URL when set, else host and port."""
    if settings.public_base_url:
        return f"{settings.public_base_url.rstrip('/')}/agents/{name}"
    return f"http://{settings.host}:{agent_port(settings, name)}"
