"""The gateway's per-process state and the life of one chat socket.

Every server frame of a session goes through the session's event log (Redis Stream) and every
socket delivers frames by tailing that log, so resume, several sockets on one session and
other replicas' frames need no special case. A turn runs as its own task: it survives its
socket dropping (the frames wait in the log) and is cancelled by a `cancel` frame or shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.runners import Runner
from google.genai import types
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from cartmate.agent_runtime.services import AgentServices
from cartmate.config import Settings
from cartmate.errors import CartMateError
from cartmate.gateway.event_log import EventLog, LogHub, Release
from cartmate.gateway.frames import (
    CancelFrame,
    FrameError,
    MessageFrame,
    PingFrame,
    decode_image,
    error_frame,
    parse_client_frame,
)
from cartmate.gateway.metrics import GatewayMetrics, end_turn_span, turn_span
from cartmate.gateway.sessions import GatewaySessions, SessionRecord
from cartmate.gateway.tokens import TokenError, TokenSigner
from cartmate.gateway.translate import TurnTranslator
from cartmate.logs import log_context
from cartmate.store.rate_limits import TokenBucket
from cartmate.style.images import load_image

__all__ = ["APP_NAME", "Gateway"]

log = logging.getLogger(__name__)

APP_NAME = "cartmate"
CLOSE_UNAUTHORIZED = 4401
CLOSE_GOING_AWAY = 1001
CLOSE_TRY_AGAIN = 1013
CLOSE_FORBIDDEN_ORIGIN = 4403
_CANCEL_GRACE_S = 5.0


@dataclass
class Gateway:
    """What every socket of this process shares."""

    settings: Settings
    services: AgentServices
    runner: Runner
    sessions: GatewaySessions
    log: EventLog
    hub: LogHub
    signer: TokenSigner
    message_rate: TokenBucket
    replica_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    connections: int = 0
    turns: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    cancels: dict[str, asyncio.Event] = field(default_factory=dict)
    session_sockets: dict[str, set[WebSocket]] = field(default_factory=dict)
    sockets: set[WebSocket] = field(default_factory=set)
    draining: bool = False
    metrics: GatewayMetrics = field(default_factory=GatewayMetrics)
    turn_slots: asyncio.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self.turn_slots = asyncio.Semaphore(self.settings.max_concurrent_turns)

    # ------------------------------------------------------------------ connection

    async def serve(self, websocket: WebSocket) -> None:
        await websocket.accept()
        if not origin_allowed(websocket, self.settings.allowed_origins):
            log.warning(
                "socket from a foreign origin refused",
                extra={"origin": websocket.headers.get("origin")},
            )
            await self._refuse(
                websocket, "unauthorized", "This origin may not connect.", CLOSE_FORBIDDEN_ORIGIN
            )
            return
        if self.draining or self.connections >= self.settings.max_connections:
            log.warning(
                "socket refused",
                extra={"draining": self.draining, "connections": self.connections},
            )
            await self._refuse(
                websocket, "unavailable", "The server is busy; please reconnect.", CLOSE_TRY_AGAIN
            )
            return
        self.connections += 1
        self.sockets.add(websocket)
        self.metrics.sockets.add(1)
        try:
            await self._serve(websocket)
        finally:
            self.connections -= 1
            self.sockets.discard(websocket)
            self.metrics.sockets.add(-1)

    async def _refuse(self, websocket: WebSocket, code: str, message: str, close: int) -> None:
        with contextlib.suppress(Exception):
            await websocket.send_json(error_frame(code, message, code == "unavailable"))
            await websocket.close(close)

    async def _open_session(self, websocket: WebSocket) -> tuple[SessionRecord, bool] | None:
        params = websocket.query_params
        session_id, token = params.get("session_id"), params.get("token", "")
        if session_id:
            record = await self.sessions.get(session_id)
            if record is not None:
                try:
                    claims = self.signer.verify(token, session_id)
                except TokenError as exc:
                    log.warning("session attach refused", extra={"reason": str(exc)})
                    claims = None
                if claims is None or claims.user_id != record.user_id:
                    await self._refuse(
                        websocket,
                        "unauthorized",
                        "This session needs its own token.",
                        CLOSE_UNAUTHORIZED,
                    )
                    return None
                return record, True
        record = await self.sessions.create()
        await self.runner.session_service.create_session(
            app_name=APP_NAME, user_id=record.user_id, session_id=record.session_id
        )
        return record, False

    async def _serve(self, websocket: WebSocket) -> None:
        try:
            opened = await self._open_session(websocket)
        except CartMateError as exc:
            log.warning(
                "session could not be opened; refusing the socket", extra={"reason": exc.message}
            )
            await self._refuse(websocket, "unavailable", exc.message, CLOSE_TRY_AGAIN)
            return
        if opened is None:
            return
        record, resumed = opened
        current = await self.log.last_seq(record.session_id)
        last_seq = _int_param(websocket.query_params.get("last_seq"))
        start = min(last_seq, current) if resumed and last_seq is not None else current
        await websocket.send_json(
            {
                "type": "session",
                "session_id": record.session_id,
                "user_id": record.user_id,
                "token": self.signer.issue(record.user_id, record.session_id),
                "resumed": resumed,
                "seq": current,
            }
        )
        with log_context(session_id=record.session_id, user_id=record.user_id):
            tailer = asyncio.create_task(self._deliver(websocket, record.session_id, start))
            local = self.session_sockets.setdefault(record.session_id, set())
            local.add(websocket)
            try:
                await self._receive(websocket, record)
            finally:
                local.discard(websocket)
                if not local:
                    self.session_sockets.pop(record.session_id, None)
                tailer.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await tailer

    async def _deliver(self, websocket: WebSocket, session_id: str, after: int) -> None:
        """Send every logged frame after `after`, then live ones, to this socket."""
        try:
            async with self.hub.subscribe(session_id, after) as queue:
                while True:
                    await websocket.send_text(await queue.get())
        except (WebSocketDisconnect, RuntimeError):
            return  # the socket went away; the receive loop ends too
        except CartMateError:
            log.warning("event log unavailable; closing socket")
            with contextlib.suppress(Exception):
                await websocket.close(CLOSE_TRY_AGAIN)

    async def _receive(self, websocket: WebSocket, record: SessionRecord) -> None:
        while True:
            try:
                text = await websocket.receive_text()
            except (WebSocketDisconnect, RuntimeError):
                return
            except KeyError:  # a binary frame: starlette finds no "text"
                await self._error(record.session_id, "bad_request", "Frames must be JSON text.")
                continue
            try:
                frame = parse_client_frame(text, self.settings.max_frame_bytes)
            except FrameError as exc:
                await self._error(record.session_id, exc.code, exc.message, exc.retryable)
                continue
            if isinstance(frame, PingFrame):
                await websocket.send_json({"type": "pong"})
            elif isinstance(frame, CancelFrame):
                if not self.cancel_local(record.session_id):
                    # The turn may run on another replica: ask them all.
                    with contextlib.suppress(CartMateError):
                        await self.log.request_cancel(record.session_id)
            elif isinstance(frame, MessageFrame):
                await self._start_turn(record, frame)

    async def _error(
        self, session_id: str, code: str, message: str, retryable: bool = False
    ) -> None:
        self.metrics.errors.add(1, {"code": code})
        frame = error_frame(code, message, retryable)
        try:
            await self.log.append(session_id, frame)
        except CartMateError:
            # The log itself is down (Redis): tell this replica's sockets directly (without a
            # seq) rather than leave the shopper waiting in silence.
            for websocket in list(self.session_sockets.get(session_id, ())):
                with contextlib.suppress(Exception):
                    await websocket.send_json(frame)

    # ------------------------------------------------------------------ turns

    async def _start_turn(self, record: SessionRecord, frame: MessageFrame) -> None:
        session_id = record.session_id
        try:
            allowed = (await self.message_rate.take(session_id)).allowed
        except CartMateError:
            allowed = True  # a broken limiter must not stop the conversation
        if not allowed:
            await self._error(
                session_id,
                "rate_limited",
                "You're sending messages too quickly; please wait a moment.",
                True,
            )
            return
        try:
            images = await self._images(frame)
        except FrameError as exc:
            await self._error(session_id, exc.code, exc.message, exc.retryable)
            return
        holder = f"{self.replica_id}:{uuid.uuid4().hex[:8]}"
        try:
            locked = await self.sessions.try_lock_turn(session_id, holder)
        except CartMateError as exc:
            await self._error(session_id, "unavailable", exc.message, True)
            return
        if not locked:
            await self._error(
                session_id, "busy", "A turn is already running in this session.", True
            )
            return
        # Cancelling goes through an event, never Task.cancel() on this task: a task cancelled
        # before its first step would skip its finally (no turn_end, the lock kept).
        cancel = asyncio.Event()
        task = asyncio.create_task(self._run_turn(record, frame, images, holder, cancel))
        self.turns[session_id], self.cancels[session_id] = task, cancel

        def forget(_: asyncio.Task[None]) -> None:
            self.turns.pop(session_id, None)
            self.cancels.pop(session_id, None)

        task.add_done_callback(forget)

    async def _images(self, frame: MessageFrame) -> list[tuple[bytes, str]]:
        if len(frame.images) > self.settings.max_images_per_message:
            raise FrameError(
                "too_large", f"At most {self.settings.max_images_per_message} images a message."
            )
        images = []
        for image in frame.images:
            data = decode_image(image, self.settings.max_image_bytes)
            try:  # the real format, size and pixel count, before anything else sees it
                await asyncio.to_thread(
                    load_image,
                    data,
                    image.mime_type,
                    max_bytes=self.settings.max_image_bytes,
                    max_pixels=self.settings.max_image_pixels,
                )
            except CartMateError as exc:
                code = (
                    "too_large"
                    if exc.details.get("reason") in ("too_large", "too_many_pixels")
                    else ("bad_request")
                )
                raise FrameError(code, exc.message) from None
            images.append((data, image.mime_type))
        return images

    async def _run_turn(
        self,
        record: SessionRecord,
        frame: MessageFrame,
        images: list[tuple[bytes, str]],
        holder: str,
        cancel: asyncio.Event,
    ) -> None:
        session_id, turn_id = record.session_id, f"t-{uuid.uuid4().hex[:16]}"
        translator = TurnTranslator()

        started = time.monotonic()
        first_partial: list[float] = []
        posted: list[asyncio.Future[int]] = []  # frames queued for the log, not yet awaited

        async def emit(
            payload: dict[str, Any], final: bool = False, release: Release | None = None
        ) -> None:
            if payload["type"] == "partial" and not first_partial:
                first_partial.append(time.monotonic() - started)
                self.metrics.first_partial.record(first_partial[0])
            self.metrics.frame(payload)
            # Frames are queued without waiting for Redis, so those produced while a write is
            # in flight share the next one. A failed write fails the turn at its next frame;
            # turn_start and turn_end wait until they and everything before them are logged.
            # The closing frames (`final`) are all posted even if an earlier write failed.
            own = self.log.post(session_id, {**payload, "turn_id": turn_id}, release)
            posted.append(own)
            while not final and posted and posted[0].done():
                posted.pop(0).result()
            if payload["type"] in ("turn_start", "turn_end"):
                waiting = posted[:]
                posted.clear()
                await asyncio.wait(waiting)
                for future in waiting if not final else [own]:
                    future.result()

        status = "ok"
        with (
            log_context(session_id=session_id, user_id=record.user_id, turn_id=turn_id),
            turn_span(session_id, turn_id) as span,  # parent of everything the turn does
        ):
            try:
                await emit({"type": "turn_start", "message_id": frame.id})
                work = asyncio.create_task(self._admitted(record, frame, images, translator, emit))
                stop = asyncio.create_task(cancel.wait())
                await asyncio.wait({work, stop}, return_when=asyncio.FIRST_COMPLETED)
                if not work.done():
                    status = "cancelled"
                    work.cancel()
                    # Bounded: a turn that does not stop within the grace period is left to
                    # finish in the background; the shopper's turn ends now either way.
                    await asyncio.wait({work}, timeout=_CANCEL_GRACE_S)
                    if not work.done():
                        log.error("turn did not stop after cancel; abandoned")
                    elif not work.cancelled() and work.exception() is not None:
                        log.warning("turn raised while cancelled", exc_info=work.exception())
                else:
                    stop.cancel()
                    work.result()  # re-raises what the turn raised
            except CartMateError as exc:
                status = "error"
                log.warning("turn failed", extra={"code": exc.code})
                await self._error(session_id, "unavailable", exc.message, exc.retryable)
            except Exception:
                status = "error"
                log.exception("turn crashed")
                await self._error(session_id, "internal", "Something went wrong on our side.")
            finally:
                # The lock goes with turn_end, in one write: a client answering turn_end at
                # once finds it free, on any replica. If that write fails, unlock directly.
                released = False
                with contextlib.suppress(Exception):
                    *closing, turn_end = translator.finish(status)
                    for payload in closing:
                        await emit(payload, final=True)
                    await emit(
                        turn_end, final=True, release=self.sessions.turn_lock(session_id, holder)
                    )
                    released = True
                if not released:
                    with contextlib.suppress(Exception):
                        await self.sessions.unlock_turn(session_id, holder)
                self.metrics.turns.add(1, {"status": status})
                self.metrics.turn_duration.record(time.monotonic() - started, {"status": status})
                end_turn_span(span, status)

    async def _admitted(
        self,
        record: SessionRecord,
        frame: MessageFrame,
        images: list[tuple[bytes, str]],
        translator: TurnTranslator,
        emit: Callable[[dict[str, Any]], Awaitable[None]],
    ) -> None:
        """`_drive` once one of the process's turn slots is free (a cancel ends the wait)."""
        queued = self.turn_slots.locked()
        if queued:
            self.metrics.queued.add(1)
        try:
            await self.turn_slots.acquire()
        finally:
            if queued:
                self.metrics.queued.add(-1)
        try:
            await self._drive(record, frame, images, translator, emit)
        finally:
            self.turn_slots.release()

    async def _drive(
        self,
        record: SessionRecord,
        frame: MessageFrame,
        images: list[tuple[bytes, str]],
        translator: TurnTranslator,
        emit: Callable[[dict[str, Any]], Awaitable[None]],
    ) -> None:
        """Run the orchestrator on the message, turning its events into frames."""
        parts = [types.Part(text=frame.text)] if frame.text.strip() else []
        parts += [types.Part(inline_data=types.Blob(data=d, mime_type=m)) for d, m in images]
        events = self.runner.run_async(
            user_id=record.user_id,
            session_id=record.session_id,
            new_message=types.Content(role="user", parts=parts),
            run_config=RunConfig(streaming_mode=StreamingMode.SSE),
        )
        async with contextlib.aclosing(events):
            async for event in events:
                for payload in translator.feed(event):
                    await emit(payload)

    def cancel_local(self, session_id: str) -> bool:
        """Cancel the session's turn if this replica runs it."""
        cancel = self.cancels.get(session_id)
        if cancel is None:
            return False
        cancel.set()
        return True

    # ------------------------------------------------------------------ notifications

    async def notify(self, user_id: str, kind: str, **fields: Any) -> int:
        """Push a `notification` frame to every session of a user, online or not.

        Returns how many sessions got it; offline ones receive it when they reconnect.
        """
        sessions = await self.sessions.of_user(user_id)
        for session_id in sessions:
            await self.log.append(session_id, {"type": "notification", "kind": kind, **fields})
        return len(sessions)

    # ------------------------------------------------------------------ shutdown

    async def drain(self) -> None:
        """Graceful shutdown: cancel running turns (they end `cancelled`), close sockets 1001."""
        self.draining = True
        turns = list(self.turns.values())
        for cancel in list(self.cancels.values()):
            cancel.set()
        if turns:
            await asyncio.wait(turns, timeout=_CANCEL_GRACE_S + 2)
        await asyncio.sleep(0.05)  # let tailers deliver the closing frames
        for websocket in list(self.sockets):
            if websocket.client_state is WebSocketState.CONNECTED:
                with contextlib.suppress(Exception):
                    await websocket.close(CLOSE_GOING_AWAY)


def origin_allowed(websocket: WebSocket, allowed: str) -> bool:
    """Cross-site WebSocket hijacking guard: a browser's Origin must be allowed.

    Without configuration only the page's own origin (the Host it connected to) may connect;
    requests without an Origin header come from non-browser clients and pass.
    """
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    origins = {o.strip().rstrip("/") for o in allowed.split(",") if o.strip()}
    if "*" in origins or origin.rstrip("/") in origins:
        return True
    host = websocket.headers.get("host", "")
    return not origins and origin.split("://", 1)[-1].rstrip("/") == host


def _int_param(value: str | None) -> int | None:
    if value is None or not value.isdigit():
        return None
    return int(value)
