"""`create_app(settings)`: the gateway's Starlette app and its lifespan.

The lifespan owns every resource (Redis, the Online Boutique clients, the ADK Runner) and
closes them in reverse order. Routes: `/ws` (the chat protocol), `/` (the web chat page),
`/healthz`, `/readyz`, `/agents` and `/openapi.json`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from google.adk.sessions.base_session_service import BaseSessionService
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.schemas import SchemaGenerator
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket

from cartmate.a2a.failover import PeerClient
from cartmate.a2a.registry import AgentRegistry
from cartmate.agent_runtime.runners import make_runner
from cartmate.agent_runtime.services import AgentServices, StaticServices, open_agent_services
from cartmate.agent_runtime.topology import AGENTS, SPECIALISTS, agent_url
from cartmate.agent_runtime.warm_up import MESSAGES, warm_up
from cartmate.agents.orchestrator.agent import build_orchestrator_agent
from cartmate.config import Settings
from cartmate.errors import UnavailableError
from cartmate.gateway.event_log import EventLog, LogHub
from cartmate.gateway.gateway import APP_NAME, Gateway
from cartmate.gateway.problems import EXCEPTION_HANDLERS
from cartmate.gateway.sessions import GatewaySessions
from cartmate.gateway.tokens import TokenSigner
from cartmate.models.selection import close_models
from cartmate.pricing.alert_checker import open_alert_checker
from cartmate.resources import ResourceMonitor
from cartmate.store.rate_limits import TokenBucket
from cartmate.store.redis_client import RedisConnection
from cartmate.store.redis_session_service import RedisSessionService
from cartmate.telemetry import instrument_httpx

__all__ = ["create_app"]

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
_HEALTH_TIMEOUT_S = 1.0  # per agent instance, checked concurrently by /agents

schemas = SchemaGenerator(
    {"openapi": "3.0.3", "info": {"title": "CartMate gateway", "version": "1"}}
)


async def _session_secret(settings: Settings, redis: RedisConnection) -> bytes:
    """The configured secret; in development one generated once and shared through Redis."""
    if settings.session_secret is not None:
        return settings.session_secret.get_secret_value().encode()
    key = redis.keys.key("gw", "dev-secret")
    await redis.client.set(key, secrets.token_urlsafe(32), nx=True)
    log.warning("CARTMATE_SESSION_SECRET is not set: using a generated development secret")
    return str(await redis.client.get(key)).encode()


def _session_service(services: AgentServices) -> BaseSessionService:
    """ADK sessions in Redis (appends cost the same at any length), so any replica serves."""
    return RedisSessionService.for_settings(services.redis, services.settings)


@contextlib.asynccontextmanager
async def open_gateway(settings: Settings) -> AsyncIterator[Gateway]:
    async with (
        open_agent_services(settings) as services,
        # A2A calls to remote specialists; a replica that refuses is tried last for a while.
        PeerClient(timeout=60.0, hold_s=settings.a2a_registry_ttl_s) as http,
    ):
        instrument_httpx(http)
        agent = build_orchestrator_agent(StaticServices(services), settings, http)
        runner = make_runner(APP_NAME, agent, _session_service(services), settings)
        event_log = EventLog(services.redis, settings.event_log_max, settings.session_idle_ttl_s)
        hub = LogHub(event_log, services.redis)
        gateway = Gateway(
            settings=settings,
            services=services,
            runner=runner,
            sessions=GatewaySessions(services.redis, settings.session_idle_ttl_s),
            log=event_log,
            hub=hub,
            signer=TokenSigner(
                await _session_secret(settings, services.redis), settings.token_ttl_s
            ),
            message_rate=TokenBucket.per_minute(
                services.redis, "gw-messages", settings.messages_per_minute
            ),
        )
        hub.on_cancel = gateway.cancel_local
        await warm_up(
            APP_NAME,
            lambda offline: build_orchestrator_agent(StaticServices(services), offline, http),
            _warm_up_messages(settings),
            settings,
        )
        await hub.start()
        try:
            # Price alerts: one checker leads across replicas; fired alerts become
            # notification frames in the shopper's sessions.
            async with open_alert_checker(services, gateway.notify):
                yield gateway
        finally:
            await gateway.drain()
            await hub.stop()
            await runner.close()
            await close_models(agent)


def _warm_up_messages(settings: Settings) -> tuple[str, ...]:
    """The orchestrator's greeting, and each in-process specialist's read-only request
    (with A2A delegation those would be real calls to other processes, warmed by their own)."""
    if settings.delegation == "a2a":
        return MESSAGES["orchestrator"]
    return tuple(text for name in AGENTS for text in MESSAGES[name])


async def chat(websocket: WebSocket) -> None:
    gateway: Gateway = websocket.app.state.gateway
    await gateway.serve(websocket)


async def healthz(request: Request) -> Response:
    """
    responses:
      200:
        description: The process is alive.
    """
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """
    responses:
      200:
        description: >
          Redis, every Online Boutique service and (with A2A delegation) every specialist
          agent answer.
      503:
        description: Something the gateway needs is down; the body says what.
    """
    gateway: Gateway = request.app.state.gateway
    redis = await gateway.services.redis.health()
    boutique = await gateway.services.boutique.health(timeout_s=1.0)
    agents = await _remote_specialists_health(gateway)
    ready = (
        redis.ok
        and all(status == "SERVING" for status in boutique.values())
        and all(agents.values())
        and not gateway.draining
    )
    body = {
        "status": "ready" if ready else "unavailable",
        "redis": {"ok": redis.ok, "latency_ms": redis.latency_ms},
        "online_boutique": boutique,
        "agents": agents,
        "draining": gateway.draining,
        # Resource alerts (cartmate/resources.py) degrade but do not unready the gateway:
        # taking a busy replica out of rotation would push its load onto the others.
        **_alerts(request),
    }
    return JSONResponse(body, status_code=200 if ready else 503)


def _alerts(request: Request) -> dict[str, object]:
    monitor: ResourceMonitor | None = getattr(request.app.state, "resources", None)
    alerts = monitor.report() if monitor is not None else []
    return {"degraded": bool(alerts), "alerts": alerts}


async def _healthy(http: httpx.AsyncClient, url: str) -> bool:
    try:
        return (await http.get(f"{url}/healthz")).status_code == 200
    except httpx.HTTPError:
        return False


async def _remote_specialists_health(gateway: Gateway) -> dict[str, bool]:
    """With A2A delegation: whether each specialist answers (a live registered instance, or
    its configured URL). In-process specialists need no check: they are this process."""
    settings = gateway.settings
    if settings.delegation != "a2a":
        return {}
    try:
        live = await AgentRegistry(
            gateway.services.redis, ttl_s=settings.a2a_registry_ttl_s
        ).live_agents()
    except UnavailableError:
        live = {}
    async with httpx.AsyncClient(timeout=_HEALTH_TIMEOUT_S) as http:

        async def reachable(name: str) -> bool:
            urls = [i.url for i in live.get(name, [])] or [agent_url(settings, name)]
            return any(await asyncio.gather(*(_healthy(http, url) for url in urls)))

        names = list(SPECIALISTS)
        return dict(zip(names, await asyncio.gather(*(reachable(n) for n in names)), strict=True))


async def agents(request: Request) -> Response:
    """
    responses:
      200:
        description: >
          The agents this gateway talks to, with how they are reached, and every live A2A
          instance in the agent registry with its URL, last heartbeat and health.
    """
    gateway: Gateway = request.app.state.gateway
    settings = gateway.settings
    registry = AgentRegistry(gateway.services.redis, ttl_s=settings.a2a_registry_ttl_s)
    try:
        live = await registry.live_agents()
        registry_ok = True
    except UnavailableError:
        live, registry_ok = {}, False
    instances = [instance for group in live.values() for instance in group]
    async with httpx.AsyncClient(timeout=_HEALTH_TIMEOUT_S) as http:
        health = await asyncio.gather(*(_healthy(http, i.url) for i in instances))
    healthy = {(i.name, i.instance_id): ok for i, ok in zip(instances, health, strict=True)}
    listed = []
    for name in [*AGENTS, *sorted(set(live) - set(AGENTS))]:
        in_process = settings.delegation == "local" or name == "orchestrator"
        entry: dict[str, object] = {
            "name": name,
            "delegation": "in-process" if in_process else "a2a",
            "instances": [
                {
                    "instance_id": i.instance_id,
                    "url": i.url,
                    "skills": sorted(i.skill_ids()),
                    "registered_at": i.registered_at,
                    "last_seen": i.last_seen,
                    "healthy": healthy[(i.name, i.instance_id)],
                }
                for i in live.get(name, [])
            ],
        }
        if not in_process and not live.get(name):
            entry["url"] = agent_url(settings, name)  # the fallback the orchestrator uses
        listed.append(entry)
    return JSONResponse({"agents": listed, "registry": "ok" if registry_ok else "unavailable"})


async def openapi(request: Request) -> Response:
    # Starlette's OpenAPIResponse renders YAML; clients expect /openapi.json to be JSON.
    return JSONResponse(schemas.get_schema(routes=request.app.routes))


def create_app(settings: Settings) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_gateway(settings) as gateway:
            monitor = ResourceMonitor.for_settings(settings, gateway.services.redis.pool)
            async with monitor.running():
                app.state.gateway, app.state.resources = gateway, monitor
                yield

    routes = [
        WebSocketRoute("/ws", chat),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/agents", agents, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"], include_in_schema=False),
    ]
    if STATIC.is_dir():
        routes.append(Mount("/", StaticFiles(directory=STATIC, html=True), name="page"))
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers=EXCEPTION_HANDLERS)
