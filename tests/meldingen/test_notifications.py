"""E-mail notifications: who gets what, sent after the commit through a real SMTP server
(or into files), and a mail server that is down loses and blocks nothing."""

import logging
from datetime import timedelta

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from bouwstenen import services
from bouwstenen.models import Bouwsteen
from core.env import email_settings
from core.models import Bericht
from core.notifications import preferences_save
from registry.constants import Publicatiestatus
from tests.meldingen.conftest import use_email_url
from tests.meldingen.smtp import SMTPServer, free_port

SITE = "https://bouwstenen.example.nl"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.REGISTRY_URL = SITE


def received(server) -> dict[str, list]:
    """The messages the server accepted, by recipient: [(subject, body), ...]."""
    by_address = {}
    for item in server.messages:
        message = item["message"]
        body = message.get_body(preferencelist=("plain",)).get_content()
        for address in item["to"]:
            by_address.setdefault(address, []).append((message["Subject"], body))
    return by_address


def email_of(cast, name: str) -> str:
    return cast.users[name].email


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mail%40gemeente.nl:ge%2Fheim@smtp.gemeente.nl:2525",
            {
                "EMAIL_HOST": "smtp.gemeente.nl",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "mail@gemeente.nl",
                "EMAIL_HOST_PASSWORD": "ge/heim",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtp+tls://relay.example", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        ("smtps://relay.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        (
            "console:",
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
        ),
        (
            "file:///var/lib/register/mail",
            {
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": "/var/lib/register/mail",
            },
        ),
    ],
)
def test_email_url_sets_django_email_settings(url, expected):
    found = email_settings(url)
    assert {name: found[name] for name in expected} == expected


