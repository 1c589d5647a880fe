"""What every write of a building block checks first: the lock and the version the
caller started from, the writer's rights, that a published block stays complete, and
that what goes to review (and is published from it) has every part."""

from bouwstenen.completeness import completeness_of
from bouwstenen.models import Bouwsteen
from core.errors import Code, ServiceError
from registry import permissions
from registry.constants import Publicatiestatus


def lock(bouwsteen: Bouwsteen, expected_versie: int | None) -> Bouwsteen:
    locked = (
        Bouwsteen.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=bouwsteen.pk)
    )
    if expected_versie is not None and locked.versie != expected_versie:
        raise ServiceError(
            Code.VEROUDERD,
            "Iemand anders heeft deze bouwsteen intussen gewijzigd. Laad de nieuwste "
            "versie en breng uw wijziging opnieuw aan.",
            current_versie=locked.versie,
        )
    return locked


def refuse_edit(user, bouwsteen: Bouwsteen) -> None:
    if permissions.can_edit(user, bouwsteen):
        return
    if bouwsteen.is_geoogst:
        message = (
            f"Deze bouwsteen is geoogst uit {bouwsteen.bron_register} en wordt daar "
            "bijgehouden; hier kan hij niet worden gewijzigd."
        )
    elif permissions.role_in(user, bouwsteen.organisatie_id) is None:
        message = "U bent geen lid van de organisatie van deze bouwsteen."
    elif bouwsteen.publicatiestatus == Publicatiestatus.GEARCHIVEERD:
        message = (
            "Een gearchiveerde bouwsteen kan niet worden gewijzigd; herstel hem eerst."
        )
    else:
        message = "Alleen een publicist mag wijzigen wat ter beoordeling ligt."
    raise ServiceError(Code.GEEN_TOEGANG, message)


STAYS_COMPLETE = (
    "Een gepubliceerde bouwsteen blijft compleet: vul eerst de gemarkeerde velden in."
)
NOT_READY = "Nog niet klaar om te publiceren: vul eerst de gemarkeerde velden in."


def refuse_incomplete(view: Bouwsteen, message: str = STAYS_COMPLETE) -> None:
    problems = view.publication_problems()
    if problems:
        raise ServiceError(Code.ONVOLLEDIG, message, field_errors=problems)


NOT_READY_FOR_REVIEW = "Nog niet klaar om ter beoordeling aan te bieden"
NOT_READY_TO_PUBLISH = "Nog niet klaar om te publiceren"


def refuse_not_ready(view: Bouwsteen, opening: str) -> None:
    """Refuse a block (or a view of its concept) that lacks a part of the completeness
    rule, naming every missing part: the review path's rule (bouwstenen.completeness)."""
    volledigheid = completeness_of(view)
    if volledigheid.compleet:
        return
    missing = ", ".join(part.label for part in volledigheid.ontbreekt)
    raise ServiceError(
        Code.ONVOLLEDIG,
        f"{opening}: {volledigheid.samenvatting}. Nog nodig: {missing}.",
        field_errors=volledigheid.field_errors(),
    )
