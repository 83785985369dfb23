"""Settings: environment names, validation naming the variable, `cartmate config` masking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cartmate.config import ConfigError, Settings, load_settings
from tests.helpers import cartmate_env


def _cartmate(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cartmate", *args],
        capture_output=True,
        text=True,
        env=cartmate_env(**env),
        cwd=cwd,
        timeout=60,
    )


def test_online_boutique_names_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRODUCT_CATALOG_SERVICE_ADDR", "productcatalogservice:3550")
    monkeypatch.setenv("CART_SERVICE_ADDR", "cartservice:7070")
    monkeypatch.setenv("REDIS_URL", "redis://10.0.0.3:6379/0")
    monkeypatch.setenv("CARTMATE_LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.service_addr("catalog") == "productcatalogservice:3550"
    assert settings.service_addr("cart") == "cartservice:7070"
    assert settings.service_addr("currency") is None
    assert settings.redis_url == "redis://10.0.0.3:6379/0"
    assert settings.log_level == "DEBUG"
    assert not settings.uses_embedded_redis


def test_settings_can_be_built_directly() -> None:
    settings = Settings(redis_url="redis://localhost:6379", cart_service_addr="localhost:7070")
    assert settings.cart_service_addr == "localhost:7070"
    assert settings.redis_prefix == "cartmate:"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CART_SERVICE_ADDR", "not an address"),
        ("REDIS_URL", "http://example:6379"),
        ("CARTMATE_GATEWAY_PORT", "70000"),
        ("CARTMATE_RPC_TIMEOUT_S", "-1"),
        ("CARTMATE_LOG_LEVEL", "loud"),
    ],
)
def test_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert variable in str(caught.value)


def test_model_selection_follows_credentials() -> None:
    assert not Settings(model="auto").uses_gemini
    assert Settings(model="auto", google_api_key="k").uses_gemini
    assert Settings(
        model="auto", google_genai_use_vertexai=True, google_cloud_project="p"
    ).uses_gemini
    assert not Settings(model="offline", google_api_key="k").uses_gemini


def test_config_command_masks_secrets(tmp_path: Path) -> None:
    result = _cartmate(
        "config",
        "--json",
        cwd=tmp_path,
        PERPLEXITY_API_KEY="pplx-very-secret",
        GOOGLE_API_KEY="AIza-very-secret",
        REDIS_URL="redis://user:hunter2@cache:6379/0",
        CART_SERVICE_ADDR="cartservice:7070",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["PERPLEXITY_API_KEY"] == "********"
    assert shown["GOOGLE_API_KEY"] == "********"
    assert shown["CART_SERVICE_ADDR"] == "cartservice:7070"
    assert "hunter2" not in result.stdout and "very-secret" not in result.stdout
    assert shown["REDIS_URL"] == "redis://user:********@cache:6379/0"


def test_config_reads_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CURRENCY_SERVICE_ADDR=currencyservice:7000\n")
    result = _cartmate("config", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["CURRENCY_SERVICE_ADDR"] == "currencyservice:7000"


def test_bad_value_stops_start_up(tmp_path: Path) -> None:
    result = _cartmate("config", cwd=tmp_path, CARTMATE_CART_PORT="seventy")
    assert result.returncode == 2
    assert "CARTMATE_CART_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_gateway_workers_zero_means_one_per_usable_core() -> None:
    assert Settings(gateway_workers=3).gateway_processes() == 3
    assert Settings().gateway_processes() == 1
    assert Settings(gateway_workers=0).gateway_processes() == len(os.sched_getaffinity(0))
