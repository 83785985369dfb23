"""What the agents share: services, session state, presenters, product resolution, guards.

Kept outside `cartmate/agents/`, which holds only agent packages (`adk web` lists every
package there as an agent).
"""
