from django.db import models


class OrganisatieSoort(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    PROVINCIE = "provincie", "Provincie"
    WATERSCHAP = "waterschap", "Waterschap"
    MINISTERIE = "ministerie", "Ministerie"
    UITVOERINGSORGANISATIE = "uitvoeringsorganisatie", "Uitvoeringsorganisatie"
    SAMENWERKINGSVERBAND = "samenwerkingsverband", "Samenwerkingsverband"
    OPENBAAR_LICHAAM = "openbaar-lichaam", "Openbaar lichaam (Caribisch Nederland)"


class CommonGroundLaag(models.TextChoices):
    """The five layers of the Common Ground model, from the user to the data."""

    INTERACTIE = "interactie", "Interactie"
    PROCES = "proces", "Proces"
    INTEGRATIE = "integratie", "Integratie"
    SERVICES = "services", "Services"
    DATA = "data", "Data"


class Publicatiestatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    TER_BEOORDELING = "ter-beoordeling", "Ter beoordeling"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
    GEARCHIVEERD = "gearchiveerd", "Gearchiveerd"


class Rol(models.TextChoices):
    REDACTEUR = "redacteur", "Redacteur"
    PUBLICIST = "publicist", "Publicist"
