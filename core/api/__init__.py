"""What every resource of the REST API shares: errors, paging, filters, headers, schema.

The API lives under ``/api/v1`` and follows the NL API Design Rules (ADR).
"""

# The path every API URL starts with; config/urls.py mounts the API here.
API_PATH_PREFIX = "/api/"
