"""The WebSocket front door: the chat protocol (docs/websocket.md) over Starlette + uvicorn."""
