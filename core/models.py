"""What the generic machinery stores: the answers to retried writes."""

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
