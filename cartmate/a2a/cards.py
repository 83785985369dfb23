"""The A2A agent cards of CartMate's five agents, built from code.

Each card names the agent as the orchestrator knows it (`cart_manager`, ...), describes it
with the agent's own DESCRIPTION, lists its skills (each skill names the tools it covers, and
a test checks that every tool of every agent is covered), and advertises where it is served:
JSON-RPC and HTTP+JSON, protocol 1.0 and 0.3, all at `agent_url(settings, name)`, which
honours CARTMATE_PUBLIC_BASE_URL.

`agent_cards/<name>.json` holds the published cards, built with the default settings (agents
on 127.0.0.1 from port 8101). Regenerate them with `python -m cartmate.a2a.cards`; `--check`
fails when they drift, `--from-env --out DIR` writes a deployment's cards.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from a2a.server.request_handlers.response_helpers import agent_card_to_dict
from a2a.types import (
    AgentCapabilities,
    AgentCard,
    AgentExtension,
    AgentInterface,
    AgentProvider,
    AgentSkill,
    HTTPAuthSecurityScheme,
    SecurityRequirement,
    SecurityScheme,
    StringList,
)
from a2a.utils.constants import PROTOCOL_VERSION_0_3, PROTOCOL_VERSION_1_0, TransportProtocol

from cartmate.agent_runtime.topology import AGENTS, agent_url
from cartmate.config import Settings

__all__ = [
    "IMAGE_MODES",
    "PUBLISHED_DIR",
    "BEARER_SCHEME",
    "METADATA_EXTENSION_URI",
    "SKILLS",
    "TEXT_MODES",
    "SkillSpec",
    "build_agent_card",
    "build_agent_cards",
    "build_extended_card",
    "card_json",
    "main",
    "published_settings",
    "stale_cards",
    "write_cards",
]

TEXT_MODES = ("text/plain",)
IMAGE_MODES = ("image/jpeg", "image/png", "image/webp")  # what cartmate.style.images accepts
PUBLISHED_DIR = Path(__file__).resolve().parents[2] / "agent_cards"
BEARER_SCHEME = "bearer"  # the security scheme's name in cards (CARTMATE_A2A_TOKEN)
METADATA_EXTENSION_URI = "https://cartmate.dev/a2a/extensions/shopper-metadata/v1"


@dataclass(frozen=True)
class SkillSpec:
    """One advertised skill and the agent tools that carry it out."""

    id: str
    name: str
    description: str
    tags: tuple[str, ...]
    examples: tuple[str, ...]
    tools: tuple[str, ...]
    input_modes: tuple[str, ...] = ()  # empty: the card's defaults

    def to_proto(self) -> AgentSkill:
        return AgentSkill(
            id=self.id,
            name=self.name,
            description=self.description,
            tags=list(self.tags),
            examples=list(self.examples),
            input_modes=list(self.input_modes),
        )


SKILLS: dict[str, tuple[SkillSpec, ...]] = {
    "orchestrator": (
        SkillSpec(
            id="shopping_assistant",
            name="Shopping assistant",
            description=(
                "Talks with the shopper about Online Boutique and hands each request to the "
                "specialist that owns it: product discovery, the cart, style or prices. Answers "
                "greetings and 'what can you do?' itself and declines what is not shopping."
            ),
            tags=("shopping", "assistant", "routing", "online-boutique"),
            examples=(
                "Hi! What can you do?",
                "Find me sunglasses under 30 dollars",
                "Add two mugs to my cart",
                "Here's a photo of my outfit, what's my style?",
                "Is the watch cheaper anywhere else?",
            ),
            tools=("transfer_to_agent",),
            input_modes=(*TEXT_MODES, *IMAGE_MODES),
        ),
        SkillSpec(
            id="display_currency",
            name="Display currency",
            description=(
                "Shows every price in the currency the shopper asks for, converted by Online "
                "Boutique's currency service."
            ),
            tags=("currency", "prices", "settings"),
            examples=("Show prices in euros", "Can I see everything in Japanese yen?"),
            tools=("set_display_currency",),
        ),
        SkillSpec(
            id="budget",
            name="Budget",
            description=(
                "Keeps to a budget the shopper states, in any currency: later answers say "
                "what the cart leaves of it, or by exactly how much it goes over."
            ),
            tags=("budget", "prices", "cart"),
            examples=("I've got 50 dollars to spend", "Forget the budget"),
            tools=("set_budget",),
        ),
    ),
    "product_discovery": (
        SkillSpec(
            id="search_products",
            name="Search the catalog",
            description=(
                "Searches the catalog by words, category, colour and price range in any "
                "currency, cheapest first on request, and lists the categories."
            ),
            tags=("search", "catalog", "products", "categories"),
            examples=(
                "Show me sunglasses under 20 euros",
                "What kitchen items do you have, cheapest first?",
                "Which categories are there?",
            ),
            tools=("search_products", "list_categories"),
        ),
        SkillSpec(
            id="product_details",
            name="Product details",
            description=(
                "Describes one product: what it is, its categories, price and availability."
            ),
            tags=("product", "details", "availability"),
            examples=("Tell me more about the loafers", "Is the mug in stock?"),
            tools=("get_product_details",),
        ),
        SkillSpec(
            id="suggest_bundle",
            name="Outfit bundles",
            description=(
                "Puts together the set of products that goes best together, and with the "
                "shopper's style, within a budget."
            ),
            tags=("outfit", "bundle", "budget", "style"),
            examples=("Put together an outfit under $150", "Build me a look for work under €100"),
            tools=("suggest_bundle",),
        ),
        SkillSpec(
            id="suggest_complements",
            name="Goes well with",
            description="Suggests products that go with a given product or with the whole cart.",
            tags=("recommendations", "complements"),
            examples=("What goes well with the tank top?", "Suggest something for my cart"),
            tools=("suggest_complements",),
        ),
    ),
    "cart_manager": (
        SkillSpec(
            id="check_cart_coherence",
            name="Cart coherence",
            description=(
                "Checks whether the cart goes together (clashing colours or styles, missing "
                "pieces of an outfit), with a score and reasons."
            ),
            tags=("cart", "outfit", "coherence", "style"),
            examples=("Does my cart go together?", "What's missing from my outfit?"),
            tools=("check_cart_coherence",),
        ),
        SkillSpec(
            id="view_cart",
            name="View the cart",
            description=(
                "Shows the shopper's cart: each line with quantity, unit price and line total, "
                "and the cart total, in the shopper's display currency; and what it would come "
                "to after changes, without making them."
            ),
            tags=("cart", "totals"),
            examples=(
                "What's in my cart?",
                "How much is my cart in euros?",
                "What would it come to with two more mugs?",
            ),
            tools=("view_cart", "quote_cart"),
        ),
        SkillSpec(
            id="edit_cart",
            name="Change the cart",
            description=(
                "Adds products with quantities, removes a product's line and sets how many of a "
                "product the cart holds. Products may be named in the shopper's words."
            ),
            tags=("cart", "add", "remove", "quantity"),
            examples=("Add two mugs", "Remove the candle holder", "Make it three tank tops"),
            tools=("add_to_cart", "remove_from_cart", "set_cart_quantity"),
        ),
        SkillSpec(
            id="empty_cart",
            name="Empty the cart",
            description="Removes everything from the shopper's cart.",
            tags=("cart", "empty"),
            examples=("Empty my cart", "Clear the basket"),
            tools=("empty_cart",),
        ),
        SkillSpec(
            id="shopping_list",
            name="Shopping list",
            description=(
                "Keeps the shopper's own shopping list, compares the cart with it (what is "
                "missing, what is extra, what the shop does not sell) and makes the cart match "
                "it, or only adds what is missing."
            ),
            tags=("cart", "list", "shopping list"),
            examples=(
                "Here's my list: 2 mugs, a jar, the sunglasses. What's missing from my cart?",
                "Add whatever's missing",
                "Make my cart match my list",
                "Cross the jar off my list",
            ),
            tools=(
                "note_shopping_list",
                "compare_with_list",
                "match_cart_to_list",
                "cross_off_list",
                "set_list_quantity",
            ),  # fmt: skip
        ),
    ),
    "style_profiler": (
        SkillSpec(
            id="analyse_style_photo",
            name="Analyse a style photo",
            description=(
                "Reads the photos the shopper sends (JPEG, PNG or WebP) for colours, patterns "
                "and aesthetics and learns their style from them."
            ),
            tags=("style", "photo", "image", "colours"),
            examples=("Here's a photo of my outfit, what's my style?",),
            tools=("analyse_style_photo",),
            input_modes=(*TEXT_MODES, *IMAGE_MODES),
        ),
        SkillSpec(
            id="style_profile",
            name="Style profile",
            description="Explains the shopper's style profile, or forgets it on request.",
            tags=("style", "profile"),
            examples=("What's my style profile?", "Forget my style"),
            tools=("show_style_profile", "reset_style_profile"),
        ),
        SkillSpec(
            id="style_preferences",
            name="Likes and dislikes",
            description="Records what the shopper likes and dislikes.",
            tags=("style", "preferences"),
            examples=("I love earthy colours but hate neon",),
            tools=("record_style_preferences",),
        ),
    ),
    "price_comparison": (
        SkillSpec(
            id="compare_prices",
            name="Compare prices",
            description=(
                "Compares a product's Online Boutique price with other retailers' prices and "
                "judges whether a price is a good deal."
            ),
            tags=("prices", "comparison", "deals"),
            examples=(
                "Is the watch cheaper elsewhere?",
                "Is 80 dollars a good price for the sunglasses?",
            ),
            tools=("compare_prices", "analyse_deal"),
        ),
        SkillSpec(
            id="price_alerts",
            name="Price alerts",
            description="Creates, lists and cancels alerts for when a product drops to a price.",
            tags=("prices", "alerts"),
            examples=(
                "Tell me when the loafers drop below 70 dollars",
                "Which price alerts do I have?",
                "Cancel that alert",
            ),
            tools=("create_price_alert", "list_price_alerts", "delete_price_alert"),
        ),
    ),
}

# Agents that look at the shopper's photos accept images as well as text.
_INPUT_MODES = {
    name: (*TEXT_MODES, *IMAGE_MODES) if name in ("orchestrator", "style_profiler") else TEXT_MODES
    for name in AGENTS
}


def _description(name: str) -> str:
    # Imported per agent: the prompt modules are plain strings, cheap and side-effect free.
    module = importlib.import_module(f"cartmate.agents.{name}.prompt")
    return str(module.DESCRIPTION)


def _version() -> str:
    try:
        return importlib.metadata.version("cartmate")
    except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0"


def build_agent_card(name: str, settings: Settings, *, url: str | None = None) -> AgentCard:
    """The card of agent `name`, served at `url` (default `agent_url(settings, name)`)."""
    if name not in AGENTS:
        raise ValueError(f"unknown agent {name!r}; expected one of {', '.join(AGENTS)}")
    url = (url or agent_url(settings, name)).rstrip("/")
    # 1.0 first: a 1.0 client picks it; the 0.3 entries become the card's legacy
    # `url`/`preferredTransport` fields, which older clients read.
    interfaces = [
        AgentInterface(url=url, protocol_binding=binding, protocol_version=version)
        for version in (PROTOCOL_VERSION_1_0, PROTOCOL_VERSION_0_3)
        for binding in (TransportProtocol.JSONRPC.value, TransportProtocol.HTTP_JSON.value)
    ]
    card = AgentCard(
        name=name,
        description=_description(name),
        version=_version(),
        provider=AgentProvider(
            organization="CartMate",
            url=settings.public_base_url or agent_url(settings, "orchestrator"),
        ),
        documentation_url=f"{url}/docs",
        supported_interfaces=interfaces,
        capabilities=AgentCapabilities(streaming=True, push_notifications=False),
        default_input_modes=list(_INPUT_MODES[name]),
        default_output_modes=list(TEXT_MODES),
        skills=[skill.to_proto() for skill in SKILLS[name]],
    )
    if settings.a2a_token is not None and settings.a2a_token.get_secret_value():
        # Calls need `Authorization: Bearer <CARTMATE_A2A_TOKEN>`; the extended card
        # (GetExtendedAgentCard) is for callers that send it.
        card.security_schemes[BEARER_SCHEME].CopyFrom(
            SecurityScheme(
                http_auth_security_scheme=HTTPAuthSecurityScheme(
                    scheme="Bearer",
                    description="CartMate's inter-agent token (CARTMATE_A2A_TOKEN).",
                )
            )
        )
        card.security_requirements.append(
            SecurityRequirement(schemes={BEARER_SCHEME: StringList()})
        )
        card.capabilities.extended_agent_card = True
    return card


def build_extended_card(card: AgentCard) -> AgentCard:
    """The card for authenticated callers: the public one plus CartMate's message-metadata
    extension (`user_id`, `cartmate_state`), which only trusted peers may use."""
    extended = AgentCard()
    extended.CopyFrom(card)
    extended.capabilities.extensions.append(
        AgentExtension(
            uri=METADATA_EXTENSION_URI,
            description=(
                "Message metadata `user_id` names the shopper whose cart, style profile and "
                "price alerts the agent uses; `cartmate_state` carries the conversation state "
                "in, and comes back on the task's final status update."
            ),
            required=False,
        )
    )
    return extended


def build_agent_cards(settings: Settings) -> dict[str, AgentCard]:
    """Every agent's card, in AGENTS order."""
    return {name: build_agent_card(name, settings) for name in AGENTS}


