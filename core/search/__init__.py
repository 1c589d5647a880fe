"""Full-text search on PostgreSQL and SQLite with the same answers.

``text`` parses queries and stems words the same way for both; ``backends`` holds one
backend per database (chosen once, see ``get_backend``) that indexes and queries the
documents an app declares with a ``SearchIndex``; ``highlight.marker`` marks matched words.
"""
