"""`build_agent`'s tools: one declaration per tool, the same one ADK would have built."""

from __future__ import annotations

from google.adk.models.llm_request import LlmRequest
from google.adk.tools.function_tool import FunctionTool

from cartmate.agent_runtime.building import DeclaredOnceTool, ToolList
from cartmate.agent_runtime.services import StaticServices
from cartmate.agents.cart_manager.agent import build_cart_manager_agent
from cartmate.config import Settings


def test_every_tool_declares_itself_once_and_as_adk_would(
    provider: StaticServices, settings: Settings
) -> None:
    agent = build_cart_manager_agent(provider, settings)
    [toolset] = agent.tools  # one entry: ADK resolves each entry in a task of its own
    assert isinstance(toolset, ToolList)
    tools = list(toolset.tools)
    assert tools and all(isinstance(tool, DeclaredOnceTool) for tool in tools)
    for tool in tools:
        first, again = tool._get_declaration(), tool._get_declaration()
        assert first is again  # no copy per model request
        assert first == FunctionTool(tool.func)._get_declaration()


def test_two_model_requests_declare_the_same_tools() -> None:
    def add_to_cart(product_id: str, quantity: int = 1) -> dict[str, str]:
        """Adds a product to the cart."""
        return {"status": "ok"}

    tool = DeclaredOnceTool(add_to_cart)
    requests = [LlmRequest(), LlmRequest()]
    for request in requests:
        request.append_tools([tool])
    declared = [request.config.tools[0].function_declarations for request in requests]
    assert declared[0] == declared[1]
    assert [d.name for d in declared[0]] == ["add_to_cart"]
    schema = declared[0][0].parameters_json_schema or declared[0][0].parameters.model_dump()
    assert set(schema["properties"]) == {"product_id", "quantity"}
    assert requests[0].tools_dict == {"add_to_cart": tool}
