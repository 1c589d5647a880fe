from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RegistryConfig(AppConfig):
    default = True
    name = "registry"
    verbose_name = "Register"


class RegistryAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with a site that lets members of an organisation in."""

    default = False
    default_site = "registry.admin_site.RegistryAdminSite"
