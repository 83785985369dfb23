"""The orchestrator: CartMate's front agent, delegating to the four specialists."""
