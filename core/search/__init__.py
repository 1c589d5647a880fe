"""Full-text search on two databases, chosen at call time by the connection's vendor."""
