from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_save


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, with a site that lets members of an organisation in."""

    default = False
    default_site = "bouwstenen.admin_site.RegistryAdminSite"


class BouwstenenConfig(AppConfig):
    name = "bouwstenen"
    verbose_name = "Bouwstenen"

    def ready(self):
        from bouwstenen.models import (
            Bouwsteen,
            BouwsteenConcept,
            Hergebruik,
            Opschalingsantwoord,
            Overdracht,
            Relatie,
            Uitgelicht,
        )
        from core.door import guard

        # Only bouwstenen.services writes these (core.door).
        guard(
            Bouwsteen,
            BouwsteenConcept,
            Hergebruik,
            Opschalingsantwoord,
            Overdracht,
            Relatie,
            Uitgelicht,
        )

        # registry may not import bouwstenen, so a renamed organisation, thema or GEMMA
        # component reaches the search index through a signal.
        from registry.models import Organisatie, Referentiecomponent, Thema

        for model in (Organisatie, Thema, Referentiecomponent):
            post_save.connect(
                _reindex_on_rename,
                sender=model,
                dispatch_uid=f"bouwstenen-reindex-{model.__name__}",
            )


def _reindex_on_rename(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and "naam" not in update_fields):
        return
    from bouwstenen.search import reindex_related

    reindex_related(sender, [instance.pk])
