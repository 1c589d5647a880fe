"""Failed admin logins are throttled (django-axes); passwords must be strong."""

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse


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


def test_a_successful_login_before_the_limit_resets_the_count(client, world):
    url = reverse("admin:login")
    client.post(url, {"username": "redacteur_a", "password": "fout"})
    response = client.post(
        url, {"username": "redacteur_a", "password": "wachtwoord-voor-tests"}
    )
    assert response.status_code == 302


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
