"""The API's stored representations (``Weergave``): rendered at the write door, served as
they are to every reader without a role.

``store`` renders blocks with the API's own serializers, as an anonymous reader sees them,
with the API's URLs as paths (``core.api.renderers``), and stores the list item, the
detail, the detail's ETag and the figures the list sorts on. ``bring_up_to_date`` turns
what the writes noted (``bouwstenen.weergave``) into the blocks to render, once per write.
The reads (``bouwstenen.api.stored_reads``) read stored JSON and hand it to the renderer
as ``orjson.Fragment``s: no model instances, no serializers, no second pass for the ETag.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, prefetch_related_objects
from django.http import HttpRequest
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from bouwstenen import selectors, weergave
from bouwstenen.api.serializers import BouwsteenDetailSerializer
from bouwstenen.api.velden import DETAIL_ONLY
from bouwstenen.interop.publiccode import export as publiccode
from bouwstenen.models import (
    Bouwsteen,
    Hergebruik,
    Relatie,
    Weergave,
)
from core.api.conditional import etag_for
from registry import permissions
from registry.constants import Publicatiestatus

BATCH = 500
STORED_FIELDS = [
    "lijst",
    "detail",
    "etag",
    "publiccode",
    "hergebruik_in_gebruik",
    "hergebruik_pilot",
    "hergebruik_actief",
    "opschalingsscore",
]


class _PathRequest(HttpRequest):
    """A request whose absolute URLs are paths: a read puts its own origin in front."""

    def build_absolute_uri(self, location=None):
        return location


def _context() -> dict:
    request = Request(_PathRequest())
    request.user = AnonymousUser()
    return {"request": request}


def serves(request) -> bool:
    """Whether the stored representations are what this reader sees: anyone who is not a
    member of an organisation (members also see their own drafts and concepts)."""
    user = request.user
    if not (user and user.is_authenticated):
        return True
    return not (user.is_superuser or permissions.roles_of(user))


# --- writing them --------------------------------------------------------------------


def render(bouwsteen: Bouwsteen, context: dict, json: JSONRenderer) -> Weergave:
    """One block as the API shows it to an anonymous reader (read with its details)."""
    data = BouwsteenDetailSerializer(bouwsteen, context=context).data
    item = {name: value for name, value in data.items() if name not in DETAIL_ONLY}
    return Weergave(
        bouwsteen_id=bouwsteen.pk,
        lijst=json.render(item).decode(),
        detail=json.render(data).decode(),
        etag=etag_for(bouwsteen, data),
        publiccode=publiccode.publiccode_stored(bouwsteen),
        hergebruik_in_gebruik=data["inGebruik"],
        hergebruik_pilot=data["inPilot"],
        hergebruik_actief=data["hergebruikActief"],
        opschalingsscore=data["opschalingsscore"],
    )


def rendered(
    pks: Iterable[int], held: dict[int, Bouwsteen] | None = None
) -> list[Weergave]:
    """The published blocks among ``pks`` rendered afresh (not stored), a batch a time;
    ``held``: blocks as the write left them (``weergave.hold``), by id."""
    context, json = _context(), JSONRenderer()
    anonymous = AnonymousUser()
    held = held or {}
    pks = sorted(set(pks))
    rows = []
    for start in range(0, len(pks), BATCH):
        public = list(
            selectors.bouwstenen_visible_to(anonymous)
            .filter(pk__in=pks[start : start + BATCH])
            .values_list("pk", flat=True)
        )
        # Most writes are of drafts: asking which are public first costs one plain
        # query and spares them the read of everything a detail shows.
        others = [pk for pk in public if pk not in held]
        read = (
            {b.pk: b for b in selectors.bouwstenen_detailed(others, anonymous)}
            if others
            else {}
        )
        blocks = [
            selectors.bouwsteen_fresh(held[pk], anonymous) if pk in held else read[pk]
            for pk in sorted(public)
        ]
        # The users publiccode.yml names, for the whole batch in one query.
        prefetch_related_objects(blocks, publiccode.gebruikers_prefetch())
        # By id, as before: the upsert locks the rows in this order, and two writes
        # that lock them in opposite orders would deadlock.
        rows.extend(render(block, context, json) for block in blocks)
    return rows


def store(
    pks: Iterable[int] | None = None, held: dict[int, Bouwsteen] | None = None
) -> int:
    """Render and store the published blocks among ``pks`` (all when None), and drop the
    rows of blocks that are no longer public. Returns how many were rendered."""
    if pks is None:
        pks = Bouwsteen.objects.published().values_list("pk", flat=True)
        Weergave.objects.exclude(
            bouwsteen__in=Bouwsteen.objects.published().values("pk")
        ).delete()
    pks = sorted(set(pks))
    count = 0
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        rows = rendered(batch, held)
        gone = set(batch) - {row.bouwsteen_id for row in rows}
        if gone:
            Weergave.objects.filter(bouwsteen__in=gone).delete()
        Weergave.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["bouwsteen"],
            update_fields=[*STORED_FIELDS, "gerenderd_op"],
        )
        count += len(rows)
    return count


def store_missing(**kwargs) -> int:
    """Render the published blocks that have no stored representation yet, or one
    without its publiccode.yml: after the migration that brings the table or the
    column, or a restore of an older backup (post_migrate)."""
    missing = Bouwsteen.objects.published().filter(
        Q(weergave__isnull=True) | Q(weergave__publiccode__isnull=True)
    )
    return store(missing.values_list("pk", flat=True))


def _neighbours(pks: set[int]) -> set[int]:
    found = set()
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        for van, naar in (
            Relatie.objects.filter(Q(van__in=batch) | Q(naar__in=batch))
            .order_by()
            .values_list("van_id", "naar_id")
        ):
            found.update((van, naar))
    return found


def bring_up_to_date(notes: dict[str, set]) -> None:
    """The door's after-writes handler: render every block the writes touched, once,
    with what writes outside the door left pending."""
    weergave.take_pending(notes)
    if weergave.ALLE in notes:
        store(None)
        return
    blocks = set(notes.get(weergave.BLOK, ()))
    with_neighbours = set(notes.get(weergave.BLOK_EN_BUREN, ()))
    if owners := notes.get(weergave.ORGANISATIE):
        with_neighbours.update(
            Bouwsteen.objects.filter(organisatie__in=owners).values_list(
                "pk", flat=True
            )
        )
        # A block's publiccode.yml names the organisations that use it (usedBy).
        blocks.update(
            Hergebruik.objects.filter(organisatie__in=owners).values_list(
                "bouwsteen_id", flat=True
            )
        )
    for kind, field in weergave.LINK_FIELDS.items():
        if linked := notes.get(kind):
            blocks.update(
                Bouwsteen.objects.filter(**{f"{field}__in": linked}).values_list(
                    "pk", flat=True
                )
            )
    if 0 < len(blocks | with_neighbours) <= BATCH:
        shown = _shown(blocks | with_neighbours)
        blocks, with_neighbours = blocks & shown, with_neighbours & shown
    if with_neighbours:
        blocks |= with_neighbours | _neighbours(with_neighbours)
    if blocks:
        store(blocks, {b.pk: b for b in notes.get(weergave.GEHOUDEN, ())})


def _shown(pks: set[int]) -> set[int]:
    """The blocks among ``pks`` that a stored representation shows, or showed until this
    write: the public ones and the ones with a row. A block that is neither has no row
    to render or drop, and no neighbour's stored detail names it (a reader without a
    role sees relations to public blocks only). Most writes are of drafts: this one
    query spares them the search for neighbours, the question which are public and the
    delete of rows they never had."""
    if not pks:
        return set()
    return set(
        Bouwsteen.objects.filter(pk__in=sorted(pks))
        .filter(
            Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
            | Q(weergave__isnull=False)
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def differences(pks: Iterable[int] | None = None) -> list[str]:
    """How the stored representations differ from a fresh rendering, one line per block
    (empty when they are all up to date): a row that differs, is missing, or is left
    over for a block that is no longer public."""
    weergave.flush()
    if pks is None:
        pks = Bouwsteen.objects.values_list("pk", flat=True)
    pks = sorted(set(pks))
    found = []
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        fresh = {row.bouwsteen_id: row for row in rendered(batch)}
        stored = {
            row.bouwsteen_id: row for row in Weergave.objects.filter(pk__in=batch)
        }
        for pk in sorted(fresh.keys() | stored.keys()):
            if pk not in stored:
                found.append(f"bouwsteen {pk}: geen opgeslagen weergave")
            elif pk not in fresh:
                found.append(
                    f"bouwsteen {pk}: weergave van een niet-openbare bouwsteen"
                )
            elif changed := [
                name
                for name in STORED_FIELDS
                if getattr(stored[pk], name) != getattr(fresh[pk], name)
            ]:
                found.append(f"bouwsteen {pk}: verschilt in {', '.join(changed)}")
    return found
