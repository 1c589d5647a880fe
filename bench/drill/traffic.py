"""The mixed traffic: clients that read, and write through the API as a careful client
should (one Idempotency-Key per logical write, sent again until it is answered)."""

import asyncio
import random
import time
import uuid
from urllib.parse import urlencode

import orjson

from bench import catalogue as catalogues
from bench.drill.record import (
    FIRST_PAUSE,
    LONGEST_PAUSE,
    MAX_ATTEMPTS,
    Drill,
    Event,
    Write,
    retryable,
)
from bench.http import Connection, ConnectionLost
from bench.writes import VOORWAARDEN

# Every precondition answered: what a block needs before review, besides its fields.
ANSWERS = orjson.dumps(
    {"antwoorden": [{"voorwaarde": code, "antwoord": "nvt"} for code in VOORWAARDEN]}
)
READ_QUERIES = ["laadpalen", "jeugd", "grondwater peilbeheer", "stikstof", "sturing"]


def _pause(attempt: int, response, rng: random.Random) -> float:
    """How long to wait before ``attempt`` (2, 3, ...): Retry-After, else a backoff."""
    if response is not None and response.status == 429:
        try:
            return min(float(response.headers.get("retry-after", "")), LONGEST_PAUSE)
        except ValueError:
            pass
    pause = min(FIRST_PAUSE * 2 ** (attempt - 2), LONGEST_PAUSE)
    return pause * rng.uniform(0.75, 1.25)


def name_prefix(run: str) -> str:
    # Slugified by the registry to bench-schrijf-oefening-<run>-<i>: removed after the run.
    return f"Bench-schrijf oefening {run}"


async def traffic(port, cat, duration, clients, t0, drill: Drill, sample, seed):
    redacteur = {
        "Authorization": f"Token {cat.redacteur_token}",
        "Content-Type": "application/json",
    }
    created: list[str] = []  # uuids this drill created, for submit
    counter = iter(range(10**9))

    async def one(connection: Connection, kind: str, method: str, path: str, **kw):
        began = time.perf_counter() - t0
        try:
            response = await connection.request(method, path, **kw)
            status = response.status
        except (ConnectionLost, TimeoutError, OSError):
            response, status = None, 0
        return response, Event(kind, began, time.perf_counter() - t0, status)

    async def hang_up(connection: Connection, kind: str, path: str, **kw):
        began = time.perf_counter() - t0
        await connection.send_and_hang_up("POST", path, **kw)
        event = Event(kind, began, time.perf_counter() - t0, 0, cut=True)
        return None, event

    async def write(connection, rng, kind, path, target, body=b"") -> Write:
        """One logical write: a fresh key, the same request again until it is answered."""
        record = Write(kind, str(uuid.uuid4()), target)
        headers = {**redacteur, "Idempotency-Key": record.key}
        response = None
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if attempt > 1:
                await asyncio.sleep(_pause(attempt, response, rng))
            now = time.perf_counter() - t0
            if attempt == 1 and drill.cut_from <= now < drill.cut_until:
                response, event = await hang_up(
                    connection, kind, path, body=body, headers=headers
                )
            else:
                response, event = await one(
                    connection, kind, "POST", path, body=body, headers=headers
                )
            event.key, event.attempt = target, attempt
            event.replayed = (
                response is not None
                and response.headers.get("idempotent-replayed") == "true"
            )
            drill.events.append(event)
            record.attempts.append(event)
            if not retryable(event.status):
                break
        if record.succeeded:
            record.uuid = orjson.loads(response.body).get("uuid", "")
        elif response is not None and not record.undecided:
            problem = orjson.loads(response.body or b"{}")
            fields = [p.get("name", "") for p in problem.get("invalidParams", [])]
            record.answer = (
                f"{problem.get('code', '')}: {problem.get('detail', '')}"
                + (f" [{', '.join(fields)}]" if fields else "")
            )
        drill.writes.append(record)
        return record

    async def answer(connection, rng, block: str) -> bool:
        """Answer the block's whole opschalingscheck, as a block goes to review only
        complete (bouwstenen.completeness). Setting the same answers again changes
        nothing, so a PATCH is simply sent again until it is answered."""
        path = f"/api/v1/bouwstenen/{block}/opschalingscheck"
        response = None
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if attempt > 1:
                await asyncio.sleep(_pause(attempt, response, rng))
            response, event = await one(
                connection, "answer", "PATCH", path, body=ANSWERS, headers=redacteur
            )
            drill.events.append(event)
            if not retryable(event.status):
                break
        return response is not None and 200 <= response.status < 300

    async def client(number: int) -> None:
        rng = random.Random(seed + number)  # noqa: S311 - traffic, not secrets
        connection = Connection("127.0.0.1", port, timeout=15)
        while time.perf_counter() - t0 < duration:
            draw = rng.random()
            i = next(counter)
            if draw < 0.70:
                if draw < 0.15:
                    kind, path = "list", "/api/v1/bouwstenen"
                elif draw < 0.40:
                    q = urlencode({"q": rng.choice(READ_QUERIES)})
                    kind, path = "search", f"/api/v1/bouwstenen?{q}"
                else:
                    kind, path = "detail", f"/api/v1/bouwstenen/{rng.choice(sample)}"
                _response, event = await one(connection, kind, "GET", path)
                drill.events.append(event)
            elif draw < 0.90 or not created:
                # No slug: the registry makes one from the name, so a retry that were
                # carried out twice would show as a second block with that name.
                name = f"{name_prefix(drill.run)} {i}"
                record = await write(
                    connection,
                    rng,
                    "create",
                    "/api/v1/bouwstenen",
                    name,
                    orjson.dumps(_new_block(name)),
                )
                if record.succeeded:
                    created.append(record.uuid)
            else:
                block = created.pop(rng.randrange(len(created)))
                if not await answer(connection, rng, block):
                    continue
                await write(
                    connection,
                    rng,
                    "submit",
                    f"/api/v1/bouwstenen/{block}/indienen",
                    block,
                )
        await connection.close()

    await asyncio.gather(*(client(n) for n in range(clients)))


def _new_block(name: str) -> dict:
    return {
        "naam": name,
        "soort": "datatoepassing",
        "vorm": "dashboard",
        "samenvatting": "Wordt aangemaakt terwijl de database herstart.",
        "beschrijving": "## Wat het doet\n\nNiets: een oefening.",
        "organisatie": catalogues.WRITE_ORGANISATION,
        "levensfase": "idee",
        "themas": ["wonen"],
        "lagen": ["data"],
        "licentie": "EUPL-1.2",
        "contactpunt": {"naam": "Oefenteam", "email": "oefening@example.org"},
        "links": {"repository": "https://example.org/oefening"},
    }
