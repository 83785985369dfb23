"""The gateway's OpenAPI document, as `/openapi.json` serves it, checked in as docs/openapi.json.

`python -m cartmate.deploy.openapi` rewrites the file; a test fails when it is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["OPENAPI_FILE", "gateway_openapi", "render", "main"]

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def gateway_openapi() -> dict[str, Any]:
    """The schema of the gateway's HTTP routes, built from the app without starting it."""
    from cartmate.config import Settings
    from cartmate.gateway.app import create_app, schemas

    # The routes do not depend on the settings' values; defaults avoid reading a .env file.
    app = create_app(Settings(_env_file=None))  # type: ignore[call-arg]
    return schemas.get_schema(routes=app.routes)


def render(schema: dict[str, Any]) -> str:
    """The file's exact text: stable key order, two-space indent, final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/openapi.json (or the path given) from the current gateway app."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else OPENAPI_FILE
    target.write_text(render(gateway_openapi()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
