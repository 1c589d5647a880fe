"""The reads behind comparing blocks side by side (the page and the API): the blocks
asked for, in the order asked, with everything the comparison table shows, in a fixed
number of queries for two blocks or four."""

from django.db.models import Prefetch

from bouwstenen import readiness
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.selectors import bouwstenen_visible_to, public, with_relations


def for_comparison(slugs: list[str]) -> list[Bouwsteen]:
    """Published blocks by slug, in the order asked, with everything the comparison
    table shows; a fixed number of queries for two blocks or four."""
    return _compared(public(), "slug", slugs)


def comparison_visible_to(user, uuids: list) -> list[Bouwsteen]:
    """The API's comparison: the blocks with these uuids that the user may see, in the
    order asked, with what the comparison shows."""
    return _compared(bouwstenen_visible_to(user), "uuid", uuids)


def _compared(queryset, key: str, values: list) -> list[Bouwsteen]:
    blocks = with_relations(
        readiness.with_counts(queryset.filter(**{f"{key}__in": values}))
    ).prefetch_related(
        "opschalingsantwoorden",
        Prefetch(
            "hergebruik",
            queryset=Hergebruik.objects.bevestigd()
            .select_related("organisatie")
            .order_by("stadium", "organisatie__naam"),
            to_attr="bevestigd_hergebruik",
        ),
    )
    by_key = {getattr(block, key): block for block in blocks}
    return [by_key[value] for value in values if value in by_key]
