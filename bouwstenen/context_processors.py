"""Who runs this registry, for every page: the footer, the statements and the error pages."""

from django.conf import settings


def beheerder(request):
    return {
        "beheerder": {
            "naam": settings.REGISTRY_BEHEERDER,
            "email": settings.REGISTRY_CONTACT_EMAIL,
            "adres": settings.REGISTRY_CONTACT_ADRES,
        }
    }
