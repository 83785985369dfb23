"""CartMate's agents over A2A (a2a-sdk 1.3, protocol 1.0 with 0.3 compatibility).

`cards` builds and publishes each agent's card, `server` serves one agent (JSON-RPC and
HTTP+JSON, streaming, tasks), `task_store` keeps tasks and their events in Redis so replicas
share them, `metadata` is what messages carry besides words (the shopper, the conversation
state), `remote` calls a served agent from ADK, `registry` says which agents are up and where
(heartbeats in Redis), `middleware` holds the bearer-token check and the trace-context span,
and `command` is `cartmate serve-agent NAME`.
See docs/a2a.md.
"""
