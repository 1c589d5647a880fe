"""E-mail notifications through an outbox: stored with the write, sent after the commit.

An app declares each kind of e-mail once (``event``: a kind, a label for the user's
preferences, and a template whose first line is the subject) and calls
``notify(event, recipients, context)`` from inside the write that causes it. ``notify``
stores one ``Bericht`` per recipient in the write's own transaction (through the door),
and asks Django to send them when that transaction commits. So:

- a write that rolls back sends nothing;
- a mail server that is down or slow never undoes or blocks the write: the message stays
  in the outbox with its error, and ``manage.py send_notifications`` sends it later;
- a user without an address, inactive, or who switched this kind off gets nothing.
"""

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from core.door import writing
from core.errors import Code, ServiceError
from core.models import Bericht, Meldingsvoorkeur

logger = logging.getLogger(__name__)

# The retry leaves young messages alone: they belong to the send after their commit.
RETRY_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Event:
    kind: str
    label: str
    template: str


EVENTS: dict[str, Event] = {}


def event(kind: str, label: str, template: str = "") -> Event:
    """Declare a kind of e-mail. ``template`` defaults to ``meldingen/<kind>.txt``: its
    first line is the subject, the rest the body (plain text, autoescape off)."""
    declared = Event(kind, label, template or f"meldingen/{kind}.txt")
    EVENTS[kind] = declared
    return declared


def absolute(path: str) -> str:
    """A path of this register as the address a reader of the e-mail can open."""
    return settings.REGISTRY_URL + path


def wants(users: Iterable, kind: str) -> list:
    """The users (once each) who get an e-mail of ``kind``: active, with an address, and
    not switched off. One query for the preferences of them all."""
    unique = {}
    for user in users:
        if user is not None and user.pk is not None and user.is_active and user.email:
            unique.setdefault(user.pk, user)
    if not unique:
        return []
    off = {
        pk
        for pk, uitgezet in Meldingsvoorkeur.objects.filter(
            gebruiker_id__in=unique
        ).values_list("gebruiker_id", "uitgezet")
        if kind in (uitgezet or [])
    }
    return [user for pk, user in unique.items() if pk not in off]


def _render(event: Event, context: dict) -> tuple[str, str]:
    text = render_to_string(event.template, context).strip()
    subject, _, body = text.partition("\n")
    # A header has no line breaks (a name typed with one would make Django refuse it).
    subject = " ".join(subject.split())[:300]
    return subject, body.strip() + "\n"


def notify(event: Event, recipients: Iterable, context: dict) -> list[Bericht]:
    """Queue ``event`` for each recipient (users); sent when the write commits."""
    berichten = []
    with writing():
        for user in wants(recipients, event.kind):
            subject, body = _render(
                event,
                {
                    **context,
                    "ontvanger": user,
                    "register_url": settings.REGISTRY_URL,
                    "voorkeuren_url": absolute("/admin/meldingen/"),
                },
            )
            bericht = Bericht(
                soort=event.kind,
                gebruiker=user,
                adres=user.email,
                onderwerp=subject,
                tekst=body,
            )
            bericht.save()
            berichten.append(bericht)
    if berichten:
        ids = [b.pk for b in berichten]
        transaction.on_commit(lambda: send(ids), robust=True)
    return berichten


def send(ids: list[int] | None = None, *, older_than: timedelta | None = None) -> dict:
    """Send the unsent messages (those in ``ids``, or all old enough); never raises.

    Each message is sent on its own: one refused address does not stop the rest. What
    fails keeps its error and a count of attempts, for the next run.
    """
    pending = Bericht.objects.filter(verzonden_op__isnull=True).order_by("pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    if older_than is not None:
        pending = pending.filter(aangemaakt_op__lte=timezone.now() - older_than)
    tally = {"verzonden": 0, "mislukt": 0}
    berichten = list(pending)
    if not berichten:
        return tally
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - any failure of the server is logged
        _failed(berichten, exc)
        tally["mislukt"] = len(berichten)
        return tally
    try:
        for bericht in berichten:
            message = EmailMessage(
                bericht.onderwerp,
                bericht.tekst,
                settings.DEFAULT_FROM_EMAIL,
                [bericht.adres],
                connection=connection,
            )
            try:
                message.send()
            except Exception as exc:  # noqa: BLE001 - logged and kept for a retry
                _failed([bericht], exc)
                tally["mislukt"] += 1
                continue
            with writing():
                Bericht.objects.filter(pk=bericht.pk).update(
                    verzonden_op=timezone.now(), pogingen=F("pogingen") + 1, fout=""
                )
            tally["verzonden"] += 1
    finally:
        # The messages are sent or logged already; a failing QUIT changes nothing.
        with contextlib.suppress(Exception):
            connection.close()
    return tally


def _failed(berichten: list[Bericht], exc: Exception) -> None:
    reason = f"{type(exc).__name__}: {exc}"[:1000]
    logger.warning(
        "E-mail niet verstuurd (%s bericht(en)); send_notifications probeert het opnieuw: %s",
        len(berichten),
        reason,
    )
    with writing():
        Bericht.objects.filter(pk__in=[b.pk for b in berichten]).update(
            pogingen=F("pogingen") + 1, fout=reason
        )


def preferences_of(user) -> set[str]:
    """The kinds ``user`` switched off."""
    row = Meldingsvoorkeur.objects.filter(gebruiker=user).first()
    return set(row.uitgezet) if row else set()


def preferences_save(*, user, uitgezet: Iterable[str]) -> Meldingsvoorkeur:
    """A user switches kinds of e-mail off (the rest on); only for themselves."""
    if user is None or not user.is_authenticated or user.pk is None:
        raise ServiceError(Code.GEEN_TOEGANG, "Log in om uw meldingen in te stellen.")
    kinds = sorted(set(uitgezet))
    unknown = [kind for kind in kinds if kind not in EVENTS]
    if unknown:
        raise ServiceError(
            Code.ONGELDIG,
            f"Onbekende soort melding: {', '.join(unknown)}.",
            field_errors={"uitgezet": ["Kies uit de getoonde meldingen."]},
        )
    with writing():
        voorkeur, _created = Meldingsvoorkeur.objects.select_for_update().get_or_create(
            gebruiker=user
        )
        voorkeur.uitgezet = kinds
        voorkeur.save()
    return voorkeur
