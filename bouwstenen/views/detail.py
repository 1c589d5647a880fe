"""``/bouwstenen/<slug>``: everything about one published block."""

from django.http import Http404
from django.shortcuts import render
from django.utils.timezone import localdate

from bouwstenen import behoeften, onderhoud, search, selectors
from bouwstenen.constants import RELATIE_OMGEKEERD
from bouwstenen.forms import HergebruikForm, member_organisations
from bouwstenen.history import levensfase_tijdlijn
from bouwstenen.models import Bouwsteen
from bouwstenen.readiness import readiness_of
from bouwstenen.views.vragen import threads_for


def _relaties(bouwsteen):
    """Both directions, each as (how it reads from this block, the other block)."""
    uit = [(r.get_type_display(), r.naar) for r in bouwsteen.relaties_uit.all()]
    in_ = [(RELATIE_OMGEKEERD[r.type], r.van) for r in bouwsteen.relaties_in.all()]
    return uit + in_


def _verhaal(bouwsteen, tijdlijn, hergebruik):
    """The story from idea to scale: phases from the history, then who joined when."""
    events = [
        {"datum": localdate(fase.sinds), "soort": "fase", "fase": fase}
        for fase in tijdlijn
    ]
    if bouwsteen.gepubliceerd_op:
        published = localdate(bouwsteen.gepubliceerd_op)
        # A block registered after the fact (imported, or the demo) was already public
        # in its first recorded phase: date that phase from its publication.
        if events:
            events[0]["datum"] = min(events[0]["datum"], published)
        events.append({"datum": published, "soort": "publicatie"})
    events += [
        {"datum": h.sinds, "soort": "hergebruik", "hergebruik": h}
        for h in hergebruik
        if h.sinds
    ]
    order = {"fase": 0, "publicatie": 1, "hergebruik": 2}
    return sorted(events, key=lambda e: (e["datum"], order[e["soort"]]))


ANTWOORD_VOLGORDE = ("ja", "deels", "nee", "open", "nvt")


def _samenstelling(gereedheid):
    """How the answers add up, for the stacked bar and its legend (n.v.t. not drawn)."""
    counts = dict.fromkeys(ANTWOORD_VOLGORDE, 0)
    for precondition in gereedheid.preconditions:
        counts[precondition.antwoord or "open"] += 1
    drawn = sum(n for key, n in counts.items() if key != "nvt") or 1
    segments, x = [], 0.0
    for key in ANTWOORD_VOLGORDE[:-1]:
        width = 100 * counts[key] / drawn
        if width:
            segments.append(
                {"soort": key, "x": round(x, 2), "breedte": round(width, 2)}
            )
        x += width
    return {"aantallen": counts, "segmenten": segments}


def reuse_offer(user, bouwsteen, hergebruik, mijn: list) -> dict:
    """What the "Wij gebruiken dit ook" part shows this visitor: a report about their
    organisation to confirm first, otherwise the form to record their reuse for one of
    their organisations (``mijn``) other than the owner."""
    if not user.is_authenticated:
        return {"stand": "anoniem"}
    organisaties = [o for o in mijn if o.pk != bouwsteen.organisatie_id]
    if not organisaties:
        return {"stand": "eigen" if mijn else "geen-lid"}
    own = {o.pk for o in organisaties}
    reported = [h for h in hergebruik if h.is_gemeld and h.organisatie_id in own]
    if reported:
        return {"stand": "gemeld", "meldingen": reported}
    recorded = {h.organisatie_id for h in hergebruik}
    open_ = [o for o in organisaties if o.pk not in recorded]
    if not open_:
        return {"stand": "al-vastgelegd"}
    return {"stand": "formulier", "form": HergebruikForm(organisaties=open_)}


def _broken_links(bouwsteen) -> dict:
    """The block's links that did not work at the last check, by field: read when the
    page is shown (one query), not stored with the block."""
    return {
        c.veld: c
        for c in onderhoud.broken().filter(bouwsteen=bouwsteen)
        # A link changed since the check is not the link that failed.
        if getattr(bouwsteen, c.veld) == c.url
    }


def bouwsteen_detail(request, slug):
    try:
        bouwsteen = selectors.public_bouwsteen(slug)
    except Bouwsteen.DoesNotExist:
        raise Http404 from None
    return render(
        request, "catalogus/bouwsteen.html", detail_context(request, bouwsteen)
    )


def detail_context(request, bouwsteen) -> dict:
    """What the block's page shows: for the public page, and for the admin's preview of
    a concept (``bouwstenen.admin.voorbeeld``), which renders the same template."""
    hergebruik = list(bouwsteen.hergebruik.all())
    bevestigd = [h for h in hergebruik if h.is_bevestigd]
    similar = search.similar_to(
        selectors.public(),
        naam=bouwsteen.naam,
        samenvatting=bouwsteen.samenvatting,
        thema_ids=[t.pk for t in bouwsteen.themas.all()],
        component_ids=[c.pk for c in bouwsteen.referentiecomponenten.all()],
        exclude_pk=bouwsteen.pk,
        limit=4,
    )
    tijdlijn = levensfase_tijdlijn(bouwsteen)
    gereedheid = readiness_of(bouwsteen)
    # The visitor's organisations, read once: the reuse offer and the question form both
    # need them.
    mijn = member_organisations(request.user)
    context = {
        "bouwsteen": bouwsteen,
        "gereedheid": gereedheid,
        "samenstelling": _samenstelling(gereedheid),
        "hergebruik": bevestigd,
        "gemeld": [h for h in hergebruik if h.is_gemeld],
        "relaties": _relaties(bouwsteen),
        "vergelijkbaar": [other for other, _score in similar],
        "verhaal": _verhaal(bouwsteen, tijdlijn, bevestigd),
        "aanbod": reuse_offer(request.user, bouwsteen, hergebruik, mijn),
        "kapotte_links": _broken_links(bouwsteen),
        "mogelijk_verouderd": onderhoud.is_outdated(bouwsteen),
        # Not in the block's stored representation: one bounded query, page only.
        "beantwoordt": behoeften.answered_by(bouwsteen),
        **threads_for(request.user, bouwsteen, mijn),
    }
    return context
