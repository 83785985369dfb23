"""Which A2A agents are up, and where: a registry in Redis with heartbeats.

Every A2A server registers its agent card and base URL when it starts
(`AgentRegistration.start`), refreshes the registration every CARTMATE_A2A_HEARTBEAT_S (5 s)
and removes it on a clean shutdown; a server that died stops being listed once its entry
expires (CARTMATE_A2A_REGISTRY_TTL_S, 15 s). Replicas of one agent register separately, each
under its own instance id.

Keys (under the Redis prefix):

- `registry:agent:<name>:<instance>`: the instance as JSON (name, instance id, URL, card,
  registered and last-seen times), with the TTL;
- `registry:agents`: a sorted set of `<name>\\x1f<instance>` scored by when each entry expires,
  so listing needs no SCAN; members past their time are dropped when read.

`live_agents()` lists every live instance by agent name, `find(skill=..., tag=...)` the ones
whose card offers a skill (by id) or a tag, and `resolve_specialist_cards` the card the
orchestrator should use for each specialist: a live instance's, else the configured one.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from a2a.types import AgentCard
from google.protobuf import json_format

from cartmate.agent_runtime.topology import SPECIALISTS
from cartmate.config import Settings
from cartmate.errors import UnavailableError
from cartmate.store.redis_client import RedisConnection, redis_errors

__all__ = [
    "AgentInstance",
    "AgentRegistration",
    "AgentRegistry",
    "card_url",
    "new_instance_id",
    "resolve_specialist_cards",
]

log = logging.getLogger(__name__)

_SEP = "\x1f"  # between name and instance id in the index; in neither of them


def new_instance_id() -> str:
    """`<host>-<pid>-<random>`: unique per server process, readable in listings."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def card_url(card: AgentCard) -> str:
    """The URL the card advertises first (its preferred interface)."""
    return card.supported_interfaces[0].url if card.supported_interfaces else ""


@dataclass(frozen=True)
class AgentInstance:
    """One registered server of an agent."""

    name: str
    instance_id: str
    url: str
    card: dict[str, Any]  # the AgentCard as proto JSON (camelCase)
    registered_at: float
    last_seen: float

    def agent_card(self) -> AgentCard:
        """The card as a protobuf (parsed once per instance: callers must not change it)."""
        return self._parsed_card

    @functools.cached_property
    def _parsed_card(self) -> AgentCard:
        return json_format.ParseDict(self.card, AgentCard(), ignore_unknown_fields=True)

    def skill_ids(self) -> set[str]:
        return {str(skill.get("id", "")) for skill in self.card.get("skills", [])}

    def tags(self) -> set[str]:
        return {str(tag) for skill in self.card.get("skills", []) for tag in skill.get("tags", [])}

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "instance_id": self.instance_id,
            "url": self.url,
            "card": self.card,
            "registered_at": self.registered_at,
            "last_seen": self.last_seen,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgentInstance:
        return cls(
            name=str(data["name"]),
            instance_id=str(data["instance_id"]),
            url=str(data["url"]),
            card=dict(data.get("card") or {}),
            registered_at=float(data.get("registered_at", 0.0)),
            last_seen=float(data.get("last_seen", 0.0)),
        )


