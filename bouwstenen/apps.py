from django.apps import AppConfig


class BouwstenenConfig(AppConfig):
    name = "bouwstenen"
    verbose_name = "Bouwstenen"
