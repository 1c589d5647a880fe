"""Failed logins in the admin: two limits, the client's real address, a page in Dutch.

django-axes counts failed logins. Out of the box it compares every set of lockout
parameters with one limit. Two are needed here:

- a username at an address (AXES_FAILURE_LIMIT, 5): someone guessing one password;
- an address, whatever the usernames (AXES_ADDRESS_FAILURE_LIMIT, 30): someone trying a
  common password on many accounts ("password spraying"), which never reaches five
  failures for any one username. Higher, because colleagues behind one office address
  all mistype now and then.

The axes maintainers point to a handler of one's own for different limits per parameter
set (jazzband/django-axes#661); ``LoginAttemptHandler`` is that handler. The address is
the one the API's throttles use (DRF's rule with NUM_PROXIES), so behind a proxy one
setting, API_NUM_PROXIES, serves both. A lockout answers 429 with a page in the site's
look and a Retry-After header.
"""

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt

from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

ADDRESS = "ip_address"


def client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address as DRF's throttles determine it.

    axes stores it in an IP address column; a value from X-Forwarded-For that is no
    address (a misconfigured proxy count) falls back to the direct peer.
    """
    address = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR")


class LoginAttemptHandler(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for the address alone."""

    def get_failures(self, request, credentials=None) -> int:
        """The failures axes compares with AXES_FAILURE_LIMIT.

        That is the count of the username at this address, unless the address as a
        whole has reached AXES_ADDRESS_FAILURE_LIMIT: then at least the limit, so axes
        locks the address out whatever username comes next.
        """
        limit = get_failure_limit(request, credentials)
        per_username = 0
        parameter_sets = get_lockout_parameters(request, credentials)
        attempt_sets = self.get_user_attempts(request, credentials)
        for parameters, attempts in zip(parameter_sets, attempt_sets, strict=True):
            failures = (
                attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            )
            if parameters in (ADDRESS, [ADDRESS]):
                if failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
                    return max(failures, limit)
            else:
                per_username = max(per_username, failures)
        return per_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login: forget only that username's failures here.

        axes would delete every attempt matching any parameter set, so all failures of
        the address: whoever sprays passwords and owns one account could log in with it
        now and then to start counting afresh.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: 429, a page in the site's look, and Retry-After.

    Every attempt during a lockout starts the cool-off again
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so from the attempt that is being
    answered the wait is the whole cool-off.
    """
    cool_off = get_cool_off(request)
    seconds = math.ceil(cool_off.total_seconds()) if cool_off else None
    context = {"minuten": math.ceil(seconds / 60) if seconds else None}
    response = render(request, "registration/geblokkeerd.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
