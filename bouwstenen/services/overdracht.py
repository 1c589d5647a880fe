"""Transferring a block to another organisation: the only way its owner changes.

Either side asks: the owner offers the block, or the receiving organisation claims it
(an import that found the block booked on someone else points here). A publicist of the
*other* side accepts or declines, so no organisation takes or gives away a block alone;
a beheerder may decide any transfer. The requesting side may withdraw it. Each step is
in the block's history.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from bouwstenen import meldingen, search
from bouwstenen.constants import OverdrachtStatus
from bouwstenen.models import Bouwsteen, Overdracht
from bouwstenen.selectors import bouwstenen_visible_to
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions
from registry.constants import Rol
from registry.models import Organisatie


def _lock(overdracht: Overdracht) -> Overdracht:
    return (
        Overdracht.objects.select_for_update(of=("self",))
        .select_related("bouwsteen", "van", "naar", "aangevraagd_namens")
        .get(pk=overdracht.pk)
    )


def _deciding_side(overdracht: Overdracht) -> Organisatie:
    """The side that did not ask: it accepts or declines."""
    if overdracht.aangevraagd_namens_id == overdracht.van_id:
        return overdracht.naar
    return overdracht.van


def may_decide(user, overdracht: Overdracht) -> bool:
    if user is not None and user.is_superuser:
        return True
    side = _deciding_side(overdracht)
    return permissions.roles_of(user).get(side.pk) == Rol.PUBLICIST


def may_withdraw(user, overdracht: Overdracht) -> bool:
    return overdracht.aangevraagd_namens_id in permissions.roles_of(user)


def overdracht_request(
    *, user, bouwsteen: Bouwsteen, naar: Organisatie, toelichting: str = ""
) -> Overdracht:
    """Ask to move ``bouwsteen`` to ``naar``, on behalf of the side the user belongs to."""
    if bouwsteen.is_geoogst:
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "Een geoogste bouwsteen wordt bij de bron bijgehouden en kan hier niet "
            "worden overgedragen.",
        )
    if naar.pk == bouwsteen.organisatie_id:
        raise ServiceError(
            Code.ONGELDIG,
            f"De bouwsteen hoort al bij {naar.naam}.",
            field_errors={"naar": ["Kies een andere organisatie."]},
        )
    roles = permissions.roles_of(user)
    if bouwsteen.organisatie_id in roles:
        namens = bouwsteen.organisatie
    elif naar.pk in roles:
        if not bouwstenen_visible_to(user).filter(pk=bouwsteen.pk).exists():
            raise ServiceError(Code.NIET_GEVONDEN, "Deze bouwsteen bestaat niet.")
        namens = naar
    elif user is not None and user.is_superuser:
        namens = bouwsteen.organisatie
    else:
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "Een overdracht vraagt een lid van de eigenaar of van de organisatie die de "
            "bouwsteen overneemt.",
        )
    with writing():
        locked = Bouwsteen.objects.select_for_update(of=("self",)).get(pk=bouwsteen.pk)
        if locked.overdrachten.filter(status=OverdrachtStatus.AANGEVRAAGD).exists():
            raise ServiceError(
                Code.BESTAAT_AL,
                "Voor deze bouwsteen loopt al een overdracht; wacht op het besluit of "
                "trek hem in.",
            )
        overdracht = Overdracht(
            bouwsteen=locked,
            van=locked.organisatie,
            naar=naar,
            aangevraagd_namens=namens,
            aangevraagd_door=permissions.account(user),
            toelichting=(toelichting or "").strip(),
        )
        try:
            overdracht.full_clean()
        except ValidationError as exc:
            raise ServiceError.from_validation(exc) from exc
        overdracht.save()
        record_history(
            locked,
            user,
            f"Overdracht aangevraagd door {namens.naam}: van {locked.organisatie.naam} "
            f"naar {naar.naam}",
            overdracht,
        )
        meldingen.overdracht_aangevraagd(
            overdracht, beslissende_kant=_deciding_side(overdracht)
        )
    return overdracht


def overdracht_accept(
    *, user, overdracht: Overdracht, toelichting: str = ""
) -> Overdracht:
    """The other side (or a beheerder) agrees: the block, its concept and its history
    move to the new owner. A reuse the new owner had recorded of it lapses (nobody
    reuses their own block); its versions stay in the history."""
    with writing():
        locked = _decide(user, overdracht, toelichting, OverdrachtStatus.GEACCEPTEERD)
        bouwsteen = (
            Bouwsteen.objects.select_for_update(of=("self",))
            .select_related("organisatie")
            .get(pk=locked.bouwsteen_id)
        )
        if bouwsteen.organisatie_id != locked.van_id:
            raise ServiceError(
                Code.STATUS,
                "De bouwsteen is intussen van eigenaar veranderd; deze overdracht geldt "
                "niet meer.",
            )
        for own in bouwsteen.hergebruik.filter(organisatie=locked.naar):
            record_history(
                own, user, f"Hergebruik vervalt: {locked.naar.naam} is nu eigenaar"
            )
            own.delete()
        bouwsteen.organisatie = locked.naar
        bouwsteen.versie += 1
        bouwsteen.save(update_fields=["organisatie", "versie", "gewijzigd_op"])
        search.reindex([bouwsteen.pk])
        record_history(
            bouwsteen,
            user,
            f"Overgedragen van {locked.van.naam} aan {locked.naar.naam}",
            locked,
        )
    return locked


def overdracht_decline(
    *, user, overdracht: Overdracht, toelichting: str = ""
) -> Overdracht:
    with writing():
        locked = _decide(user, overdracht, toelichting, OverdrachtStatus.AFGEWEZEN)
        record_history(
            locked.bouwsteen,
            user,
            f"Overdracht naar {locked.naar.naam} afgewezen",
            locked,
        )
    return locked


def overdracht_withdraw(*, user, overdracht: Overdracht) -> Overdracht:
    with writing():
        locked = _lock(overdracht)
        if not may_withdraw(user, locked):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                f"Alleen {locked.aangevraagd_namens.naam} kan deze aanvraag intrekken.",
            )
        if not locked.is_open:
            raise ServiceError(Code.STATUS, "Over deze overdracht is al besloten.")
        locked.status = OverdrachtStatus.INGETROKKEN
        locked.besloten_door = permissions.account(user)
        locked.besloten_op = timezone.now()
        locked.save()
        record_history(
            locked.bouwsteen,
            user,
            f"Overdracht naar {locked.naar.naam} ingetrokken",
            locked,
        )
    return locked


def _decide(user, overdracht: Overdracht, toelichting: str, status: str) -> Overdracht:
    locked = _lock(overdracht)
    if not may_decide(user, locked):
        side = _deciding_side(locked)
        raise ServiceError(
            Code.GEEN_TOEGANG,
            f"Een publicist van {side.naam} (of een beheerder) beslist over deze "
            "overdracht.",
        )
    if not locked.is_open:
        raise ServiceError(Code.STATUS, "Over deze overdracht is al besloten.")
    locked.status = status
    locked.besloten_door = permissions.account(user)
    locked.besloten_op = timezone.now()
    locked.besluit_toelichting = (toelichting or "").strip()
    try:
        locked.full_clean()
    except ValidationError as exc:
        raise ServiceError.from_validation(exc) from exc
    locked.save()
    return locked
