"""The write scenario: create, submit and publish a block through the API, per operation."""

import uuid

import orjson

from bench import catalogue as catalogues
from bench import load


def operation(cat: catalogues.Catalogue):
    """Create as a redacteur, submit, and publish as a publicist (four eyes)."""
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
            }
        )
        created = await client.request(
            "POST", "/api/v1/bouwstenen", body=body, headers=redacteur
        )
        if created.status != 201:
            return
        block = orjson.loads(created.body)["uuid"]
        submitted = await client.request(
            "POST", f"/api/v1/bouwstenen/{block}/indienen", headers=redacteur
        )
        if submitted.status != 200:
            return
        await client.request(
            "POST", f"/api/v1/bouwstenen/{block}/publiceren", headers=publicist
        )

    return operation
