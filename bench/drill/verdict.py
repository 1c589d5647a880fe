"""The verdict from the database: every logical write stored once if confirmed, never
twice, with its answer kept under its key."""

from dataclasses import dataclass, field

import psycopg

from bench import catalogue as catalogues
from bench.drill.record import (
    Drill,
    Event,
    retryable,
)

# What the history says of a submission (registry.workflow.INDIENEN.label).
SUBMITTED = "Ter beoordeling aanbieden"


def slug_pattern(run: str) -> str:
    return f"{catalogues.WRITTEN_SLUG_PREFIX}oefening-{run}-%"


@dataclass
class Verdict:
    confirmed: int  # logical writes answered with a 2xx
    lost: list[str]  # a 2xx, and not in the database
    duplicates: list[str]  # stored more than once
    wrong: list[str]  # an answer the database contradicts
    refused: list[str]  # a 4xx, not stored: the drill writes only valid requests
    undecided: list[str]  # no definitive answer after every attempt
    # Stored by an attempt whose answer was a 5xx or nothing (the database's timestamp
    # of the stored answer falls in that attempt), and of those, answered by a replay;
    # by what that attempt got: a 5xx, no answer, or a hang-up of the client.
    stored_despite_error: list[str]
    replayed_after_error: int
    despite_by_cause: dict[str, list[int]] = field(default_factory=dict)


def verify(cat: catalogues.Catalogue, drill: Drill) -> Verdict:
    """Every logical write against the database: once if confirmed, never twice."""
    pattern = slug_pattern(drill.run)
    with psycopg.connect(cat.dsn) as db:
        blocks = db.execute(
            "SELECT naam, uuid::text, publicatiestatus FROM bouwstenen_bouwsteen "
            "WHERE slug LIKE %s",
            [pattern],
        ).fetchall()
        submissions = dict(
            db.execute(
                """SELECT b.uuid::text, count(*)
                   FROM bouwstenen_bouwsteen b
                   JOIN reversion_version v ON v.object_id = b.id::text
                   JOIN django_content_type t ON t.id = v.content_type_id
                        AND t.app_label = 'bouwstenen' AND t.model = 'bouwsteen'
                   JOIN reversion_revision r ON r.id = v.revision_id
                   WHERE b.slug LIKE %s AND r.comment = %s
                   GROUP BY 1""",
                [pattern, SUBMITTED],
            ).fetchall()
        )
        keys = {
            row[0]: row[1:]
            for row in db.execute(
                """SELECT k.sleutel, k.status, k.antwoord ->> 'uuid'
                   FROM registry_idempotentiesleutel k
                   JOIN auth_user u ON u.id = k.gebruiker_id
                   WHERE u.username = %s AND k.sleutel = ANY(%s)""",
                [catalogues.REDACTEUR, [w.key for w in drill.writes]],
            )
        }
    by_name: dict[str, list[str]] = {}
    for naam, block, _status in blocks:
        by_name.setdefault(naam, []).append(block)
    status_of = {block: status for _naam, block, status in blocks}
    written = {w.target for w in drill.writes if w.kind == "create"}
    lost, duplicates, wrong, refused, undecided, despite = [], [], [], [], [], []
    confirmed = replayed_after_error = 0
    by_cause: dict[str, list[int]] = {}
    for name in sorted(set(by_name) - written):
        wrong.append(f"{name}: in de database, maar door geen schrijfactie geschreven")
    for w in drill.writes:
        label = f"{'aangemaakt' if w.kind == 'create' else 'ingediend'} {w.target}"
        if w.kind == "create":
            stored = len(by_name.get(w.target, []))
        else:
            stored = submissions.get(w.target, 0)
        if stored > 1:
            duplicates.append(f"{label} ({stored} keer)")
        key = keys.get(w.key)
        if w.succeeded:
            confirmed += 1
            if stored == 0 or (
                w.kind == "submit"
                and status_of.get(w.target) not in ("ter-beoordeling", "gepubliceerd")
            ):
                lost.append(label)
            elif w.kind == "create" and w.uuid not in by_name[w.target]:
                wrong.append(f"{label}: het antwoord noemt {w.uuid}")
        elif w.undecided:
            undecided.append(f"{label} ({'wel' if stored else 'niet'} opgeslagen)")
        elif stored:
            wrong.append(
                f"{label}: status {w.final.status} ({w.answer}), toch opgeslagen"
            )
        else:
            refused.append(f"{label}: status {w.final.status} ({w.answer})")
        if key is None:
            if stored:
                wrong.append(f"{label}: opgeslagen zonder het antwoord bij de sleutel")
            if w.final.replayed:
                wrong.append(f"{label}: herhaald antwoord zonder opgeslagen sleutel")
            continue
        key_status, key_uuid = key
        if w.succeeded and key_status != w.final.status:
            wrong.append(f"{label}: status {w.final.status}, bewaard {key_status}")
        if w.kind == "create" and w.succeeded and key_uuid != w.uuid:
            wrong.append(f"{label}: bewaard antwoord noemt {key_uuid}")
        if not stored or any(_first_answer(a) for a in w.attempts):
            continue
        # Stored, and no attempt heard the answer of the one that stored it: an attempt
        # that got a 5xx or nothing did (attempts can overlap: a hung-up one may still
        # run on the server when the next is sent).
        causes = sorted({_cause(a) for a in w.attempts if retryable(a.status)})
        cause = " of ".join(causes)
        despite.append(f"{label} (na {cause}; {len(w.attempts)} pogingen)")
        counts = by_cause.setdefault(cause, [0, 0])
        counts[0] += 1
        if w.succeeded and w.final.replayed:
            replayed_after_error += 1
            counts[1] += 1
    return Verdict(
        confirmed,
        lost,
        duplicates,
        wrong,
        refused,
        undecided,
        despite,
        replayed_after_error,
        by_cause,
    )


def _first_answer(event: Event) -> bool:
    """A 2xx that is no replay: the answer of the attempt that stored the write."""
    return 200 <= event.status < 300 and not event.replayed


def _cause(event: Event) -> str:
    if event.cut:
        return "verbinding verbroken door de client"
    return "geen antwoord" if event.status == 0 else str(event.status)
