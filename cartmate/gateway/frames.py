"""The chat protocol's frames (docs/websocket.md, version 1).

Client frames are parsed strictly into typed models; anything else becomes a `FrameError`
with the protocol's error code, never an exception that reaches the socket loop. Server frames
are plain dicts built here, so every frame type has one constructor.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

__all__ = [
    "CancelFrame",
    "ClientFrame",
    "FrameError",
    "ImageIn",
    "MessageFrame",
    "PingFrame",
    "error_frame",
    "parse_client_frame",
]

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


class FrameError(Exception):
    """A client frame the server refuses, with the protocol error code to answer with."""

    def __init__(self, code: str, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.code, self.message, self.retryable = code, message, retryable


class ImageIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    mime_type: str
    data: str  # base64


class MessageFrame(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["message"]
    id: str | None = Field(None, max_length=128)
    text: str = Field("", max_length=8000)
    images: list[ImageIn] = Field(default_factory=list)


class PingFrame(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["ping"]


class CancelFrame(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: Literal["cancel"]


ClientFrame = Annotated[MessageFrame | PingFrame | CancelFrame, Field(discriminator="type")]
_CLIENT_FRAME: TypeAdapter[MessageFrame | PingFrame | CancelFrame] = TypeAdapter(ClientFrame)


def parse_client_frame(text: str, max_bytes: int) -> MessageFrame | PingFrame | CancelFrame:
    """One client frame, validated; FrameError with the code to answer otherwise."""
    if len(text.encode()) > max_bytes:
        raise FrameError("too_large", f"Frames are limited to {max_bytes} bytes.")
    try:
        raw = json.loads(text)
    except ValueError:
        raise FrameError("bad_request", "Frames must be JSON objects.") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise FrameError("bad_request", 'A frame needs a string "type".')
    if raw["type"] not in ("message", "ping", "cancel"):
        raise FrameError("bad_request", f"Unknown frame type {raw['type'][:40]!r}.")
    try:
        frame = _CLIENT_FRAME.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "frame"
        raise FrameError("bad_request", f"Invalid {where}: {first['msg']}.") from None
    if isinstance(frame, MessageFrame) and not frame.text.strip() and not frame.images:
        raise FrameError("bad_request", "A message needs text or at least one image.")
    return frame


def decode_image(image: ImageIn, max_bytes: int) -> bytes:
    """The image's bytes; FrameError for a bad type, bad base64 or too many bytes."""
    if image.mime_type not in IMAGE_TYPES:
        raise FrameError("bad_request", "Images must be JPEG, PNG or WebP.")
    if len(image.data) > (max_bytes * 4) // 3 + 8:
        raise FrameError("too_large", f"Images are limited to {max_bytes} bytes.")
    try:
        data = base64.b64decode(image.data, validate=True)
    except (binascii.Error, ValueError):
        raise FrameError("bad_request", "Image data must be base64.") from None
    if len(data) > max_bytes:
        raise FrameError("too_large", f"Images are limited to {max_bytes} bytes.")
    return data


def error_frame(code: str, message: str, retryable: bool = False) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message, "retryable": retryable}
