"""What the generic machinery stores: the answers to retried writes, the e-mail outbox
and who wants which e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Idempotentiesleutel(models.Model):
    """The answer to a write sent with an ``Idempotency-Key``, so a retry gets it again.

    Stored in the same transaction as the write it answers: a client that lost the
    response (a timeout, a 500 after the commit) and retries with the same key gets the
    first answer and nothing is stored twice (``core.api.idempotency``).
    """

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="+",
    )
    sleutel = models.CharField("sleutel", max_length=255)
    vingerafdruk = models.CharField(
        "vingerafdruk",
        max_length=64,
        help_text="Hash van methode, pad en body: dezelfde sleutel met iets anders is een fout.",
    )
    status = models.PositiveSmallIntegerField("status")
    antwoord = models.JSONField("antwoord", null=True, blank=True)
    headers = models.JSONField("headers", default=dict, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)

    class Meta:
        # Moved from the registry app; the table keeps its name and its data.
        db_table = "registry_idempotentiesleutel"
        verbose_name = "idempotentiesleutel"
        verbose_name_plural = "idempotentiesleutels"
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"],
                name="registry_idempotentiesleutel_unique_gebruiker_sleutel",
                violation_error_message="Deze sleutel is al gebruikt.",
            )
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"], name="registry_idempotentie_tijd_idx"
            )
        ]

    def __str__(self) -> str:
        return self.sleutel


class Bericht(models.Model):
    """One e-mail in the outbox: stored with the write that caused it, sent after.

    Written in the same transaction as the write (``core.notifications.notify``), so a
    message is never sent for a write that rolled back and never lost for one that
    committed; sending happens after the commit, and what failed stays here with its
    error until ``manage.py send_notifications`` sends it.
    """

    soort = models.CharField("soort", max_length=50)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ontvanger",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adres = models.EmailField("e-mailadres", max_length=254)
    onderwerp = models.CharField("onderwerp", max_length=300)
    tekst = models.TextField("tekst")
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    fout = models.TextField("laatste fout", blank=True)

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten"
        indexes = [
            # The retry reads the unsent ones only; they are few next to the sent.
            models.Index(
                fields=["aangemaakt_op"],
                name="core_bericht_onverzonden_idx",
                condition=models.Q(verzonden_op__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} → {self.adres}"


class Meldingsvoorkeur(models.Model):
    """The kinds of e-mail a user switched off; no row means all of them on."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="meldingsvoorkeur",
    )
    uitgezet = models.JSONField(
        "uitgezet",
        default=list,
        blank=True,
        help_text="De soorten e-mail die deze gebruiker niet wil ontvangen.",
    )
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "meldingsvoorkeur"
        verbose_name_plural = "meldingsvoorkeuren"

    def __str__(self) -> str:
        return str(self.gebruiker)
