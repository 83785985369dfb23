"""The one place an ADK Runner is made, for the gateway and for every A2A server.

Both wrap the agent in an ADK `App`, so what applies to every turn (plugins, how much history
a turn reads and sends to the model) is configured here once instead of per entry point.
"""

from __future__ import annotations

from google.adk.agents.base_agent import BaseAgent
from google.adk.apps.app import App
from google.adk.plugins.base_plugin import BasePlugin
from google.adk.runners import Runner
from google.adk.sessions.base_session_service import BaseSessionService

from cartmate.agent_runtime.history import BoundedRunner, compaction_config
from cartmate.agent_runtime.metrics_plugin import MetricsPlugin
from cartmate.config import Settings

__all__ = ["make_runner", "runner_plugins"]


def runner_plugins() -> list[BasePlugin]:
    """Plugins every CartMate runner gets: metrics of its model, tool and agent calls."""
    return [MetricsPlugin()]


def make_runner(
    app_name: str,
    agent: BaseAgent,
    session_service: BaseSessionService,
    settings: Settings | None = None,
    *,
    plugins: list[BasePlugin] | None = None,
    auto_create_session: bool = False,
) -> Runner:
    """A Runner for `agent` under `app_name`, with CartMate's plugins (`runner_plugins`,
    unless `plugins` says otherwise: a warm-up records no metrics) and settings.

    With `CARTMATE_HISTORY_EVENTS` > 0 (the default), a turn reads at most that many recent
    events and older turns reach the model as summaries (see `history.py`); 0 turns both off.
    With `auto_create_session`, a turn on a session that does not exist yet creates it (the A2A
    executor relies on that instead of reading the session first).
    """
    window = (settings or Settings.model_construct()).history_events
    app = App(
        name=app_name,
        root_agent=agent,
        plugins=runner_plugins() if plugins is None else plugins,
        events_compaction_config=compaction_config(agent) if window else None,
    )
    return BoundedRunner(
        history_events=window or None,
        app=app,
        session_service=session_service,
        auto_create_session=auto_create_session,
    )
