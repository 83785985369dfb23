"""Which library versions CartMate's replacements of library internals were checked against.

A few hot paths replace a library's private code with an exact, cheaper equivalent, each
tested against the library's own code (docs/operations.md lists them):

- protobuf: `a2a.proto_json` and `a2a.proto_json_fields` (json_format's parser and printer);
- redis: `store.redis_connection` and the pool in `store.redis_client` (checkout, packing,
  writes);
- google-genai and pydantic: `agent_runtime.genai_validation` (genai's validators, pydantic's
  custom-init flag);
- a2a-sdk: `a2a.event_queues` and `a2a.required_fields`.

Private code changes without notice between minor releases, and pyproject.toml allows wider
ranges than the one series constraints.txt pins and CI tests (CartMate installs beside other
pins). So each replacement is applied only on the minor series it was checked against; on
any other the library's own code runs, correct but slower, and one warning per process says
which speed-up is off. google-adk's own replacements rely on pyproject's pin to one minor
series instead. Moving a pin in constraints.txt fails `tests/test_library_versions.py` until
the replacements are checked against the new series and `CHECKED` names it.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging

__all__ = ["CHECKED", "checked"]

log = logging.getLogger(__name__)

# Distribution -> the minor series ("major.minor") its replaced internals were read in.
CHECKED: dict[str, frozenset[str]] = {
    "protobuf": frozenset({"7.36"}),
    "redis": frozenset({"8.1"}),
    "google-genai": frozenset({"2.34"}),
    "pydantic": frozenset({"2.14"}),
    "a2a-sdk": frozenset({"1.3"}),
}


def minor_series(version: str) -> str:
    """'7.36.2' -> '7.36'; '8.1.0rc1' -> '8.1'."""
    return ".".join(version.split(".")[:2])


@functools.cache
def installed_series(distribution: str) -> str | None:
    try:
        return minor_series(importlib.metadata.version(distribution))
    except importlib.metadata.PackageNotFoundError:
        return None


def checked(*distributions: str, what: str) -> bool:
    """Whether every distribution is installed in a series `what` was checked against;
    if not, warns once per `what` (the speed-up stays off, the library's code runs)."""
    unchecked = [
        f"{name} {installed_series(name) or 'missing'}"
        for name in distributions
        if installed_series(name) not in CHECKED.get(name, ())
    ]
    if unchecked:
        _warn_once(what, ", ".join(unchecked))
    return not unchecked


@functools.cache
def _warn_once(what: str, unchecked: str) -> None:
    log.warning(
        "speed-up off: library version not checked",
        extra={"speed_up": what, "libraries": unchecked},
    )
