"""Every change is stored with who, when and what; an earlier version can be restored."""

import pytest
from reversion.models import Version

from django.urls import reverse

from bouwstenen.services import ServiceError, bouwsteen_update
from core.errors import Code
from registry.constants import Publicatiestatus as S
from registry.models import Thema
from tests.admin.helpers import form_data


def _change(obj):
    return reverse("admin:bouwstenen_bouwsteen_change", args=[obj.pk])


def test_each_admin_save_is_stored_with_who_and_what_changed(client, world):
    client.force_login(world.users["redacteur_a"])
    wonen = Thema.objects.get(slug="wonen")
    client.post(
        _change(world.draft_a),
        form_data(world.draft_a, naam="Instroommonitor jeugdzorg", themas=[wonen.pk]),
    )
    world.draft_a.refresh_from_db()
    client.post(
        _change(world.draft_a), form_data(world.draft_a, levensfase="opschaling")
    )

    versions = Version.objects.get_for_object(world.draft_a)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {world.users["redacteur_a"]}

    content = client.get(
        reverse("admin:bouwstenen_bouwsteen_history", args=[world.draft_a.pk])
    ).content.decode()
    assert "redacteur_a" in content
    assert "Pilot → Opschaling" in content


def test_an_earlier_version_can_be_restored(client, world):
    client.force_login(world.users["redacteur_a"])
    original_name = world.draft_a.naam
    jeugdzorg = list(world.draft_a.themas.all())
    client.post(
        _change(world.draft_a), form_data(world.draft_a)
    )  # the first stored version
    world.draft_a.refresh_from_db()
    wonen = Thema.objects.get(slug="wonen")
    client.post(
        _change(world.draft_a),
        form_data(world.draft_a, naam="Verkeerd", themas=[wonen.pk]),
    )
    world.draft_a.refresh_from_db()
    assert world.draft_a.naam == "Verkeerd"

    first = (
        Version.objects.get_for_object(world.draft_a)
        .order_by("revision__date_created")
        .first()
    )
    url = reverse(
        "admin:bouwstenen_bouwsteen_revision", args=[world.draft_a.pk, first.pk]
    )
    assert original_name in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    world.draft_a.refresh_from_db()
    assert world.draft_a.naam == original_name
    assert list(world.draft_a.themas.all()) == jeugdzorg
    assert world.draft_a.publicatiestatus == S.CONCEPT
    newest = (
        Version.objects.get_for_object(world.draft_a)
        .order_by("-revision__date_created")
        .first()
    )
    assert "hersteld" in newest.revision.get_comment()


def test_restoring_needs_the_right_to_edit(client, world):
    from bouwstenen.services import record_history

    # Under review only a publicist changes a block, so only a publicist restores.
    record_history(world.review_a, world.users["publicist_a"], "Aangemaakt")
    version = Version.objects.get_for_object(world.review_a).first()
    client.force_login(world.users["redacteur_a"])
    url = reverse(
        "admin:bouwstenen_bouwsteen_revision", args=[world.review_a.pk, version.pk]
    )
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403
    client.force_login(world.users["lid_b"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_restoring_a_version_of_a_published_block_makes_a_concept(client, world):
    from bouwstenen.services import record_history

    published = world.published_a
    original = published.naam
    record_history(published, world.users["publicist_a"], "Eerste versie")
    first = Version.objects.get_for_object(published).get()
    published.naam = "Later hernoemd"
    published.save()
    record_history(published, world.users["publicist_a"], "Hernoemd")
    client.force_login(world.users["redacteur_a"])
    url = reverse("admin:bouwstenen_bouwsteen_revision", args=[published.pk, first.pk])
    response = client.post(url, follow=True)
    assert "in het concept" in response.content.decode()
    published.refresh_from_db()
    # Public as it was; the restored content waits for a second person.
    assert published.naam == "Later hernoemd"
    assert published.concept.inhoud["velden"]["naam"] == original


def test_a_concurrent_edit_is_refused_not_overwritten(client, world):
    client.force_login(world.users["redacteur_a"])
    stale = form_data(world.draft_a, naam="Tweede opslag")
    client.post(_change(world.draft_a), form_data(world.draft_a, naam="Eerste opslag"))
    response = client.post(_change(world.draft_a), stale)
    assert response.status_code == 200
    assert "Iemand anders heeft deze bouwsteen opgeslagen" in response.content.decode()
    world.draft_a.refresh_from_db()
    assert world.draft_a.naam == "Eerste opslag"


def test_the_update_service_refuses_a_stale_version(world):
    with pytest.raises(ServiceError) as caught:
        bouwsteen_update(
            bouwsteen=world.draft_a,
            user=world.users["redacteur_a"],
            values={"naam": "Te laat"},
            expected_versie=world.draft_a.versie - 1,
        )
    assert caught.value.code == Code.VEROUDERD
    world.draft_a.refresh_from_db()
    assert world.draft_a.naam == "Concept A"


def test_a_published_record_cannot_be_deleted_only_archived(client, world):
    client.force_login(world.users["beheerder"])
    url = reverse("admin:bouwstenen_bouwsteen_delete", args=[world.published_a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    world.published_a.refresh_from_db()
    client.force_login(world.users["redacteur_a"])
    url = reverse("admin:bouwstenen_bouwsteen_delete", args=[world.draft_a.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not type(world.draft_a).objects.filter(pk=world.draft_a.pk).exists()


def test_form_errors_are_in_dutch_next_to_the_field(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        _change(world.draft_a),
        form_data(
            world.draft_a,
            licentie="Gemeentelicentie",
            contact_email="geen-adres",
            slug=world.published_a.slug,
        ),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Onbekende SPDX-licentie: Gemeentelicentie" in content
    assert "Voer een geldig e-mailadres in" in content
    assert "Deze slug is al in gebruik" in content
    world.draft_a.refresh_from_db()
    assert world.draft_a.licentie == "EUPL-1.2"


def test_restoring_a_version_that_would_make_a_published_block_incomplete_is_refused(
    client, world
):
    from bouwstenen.services import record_history

    published = world.published_a
    published.themas.clear()
    record_history(published, world.users["publicist_a"], "Zonder thema's")
    version = Version.objects.get_for_object(published).first()
    published.themas.set([Thema.objects.get(slug="jeugdzorg")])
    client.force_login(world.users["publicist_a"])
    url = reverse(
        "admin:bouwstenen_bouwsteen_revision", args=[published.pk, version.pk]
    )
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Deze versie kan niet terug" in response.content.decode()
    assert published.themas.exists()
