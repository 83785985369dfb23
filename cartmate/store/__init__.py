"""Redis-backed state: the shared connection pool, key space and embedded Valkey."""
