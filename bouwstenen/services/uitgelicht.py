"""Uitgelicht: a beheerder features a published block on the home page, or stops.

Not a change of the block: its version, its history and what the API says about it stay
as they were. Who featured it and when are on the ``Uitgelicht`` record.
"""

from bouwstenen.models import Bouwsteen, Uitgelicht
from bouwstenen.services.guards import lock
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions
from registry.constants import Publicatiestatus


def _refuse_unless_beheerder(user) -> None:
    if not permissions.is_beheerder(user):
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "Alleen een beheerder van het register kan bouwstenen uitlichten.",
        )


def bouwsteen_feature(*, user, bouwsteen: Bouwsteen) -> Uitgelicht:
    """Feature the block on the home page (newest first)."""
    with writing():
        _refuse_unless_beheerder(user)
        locked = lock(bouwsteen, None)
        if locked.publicatiestatus != Publicatiestatus.GEPUBLICEERD:
            raise ServiceError(
                Code.STATUS,
                "Alleen een gepubliceerde bouwsteen kan worden uitgelicht.",
            )
        if Uitgelicht.objects.filter(bouwsteen=locked).exists():
            raise ServiceError(Code.BESTAAT_AL, "Deze bouwsteen is al uitgelicht.")
        return Uitgelicht.objects.create(
            bouwsteen=locked, uitgelicht_door=permissions.account(user)
        )


def seed_featured(*, bouwsteen: Bouwsteen) -> bool:
    """The demo catalogue's choice, made by the operator; False when it was made."""
    if Uitgelicht.objects.filter(bouwsteen=bouwsteen).exists():
        return False
    bouwsteen_feature(user=permissions.OPERATOR, bouwsteen=bouwsteen)
    return True


def bouwsteen_unfeature(*, user, bouwsteen: Bouwsteen) -> None:
    """Take the block off the home page."""
    with writing():
        _refuse_unless_beheerder(user)
        locked = lock(bouwsteen, None)
        deleted, _per_model = Uitgelicht.objects.filter(bouwsteen=locked).delete()
        if not deleted:
            raise ServiceError(Code.STATUS, "Deze bouwsteen is niet uitgelicht.")
