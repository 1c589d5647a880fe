"""The editorial workflow in the admin: each transition, refusals, four-eyes, messages."""

import pytest
from reversion.models import Version

from django.test import override_settings
from django.urls import reverse

from bouwstenen.services import ServiceError, bouwsteen_transition
from registry.constants import Publicatiestatus as S


def _workflow(obj, actie):
    return reverse("admin:bouwstenen_bouwsteen_workflow", args=[obj.pk, actie])


def _refresh(obj):
    obj.refresh_from_db()
    return obj


def test_redacteur_submits_and_another_publicist_publishes(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(_workflow(world.draft_a, "indienen"), follow=True)
    assert "is ter beoordeling aangeboden" in response.content.decode()
    draft = _refresh(world.draft_a)
    assert draft.publicatiestatus == S.TER_BEOORDELING
    assert draft.ingediend_door == world.users["redacteur_a"]

    client.force_login(world.users["publicist_a"])
    client.post(_workflow(draft, "publiceren"))
    draft = _refresh(draft)
    assert draft.publicatiestatus == S.GEPUBLICEERD
    assert draft.gepubliceerd_op is not None
    comments = [v.revision.get_comment() for v in Version.objects.get_for_object(draft)]
    assert "Publiceren" in comments and "Ter beoordeling aanbieden" in comments


def test_a_redacteur_may_not_publish(client, world):
    client.force_login(world.users["redacteur_a"])
    response = client.post(_workflow(world.review_a, "publiceren"), follow=True)
    assert "Alleen een publicist mag" in response.content.decode()
    assert _refresh(world.review_a).publicatiestatus == S.TER_BEOORDELING


def test_only_allowed_transitions_are_offered_on_the_change_form(client, world):
    client.force_login(world.users["publicist_a"])
    content = client.get(
        reverse("admin:bouwstenen_bouwsteen_change", args=[world.review_a.pk])
    ).content.decode()
    assert 'data-workflow="publiceren"' in content
    assert 'data-workflow="terugsturen"' in content
    assert 'data-workflow="indienen"' not in content
    assert 'data-workflow="herstellen"' not in content
    client.force_login(world.users["redacteur_a"])
    content = client.get(
        reverse("admin:bouwstenen_bouwsteen_change", args=[world.draft_a.pk])
    ).content.decode()
    assert 'data-workflow="indienen"' in content
    assert 'data-workflow="publiceren"' not in content
    assert 'data-workflow="archiveren"' not in content


@pytest.mark.parametrize(
    ("state_obj", "actie", "message"),
    [
        ("draft_a", "publiceren", "kan niet vanuit de status ‘concept’"),
        ("published_a", "indienen", "kan niet vanuit de status ‘gepubliceerd’"),
        ("archived_a", "archiveren", "kan niet vanuit de status ‘gearchiveerd’"),
        ("draft_a", "herstellen", "kan niet vanuit de status ‘concept’"),
    ],
)
def test_an_invalid_transition_is_refused_with_a_message(
    client, world, state_obj, actie, message
):
    obj = getattr(world, state_obj)
    before = obj.publicatiestatus
    client.force_login(world.users["publicist_a"])
    response = client.post(_workflow(obj, actie), follow=True)
    assert message in response.content.decode()
    assert _refresh(obj).publicatiestatus == before


def test_send_back_needs_a_reason_and_shows_it_to_the_redacteur(client, world):
    client.force_login(world.users["publicist_a"])
    response = client.post(_workflow(world.review_a, "terugsturen"), {"reden": "  "})
    assert response.status_code == 200
    assert "Geef een reden op" in response.content.decode()
    assert _refresh(world.review_a).publicatiestatus == S.TER_BEOORDELING

    client.post(
        _workflow(world.review_a, "terugsturen"), {"reden": "Voeg de DPIA toe."}
    )
    review = _refresh(world.review_a)
    assert review.publicatiestatus == S.CONCEPT
    assert review.beoordeling_opmerking == "Voeg de DPIA toe."
    client.force_login(world.users["redacteur_a"])
    content = client.get(
        reverse("admin:bouwstenen_bouwsteen_change", args=[review.pk])
    ).content.decode()
    assert "Voeg de DPIA toe." in content


def test_bulk_send_back_asks_for_a_reason(client, world):
    client.force_login(world.users["publicist_a"])
    changelist = reverse("admin:bouwstenen_bouwsteen_changelist")
    response = client.post(
        changelist,
        {"action": "terugsturen_selected", "_selected_action": [world.review_a.pk]},
    )
    assert response.status_code == 200
    assert 'name="reden"' in response.content.decode()
    response = client.post(
        changelist,
        {
            "action": "terugsturen_selected",
            "_selected_action": [world.review_a.pk],
            "reden": "Samenvatting is te vaag.",
        },
        follow=True,
    )
    assert "1 bouwsteen teruggestuurd" in response.content.decode()
    assert _refresh(world.review_a).beoordeling_opmerking == "Samenvatting is te vaag."


def test_bulk_publish_reports_counts_of_done_and_refused(client, world):
    client.force_login(world.users["publicist_a"])
    response = client.post(
        reverse("admin:bouwstenen_bouwsteen_changelist"),
        {
            "action": "publiceren_selected",
            "_selected_action": [
                world.review_a.pk,
                world.draft_a.pk,
                world.published_a.pk,
            ],
        },
        follow=True,
    )
    content = response.content.decode()
    assert "1 bouwsteen gepubliceerd" in content
    assert "2 niet gepubliceerd" in content
    assert _refresh(world.review_a).publicatiestatus == S.GEPUBLICEERD


def test_archive_and_restore(client, world):
    client.force_login(world.users["publicist_a"])
    client.post(_workflow(world.published_a, "archiveren"))
    assert _refresh(world.published_a).publicatiestatus == S.GEARCHIVEERD
    client.post(_workflow(world.published_a, "herstellen"))
    assert _refresh(world.published_a).publicatiestatus == S.GEPUBLICEERD


def test_restoring_a_never_published_record_makes_it_a_draft(world):
    user = world.users["publicist_a"]
    bouwsteen_transition(bouwsteen=world.draft_a, user=user, actie="archiveren")
    restored = bouwsteen_transition(
        bouwsteen=world.draft_a, user=user, actie="herstellen"
    )
    assert restored.publicatiestatus == S.CONCEPT


@override_settings(REGISTRY_FOUR_EYES=True)
def test_four_eyes_a_publicist_may_not_publish_what_they_submitted(client, world):
    publicist = world.users["publicist_a"]
    bouwsteen_transition(bouwsteen=world.draft_a, user=publicist, actie="indienen")
    client.force_login(publicist)
    response = client.post(_workflow(world.draft_a, "publiceren"), follow=True)
    assert "Vier ogen" in response.content.decode()
    assert _refresh(world.draft_a).publicatiestatus == S.TER_BEOORDELING
    client.force_login(world.users["publicist_a2"])
    client.post(_workflow(world.draft_a, "publiceren"))
    assert _refresh(world.draft_a).publicatiestatus == S.GEPUBLICEERD


@override_settings(REGISTRY_FOUR_EYES=False)
def test_without_four_eyes_a_publicist_may_publish_their_own(world):
    publicist = world.users["publicist_a"]
    bouwsteen_transition(bouwsteen=world.draft_a, user=publicist, actie="indienen")
    published = bouwsteen_transition(
        bouwsteen=world.draft_a, user=publicist, actie="publiceren"
    )
    assert published.publicatiestatus == S.GEPUBLICEERD


def test_publishing_validates_what_a_public_page_needs(client, world):
    review = world.review_a
    review.beschrijving = ""
    review.save()
    review.themas.clear()
    client.force_login(world.users["publicist_a"])
    response = client.get(_workflow(review, "publiceren"))
    content = response.content.decode()
    assert "Beschrijf de bouwsteen" in content
    assert "Kies minstens één thema" in content
    with pytest.raises(ServiceError) as caught:
        bouwsteen_transition(
            bouwsteen=review, user=world.users["publicist_a"], actie="publiceren"
        )
    assert set(caught.value.field_errors) == {"beschrijving", "themas"}
    assert _refresh(review).publicatiestatus == S.TER_BEOORDELING


def test_a_transition_and_its_history_entry_are_one_transaction(world, monkeypatch):
    def broken_history(*args, **kwargs):
        raise RuntimeError("history store down")

    monkeypatch.setattr("bouwstenen.services.workflow.record_history", broken_history)
    with pytest.raises(RuntimeError):
        bouwsteen_transition(
            bouwsteen=world.review_a,
            user=world.users["publicist_a"],
            actie="publiceren",
        )
    assert _refresh(world.review_a).publicatiestatus == S.TER_BEOORDELING


def test_the_markdown_preview_is_rendered_and_sanitised(client, world):
    url = reverse("admin:bouwstenen_bouwsteen_markdown_preview")
    assert (
        client.post(url, {"beschrijving": "**x**"}).status_code == 302
    )  # not logged in
    client.force_login(world.users["redacteur_a"])
    response = client.post(
        url,
        {
            "beschrijving": "## Kop\n\n**vet** <script>alert(1)</script> [a](javascript:x)"
        },
    )
    html = response.content.decode()
    assert "<h2>Kop</h2>" in html and "<strong>vet</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert client.get(url).status_code == 405


def test_bestaat_dit_al_shows_similar_existing_blocks_while_adding(client, world):
    from bouwstenen.search import reindex

    reindex()
    url = reverse("admin:bouwstenen_bouwsteen_bestaat_dit_al")
    client.force_login(world.users["lid_b"])
    response = client.get(url, {"naam": "Gepubliceerd dashboard", "samenvatting": ""})
    content = response.content.decode()
    assert "Bestaat dit al?" in content
    # Published blocks of other organisations are shown; their drafts never are.
    assert "Gepubliceerd A" in content
    assert "Concept A" not in content
    response = client.get(url, {"naam": "", "samenvatting": ""})
    assert "Zodra u een naam typt" in response.content.decode()
    # Each is a link, and the likeness is said in words, not as a number.
    assert f'href="/bouwstenen/{world.published_a.slug}"' in content
    assert "lijkt sterk op" in content or "lijkt op" in content
    assert "overeenkomst" not in content


@override_settings(REGISTRY_FOUR_EYES=True)
def test_saving_a_published_block_says_the_change_went_into_its_concept(client, world):
    from tests.admin.helpers import form_data

    client.force_login(world.users["publicist_a"])
    response = client.post(
        reverse("admin:bouwstenen_bouwsteen_change", args=[world.published_a.pk]),
        form_data(world.published_a, naam="Nieuwe naam"),
        follow=True,
    )
    content = response.content.decode()
    # Not the admin's "is met succes gewijzigd", with a name nobody sees yet.
    assert "met succes gewijzigd" not in content
    assert (
        "Opgeslagen in het concept van ‘Gepubliceerd A’. De gepubliceerde versie "
        "blijft zichtbaar tot een andere publicist het concept publiceert."
    ) in content
    published = _refresh(world.published_a)
    assert published.naam == "Gepubliceerd A"
    assert published.werkversie.inhoud["velden"]["naam"] == "Nieuwe naam"

    # A draft changes in place, and the admin says so as usual.
    response = client.post(
        reverse("admin:bouwstenen_bouwsteen_change", args=[world.draft_a.pk]),
        form_data(world.draft_a, naam="Concept A, herzien"),
        follow=True,
    )
    assert "met succes gewijzigd" in response.content.decode()
    assert _refresh(world.draft_a).naam == "Concept A, herzien"


@override_settings(REGISTRY_FOUR_EYES=True)
def test_the_panel_says_why_a_publicist_cannot_publish_their_own_change(client, world):
    from bouwstenen.services import bouwsteen_update

    author = world.users["publicist_a"]
    bouwsteen_update(
        bouwsteen=world.published_a, user=author, values={"naam": "Nieuwe naam"}
    )
    change_url = reverse(
        "admin:bouwstenen_bouwsteen_change", args=[world.published_a.pk]
    )
    client.force_login(author)
    # Not yet submitted: publishing is not the next step for anyone, nothing to explain.
    assert "Vier ogen" not in client.get(change_url).content.decode()
    bouwsteen_transition(bouwsteen=world.published_a, user=author, actie="indienen")
    content = client.get(change_url).content.decode()
    assert 'data-workflow="publiceren"' not in content
    assert (
        "Vier ogen: u hebt de inhoud het laatst gewijzigd; een andere publicist moet "
        "die bekijken en publiceren."
    ) in content
    client.force_login(world.users["publicist_a2"])
    content = client.get(change_url).content.decode()
    assert 'data-workflow="publiceren"' in content
    assert "Vier ogen" not in content
    # The message names the block as it is now, after the concept's new name.
    response = client.post(_workflow(world.published_a, "publiceren"), follow=True)
    assert "Het concept van ‘Nieuwe naam’ is gepubliceerd." in (
        response.content.decode()
    )
    assert _refresh(world.published_a).naam == "Nieuwe naam"
