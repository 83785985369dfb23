"""Model tests run agents on the same real services as the agent tests."""

from tests.agents.conftest import converse, provider, services, settings

__all__ = ["converse", "provider", "services", "settings"]
