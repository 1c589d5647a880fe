"""The public catalogue: small view modules, one per kind of page.

Views stay thin: they read through ``bouwstenen.catalogus`` (built on the selectors the
API uses), write through ``bouwstenen.services`` and render a template.
"""
