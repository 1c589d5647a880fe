"""Storing what a harvest read from another registry: the operator's writes of copies.

A harvested block is the other registry's published record, reviewed there; here it is a
read-only copy that only a harvest changes. So a harvest writes the copy as published
directly (no concept, no second person here), but through this door like any other write:
locked, validated (a copy must be complete to be public), versioned, indexed, in history.
"""

import datetime
import uuid
from collections.abc import Iterable

from bouwstenen import search
from bouwstenen.interop.fingerprint import fingerprint_of
from bouwstenen.models import Bouwsteen
from bouwstenen.services import content
from bouwstenen.services.bouwstenen import free_slug
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry.constants import Publicatiestatus
from registry.models import Organisatie
from registry.permissions import OPERATOR

NIEUW, BIJGEWERKT, ONGEWIJZIGD = "nieuw", "bijgewerkt", "ongewijzigd"


def harvest_store(
    *,
    register: str,
    bron_uuid: uuid.UUID,
    bron_url: str,
    slug: str,
    organisatie: Organisatie,
    values: dict,
    relations: dict[str, Iterable],
    fingerprint: str,
    gepubliceerd_op: datetime.datetime | None,
    now: datetime.datetime,
    document: str = "",
) -> tuple[Bouwsteen, str]:
    """Create or update the copy of one harvested record; raises ServiceError
    (``ongeldig`` or ``onvolledig``) when the record cannot be stored here."""
    with writing():
        existing = (
            Bouwsteen.objects.select_for_update(of=("self",))
            .filter(bron_register=register, bron_uuid=bron_uuid)
            .first()
        )
        if (
            existing is not None
            and existing.is_published
            and fingerprint_of(existing) == fingerprint
        ):
            existing.laatst_geoogst_op = now
            existing.save(update_fields=["laatst_geoogst_op"])
            return existing, ONGEWIJZIGD
        if existing is None:
            bouwsteen = Bouwsteen(bron_register=register, bron_uuid=bron_uuid)
            values = {**values, "slug": free_slug(slug)}
            outcome, comment = NIEUW, f"Geoogst uit {register}"
        else:
            bouwsteen = existing
            bouwsteen.versie += 1
            values = {k: v for k, v in values.items() if k != "slug"}
            outcome, comment = BIJGEWERKT, f"Bijgewerkt uit {register}"
        base = content.empty() if existing is None else content.snapshot_of(existing)
        inhoud = content.merged(
            base,
            values=values,
            relations=relations,
            herkomst={
                "bron_url": bron_url[:500],
                "bron_vingerafdruk": fingerprint,
                "bron_document": document,
            },
        )
        bouwsteen.organisatie = organisatie
        bouwsteen.laatst_geoogst_op = now
        bouwsteen.publicatiestatus = Publicatiestatus.GEPUBLICEERD
        bouwsteen.gepubliceerd_op = gepubliceerd_op or bouwsteen.gepubliceerd_op or now
        view = content.view_of(bouwsteen, inhoud)
        content.validate(view, inhoud, visible_targets=Bouwsteen.objects.none())
        content.apply(bouwsteen, inhoud, before=base, shown=view)
        # A copy is public here, so it is complete like every public block; raising
        # rolls the copy back.
        problems = bouwsteen.publication_problems()
        if problems:
            raise ServiceError(
                Code.ONVOLLEDIG,
                "onvolledig voor een openbare pagina: "
                + "; ".join(m for messages in problems.values() for m in messages),
                field_errors=problems,
            )
        # Found by a search like every public block, its words in the vocabulary.
        search.reindex_written(bouwsteen)
        record_history(bouwsteen, OPERATOR, comment)
    return bouwsteen, outcome


def harvest_archive(*, register: str, seen: set[uuid.UUID]) -> list[int]:
    """Archive the copies whose record the source no longer publishes."""
    with writing():
        vanished = list(
            Bouwsteen.objects.select_for_update()
            .filter(bron_register=register)
            .exclude(bron_uuid__in=seen)
            .exclude(publicatiestatus=Publicatiestatus.GEARCHIVEERD)
        )
        for bouwsteen in vanished:
            bouwsteen.publicatiestatus = Publicatiestatus.GEARCHIVEERD
            bouwsteen.versie += 1
            bouwsteen.save(update_fields=["publicatiestatus", "versie", "gewijzigd_op"])
            record_history(
                bouwsteen,
                OPERATOR,
                f"Niet meer gepubliceerd in {register}; gearchiveerd",
            )
        search.reindex([b.pk for b in vanished])
    return [b.pk for b in vanished]
