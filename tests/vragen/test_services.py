"""The rules of questions, held at the services: who asks, answers, closes, reports and
moderates; what a visitor sees; the posting limit; the history and the owner's e-mail."""

import pytest
from reversion.models import Version

from django.core import mail
from django.test import override_settings

from bouwstenen import services, vragen
from bouwstenen.constants import MeldingStatus, VraagStatus
from bouwstenen.models import Antwoord, Melding, Vraag
from core.errors import Code, ServiceError
from registry.constants import Rol
from registry.models import Lidmaatschap
from registry.permissions import OPERATOR
from tests.vragen.conftest import answer, ask

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs):
    with pytest.raises(ServiceError) as exc:
        call(**kwargs)
    assert exc.value.code == code, exc.value.message
    return exc.value


def test_a_member_asks_for_their_organisation(world):
    vraag = ask(world)
    assert vraag.organisatie == world.utrecht
    assert vraag.gesteld_door == world.users["vrager"]
    assert vraag.status == VraagStatus.OPEN
    assert Version.objects.get_for_object(vraag).count() == 1


@pytest.mark.parametrize("who", ["geen-lid", "beheerder"])
def test_only_members_of_an_organisation_ask(world, who):
    refused(
        Code.GEEN_TOEGANG,
        services.vraag_stellen,
        user=world.users[who],
        bouwsteen=world.block,
        titel="Vraag",
        tekst="Tekst",
    )
    assert not Vraag.objects.exists()


def test_nobody_asks_for_an_organisation_they_are_not_in(world):
    refused(
        Code.GEEN_TOEGANG,
        services.vraag_stellen,
        user=world.users["vrager"],
        bouwsteen=world.block,
        organisatie=world.rotterdam,
        titel="Vraag",
        tekst="Tekst",
    )


def test_a_member_of_two_organisations_says_which(world):
    Lidmaatschap.objects.create(
        gebruiker=world.users["vrager"], organisatie=world.rotterdam, rol=Rol.REDACTEUR
    )
    error = refused(
        Code.ONGELDIG,
        services.vraag_stellen,
        user=world.users["vrager"],
        bouwsteen=world.block,
        titel="Vraag",
        tekst="Tekst",
    )
    assert set(error.field_errors) == {"organisatie"}
    assert ask(world, organisatie=world.rotterdam).organisatie == world.rotterdam


def test_questions_only_about_published_blocks(world):
    refused(
        Code.STATUS,
        services.vraag_stellen,
        user=world.users["vrager"],
        bouwsteen=world.draft,
        titel="Vraag",
        tekst="Tekst",
    )


def test_a_question_needs_a_title_and_a_text(world):
    error = refused(
        Code.ONGELDIG,
        services.vraag_stellen,
        user=world.users["vrager"],
        bouwsteen=world.block,
        titel="  ",
        tekst="",
    )
    assert set(error.field_errors) == {"titel", "tekst"}
    error = refused(
        Code.ONGELDIG,
        services.vraag_stellen,
        user=world.users["vrager"],
        bouwsteen=world.block,
        titel="Twee\nregels",
        tekst="Tekst",
    )
    assert set(error.field_errors) == {"titel"}


def test_the_owner_answers_and_the_asker_follows_up(world):
    vraag = ask(world)
    first = answer(world, vraag)
    follow_up = answer(world, vraag, "Dank, en de privacy?", user="vrager2")
    assert first.organisatie == world.amsterdam
    assert follow_up.organisatie == world.utrecht
    assert list(vraag.antwoorden.all()) == [first, follow_up]
    assert Version.objects.get_for_object(first).count() == 1


@pytest.mark.parametrize("who", ["derde", "geen-lid", "beheerder"])
def test_others_do_not_answer(world, who):
    vraag = ask(world)
    refused(
        Code.GEEN_TOEGANG,
        services.vraag_beantwoorden,
        user=world.users[who],
        vraag=vraag,
        tekst="Ik weet het!",
    )
    assert not Antwoord.objects.exists()


def test_either_side_closes_and_then_nobody_answers(world):
    for closer in ("vrager2", "eigenaar2"):
        vraag = ask(world, titel=f"Vraag voor {closer}")
        refused(
            Code.GEEN_TOEGANG,
            services.vraag_afsluiten,
            user=world.users["derde"],
            vraag=vraag,
        )
        closed = services.vraag_afsluiten(user=world.users[closer], vraag=vraag)
        assert closed.status == VraagStatus.BEANTWOORD
        assert closed.afgesloten_door == world.users[closer]
        refused(
            Code.STATUS, services.vraag_afsluiten, user=world.users[closer], vraag=vraag
        )
        refused(
            Code.STATUS,
            services.vraag_beantwoorden,
            user=world.users["eigenaar"],
            vraag=vraag,
            tekst="Nog iets",
        )


def test_anyone_signed_in_reports_once(world):
    vraag = ask(world)
    antwoord = answer(world, vraag)
    melding = services.bericht_melden(
        user=world.users["geen-lid"], bericht=antwoord, reden="onjuist"
    )
    assert melding.antwoord == antwoord and melding.status == MeldingStatus.OPEN
    refused(
        Code.BESTAAT_AL,
        services.bericht_melden,
        user=world.users["geen-lid"],
        bericht=antwoord,
        reden="spam",
    )
    refused(
        Code.ONGELDIG,
        services.bericht_melden,
        user=world.users["derde"],
        bericht=vraag,
        reden="iets-anders",
    )
    assert Melding.objects.count() == 1


