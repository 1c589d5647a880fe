"""Model fields shared by the apps."""

from django.db import models

from registry.validators import WebUrlValidator


class WebURLField(models.URLField):
    """A link shown on public pages: http or https only (Django's URLField takes ftp too)."""

    default_validators = [WebUrlValidator()]
