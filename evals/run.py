"""Run CartMate's ADK evalsets on live services and print a score per criterion.

    python evals/run.py                 # every evalset, the configured model (CARTMATE_MODEL)
    python evals/run.py --model offline cart_manager conversations
    python evals/run.py --record        # rewrite the expected calls/answers (offline model)

Each `evals/<set>/` holds `<set>.evalset.json` (ADK's EvalSet format) and `test_config.json`
(ADK's EvalConfig: criteria and thresholds). The runner starts what the agents need, as
`cartmate up` would: Redis (REDIS_URL, or an embedded Valkey), under a key prefix of its own
that is deleted afterwards, and the embedded Online Boutique on free loopback ports (or the
real one when the *_SERVICE_ADDR variables are set). It builds each set's root agent on those
services and runs ADK's LocalEvalService on the agent object (AgentEvaluator would import an
agent module instead; `cartmate/agents/*/agent.py` also work that way, see evals/README.md).

Criteria that need an LLM judge (rubrics, final_response_match_v2, hallucinations, safety)
run only when Gemini credentials are configured; otherwise they are reported as skipped.
Exit status 0 when every evaluated criterion meets its threshold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import logging
import statistics
import sys
import uuid
import warnings
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python evals/run.py`: make `evals` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from google.adk.agents.base_agent import BaseAgent
from google.genai import types

from cartmate.agent_runtime.services import AgentServices, StaticServices, open_agent_services
from cartmate.config import Settings, load_settings
from evals.cases import EVALSETS, EvalSetSpec

__all__ = [
    "DETERMINISTIC",
    "CaseReport",
    "MetricReport",
    "SetReport",
    "evaluate_set",
    "live_settings",
    "main",
    "run_evals",
]

EVALS_DIR = Path(__file__).resolve().parent
APP_NAME = "cartmate-evals"
# Criteria scored without a model; anything else needs a Gemini judge.
DETERMINISTIC = frozenset({"tool_trajectory_avg_score", "response_match_score"})

log = logging.getLogger("cartmate.evals")


@dataclass
class MetricReport:
    name: str
    threshold: float | None
    score: float | None  # mean over the set's cases; None when not evaluated
    skipped: str | None = None  # why it did not run

    @property
    def passed(self) -> bool:
        if self.skipped is not None:
            return True
        return (
            self.score is not None and self.threshold is not None and self.score >= self.threshold
        )


@dataclass
class CaseReport:
    eval_id: str
    scores: dict[str, float | None]
    failed: list[str]
    detail: str = ""


@dataclass
class SetReport:
    name: str
    agent: str
    metrics: list[MetricReport] = field(default_factory=list)
    cases: list[CaseReport] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(m.passed for m in self.metrics) and not any(c.failed for c in self.cases)


def _eval_imports() -> Any:
    """ADK's evaluation modules; they need pandas, rouge-score and google-cloud-aiplatform."""
    try:
        from google.adk.evaluation import base_eval_service, eval_config, local_eval_service
        from google.adk.evaluation.in_memory_eval_sets_manager import InMemoryEvalSetsManager
        from google.adk.evaluation.metric_evaluator_registry import (
            DEFAULT_METRIC_EVALUATOR_REGISTRY,
            register_custom_metrics_from_config,
        )
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise SystemExit(
            f"ADK evaluation needs more packages ({exc.name}): "
            "pip install -c constraints.txt -e '.[dev]'"
        ) from exc
    return argparse.Namespace(
        base=base_eval_service,
        config=eval_config,
        local=local_eval_service,
        manager=InMemoryEvalSetsManager,
        registry=DEFAULT_METRIC_EVALUATOR_REGISTRY,
        register=register_custom_metrics_from_config,
    )


def gemini_judge_available(settings: Settings) -> bool:
    """Whether an LLM judge can run: a Gemini API key, or Vertex AI with a project."""
    return settings.google_api_key is not None or (
        settings.google_genai_use_vertexai and settings.google_cloud_project is not None
    )


