"""Needs for the tests, made through the services as the register's operator."""

from bouwstenen import services
from registry.models import Laag, Thema
from registry.permissions import OPERATOR


def make_need(
    *,
    organisatie,
    titel="Dashboard wachttijden jeugdzorg per wijk",
    status="gepubliceerd",
    beschrijving="Wij zoeken een dashboard dat de **wachttijden** in de jeugdzorg "
    "per wijk laat zien, voor de regiegroep.",
    thema="jeugdzorg",
    **values,
):
    """A need of ``organisatie`` in ``status`` (concept, ter-beoordeling, gepubliceerd,
    gearchiveerd), complete enough to publish."""
    values = {
        "titel": titel,
        "beschrijving": beschrijving,
        "contact_naam": "Team Data",
        "contact_email": "data@example.org",
        **values,
    }
    need = services.behoefte_create(
        user=OPERATOR,
        organisatie=organisatie,
        values=values,
        themas=[Thema.objects.get(slug=thema)],
        lagen=[Laag.objects.get(slug="interactie")],
    )
    steps = {
        "concept": [],
        "ter-beoordeling": ["indienen"],
        "gepubliceerd": ["indienen", "publiceren"],
        "gearchiveerd": ["indienen", "publiceren", "archiveren"],
    }[status]
    for actie in steps:
        need = services.behoefte_transition(user=OPERATOR, behoefte=need, actie=actie)
    return need