class AgentRegistry:
    """The registry of live A2A agent servers, in Redis.

    Redis failures (after redis-py's retries) raise `UnavailableError`.
    """

    def __init__(self, redis: RedisConnection, *, ttl_s: float = 15.0) -> None:
        self._redis = redis
        self.ttl_s = ttl_s
        self._index = redis.keys.key("registry", "agents")
        self._last_read: tuple[float, list[AgentInstance]] | None = None  # (monotonic, found)

    def _key(self, name: str, instance_id: str) -> str:
        return self._redis.keys.key("registry", "agent", name, instance_id)

    async def register(
        self,
        card: AgentCard,
        *,
        instance_id: str,
        url: str | None = None,
        registered_at: float | None = None,
    ) -> AgentInstance:
        """Register (or refresh) one instance of `card.name`, live for the next TTL."""
        now = time.time()
        instance = AgentInstance(
            name=card.name,
            instance_id=instance_id,
            url=(url or card_url(card)).rstrip("/"),
            card=json_format.MessageToDict(card),
            registered_at=registered_at or now,
            last_seen=now,
        )
        ttl_ms = max(1, int(self.ttl_s * 1000))
        member = f"{card.name}{_SEP}{instance_id}"
        with redis_errors("agent registry"):
            async with self._redis.client.pipeline(transaction=True) as pipe:
                pipe.set(
                    self._key(card.name, instance_id), json.dumps(instance.to_json()), px=ttl_ms
                )
                pipe.zadd(self._index, {member: now + self.ttl_s})
                await pipe.execute()
        return instance

    async def deregister(self, name: str, instance_id: str) -> None:
        """Remove one instance now (a clean shutdown)."""
        with redis_errors("agent registry"):
            async with self._redis.client.pipeline(transaction=True) as pipe:
                pipe.delete(self._key(name, instance_id))
                pipe.zrem(self._index, f"{name}{_SEP}{instance_id}")
                await pipe.execute()

    async def instances(self, max_age_s: float = 0.0) -> list[AgentInstance]:
        """Every live instance, by agent name then instance id.

        With `max_age_s`, this registry object's last read is reused while younger than that
        (three round trips saved per caller, e.g. per delegated turn); a new instance shows up
        that much later, and a dead one is skipped by the caller's failover meanwhile.
        """
        last = self._last_read
        if max_age_s > 0 and last is not None and time.monotonic() - last[0] < max_age_s:
            return list(last[1])
        read_at = time.monotonic()
        found = await self._read_instances()
        self._last_read = (read_at, found)
        return list(found)

    async def _read_instances(self) -> list[AgentInstance]:
        with redis_errors("agent registry"):
            client = self._redis.client
            await client.zremrangebyscore(self._index, "-inf", f"({time.time()}")
            members: list[str] = await client.zrange(self._index, 0, -1)
            pairs = [tuple(m.split(_SEP, 1)) for m in members if _SEP in m]
            if not pairs:
                return []
            values = await client.mget([self._key(name, iid) for name, iid in pairs])
        found = []
        for value in values:
            if not value:
                continue  # expired between the two reads
            try:
                found.append(AgentInstance.from_json(json.loads(value)))
            except (ValueError, KeyError, TypeError):
                log.warning("ignoring a malformed agent registration")
        return sorted(found, key=lambda i: (i.name, i.instance_id))

    async def live_agents(self) -> dict[str, list[AgentInstance]]:
        """Agent name -> its live instances (url, card, last_seen, ...)."""
        agents: dict[str, list[AgentInstance]] = {}
        for instance in await self.instances():
            agents.setdefault(instance.name, []).append(instance)
        return agents

    async def find(self, skill: str | None = None, tag: str | None = None) -> list[AgentInstance]:
        """Live instances whose card has the skill id `skill` and/or a skill tagged `tag`."""
        return [
            instance
            for instance in await self.instances()
            if (skill is None or skill in instance.skill_ids())
            and (tag is None or tag in instance.tags())
        ]

    async def instances_of(self, name: str, max_age_s: float = 0.0) -> list[AgentInstance]:
        """The live instances of agent `name`, by instance id (`max_age_s` as `instances`)."""
        return [i for i in await self.instances(max_age_s) if i.name == name]

    async def card_for(self, name: str) -> AgentCard | None:
        """A live instance's card of agent `name` (a random one, spreading callers), or None."""
        with_name = await self.instances_of(name)
        return random.choice(with_name).agent_card() if with_name else None


async def resolve_specialist_cards(
    settings: Settings, redis: RedisConnection, names: Iterable[str] = SPECIALISTS
) -> dict[str, AgentCard]:
    """Each specialist's card: a live instance's from the registry, else the configured one
    (`agent_url`). A registry that does not answer counts as empty."""
    from cartmate.a2a.cards import build_agent_card

    registry = AgentRegistry(redis, ttl_s=settings.a2a_registry_ttl_s)
    try:
        live = await registry.live_agents()
    except UnavailableError:
        log.warning("the agent registry is unavailable; using the configured agent URLs")
        live = {}
    cards = {}
    for name in names:
        instances = live.get(name)
        cards[name] = (
            random.choice(instances).agent_card() if instances else build_agent_card(name, settings)
        )
    return cards


class AgentRegistration:
    """One server's registration: made on `start`, refreshed by a heartbeat, removed on `stop`.

    A heartbeat that fails (Redis down) is logged and retried at the next beat; the server
    keeps serving and reappears in the registry once Redis answers again.
    """

    def __init__(
        self,
        registry: AgentRegistry,
        card: AgentCard,
        *,
        instance_id: str | None = None,
        url: str | None = None,
        interval_s: float = 5.0,
    ) -> None:
        self.registry = registry
        self.card = card
        self.instance_id = instance_id or new_instance_id()
        self.url = url
        # At least three beats per TTL, whatever the settings say.
        self.interval_s = min(interval_s, registry.ttl_s / 3)
        self._task: asyncio.Task[None] | None = None
        self._registered_at: float | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def beat(self) -> bool:
        """Register or refresh once; False when Redis did not answer."""
        try:
            instance = await self.registry.register(
                self.card,
                instance_id=self.instance_id,
                url=self.url,
                registered_at=self._registered_at,
            )
        except UnavailableError:
            log.warning(
                "could not refresh the agent registration",
                extra={"agent": self.card.name, "instance": self.instance_id},
            )
            return False
        self._registered_at = instance.registered_at
        return True

    async def start(self) -> None:
        if self.running:
            return
        await self.beat()
        self._task = asyncio.create_task(self._heartbeat(), name=f"registry-{self.card.name}")
        log.info(
            "registered agent",
            extra={"agent": self.card.name, "instance": self.instance_id},
        )

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            await self.beat()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        try:
            await self.registry.deregister(self.card.name, self.instance_id)
        except UnavailableError:
            log.warning("could not deregister the agent; its entry expires on its own")
