"""What waits for a member's organisations: the reads behind "Mijn organisatie".

The admin's start page shows, per organisation of the user, their drafts, what waits for
review, what was sent back and why, reported reuse to confirm, open transfers, broken
links and blocks left alone for a year. Every function here reads all the user's
organisations at once, so the page costs the same few queries however many
organisations or items there are; ``bouwstenen.admin.mijn_organisatie`` groups them per
organisation and makes the links.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bouwstenen import onderhoud
from bouwstenen.constants import OverdrachtStatus
from bouwstenen.models import Bouwsteen, Hergebruik, Overdracht
from registry import permissions
from registry.constants import Publicatiestatus
from registry.models import Organisatie

OPEN = [Publicatiestatus.CONCEPT, Publicatiestatus.TER_BEOORDELING]


def own_organisations(user) -> list[Organisatie]:
    """The organisations the user is a member of (their real memberships: a beheerder
    without one has none), with the role in ``rol``, by name."""
    roles = permissions.roles_of(user)
    organisations = list(Organisatie.objects.filter(pk__in=roles).order_by("naam"))
    for organisatie in organisations:
        organisatie.rol = roles[organisatie.pk]
    return organisations


@dataclass(frozen=True)
class Werk:
    """A block in the editorial workflow: a draft or submitted block, or the concept of
    changes to a published one (``is_werkversie``), read from whichever is reviewed."""

    bouwsteen: Bouwsteen
    status: str
    opmerking: str
    ingediend_door: object
    gewijzigd_op: object
    is_werkversie: bool

    @property
    def is_teruggestuurd(self) -> bool:
        # A return keeps the reason on the draft until it is submitted again
        # (services.workflow clears it on "indienen").
        return self.status == Publicatiestatus.CONCEPT and bool(self.opmerking)


def in_progress(organisation_ids: Iterable[int]) -> list[Werk]:
    """Drafts and what waits for review, of blocks and of concepts of published blocks,
    the latest change first (one query)."""
    blocks = (
        Bouwsteen.objects.filter(organisatie_id__in=list(organisation_ids))
        .filter(
            Q(publicatiestatus__in=OPEN)
            | Q(
                publicatiestatus=Publicatiestatus.GEPUBLICEERD,
                concept__isnull=False,
            )
        )
        .select_related("concept", "ingediend_door", "concept__ingediend_door")
        # The wide texts (a source document, a concept's whole content) are not shown.
        .defer(
            "beschrijving",
            "bron_document",
            "bron_waarden",
            "samenvatting",
            "concept__inhoud",
        )
    )
    werk = []
    for block in blocks:
        subject = block.werkversie if block.is_published else block
        werk.append(
            Werk(
                bouwsteen=block,
                status=subject.publicatiestatus,
                opmerking=subject.beoordeling_opmerking,
                ingediend_door=subject.ingediend_door,
                gewijzigd_op=subject.gewijzigd_op,
                is_werkversie=subject is not block,
            )
        )
    werk.sort(key=lambda w: (w.gewijzigd_op, w.bouwsteen.pk), reverse=True)
    return werk


def reported_reuse(organisation_ids: Iterable[int]) -> QuerySet[Hergebruik]:
    """Reuse that another organisation (or a publiccode.yml) reported of ours, waiting
    for us to confirm or reject it, the oldest report first."""
    return (
        Hergebruik.objects.gemeld()
        .filter(organisatie_id__in=list(organisation_ids))
        .select_related("bouwsteen", "gemeld_namens")
        .only(
            "pk",
            "organisatie_id",
            "gemeld_op",
            "melding_bron",
            "bouwsteen__naam",
            "gemeld_namens__naam",
        )
        .order_by("gemeld_op", "pk")
    )


def open_transfers(organisation_ids: Iterable[int]) -> QuerySet[Overdracht]:
    """Transfers still asked, to or from one of the organisations, the oldest first."""
    ids = list(organisation_ids)
    return (
        Overdracht.objects.filter(status=OverdrachtStatus.AANGEVRAAGD)
        .filter(Q(van_id__in=ids) | Q(naar_id__in=ids))
        .select_related("bouwsteen", "van", "naar")
        .only(
            "pk",
            "van_id",
            "naar_id",
            "aangevraagd_namens_id",
            "aangemaakt_op",
            "bouwsteen__naam",
            "van__naam",
            "naar__naam",
        )
        .order_by("aangemaakt_op", "pk")
    )


def with_broken_links(organisation_ids: Iterable[int]) -> QuerySet[Bouwsteen]:
    """Published blocks with a link that does not work, each with ``kapotte_links``
    (``onderhoud.with_broken_links``: two queries for all)."""
    return onderhoud.with_broken_links(
        Bouwsteen.objects.published().filter(organisatie_id__in=list(organisation_ids))
    ).order_by("naam", "pk")


def unchanged(organisation_ids: Iterable[int]) -> QuerySet[Bouwsteen]:
    """Published blocks not changed nor confirmed for a year (the rule of
    ``remind_stale``), the longest unchanged first. A harvested block is kept current
    at its source, not by its owner here."""
    return (
        onderhoud.unchanged_since(
            Bouwsteen.objects.published().filter(
                organisatie_id__in=list(organisation_ids), bron_register=""
            )
        )
        .only("pk", "naam", "organisatie_id", "gewijzigd_op")
        .order_by("gewijzigd_op", "pk")
    )
