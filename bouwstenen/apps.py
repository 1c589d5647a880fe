from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate, post_save


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, with a site that lets members of an organisation in."""

    default = False
    default_site = "bouwstenen.admin_site.RegistryAdminSite"


class BouwstenenConfig(AppConfig):
    name = "bouwstenen"
    verbose_name = "Bouwstenen"

    def ready(self):
        from bouwstenen.models import (
            Antwoord,
            Behoefte,
            Bouwsteen,
            BouwsteenConcept,
            Deelname,
            Hergebruik,
            Herinnering,
            Linkcontrole,
            Melding,
            Opschalingsantwoord,
            Overdracht,
            Relatie,
            Uitgelicht,
            Vraag,
        )
        from core.door import guard

        # Only bouwstenen.services writes these (core.door).
        guard(
            Behoefte,
            Bouwsteen,
            BouwsteenConcept,
            Deelname,
            Hergebruik,
            Herinnering,
            Linkcontrole,
            Opschalingsantwoord,
            Overdracht,
            Relatie,
            Uitgelicht,
            Vraag,
            Antwoord,
            Melding,
        )

        # The kinds of e-mail this app sends, for the users' preferences.
        from bouwstenen import meldingen  # noqa: F401

        # The stored representations follow every write (bouwstenen.weergave); the
        # API renders them when the outermost write ends (core.door).
        from bouwstenen.api.weergave import bring_up_to_date
        from bouwstenen.weergave import sync
        from core.door import after_writes

        sync.connect()
        after_writes("bouwstenen.weergave", bring_up_to_date)
        post_migrate.connect(
            _store_missing, sender=self, dispatch_uid="bouwstenen-weergave-migrate"
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


def _store_missing(sender, using="default", **kwargs):
    from bouwstenen.api.weergave import store_missing
    from bouwstenen.models import Weergave

    if using == "default" and Weergave._meta.db_table in _tables(using):
        store_missing()


def _tables(using: str) -> list[str]:
    from django.db import connections

    return connections[using].introspection.table_names()
