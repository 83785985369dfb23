"""Two builds of CartMate side by side: each product process's CPU per turn, runs alternating.

    .venv/bin/python benchmarks/compare_builds.py BASE [HEAD] [--turns 150] [--rounds 3] [--way c]

BASE and HEAD are git revisions; HEAD defaults to "." (this checkout as it is, uncommitted
changes included). A revision other than "." is checked out in a temporary git worktree,
removed afterwards. The machine these numbers come from is shared and its speed drifts by
tens of percent within an hour, so builds are only compared within one run: rounds alternate
the order (BASE then HEAD, then HEAD then BASE, ...), and the report gives each build's median
over its rounds.

Each run starts the product from that build's checkout as `overhead.py` does for way (b) or
(c) (`cartmate boutique`, the gateway and, for (c), the four `serve-agent` processes with
CARTMATE_DELEGATION=a2a; one Redis for all runs: REDIS_URL or an embedded Valkey), runs
WARM_UP untimed turns, then `--turns` turns of overhead's "add two mugs to my cart" (each a
new shopper: connect, turn, close), and reads every process's user and system CPU from /proc
around the timed turns. The client is this process and this checkout's code; the chat
protocol is the same across builds. Writes its section of `benchmarks/RESULTS.md`.

`--instructions` counts instead of timing: every product process runs under valgrind's
callgrind with instrumentation off (about 5x slower), switched on (`callgrind_control`) for the
timed turns only, so each cell is the user-space instructions a process executed per turn.
The count does not drift with the machine (two runs of one build agree within a fraction of a
percent), so changes of 1 % are visible that CPU time cannot show here; it leaves out the
kernel's time (socket writes) and memory stalls, so it complements CPU time, not replaces it.
Processes run with PYTHONHASHSEED=0 and long Redis and gRPC deadlines (instrumented code is
~50x slower). Default `--turns` is then 20 and `--rounds` 1, after WARM_UP_COUNTED untimed
turns (a process's count a turn settles only after about twenty).

`--held-out N` times the first N held-out conversations instead (`_common.
held_out_conversations`: shoppers' own words, several turns each, a new shopper for each,
one after another), and reports per turn of them: the single repeated turn leaves out what a
real conversation costs (new messages for the planner, growing histories, requests several
to a message).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import overhead
from _common import (
    CALLGRIND_ENV,
    ROOT,
    callgrind_command,
    callgrind_control,
    conversation,
    cpu_seconds,
    dumped_instructions,
    held_out_conversations,
    median,
    product,
    product_processes,
    redis_url,
    require_callgrind,
    table,
    write_section,
)

WARM_UP = 5
# Counted, a process's instructions a turn settle only after ~20 turns (+13 % in turns 6-15
# against turns 16-25, within 1.5 % from turn 31 on); uncounted turns under callgrind are cheap.
WARM_UP_COUNTED = 30
MIN_CPU_MS = 0.05  # processes under this a turn in every run are left out of the table


@contextlib.contextmanager
def checkout(revision: str) -> Iterator[tuple[Path, str]]:
    """(the checkout's folder, a label) for a revision; "." is this checkout."""
    if revision == ".":
        yield ROOT, "this checkout"
        return
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", revision],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix=f"cartmate-{sha}-")) / "checkout"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), revision],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield folder, f"{revision} ({sha})" if revision != sha else sha
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
            check=False, capture_output=True,
        )  # fmt: skip


async def one_run(
    url: str,
    root: Path,
    way: str,
    turns: int,
    instructions: bool = False,
    conversations: Sequence[Sequence[str]] = (),
) -> dict[str, float]:
    """Per timed turn of each process (by name): CPU ms, or with `instructions` millions of
    instructions; and "wall" (median ms a turn). With `conversations`, the timed turns are
    theirs (each a new shopper), not `turns` single turns."""
    from cartmate.agent_runtime.topology import SPECIALISTS

    env = dict(overhead.ENV)
    agents: tuple[str, ...] = ()
    if way == "c":
        env["CARTMATE_DELEGATION"] = "a2a"
        agents = tuple(SPECIALISTS)
    with tempfile.TemporaryDirectory(prefix="compare-") as logs:
        wrap: list[str] = []
        if instructions:
            env |= CALLGRIND_ENV
            wrap = callgrind_command(Path(logs))
        with product(url, Path(logs), env=env, agents=agents, root=root, wrap=wrap) as (port, _):
            base = f"http://127.0.0.1:{port}"
            for _ in range(WARM_UP_COUNTED if instructions else WARM_UP):
                await overhead.socket_turn(base, timeout_s=600 if instructions else 60)
            names = {pid: name for pid, name in product_processes().items()
                     if pid != os.getpid()}  # fmt: skip
            counted = [pid for pid, name in names.items() if "valkey" not in name]
            if instructions:  # Valkey is not under callgrind
                await callgrind_control(counted, "--instr=on")
            before = {pid: cpu_seconds(pid) for pid in names}
            walls = []
            loop = asyncio.get_running_loop()
            wait_s = 600 if instructions else 60
            for _ in range(0 if conversations else turns):
                started = loop.time()
                await overhead.socket_turn(base, timeout_s=wait_s)
                walls.append((loop.time() - started) * 1000)
            for talk in conversations:
                walls += [s * 1000 for s in await conversation(base, talk, wait_s)]
            turns = len(walls)
            after = {pid: cpu_seconds(pid) for pid in names}
            if instructions:
                await callgrind_control(counted, "--dump")
                dumped = {
                    pid: dumped_instructions(Path(logs) / f"callgrind.{pid}.1") for pid in counted
                }
    if instructions:
        used = {names[pid]: count / 1e6 / turns for pid, count in dumped.items()}
    else:
        used = {names[pid]: (after[pid] - before[pid]) * 1000 / turns for pid in names}
    return {"wall": median(walls), **used}


