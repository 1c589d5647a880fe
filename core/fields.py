"""Model fields shared by the apps."""

from django.db import models

from core.validators import WebUrlValidator, validate_slug


class WebURLField(models.URLField):
    """A link shown on public pages: http or https only (Django's URLField takes ftp too)."""

    default_validators = [WebUrlValidator()]


class RegistrySlugField(models.SlugField):
    """A slug as the registry writes them: ``jeugdzorg-dashboard``, never ``Jeugd_Zorg-``."""

    default_validators = [validate_slug]
