"""The reference data (organisations, thema's, GEMMA components) as the API shows it."""
