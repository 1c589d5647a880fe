"""The needs board's rules, on every door that writes a need or a "wij ook": the admin
(form, bulk actions, delete, history), the API and the public pages.

- A member posts for their own organisation only; a published need does not change.
- A second person publishes (four eyes); only a publicist of the owner closes it, and
  only with a published block.
- "Wij ook" is for members of another organisation, once per organisation.
- Posting is limited per person and hour, at every door.
- Every step is in the history.
"""

import pytest
from reversion.models import Version

from django.urls import reverse

from bouwstenen.models import Behoefte, Deelname
from bouwstenen.services import behoeften as need_services
from registry.models import Laag, Thema
from tests.needs import make_need
from tests.write_paths.doors import admin_client, api_client

pytestmark = pytest.mark.django_db

ADD = "admin:bouwstenen_behoefte_add"
CHANGELIST = "admin:bouwstenen_behoefte_changelist"


def form_data(world, **overrides) -> dict:
    data = {
        "titel": "Chatbot voor vragen over de afvalkalender",
        "slug": "",
        "organisatie": world.amsterdam.pk,
        "beschrijving": "Een chatbot die **afvalvragen** beantwoordt.",
        "themas": [Thema.objects.get(slug="dienstverlening").pk],
        "lagen": [Laag.objects.get(slug="interactie").pk],
        "levensfase": "pilot",
        "contact_naam": "Team Dienstverlening",
        "contact_email": "dienstverlening@amsterdam.example",
    }
    data.update(overrides)
    return data


def bulk(world, user, action: str, need, **extra):
    return admin_client(world.users[user]).post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [need.pk], **extra},
        follow=True,
    )


# --- posting and changing -----------------------------------------------------------


