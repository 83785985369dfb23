"""CartMate's settings: one pydantic-settings class, read from the environment and `.env`.

Online Boutique's own variable names are used for its services (`PRODUCT_CATALOG_SERVICE_ADDR`,
`CART_SERVICE_ADDR`, ...) and the usual names for Redis, Google and Perplexity credentials and
OpenTelemetry; CartMate's own knobs are prefixed `CARTMATE_`. Only the CLI reads the
environment (`load_settings`); everything else receives a `Settings` object, and tests build
`Settings(...)` directly.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ConfigError", "Settings", "load_settings"]

# host:port, [v6]:port, or a gRPC target with a scheme (dns:///host:port, unix:/path).
_ADDR = re.compile(r"^(?:[a-z]+:.+|\[[0-9A-Fa-f:.]+\]:\d{1,5}|[A-Za-z0-9_.-]+:\d{1,5})$")

Port = Annotated[int, Field(ge=0, le=65535)]


def _env(name: str) -> Any:
    """A field read from exactly this environment variable (no CARTMATE_ prefix)."""
    return AliasChoices(name)


class ConfigError(Exception):
    """Bad configuration; the message names every offending variable."""


class Settings(BaseSettings):
    """Every setting CartMate reads. See the configuration table in the README."""

    model_config = SettingsConfigDict(
        env_prefix="CARTMATE_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        validate_default=True,
        frozen=True,
    )

    # --- Online Boutique: unset means "start and use the embedded one".
    product_catalog_service_addr: str | None = Field(
        None, validation_alias=_env("PRODUCT_CATALOG_SERVICE_ADDR")
    )
    cart_service_addr: str | None = Field(None, validation_alias=_env("CART_SERVICE_ADDR"))
    currency_service_addr: str | None = Field(None, validation_alias=_env("CURRENCY_SERVICE_ADDR"))
    recommendation_service_addr: str | None = Field(
        None, validation_alias=_env("RECOMMENDATION_SERVICE_ADDR")
    )

    # --- Embedded Online Boutique (used for every *_SERVICE_ADDR left unset).
    boutique_host: str = "127.0.0.1"
    catalog_port: Port = 3550
    cart_port: Port = 7070
    currency_port: Port = 7000
    # The real recommendation service listens on 8080, which is the gateway's port here.
    recommendation_port: Port = 8090
    catalog_file: Path | None = None  # an Online Boutique products.json; None = bundled
    currency_file: Path | None = None  # an EUR-based rate table; None = bundled

    # --- gRPC client behaviour.
    rpc_timeout_s: float = Field(2.0, gt=0, le=60)
    rpc_retries: int = Field(3, ge=0, le=10)
    rpc_backoff_base_s: float = Field(0.05, gt=0, le=5)
    rpc_backoff_max_s: float = Field(1.0, gt=0, le=30)
    breaker_failures: int = Field(5, ge=1, le=1000)  # consecutive failures that open it
    breaker_reset_s: float = Field(5.0, gt=0, le=600)  # open time before a probe
    catalog_ttl_s: float = Field(60.0, ge=0, le=86400)
    cart_lock_timeout_s: float = Field(5.0, gt=0, le=60)

    # --- Redis: unset means "start an embedded Valkey".
    redis_url: str | None = Field(None, validation_alias=_env("REDIS_URL"))
    redis_prefix: str = Field("cartmate:", min_length=1, max_length=64)
    redis_max_connections: int = Field(256, ge=1, le=10000)
    redis_timeout_s: float = Field(2.0, gt=0, le=60)
    valkey_data_dir: Path = Path(".cartmate/valkey")
    valkey_port: Port = 0  # 0: any free port

    # --- Models.
    model: str = "auto"  # "auto", "offline" or a Gemini model name
    gemini_model: str = "gemini-2.5-flash"
    google_api_key: SecretStr | None = Field(None, validation_alias=_env("GOOGLE_API_KEY"))
    google_genai_use_vertexai: bool = Field(
        False, validation_alias=_env("GOOGLE_GENAI_USE_VERTEXAI")
    )
    google_cloud_project: str | None = Field(None, validation_alias=_env("GOOGLE_CLOUD_PROJECT"))
    google_cloud_location: str = Field(
        "us-central1", validation_alias=_env("GOOGLE_CLOUD_LOCATION")
    )

    # Per-agent overrides of `model` (CARTMATE_MODEL_CART_MANAGER=offline, ...).
    model_orchestrator: str | None = None
    model_product_discovery: str | None = None
    model_cart_manager: str | None = None
    model_style_profiler: str | None = None
    model_price_comparison: str | None = None
    gemini_base_url: str | None = None  # a proxy or test endpoint for the Gemini API
    model_retries: int = Field(3, ge=0, le=10)  # on 429 and 5xx, with backoff
    model_retry_initial_delay_s: float = Field(1.0, gt=0, le=60)
    model_calls_per_minute_per_user: int = Field(120, ge=1, le=100_000)  # ~3 per turn
    model_calls_per_minute: int = Field(6000, ge=1, le=10_000_000)  # all users together
    # How the orchestrator reaches the specialists: in-process sub-agents or A2A.
    delegation: Literal["local", "a2a"] = "local"
    a2a_task_ttl_s: int = Field(86400, ge=60)  # finished A2A tasks kept in Redis
    # An A2A task's progress is written together at most this long after the first of it (0:
    # each save at once); creating, ending or pausing a task writes at once (RedisTaskStore).
    a2a_task_write_delay_ms: int = Field(20, ge=0, le=1_000)
    # Events of history one turn reads (older turns reach the model as summaries); 0: all.
    history_events: int = Field(60, ge=0, le=100_000)
    # Read-only turns on the offline model before a process serves (agent_runtime/warm_up.py),
    # so its first shopper does not pay its imports and first-use work; and their deadline.
    warm_up: bool = True
    warm_up_timeout_s: float = Field(20.0, gt=0, le=600)
    # Style: Gemini photo analysis (when the style profiler runs on Gemini), product photos.
    style_gemini_model: str | None = None  # None: the style profiler's Gemini model
    style_gemini_timeout_s: float = Field(30.0, gt=0, le=300)
    product_image_dir: Path | None = None  # a folder of product photos (<picture name>.jpg)
    product_image_base_url: str | None = None  # or where the catalog's picture paths resolve
    style_traits_ttl_s: int = Field(7 * 86400, ge=60)  # per catalog version, in Redis
    style_bundle_exact_max: int = Field(60, ge=1, le=400)  # candidates solved exactly
    style_bundle_max_iterations: int = Field(2000, ge=1, le=1_000_000)  # local search bound

    # --- Price comparison.
    perplexity_api_key: SecretStr | None = Field(None, validation_alias=_env("PERPLEXITY_API_KEY"))
    perplexity_base_url: str = "https://api.perplexity.ai"
    # The Agent API (`/v1/responses` is an accepted alias) and the Search API.
    perplexity_agent_path: str = "/v1/agent"
    perplexity_search_path: str = "/search"
    perplexity_preset: str = "fast-search"  # used when no model is set
    perplexity_model: str | None = None  # provider/model, e.g. "openai/gpt-5-mini"
    perplexity_timeout_s: float = Field(30.0, gt=0, le=300)
    perplexity_retries: int = Field(2, ge=0, le=10)  # on 429, 5xx and timeouts
    perplexity_backoff_base_s: float = Field(0.5, gt=0, le=30)
    perplexity_max_retry_after_s: float = Field(30.0, ge=0, le=600)  # longer waits give up
    perplexity_requests_per_minute: int = Field(50, ge=1, le=100_000)  # all replicas together
    perplexity_daily_quota: int = Field(1000, ge=1)  # requests per UTC day, all replicas
    perplexity_cache_ttl_s: int = Field(6 * 3600, ge=0)  # identical queries; 0: no cache
    perplexity_max_offers: int = Field(8, ge=1, le=20)
    price_alert_check_interval_s: float = Field(300.0, ge=1)
    price_alert_check_jitter_s: float = Field(30.0, ge=0)
    price_alert_leader_ttl_s: float = Field(30.0, ge=1, le=3600)
    price_alert_use_external: bool = False  # alerts also fire on other retailers' offers

    # --- Serving.
    host: str = "127.0.0.1"
    gateway_port: Port = 8080
    agent_base_port: Port = 8101  # agents take consecutive ports from here
    public_base_url: str | None = None  # what agent cards advertise, behind a load balancer
    session_secret: SecretStr | None = None  # HMAC key for session tokens
    token_ttl_s: int = Field(0, ge=0)  # 0: tokens do not expire
    session_idle_ttl_s: int = Field(7 * 24 * 3600, ge=60)  # sessions expire after this idle time
    # A session's events are stored together at most this long after the first (0: each at
    # once); a turn's end always waits for them (RedisSessionService, write_delay_s).
    session_write_delay_ms: int = Field(20, ge=0, le=1_000)
    event_log_max: int = Field(2000, ge=10, le=1_000_000)  # frames kept per session for resume
    max_frame_bytes: int = Field(12 * 1024 * 1024, ge=1024)
    max_image_bytes: int = Field(8 * 1024 * 1024, ge=1024)
    max_image_pixels: int = Field(40_000_000, ge=1)
    max_images_per_message: int = Field(4, ge=0, le=16)
    messages_per_minute: int = Field(30, ge=1)  # per session
    max_connections: int = Field(10_000, ge=1)  # per gateway process
    # Gateway processes `cartmate up` runs, sharing the port (SO_REUSEPORT: the kernel spreads
    # connections). One process uses one core; 0 means one per CPU core.
    gateway_workers: int = Field(1, ge=0, le=64)
    # Turns a gateway process runs at once; more wait their turn (after `turn_start`). Keeps
    # the event loop responsive under a burst, so gRPC and Redis deadlines are not spent
    # waiting behind hundreds of other turns' CPU work.
    max_concurrent_turns: int = Field(32, ge=1, le=10_000)
    ws_ping_interval_s: float = Field(20.0, gt=0)
    # Per-message deflate on /ws. Off by default: it holds ~35 KiB of zlib state per socket
    # (benchmarks/idle_sockets.py) for little gain on small JSON frames.
    ws_compression: bool = False
    # Browser origins allowed on /ws, comma-separated ("*": any). Unset: same origin only.
    # Clients that send no Origin (not browsers) are not affected.
    allowed_origins: str = ""
    a2a_token: SecretStr | None = None  # bearer token A2A servers require from their callers
    # HMAC key of the shopper assertions the orchestrator signs and the agents verify (at
    # least 16 bytes). Unset: development mode, `user_id` in A2A metadata is believed as sent.
    a2a_shopper_secret: SecretStr | None = None
    a2a_max_body_bytes: int = Field(16 * 1024 * 1024, ge=1024)  # larger A2A requests: 413
    a2a_registry_ttl_s: float = Field(15.0, ge=1, le=3600)  # an unrefreshed registration expires
    a2a_heartbeat_s: float = Field(5.0, gt=0, le=600)  # how often a server refreshes it

    # --- Resource monitoring (see cartmate/resources.py): 0 turns an alert off.
    resource_check_interval_s: float = Field(5.0, gt=0, le=3600)
    alert_rss_mb: float = Field(768.0, ge=0)  # resident memory
    alert_open_fds: int | None = Field(None, ge=0)  # None: 80 % of the open-files limit
    alert_open_sockets: int = Field(8000, ge=0)
    alert_loop_lag_ms: float = Field(500.0, ge=0)  # how late the event loop runs a timer
    alert_redis_pool_in_use: int | None = Field(None, ge=0)  # None: 80 % of the pool

    # The asyncio event loop of every process: "auto" is uvloop when installed (less CPU per
    # socket event), "asyncio" the standard one. See cartmate/event_loop.py.
    event_loop: Literal["auto", "uvloop", "asyncio"] = "auto"
    # Allocations between collections of the garbage collector's youngest generation, after
    # start-up objects are frozen; 0 keeps Python's default (700). See cartmate/gc_tuning.py.
    gc_gen0_threshold: int = Field(20_000, ge=0, le=10_000_000)

    # --- Logs and telemetry.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["json", "text"] = "json"
    otel_exporter_otlp_endpoint: str | None = Field(
        None, validation_alias=_env("OTEL_EXPORTER_OTLP_ENDPOINT")
    )
    otel_service_name: str = Field("cartmate", validation_alias=_env("OTEL_SERVICE_NAME"))

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator(
        "product_catalog_service_addr",
        "cart_service_addr",
        "currency_service_addr",
        "recommendation_service_addr",
        mode="before",
    )
    @classmethod
    def _check_addr(cls, value: object) -> object:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _ADDR.match(value.strip()):
            raise ValueError("expected host:port (for example productcatalogservice:3550)")
        return value.strip()

    @field_validator("redis_url", mode="before")
    @classmethod
    def _check_redis_url(cls, value: object) -> object:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not re.match(r"^(rediss?|unix|valkeys?)://", value):
            raise ValueError("expected a redis://, rediss:// or unix:// URL")
        return value

    @field_validator("a2a_shopper_secret", mode="before")
    @classmethod
    def _check_shopper_secret(cls, value: object) -> object:
        if value is None or value == "":
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if isinstance(text, str) and len(text.encode()) < 16:
            raise ValueError("must be at least 16 bytes")
        return value

    @field_validator("redis_prefix")
    @classmethod
    def _check_prefix(cls, value: str) -> str:
        if any(ch.isspace() for ch in value):
            raise ValueError("must not contain whitespace")
        return value

    # ------------------------------------------------------------------ derived

    @property
    def uses_embedded_redis(self) -> bool:
        return self.redis_url is None

    def gateway_processes(self) -> int:
        """How many gateway processes `up` runs (CARTMATE_GATEWAY_WORKERS, 0: one per core)."""
        if self.gateway_workers:
            return self.gateway_workers
        affinity = getattr(os, "sched_getaffinity", None)  # the cores this process may use
        return max(1, len(affinity(0)) if affinity else (os.cpu_count() or 1))

    def service_addr(self, service: str) -> str | None:
        """The configured address of an Online Boutique service, None when embedded."""
        return {
            "catalog": self.product_catalog_service_addr,
            "cart": self.cart_service_addr,
            "currency": self.currency_service_addr,
            "recommendation": self.recommendation_service_addr,
        }[service]

    def embedded_port(self, service: str) -> int:
        return {
            "catalog": self.catalog_port,
            "cart": self.cart_port,
            "currency": self.currency_port,
            "recommendation": self.recommendation_port,
        }[service]

    @property
    def has_google_credentials(self) -> bool:
        """A Gemini API key, or Vertex AI with a project (Application Default Credentials)."""
        return self.google_api_key is not None or (
            self.google_genai_use_vertexai and self.google_cloud_project is not None
        )

    @property
    def uses_gemini(self) -> bool:
        """Gemini when asked for by name, or on "auto" when Google credentials exist."""
        return self.model_name_for(None).startswith("gemini")

    def model_name_for(self, agent: str | None) -> str:
        """The model an agent runs on: its override, else CARTMATE_MODEL, "auto" resolved."""
        name = (getattr(self, f"model_{agent}", None) if agent else None) or self.model
        if name == "auto":
            return self.gemini_model if self.has_google_credentials else "offline"
        return name

    def env_name(self, field: str) -> str:
        """The environment variable that sets a field."""
        info = type(self).model_fields[field]
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            return str(alias.choices[0])
        return f"CARTMATE_{field.upper()}"

    def effective(self) -> dict[str, str]:
        """Every setting by environment variable name, secrets masked."""
        shown: dict[str, str] = {}
        for field in type(self).model_fields:
            value = getattr(self, field)
            if isinstance(value, SecretStr):
                text = "********" if value.get_secret_value() else ""
            elif value is None:
                text = ""
            else:
                text = str(value)
            if field == "redis_url" and value:
                text = _mask_url_password(text)
            shown[self.env_name(field)] = text
        return shown


def _mask_url_password(url: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1********@", url)


_ENV_NAMES = {
    field: Settings.env_name(Settings.model_construct(), field) for field in Settings.model_fields
}


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment; a bad value raises ConfigError naming the variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = str(err["loc"][0]) if err["loc"] else "?"
            # Fields with their own variable report that name; prefixed ones their field name.
            name = _ENV_NAMES.get(loc, loc)
            shown = "" if "KEY" in name or "SECRET" in name else f" (got {err.get('input')!r})"
            problems.append(f"{name}: {err['msg']}{shown}")
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(problems)) from None
