"""Product discovery: ranking the whole catalog, resolving product mentions, pairings.

Pure and synchronous: build a `ProductIndex` from the catalog's products once, then call
`search`, `resolve`, `match_category` and `complements` as often as needed.
"""

from cartmate.discovery.ranking import ProductIndex, ScoredProduct

__all__ = ["ProductIndex", "ScoredProduct"]
