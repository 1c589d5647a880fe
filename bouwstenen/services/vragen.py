"""Questions on a published block: asking, answering, closing, reporting, moderating.

A member of any organisation asks, for that organisation; members of the owner answer
(and the asking organisation may follow up in the same thread); either side closes the
thread as answered. Anyone signed in may report a question or an answer; a beheerder
hides the message or keeps it. Only real memberships speak for an organisation: a
beheerder moderates, but does not ask or answer on anyone's behalf. Posting is limited
per account (``VRAGEN_POST_RATE``). Every step is in the history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from bouwstenen import meldingen
from bouwstenen.constants import MeldingStatus, VraagStatus
from bouwstenen.models import Antwoord, Bouwsteen, Melding, Vraag
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from core.rate_limit import Limit
from registry import permissions
from registry.models import Organisatie


def _posting_allowed(user) -> None:
    """One count per question, answer or report, per account; refused once over."""
    wait = Limit("vragen", settings.VRAGEN_POST_RATE).hit(user.pk)
    if wait is not None:
        minutes = max(int(wait // 60), 1)
        raise ServiceError(
            Code.TE_VAAK,
            f"U heeft de afgelopen tijd veel berichten geplaatst. Probeer het over "
            f"{minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw.",
            retry_after=wait,
        )


def _validated(obj):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ServiceError.from_validation(exc) from exc
    return obj


def _signed_in(user) -> None:
    if not (user and user.is_authenticated and user.is_active) or (
        permissions.is_operator(user)
    ):
        raise ServiceError(Code.GEEN_TOEGANG, "Log in om dit te doen.")


def _asking_organisation(user, organisatie: Organisatie | None) -> Organisatie:
    own = permissions.roles_of(user)
    if organisatie is not None:
        if organisatie.pk not in own:
            raise ServiceError(
                Code.GEEN_TOEGANG,
                f"U bent geen lid van {organisatie.naam}; u stelt vragen namens uw "
                "eigen organisatie.",
            )
        return organisatie
    if not own:
        raise ServiceError(
            Code.GEEN_TOEGANG,
            "Alleen leden van een organisatie in het register stellen vragen.",
        )
    if len(own) > 1:
        raise ServiceError(
            Code.ONGELDIG,
            "Kies namens welke organisatie u de vraag stelt.",
            field_errors={"organisatie": ["Kies een van uw organisaties."]},
        )
    return Organisatie.objects.get(pk=next(iter(own)))


def vraag_stellen(
    *,
    user,
    bouwsteen: Bouwsteen,
    titel: str,
    tekst: str,
    besloten: bool = False,
    organisatie: Organisatie | None = None,
) -> Vraag:
    """A member asks the owner of a published block a question, for their organisation."""
    _signed_in(user)
    if not bouwsteen.is_published:
        raise ServiceError(
            Code.STATUS, "Vragen kan alleen over een gepubliceerde bouwsteen."
        )
    organisatie = _asking_organisation(user, organisatie)
    vraag = _validated(
        Vraag(
            bouwsteen=bouwsteen,
            organisatie=organisatie,
            gesteld_door=user,
            titel=(titel or "").strip(),
            tekst=(tekst or "").strip(),
            besloten=bool(besloten),
        )
    )
    _posting_allowed(user)
    with writing():
        vraag.save()
        record_history(vraag, user, "Vraag gesteld")
        meldingen.vraag_gesteld(vraag)
    return vraag


def _lock(vraag: Vraag) -> Vraag:
    return (
        Vraag.objects.select_for_update(of=("self",))
        .select_related("bouwsteen", "organisatie", "bouwsteen__organisatie")
        .get(pk=vraag.pk)
    )


def _side_of(user, vraag: Vraag) -> int | None:
    """The organisation the user speaks for in this thread: the owner first."""
    own = permissions.roles_of(user)
    for organisatie_id in (vraag.bouwsteen.organisatie_id, vraag.organisatie_id):
        if organisatie_id in own:
            return organisatie_id
    return None


def vraag_beantwoorden(*, user, vraag: Vraag, tekst: str) -> Antwoord:
    """A member of the owner answers; the asking organisation may follow up."""
    _signed_in(user)
    with writing():
        vraag = _lock(vraag)
        side = _side_of(user, vraag)
        if side is None:
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen leden van de eigenaar van de bouwsteen (en van de vragende "
                "organisatie) schrijven in deze vraag.",
            )
        if vraag.verborgen or not vraag.bouwsteen.is_published:
            raise ServiceError(Code.STATUS, "Deze vraag is niet meer te zien.")
        if not vraag.is_open:
            raise ServiceError(
                Code.STATUS, "Deze vraag is gesloten; stel zo nodig een nieuwe vraag."
            )
        antwoord = _validated(
            Antwoord(
                vraag=vraag,
                organisatie_id=side,
                geschreven_door=user,
                tekst=(tekst or "").strip(),
            )
        )
        _posting_allowed(user)
        antwoord.save()
        record_history(antwoord, user, "Antwoord gegeven")
    return antwoord


def vraag_afsluiten(*, user, vraag: Vraag) -> Vraag:
    """The asking organisation or the owner marks the thread answered and closes it."""
    _signed_in(user)
    with writing():
        vraag = _lock(vraag)
        if _side_of(user, vraag) is None:
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen de vragende organisatie of de eigenaar sluit deze vraag.",
            )
        if not vraag.is_open:
            raise ServiceError(Code.STATUS, "Deze vraag is al gesloten.")
        vraag.status = VraagStatus.BEANTWOORD
        vraag.afgesloten_door = user
        vraag.afgesloten_op = timezone.now()
        vraag.save()
        record_history(vraag, user, "Vraag beantwoord en gesloten")
    return vraag


def bericht_melden(
    *, user, bericht: Vraag | Antwoord, reden: str, toelichting: str = ""
) -> Melding:
    """Anyone signed in reports a question or an answer to the beheerders."""
    _signed_in(user)
    if bericht.verborgen:
        raise ServiceError(Code.STATUS, "Dit bericht is al verborgen.")
    field = "vraag" if isinstance(bericht, Vraag) else "antwoord"
    if Melding.objects.filter(gemeld_door=user, **{field: bericht}).exists():
        raise ServiceError(
            Code.BESTAAT_AL,
            "U heeft dit bericht al gemeld; een beheerder kijkt ernaar.",
        )
    melding = _validated(
        Melding(
            reden=reden,
            toelichting=(toelichting or "").strip(),
            gemeld_door=user,
            **{field: bericht},
        )
    )
    _posting_allowed(user)
    with writing():
        melding.save()
        record_history(melding, user, f"Gemeld: {melding.get_reden_display()}")
    return melding


def melding_afhandelen(*, user, melding: Melding, verbergen: bool) -> Melding:
    """A beheerder hides the reported message (and closes every open report of it), or
    keeps it. Both the report and the message are in the history."""
    if not permissions.is_beheerder(user):
        raise ServiceError(
            Code.GEEN_TOEGANG, "Alleen een beheerder beoordeelt meldingen."
        )
    with writing():
        melding = (
            Melding.objects.select_for_update(of=("self",))
            .select_related("vraag", "antwoord")
            .get(pk=melding.pk)
        )
        if melding.status != MeldingStatus.OPEN:
            raise ServiceError(Code.STATUS, "Deze melding is al beoordeeld.")
        bericht = melding.bericht
        now = timezone.now()
        status = MeldingStatus.VERBORGEN if verbergen else MeldingStatus.BEHOUDEN
        field = "vraag" if melding.vraag_id else "antwoord"
        # Every open report of the same message is decided with it.
        decided = list(
            Melding.objects.select_for_update(of=("self",)).filter(
                status=MeldingStatus.OPEN, **{field: bericht}
            )
        )
        for each in decided:
            each.status = status
            each.beoordeeld_door = permissions.account(user)
            each.beoordeeld_op = now
            each.save()
        if verbergen:
            bericht.verborgen = True
            bericht.save()
        melding = next(each for each in decided if each.pk == melding.pk)
        record_history(
            melding,
            user,
            "Melding beoordeeld: bericht verborgen"
            if verbergen
            else "Melding beoordeeld: bericht behouden",
            bericht,
            *[each for each in decided if each.pk != melding.pk],
        )
    return melding
