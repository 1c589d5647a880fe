"""Atom feeds of published building blocks: new ones and changed ones, for the whole
catalogue, per thema and per organisation.

Each entry keeps the block's uuid as its id, so a reader shows a change as an update of
the same entry (``updated``), not as a new one.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from bouwstenen import behoeften, selectors
from core.markdown import plain_text
from registry.models import Organisatie, Thema

FEED_SIZE = 50
# How much of a need's description an entry carries.
SUMMARY = 300


class BouwstenenFeed(Feed):
    """``soort`` is ``nieuw`` (by publication) or ``gewijzigd`` (by last change)."""

    feed_type = Atom1Feed
    soort = "nieuw"

    def __init__(self, soort: str = "nieuw"):
        super().__init__()
        self.soort = soort

    def get_object(self, request, **kwargs):
        return None

    def scoped(self, obj):
        return selectors.public()

    def scope_name(self, obj) -> str:
        return _("het Bouwstenenregister")

    def title(self, obj):
        if self.soort == "nieuw":
            return _("Nieuwe bouwstenen in %(scope)s") % {"scope": self.scope_name(obj)}
        return _("Gewijzigde bouwstenen in %(scope)s") % {"scope": self.scope_name(obj)}

    def subtitle(self, obj):
        return _("Gepubliceerde herbruikbare bouwstenen van Nederlandse overheden.")

    def link(self, obj):
        return reverse("catalogus:zoeken")

    def author_name(self, obj):
        return _("Bouwstenenregister")

    def items(self, obj):
        field = "gepubliceerd_op" if self.soort == "nieuw" else "gewijzigd_op"
        return (
            self.scoped(obj)
            .select_related("organisatie")
            .prefetch_related("themas")
            .order_by(F(field).desc(nulls_last=True), "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.naam

    def item_description(self, item):
        # Atom carries the summary as type="html": a reader renders it as HTML. The
        # samenvatting is plain text, so escape it first; the XML writer escapes again.
        return escape(item.samenvatting)

    def item_link(self, item):
        return reverse("catalogus:bouwsteen", args=[item.slug])

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_updateddate(self, item):
        return item.gewijzigd_op

    def item_author_name(self, item):
        return item.organisatie.naam

    def item_categories(self, item):
        return [thema.naam for thema in item.themas.all()]


class ThemaFeed(BouwstenenFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Thema, slug=slug)

    def scoped(self, obj):
        return selectors.public().filter(themas=obj)

    def scope_name(self, obj):
        return _("thema %(naam)s") % {"naam": obj.naam}

    def link(self, obj):
        return reverse("catalogus:thema", args=[obj.slug])


class OrganisatieFeed(BouwstenenFeed):
    def get_object(self, request, code):
        return get_object_or_404(Organisatie, code=code)

    def scoped(self, obj):
        return selectors.public().filter(organisatie=obj)

    def scope_name(self, obj):
        return obj.naam

    def link(self, obj):
        return reverse("catalogus:organisatie", args=[obj.code])


class BehoeftenFeed(Feed):
    """Published needs, newest first: who is looking for what."""

    feed_type = Atom1Feed

    def title(self):
        return _("Behoeften in het Bouwstenenregister")

    def subtitle(self):
        return _("Wat overheden zoeken; sluit u aan als u hetzelfde nodig hebt.")

    def link(self):
        return reverse("catalogus:behoeften")

    def author_name(self):
        return _("Bouwstenenregister")

    def items(self):
        return (
            behoeften.public()
            .select_related("organisatie")
            .prefetch_related("themas")
            .order_by(F("gepubliceerd_op").desc(nulls_last=True), "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        if item.is_gesloten:
            return _("%(titel)s (gesloten)") % {"titel": item.titel}
        return item.titel

    def item_description(self, item):
        # Plain words of the Markdown, escaped: a reader renders type="html".
        return escape(plain_text(item.beschrijving)[:SUMMARY])

    def item_link(self, item):
        return reverse("catalogus:behoefte", args=[item.slug])

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_updateddate(self, item):
        return item.gesloten_op or item.gepubliceerd_op

    def item_author_name(self, item):
        return item.organisatie.naam

    def item_categories(self, item):
        return [thema.naam for thema in item.themas.all()]
