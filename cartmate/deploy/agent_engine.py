"""Deploy the orchestrator to Vertex AI Agent Engine as an ADK `AdkApp`.

    python -m cartmate.deploy.agent_engine --project P --location us-central1 \
        --staging-bucket gs://P-cartmate-staging --network-attachment NA \
        --env REDIS_URL=redis://10.0.0.3:6379/0 --env CART_SERVICE_ADDR=10.0.1.7:7070 ...

Needs the `agent-engine` extra (`pip install -c constraints.txt '.[agent-engine]'`) and
Application Default Credentials. The deployed object is `build_adk_app()`: the orchestrator
(with its specialists in-process unless CARTMATE_DELEGATION=a2a) on `LazyServices`, which open
Redis and the Online Boutique clients inside Agent Engine's event loop on first use, from the
environment variables passed with `--env`. Sessions are Agent Engine's own (ADK's
`VertexAiSessionService`); CartMate's Redis holds carts' locks, profiles, alerts and quotas.
`tests/deploy/test_agent_engine.py` runs the same object locally with the offline model.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartmate.agent_runtime.services import LazyServices, ServiceProvider
from cartmate.config import Settings, load_settings

if TYPE_CHECKING:  # the optional extra; imported only where it is used
    from vertexai.agent_engines import AdkApp

__all__ = ["APP_NAME", "FORWARDED_ENV", "build_adk_app", "deploy", "main", "requirements"]

log = logging.getLogger(__name__)

APP_NAME = "cartmate"
REPO = Path(__file__).resolve().parents[2]
# What the deployed orchestrator needs to reach; forwarded from the deploying environment
# when set there and not given with --env.
FORWARDED_ENV = (
    "REDIS_URL",
    "CARTMATE_REDIS_PREFIX",
    "PRODUCT_CATALOG_SERVICE_ADDR",
    "CART_SERVICE_ADDR",
    "CURRENCY_SERVICE_ADDR",
    "RECOMMENDATION_SERVICE_ADDR",
    "CARTMATE_MODEL",
    "CARTMATE_GEMINI_MODEL",
    "CARTMATE_DELEGATION",
    "CARTMATE_PUBLIC_BASE_URL",
    "CARTMATE_LOG_LEVEL",
)
# The extra itself, pinned like everything else (constraints.txt does not list it: it is
# optional and its dependencies are only needed by the deploy step).
AGENT_ENGINE_REQUIREMENT = "google-cloud-aiplatform[agent-engines,adk]==2.7.0"


def build_adk_app(
    settings: Settings | None = None,
    provider: ServiceProvider | None = None,
    *,
    enable_tracing: bool = False,
) -> AdkApp:
    """The AdkApp Agent Engine runs: the orchestrator on `provider` (LazyServices by default).

    Tests pass their own settings and StaticServices; the deploy passes nothing, so the
    pickled agent opens its services from the environment where it runs.
    """
    from vertexai.agent_engines import AdkApp

    from cartmate.agents.orchestrator.agent import build_orchestrator_agent

    agent = build_orchestrator_agent(provider or LazyServices(), settings or load_settings())
    return AdkApp(agent=agent, app_name=APP_NAME, enable_tracing=enable_tracing)


def requirements(constraints: Path = REPO / "constraints.txt") -> list[str]:
    """CartMate's pinned dependencies (constraints.txt) plus the Agent Engine extra."""
    pins = [
        line.strip()
        for line in constraints.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return [*pins, AGENT_ENGINE_REQUIREMENT]


def _env_vars(pairs: Sequence[str], secrets: Sequence[str]) -> dict[str, Any]:
    """--env NAME=VALUE, --secret-env NAME=SECRET[:VERSION], and FORWARDED_ENV when set."""
    from google.cloud.aiplatform_v1.types import SecretRef

    env: dict[str, Any] = {name: os.environ[name] for name in FORWARDED_ENV if os.environ.get(name)}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise SystemExit(f"--env expects NAME=VALUE, got {pair!r}")
        env[name] = value
    for pair in secrets:
        name, sep, ref = pair.partition("=")
        secret, _, version = ref.partition(":")
        if not sep or not name or not secret:
            raise SystemExit(f"--secret-env expects NAME=SECRET[:VERSION], got {pair!r}")
        env[name] = SecretRef(secret=secret, version=version or "latest")
    return env


def deploy(args: argparse.Namespace) -> str:
    """Create (or update, with --resource-name) the Agent Engine; return its resource name."""
    import vertexai
    from google.cloud.aiplatform_v1.types import PscInterfaceConfig
    from vertexai import agent_engines

    vertexai.init(project=args.project, location=args.location, staging_bucket=args.staging_bucket)
    app = build_adk_app(enable_tracing=args.enable_tracing)
    options: dict[str, Any] = {
        "requirements": requirements(),
        # The package source is shipped beside the pickled app (cloudpickle pickles
        # CartMate's classes by reference, so `cartmate` must be importable there).
        "extra_packages": ["cartmate"],
        "display_name": args.display_name,
        "description": "CartMate's orchestrator: conversational shopping on Online Boutique.",
        "env_vars": _env_vars(args.env, args.secret_env),
        "min_instances": args.min_instances,
        "max_instances": args.max_instances,
    }
    if args.service_account:
        options["service_account"] = args.service_account
    if args.network_attachment:
        # Private Service Connect: Memorystore and Online Boutique are in the VPC.
        options["psc_interface_config"] = PscInterfaceConfig(
            network_attachment=args.network_attachment
        )
    cwd = os.getcwd()
    os.chdir(REPO)  # extra_packages are paths relative to the working directory
    try:
        if args.resource_name:
            remote = agent_engines.update(args.resource_name, agent_engine=app, **options)
        else:
            remote = agent_engines.create(app, **options)
    finally:
        os.chdir(cwd)
    return str(remote.resource_name)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cartmate.deploy.agent_engine", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--project", required=True, help="Google Cloud project id")
    parser.add_argument("--location", default="us-central1", help="Vertex AI region")
    parser.add_argument("--staging-bucket", required=True, help="gs:// bucket for the upload")
    parser.add_argument("--display-name", default="cartmate-orchestrator")
    parser.add_argument(
        "--resource-name", help="projects/.../reasoningEngines/ID to update instead of create"
    )
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--secret-env", action="append", default=[], metavar="NAME=SECRET[:VER]")
    parser.add_argument("--service-account")
    parser.add_argument("--network-attachment", help="PSC network attachment for VPC access")
    parser.add_argument("--min-instances", type=int, default=1)
    parser.add_argument("--max-instances", type=int, default=10)
    parser.add_argument("--enable-tracing", action="store_true")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="build the app and print what would be deployed, without calling Google Cloud",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.dry_run:
        import vertexai

        # Sets the project locally (no API call), which AdkApp needs to be built.
        vertexai.init(project=args.project, location=args.location)
        build_adk_app()
        env = _env_vars(args.env, args.secret_env)
        print(f"would deploy {APP_NAME} to {args.project}/{args.location}")
        print(f"  requirements: {len(requirements())} pins + {AGENT_ENGINE_REQUIREMENT}")
        print(f"  env: {', '.join(sorted(env)) or '(none)'}")
        return 0
    print(deploy(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
