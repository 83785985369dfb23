"""`cartmate.library_versions`: replacements of library internals run only on the library
series they were checked against; on any other, the library's own code runs and one warning
per speed-up says so. The pinned versions (constraints.txt) must be checked ones."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from cartmate import library_versions
from cartmate.library_versions import CHECKED, checked, installed_series, minor_series

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        name, sep, version = line.partition("==")
        if sep:
            pins[name.strip().lower()] = version.strip()
    return pins


@pytest.mark.parametrize("distribution", sorted(CHECKED))
def test_the_pinned_version_is_a_checked_one(distribution: str) -> None:
    pinned = _pins()[distribution]
    assert minor_series(pinned) in CHECKED[distribution], (
        f"constraints.txt pins {distribution} {pinned}: check the replacements of its "
        "internals (library_versions' docstring lists them) against it, then add its series"
    )


def test_the_installed_libraries_are_checked_so_the_tests_run_the_replacements() -> None:
    assert checked(*CHECKED, what="test")
    assert installed_series("protobuf") == minor_series(_pins()["protobuf"])


def test_minor_series() -> None:
    assert minor_series("7.36.2") == "7.36"
    assert minor_series("8.1.0rc1") == "8.1"
    assert minor_series("2") == "2"


def test_an_unchecked_or_missing_library_warns_once_per_speed_up(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(CHECKED, "protobuf", frozenset({"0.1"}))
    library_versions._warn_once.cache_clear()
    with caplog.at_level(logging.WARNING, logger=library_versions.__name__):
        assert not checked("protobuf", what="one")
        assert not checked("protobuf", what="one")
        assert not checked("protobuf", "no-such-distribution", what="two")
    warned = [(r.speed_up, r.libraries) for r in caplog.records]  # type: ignore[attr-defined]
    series = installed_series("protobuf")
    assert warned == [
        ("one", f"protobuf {series}"),
        ("two", f"protobuf {series}, no-such-distribution missing"),
    ]
    library_versions._warn_once.cache_clear()


# Run in a fresh interpreter: the replacements are process-wide, installed on import or
# build by the modules below. With no series checked, none may be installed.
_UNCHECKED = """
import asyncio, importlib, json, sys
import cartmate.library_versions as versions
versions.CHECKED.clear()
from a2a.utils import proto_utils
from google.genai import types
from google.protobuf import json_format
import cartmate.gateway.app  # imports the runner module, which installs genai_validation
from cartmate.a2a import event_queues, proto_json, required_fields
from cartmate.agent_runtime import genai_validation
from cartmate.store.redis_client import _LeanPool, open_redis
from cartmate.store.redis_connection import _LeanConnection

async def redis_check(url):
    async with open_redis(url, "cartmate-test:versions:") as conn:
        pool = conn.client.connection_pool
        await conn.client.set("cartmate-test:versions:k", "v", ex=5)
        answered = await conn.client.get("cartmate-test:versions:k")
        return [type(pool) is not _LeanPool,
                not issubclass(pool.connection_class, _LeanConnection), answered == "v"]

print(json.dumps({
    "installed": [proto_json.install(), required_fields.install(), event_queues.install(),
                  genai_validation.install(), genai_validation.installed()],
    "library code": [
        json_format._Parser is proto_json._THEIR_PARSER,
        json_format._Printer is proto_json._THEIR_PRINTER,
        proto_utils._validate_proto_required_fields_internal is required_fields._ORIGINAL,
        types.Part.__pydantic_custom_init__ is True,
        all(importlib.import_module(name).create_async_queue
            is not event_queues.create_async_queue for name in event_queues._USERS),
        *asyncio.run(redis_check(sys.argv[1])),
    ],
}))
"""


def test_on_unchecked_versions_every_replacement_stays_off_and_the_library_works(
    redis_url: str,
) -> None:
    shown = subprocess.run(
        [sys.executable, "-c", _UNCHECKED, redis_url],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    result = json.loads(shown.stdout.strip().splitlines()[-1])
    assert result == {"installed": [False] * 5, "library code": [True] * 8}
    assert shown.stderr.count("speed-up off: library version not checked") >= 4
