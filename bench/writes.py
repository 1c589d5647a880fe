"""The write scenario: create a block, answer its opschalingscheck, submit and publish it
through the API, per operation (a block goes to review only complete:
bouwstenen.completeness)."""

import uuid

import orjson

from bench import catalogue as catalogues
from bench import load

# Every precondition answered, as the completeness rule asks before review. The bench
# speaks to the server from outside Django, so the codes are spelled out here
# (tests/test_bench.py holds them to bouwstenen.constants.Voorwaarde).
VOORWAARDEN = (
    "maatschappelijke-opgave",
    "waarde-aangetoond",
    "draagvlak-management",
    "multidisciplinair-team",
    "roadmap",
    "dpia",
    "informatiebeveiliging",
    "data-architectuur",
    "datamanagement",
    "beheer-en-onderhoud",
    "documentatie",
    "open-licentie-en-broncode",
    "gebruikerstesten",
    "kennisdeling",
)
ANSWERS = orjson.dumps(
    {"antwoorden": [{"voorwaarde": code, "antwoord": "ja"} for code in VOORWAARDEN]}
)


def operation(cat: catalogues.Catalogue):
    """Create as a redacteur, answer the check, submit, and publish as a publicist
    (four eyes)."""
    run = uuid.uuid4().hex[:8]
    redacteur = {
        "Authorization": f"Token {cat.redacteur_token}",
        "Content-Type": "application/json",
    }
    publicist = {"Authorization": f"Token {cat.publicist_token}"}

    async def operation(client: load.Client, i: int) -> None:
        body = orjson.dumps(
            {
                "naam": f"Benchmark schrijftest {run} {i}",
                "slug": f"{catalogues.WRITTEN_SLUG_PREFIX}{run}-{i}",
                "soort": "datatoepassing",
                "vorm": "dashboard",
                "samenvatting": "Laat per wijk zien hoe lang aanvragen wachten.",
                "beschrijving": "## Wat het doet\n\nWachttijden per wijk, elke week.",
                "organisatie": catalogues.WRITE_ORGANISATION,
                "levensfase": "pilot",
                "themas": ["wonen"],
                "lagen": ["data"],
                "licentie": "EUPL-1.2",
                "contactpunt": {"naam": "Datalab", "email": "datalab@example.org"},
                "links": {"repository": "https://github.com/datalab/wachttijden"},
            }
        )
        created = await client.request(
            "POST", "/api/v1/bouwstenen", body=body, headers=redacteur, step="aanmaken"
        )
        if created.status != 201:
            return
        block = orjson.loads(created.body)["uuid"]
        answered = await client.request(
            "PATCH",
            f"/api/v1/bouwstenen/{block}/opschalingscheck",
            body=ANSWERS,
            headers=redacteur,
            step="opschalingscheck",
        )
        if answered.status != 200:
            return
        submitted = await client.request(
            "POST",
            f"/api/v1/bouwstenen/{block}/indienen",
            headers=redacteur,
            step="indienen",
        )
        if submitted.status != 200:
            return
        await client.request(
            "POST",
            f"/api/v1/bouwstenen/{block}/publiceren",
            headers=publicist,
            step="publiceren",
        )

    return operation
