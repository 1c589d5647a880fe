"""Reuse: recorded by the reusing organisation, or reported by another and then confirmed.

Only members of an organisation speak for it. What someone else says about it (a
``usedBy`` line in a publiccode.yml, the owner saying "X uses this") is stored as
*gemeld*: shown apart, never counted, until a member of X confirms it (it becomes X's own
reuse, with X's stadium and story) or rejects it. Every step is in the history.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from bouwstenen import meldingen
from bouwstenen.constants import HergebruikStadium, HergebruikStatus
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions
from registry.models import Organisatie

EDITABLE = (
    "stadium",
    "sinds",
    "ervaring",
    "resultaten",
    "contact_naam",
    "contact_email",
)


def _member_of(user, organisatie_id: int) -> bool:
    """A real membership: a beheerder is not every organisation, so confirming reuse
    (which counts it) takes a member of the reusing organisation itself."""
    return organisatie_id in permissions.roles_of(user)


def _speaks_for(user, organisatie_id: int) -> bool:
    """A member, a beheerder or the operator: enough to report for the owner."""
    return permissions.role_in(user, organisatie_id) is not None


def _validated(hergebruik: Hergebruik) -> Hergebruik:
    try:
        hergebruik.full_clean()
    except ValidationError as exc:
        if any(
            e.code == "unique" for errors in exc.error_dict.values() for e in errors
        ):
            raise ServiceError(
                Code.BESTAAT_AL,
                f"Voor {hergebruik.organisatie.naam} is hergebruik van deze bouwsteen "
                "al vastgelegd of gemeld.",
            ) from exc
        raise ServiceError.from_validation(exc) from exc
    return hergebruik


def _values(values: dict | None) -> dict:
    unknown = set(values or {}) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Geen velden van hergebruik: {', '.join(sorted(unknown))}")
    return dict(values or {})


def _lock(hergebruik: Hergebruik) -> Hergebruik:
    return (
        Hergebruik.objects.select_for_update(of=("self",))
        .select_related("bouwsteen", "organisatie")
        .get(pk=hergebruik.pk)
    )


def hergebruik_record(
    *, user, bouwsteen: Bouwsteen, organisatie: Organisatie, values: dict | None = None
) -> Hergebruik:
    """ "Wij gebruiken dit ook": a member of ``organisatie`` records its reuse (counted),
    or a member of the owner reports that ``organisatie`` uses it (gemeld)."""
    if not bouwsteen.is_published:
        raise ServiceError(
            Code.STATUS, "Hergebruik kan alleen van een gepubliceerde bouwsteen."
        )
    if _member_of(user, organisatie.pk):
        with writing():
            rejected = (
                Hergebruik.objects.select_for_update(of=("self",))
                .select_related("bouwsteen", "organisatie")
                .filter(
                    bouwsteen=bouwsteen,
                    organisatie=organisatie,
                    status=HergebruikStatus.AFGEWEZEN,
                )
                .first()
            )
            if rejected is not None:
                return _record_over_rejected(user, rejected, values)
            hergebruik = _validated(
                Hergebruik(
                    bouwsteen=bouwsteen,
                    organisatie=organisatie,
                    status=HergebruikStatus.BEVESTIGD,
                    **_values(values),
                )
            )
            hergebruik.save()
            record_history(hergebruik, user, "Hergebruik vastgelegd")
        return hergebruik
    if _speaks_for(user, bouwsteen.organisatie_id):
        return hergebruik_report(
            user=user,
            bouwsteen=bouwsteen,
            organisatie=organisatie,
            bron="de eigenaar",
            values=values,
            refuse_existing=True,
        )
    raise ServiceError(
        Code.GEEN_TOEGANG,
        "U kunt alleen hergebruik vastleggen voor een organisatie waarvan u lid bent, "
        "of als eigenaar melden wie de bouwsteen gebruikt.",
    )


def _record_over_rejected(user, rejected: Hergebruik, values: dict | None):
    """An organisation that rejected a report now records its reuse itself: the record
    (kept so that the report does not come back) becomes its own, with only what it
    says now. The rejection stays in the history."""
    values = _values(values)
    for name in EDITABLE:
        setattr(
            rejected,
            name,
            values.get(name, Hergebruik._meta.get_field(name).get_default()),
        )
    rejected.status = HergebruikStatus.BEVESTIGD
    rejected.beoordeeld_door = permissions.account(user)
    rejected.beoordeeld_op = timezone.now()
    rejected.afwijzing_reden = ""
    _validated(rejected).save()
    record_history(
        rejected,
        user,
        f"Hergebruik vastgelegd door {rejected.organisatie.naam} (na een eerder "
        "afgewezen melding)",
    )
    return rejected


def hergebruik_report(
    *,
    user,
    bouwsteen: Bouwsteen,
    organisatie: Organisatie,
    bron: str,
    values: dict | None = None,
    refuse_existing: bool = False,
) -> Hergebruik | None:
    """Someone other than ``organisatie`` says it uses ``bouwsteen``: a gemelde reuse.

    Only the owner (or the operator) reports. An organisation that already has a record
    (confirmed, reported or rejected) keeps it: a report never overrules what the
    organisation said itself (None is returned, or BESTAAT_AL with ``refuse_existing``).
    """
    if not _speaks_for(user, bouwsteen.organisatie_id):
        raise ServiceError(
            Code.GEEN_TOEGANG, "Alleen de eigenaar van de bouwsteen meldt hergebruik."
        )
    if organisatie.pk == bouwsteen.organisatie_id:
        raise ServiceError(
            Code.ONGELDIG,
            "Een organisatie meldt geen hergebruik van haar eigen bouwsteen.",
            field_errors={"organisatie": ["Kies een andere organisatie."]},
        )
    with writing():
        existing = Hergebruik.objects.filter(
            bouwsteen=bouwsteen, organisatie=organisatie
        ).first()
        if existing is not None:
            if refuse_existing:
                raise ServiceError(
                    Code.BESTAAT_AL,
                    f"Voor {organisatie.naam} is hergebruik van deze bouwsteen al "
                    "vastgelegd of gemeld.",
                )
            return None
        values = _values(values)
        values.setdefault("stadium", HergebruikStadium.IN_GEBRUIK)
        hergebruik = _validated(
            Hergebruik(
                bouwsteen=bouwsteen,
                organisatie=organisatie,
                status=HergebruikStatus.GEMELD,
                gemeld_namens=bouwsteen.organisatie,
                gemeld_door=permissions.account(user),
                gemeld_op=timezone.now(),
                melding_bron=bron[:200],
                **values,
            )
        )
        hergebruik.save()
        record_history(
            hergebruik,
            user,
            f"Hergebruik gemeld door {bouwsteen.organisatie.naam} ({bron}); nog niet "
            f"bevestigd door {organisatie.naam}",
        )
        meldingen.hergebruik_gemeld(hergebruik)
    return hergebruik


def hergebruik_confirm(
    *, user, hergebruik: Hergebruik, values: dict | None = None
) -> Hergebruik:
    """A member of the named organisation says: yes, we use it (with our own details)."""
    with writing():
        locked = _lock(hergebruik)
        if not _member_of(user, locked.organisatie_id):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                f"Alleen leden van {locked.organisatie.naam} bevestigen dit hergebruik.",
            )
        if locked.status == HergebruikStatus.BEVESTIGD:
            raise ServiceError(Code.STATUS, "Dit hergebruik is al bevestigd.")
        if not locked.bouwsteen.is_published:
            raise ServiceError(
                Code.STATUS, "Hergebruik kan alleen van een gepubliceerde bouwsteen."
            )
        for name, value in _values(values).items():
            setattr(locked, name, value)
        locked.status = HergebruikStatus.BEVESTIGD
        locked.beoordeeld_door = permissions.account(user)
        locked.beoordeeld_op = timezone.now()
        locked.afwijzing_reden = ""
        _validated(locked).save()
        record_history(
            locked, user, f"Hergebruik bevestigd door {locked.organisatie.naam}"
        )
    return locked


def hergebruik_reject(*, user, hergebruik: Hergebruik, reden: str = "") -> Hergebruik:
    """A member of the named organisation says: no, we do not use it. The record stays
    (rejected), so the same claim in the next import does not come back."""
    with writing():
        locked = _lock(hergebruik)
        if not _member_of(user, locked.organisatie_id):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                f"Alleen leden van {locked.organisatie.naam} wijzen dit hergebruik af.",
            )
        if locked.status != HergebruikStatus.GEMELD:
            raise ServiceError(
                Code.STATUS,
                "Alleen gemeld hergebruik kan worden afgewezen; trek eigen hergebruik "
                "in als het niet meer klopt.",
            )
        locked.status = HergebruikStatus.AFGEWEZEN
        locked.beoordeeld_door = permissions.account(user)
        locked.beoordeeld_op = timezone.now()
        locked.afwijzing_reden = (reden or "").strip()
        _validated(locked).save()
        record_history(
            locked,
            user,
            f"Hergebruik afgewezen door {locked.organisatie.naam}"
            + (f": {locked.afwijzing_reden}" if locked.afwijzing_reden else ""),
        )
    return locked


def hergebruik_update(*, user, hergebruik: Hergebruik, values: dict) -> Hergebruik:
    """The reusing organisation changes its own (confirmed) reuse."""
    with writing():
        locked = _lock(hergebruik)
        if not _member_of(user, locked.organisatie_id):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen de hergebruikende organisatie mag dit wijzigen.",
            )
        if locked.status != HergebruikStatus.BEVESTIGD:
            raise ServiceError(
                Code.STATUS,
                "Dit hergebruik is gemeld door een ander; bevestig het eerst, met uw "
                "eigen stadium en ervaring.",
            )
        for name, value in _values(values).items():
            setattr(locked, name, value)
        _validated(locked).save()
        record_history(locked, user, "Hergebruik gewijzigd")
    return locked


def hergebruik_withdraw(*, user, hergebruik: Hergebruik) -> None:
    """Take a reuse away: the reusing organisation its own, the reporter its report.
    The earlier versions stay in the history."""
    with writing():
        locked = _lock(hergebruik)
        own = _member_of(user, locked.organisatie_id)
        reporter = (
            locked.status == HergebruikStatus.GEMELD
            and locked.gemeld_namens_id is not None
            and _speaks_for(user, locked.gemeld_namens_id)
        )
        if not (own or reporter):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen de hergebruikende organisatie mag dit intrekken.",
            )
        record_history(locked, user, "Hergebruik ingetrokken")
        locked.delete()
