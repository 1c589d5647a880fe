"""Keeping published blocks alive: link checks, reminders, and "still current".

The link checks and the reminders are the operator's (``check_links``,
``remind_stale``); they change no block, only what is known about it, and tell the owner
once. Confirming that a block is still current is a member's: it is a change of the
block (its version and ``gewijzigd_op`` move on, the history says so), since the block's
age on its page is the time since someone last vouched for it.
"""

from datetime import datetime

from bouwstenen import meldingen
from bouwstenen.interop.sources import Probe
from bouwstenen.models import Bouwsteen, Herinnering, Linkcontrole
from bouwstenen.services import guards
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry import permissions


def _refuse_unless_operator(user) -> None:
    if not permissions.is_beheerder(user):
        raise ServiceError(
            Code.GEEN_TOEGANG, "Alleen de beheerder van het register controleert dit."
        )


def linkcontroles_save(
    *, user, bouwsteen: Bouwsteen, probes: dict[str, tuple[str, Probe]], when: datetime
) -> list[Linkcontrole]:
    """Store what a check found (``{veld: (url, probe)}``, every link the block has now)
    and tell the owner about the links that broke since the last time; returns those.

    A link keeps the moment it first failed until it works again or is changed; the
    owner hears of a broken link once, not at every run.
    """
    _refuse_unless_operator(user)
    with writing():
        existing = {c.veld: c for c in bouwsteen.linkcontroles.select_for_update()}
        for veld, old in existing.items():
            if veld not in probes:
                old.delete()
        newly_broken = []
        for veld, (url, probe) in sorted(probes.items()):
            controle = existing.get(veld)
            if controle is None or controle.url != url:
                if controle is not None:
                    controle.delete()
                controle = Linkcontrole(bouwsteen=bouwsteen, veld=veld, url=url)
            controle.werkt = probe.werkt
            controle.http_status = probe.status
            controle.fout = probe.fout[:300]
            controle.gecontroleerd_op = when
            if probe.werkt:
                controle.kapot_sinds = controle.gemeld_op = None
            else:
                controle.kapot_sinds = controle.kapot_sinds or when
                if controle.gemeld_op is None:
                    controle.gemeld_op = when
                    newly_broken.append(controle)
            controle.save()
        if newly_broken:
            meldingen.link_kapot(bouwsteen, newly_broken)
    return newly_broken


def herinnering_send(*, user, bouwsteen: Bouwsteen, when: datetime, maanden: int):
    """Remind the owner that the block was not changed for ``maanden`` months."""
    _refuse_unless_operator(user)
    with writing():
        Herinnering.objects.update_or_create(
            bouwsteen=bouwsteen, defaults={"herinnerd_op": when}
        )
        meldingen.verouderd(bouwsteen, maanden=maanden)


def bouwsteen_confirm_current(
    *, user, bouwsteen: Bouwsteen, expected_versie: int | None = None
) -> Bouwsteen:
    """Someone of the owner says the published block is still current."""
    with writing():
        locked = guards.lock(bouwsteen, expected_versie)
        if not permissions.can_confirm_current(user, locked):
            raise ServiceError(
                Code.GEEN_TOEGANG,
                "Alleen iemand van de eigenaar kan bevestigen dat deze bouwsteen nog "
                "actueel is."
                if not locked.is_geoogst
                else "Een geoogste bouwsteen wordt bij de bron bijgehouden.",
            )
        if not locked.is_published:
            raise ServiceError(
                Code.STATUS,
                "Alleen een gepubliceerde bouwsteen kan als actueel worden bevestigd.",
            )
        locked.versie += 1
        locked.save()
        record_history(locked, user, "Bevestigd: de inhoud is nog actueel")
    return locked


def linkcontroles_forget(*, user, checked: set[int]) -> int:
    """Drop what is known about the links of blocks that were not checked (no longer
    published, or without links): it would be old news when they come back."""
    _refuse_unless_operator(user)
    with writing():
        deleted, _per_model = Linkcontrole.objects.exclude(
            bouwsteen_id__in=checked
        ).delete()
    return deleted
