# CartMate: one image for the gateway, every agent and the embedded Online Boutique; the
# command picks the process:
#   docker run IMAGE                                   -> cartmate gateway (port 8080)
#   docker run IMAGE serve-agent cart_manager --port 8080
#   docker run -e CARTMATE_HEALTHCHECK_URL=grpc://127.0.0.1:3550 IMAGE boutique
# Configuration is the environment (README: Configuration): REDIS_URL, *_SERVICE_ADDR, ...
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # Listen on every interface inside the container (the default is loopback).
    CARTMATE_HOST=0.0.0.0 \
    CARTMATE_BOUTIQUE_HOST=0.0.0.0 \
    CARTMATE_LOG_FORMAT=json \
    CARTMATE_VALKEY_DATA_DIR=/tmp/valkey \
    HOME=/home/cartmate

# A fixed non-root uid/gid, matching the Kubernetes manifests' securityContext.
RUN groupadd --system --gid 10001 cartmate \
 && useradd --system --uid 10001 --gid cartmate --home-dir /home/cartmate --create-home \
        --shell /usr/sbin/nologin cartmate

WORKDIR /app
# Dependencies first (pinned by constraints.txt), so code changes reuse this layer.
COPY pyproject.toml constraints.txt README.md ./
RUN mkdir -p cartmate && touch cartmate/__init__.py \
 && pip install -c constraints.txt . \
 && pip uninstall -y cartmate && rm -rf cartmate build
COPY cartmate ./cartmate
RUN pip install --no-deps -c constraints.txt . && rm -rf build

USER 10001:10001
# 8080: the gateway (and any process given --port 8080); 8101-8105: the agents' default
# ports; 3550/7070/7000/8090: the embedded Online Boutique (gRPC).
EXPOSE 8080 8101 8102 8103 8104 8105 3550 7070 7000 8090

# GET /healthz on the gateway by default; set CARTMATE_HEALTHCHECK_URL for other processes.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "cartmate.deploy.healthcheck"]

ENTRYPOINT ["cartmate"]
CMD ["gateway", "--port", "8080"]
