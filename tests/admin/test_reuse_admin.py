"""Reuse, readiness and relations in the admin, scoped like everything else."""

from django.urls import reverse

from bouwstenen.constants import Voorwaarde
from bouwstenen.models import BouwsteenConcept, Hergebruik
from tests.admin.helpers import form_data

HERGEBRUIK_ADD = "admin:bouwstenen_hergebruik_add"


def _reuse_data(world, organisatie, bouwsteen):
    return {
        "bouwsteen": bouwsteen.pk,
        "organisatie": organisatie.pk,
        "stadium": "pilot",
        "sinds": "2026-01-15",
        "ervaring": "In drie maanden draaiend.",
        "resultaten": "",
        "contact_naam": "",
        "contact_email": "",
    }


def test_a_member_of_b_records_reuse_of_as_published_block(client, world):
    client.force_login(world.users["lid_b"])
    response = client.post(
        reverse(HERGEBRUIK_ADD), _reuse_data(world, world.org_b, world.published_a)
    )
    assert response.status_code == 302
    hergebruik = Hergebruik.objects.get()
    assert (hergebruik.organisatie, hergebruik.bouwsteen) == (
        world.org_b,
        world.published_a,
    )

    # The owner's members see it on the public page, not in their admin, and cannot change it.
    client.force_login(world.users["publicist_a"])
    changelist = client.get(reverse("admin:bouwstenen_hergebruik_changelist"))
    assert changelist.context["cl"].result_count == 0
    url = reverse("admin:bouwstenen_hergebruik_change", args=[hergebruik.pk])
    assert client.get(url).status_code == 404


def test_reuse_for_another_organisation_or_of_a_draft_is_refused(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        reverse(HERGEBRUIK_ADD), _reuse_data(world, world.org_b, world.draft_b)
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        content.count("Selecteer een geldige keuze") == 2
    )  # neither Utrecht nor its draft
    assert not Hergebruik.objects.exists()


def test_a_second_reuse_record_is_refused_in_the_form(client, world):
    client.force_login(world.users["lid_b"])
    client.post(
        reverse(HERGEBRUIK_ADD), _reuse_data(world, world.org_b, world.published_a)
    )
    response = client.post(
        reverse(HERGEBRUIK_ADD), _reuse_data(world, world.org_b, world.published_a)
    )
    assert "al vastgelegd" in response.content.decode()
    assert Hergebruik.objects.count() == 1


def _answer_row(code: str) -> int:
    """The fixed row of a precondition in the admin: the checklist's order."""
    return Voorwaarde.values.index(code)


def test_the_readiness_inline_offers_every_precondition_and_saves_answers(
    client, world
):
    # A draft whose check nobody has filled in yet.
    world.draft_a.opschalingsantwoorden.all().delete()
    client.force_login(world.users["redacteur_a"])
    url = reverse("admin:bouwstenen_bouwsteen_change", args=[world.draft_a.pk])
    content = client.get(url).content.decode()
    # Fourteen rows in the checklist's order, whatever was answered.
    for index, code in enumerate(Voorwaarde.values):
        assert f'name="opschalingsantwoorden-{index}-antwoord"' in content
        assert f'id="voorwaarde-{code}"' in content
    row = _answer_row("dpia")
    data = form_data(world.draft_a)
    data.update(
        {
            "opschalingsantwoorden-TOTAL_FORMS": str(row + 1),
            f"opschalingsantwoorden-{row}-antwoord": "ja",
            f"opschalingsantwoorden-{row}-toelichting": "DPIA vastgesteld in maart.",
            f"opschalingsantwoorden-{row}-bewijs_url": "",
        }
    )
    assert client.post(url, data).status_code == 302
    answer = world.draft_a.opschalingsantwoorden.get()
    assert (answer.voorwaarde, answer.antwoord, answer.toelichting) == (
        "dpia",
        "ja",
        "DPIA vastgesteld in maart.",
    )
    # Saving again without touching the row keeps the answer (no form sent: no change).
    data = form_data(world.draft_a.__class__.objects.get(pk=world.draft_a.pk))
    assert client.post(url, data).status_code == 302
    assert world.draft_a.opschalingsantwoorden.get().antwoord == "ja"


def test_answers_of_a_published_block_go_into_its_concept(client, world):
    published = world.published_a
    # Published (imported, say) before its check was filled in.
    published.opschalingsantwoorden.all().delete()
    client.force_login(world.users["publicist_a"])
    url = reverse("admin:bouwstenen_bouwsteen_change", args=[published.pk])
    row = _answer_row("dpia")
    data = form_data(published)
    data.update(
        {
            "opschalingsantwoorden-TOTAL_FORMS": str(row + 1),
            f"opschalingsantwoorden-{row}-antwoord": "ja",
        }
    )
    assert client.post(url, data).status_code == 302
    # The public block has no answer yet; its concept has.
    assert not published.opschalingsantwoorden.exists()
    concept = BouwsteenConcept.objects.get(bouwsteen=published)
    assert concept.inhoud["opschalingscheck"]["dpia"]["antwoord"] == "ja"
    assert concept.inhoud_gewijzigd_door == world.users["publicist_a"]
    # The concept shows in the form the next time.
    content = client.get(url).content.decode()
    assert "U bewerkt het <strong>concept</strong>" in content


def test_a_relation_to_another_organisations_draft_is_refused(client, world):
    client.force_login(world.users["redacteur_a"])
    url = reverse("admin:bouwstenen_bouwsteen_change", args=[world.draft_a.pk])
    data = form_data(world.draft_a)
    data.update(
        {
            "relaties_uit-TOTAL_FORMS": "1",
            "relaties_uit-0-type": "gebruikt",
            "relaties_uit-0-naar": world.draft_b.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not world.draft_a.relaties_uit.exists()
    data["relaties_uit-0-naar"] = world.published_a.pk
    assert client.post(url, data).status_code == 302
    assert world.draft_a.relaties_uit.get().naar == world.published_a
