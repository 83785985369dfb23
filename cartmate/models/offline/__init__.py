"""The offline planner model: a deterministic ADK `BaseLlm` with no network.

`request_view` reads an LlmRequest as a model would (the shopper's latest words and images,
the tools offered, this agent's earlier tool results, the conversation state in the
instruction); `policy` decides the next step from `cartmate.planner.understand`; `replies`
writes the answer from tool results; `llm` streams it as LlmResponses.
"""
