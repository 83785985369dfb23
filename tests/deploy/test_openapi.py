"""docs/openapi.json is what the gateway serves at /openapi.json, and docs/api.md covers it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from cartmate.config import Settings
from cartmate.deploy.openapi import OPENAPI_FILE, gateway_openapi, render
from cartmate.gateway.app import create_app

DOCS = Path(__file__).resolve().parents[2] / "docs"
STALE = "docs/openapi.json is stale: run `python -m cartmate.deploy.openapi`"


def test_the_checked_in_file_is_the_generated_schema() -> None:
    assert OPENAPI_FILE.read_text(encoding="utf-8") == render(gateway_openapi()), STALE


async def test_the_app_serves_the_checked_in_schema() -> None:
    # ASGITransport sends no lifespan events: Redis and Online Boutique are not needed.
    app = create_app(Settings(_env_file=None))  # type: ignore[call-arg]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        served = await client.get("/openapi.json")
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("application/json")
    assert served.json() == json.loads(OPENAPI_FILE.read_text(encoding="utf-8")), STALE


def test_api_docs_name_every_route_and_link_the_schema() -> None:
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    assert "openapi.json" in api
    for path in json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))["paths"]:
        assert _mentions(api, path), f"docs/api.md does not mention {path}"
    for path in ("/ws", "/openapi.json", "/.well-known/agent-card.json"):
        assert _mentions(api, path)


def _mentions(text: str, path: str) -> bool:
    # `GET /path` or `/path` in a table or prose.
    return re.search(r"[` ]" + re.escape(path) + "`", text) is not None


def test_docs_index_links_the_docs() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for name in ("api.md", "integration.md", "deployment.md", "websocket.md", "a2a.md"):
        assert f"({name})" in index, f"docs/index.md does not link {name}"
        assert (DOCS / name).exists()