@contextlib.asynccontextmanager
async def live_settings(
    base: Settings | None = None, *, redis_url: str | None = None
) -> AsyncIterator[Settings]:
    """Settings pointing at live services for the duration: Redis and Online Boutique.

    Redis is `redis_url`, REDIS_URL, or an embedded Valkey started here; every key goes under
    a fresh prefix, deleted on exit, so runs never see each other's carts or alerts. Online
    Boutique services whose *_SERVICE_ADDR is unset are served here on free ports.
    """
    from cartmate.embedded_boutique.server import serve_boutique
    from cartmate.store.embedded_valkey import embedded_valkey
    from cartmate.store.redis_client import open_redis

    settings = base or load_settings()
    prefix = f"cartmate-eval:{uuid.uuid4().hex[:12]}:"
    async with contextlib.AsyncExitStack() as stack:
        url = redis_url or settings.redis_url
        if url is None:
            url = stack.enter_context(embedded_valkey(None, persist=False)).connection_url
        redis = await stack.enter_async_context(open_redis(url, prefix))

        async def drop_keys() -> None:
            keys = [k async for k in redis.client.scan_iter(match=prefix + "*", count=500)]
            if keys:
                await redis.client.delete(*keys)

        stack.push_async_callback(drop_keys)
        missing = [
            s
            for s in ("catalog", "cart", "currency", "recommendation")
            if not settings.service_addr(s)
        ]
        update: dict[str, Any] = {"redis_url": url, "redis_prefix": prefix}
        if missing:
            addresses = await stack.enter_async_context(
                serve_boutique(
                    redis,
                    catalog_port=0,
                    cart_port=0,
                    currency_port=0,
                    recommendation_port=0,
                    services=missing,
                    catalog_addr=settings.service_addr("catalog"),
                )
            )
            names = {
                "catalog": "product_catalog_service_addr",
                "cart": "cart_service_addr",
                "currency": "currency_service_addr",
                "recommendation": "recommendation_service_addr",
            }
            update.update({names[s]: addr for s, addr in addresses.served().items()})
        yield settings.model_copy(update=update)


def build_root_agent(name: str, services: AgentServices, settings: Settings) -> BaseAgent:
    """The set's root agent, built the way the app builds it, on services opened here."""
    module = importlib.import_module(f"cartmate.agents.{name}.agent")
    agent: BaseAgent = getattr(module, f"build_{name}_agent")(StaticServices(services), settings)
    return agent


def _user_content(turn: Any) -> types.Content:
    import base64

    parts = [types.Part(text=turn.text)] if turn.text else []
    parts += [
        types.Part(inline_data=types.Blob(data=base64.b64decode(data), mime_type=mime))
        for data, mime in turn.images
    ]
    return types.Content(role="user", parts=parts)


def _session_input(spec: EvalSetSpec, case_id: str) -> dict[str, Any]:
    # One shopper per case: carts, profiles and alerts never leak between cases.
    return {"app_name": APP_NAME, "user_id": f"eval-{spec.name}-{case_id}", "state": {}}


def load_eval_set(spec: EvalSetSpec) -> Any:
    from google.adk.evaluation.eval_set import EvalSet

    path = EVALS_DIR / spec.name / f"{spec.name}.evalset.json"
    return EvalSet.model_validate_json(path.read_text(encoding="utf-8"))


def load_eval_config(spec: EvalSetSpec) -> Any:
    ev = _eval_imports()
    return ev.config.get_evaluation_criteria_or_default(
        str(EVALS_DIR / spec.name / "test_config.json")
    )


def _unrecorded_eval_set(spec: EvalSetSpec) -> Any:
    """The set's cases with the shopper's messages only (what --record runs)."""
    from google.adk.evaluation.eval_case import EvalCase, Invocation, SessionInput
    from google.adk.evaluation.eval_set import EvalSet

    return EvalSet(
        eval_set_id=spec.name,
        name=spec.name,
        description=spec.description,
        eval_cases=[
            EvalCase(
                eval_id=case.eval_id,
                conversation=[
                    Invocation(invocation_id=f"{case.eval_id}-{i}", user_content=_user_content(t))
                    for i, t in enumerate(case.turns, 1)
                ],
                session_input=SessionInput(**_session_input(spec, case.eval_id)),
            )
            for case in spec.cases
        ],
    )


