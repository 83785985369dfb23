"""deploy/k8s renders (kustomize, done here in Python) to valid Kubernetes objects that run
every CartMate process beside Online Boutique; validated offline against the schemas bundled
with kubernetes-validate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cartmate.agent_runtime.topology import AGENTS

kubernetes_validate = pytest.importorskip(
    "kubernetes_validate", reason="kubernetes-validate is not installed (the dev extra has it)"
)

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33"  # GKE's regular channel at the time of writing
OB_SERVICES = {
    "PRODUCT_CATALOG_SERVICE_ADDR": "productcatalogservice:3550",
    "CART_SERVICE_ADDR": "cartservice:7070",
    "CURRENCY_SERVICE_ADDR": "currencyservice:7000",
    "RECOMMENDATION_SERVICE_ADDR": "recommendationservice:8080",
}


def render(directory: Path = K8S) -> list[dict[str, Any]]:
    """What `kustomize build` gives for this kustomization: its resources, images replaced.

    Supports what deploy/k8s uses (resources, images) and refuses anything else, so a new
    kustomize feature there cannot be silently ignored by this test.
    """
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unsupported = set(kustomization) - {"apiVersion", "kind", "resources", "images"}
    assert not unsupported, f"render() does not implement {unsupported}"
    images = {i["name"]: i for i in kustomization.get("images", [])}
    objects: list[dict[str, Any]] = []
    for resource in kustomization["resources"]:
        for doc in yaml.safe_load_all((directory / resource).read_text()):
            if doc:
                objects.append(doc)
    for obj in objects:
        for container in _containers(obj):
            name, _, tag = container["image"].partition(":")
            if name in images:
                new = images[name]
                container["image"] = (
                    f"{new.get('newName', name)}:{new.get('newTag', tag or 'latest')}"
                )
    return objects


def _containers(obj: dict[str, Any]) -> list[dict[str, Any]]:
    if obj["kind"] != "Deployment":
        return []
    return obj["spec"]["template"]["spec"]["containers"]


def _by_kind(objects: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


OBJECTS = render()


@pytest.mark.parametrize(
    "obj", OBJECTS, ids=[f"{o['kind']}/{o['metadata']['name']}" for o in OBJECTS]
)
def test_every_object_is_valid_against_the_kubernetes_schema(obj: dict[str, Any]) -> None:
    # strict: unknown fields (typos) fail too.
    kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)


def test_names_are_unique_per_kind() -> None:
    keys = [(o["kind"], o["metadata"]["name"]) for o in OBJECTS]
    assert len(keys) == len(set(keys))


def test_the_gateway_and_every_agent_have_a_deployment_running_the_right_command() -> None:
    deployments = _by_kind(OBJECTS, "Deployment")
    commands = {
        name: d["spec"]["template"]["spec"]["containers"][0]["args"]
        for name, d in deployments.items()
    }
    assert commands.pop("cartmate-gateway")[0] == "gateway"
    served = {args[1] for args in commands.values() if args[0] == "serve-agent"}
    assert served == set(AGENTS)
    for name, args in commands.items():
        assert name == "cartmate-" + args[1].replace("_", "-")


@pytest.mark.parametrize("name", sorted(_by_kind(OBJECTS, "Deployment")))
def test_each_deployment_is_served_scaled_protected_and_probed(name: str) -> None:
    deployment = _by_kind(OBJECTS, "Deployment")[name]
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= labels.items()
    (container,) = pod["spec"]["containers"]
    port = container["ports"][0]["containerPort"]
    assert str(port) in container["args"]  # the process listens where the probes look

    service = _by_kind(OBJECTS, "Service")[name]
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == container["ports"][0]["name"]

    hpa = _by_kind(OBJECTS, "HorizontalPodAutoscaler")[name]
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": name,
    }
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]

    pdb = _by_kind(OBJECTS, "PodDisruptionBudget")[name]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()

    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["image"].endswith(":latest") and "/cartmate" in container["image"]

    pod_security = pod["spec"]["securityContext"]
    assert pod_security["runAsNonRoot"] is True and pod_security["runAsUser"] != 0
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False
    assert security["readOnlyRootFilesystem"] is True
    assert security["capabilities"]["drop"] == ["ALL"]
    assert {"configMapRef": {"name": "cartmate-config"}} in container["envFrom"]


def test_the_configmap_points_at_online_boutique_and_redis() -> None:
    data = _by_kind(OBJECTS, "ConfigMap")["cartmate-config"]["data"]
    assert OB_SERVICES.items() <= data.items()
    assert data["REDIS_URL"].startswith("redis://")
    assert data["CARTMATE_HOST"] == "0.0.0.0"
    assert all(isinstance(v, str) for v in data.values())


def test_the_configmap_is_valid_cartmate_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    from cartmate.config import Settings

    # As the pods see it: the ConfigMap's keys become environment variables.
    for key, value in _by_kind(OBJECTS, "ConfigMap")["cartmate-config"]["data"].items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.service_addr("catalog") == "productcatalogservice:3550"
    assert settings.delegation == "a2a"


def test_agents_advertise_their_own_service() -> None:
    services = _by_kind(OBJECTS, "Service")
    for name, deployment in _by_kind(OBJECTS, "Deployment").items():
        env = {
            e["name"]: e.get("value")
            for e in deployment["spec"]["template"]["spec"]["containers"][0].get("env", [])
        }
        if name == "cartmate-gateway":
            continue
        port = services[name]["spec"]["ports"][0]["port"]
        assert env["CARTMATE_PUBLIC_BASE_URL"] == f"http://{name}:{port}"
