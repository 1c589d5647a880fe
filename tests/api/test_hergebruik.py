"""Reuse as a sub-resource: public to read, written only by the reusing organisation."""

import pytest
from reversion.models import Version

from bouwstenen.models import Hergebruik
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie
from tests.api.helpers import assert_problem, invalid_names
from tests.factories import TokenFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blok(blocks):
    return blocks["gepubliceerd"]


def reuse_url(bouwsteen, code: str = "") -> str:
    base = f"/api/v1/bouwstenen/{bouwsteen.uuid}/hergebruik"
    return f"{base}/{code}" if code else base


def record(client, bouwsteen, **body):
    return client.post(
        reuse_url(bouwsteen), {"organisatie": "GM0344", **body}, format="json"
    )


def test_recording_reuse_returns_it_with_location_and_etag(client_for, blok):
    response = record(
        client_for("ander"),
        blok,
        stadium="pilot",
        sinds="2025-03-01",
        ervaring="## Ervaring\n\nWerkt goed in onze wijkteams.",
        resultaten="Wachttijd 3 weken korter.",
        contactpunt={"naam": "Datateam Utrecht", "email": "data@utrecht.example"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["url"].endswith(reuse_url(blok, "GM0344"))
    assert response["ETag"].startswith('"')
    assert body["organisatie"]["code"] == "GM0344"
    assert body["organisatie"]["url"].endswith("/api/v1/organisaties/GM0344")
    assert (body["stadium"], body["sinds"]) == ("pilot", "2025-03-01")
    assert body["contactpunt"] == {
        "naam": "Datateam Utrecht",
        "email": "data@utrecht.example",
    }
    hergebruik = Hergebruik.objects.get()
    version = Version.objects.get_for_object(hergebruik).get()
    assert version.revision.user.username == "api-ander"


def test_the_list_is_public_and_paged(client_for, anonymous, blok, cast):
    record(client_for("ander"), blok, stadium="in-gebruik")
    for organisatie in Organisatie.objects.filter(soort="provincie").order_by("code")[
        :3
    ]:
        Hergebruik.objects.create(bouwsteen=blok, organisatie=organisatie)
    response = anonymous.get(reuse_url(blok), {"pageSize": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4 and len(body["results"]) == 2 and "next" in body
    names = [item["organisatie"]["naam"] for item in body["results"]]
    assert names == sorted(names)
    detail = anonymous.get(reuse_url(blok, "GM0344"))
    assert detail.status_code == 200 and detail.json()["stadium"] == "in-gebruik"


def test_the_counts_of_the_block_follow_the_records(client_for, anonymous, blok):
    url = f"/api/v1/bouwstenen/{blok.uuid}"
    before = anonymous.get(url)
    assert (before.json()["inGebruik"], before.json()["inPilot"]) == (0, 0)
    record(client_for("ander"), blok, stadium="pilot")
    after = anonymous.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    # Someone else's reuse changes what the block shows, so its ETag changes too.
    assert after.status_code == 200
    assert (after.json()["inPilot"], after.json()["hergebruikActief"]) == (1, 1)
    listed = anonymous.get("/api/v1/bouwstenen", {"sort": "-hergebruik"}).json()
    assert listed["results"][0]["uuid"] == str(blok.uuid)


def test_a_second_record_for_the_same_organisation_is_a_409(client_for, blok):
    assert record(client_for("ander"), blok).status_code == 201
    response = record(client_for("ander"), blok, stadium="in-gebruik")
    body = assert_problem(response, 409, "conflict")
    assert "al vastgelegd" in body["detail"]
    assert reuse_url(blok, "GM0344") in body["detail"]
    assert Hergebruik.objects.get().stadium == "interesse"


def test_the_owner_only_reports_reuse_of_another_organisation(
    client_for, anonymous, blok
):
    # Amsterdam's members cannot speak for Utrecht: what they say is a report.
    response = record(client_for("publicist"), blok, stadium="in-gebruik")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "gemeld"
    assert body["gemeldDoor"]["code"] == "GM0363"
    assert body["bron"] == "de eigenaar"
    block = anonymous.get(f"/api/v1/bouwstenen/{blok.uuid}").json()
    assert (block["inGebruik"], block["hergebruikActief"]) == (0, 0)
    # A second report for the same organisation is the same claim again.
    assert_problem(record(client_for("redacteur"), blok), 409)
    # A stranger (no member of either side) says nothing.
    assert Hergebruik.objects.get().status == "gemeld"


def test_utrecht_confirms_a_report_and_then_it_counts(client_for, anonymous, blok):
    record(client_for("publicist"), blok, stadium="in-gebruik")
    url = reuse_url(blok, "GM0344")
    # Recording again is answered with where to confirm.
    conflict = assert_problem(record(client_for("ander"), blok), 409)
    assert f"{url}/bevestigen" in conflict["detail"]
    # A report is confirmed, not edited.
    assert_problem(
        client_for("ander").patch(url, {"stadium": "pilot"}, format="json"), 409
    )
    confirmed = client_for("ander").post(
        f"{url}/bevestigen",
        {"stadium": "pilot", "ervaring": "Loopt sinds de zomer."},
        format="json",
    )
    assert confirmed.status_code == 200, confirmed.content
    assert (confirmed.json()["status"], confirmed.json()["stadium"]) == (
        "bevestigd",
        "pilot",
    )
    block = anonymous.get(f"/api/v1/bouwstenen/{blok.uuid}").json()
    assert (block["inPilot"], block["hergebruikActief"]) == (1, 1)
    assert_problem(client_for("ander").post(f"{url}/bevestigen"), 409)
    history = Version.objects.get_for_object(Hergebruik.objects.get())
    assert [v.revision.get_comment() for v in history.order_by("pk")][-1] == (
        "Hergebruik bevestigd door Utrecht"
    )


def test_utrecht_rejects_a_report_and_it_stays_rejected(client_for, anonymous, blok):
    record(client_for("publicist"), blok, stadium="in-gebruik")
    url = reuse_url(blok, "GM0344")
    rejected = client_for("ander").post(
        f"{url}/afwijzen", {"reden": "Wij gebruiken dit niet."}, format="json"
    )
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "afgewezen"
    # Public readers no longer see the claim; the two organisations do.
    assert anonymous.get(reuse_url(blok)).json()["results"] == []
    own = client_for("publicist").get(reuse_url(blok)).json()["results"]
    assert [r["status"] for r in own] == ["afgewezen"]
    # The owner cannot report it again.
    assert_problem(record(client_for("publicist"), blok), 409)
    assert Hergebruik.objects.get().afwijzing_reden == "Wij gebruiken dit niet."


def test_after_rejecting_a_report_utrecht_records_its_reuse_itself(
    client_for, anonymous, blok
):
    """A rejected report keeps the owner from reporting it again, not Utrecht from
    saying later that it does use the block."""
    record(client_for("publicist"), blok, stadium="in-gebruik")
    url = reuse_url(blok, "GM0344")
    client_for("ander").post(f"{url}/afwijzen", {"reden": "Nog niet."}, format="json")
    response = record(client_for("ander"), blok, stadium="pilot")
    assert response.status_code == 201, response.content
    assert response["Location"].endswith(url)
    assert (response.json()["status"], response.json()["stadium"]) == (
        "bevestigd",
        "pilot",
    )
    hergebruik = Hergebruik.objects.get()
    assert hergebruik.afwijzing_reden == ""
    block = anonymous.get(f"/api/v1/bouwstenen/{blok.uuid}").json()
    assert (block["inPilot"], block["hergebruikActief"]) == (1, 1)
    comments = [
        v.revision.get_comment()
        for v in Version.objects.get_for_object(hergebruik).order_by("pk")
    ]
    assert comments[-2:] == [
        "Hergebruik afgewezen door Utrecht: Nog niet.",
        "Hergebruik vastgelegd door Utrecht (na een eerder afgewezen melding)",
    ]


def test_the_owner_does_not_record_reuse_of_its_own_block(client_for, blok):
    response = record(client_for("publicist"), blok, organisatie="GM0363")
    assert_problem(response, 400)
    assert invalid_names(response) == {"organisatie"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stadium": "enthousiast"}, "stadium"),
        ({"stadium": None}, "stadium"),
        ({"organisatie": "GM9999"}, "organisatie"),
        ({"organisatie": None}, "organisatie"),
        ({"sinds": "vorig jaar"}, "sinds"),
        ({"contactpunt": {"email": "geen adres"}}, "contactpunt.email"),
        ({"ervaring": ["lijst"]}, "ervaring"),
        ({"resultaten": 42}, "resultaten"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client_for, blok, body, field):
    response = record(client_for("ander"), blok, **body)
    assert_problem(response, 400, "invalid")
    assert invalid_names(response) == {field}
    assert not Hergebruik.objects.exists()


def test_reuse_of_a_draft_is_refused(client_for, blocks):
    # Amsterdam's draft is invisible to Utrecht: 404.
    assert_problem(record(client_for("ander"), blocks["concept"]), 404)
    # An operator sees it, but a draft cannot be reused yet.
    assert_problem(record(client_for("beheerder"), blocks["concept"]), 409)
    assert_problem(client_for(None).get(reuse_url(blocks["concept"])), 404)


def test_only_the_reusing_organisation_changes_and_withdraws(client_for, blok):
    record(client_for("ander"), blok, stadium="pilot")
    url = reuse_url(blok, "GM0344")
    for role in ("redacteur", "publicist"):
        assert_problem(
            client_for(role).patch(url, {"stadium": "gestopt"}, format="json"), 403
        )
        assert_problem(client_for(role).delete(url), 403)
    assert_problem(client_for(None).delete(url), 401)
    changed = client_for("ander").patch(url, {"stadium": "in-gebruik"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["stadium"] == "in-gebruik"


def test_put_replaces_and_the_organisation_is_fixed(client_for, blok):
    record(client_for("ander"), blok, stadium="pilot", ervaring="Eerste indruk.")
    url = reuse_url(blok, "GM0344")
    client = client_for("ander")
    replaced = client.put(
        url, {"stadium": "in-gebruik", "resultaten": "Minder wachttijd."}, format="json"
    )
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["ervaring"] == "Eerste indruk."  # left out: kept
    assert replaced.json()["resultaten"] == "Minder wachttijd."
    same = client.put(url, {"organisatie": "GM0344"}, format="json")
    assert same.status_code == 200
    moved = client.patch(url, {"organisatie": "GM0363"}, format="json")
    assert_problem(moved, 400)
    assert invalid_names(moved) == {"organisatie"}


def test_etag_if_none_match_and_a_stale_if_match(client_for, blok):
    record(client_for("ander"), blok, stadium="pilot")
    url = reuse_url(blok, "GM0344")
    client = client_for("ander")
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.patch(
            url, {"ervaring": "Nieuw."}, format="json", HTTP_IF_MATCH=etag
        ).status_code
        == 200
    )
    stale = client.patch(url, {"stadium": "gestopt"}, format="json", HTTP_IF_MATCH=etag)
    assert_problem(stale, 412, "precondition_failed")
    assert_problem(client.delete(url, HTTP_IF_MATCH=etag), 412)
    assert Hergebruik.objects.get().stadium == "pilot"


def test_withdrawing_deletes_the_record_and_keeps_its_history(client_for, blok):
    record(client_for("ander"), blok, stadium="pilot")
    hergebruik = Hergebruik.objects.get()
    response = client_for("ander").delete(reuse_url(blok, "GM0344"))
    assert response.status_code == 204
    assert response.content == b""
    assert not Hergebruik.objects.exists()
    comments = [v.revision.comment for v in Version.objects.get_for_object(hergebruik)]
    assert "Hergebruik ingetrokken" in comments
    assert_problem(client_for("ander").get(reuse_url(blok, "GM0344")), 404)


def test_a_member_of_two_organisations_records_for_each(blok, cast):
    user = UserFactory(username="api-twee")
    for organisatie in (cast.utrecht, Organisatie.objects.get(code="GM0599")):
        Lidmaatschap.objects.create(
            gebruiker=user, organisatie=organisatie, rol=Rol.REDACTEUR
        )
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {TokenFactory(user=user).key}")
    for code in ("GM0344", "GM0599"):
        response = client.post(
            reuse_url(blok), {"organisatie": code, "stadium": "pilot"}, format="json"
        )
        assert response.status_code == 201, response.content
    assert client.get(f"/api/v1/bouwstenen/{blok.uuid}").json()["inPilot"] == 2


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/bouwstenen/geen-uuid/hergebruik",
        "/api/v1/bouwstenen/00000000-0000-0000-0000-000000000000/hergebruik",
    ],
)
def test_an_unknown_block_is_a_404(anonymous, db, path):
    assert_problem(anonymous.get(path), 404)


def test_an_unknown_organisation_in_the_path_is_a_404(client_for, blok):
    assert_problem(client_for(None).get(reuse_url(blok, "GM9999")), 404)
    assert_problem(client_for("ander").delete(reuse_url(blok, "GM0344")), 404)
