"""The unpublished changes to a published building block."""

import reversion

from django.db import models
from django.db.models import Q

from bouwstenen.models.bouwsteen import Bouwsteen
from core.constraints import CheckConstraint
from registry.constants import Publicatiestatus
from registry.models import (
    Beoordeelbaar,
)


@reversion.register()
class BouwsteenConcept(Beoordeelbaar):
    """Changes to a published block that nobody else has published yet.

    The published block stays public, unchanged, while its members work on this concept;
    a second person publishes it (``services.bouwsteen_transition``), and only then do
    the changes become the public block. ``inhoud`` holds the whole content as it would
    be published (``services.content``). A subject of the workflow like the block itself.
    """

    is_werkversie = True

    bouwsteen = models.OneToOneField(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="concept",
    )
    inhoud = models.JSONField("inhoud")
    publicatiestatus = models.CharField(
        "status",
        max_length=20,
        choices=[
            (Publicatiestatus.CONCEPT, Publicatiestatus.CONCEPT.label),
            (Publicatiestatus.TER_BEOORDELING, Publicatiestatus.TER_BEOORDELING.label),
        ],
        default=Publicatiestatus.CONCEPT,
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "concept van een gepubliceerde bouwsteen"
        verbose_name_plural = "concepten van gepubliceerde bouwstenen"
        constraints = [
            CheckConstraint(
                condition=Q(
                    publicatiestatus__in=[
                        Publicatiestatus.CONCEPT,
                        Publicatiestatus.TER_BEOORDELING,
                    ]
                ),
                name="bouwstenen_bouwsteenconcept_valid_status",
                violation_error_message="Een concept is concept of ter beoordeling.",
            )
        ]

    def __str__(self) -> str:
        return f"Concept van {self.bouwsteen}"

    @property
    def onderwerp(self) -> str:
        return self.bouwsteen.onderwerp

    @property
    def organisatie_id(self) -> int:
        return self.bouwsteen.organisatie_id
