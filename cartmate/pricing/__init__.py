"""Price comparison: the Perplexity client, offer parsing, comparison, deals and alerts.

- `perplexity`: an httpx client for Perplexity's Agent API (structured output) and Search API,
  with retries, a shared requests-per-minute limiter, a daily quota and a Redis cache.
- `offers`: turns untrusted web rows into exact, credible `PriceQuote`s.
- `finder`: asks Perplexity for a product's offers and normalises them.
- `comparison`: the comparison table and the deal analysis.
- `alert_checker`: the background price-alert checker (one leader across replicas).
"""
