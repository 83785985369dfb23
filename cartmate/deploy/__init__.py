"""Deployment helpers: the checked-in OpenAPI document and the Vertex AI Agent Engine app.

Nothing here is imported by the running product; `cartmate.deploy.agent_engine` needs the
optional `agent-engine` extra (google-cloud-aiplatform).
"""
