"""Models behind the agents: Gemini (Vertex AI or API key) or the offline planner."""