def report(labels: list[str], runs: dict[str, list[dict[str, float]]], args: Any) -> str:
    base, head = labels
    names = sorted(
        {name for samples in runs.values() for sample in samples for name in sample} - {"wall"},
        key=lambda name: (name != "gateway", name),
    )
    names = [n for n in names if any(s.get(n, 0) >= MIN_CPU_MS for v in runs.values() for s in v)]
    unit = "M instructions" if args.instructions else "CPU"

    def mid(label: str, name: str) -> float:
        return median([sample.get(name, 0.0) for sample in runs[label]])

    rows = []
    for name, title in [("wall", "wall, median ms a turn"), *[(n, f"{n} {unit}") for n in names]]:
        a, b = mid(base, name), mid(head, name)
        rows.append([title, f"{a:.1f}", f"{b:.1f}", f"{(b - a) / a * 100:+.1f} %" if a else "-"])
    a_all = sum(mid(base, n) for n in names)
    b_all = sum(mid(head, n) for n in names)
    rows.append([f"**all processes {unit}**", f"**{a_all:.1f}**", f"**{b_all:.1f}**",
                 f"**{(b_all - a_all) / a_all * 100:+.1f} %**"])  # fmt: skip
    spread = "; ".join(
        f"{label}: " + ", ".join(f"{s['wall']:.1f}" for s in runs[label]) for label in labels
    )
    what = "A2A delegation, way (c)" if args.way == "c" else "in-process agents, way (b)"
    return (
        f"Builds compared: **{base}** against **{head}**, {what} of `overhead.py`, "
        f"{args.rounds} rounds of "
        + (
            f"the first {args.held_out} held-out conversations (their turns timed) "
            if args.held_out
            else f"{args.turns} timed turns "
        )
        + f"per build (after {WARM_UP_COUNTED if args.instructions else WARM_UP} untimed "
        "single turns), "
        "order alternating per round. "
        + (
            "Instructions are user-space instructions per timed turn (millions), counted by "
            "callgrind with every product process under it (so wall times are not the "
            "product's); "
            if args.instructions
            else "CPU is user plus system time from /proc per timed turn (ms); "
        )
        + "each cell is the median over the build's rounds.\n\n"
        + table(["", base, head, "change"], rows)
        + f"\n\nWall medians of each round (ms): {spread}."
    )


async def main_async(args: argparse.Namespace) -> None:
    revisions = [args.base, args.head]
    with contextlib.ExitStack() as stack, redis_url() as url:
        builds = [stack.enter_context(checkout(rev)) for rev in revisions]
        labels = [label for _, label in builds]
        if labels[0] == labels[1]:
            labels = [f"{labels[0]} (1)", f"{labels[1]} (2)"]
        runs: dict[str, list[dict[str, float]]] = {label: [] for label in labels}
        conversations = held_out_conversations()[: args.held_out] if args.held_out else []
        for round_no in range(args.rounds):
            order = [0, 1] if round_no % 2 == 0 else [1, 0]
            for index in order:
                root, _ = builds[index]
                sample = await one_run(
                    url, root, args.way, args.turns, args.instructions, conversations
                )
                runs[labels[index]].append(sample)
                print(f"round {round_no + 1}, {labels[index]}: wall {sample['wall']:.1f} ms, "
                      + ", ".join(f"{k} {v:.1f}" for k, v in sample.items()
                                  if k != "wall" and v >= MIN_CPU_MS))  # fmt: skip
    body = report(labels, runs, args)
    print("\n" + body)
    write_section("compare_builds", "Two builds compared (`compare_builds.py`)", body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", help="git revision to compare against")
    parser.add_argument("head", nargs="?", default=".", help='git revision, or "." (default)')
    parser.add_argument("--turns", type=int, help="timed turns per run (150; 20 counted)")
    parser.add_argument("--rounds", type=int, help="runs per build (3; 1 counted)")
    parser.add_argument("--way", choices=["b", "c"], default="c", help="b: in-process agents")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions (callgrind), not CPU"
    )
    parser.add_argument(
        "--held-out",
        type=int,
        default=0,
        metavar="N",
        help="time the first N held-out conversations instead of single turns",
    )
    args = parser.parse_args()
    if args.instructions:
        require_callgrind()
    args.turns = args.turns or (20 if args.instructions else 150)
    args.rounds = args.rounds or (1 if args.instructions else 3)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
