from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Machinery that knows nothing of organisations or building blocks."""

    default = True
    name = "core"
    verbose_name = "Basis"
