from django.db import models


class Soort(models.TextChoices):
    DATATOEPASSING = "datatoepassing", "Datatoepassing"
    USE_CASE = "use-case", "Use case"
    WERKWIJZE = "werkwijze", "Werkwijze"


class Vorm(models.TextChoices):
    """What kind of data solution a datatoepassing is."""

    DASHBOARD = "dashboard", "Dashboard"
    MODEL = "model", "Model of algoritme"
    DATAPIJPLIJN = "datapijplijn", "Datapijplijn"
    API = "api", "API"
    DATASET = "dataset", "Dataset"
    SOFTWARECOMPONENT = "softwarecomponent", "Softwarecomponent"


class Levensfase(models.TextChoices):
    IDEE = "idee", "Idee"
    PILOT = "pilot", "Pilot"
    OPSCHALING = "opschaling", "Opschaling"
    PRODUCTIE = "productie", "Productie (in beheer)"
    UITGEFASEERD = "uitgefaseerd", "Uitgefaseerd"


# publiccode.yml ``developmentStatus`` for each levensfase, and back.
LEVENSFASE_TO_DEVELOPMENT_STATUS = {
    Levensfase.IDEE: "concept",
    Levensfase.PILOT: "development",
    Levensfase.OPSCHALING: "beta",
    Levensfase.PRODUCTIE: "stable",
    Levensfase.UITGEFASEERD: "obsolete",
}
DEVELOPMENT_STATUS_TO_LEVENSFASE = {
    v: k for k, v in LEVENSFASE_TO_DEVELOPMENT_STATUS.items()
}

SAMENVATTING_MAX_LENGTH = 300
