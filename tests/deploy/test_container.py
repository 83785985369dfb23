"""The Dockerfile, .dockerignore, cloudbuild.yaml and the container's healthcheck.

No Docker engine runs here, so the image is checked by reading its recipe; the healthcheck
command runs for real against a live /healthz.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest
import yaml
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from cartmate.agent_runtime.topology import AGENTS
from cartmate.deploy.healthcheck import healthy, main
from tests.helpers import free_port
from tests.servers import serve

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = (REPO / "Dockerfile").read_text()


def _instructions() -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    lines = [line.strip() for line in joined.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def test_one_slim_image_run_as_a_non_root_user() -> None:
    instructions = _instructions()
    assert [arg for op, arg in instructions if op == "FROM"] == ["python:3.11-slim"]
    users = [arg for op, arg in instructions if op == "USER"]
    assert users and not users[-1].startswith(("root", "0"))
    runs = " ".join(arg for op, arg in instructions if op == "RUN")
    assert "pip install -c constraints.txt ." in runs
    assert any(
        op == "HEALTHCHECK" and "cartmate.deploy.healthcheck" in arg for op, arg in instructions
    )
    exposed = " ".join(arg for op, arg in instructions if op == "EXPOSE").split()
    assert "8080" in exposed and all(str(8101 + i) in exposed for i in range(len(AGENTS)))
    assert ("ENTRYPOINT", '["cartmate"]') in instructions


def test_the_build_context_holds_what_the_image_copies() -> None:
    patterns = [p.strip() for p in (REPO / ".dockerignore").read_text().splitlines()]
    patterns = [p for p in patterns if p and not p.startswith("#")]

    def included(path: str) -> bool:
        keep = True
        for pattern in patterns:
            negate = pattern.startswith("!")
            if fnmatch.fnmatch(path, pattern.lstrip("!").rstrip("/")) or path.startswith(
                pattern.lstrip("!").rstrip("/") + "/"
            ):
                keep = negate
        return keep

    for op, arg in _instructions():
        if op == "COPY":
            for source in arg.split()[:-1]:
                assert included(source), f"{source} is excluded by .dockerignore"
    assert not included("tests") and not included(".venv")


def test_cloudbuild_tests_builds_pushes_and_deploys() -> None:
    build = yaml.safe_load((REPO / "cloudbuild.yaml").read_text())
    steps = {step["id"]: step for step in build["steps"]}
    assert ["redis", "test"] == list(steps)[:2]  # the existing steps, first
    assert "REDIS_URL=redis://redis:6379/0" in steps["test"]["env"]
    assert steps["build"]["args"][0] == "build" and steps["push"]["args"][0] == "push"
    script = steps["deploy-agents"]["args"][-1]
    assert all(agent in script for agent in AGENTS)
    assert "gcloud run deploy cartmate-gateway" in steps["deploy-gateway"]["args"][-1]
    assert "cartmate.deploy.agent_engine" in steps["deploy-agent-engine"]["args"][-1]
    subs = build["substitutions"]
    for key in ("_REGION", "_REDIS_URL", "_CATALOG_ADDR", "_CART_ADDR", "_CURRENCY_ADDR"):
        assert key in subs
    # Every ${_X} used is defined (Cloud Build fails the build otherwise).
    used = set(re.findall(r"\$\{(_[A-Z_]+)\}", (REPO / "cloudbuild.yaml").read_text()))
    assert used <= set(subs)


async def test_the_healthcheck_passes_on_a_live_healthz_and_fails_otherwise() -> None:
    app = Starlette(routes=[Route("/healthz", lambda _: JSONResponse({"status": "ok"}))])
    async with serve(app) as url:
        import asyncio

        assert await asyncio.to_thread(main, [f"{url}/healthz"]) == 0
        assert await asyncio.to_thread(healthy, f"{url}/missing") is False
    assert healthy(f"http://127.0.0.1:{free_port()}/healthz") is False
    with pytest.raises(ValueError):
        healthy("ftp://example")
