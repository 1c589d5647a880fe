"""How the OpenAPI document describes the API, in Dutch: summaries, descriptions and the
parameters of each operation, one module per resource.

The views declare what they do and take their description from here
(``@extend_schema_view``), so a view reads as code and this text as documentation.
"""
