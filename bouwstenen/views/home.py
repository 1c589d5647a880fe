"""``/``: search box, thema's, the Common Ground layers, what is new and what is reused."""

from django.shortcuts import render

from bouwstenen import selectors

# The layers drawn as one stacked picture: geometry of the server-side SVG.
LAAG_HOOGTE = 56
LAAG_AFSTAND = 8
SVG_BREEDTE = 480
# The bar runs between the name and the number.
BALK_X, BALK_BREEDTE = 180, 220


def _lagen_svg(lagen):
    """Coordinates for each layer of the picture, with a bar as long as its share."""
    most = max((laag.aantal for laag in lagen), default=0) or 1
    rows = []
    for index, laag in enumerate(lagen):
        rows.append(
            {
                "laag": laag,
                "y": index * (LAAG_HOOGTE + LAAG_AFSTAND),
                "balk": round(laag.aantal / most * BALK_BREEDTE),
            }
        )
    return {
        "rijen": rows,
        "hoogte": len(rows) * (LAAG_HOOGTE + LAAG_AFSTAND) - LAAG_AFSTAND,
        "breedte": SVG_BREEDTE,
        "rij_hoogte": LAAG_HOOGTE,
        "balk_x": BALK_X,
        "balk_breedte": BALK_BREEDTE,
    }


def home(request):
    lagen = selectors.lagen_with_counts()
    context = {
        "themas": selectors.themas_with_counts(),
        "lagen": _lagen_svg(lagen),
        "uitgelicht": selectors.featured(),
        "recent": selectors.recently_published(),
        "meest_hergebruikt": selectors.most_reused(),
        "ervaringen": selectors.recent_experiences(),
        "totaal": selectors.public().count(),
    }
    return render(request, "catalogus/home.html", context)