def card_json(card: AgentCard) -> str:
    """The card as served at /.well-known/agent-card.json (with the 0.3 fields), as JSON text."""
    return json.dumps(agent_card_to_dict(card), indent=2, ensure_ascii=False) + "\n"


def published_settings() -> Settings:
    """The defaults the published cards are built with, whatever the environment says."""
    return Settings.model_construct()  # defaults only: no environment, no .env


def write_cards(settings: Settings, out: Path) -> list[Path]:
    """Write `<name>.json` for every agent into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, card in build_agent_cards(settings).items():
        path = out / f"{name}.json"
        path.write_text(card_json(card), encoding="utf-8")
        written.append(path)
    return written


def stale_cards(settings: Settings, out: Path) -> list[str]:
    """Agents whose `<name>.json` in `out` is missing or differs from what the code builds."""
    stale = []
    for name, card in build_agent_cards(settings).items():
        path = out / f"{name}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != card_json(card):
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m cartmate.a2a.cards [--check] [--from-env] [--out DIR]`."""
    parser = argparse.ArgumentParser(prog="python -m cartmate.a2a.cards", description=__doc__)
    parser.add_argument("--out", type=Path, default=PUBLISHED_DIR, help="directory to write")
    parser.add_argument(
        "--from-env",
        action="store_true",
        help="use the environment's settings (CARTMATE_PUBLIC_BASE_URL, ...) instead of defaults",
    )
    parser.add_argument("--check", action="store_true", help="fail if the cards are stale")
    args = parser.parse_args(argv)
    if args.from_env:
        from cartmate.config import ConfigError, load_settings

        try:
            settings = load_settings()
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
    else:
        settings = published_settings()
    if args.check:
        stale = stale_cards(settings, args.out)
        for name in stale:
            print(f"stale: {args.out / (name + '.json')}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_cards(settings, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
