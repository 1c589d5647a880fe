"""A realistic, reproducible catalogue of any size, for benchmarks and load drills.

Texts are Dutch-like sentences built from the vocabulary of this field; organisations,
thema's, GEMMA components and lagen are the real reference data. Everything is drawn from
one seeded random generator, so the same seed gives the same catalogue. Rows go in with
bulk inserts, a few thousand at a time.
"""

import datetime
import random
import uuid
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from bouwstenen import search
from bouwstenen.constants import (
    Antwoord,
    HergebruikStadium,
    HergebruikStatus,
    Levensfase,
    RelatieType,
    Soort,
    Voorwaarde,
    Vorm,
)
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord, Relatie
from bouwstenen.services import catalogus
from core.door import writing
from registry.constants import OrganisatieSoort, Publicatiestatus
from registry.models import Laag, Organisatie, Referentiecomponent, Thema

ONDERWERPEN = [
    "jeugdhulp", "wachttijden", "instroom", "doorlooptijden", "schuldhulpverlening", "minimaregelingen",
    "bijstand", "re-integratie", "energielabels", "isolatie", "warmtevraag", "aardgasvrije wijken",
    "woningvoorraad", "huurachterstanden", "wmo-voorzieningen", "mantelzorg", "leerlingenvervoer",
    "schoolverzuim", "verkeersveiligheid", "parkeerdruk", "laadpalen", "fietsstromen", "afvalinzameling",
    "meldingen openbare ruimte", "bomen", "groenonderhoud", "hittestress", "wateroverlast", "grondwater",
    "dijkinspecties", "peilbeheer", "stikstof", "vergunningen", "omgevingsplan", "bestemmingsplannen",
    "Woo-verzoeken", "klantcontacten", "zaakafhandeling", "subsidies", "inkoop", "personeelsverloop",
    "ondermijning", "veiligheidsbeeld", "participatie", "verkiezingen", "armoede", "eenzaamheid",
]  # fmt: skip
VORM_WOORDEN = {
    Vorm.DASHBOARD: ["Dashboard", "Monitor", "Inzicht in"],
    Vorm.MODEL: ["Voorspelmodel", "Risicomodel", "Prioriteringsmodel"],
    Vorm.DATAPIJPLIJN: ["Datapijplijn", "Koppeling", "Dataverwerking"],
    Vorm.API: ["API", "Gegevensdienst", "Koppelvlak"],
    Vorm.DATASET: ["Dataset", "Open data", "Register"],
    Vorm.SOFTWARECOMPONENT: ["Component", "Module", "Toepassing"],
}
SCOPES = ["per wijk", "per buurt", "voor de hele gemeente", "in de regio", "per huishouden", "per school",
          "per wegvak", "per polder", "voor wijkteams", "voor beleidsadviseurs"]  # fmt: skip
USE_CASE_WOORDEN = [
    "Aanpak",
    "Samen werken aan",
    "Eerder erbij bij",
    "Gericht sturen op",
]
WERKWIJZE_WOORDEN = ["Werkwijze", "Handreiking", "Stappenplan", "Spelregels voor"]
BRONNEN = ["de BAG", "de BRP (afgeleid)", "CBS-wijkcijfers", "het zaaksysteem", "de Basisregistratie Topografie",
           "energielabels van EP-online", "eigen registraties", "meldingen van inwoners", "sensordata",
           "de Basisregistratie Kadaster", "open data van het Rijk"]  # fmt: skip
DOELGROEPEN = ["beleidsadviseurs", "wijkteams", "de gemeenteraad", "inwoners", "ketenpartners",
               "medewerkers van het klantcontactcentrum", "toezichthouders", "data-analisten"]  # fmt: skip
WERKWOORDEN = [
    "laat zien",
    "voorspelt",
    "combineert",
    "ontsluit",
    "bundelt",
    "maakt zichtbaar",
    "meet",
]
RESULTATEN = ["kortere wachttijden", "minder handwerk", "betere sturing", "eerdere signalering",
              "gerichtere inzet van budget", "meer vertrouwen van inwoners", "minder dubbele registratie"]  # fmt: skip
LICENTIES = ["EUPL-1.2"] * 6 + [
    "MIT",
    "Apache-2.0",
    "CC-BY-4.0",
    "CC0-1.0",
    "AGPL-3.0-or-later",
    "EUPL-1.2 OR MIT",
]


@dataclass
class GeneratedCounts:
    bouwstenen: int
    hergebruik: int
    antwoorden: int
    relaties: int


