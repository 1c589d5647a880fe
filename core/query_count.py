"""``X-Query-Count``: how many SQL statements a request ran, for the benchmark.

Only installed when the setting QUERY_COUNT_HEADER is on (see config.settings.base), so
production pays nothing for it. It counts through ``connection.execute_wrapper`` rather
than ``connection.queries``, because the latter needs DEBUG, and DEBUG changes what is
measured.
"""

from contextlib import ExitStack

from django.db import connections


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Sets ``X-Query-Count`` on every response; first in the list, so it counts all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        with ExitStack() as stack:
            # Every alias, so reads routed to a replica are counted too.
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter))
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        return response
