from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Machinery that knows nothing of the domain it serves."""

    default = True
    name = "core"
    verbose_name = "Basis"
