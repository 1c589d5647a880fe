"""Provisioning members from the command line."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from registry.models import Lidmaatschap

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-2026"


def test_creates_user_and_membership_and_is_idempotent(monkeypatch, capsys):
    monkeypatch.setenv("REGISTRY_PASSWORD", PASSWORD)
    call_command(
        "add_member",
        "datalab",
        "GM0363",
        role="redacteur",
        email="datalab@amsterdam.example",
    )
    user = get_user_model().objects.get(username="datalab")
    assert user.check_password(PASSWORD)
    assert user.email == "datalab@amsterdam.example"
    membership = Lidmaatschap.objects.get(gebruiker=user)
    assert (membership.organisatie.code, membership.rol) == ("GM0363", "redacteur")

    call_command("add_member", "datalab", "gm0363", role="redacteur")
    assert "niets gewijzigd" in capsys.readouterr().out
    assert Lidmaatschap.objects.filter(gebruiker=user).count() == 1

    call_command("add_member", "datalab", "GM0363", role="publicist")
    assert Lidmaatschap.objects.get(gebruiker=user).rol == "publicist"
    call_command("add_member", "datalab", "PV27", role="redacteur")
    assert Lidmaatschap.objects.filter(gebruiker=user).count() == 2


def test_refuses_unknown_organisation_and_weak_or_missing_password(monkeypatch):
    monkeypatch.setenv("REGISTRY_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="Onbekende organisatie 'GM9999'"):
        call_command("add_member", "datalab", "GM9999", role="redacteur")
    monkeypatch.setenv("REGISTRY_PASSWORD", "kort")
    with pytest.raises(CommandError, match="Wachtwoord afgewezen"):
        call_command("add_member", "nieuw", "GM0363", role="redacteur")
    monkeypatch.delenv("REGISTRY_PASSWORD")
    with pytest.raises(CommandError, match="Geen wachtwoord"):
        call_command("add_member", "nieuw", "GM0363", role="redacteur")
    assert not get_user_model().objects.filter(username="nieuw").exists()
