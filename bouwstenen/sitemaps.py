"""``/sitemap.xml``: the public pages only; drafts and archived blocks have no address."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from bouwstenen import selectors
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus
from registry.models import Organisatie, Referentiecomponent, Thema


class PaginaSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return [
            "catalogus:home",
            "catalogus:zoeken",
            "catalogus:organisaties",
            "catalogus:themas",
            "catalogus:referentiecomponenten",
            "catalogus:over",
            "catalogus:statistieken",
            "catalogus:toegankelijkheid",
            "catalogus:privacy",
        ]

    def location(self, item):
        return reverse(item)


class BouwsteenSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return selectors.public().only("slug", "gewijzigd_op").order_by("slug")

    def location(self, item):
        return reverse("catalogus:bouwsteen", args=[item.slug])

    def lastmod(self, item):
        return item.gewijzigd_op


def _with_published(model, relation: str):
    """Records of ``model`` that have at least one published block (others are empty)."""
    published = Bouwsteen.objects.filter(
        publicatiestatus=Publicatiestatus.GEPUBLICEERD, **{relation: OuterRef("pk")}
    )
    return model.objects.filter(Exists(published))


class OrganisatieSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return _with_published(Organisatie, "organisatie").order_by("code")

    def location(self, item):
        return reverse("catalogus:organisatie", args=[item.code])


class ThemaSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Thema.objects.order_by("slug")

    def location(self, item):
        return reverse("catalogus:thema", args=[item.slug])


class ReferentiecomponentSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return _with_published(Referentiecomponent, "referentiecomponenten").order_by(
            "naam"
        )

    def location(self, item):
        return reverse("catalogus:referentiecomponent", args=[item.gemma_id])


SITEMAPS = {
    "paginas": PaginaSitemap,
    "bouwstenen": BouwsteenSitemap,
    "organisaties": OrganisatieSitemap,
    "themas": ThemaSitemap,
    "referentiecomponenten": ReferentiecomponentSitemap,
}
