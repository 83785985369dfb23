"""ADK events of one turn -> chat protocol frames.

- partial text events -> `partial` (ADK repeats the text in an aggregated event afterwards:
  that one is never sent again; a response that was not streamed is sent as one partial),
- thought parts (the agents' progress notes) -> `thinking`,
- `transfer_to_agent` calls -> `delegation` started (completed or failed when the turn ends),
- other function calls and responses -> `tool` started / completed / failed,
- tool results -> the structured `data` of the final `message` (products, cart, prices, alerts,
  style_profile).
The partials of a turn, concatenated, are exactly the final message's text.
"""

from __future__ import annotations

from typing import Any

from google.adk.events.event import Event

__all__ = ["TurnTranslator"]

_PRODUCT_TOOLS = {"search_products", "suggest_complements"}
# tools whose result ends with the cart as it stands (the list tools too: "add whatever's missing")
_CART_TOOLS = {
    "view_cart", "add_to_cart", "remove_from_cart", "set_cart_quantity", "empty_cart",
    "note_shopping_list", "compare_with_list", "match_cart_to_list", "cross_off_list",
}  # fmt: skip
_ALERT_TOOLS = {"create_price_alert", "list_price_alerts", "delete_price_alert"}
_STYLE_TOOLS = {
    "analyse_style_photo",
    "show_style_profile",
    "record_style_preferences",
    "reset_style_profile",
}


class TurnTranslator:
    def __init__(self) -> None:
        self.text = ""
        self.data: dict[str, Any] = {}
        self._delegated: list[str] = []
        self._failed_agents: set[str] = set()
        self._streamed_since_final = False
        # A response ended: the next one (another agent's answer) starts a new sentence.
        self._after_response = False

    def feed(self, event: Event) -> list[dict[str, Any]]:
        frames: list[dict[str, Any]] = []
        parts = event.content.parts if event.content and event.content.parts else []
        texts = [p.text for p in parts if p.text and not p.thought]
        if event.partial:
            for text in texts:
                frames.append(self._partial(text))
            self._streamed_since_final = self._streamed_since_final or bool(texts)
            return frames
        for part in parts:
            if part.thought and part.text:
                frames.append({"type": "thinking", "text": part.text})
            elif part.function_call:
                name = part.function_call.name or ""
                if name == "transfer_to_agent":
                    agent = str((part.function_call.args or {}).get("agent_name", ""))
                    self._delegated.append(agent)
                    frames.append({"type": "delegation", "agent": agent, "status": "started"})
                else:
                    frames.append({"type": "tool", "name": name, "status": "started"})
            elif part.function_response:
                name = part.function_response.name or ""
                if name == "transfer_to_agent":
                    continue
                result = dict(part.function_response.response or {})
                failed = result.get("status") == "error"
                frames.append(
                    {"type": "tool", "name": name, "status": "failed" if failed else "completed"}
                )
                if not failed:
                    self._collect(name, result)
        if texts and not self._streamed_since_final:
            frames.append(self._partial("".join(texts)))  # a response that was not streamed
        self._streamed_since_final = False
        self._after_response = self._after_response or bool(texts)
        if event.error_code and event.author in self._delegated:
            self._failed_agents.add(event.author)
        return frames

    def _partial(self, text: str) -> dict[str, Any]:
        if self._after_response and self.text[-1:].strip() and text[:1].strip():
            text = " " + text  # "... (it's $89.99 now). Removed Loafers ...", not "now).Removed"
        self._after_response = False
        self.text += text
        return {"type": "partial", "text": text}

    def _collect(self, tool: str, result: dict[str, Any]) -> None:
        if tool in _PRODUCT_TOOLS:
            self.data["products"] = result.get("products", [])
        elif tool == "get_product_details" and "product" in result:
            self.data.setdefault("products", []).append(result["product"])
        elif tool in _CART_TOOLS and "cart" in result:
            self.data["cart"] = result["cart"]
        elif tool == "compare_prices":
            self.data["prices"] = result.get("offers", [])
        elif tool in _ALERT_TOOLS:
            if "alerts" in result:
                self.data["alerts"] = result["alerts"]
            elif "alert" in result:
                self.data["alerts"] = [result["alert"]]
        elif tool == "set_display_currency":
            self.data["display_currency"] = result.get("currency")
        elif tool in _STYLE_TOOLS and "profile" in result:
            self.data["style_profile"] = {
                **result["profile"],
                "explanation": result.get("explanation", ""),
            }

    def finish(self, status: str) -> list[dict[str, Any]]:
        """The frames that close the turn: delegations ended, the message, turn_end."""
        frames = [
            {
                "type": "delegation",
                "agent": agent,
                "status": "failed"
                if status != "ok" or agent in self._failed_agents
                else "completed",
            }
            for agent in self._delegated
        ]
        if status == "ok":
            frames.append({"type": "message", "text": self.text, "data": self.data})
        frames.append({"type": "turn_end", "status": status})
        return frames
