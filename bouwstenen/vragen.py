"""Reading questions: what a visitor may see of them, shared by the API and the pages.

A question is shown when it is not hidden, its block is published, and it is public or
the visitor is a member of the asking or the owning organisation. A hidden answer is
never shown. Writing is in ``bouwstenen.services.vragen``.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from bouwstenen.models import Antwoord, Bouwsteen, Vraag
from registry import permissions


def vragen_visible_to(user) -> QuerySet[Vraag]:
    return Vraag.objects.zichtbaar_voor(permissions.roles_of(user))


def zichtbare_antwoorden() -> QuerySet[Antwoord]:
    return Antwoord.objects.filter(verborgen=False).select_related("organisatie")


def vragen_of(bouwsteen: Bouwsteen, user) -> QuerySet[Vraag]:
    """The threads of a block, newest first, with their visible answers: two queries
    whatever their number."""
    return (
        vragen_visible_to(user)
        .filter(bouwsteen=bouwsteen)
        .select_related("organisatie", "bouwsteen__organisatie")
        .prefetch_related(
            Prefetch(
                "antwoorden",
                queryset=zichtbare_antwoorden().order_by("aangemaakt_op", "pk"),
            )
        )
        .order_by("-aangemaakt_op", "-pk")
    )


def vragen_for_api(user) -> QuerySet[Vraag]:
    """Questions with what their representation reads, in one query per page."""
    return (
        vragen_visible_to(user)
        .select_related("organisatie", "bouwsteen__organisatie")
        .annotate(
            aantal_antwoorden=Count("antwoorden", filter=Q(antwoorden__verborgen=False))
        )
        .order_by("-aangemaakt_op", "-pk")
    )


def antwoorden_visible_to(user) -> QuerySet[Antwoord]:
    """Answers in threads the visitor may see, oldest first, as a thread reads."""
    return (
        zichtbare_antwoorden()
        .filter(vraag__in=vragen_visible_to(user))
        .select_related("vraag")
        .order_by("aangemaakt_op", "pk")
    )