def _weighted(rng: random.Random, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


def _sentence(rng: random.Random, onderwerp: str) -> str:
    return (
        f"Het {rng.choice(['dashboard', 'model', 'proces', 'team', 'product'])} "
        f"{rng.choice(WERKWOORDEN)} {onderwerp} {rng.choice(SCOPES)} op basis van "
        f"{rng.choice(BRONNEN)} en {rng.choice(BRONNEN)}, zodat {rng.choice(DOELGROEPEN)} "
        f"{rng.choice(['sneller', 'beter', 'gerichter', 'eerder'])} kunnen handelen."
    )


def _texts(rng: random.Random, soort: str, vorm: str) -> tuple[str, str, str]:
    onderwerp = rng.choice(ONDERWERPEN)
    tweede = rng.choice(ONDERWERPEN)
    if soort == Soort.DATATOEPASSING:
        naam = f"{rng.choice(VORM_WOORDEN[vorm])} {onderwerp} {rng.choice(SCOPES)}"
    elif soort == Soort.USE_CASE:
        naam = f"{rng.choice(USE_CASE_WOORDEN)} {onderwerp} en {tweede}"
    else:
        naam = f"{rng.choice(WERKWIJZE_WOORDEN)} {onderwerp}"
    samenvatting = f"{_sentence(rng, onderwerp)} Resultaat: {rng.choice(RESULTATEN)}."[
        :300
    ]
    paragraphs = [
        "## Wat het doet",
        " ".join(
            _sentence(rng, rng.choice([onderwerp, tweede]))
            for _ in range(rng.randint(3, 6))
        ),
    ]
    paragraphs += [
        "## Resultaten",
        f"Na invoering zagen we {rng.choice(RESULTATEN)} en {rng.choice(RESULTATEN)}.",
    ]
    paragraphs += [
        "## Hergebruik",
        " ".join(_sentence(rng, tweede) for _ in range(rng.randint(2, 4))),
    ]
    return naam[:200], samenvatting, "\n\n".join(paragraphs)


def _pick_organisations(rng: random.Random) -> list[Organisatie]:
    by_kind = {
        kind: list(Organisatie.objects.filter(soort=kind).order_by("code"))
        for kind in (
            OrganisatieSoort.GEMEENTE,
            OrganisatieSoort.PROVINCIE,
            OrganisatieSoort.WATERSCHAP,
            OrganisatieSoort.MINISTERIE,
        )
    }
    if not by_kind[OrganisatieSoort.GEMEENTE]:
        raise RuntimeError("Geen organisaties: voer eerst load_reference_data uit.")
    # Larger organisations publish more: a few gemeenten get most blocks.
    weighted = []
    for kind, share in ((OrganisatieSoort.GEMEENTE, 80), (OrganisatieSoort.PROVINCIE, 8),
                        (OrganisatieSoort.WATERSCHAP, 6), (OrganisatieSoort.MINISTERIE, 6)):  # fmt: skip
        orgs = by_kind[kind]
        weights = [rng.paretovariate(1.2) for _ in orgs]
        total = sum(weights)
        weighted += [
            (org, share * w / total) for org, w in zip(orgs, weights, strict=True)
        ]
    return weighted


def generate(
    *, count: int, seed: int = 1, batch_size: int = 2000, progress=None
) -> GeneratedCounts:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    organisations = _pick_organisations(rng)
    orgs, org_weights = zip(*organisations, strict=True)
    themas = list(Thema.objects.order_by("slug"))
    lagen = list(Laag.objects.order_by("volgorde"))
    componenten = list(Referentiecomponent.objects.order_by("gemma_id"))
    gemeenten = [o for o in orgs if o.soort == OrganisatieSoort.GEMEENTE]
    start = Bouwsteen.objects.count()
    now = timezone.now()
    today = timezone.localdate()
    totals = GeneratedCounts(0, 0, 0, 0)
    created_ids: list[int] = []

    for offset in range(0, count, batch_size):
        size = min(batch_size, count - offset)
        blocks, links = [], []
        for i in range(size):
            number = start + offset + i + 1
            soort = _weighted(
                rng, {Soort.DATATOEPASSING: 65, Soort.USE_CASE: 20, Soort.WERKWIJZE: 15}
            )
            vorm = rng.choice(Vorm.values) if soort == Soort.DATATOEPASSING else ""
            naam, samenvatting, beschrijving = _texts(rng, soort, vorm)
            status = _weighted(rng, {Publicatiestatus.GEPUBLICEERD: 85, Publicatiestatus.CONCEPT: 8,
                                     Publicatiestatus.TER_BEOORDELING: 4, Publicatiestatus.GEARCHIVEERD: 3})  # fmt: skip
            published = (
                now
                - datetime.timedelta(
                    days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 1440)
                )
                if status
                in (Publicatiestatus.GEPUBLICEERD, Publicatiestatus.GEARCHIVEERD)
                else None
            )
            organisatie = rng.choices(orgs, weights=org_weights)[0]
            blocks.append(
                Bouwsteen(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    naam=naam,
                    slug=f"{slugify(naam)[:180].strip('-')}-{number}",
                    soort=soort,
                    vorm=vorm,
                    samenvatting=samenvatting,
                    beschrijving=beschrijving,
                    organisatie=organisatie,
                    levensfase=_weighted(
                        rng,
                        {
                            Levensfase.IDEE: 15,
                            Levensfase.PILOT: 35,
                            Levensfase.OPSCHALING: 20,
                            Levensfase.PRODUCTIE: 25,
                            Levensfase.UITGEFASEERD: 5,
                        },
                    ),  # fmt: skip
                    publicatiestatus=status,
                    gepubliceerd_op=published,
                    licentie=rng.choice(LICENTIES),
                    contact_naam="Team Data",
                    contact_email=f"data@{slugify(organisatie.naam)}.example",
                )
            )
            links.append(
                (
                    rng.sample(themas, rng.randint(1, 3)),
                    rng.sample(lagen, rng.randint(1, 2)),
                    rng.sample(componenten, rng.choice([0, 1, 1, 2, 2, 3, 4])),
                )
            )
        # One door for the chunk: its blocks are rendered once, with their details
        # (bouwstenen.weergave).
        with writing():
            catalogus.bulk_insert_blocks(blocks, links, batch_size=batch_size)
            reuse, answers, relations = [], [], []
            published_blocks = [
                b for b in blocks if b.publicatiestatus == Publicatiestatus.GEPUBLICEERD
            ]
            for block in published_blocks:
                # Most blocks are reused by nobody; a few by many (a long tail).
                n = min(
                    int(rng.paretovariate(1.5)) - 1 if rng.random() < 0.45 else 0, 25
                )
                for reuser in rng.sample(gemeenten, n):
                    if reuser.pk != block.organisatie_id:
                        reuse.append(
                            Hergebruik(
                                bouwsteen_id=block.pk,
                                organisatie_id=reuser.pk,
                                stadium=_weighted(
                                    rng,
                                    {
                                        HergebruikStadium.INTERESSE: 15,
                                        HergebruikStadium.VERKENNING: 15,
                                        HergebruikStadium.PILOT: 25,
                                        HergebruikStadium.IN_GEBRUIK: 40,
                                        HergebruikStadium.GESTOPT: 5,
                                    },
                                ),  # fmt: skip
                                # Never in the future, as the model demands.
                                sinds=min(
                                    (
                                        block.gepubliceerd_op
                                        + datetime.timedelta(days=rng.randint(10, 400))
                                    ).date(),
                                    today,
                                ),
                                ervaring=_sentence(rng, rng.choice(ONDERWERPEN)),
                                # One in ten is a usedBy line nobody confirmed yet: a
                                # report, shown apart and not counted. Chosen without the
                                # random generator, so the rest of a seed stays the same.
                                **(
                                    {
                                        "status": HergebruikStatus.GEMELD,
                                        "gemeld_namens_id": block.organisatie_id,
                                        "gemeld_op": block.gepubliceerd_op,
                                        "melding_bron": "publiccode.yml (usedBy)",
                                    }
                                    if (block.uuid.int + reuser.pk) % 10 == 0
                                    else {}
                                ),
                            )
                        )
                if rng.random() < 0.5:
                    for code in rng.sample(Voorwaarde.values, rng.randint(8, 14)):
                        answers.append(
                            Opschalingsantwoord(
                                bouwsteen_id=block.pk,
                                voorwaarde=code,
                                antwoord=_weighted(
                                    rng,
                                    {
                                        Antwoord.JA: 50,
                                        Antwoord.DEELS: 25,
                                        Antwoord.NEE: 15,
                                        Antwoord.NVT: 10,
                                    },
                                ),
                            )
                        )
            for block in published_blocks:
                if rng.random() < 0.1 and len(published_blocks) > 1:
                    other = rng.choice(published_blocks)
                    if other.pk != block.pk:
                        relations.append(
                            Relatie(
                                van_id=block.pk,
                                type=rng.choice(RelatieType.values),
                                naar_id=other.pk,
                            )
                        )
            catalogus.bulk_insert_details(reuse, answers, relations)
        created_ids += [b.pk for b in blocks]
        totals.bouwstenen += len(blocks)
        totals.hergebruik += len(reuse)
        totals.antwoorden += len(answers)
        totals.relaties += len(relations)
        if progress:
            progress(totals.bouwstenen, count)
    search.reindex(created_ids)
    return totals
