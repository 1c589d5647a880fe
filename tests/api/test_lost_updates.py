"""No decision on an old version, and no published block made incomplete.

- ``services.bouwsteen_transition(expected_versie=...)`` compares under the lock that
  ``services.bouwsteen_transition`` takes, so a workflow step or DELETE with an If-Match that
  was still current when the API looked, but not anymore when the lock was taken, is a 412
  and changes nothing.
- ``services.bouwsteen_update`` on a published block checks ``publication_problems()``
  of its concept after the change and refuses one that would leave it incomplete.
"""

import pytest
from reversion.models import Version

from bouwstenen import services
from bouwstenen.models import Bouwsteen, BouwsteenConcept
from registry.constants import Publicatiestatus
from registry.models import Laag, Thema
from tests.api.helpers import assert_problem, invalid_names, updated_quietly

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bouwstenen"


# --- expected_versie in the workflow ------------------------------------------------


def test_a_transition_on_an_old_version_is_refused_under_the_lock(blocks, cast):
    bouwsteen = blocks["concept"]
    read = bouwsteen.versie
    Bouwsteen.objects.filter(pk=bouwsteen.pk).update(versie=read + 1)
    updated_quietly(Bouwsteen.objects.filter(pk=bouwsteen.pk))
    with pytest.raises(services.ServiceError) as caught:
        services.bouwsteen_transition(
            bouwsteen=bouwsteen,
            user=cast.users["redacteur"],
            actie="indienen",
            expected_versie=read,
        )
    assert caught.value.code == services.Code.VEROUDERD
    assert caught.value.current_versie == read + 1
    stored = Bouwsteen.objects.get(pk=bouwsteen.pk)
    assert stored.publicatiestatus == Publicatiestatus.CONCEPT
    assert not Version.objects.get_for_object(stored).exists()
    done = services.bouwsteen_transition(
        bouwsteen=bouwsteen,
        user=cast.users["redacteur"],
        actie="indienen",
        expected_versie=read + 1,
    )
    assert done.publicatiestatus == Publicatiestatus.TER_BEOORDELING
    assert done.versie == read + 2


def test_without_expected_versie_a_transition_works_as_before(blocks, cast):
    done = services.bouwsteen_transition(
        bouwsteen=blocks["concept"], user=cast.users["redacteur"], actie="indienen"
    )
    assert done.publicatiestatus == Publicatiestatus.TER_BEOORDELING


@pytest.mark.parametrize(
    ("method", "suffix", "start"),
    [
        ("post", "/indienen", "concept"),
        ("post", "/publiceren", "ter-beoordeling"),
        ("post", "/archiveren", "gepubliceerd"),
        ("delete", "", "gepubliceerd"),
    ],
)
def test_a_write_between_the_if_match_check_and_the_lock_is_a_412(
    client_for, blocks, monkeypatch, method, suffix, start
):
    """If-Match matched when the API looked; another writer saved before the lock."""
    bouwsteen = blocks[start]
    real = services.bouwsteen_transition

    def racing(**kwargs):
        Bouwsteen.objects.filter(pk=bouwsteen.pk).update(versie=bouwsteen.versie + 1)
        updated_quietly(Bouwsteen.objects.filter(pk=bouwsteen.pk))
        return real(**kwargs)

    monkeypatch.setattr(services, "bouwsteen_transition", racing)
    client = client_for("publicist")
    url = f"{LIST}/{bouwsteen.uuid}"
    etag = client.get(url)["ETag"]

    response = getattr(client, method)(url + suffix, HTTP_IF_MATCH=etag)

    body = assert_problem(response, 412, "precondition_failed")
    assert "Iemand anders heeft deze bouwsteen intussen gewijzigd" in body["detail"]
    stored = Bouwsteen.objects.get(pk=bouwsteen.pk)
    assert stored.publicatiestatus == bouwsteen.publicatiestatus


def test_a_current_if_match_on_a_transition_succeeds(client_for, blocks):
    client = client_for("publicist")
    url = f"{LIST}/{blocks['concept'].uuid}"
    etag = client.get(url)["ETag"]
    response = client.post(f"{url}/indienen", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["publicatiestatus"] == "ter-beoordeling"
    assert response["ETag"] != etag


# --- a published block stays complete ----------------------------------------------


@pytest.mark.parametrize(
    ("values", "relations", "fields"),
    [
        ({"beschrijving": "  "}, {}, {"beschrijving"}),
        ({"contact_email": ""}, {}, {"contact_email"}),
        ({}, {"themas": []}, {"themas"}),
        ({}, {"lagen": [], "themas": []}, {"lagen", "themas"}),
    ],
)
def test_the_service_refuses_to_make_a_published_block_incomplete(
    blocks, cast, values, relations, fields
):
    bouwsteen = blocks["gepubliceerd"]
    with pytest.raises(services.ServiceError) as caught:
        services.bouwsteen_update(
            bouwsteen=bouwsteen,
            user=cast.users["publicist"],
            values=values,
            relations=relations,
        )
    assert caught.value.code == services.Code.ONVOLLEDIG
    assert set(caught.value.field_errors) == fields
    assert not BouwsteenConcept.objects.exists()
    stored = Bouwsteen.objects.get(pk=bouwsteen.pk)
    assert stored.versie == bouwsteen.versie
    assert stored.beschrijving.strip() and stored.contact_email
    assert list(stored.themas.all()) == [Thema.objects.get(slug="jeugdzorg")]
    assert list(stored.lagen.all()) == [Laag.objects.get(slug="data")]
    assert not Version.objects.get_for_object(stored).exists()


def test_a_complete_change_of_a_published_block_is_fine(blocks, cast):
    published = blocks["gepubliceerd"]
    changed = services.bouwsteen_update(
        bouwsteen=published,
        user=cast.users["publicist"],
        values={"beschrijving": "Nieuwe uitleg."},
        relations={"themas": Thema.objects.filter(slug="wonen")},
    )
    # Public as it was until a second person publishes the concept.
    assert changed.beschrijving == published.beschrijving
    concept = BouwsteenConcept.objects.get(bouwsteen=published)
    assert concept.inhoud["velden"]["beschrijving"] == "Nieuwe uitleg."
    assert concept.inhoud["themas"] == [Thema.objects.get(slug="wonen").pk]


def test_a_draft_may_be_incomplete(blocks, cast):
    changed = services.bouwsteen_update(
        bouwsteen=blocks["concept"],
        user=cast.users["redacteur"],
        values={"beschrijving": ""},
        relations={"themas": []},
    )
    assert changed.beschrijving == ""


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"beschrijving": ""}, {"beschrijving"}),
        ({"themas": []}, {"themas"}),
        ({"lagen": []}, {"lagen"}),
        ({"contactpunt": {"email": None}}, {"contactpunt.email"}),
    ],
)
def test_the_api_names_what_a_published_block_would_miss(
    client_for, blocks, body, fields
):
    bouwsteen = blocks["gepubliceerd"]
    before = Bouwsteen.objects.values().get(pk=bouwsteen.pk)
    response = client_for("publicist").patch(
        f"{LIST}/{bouwsteen.uuid}", body, format="json"
    )
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == fields
    assert Bouwsteen.objects.values().get(pk=bouwsteen.pk) == before
    assert bouwsteen.themas.count() == 1 and bouwsteen.lagen.count() == 1
