"""Redis commands per chat turn, counted on a dedicated embedded Valkey with MONITOR.

    .venv/bin/python benchmarks/redis_per_turn.py [sessions]     # default 10 sessions

The gateway (uvicorn on loopback), the embedded Online Boutique and the offline model run in
this process against a Valkey of their own (REDIS_URL is ignored: nothing else may touch the
server while it is counted). After one untimed warm-up session, `sessions` sessions run the
scripted conversation of websocket_load.py one after the other, while a MONITOR connection
records every command the server executes. Commands run inside Lua scripts are counted apart
(they cost server CPU, not a round trip). Speed is not measured here: this is a count.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections import Counter
from collections.abc import Iterator

from _common import Chat, product_settings, serve, table, write_section

SCRIPT = ("hi", "something for the kitchen", "add the first one", "show my cart")
OVERRIDES = {"model_calls_per_minute": 10_000_000}


def _script_names() -> dict[str, str]:
    """EVALSHA digests of CartMate's scripts, to name them in the counts."""
    import hashlib

    from cartmate.a2a import task_store
    from cartmate.gateway import event_log
    from cartmate.store import rate_limits, redis_session_service, style_profiles

    scripts = {
        "event log append": event_log._APPEND,
        "session create": redis_session_service._CREATE_LUA,
        "session append": redis_session_service._APPEND_LUA,
        "session read": redis_session_service._READ_LUA,
        "session prune": redis_session_service._PRUNE_LUA,
        "rate limit": rate_limits._TAKE,
        "model quota": rate_limits._TAKE_ALL,
        "style profile swap": style_profiles._SWAP_LUA,
        "A2A task save": task_store._SAVE_LUA,
    }
    return {
        hashlib.sha1(text.encode()).hexdigest(): f"EVALSHA[{name}]"
        for name, text in scripts.items()
    }


SCRIPTS = _script_names()


class Monitor:
    """Counts commands from MONITOR on its own thread: by client (issued) and by Lua."""

    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url, decode_responses=True)
        self._lock = threading.Lock()
        self.issued: Counter[str] = Counter()
        self.scripted: Counter[str] = Counter()
        self.ready = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with self._client.monitor() as monitor:
            self.ready.set()
            for entry in monitor.listen():
                if self._stop.is_set():
                    return
                words = entry["command"].split(" ", 2)
                name = words[0].upper().strip('"')
                if name == "EVALSHA" and len(words) > 1:
                    name = SCRIPTS.get(words[1].strip('"'), "EVALSHA (other)")
                with self._lock:
                    (self.scripted if entry.get("client_type") == "lua" else self.issued)[name] += 1

    def start(self) -> None:
        self._thread.start()
        self.ready.wait(10)

    def take(self) -> tuple[Counter[str], Counter[str]]:
        """The counts so far, and start again from zero."""
        with self._lock:
            issued, scripted = self.issued, self.scripted
            self.issued, self.scripted = Counter(), Counter()
        return issued, scripted

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(Exception):
            self._client.ping()  # one more line so the listener sees the stop flag
        self._thread.join(5)
        self._client.close()


@contextlib.contextmanager
def dedicated_valkey() -> Iterator[str]:
    from cartmate.store.embedded_valkey import embedded_valkey

    with embedded_valkey(None, persist=False) as server:
        yield server.connection_url


async def settle(monitor: Monitor) -> None:
    """Let MONITOR catch up with what the server already ran."""
    await asyncio.sleep(0.5)


async def main_async(sessions: int) -> None:
    from cartmate.gateway.app import create_app

    per_message: dict[str, tuple[Counter[str], Counter[str]]] = {
        t: (Counter(), Counter()) for t in SCRIPT
    }
    connect = (Counter[str](), Counter[str]())
    with dedicated_valkey() as url:
        async with product_settings(url, **OVERRIDES) as settings:
            async with serve(create_app(settings)) as base:
                warm, _ = await Chat.connect(base)
                for text in SCRIPT:
                    await warm.turn(text)
                await warm.close()
                monitor = Monitor(url)
                monitor.start()
                await settle(monitor)
                monitor.take()
                for _ in range(sessions):
                    chat, first = await Chat.connect(base)
                    if first.get("type") != "session":
                        raise SystemExit(f"first frame {first}")
                    await settle(monitor)
                    issued, scripted = monitor.take()
                    connect[0].update(issued)
                    connect[1].update(scripted)
                    for text in SCRIPT:
                        _, _, status, _ = await chat.turn(text)
                        if status != "ok":
                            raise SystemExit(f"turn {text!r} ended {status}")
                        await settle(monitor)
                        issued, scripted = monitor.take()
                        per_message[text][0].update(issued)
                        per_message[text][1].update(scripted)
                    await chat.close()
                monitor.stop()
    report(sessions, connect, per_message)


def report(
    sessions: int,
    connect: tuple[Counter[str], Counter[str]],
    per_message: dict[str, tuple[Counter[str], Counter[str]]],
) -> None:
    rows = []
    total_issued: Counter[str] = Counter()
    total_scripted: Counter[str] = Counter()
    for text, (issued, scripted) in per_message.items():
        total_issued.update(issued)
        total_scripted.update(scripted)
        rows.append((
            f'"{text}"', f"{sum(issued.values()) / sessions:.1f}",
            f"{sum(scripted.values()) / sessions:.1f}",
            ", ".join(f"{k} {v / sessions:.1f}" for k, v in issued.most_common(6)),
        ))  # fmt: skip
    turns = sessions * len(SCRIPT)
    rows.append((
        "**mean per turn**", f"**{sum(total_issued.values()) / turns:.1f}**",
        f"**{sum(total_scripted.values()) / turns:.1f}**",
        ", ".join(f"{k} {v / turns:.1f}" for k, v in total_issued.most_common(8)),
    ))  # fmt: skip
    rows.append((
        "connect (session frame)", f"{sum(connect[0].values()) / sessions:.1f}",
        f"{sum(connect[1].values()) / sessions:.1f}",
        ", ".join(f"{k} {v / sessions:.1f}" for k, v in connect[0].most_common(6)),
    ))  # fmt: skip
    for line in rows:
        print(" | ".join(line))
    body = f"""
Commands the Redis server executed, counted with MONITOR on a dedicated embedded Valkey:
gateway (uvicorn on loopback), embedded Online Boutique and offline model in this process,
{sessions} sessions one after the other, each the script {", ".join(f'"{t}"' for t in SCRIPT)}
(after one warm-up session). "Issued" are commands clients sent (each pipelined command
counts once; a pipeline or a script call is still one round trip), "in Lua" the commands
the gateway's scripts ran inside the server. Per session, mean.

{table(["turn", "issued", "in Lua", "top issued commands"], rows)}
"""  # fmt: skip
    write_section("redis_per_turn", "Redis commands per turn (`redis_per_turn.py`)", body)


def main() -> None:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    if not 1 <= sessions <= 1_000:
        raise SystemExit("sessions must be between 1 and 1,000")
    asyncio.run(main_async(sessions))


if __name__ == "__main__":
    main()