@pytest.mark.parametrize(
    "url", ["http://mail.example", "smtp://", "file://", "smtp://h:poort"]
)
def test_a_wrong_email_url_stops_the_start_with_a_dutch_message(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings(url)


def test_submitting_tells_the_publicists_over_smtp_after_the_commit(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.bouwsteen_transition(
            bouwsteen=cast.draft, user=cast.users["redacteur"], actie="indienen"
        )
        # Stored with the write, not sent yet: that waits for the commit.
        assert smtp_server.messages == []
    assert len(callbacks) == 1
    mail = received(smtp_server)
    # Amsterdam's two publicists; not the editor who submitted, not Utrecht.
    assert set(mail) == {email_of(cast, "publicist"), email_of(cast, "publicist2")}
    subject, body = mail[email_of(cast, "publicist")][0]
    assert subject == "Ter beoordeling: Concept A"
    assert 'deur-redacteur heeft de bouwsteen "Concept A"' in body
    assert f"{SITE}/admin/bouwstenen/bouwsteen/{cast.draft.pk}/change/" in body
    assert f"{SITE}/admin/meldingen/" in body
    assert smtp_server.messages[0]["from"] == "<noreply@localhost>"
    sent = Bericht.objects.filter(soort="ingediend", aangemaakt_op__isnull=False)
    assert sent.filter(verzonden_op__isnull=True).count() == 0
    assert sorted(sent.values_list("adres", flat=True)) == sorted(mail)


def test_sent_back_and_published_tell_the_submitter_into_files(
    cast, settings, tmp_path, django_capture_on_commit_callbacks
):
    use_email_url(settings, f"file://{tmp_path}")
    redacteur, publicist = cast.users["redacteur"], cast.users["publicist"]
    with django_capture_on_commit_callbacks(execute=True):
        services.bouwsteen_transition(
            bouwsteen=cast.draft, user=redacteur, actie="indienen"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.bouwsteen_transition(
            bouwsteen=cast.draft,
            user=publicist,
            actie="terugsturen",
            reden="Voeg de DPIA toe aan de opschalingscheck.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.bouwsteen_transition(
            bouwsteen=cast.draft, user=redacteur, actie="indienen"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.bouwsteen_transition(
            bouwsteen=cast.draft, user=publicist, actie="publiceren"
        )
    files = "\n".join(p.read_text() for p in sorted(tmp_path.iterdir()))
    to_editor = list(Bericht.objects.filter(adres=redacteur.email).order_by("pk"))
    assert [b.onderwerp for b in to_editor] == [
        "Teruggestuurd: Concept A",
        "Gepubliceerd: Concept A",
    ]
    assert "Voeg de DPIA toe aan de opschalingscheck." in to_editor[0].tekst
    assert f"{SITE}/bouwstenen/{cast.draft.slug}" in to_editor[1].tekst
    assert all(b.verzonden_op is not None for b in to_editor)
    # What the file backend wrote is what was stored.
    assert "Subject: Teruggestuurd: Concept A" in files
    assert f"To: {redacteur.email}" in files
    assert "Voeg de DPIA toe aan de opschalingscheck." in files


def test_publishing_a_concept_of_changes_tells_its_submitter(cast, smtp_server):
    services.bouwsteen_update(
        bouwsteen=cast.published,
        user=cast.users["redacteur"],
        values={"samenvatting": "Een nieuwe samenvatting voor het concept."},
    )
    services.bouwsteen_transition(
        bouwsteen=cast.published, user=cast.users["redacteur"], actie="indienen"
    )
    services.bouwsteen_transition(
        bouwsteen=cast.published, user=cast.users["publicist"], actie="publiceren"
    )
    told = Bericht.objects.get(
        soort="gepubliceerd", adres=cast.users["redacteur"].email
    )
    assert 'uw wijzigingen in de bouwsteen "Openbaar A" gepubliceerd' in told.tekst


def test_a_reported_reuse_tells_the_members_of_the_named_organisation(cast):
    services.hergebruik_report(
        user=cast.users["publicist"],
        bouwsteen=cast.published,
        organisatie=cast.utrecht,
        bron="gemeld door de eigenaar",
    )
    told = Bericht.objects.filter(soort="hergebruik_gemeld")
    assert sorted(told.values_list("adres", flat=True)) == sorted(
        [email_of(cast, "utrechter"), email_of(cast, "ander")]
    )
    text = told.first().tekst
    assert f"{cast.amsterdam.naam} meldt dat {cast.utrecht.naam} de bouwsteen" in text
    assert f"{SITE}/bouwstenen/{cast.published.slug}/hergebruik/GM0344/bevestigen" in (
        text
    )


def test_a_transfer_request_tells_the_publicists_of_the_other_side(cast):
    services.overdracht_request(
        user=cast.users["publicist"],
        bouwsteen=cast.published,
        naar=cast.utrecht,
        toelichting="Utrecht beheert dit voortaan.",
    )
    told = Bericht.objects.filter(soort="overdracht_aangevraagd")
    # Utrecht decides, and of Utrecht its publicist (not the editor).
    assert list(told.values_list("adres", flat=True)) == [email_of(cast, "ander")]
    assert "Utrecht beheert dit voortaan." in told.get().tekst
    assert "/admin/bouwstenen/overdracht/" in told.get().tekst


def test_a_claim_tells_the_owner_side(cast):
    services.overdracht_request(
        user=cast.users["ander"], bouwsteen=cast.published, naar=cast.utrecht
    )
    told = Bericht.objects.filter(soort="overdracht_aangevraagd")
    assert sorted(told.values_list("adres", flat=True)) == sorted(
        [email_of(cast, "publicist"), email_of(cast, "publicist2")]
    )


def test_who_switched_it_off_or_has_no_address_gets_nothing(cast):
    preferences_save(user=cast.users["publicist2"], uitgezet=["ingediend"])
    publicist = cast.users["publicist"]
    publicist.email = ""
    publicist.save()
    services.bouwsteen_transition(
        bouwsteen=cast.draft, user=cast.users["redacteur"], actie="indienen"
    )
    assert not Bericht.objects.filter(soort="ingediend").exists()
    # Another kind still reaches publicist2.
    services.overdracht_request(
        user=cast.users["ander"], bouwsteen=cast.published, naar=cast.utrecht
    )
    assert list(
        Bericht.objects.filter(soort="overdracht_aangevraagd").values_list(
            "adres", flat=True
        )
    ) == [cast.users["publicist2"].email]


def test_a_write_that_rolls_back_stores_and_sends_nothing(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    before = Bericht.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.bouwsteen_transition(
            bouwsteen=cast.draft, user=cast.users["redacteur"], actie="indienen"
        )
        raise RuntimeError("iets anders ging mis")
    assert callbacks == []
    assert Bericht.objects.count() == before
    assert smtp_server.messages == []
    assert Bouwsteen.objects.get(pk=cast.draft.pk).publicatiestatus == "concept"


def test_a_mail_server_that_is_down_keeps_the_write_and_the_command_sends_later(
    cast, settings, caplog, django_capture_on_commit_callbacks
):
    use_email_url(settings, f"smtp://127.0.0.1:{free_port()}")
    with (
        caplog.at_level(logging.WARNING, logger="core.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.bouwsteen_transition(
            bouwsteen=cast.draft, user=cast.users["redacteur"], actie="indienen"
        )
    # The write stands.
    block = Bouwsteen.objects.get(pk=cast.draft.pk)
    assert block.publicatiestatus == Publicatiestatus.TER_BEOORDELING

    def waiting():
        return Bericht.objects.filter(soort="ingediend", verzonden_op__isnull=True)

    assert waiting().count() == 2
    assert all(b.pogingen == 1 and "Connection refused" in b.fout for b in waiting())
    assert "E-mail niet verstuurd" in caplog.text

    # Still down: the command says so (cron mails it) and keeps them.
    Bericht.objects.update(aangemaakt_op=timezone.now() - timedelta(minutes=5))
    with pytest.raises(SystemExit):
        call_command("send_notifications")
    assert waiting().count() == 2

    with SMTPServer() as server:
        use_email_url(settings, f"smtp://127.0.0.1:{server.port}")
        call_command("send_notifications")
        assert set(received(server)) == {
            email_of(cast, "publicist"),
            email_of(cast, "publicist2"),
        }
        assert waiting().count() == 0
        call_command("send_notifications")  # nothing twice
        assert len(server.messages) == 2


def test_the_command_leaves_messages_of_the_last_minutes_to_their_own_send(
    cast, smtp_server
):
    services.bouwsteen_transition(
        bouwsteen=cast.draft, user=cast.users["redacteur"], actie="indienen"
    )
    call_command("send_notifications")
    assert smtp_server.messages == []
    Bericht.objects.update(aangemaakt_op=timezone.now() - timedelta(minutes=3))
    call_command("send_notifications")
    assert len(smtp_server.messages) == 2