async def _infer(
    agent: BaseAgent, eval_set: Any, ev: Any, registry: Any = None
) -> tuple[Any, list[Any]]:
    manager = ev.manager()
    manager.create_eval_set(app_name=APP_NAME, eval_set_id=eval_set.eval_set_id)
    for eval_case in eval_set.eval_cases:
        manager.add_eval_case(
            app_name=APP_NAME, eval_set_id=eval_set.eval_set_id, eval_case=eval_case
        )
    service = ev.local.LocalEvalService(
        root_agent=agent, eval_sets_manager=manager, metric_evaluator_registry=registry
    )
    request = ev.base.InferenceRequest(
        app_name=APP_NAME,
        eval_set_id=eval_set.eval_set_id,
        inference_config=ev.base.InferenceConfig(parallelism=4),
    )
    results = [r async for r in service.perform_inference(inference_request=request)]
    failed = [r for r in results if r.status != ev.base.InferenceStatus.SUCCESS]
    if failed:
        raise RuntimeError(
            "inference failed: " + "; ".join(f"{r.eval_case_id}: {r.error_message}" for r in failed)
        )
    return service, results


def _calls_text(invocation: Any) -> str:
    from google.adk.evaluation.eval_case import get_all_tool_calls

    calls = get_all_tool_calls(invocation.intermediate_data) if invocation else []
    return ", ".join(f"{c.name}({dict(c.args or {})})" for c in calls) or "(no tool calls)"


async def evaluate_set(
    spec: EvalSetSpec, services: AgentServices, settings: Settings, eval_set: Any = None
) -> SetReport:
    """Run one evalset on `services` and score it with its test_config.json criteria.

    `eval_set` replaces the checked-in one (tests use it to check that a wrong expectation
    fails).
    """
    from cartmate.models.selection import close_models

    ev = _eval_imports()
    eval_set = eval_set or load_eval_set(spec)
    config = load_eval_config(spec)
    report = SetReport(spec.name, spec.agent)
    judge = gemini_judge_available(settings)
    for name in list(config.criteria):
        if name not in DETERMINISTIC and not judge:
            threshold = getattr(config.criteria[name], "threshold", config.criteria[name])
            report.metrics.append(
                MetricReport(name, float(threshold), None, skipped="no Gemini judge configured")
            )
            del config.criteria[name]
    metrics = [
        m
        for m in ev.config.get_eval_metrics_from_config(config)
        if m.metric_name in config.criteria
    ]
    registry = ev.register(config, ev.registry.fork())
    agent = build_root_agent(spec.agent, services, settings)
    try:
        service, inferences = await _infer(agent, eval_set, ev, registry)
        request = ev.base.EvaluateRequest(
            inference_results=inferences,
            evaluate_config=ev.base.EvaluateConfig(eval_metrics=metrics, parallelism=4),
        )
        results = [r async for r in service.evaluate(evaluate_request=request)]
    finally:
        await close_models(agent)
    by_metric: dict[str, list[float]] = {m.metric_name: [] for m in metrics}
    for result in sorted(results, key=lambda r: r.eval_id):
        scores: dict[str, float | None] = {}
        failed: list[str] = []
        for metric_result in result.overall_eval_metric_results:
            scores[metric_result.metric_name] = metric_result.score
            if metric_result.metric_name not in by_metric:
                continue
            if metric_result.score is not None:
                by_metric[metric_result.metric_name].append(metric_result.score)
            if metric_result.eval_status.name != "PASSED":
                failed.append(metric_result.metric_name)
        detail = ""
        if failed:
            lines = []
            for per in result.eval_metric_result_per_invocation:
                text = "".join(
                    p.text or ""
                    for p in (per.actual_invocation.final_response or types.Content()).parts or []
                )
                lines.append(
                    f"      expected: {_calls_text(per.expected_invocation)}\n"
                    f"      actual:   {_calls_text(per.actual_invocation)}\n"
                    f"      answer:   {text[:160]!r}"
                )
            detail = "\n".join(lines)
        report.cases.append(CaseReport(result.eval_id, scores, failed, detail))
    for metric in metrics:
        values = by_metric[metric.metric_name]
        report.metrics.append(
            MetricReport(
                metric.metric_name,
                metric.threshold,
                statistics.mean(values) if values else None,
            )
        )
    return report


