from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Machinery that knows nothing of the domain it serves."""

    default = True
    name = "core"
    verbose_name = "Basis"

    def ready(self):
        from django.core import checks

        from core.db_router import check_shared_cache

        checks.register(check_shared_cache, checks.Tags.caches)

        from django.db.backends.signals import connection_created

        from core.postgresql_session import apply_session_settings
        from core.sqlite_statistics import keep_statistics

        # Each new connection: PostgreSQL's session settings, SQLite's statistics.
        connection_created.connect(
            apply_session_settings, dispatch_uid="core-postgresql-session"
        )
        connection_created.connect(
            keep_statistics, dispatch_uid="core-sqlite-statistics"
        )

        from core.door import guard
        from core.models import Bericht, Meldingsvoorkeur

        # The outbox and the preferences are written by core.notifications only.
        guard(Bericht, Meldingsvoorkeur)
