"""Two costs google-genai's models add to every validation, removed without changing results.

Every history event a turn reads is parsed (`Event.model_validate_json`), and ADK builds
many `Content`/`Part` objects a turn; on each, google-genai's models pay for two things
that cannot change what is built (profiled at ~4-5 % of a gateway's CPU together; 1.5x
the parse time of a typical event). Both belong upstream; what is here is small and keeps
every result and warning the same:

- `BaseModel._check_field_type_mismatches`, a before-validator on every genai model, walks
  all the model's fields (resolving each annotation with `typing.get_origin`) to warn when
  a field holds a pydantic model of the wrong class. Only fields annotated with a model
  class can warn, so the replacement checks just those, found once per class, and logs the
  same warning through the same logger.
- `Part` defines its own `__init__` (for `Part("text")` and other conveniences), so pydantic
  validates every part in a `Content` by calling it, and it validates the same fields
  again. Pydantic's `__pydantic_custom_init__` flag, cleared before `Part`'s schema is
  built, validates nested parts directly; `Part(...)` written in code still runs genai's
  `__init__`.

`install()` runs once per process, when `history` (the runner every turn goes through) is
imported. Schemas pydantic built before keep what they compiled in, so the ADK models whose
schemas are built at import and hold genai models are rebuilt (and `Part` and `Content`, if
something built them already).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any

import pydantic
from google.genai import _common, types

from cartmate.library_versions import checked

__all__ = ["GENAI_CHECK", "install", "installed"]

_NAME = "_check_field_type_mismatches"
# genai's own check (a classmethod), before `install` replaces it: tests compare the two.
GENAI_CHECK = _common.BaseModel.__dict__[_NAME]
_model_fields: dict[type, tuple[tuple[str, type[pydantic.BaseModel]], ...]] = {}
_installed = False


def _model_typed_fields(cls: type[pydantic.BaseModel]) -> tuple[tuple[str, type], ...]:
    """The fields genai's check could warn about: annotated with one pydantic model class
    (or Optional of one), as genai resolves them."""
    found = []
    for name, info in cls.model_fields.items():
        expected = info.annotation
        if typing.get_origin(expected) is typing.Union:
            others = [arg for arg in typing.get_args(expected) if arg is not type(None)]
            if len(others) == 1:
                expected = others[0]
        if (
            isinstance(expected, type)
            and typing.get_origin(expected) is None
            and issubclass(expected, pydantic.BaseModel)
        ):
            found.append((name, expected))
    return tuple(found)


def _check_field_type_mismatches(cls: type[pydantic.BaseModel], data: Any) -> Any:
    """genai's check, reading only the fields that can warn (same warning, same logger)."""
    if isinstance(data, dict):
        read: Callable[[str], Any] = data.get
    elif isinstance(data, pydantic.BaseModel):

        def read(name: str) -> Any:
            return getattr(data, name, None)
    else:
        return data
    fields = _model_fields.get(cls)
    if fields is None:  # model_fields are final once pydantic validates with them
        fields = _model_fields[cls] = _model_typed_fields(cls)
    for name, expected in fields:
        value = read(name)
        if isinstance(value, pydantic.BaseModel) and not isinstance(value, expected):
            _common.logger.warning(
                f"Type mismatch in {cls.__name__}.{name}: "
                f"expected {expected.__name__}, got {type(value).__name__}"
            )
    return data


def _models(root: type) -> Iterator[type]:
    yield root
    for sub in root.__subclasses__():
        yield from _models(sub)


def _adk_models_with_genai_fields() -> list[type[pydantic.BaseModel]]:
    """ADK's models built at import (their schemas hold genai's validators): the ones a
    turn validates."""
    from google.adk.events.event import Event
    from google.adk.models.llm_request import LlmRequest
    from google.adk.models.llm_response import LlmResponse

    return [Event, LlmRequest, LlmResponse]


def install() -> bool:
    """Apply both changes on the versions they were checked against; True if applied
    (idempotent)."""
    global _installed
    if _installed:
        return True
    if not checked("google-genai", "pydantic", what="genai_validation"):
        return False
    _installed = True
    replacement = classmethod(_check_field_type_mismatches)
    setattr(_common.BaseModel, _NAME, replacement)  # models defined from now on
    for model in _models(_common.BaseModel):
        decorators = model.__dict__.get("__pydantic_decorators__")
        if decorators is not None and _NAME in decorators.model_validators:
            decorators.model_validators[_NAME].func = replacement.__get__(None, model)
    types.Part.__pydantic_custom_init__ = False
    # Schemas built before now hold the old ones; pydantic reuses a model's own schema
    # inside another's, so parts first, then what holds them. Other genai models already
    # built (none are, when this runs at import) keep the old ones: still correct.
    built = [model for model in (types.Part, types.Content) if model.__pydantic_complete__]
    for model in [*built, *_adk_models_with_genai_fields()]:
        model.model_rebuild(force=True)
    return True


def installed() -> bool:
    return _installed
