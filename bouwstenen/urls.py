"""The public catalogue at the root of the site.

Like the API (NL API Design Rules), addresses have no trailing slash: ``/bouwstenen``,
``/bouwstenen/<slug>``. Feeds live under ``/feeds``.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from bouwstenen.feeds import (
    BehoeftenFeed,
    BouwstenenFeed,
    OrganisatieFeed,
    ThemaFeed,
)
from bouwstenen.sitemaps import SITEMAPS
from bouwstenen.views import (
    behoeften,
    detail,
    export,
    hergebruik,
    home,
    organisaties,
    referentiecomponenten,
    statistieken,
    themas,
    vergelijk,
    vragen,
    zoeken,
)

app_name = "catalogus"

urlpatterns = [
    path("", home.home, name="home"),
    path("bouwstenen", zoeken.zoeken, name="zoeken"),
    path("bouwstenen/export.<str:formaat>", export.exporteren, name="export"),
    path("vergelijk", vergelijk.vergelijk, name="vergelijk"),
    path("statistieken", statistieken.statistieken_pagina, name="statistieken"),
    path("bouwstenen/<slug:slug>", detail.bouwsteen_detail, name="bouwsteen"),
    path(
        "bouwstenen/<slug:slug>/hergebruik",
        hergebruik.hergebruik_vastleggen,
        name="hergebruik",
    ),
    path(
        "bouwstenen/<slug:slug>/hergebruik/<str:code>/bevestigen",
        hergebruik.hergebruik_bevestigen,
        name="hergebruik-bevestigen",
    ),
    path(
        "bouwstenen/<slug:slug>/hergebruik/<str:code>/afwijzen",
        hergebruik.hergebruik_afwijzen,
        name="hergebruik-afwijzen",
    ),
    path("behoeften", behoeften.behoefte_lijst, name="behoeften"),
    path("behoeften/<slug:slug>", behoeften.behoefte_detail, name="behoefte"),
    path(
        "behoeften/<slug:slug>/wij-ook",
        behoeften.behoefte_wij_ook,
        name="behoefte-wij-ook",
    ),
    path(
        "behoeften/<slug:slug>/sluiten",
        behoeften.behoefte_sluiten,
        name="behoefte-sluiten",
    ),
    path("bouwstenen/<slug:slug>/vragen", vragen.vraag_stellen, name="vraag-stellen"),
    path(
        "bouwstenen/<slug:slug>/vragen/<uuid:vraag>/antwoorden",
        vragen.vraag_beantwoorden,
        name="vraag-beantwoorden",
    ),
    path(
        "bouwstenen/<slug:slug>/vragen/<uuid:vraag>/afsluiten",
        vragen.vraag_afsluiten,
        name="vraag-afsluiten",
    ),
    path(
        "bouwstenen/<slug:slug>/vragen/<uuid:bericht>/melden",
        vragen.bericht_melden,
        {"soort": "vraag"},
        name="vraag-melden",
    ),
    path(
        "bouwstenen/<slug:slug>/antwoorden/<uuid:bericht>/melden",
        vragen.bericht_melden,
        {"soort": "antwoord"},
        name="antwoord-melden",
    ),
    path("organisaties", organisaties.organisatie_lijst, name="organisaties"),
    path(
        "organisaties/<str:code>", organisaties.organisatie_detail, name="organisatie"
    ),
    path("themas", themas.thema_lijst, name="themas"),
    path("themas/<slug:slug>", themas.thema_detail, name="thema"),
    path(
        "referentiecomponenten",
        referentiecomponenten.dekking,
        name="referentiecomponenten",
    ),
    path(
        "referentiecomponenten/<uuid:gemma_id>",
        referentiecomponenten.referentiecomponent_detail,
        name="referentiecomponent",
    ),
    path(
        "over", TemplateView.as_view(template_name="catalogus/over.html"), name="over"
    ),
    path(
        "toegankelijkheid",
        TemplateView.as_view(template_name="catalogus/toegankelijkheid.html"),
        name="toegankelijkheid",
    ),
    path(
        "privacy",
        TemplateView.as_view(template_name="catalogus/privacy.html"),
        name="privacy",
    ),
    path("feeds/nieuw", BouwstenenFeed("nieuw"), name="feed-nieuw"),
    path("feeds/gewijzigd", BouwstenenFeed("gewijzigd"), name="feed-gewijzigd"),
    path("feeds/themas/<slug:slug>/nieuw", ThemaFeed("nieuw"), name="thema-feed-nieuw"),
    path(
        "feeds/themas/<slug:slug>/gewijzigd",
        ThemaFeed("gewijzigd"),
        name="thema-feed-gewijzigd",
    ),
    path(
        "feeds/organisaties/<str:code>/nieuw",
        OrganisatieFeed("nieuw"),
        name="organisatie-feed-nieuw",
    ),
    path(
        "feeds/organisaties/<str:code>/gewijzigd",
        OrganisatieFeed("gewijzigd"),
        name="organisatie-feed-gewijzigd",
    ),
    path("feeds/behoeften", BehoeftenFeed(), name="feed-behoeften"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
