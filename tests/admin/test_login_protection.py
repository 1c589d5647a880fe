"""Failed admin logins are throttled (django-axes); passwords must be strong.

Two limits (core.login_protection): a username at an address, and the address
whatever the usernames (password spraying). A lockout is a Dutch page in the site's look,
429 with Retry-After.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse

PASSWORD = "wachtwoord-voor-tests"
WRONG = "fout"
ADDRESS_LIMIT = settings.AXES_ADDRESS_FAILURE_LIMIT
COOL_OFF_SECONDS = settings.AXES_COOLOFF_TIME * 3600


def login(client, username, password=WRONG):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}
    )


def spray(client, count: int) -> None:
    """One wrong password for each of ``count`` different usernames."""
    for number in range(count):
        response = login(client, f"gok{number}")
        assert response.status_code == 200, number  # the form again, with an error


def assert_lockout_page(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) == COOL_OFF_SECONDS
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "Probeer het over 15 minuten opnieuw." in html
    # The site's own page: its header, navigation and footer.
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "Account locked" not in html


@override_settings(AXES_FAILURE_LIMIT=3)
def test_after_too_many_failed_logins_even_the_right_password_is_refused(client, world):
    url = reverse("admin:login")
    for _ in range(3):
        response = client.post(url, {"username": "redacteur_a", "password": "fout"})
    assert response.status_code == 429
    response = client.post(
        url, {"username": "redacteur_a", "password": "wachtwoord-voor-tests"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another username from the same address is not locked out by that alone.
    assert login(client, "publicist_a", PASSWORD).status_code == 302


def test_a_successful_login_before_the_limit_resets_the_count(client, world):
    url = reverse("admin:login")
    client.post(url, {"username": "redacteur_a", "password": "fout"})
    response = client.post(
        url, {"username": "redacteur_a", "password": "wachtwoord-voor-tests"}
    )
    assert response.status_code == 302


def test_the_limits_are_five_per_username_and_a_few_dozen_per_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert 20 <= ADDRESS_LIMIT <= 60
    assert COOL_OFF_SECONDS == 15 * 60


def test_the_lockout_page_is_dutch_in_the_sites_look_with_retry_after(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "redacteur_a")
    assert_lockout_page(response)
    assert_lockout_page(login(client, "redacteur_a", PASSWORD))


def test_an_address_that_tries_many_usernames_is_locked_out(client, world):
    spray(client, ADDRESS_LIMIT - 1)
    assert_lockout_page(login(client, f"gok{ADDRESS_LIMIT}"))
    # Now every username from that address, with the right password too.
    assert_lockout_page(login(client, "publicist_a", PASSWORD))
    assert "_auth_user_id" not in client.session
    # Another address is another client.
    elsewhere = Client(REMOTE_ADDR="198.51.100.2")
    assert login(elsewhere, "publicist_a", PASSWORD).status_code == 302


def test_the_address_lockout_ends_with_the_cool_off(client, world):
    spray(client, ADDRESS_LIMIT - 1)
    assert login(client, "nog-een-gok").status_code == 429
    assert login(client, "publicist_a", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(seconds=COOL_OFF_SECONDS + 1)
    )
    assert login(client, "publicist_a", PASSWORD).status_code == 302


def test_a_successful_login_does_not_reset_the_count_of_the_address(client, world):
    spray(client, ADDRESS_LIMIT - 1)
    # Whoever sprays and owns one account cannot use it to start counting afresh.
    own_account = Client()
    assert login(own_account, "redacteur_a", PASSWORD).status_code == 302
    assert_lockout_page(login(client, "nog-een-gok"))


def test_a_successful_login_forgets_that_usernames_typos(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "redacteur_a")
    assert login(client, "redacteur_a", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "redacteur_a").status_code == 200


def test_the_address_is_the_one_the_api_trusts_behind_proxies(world):
    proxied = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    with override_settings(REST_FRAMEWORK=proxied):
        proxy = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
        spray(proxy, ADDRESS_LIMIT - 1)
        assert login(proxy, "nog-een-gok").status_code == 429
        colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
        assert login(colleague, "publicist_a", PASSWORD).status_code == 302
        # Something that is no address falls back to the direct peer, never a 500.
        odd = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="onbekend")
        assert login(odd, "publicist_a", PASSWORD).status_code == 302
        assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()


@pytest.mark.parametrize(
    "password", ["kort", "123456789012", "password1234", "redacteur_a1"]
)
def test_weak_passwords_are_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, world.users["redacteur_a"])


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, world):
    response = client.get(reverse("admin:login"))
    policy = response["Content-Security-Policy"]
    script_src = next(
        part for part in policy.split(";") if part.strip().startswith("script-src")
    )
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
