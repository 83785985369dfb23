"""Live services for the deployment tests: the agents' fixtures (Online Boutique, Redis)."""

from __future__ import annotations

from tests.agents.conftest import provider, services, settings

__all__ = ["provider", "services", "settings"]