async def record_set(spec: EvalSetSpec, services: AgentServices, settings: Settings) -> Path:
    """Run the set's messages and write what the agent did as the expected conversation."""
    from google.adk.evaluation.eval_case import IntermediateData, Invocation, get_all_tool_calls

    from cartmate.models.selection import close_models

    ev = _eval_imports()
    eval_set = _unrecorded_eval_set(spec)
    agent = build_root_agent(spec.agent, services, settings)
    try:
        _, inferences = await _infer(agent, eval_set, ev)
    finally:
        await close_models(agent)
    actual = {r.eval_case_id: r.inferences for r in inferences}
    for eval_case in eval_set.eval_cases:
        recorded = []
        for asked, got in zip(eval_case.conversation, actual[eval_case.eval_id], strict=True):
            calls = [
                types.FunctionCall(name=c.name, args=c.args)
                for c in get_all_tool_calls(got.intermediate_data)
            ]
            text = "".join(
                p.text or ""
                for p in (got.final_response or types.Content()).parts or []
                if not p.thought
            )
            recorded.append(
                Invocation(
                    invocation_id=asked.invocation_id,
                    user_content=asked.user_content,
                    final_response=types.Content(role="model", parts=[types.Part(text=text)]),
                    intermediate_data=IntermediateData(tool_uses=calls),
                )
            )
        eval_case.conversation = recorded
    path = EVALS_DIR / spec.name / f"{spec.name}.evalset.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        eval_set.model_dump_json(indent=2, exclude_none=True, exclude_defaults=True) + "\n",
        encoding="utf-8",
    )
    return path


def select(names: Sequence[str]) -> list[EvalSetSpec]:
    known = {spec.name: spec for spec in EVALSETS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown evalsets: {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in names] if names else list(EVALSETS)


async def run_evals(
    names: Sequence[str] = (), *, settings: Settings | None = None, record: bool = False
) -> list[SetReport]:
    """Start the services once, then evaluate (or record) each selected set."""
    reports: list[SetReport] = []
    async with live_settings(settings) as live, open_agent_services(live) as services:
        for spec in select(names):
            if record:
                print(f"recorded {await record_set(spec, services, live)}")
            else:
                reports.append(await evaluate_set(spec, services, live))
    return reports


def format_report(reports: Sequence[SetReport]) -> str:
    lines = []
    for report in reports:
        lines.append(f"{report.name} (root agent {report.agent}, {len(report.cases)} cases)")
        for metric in report.metrics:
            if metric.skipped:
                lines.append(f"  {metric.name:<34} skipped: {metric.skipped}")
                continue
            score = "n/a" if metric.score is None else f"{metric.score:.3f}"
            verdict = "PASS" if metric.passed else "FAIL"
            lines.append(f"  {metric.name:<34} {score:>6}  threshold {metric.threshold}  {verdict}")
        for case in report.cases:
            if case.failed:
                lines.append(f"    case {case.eval_id}: {', '.join(case.failed)} below threshold")
                if case.detail:
                    lines.append(case.detail)
    total = sum(len(r.cases) for r in reports)
    passed = all(r.passed for r in reports)
    lines.append(f"{'PASSED' if passed else 'FAILED'}: {len(reports)} evalsets, {total} cases")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python evals/run.py", description=__doc__.split("\n")[0])
    parser.add_argument("evalsets", nargs="*", help="evalset names (default: all)")
    parser.add_argument("--model", help="override CARTMATE_MODEL (e.g. offline)")
    parser.add_argument(
        "--record", action="store_true", help="rewrite the expected conversations from this run"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore", message=r".*EXPERIMENTAL.*")
    overrides = {"model": args.model} if args.model else {}
    settings = load_settings(**overrides)
    if args.record and settings.model != "offline":
        raise SystemExit("--record writes the offline model's behaviour: add --model offline")
    reports = asyncio.run(run_evals(args.evalsets, settings=settings, record=args.record))
    if args.record:
        return 0
    print(format_report(reports))
    return 0 if all(r.passed for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
