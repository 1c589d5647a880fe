"""Reuse is verified, on every door that writes it.

- What another party says (the owner, a usedBy line) is a report: stored apart, never
  counted, whichever door it came through.
- Only a member of the named organisation confirms it (then it counts) or rejects it
  (then it stays rejected), on every door that does so.
- A member records its own organisation's reuse, counted, on every door that offers it.
"""

import pytest
from reversion.models import Version

from django.urls import reverse

from bouwstenen import services
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.readiness import with_counts
from tests.write_paths.doors import (
    API,
    DONE,
    REFUSED,
    admin_client,
    api_client,
    import_admin,
    import_api,
    import_cli,
    outcome,
)

pytestmark = pytest.mark.django_db


def counted(block) -> int:
    return with_counts(Bouwsteen.objects.filter(pk=block.pk)).get().hergebruik_actief


def utrecht_record(world, block):
    return Hergebruik.objects.filter(bouwsteen=block, organisatie=world.utrecht).first()


# --- claims about another organisation ----------------------------------------------


def claim_api(world, block, user) -> str:
    return outcome(
        api_client(user)
        .post(
            f"{API}/{block.uuid}/hergebruik",
            {"organisatie": "GM0344", "stadium": "in-gebruik"},
            format="json",
        )
        .status_code
    )


def claim_page(world, block, user) -> str:
    client = admin_client(user)
    response = client.post(
        reverse("catalogus:hergebruik", args=[block.slug]),
        {"organisatie": world.utrecht.pk, "stadium": "in-gebruik"},
    )
    return DONE if response.status_code == 302 else REFUSED


def claim_admin(world, block, user) -> str:
    response = admin_client(user).post(
        reverse("admin:bouwstenen_hergebruik_add"),
        {
            "bouwsteen": block.pk,
            "organisatie": world.utrecht.pk,
            "stadium": "in-gebruik",
            "sinds": "",
            "ervaring": "",
            "resultaten": "",
            "contact_naam": "",
            "contact_email": "",
        },
    )
    return DONE if response.status_code == 302 else REFUSED


CLAIMS = {
    "API: POST /bouwstenen/{uuid}/hergebruik": claim_api,
    "catalogus: Wij gebruiken dit ook": claim_page,
    "admin: hergebruik toevoegen": claim_admin,
}


@pytest.mark.parametrize("door", CLAIMS.values(), ids=CLAIMS.keys())
@pytest.mark.parametrize("role", ["redacteur", "publicist", "beheerder"])
def test_the_owner_or_a_beheerder_never_makes_reuse_count(world, door, role):
    block = world.published
    door(world, block, world.users[role])
    record = utrecht_record(world, block)
    # Refused outright, or stored as a report: never counted for Utrecht.
    assert record is None or record.status == "gemeld"
    assert counted(block) == 0


@pytest.mark.parametrize(
    "door",
    [import_cli, import_api, import_admin],
    ids=["opdrachtregel", "API", "admin"],
)
def test_used_by_lines_are_reports_on_every_import_door(world, door):
    # The world's imported block came from a file whose usedBy names three gemeenten.
    Hergebruik.objects.filter(bouwsteen=world.imported).delete()
    assert door(world, world.users["utrechter"], world.imported, {}) == DONE
    reports = Hergebruik.objects.filter(bouwsteen=world.imported)
    assert reports.count() == 3
    assert set(reports.values_list("status", flat=True)) == {"gemeld"}
    assert counted(world.imported) == 0


# --- answering a report ---------------------------------------------------------------


@pytest.fixture
def report(world):
    return services.hergebruik_report(
        user=world.users["publicist"],
        bouwsteen=world.published,
        organisatie=world.utrecht,
        bron="de eigenaar",
    )


def confirm_api(world, report, user) -> str:
    url = f"{API}/{report.bouwsteen.uuid}/hergebruik/GM0344/bevestigen"
    return outcome(api_client(user).post(url, {"stadium": "pilot"}).status_code)


def confirm_page(world, report, user) -> str:
    url = reverse(
        "catalogus:hergebruik-bevestigen", args=[report.bouwsteen.slug, "GM0344"]
    )
    response = admin_client(user).post(
        url, {"organisatie": world.utrecht.pk, "stadium": "pilot"}
    )
    return DONE if response.status_code == 302 else REFUSED


