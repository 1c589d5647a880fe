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
# Long enough for a thorough description with tables; a limit so one block cannot make
# every list, feed and export heavy (docs/api.md names it).
BESCHRIJVING_MAX_LENGTH = 50_000


class HergebruikStadium(models.TextChoices):
    INTERESSE = "interesse", "Interesse"
    VERKENNING = "verkenning", "Verkenning"
    PILOT = "pilot", "Pilot"
    IN_GEBRUIK = "in-gebruik", "In gebruik"
    GESTOPT = "gestopt", "Gestopt"


class HergebruikStatus(models.TextChoices):
    """Who says so: reuse counts only when the reusing organisation itself says it."""

    BEVESTIGD = "bevestigd", "Bevestigd"
    GEMELD = "gemeld", "Gemeld, nog niet bevestigd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class OverdrachtStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", "Aangevraagd"
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class Antwoord(models.TextChoices):
    JA = "ja", "Ja"
    DEELS = "deels", "Deels"
    NEE = "nee", "Nee"
    NVT = "nvt", "N.v.t."


class Voorwaarde(models.TextChoices):
    """The preconditions for scaling a data solution (the opschalingscheck)."""

    MAATSCHAPPELIJKE_OPGAVE = (
        "maatschappelijke-opgave",
        "Maatschappelijke opgave benoemd",
    )
    WAARDE_AANGETOOND = "waarde-aangetoond", "Waarde aangetoond"
    DRAAGVLAK_MANAGEMENT = "draagvlak-management", "Draagvlak bij management"
    MULTIDISCIPLINAIR_TEAM = "multidisciplinair-team", "Multidisciplinair team"
    ROADMAP = "roadmap", "Roadmap"
    DPIA = "dpia", "DPIA uitgevoerd"
    INFORMATIEBEVEILIGING = "informatiebeveiliging", "Informatiebeveiliging (BIO)"
    DATA_ARCHITECTUUR = "data-architectuur", "Data-architectuur beschreven"
    DATAMANAGEMENT = "datamanagement", "Datamanagement (eigenaar en beheerder benoemd)"
    BEHEER_EN_ONDERHOUD = "beheer-en-onderhoud", "Beheer en onderhoud geregeld"
    DOCUMENTATIE = "documentatie", "Documentatie"
    OPEN_LICENTIE = "open-licentie-en-broncode", "Open licentie en broncode"
    GEBRUIKERSTESTEN = "gebruikerstesten", "Gebruikerstesten"
    KENNISDELING = "kennisdeling", "Kennisdeling"


VOORWAARDE_UITLEG = {
    Voorwaarde.MAATSCHAPPELIJKE_OPGAVE: "Voor welke publieke taak is dit, en wie heeft er baat bij? Ja als de opgave en het beoogde effect zijn vastgelegd.",
    Voorwaarde.WAARDE_AANGETOOND: "Is met cijfers of ervaringen van gebruikers aangetoond wat het oplevert? Verwijs naar een evaluatie of rapport.",
    Voorwaarde.DRAAGVLAK_MANAGEMENT: "Steunt het management de doorontwikkeling, met tijd en budget na de pilot?",
    Voorwaarde.MULTIDISCIPLINAIR_TEAM: "Werken inhoud, data, IT, privacy en de gebruikers samen in één team?",
    Voorwaarde.ROADMAP: "Is er een plan voor de komende fasen, met mijlpalen en eigenaren?",
    Voorwaarde.DPIA: "Is een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd, of vastgesteld dat die niet nodig is?",
    Voorwaarde.INFORMATIEBEVEILIGING: "Zijn de maatregelen uit de Baseline Informatiebeveiliging Overheid (BIO) getroffen?",
    Voorwaarde.DATA_ARCHITECTUUR: "Is beschreven welke bronnen, koppelingen en opslag er zijn, bij voorkeur volgens Common Ground?",
    Voorwaarde.DATAMANAGEMENT: "Zijn een data-eigenaar en een databeheerder benoemd voor de gebruikte gegevens?",
    Voorwaarde.BEHEER_EN_ONDERHOUD: "Is geregeld wie het beheert, updates doet en storingen oplost, ook na de pilot?",
    Voorwaarde.DOCUMENTATIE: "Is er documentatie voor gebruikers, beheerders en organisaties die het willen hergebruiken?",
    Voorwaarde.OPEN_LICENTIE: "Staat de broncode openbaar onder een open licentie (bijvoorbeeld EUPL-1.2)?",
    Voorwaarde.GEBRUIKERSTESTEN: "Is het getest met de mensen die het gaan gebruiken, en is hun feedback verwerkt?",
    Voorwaarde.KENNISDELING: "Deelt het team de kennis, bijvoorbeeld in een community, op een kennisdag of in dit register?",
}

ANTWOORD_WAARDE = {Antwoord.JA: 1.0, Antwoord.DEELS: 0.5, Antwoord.NEE: 0.0}


class RelatieType(models.TextChoices):
    GEBRUIKT = "gebruikt", "gebruikt"
    GEBASEERD_OP = "gebaseerd-op", "is gebaseerd op"
    ALTERNATIEF_VOOR = "alternatief-voor", "is een alternatief voor"
    ONDERDEEL_VAN = "onderdeel-van", "is onderdeel van"


# How a relation reads from the other end.
RELATIE_OMGEKEERD = {
    RelatieType.GEBRUIKT: "wordt gebruikt door",
    RelatieType.GEBASEERD_OP: "is de basis voor",
    RelatieType.ALTERNATIEF_VOOR: "is een alternatief voor",
    RelatieType.ONDERDEEL_VAN: "heeft als onderdeel",
}


class LinkVeld(models.TextChoices):
    """The link fields of a block that ``check_links`` visits, with their page label."""

    REPOSITORY = "repository_url", "Broncode"
    DOCUMENTATIE = "documentatie_url", "Documentatie"
    DEMO = "demo_url", "Demo"
    WEBSITE = "website_url", "Website"


class VraagStatus(models.TextChoices):
    OPEN = "open", "Open"
    BEANTWOORD = "beantwoord", "Beantwoord en gesloten"


class MeldingReden(models.TextChoices):
    SPAM = "spam", "Spam of reclame"
    PERSOONSGEGEVENS = "persoonsgegevens", "Bevat persoonsgegevens"
    ONJUIST = "onjuist", "Onjuist of misleidend"


class MeldingStatus(models.TextChoices):
    OPEN = "open", "Te beoordelen"
    VERBORGEN = "verborgen", "Bericht verborgen"
    BEHOUDEN = "behouden", "Bericht behouden"
