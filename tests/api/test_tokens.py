"""API tokens: made with a command that shows the key once, revocable by deleting them."""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from registry.constants import Rol
from tests.api.helpers import assert_problem
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


def create_token(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_the_key_once_and_the_key_works(anonymous, cast):
    user = UserFactory(username="pijplijn")
    LidmaatschapFactory(gebruiker=user, organisatie=cast.amsterdam, rol=Rol.REDACTEUR)
    key, note = create_token("pijplijn")
    assert key == Token.objects.get(user=user).key
    assert "niet opnieuw getoond" in note
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = anonymous.post(
        "/api/v1/bouwstenen",
        {
            "naam": "Uit de pijplijn",
            "soort": "werkwijze",
            "samenvatting": "Gepubliceerd vanuit CI.",
            "organisatie": "GM0363",
            "licentie": "EUPL-1.2",
        },
        format="json",
    )
    assert response.status_code == 201


def test_a_second_token_needs_replace_and_revokes_the_first(anonymous, db):
    UserFactory(username="pijplijn")
    first, _ = create_token("pijplijn")
    with pytest.raises(CommandError, match="heeft al een token"):
        create_token("pijplijn")
    second, _ = create_token("pijplijn", "--replace")
    assert second != first
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert_problem(anonymous.get("/api/v1/bouwstenen"), 401)


def test_revoking_is_deleting_the_token(anonymous, db):
    UserFactory(username="pijplijn")
    key, _ = create_token("pijplijn")
    Token.objects.filter(key=key).delete()
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert_problem(anonymous.get("/api/v1/bouwstenen"), 401, "authentication_failed")


def test_unknown_or_inactive_users_get_no_token(db):
    with pytest.raises(CommandError, match="bestaat niet"):
        create_token("niemand")
    UserFactory(username="oud", is_active=False)
    with pytest.raises(CommandError, match="niet actief"):
        create_token("oud")


def test_a_user_without_membership_is_warned(db):
    UserFactory(username="los")
    _, note = create_token("los")
    assert "van geen enkele organisatie lid" in note


def test_tokens_are_managed_in_the_admin(client, db):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 200
