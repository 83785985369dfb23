"""Generate the Python gRPC stubs for protos/demo.proto into cartmate/boutique/pb/.

Run with `make protos` (or `python scripts/gen_protos.py [OUT_DIR]`). The proto is mapped
to the virtual path cartmate/boutique/pb/ so the generated `demo_pb2_grpc.py` imports
`cartmate.boutique.pb.demo_pb2` absolutely. tests/boutique/test_protos.py regenerates into
a temporary folder and fails when the checked-in stubs differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "protos"
PACKAGE_PATH = "cartmate/boutique/pb"
GENERATED = ("demo_pb2.py", "demo_pb2.pyi", "demo_pb2_grpc.py")


def generate(out_dir: Path) -> list[Path]:
    """Run protoc on protos/demo.proto, writing under out_dir/cartmate/boutique/pb/."""
    out_dir.mkdir(parents=True, exist_ok=True)
    builtin_includes = Path(protoc.__file__).parent / "_proto"
    args = [
        "grpc_tools.protoc",
        f"-I{PACKAGE_PATH}={PROTO_DIR}",
        f"-I{builtin_includes}",
        f"--python_out={out_dir}",
        f"--pyi_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        str(PROTO_DIR / "demo.proto"),
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed on protos/demo.proto")
    return [out_dir / PACKAGE_PATH / name for name in GENERATED]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    for path in generate(target):
        print(path.relative_to(target))