def confirm_admin_action(world, report, user) -> str:
    admin_client(user).post(
        reverse("admin:bouwstenen_hergebruik_changelist"),
        {"action": "bevestigen_selected", "_selected_action": [report.pk]},
    )
    return DONE if utrecht_record(world, report.bouwsteen).is_bevestigd else REFUSED


def confirm_admin_button(world, report, user) -> str:
    admin_client(user).post(
        reverse("admin:bouwstenen_hergebruik_change", args=[report.pk]),
        {"_beslissing": "bevestigen"},
    )
    return DONE if utrecht_record(world, report.bouwsteen).is_bevestigd else REFUSED


CONFIRMS = {
    "API: .../bevestigen": confirm_api,
    "catalogus: bevestigen": confirm_page,
    "admin: actie bevestigen": confirm_admin_action,
    "admin: knop bevestigen": confirm_admin_button,
}


@pytest.mark.parametrize("door", CONFIRMS.values(), ids=CONFIRMS.keys())
def test_only_a_member_of_the_named_organisation_confirms(world, report, door):
    for stranger in ("publicist", "beheerder"):
        assert door(world, report, world.users[stranger]) == REFUSED
        assert utrecht_record(world, world.published).status == "gemeld"
        assert counted(world.published) == 0
    assert door(world, report, world.users["utrechter"]) == DONE
    record = utrecht_record(world, world.published)
    assert (record.status, record.beoordeeld_door) == (
        "bevestigd",
        world.users["utrechter"],
    )
    assert counted(world.published) == 1
    comments = [
        v.revision.get_comment() for v in Version.objects.get_for_object(record)
    ]
    assert "Hergebruik bevestigd door Utrecht" in comments


def reject_api(world, report, user) -> str:
    url = f"{API}/{report.bouwsteen.uuid}/hergebruik/GM0344/afwijzen"
    return outcome(api_client(user).post(url, {"reden": "Klopt niet."}).status_code)


def reject_page(world, report, user) -> str:
    url = reverse(
        "catalogus:hergebruik-afwijzen", args=[report.bouwsteen.slug, "GM0344"]
    )
    admin_client(user).post(url, {"reden": "Klopt niet."})
    return (
        DONE
        if utrecht_record(world, report.bouwsteen).status == "afgewezen"
        else REFUSED
    )


def reject_admin_action(world, report, user) -> str:
    admin_client(user).post(
        reverse("admin:bouwstenen_hergebruik_changelist"),
        {"action": "afwijzen_selected", "_selected_action": [report.pk]},
    )
    return (
        DONE
        if utrecht_record(world, report.bouwsteen).status == "afgewezen"
        else REFUSED
    )


def reject_admin_button(world, report, user) -> str:
    admin_client(user).post(
        reverse("admin:bouwstenen_hergebruik_change", args=[report.pk]),
        {"_beslissing": "afwijzen", "reden": "Klopt niet."},
    )
    return (
        DONE
        if utrecht_record(world, report.bouwsteen).status == "afgewezen"
        else REFUSED
    )


REJECTS = {
    "API: .../afwijzen": reject_api,
    "catalogus: afwijzen": reject_page,
    "admin: actie afwijzen": reject_admin_action,
    "admin: knop afwijzen": reject_admin_button,
}


@pytest.mark.parametrize("door", REJECTS.values(), ids=REJECTS.keys())
def test_only_a_member_of_the_named_organisation_rejects_and_it_sticks(
    world, report, door
):
    assert door(world, report, world.users["publicist"]) == REFUSED
    assert utrecht_record(world, world.published).status == "gemeld"
    assert door(world, report, world.users["utrechter"]) == DONE
    # The owner cannot report it again; nothing is counted.
    assert claim_api(world, world.published, world.users["publicist"]) == REFUSED
    assert utrecht_record(world, world.published).status == "afgewezen"
    assert counted(world.published) == 0


# --- an organisation records its own reuse --------------------------------------------


@pytest.mark.parametrize("door", CLAIMS.values(), ids=CLAIMS.keys())
def test_a_member_records_its_own_organisations_reuse_and_it_counts(world, door):
    assert door(world, world.published, world.users["utrechter"]) == DONE
    record = utrecht_record(world, world.published)
    assert record.status == "bevestigd"
    assert counted(world.published) == 1
    assert Version.objects.get_for_object(record).exists()