def test_only_a_beheerder_decides_and_hiding_closes_every_report(world):
    vraag = ask(world)
    first = services.bericht_melden(
        user=world.users["derde"], bericht=vraag, reden="persoonsgegevens"
    )
    second = services.bericht_melden(
        user=world.users["eigenaar"], bericht=vraag, reden="spam"
    )
    for who in ("eigenaar", "vrager", "derde"):
        refused(
            Code.GEEN_TOEGANG,
            services.melding_afhandelen,
            user=world.users[who],
            melding=first,
            verbergen=True,
        )
    services.melding_afhandelen(
        user=world.users["beheerder"], melding=first, verbergen=True
    )
    vraag.refresh_from_db()
    second.refresh_from_db()
    assert vraag.verborgen
    assert second.status == MeldingStatus.VERBORGEN
    assert second.beoordeeld_door == world.users["beheerder"]
    versions = Version.objects.get_for_object(vraag)
    assert versions[0].revision.comment == "Melding beoordeeld: bericht verborgen"
    assert versions[0].revision.user == world.users["beheerder"]
    refused(
        Code.STATUS,
        services.melding_afhandelen,
        user=world.users["beheerder"],
        melding=first,
        verbergen=False,
    )
    refused(
        Code.STATUS,
        services.bericht_melden,
        user=world.users["vrager"],
        bericht=vraag,
        reden="spam",
    )


def test_keeping_a_message_leaves_it_visible(world):
    vraag = ask(world)
    melding = services.bericht_melden(
        user=world.users["derde"], bericht=vraag, reden="onjuist"
    )
    kept = services.melding_afhandelen(user=OPERATOR, melding=melding, verbergen=False)
    assert kept.status == MeldingStatus.BEHOUDEN
    assert kept.beoordeeld_door is None  # the operator is recorded without a user
    assert list(vragen.vragen_visible_to(None)) == [vraag]


def test_who_sees_what(world):
    public = ask(world, titel="Openbare vraag")
    private = ask(world, titel="Besloten vraag", besloten=True)
    hidden = ask(world, titel="Verborgen vraag")
    shown_answer = answer(world, public)
    hidden_answer = answer(world, public, "Weg ermee")
    for message in (hidden, hidden_answer):
        melding = services.bericht_melden(
            user=world.users["derde"], bericht=message, reden="spam"
        )
        services.melding_afhandelen(
            user=world.users["beheerder"], melding=melding, verbergen=True
        )

    def seen(user):
        return {v.titel for v in vragen.vragen_of(world.block, user)}

    assert seen(None) == {"Openbare vraag"}
    for outsider in ("derde", "geen-lid", "beheerder"):
        assert seen(world.users[outsider]) == {"Openbare vraag"}
    for insider in ("eigenaar", "vrager2"):
        assert seen(world.users[insider]) == {"Openbare vraag", "Besloten vraag"}
    assert list(vragen.antwoorden_visible_to(None)) == [shown_answer]
    thread = vragen.vragen_of(world.block, None).get()
    assert list(thread.antwoorden.all()) == [shown_answer]
    assert private.pk not in {v.pk for v in vragen.vragen_for_api(None)}


def test_questions_of_a_block_that_is_no_longer_public_are_gone(world):
    ask(world)
    world.block.publicatiestatus = "gearchiveerd"
    world.block.save()
    assert not vragen.vragen_visible_to(world.users["eigenaar"]).exists()


@override_settings(VRAGEN_POST_RATE="3/hour")
def test_posting_is_limited_per_account(world):
    vraag = ask(world)
    answer(world, vraag, user="vrager")
    services.bericht_melden(user=world.users["vrager"], bericht=vraag, reden="spam")
    error = refused(
        Code.TE_VAAK,
        services.vraag_stellen,
        user=world.users["vrager"],
        bouwsteen=world.block,
        titel="Nog een",
        tekst="Tekst",
    )
    assert error.retry_after and error.retry_after > 3000
    assert "Probeer het over" in error.message
    assert Vraag.objects.count() == 1
    # Another account has its own count.
    assert answer(world, vraag, user="eigenaar")


def test_the_owner_gets_an_e_mail_after_the_commit(
    world, django_capture_on_commit_callbacks
):
    world.users["eigenaar2"].email = ""
    world.users["eigenaar2"].save()
    with django_capture_on_commit_callbacks(execute=True):
        vraag = ask(world, besloten=True)
    assert [m.to for m in mail.outbox] == [[world.users["eigenaar"].email]]
    message = mail.outbox[0]
    assert message.subject == "Nieuwe vraag over Wachttijdendashboard jeugdzorg"
    assert "Utrecht stelde een vraag over Wachttijdendashboard" in message.body
    assert vraag.titel in message.body
    assert f"#vraag-{vraag.uuid}" in message.body
    assert "alleen zichtbaar voor leden van uw organisatie" in message.body


def test_a_refused_question_mails_nobody(world, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ServiceError),
    ):
        services.vraag_stellen(
            user=world.users["vrager"], bouwsteen=world.block, titel="", tekst=""
        )
    assert callbacks == [] and mail.outbox == []
