"""Request ids, JSON logs and the health endpoint: what an operator needs to run this."""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import replica_health

request_id: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
access_log = logging.getLogger("registry.access")


class RequestIdMiddleware:
    """Take X-Request-ID from the proxy (or make one), log it, and send it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        current = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors."""

    FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry.update({k: getattr(record, k) for k in self.FIELDS if hasattr(record, k)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


@never_cache
@require_safe
def health(request):
    """200 when the primary database answers, 503 when it does not.

    Each read replica is reported with its lag and whether it serves reads; a replica
    that is down or behind does not make the registry unhealthy, because its reads go to
    the primary then (core/db_router.py).
    """
    status = {}
    healthy = True
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        status[DEFAULT_DB_ALIAS] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        status[DEFAULT_DB_ALIAS] = f"fout: {type(exc).__name__}"
        healthy = False
    body = {"status": "ok" if healthy else "fout", "databases": status}
    if replicas := replica_health.replicas():
        body["replicas"] = {
            alias: replica_health.health.check(alias).as_dict() for alias in replicas
        }
    return JsonResponse(body, status=200 if healthy else 503)
