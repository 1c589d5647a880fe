"""The public catalogue: small view modules, one per kind of page.

Views stay thin: they read through ``bouwstenen.selectors`` (the reads the API uses
too), write through ``bouwstenen.services`` and render a template. They never import
DRF: a filter set refuses with Django's ValidationError, which the search page shows.
"""
