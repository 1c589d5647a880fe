"""The registry's WSGI application, plus a header naming the worker process.

bench.load uses ``X-Bench-Worker`` to spread its keep-alive connections evenly over the
gunicorn workers; nothing else differs from config.wsgi.
"""

import os

from config.wsgi import application as registry


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        # The pid is read per call: gunicorn forks the workers after importing this.
        headers.append(("X-Bench-Worker", str(os.getpid())))
        return start_response(status, headers, exc_info)

    return registry(environ, start)
