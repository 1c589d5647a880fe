"""Who is told what by e-mail: one function per kind of event.

The services call these from inside their write (``core.notifications.notify`` stores
the messages in the same transaction and sends them after the commit). Each function
picks the recipients and the context; the text is ``templates/meldingen/<kind>.txt``
(first line the subject). A new kind: declare it with ``event`` below, write its
template, add a function that calls ``notify``, and call that from the service.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.notifications import absolute, event, notify
from registry.constants import Rol

INGEDIEND = event(
    "ingediend", "Een bouwsteen van mijn organisatie wacht op beoordeling"
)
TERUGGESTUURD = event("teruggestuurd", "Mijn ingediende bouwsteen is teruggestuurd")
GEPUBLICEERD = event("gepubliceerd", "Mijn ingediende bouwsteen is gepubliceerd")
HERGEBRUIK_GEMELD = event(
    "hergebruik_gemeld", "Iemand meldt dat mijn organisatie een bouwsteen hergebruikt"
)
OVERDRACHT_AANGEVRAAGD = event(
    "overdracht_aangevraagd", "Een overdracht van een bouwsteen wacht op ons besluit"
)
LINK_KAPOT = event("link_kapot", "Een link van een bouwsteen werkt niet meer")
VEROUDERD = event(
    "verouderd", "Een bouwsteen is al een jaar niet bijgewerkt (herinnering)"
)


def members_of(organisatie_id: int, *, rol: str | None = None):
    users = get_user_model().objects.filter(
        lidmaatschappen__organisatie_id=organisatie_id
    )
    if rol is not None:
        users = users.filter(lidmaatschappen__rol=rol)
    return users.distinct().order_by("pk")


def _links(bouwsteen) -> dict:
    return {
        "bouwsteen": bouwsteen,
        "beheer_url": absolute(
            reverse("admin:bouwstenen_bouwsteen_change", args=[bouwsteen.pk])
        ),
        "pagina_url": absolute(reverse("catalogus:bouwsteen", args=[bouwsteen.slug])),
    }


def _name(user) -> str:
    if user is None or getattr(user, "pk", None) is None:
        return "de beheerder van het register"
    return user.get_full_name() or user.get_username()


def ingediend(bouwsteen, *, door, concept: bool) -> None:
    """Submitted for review: the publicists of the organisation (not the submitter)."""
    publicisten = [
        u
        for u in members_of(bouwsteen.organisatie_id, rol=Rol.PUBLICIST)
        if u.pk != getattr(door, "pk", None)
    ]
    notify(
        INGEDIEND,
        publicisten,
        {**_links(bouwsteen), "door": _name(door), "concept": concept},
    )


def teruggestuurd(bouwsteen, *, indiener, door, reden: str, concept: bool) -> None:
    """Sent back: whoever submitted it, with the reason."""
    notify(
        TERUGGESTUURD,
        [indiener],
        {**_links(bouwsteen), "door": _name(door), "reden": reden, "concept": concept},
    )


def gepubliceerd(bouwsteen, *, indiener, door, concept: bool) -> None:
    """Published: whoever submitted it (a publicist publishing their own work is not
    told what they just did)."""
    if indiener is not None and indiener.pk == getattr(door, "pk", None):
        return
    notify(
        GEPUBLICEERD,
        [indiener],
        {**_links(bouwsteen), "door": _name(door), "concept": concept},
    )


def hergebruik_gemeld(hergebruik) -> None:
    """A reported reuse: the members of the organisation named, who confirm or reject."""
    bouwsteen = hergebruik.bouwsteen
    code = hergebruik.organisatie.code
    notify(
        HERGEBRUIK_GEMELD,
        members_of(hergebruik.organisatie_id),
        {
            **_links(bouwsteen),
            "hergebruik": hergebruik,
            "bevestigen_url": absolute(
                reverse("catalogus:hergebruik-bevestigen", args=[bouwsteen.slug, code])
            ),
        },
    )


def overdracht_aangevraagd(overdracht, *, beslissende_kant) -> None:
    """A transfer request: the publicists of the side that decides."""
    notify(
        OVERDRACHT_AANGEVRAAGD,
        members_of(beslissende_kant.pk, rol=Rol.PUBLICIST),
        {
            **_links(overdracht.bouwsteen),
            "overdracht": overdracht,
            "kant": beslissende_kant,
            "overdracht_url": absolute(
                reverse("admin:bouwstenen_overdracht_change", args=[overdracht.pk])
            ),
        },
    )


def link_kapot(bouwsteen, controles) -> None:
    """Links that stopped working: every member of the owner, once per breakage."""
    notify(
        LINK_KAPOT,
        members_of(bouwsteen.organisatie_id),
        {**_links(bouwsteen), "controles": controles},
    )


def verouderd(bouwsteen, *, maanden: int) -> None:
    """Not changed for a year: every member of the owner."""
    notify(
        VEROUDERD,
        members_of(bouwsteen.organisatie_id),
        {**_links(bouwsteen), "maanden": maanden},
    )


VRAAG_GESTELD = event("vraag_gesteld", "Iemand stelt een vraag over onze bouwsteen")


def vraag_gesteld(vraag) -> None:
    """A question on a block: the members of the owning organisation (a closed question
    is seen by them and the asker's organisation only; the text says so)."""
    bouwsteen = vraag.bouwsteen
    notify(
        VRAAG_GESTELD,
        members_of(bouwsteen.organisatie_id),
        {
            **_links(bouwsteen),
            "vraag": vraag,
            "vraag_url": absolute(
                reverse("catalogus:bouwsteen", args=[bouwsteen.slug])
                + f"#vraag-{vraag.uuid}"
            ),
        },
    )
