"""The text rules of the models, shown next to the fields of the admin form."""

from django.urls import reverse

from tests.admin.helpers import form_data

RLO = "\u202e"


def test_the_admin_shows_the_text_rules_next_to_the_fields(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        reverse("admin:bouwstenen_bouwsteen_change", args=[world.draft_a.pk]),
        form_data(
            world.draft_a,
            naam=f"Concept{RLO}A",
            repository_url="ftp://example.org/bron",
        ),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "leesrichting" in errors["naam"][0]
    assert "https://" in errors["repository_url"][0]
    world.draft_a.refresh_from_db()
    assert world.draft_a.naam == "Concept A"
