"""``/themas`` and ``/themas/<slug>``: building blocks per public task."""

from django.db.models import F
from django.shortcuts import get_object_or_404, render

from bouwstenen import selectors
from registry.models import Thema

# A thema page shows the newest blocks; the search page (linked) has them all, paged.
THEMA_PAGE_BLOCKS = 12


def thema_lijst(request):
    return render(
        request, "catalogus/themas.html", {"themas": selectors.themas_with_counts()}
    )


def thema_detail(request, slug):
    thema = get_object_or_404(Thema, slug=slug)
    in_thema = selectors.public().filter(themas=thema)
    return render(
        request,
        "catalogus/thema.html",
        {
            "thema": thema,
            "aantal": in_thema.count(),
            "bouwstenen": selectors.cards(
                in_thema.order_by(F("gepubliceerd_op").desc(nulls_last=True), "pk")[
                    :THEMA_PAGE_BLOCKS
                ]
            ),
            "meest_hergebruikt": selectors.most_reused(in_thema, limit=3),
            "ervaringen": selectors.recent_experiences(thema=thema),
        },
    )
