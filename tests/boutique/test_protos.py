"""The protos: checked-in stubs match protos/, and protos/ is wire-compatible with
Online Boutique's demo.proto and with grpcio-health-checking's health service."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2
from grpc_health.v1 import health_pb2
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared/reference/online-boutique/demo.proto"


def _load_generator():  # scripts/ is not a package; load gen_protos.py by path
    spec = importlib.util.spec_from_file_location("gen_protos", ROOT / "scripts/gen_protos.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _descriptor(proto: Path, tmp_path: Path) -> descriptor_pb2.FileDescriptorProto:
    out = tmp_path / f"{proto.stem}-{abs(hash(proto))}.pb"
    include = Path(protoc.__file__).parent / "_proto"
    code = protoc.main(
        ["protoc", f"-I{proto.parent}", f"-I{include}", f"--descriptor_set_out={out}", str(proto)]
    )
    assert code == 0, f"protoc failed on {proto}"
    files = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    return files.file[-1]


def test_checked_in_stubs_match_the_protos(tmp_path: Path) -> None:
    generated = _load_generator().generate(tmp_path)
    for path in generated:
        checked_in = ROOT / "cartmate/boutique/pb" / path.name
        assert checked_in.read_text() == path.read_text(), (
            f"{checked_in.relative_to(ROOT)} is stale: run `make protos`"
        )


def _shape(fd: descriptor_pb2.FileDescriptorProto) -> tuple[dict, dict]:
    messages = {
        m.name: {f.name: (f.number, f.type, f.label, f.type_name) for f in m.field}
        for m in fd.message_type
    }
    services = {
        s.name: {m.name: (m.input_type, m.output_type, m.server_streaming) for m in s.method}
        for s in fd.service
    }
    return messages, services


@pytest.mark.skipif(not REFERENCE.exists(), reason="Online Boutique reference proto not present")
def test_demo_proto_is_wire_compatible_with_online_boutique(tmp_path: Path) -> None:
    ours = _descriptor(ROOT / "protos/demo.proto", tmp_path)
    theirs = _descriptor(REFERENCE, tmp_path)
    assert ours.package == theirs.package == "hipstershop"
    our_messages, our_services = _shape(ours)
    their_messages, their_services = _shape(theirs)
    assert {
        "ProductCatalogService",
        "CartService",
        "CurrencyService",
        "RecommendationService",
    } <= set(our_services)
    for name, methods in our_services.items():
        assert methods == their_services[name], name
    for name, fields in our_messages.items():
        assert fields == their_messages[name], name


def test_health_proto_matches_grpcio_health_checking(tmp_path: Path) -> None:
    ours = _descriptor(ROOT / "protos/grpc/health/v1/health.proto", tmp_path)
    shipped = descriptor_pb2.FileDescriptorProto()
    health_pb2.DESCRIPTOR.CopyToProto(shipped)
    assert ours.package == shipped.package == "grpc.health.v1"
    ours_messages, ours_services = _shape(ours)
    shipped_messages, shipped_services = _shape(shipped)
    assert ours_messages == shipped_messages
    assert ours_services == shipped_services