def test_a_member_posts_a_need_in_the_admin_for_their_own_organisation_only(world):
    client = admin_client(world.users["redacteur"])
    response = client.post(reverse(ADD), form_data(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    need = Behoefte.objects.get(titel__startswith="Chatbot")
    assert need.publicatiestatus == "concept"
    assert need.slug == "chatbot-voor-vragen-over-de-afvalkalender"
    assert need.aangemaakt_door == world.users["redacteur"]
    assert [t.slug for t in need.themas.all()] == ["dienstverlening"]

    # Utrecht's organisation is not among the choices: the form refuses it.
    response = client.post(
        reverse(ADD), form_data(world, organisatie=world.utrecht.pk, titel="Ander")
    )
    assert response.status_code == 200
    assert not Behoefte.objects.filter(titel="Ander").exists()
    # Nor does Utrecht see Amsterdam's draft.
    other = admin_client(world.users["ander"])
    change = reverse("admin:bouwstenen_behoefte_change", args=[need.pk])
    assert other.get(change).status_code in (302, 404)
    assert "Chatbot" not in other.get(reverse(CHANGELIST)).content.decode()


def test_bad_input_in_the_admin_is_a_form_error_and_stores_nothing(world):
    client = admin_client(world.users["redacteur"])
    response = client.post(
        reverse(ADD), form_data(world, titel="Met \u202e omgedraaide tekst")
    )
    assert response.status_code == 200
    assert "leesrichting" in response.content.decode()
    assert not Behoefte.objects.exists()


def test_a_published_need_does_not_change_on_any_door(world):
    need = make_need(organisatie=world.amsterdam)
    change = reverse("admin:bouwstenen_behoefte_change", args=[need.pk])
    response = admin_client(world.users["publicist"]).post(
        change, form_data(world, titel="Stiekem anders")
    )
    assert response.status_code == 403
    response = api_client(world.users["publicist"]).patch(
        f"/api/v1/behoeften/{need.uuid}", {"titel": "Stiekem anders"}, format="json"
    )
    assert response.status_code == 403
    need.refresh_from_db()
    assert need.titel == "Dashboard wachttijden jeugdzorg per wijk"


def test_only_a_never_published_concept_is_deleted_in_the_admin(world):
    concept = make_need(organisatie=world.amsterdam, status="concept", titel="Weg")
    published = make_need(organisatie=world.amsterdam, titel="Blijft")
    client = admin_client(world.users["redacteur"])
    for need in (concept, published):
        client.post(
            reverse("admin:bouwstenen_behoefte_delete", args=[need.pk]),
            {"post": "yes"},
        )
    assert list(Behoefte.objects.values_list("titel", flat=True)) == ["Blijft"]


def test_an_old_version_is_shown_but_not_written_back(world):
    need = make_need(organisatie=world.amsterdam, status="concept")
    version = Version.objects.get_for_object(need).order_by("pk").first()
    url = reverse("admin:bouwstenen_behoefte_revision", args=[need.pk, version.pk])
    client = admin_client(world.users["redacteur"])
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert "terugzetten kan niet" in response.content.decode()


# --- the workflow in the admin --------------------------------------------------------


def test_the_admin_actions_follow_the_workflow_and_four_eyes(world):
    need = make_need(organisatie=world.amsterdam, status="concept")
    bulk(world, "redacteur", "indienen_selected", need)
    need.refresh_from_db()
    assert need.publicatiestatus == "ter-beoordeling"
    # A redacteur does not publish; a publicist does.
    bulk(world, "redacteur", "publiceren_selected", need)
    need.refresh_from_db()
    assert need.publicatiestatus == "ter-beoordeling"
    response = bulk(world, "publicist", "terugsturen_selected", need)
    assert "reden" in response.content.decode()  # asks for the reason first
    bulk(world, "publicist", "terugsturen_selected", need, reden="Wie gebruikt het?")
    need.refresh_from_db()
    assert (need.publicatiestatus, need.beoordeling_opmerking) == (
        "concept",
        "Wie gebruikt het?",
    )
    bulk(world, "publicist", "indienen_selected", need)
    bulk(world, "publicist", "publiceren_selected", need)
    need.refresh_from_db()
    assert need.publicatiestatus == "ter-beoordeling"  # four eyes: not who submitted
    bulk(world, "publicist2", "publiceren_selected", need)
    need.refresh_from_db()
    assert need.publicatiestatus == "gepubliceerd"
    bulk(world, "ander", "archiveren_selected", need)  # not Utrecht's need
    need.refresh_from_db()
    assert need.publicatiestatus == "gepubliceerd"
    bulk(world, "publicist", "archiveren_selected", need)
    bulk(world, "publicist", "herstellen_selected", need)
    need.refresh_from_db()
    assert need.publicatiestatus == "gepubliceerd"


# --- "wij ook" and closing on the pages ---------------------------------------------


def test_wij_ook_on_the_page_once_per_organisation_never_for_the_owner(world):
    need = make_need(organisatie=world.amsterdam)
    url = reverse("catalogus:behoefte-wij-ook", args=[need.slug])
    body = {"organisatie": world.utrecht.pk, "toelichting": "Ook voor ons."}

    anonymous = admin_client(world.users["ander"])
    anonymous.logout()
    assert anonymous.post(url, body).status_code == 302
    assert not Deelname.objects.exists()

    owner = admin_client(world.users["publicist"])
    owner.post(url, {**body, "organisatie": world.amsterdam.pk})
    assert not Deelname.objects.exists()

    response = admin_client(world.users["ander"]).post(url, body)
    assert response.status_code == 302
    joined = Deelname.objects.get()
    assert (joined.organisatie, joined.toelichting) == (world.utrecht, "Ook voor ons.")

    response = admin_client(world.users["utrechter"]).post(url, body, follow=True)
    assert Deelname.objects.count() == 1
    page = admin_client(world.users["utrechter"]).get(
        reverse("catalogus:behoefte", args=[need.slug])
    )
    assert "staat al bij" in page.content.decode()


def test_closing_takes_a_publicist_of_the_owner_and_a_published_block(world):
    need = make_need(organisatie=world.amsterdam)
    url = reverse("catalogus:behoefte-sluiten", args=[need.slug])
    for user, block in [
        ("redacteur", world.published),
        ("ander", world.published),
        ("publicist", world.draft),
    ]:
        admin_client(world.users[user]).post(url, {"bouwsteen": block.slug})
        need.refresh_from_db()
        assert not need.is_gesloten, user
    admin_client(world.users["publicist"]).post(
        url, {"bouwsteen": ["", f"/bouwstenen/{world.published.slug}"]}
    )
    need.refresh_from_db()
    assert need.beantwoord_door == world.published
    # The block's page shows which needs it answers; a closed need takes no "wij ook".
    page = admin_client(world.users["ander"]).get(
        reverse("catalogus:bouwsteen", args=[world.published.slug])
    )
    assert need.titel in page.content.decode()
    admin_client(world.users["ander"]).post(
        reverse("catalogus:behoefte-wij-ook", args=[need.slug]),
        {"organisatie": world.utrecht.pk},
    )
    assert not Deelname.objects.exists()


# --- throttling and history -----------------------------------------------------------


def test_posting_is_limited_per_person_on_every_door(world, monkeypatch):
    monkeypatch.setattr(need_services, "PER_UUR", 1)
    client = admin_client(world.users["redacteur"])
    assert client.post(reverse(ADD), form_data(world)).status_code == 302
    response = client.post(reverse(ADD), form_data(world, titel="Tweede"))
    assert response.status_code == 200
    assert "probeer het over een uur opnieuw" in response.content.decode()
    response = api_client(world.users["redacteur"]).post(
        "/api/v1/behoeften",
        {"titel": "Derde", "beschrijving": "x", "organisatie": "GM0363"},
        format="json",
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert Behoefte.objects.count() == 1

    first, second = (make_need(organisatie=world.amsterdam, titel=t) for t in "AB")
    for need in (first, second):
        admin_client(world.users["ander"]).post(
            reverse("catalogus:behoefte-wij-ook", args=[need.slug]),
            {"organisatie": world.utrecht.pk},
        )
    assert Deelname.objects.count() == 1
    response = api_client(world.users["ander"]).post(
        f"/api/v1/behoeften/{second.uuid}/deelnemers",
        {"organisatie": "GM0344"},
        format="json",
    )
    assert response.status_code == 429


def test_every_step_is_in_the_history(world):
    need = make_need(organisatie=world.amsterdam)
    need_services.deelname_add(
        user=world.users["ander"], behoefte=need, organisatie=world.utrecht
    )
    need_services.behoefte_close(
        user=world.users["publicist"], behoefte=need, bouwsteen=world.published
    )
    comments = [
        v.revision.comment for v in Version.objects.get_for_object(need).order_by("pk")
    ]
    assert comments == [
        "Aangemaakt",
        "Ter beoordeling aanbieden",
        "Publiceren",
        "Gesloten: beantwoord door Openbaar A",
    ]
    joined = Version.objects.get_for_object(Deelname.objects.get()).get()
    assert joined.revision.user == world.users["ander"]
    assert joined.revision.comment == "Wij ook: Utrecht"
