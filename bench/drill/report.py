"""The drill's report: requests served, errors inside and outside the restart window,
the longest gap in service, and the verdict on the writes."""

from collections import Counter

from bench import server
from bench.drill.record import (
    MAX_ATTEMPTS,
    Drill,
    Event,
    Write,
    retryable,
)
from bench.drill.verdict import Verdict


def _longest_gap(events: list[Event], duration: float) -> tuple[float, float]:
    """The longest time without any successful answer, and when it began."""
    done = sorted(e.ended for e in events if 200 <= e.status < 400)
    if not done:
        return duration, 0.0
    gaps = [(b - a, a) for a, b in zip([0.0, *done], [*done, duration], strict=True)]
    return max(gaps)


def _listed(items: list[str], most: int = 5) -> str:
    if not items:
        return ""
    more = f", en {len(items) - most} meer" if len(items) > most else ""
    return f" ({'; '.join(items[:most])}{more})"


def _counted(errors: Counter) -> str:
    return f"{sum(errors.values())}" + (f" {dict(errors)}" if errors else "")


def _writes_lines(writes: list[Write], verdict: Verdict) -> list[str]:
    retried = [w for w in writes if len(w.attempts) > 1]
    retries = sum(len(w.attempts) - 1 for w in writes)
    kinds = Counter(w.kind for w in writes)
    finals = Counter(w.final.status for w in writes)
    replayed = [w for w in writes if w.final.replayed]
    first_failed = [w for w in writes if retryable(w.attempts[0].status)]
    return [
        f"- Schrijfacties (elk met een eigen Idempotency-Key): {len(writes)} "
        f"(aanmaken {kinds['create']}, indienen {kinds['submit']}); eindstatus: "
        + ", ".join(
            f"{'geen antwoord' if s == 0 else s}: {n}"
            for s, n in sorted(finals.items())
        )
        + ".",
        f"- Herhaald (na geen antwoord, 5xx of 429): {len(retried)} schrijfacties, "
        f"{retries} extra pogingen, hoogstens {max((len(w.attempts) for w in writes), default=0)} "
        f"pogingen voor een schrijfactie; eerste poging mislukt: {len(first_failed)}; "
        f"zonder definitief antwoord na {MAX_ATTEMPTS} pogingen: {len(verdict.undecided)}"
        + _listed(verdict.undecided)
        + ".",
        f"- Herhaalde antwoorden (`Idempotent-Replayed: true`): {len(replayed)}.",
        "- Opgeslagen terwijl de poging een 5xx of geen antwoord kreeg (in de database, "
        "en geen poging kreeg het eerste 2xx-antwoord): "
        f"{len(verdict.stored_despite_error)}"
        + (
            " ("
            + ", ".join(
                f"na {cause}: {stored}, daarvan {replayed} herhaald"
                for cause, (stored, replayed) in sorted(
                    verdict.despite_by_cause.items()
                )
            )
            + ")"
            if verdict.despite_by_cause
            else ""
        )
        + f"; bij een volgende poging beantwoord met het herhaalde antwoord: "
        f"{verdict.replayed_after_error}.",
        f"- Database: schrijfacties met 2xx: {verdict.confirmed}; kwijt: "
        f"{len(verdict.lost)}{_listed(verdict.lost)}; dubbel opgeslagen: "
        f"{len(verdict.duplicates)}{_listed(verdict.duplicates)}; antwoord in strijd "
        f"met de database: {len(verdict.wrong)}{_listed(verdict.wrong)}; geweigerd "
        f"(4xx, niet opgeslagen): {len(verdict.refused)}{_listed(verdict.refused)}.",
    ]


def report(drill: Drill, verdict: Verdict, meta: dict) -> tuple[str, bool]:
    events, restart = drill.events, drill.restart

    def in_window(e: Event) -> bool:
        return e.ended >= restart.started and e.started <= restart.ended

    statuses = Counter(e.status for e in events if not e.cut)
    cut = [e for e in events if e.cut]
    failing = [e for e in events if not e.cut and (e.status >= 500 or e.status == 0)]
    errors_in = Counter(e.status for e in failing if in_window(e))
    errors_out = Counter(e.status for e in failing if not in_window(e))
    error_span = (
        f"{min(e.started for e in failing):.2f} s tot {max(e.ended for e in failing):.2f} s"
        if failing
        else "geen"
    )
    gap, gap_start = _longest_gap(events, drill.duration)
    first_ok_after = min(
        (
            e.ended
            for e in events
            if e.started >= restart.ended and 200 <= e.status < 400
        ),
        default=None,
    )
    by_kind = Counter(e.kind for e in events)
    ok_by_kind = Counter(e.kind for e in events if 200 <= e.status < 400)
    lines = [
        f"# Storingsoefening, {meta['started']}",
        "",
        f"- Opzet: gunicorn {server.WORKERS} workers x {server.THREADS} threads, "
        f"{meta['clients']} clients, {meta['duration']:.0f} s verkeer, PostgreSQL "
        f"{meta['cluster']} (poort {meta['port']}), catalogus van {meta['size']} "
        "bouwstenen.",
        f"- Herstart (`pg_ctlcluster {meta['cluster'].replace('/', ' ')} restart`): "
        f"van {restart.started:.2f} s tot {restart.ended:.2f} s "
        f"({restart.ended - restart.started:.2f} s).",
        f"- Verzoeken (elke poging telt): {len(events)} "
        f"({len(events) / drill.duration:.0f}/s), waarvan "
        + ", ".join(
            f"{kind} {ok_by_kind[kind]}/{by_kind[kind]} goed"
            for kind in sorted(by_kind)
        )
        + ".",
        "- Status: "
        + ", ".join(
            f"{'geen antwoord' if s == 0 else s}: {n}"
            for s, n in sorted(statuses.items())
        )
        + ".",
        f"- Antwoord kwijt (`--cut-at`, `--cut-for`): van {drill.cut_from:.0f} s tot "
        f"{drill.cut_until:.0f} s verbrak de client na het versturen van de eerste "
        f"poging van elke schrijfactie de verbinding: {len(cut)} pogingen."
        if drill.cut_until > drill.cut_from
        else "- Antwoord kwijt: niet geoefend (`--cut-for 0`).",
        f"- Fouten (5xx of geen antwoord) binnen het herstartvenster: "
        f"{_counted(errors_in)}; daarbuiten: {_counted(errors_out)}. Fouten tussen "
        f"{error_span}.",
        f"- Langste onderbreking (geen enkel goed antwoord): {gap:.2f} s, vanaf "
        f"{gap_start:.2f} s.",
        "- Eerste goede antwoord na de herstart: "
        + (
            f"{first_ok_after - restart.ended:.2f} s na het einde ervan."
            if first_ok_after is not None
            else "geen."
        ),
        *_writes_lines(drill.writes, verdict),
    ]
    passed = not (
        verdict.lost
        or verdict.duplicates
        or verdict.wrong
        or verdict.refused
        or verdict.undecided
        or errors_out
    )
    lines += [
        "",
        "Doel (niets kwijt, niets dubbel, elk antwoord klopt met de database, geen "
        "geldige schrijfactie geweigerd, elke schrijfactie een definitief antwoord, geen "
        "5xx buiten het herstartvenster): "
        + ("**gehaald**." if passed else "**NIET gehaald**."),
    ]
    return "\n".join(lines) + "\n", passed
