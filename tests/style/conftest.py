"""The agent fixtures (embedded Online Boutique, real Redis, ADK Runners) for style tests."""

from tests.agents.conftest import converse, provider, services, settings

__all__ = ["converse", "provider", "services", "settings"]
