"""The style profiler agent: analyses photos and keeps the shopper's style profile."""
