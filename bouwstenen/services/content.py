"""The content of a building block as one value: what a concept holds and a publication applies.

The content is everything the owner says about a block: its fields, thema's, layers and
GEMMA components, its opschalingscheck and its relations, and where an import got it
(``herkomst``). It is a plain, JSON-ready dict (``Inhoud``), so a concept of a published
block can store it (``BouwsteenConcept.inhoud``), a change can be merged into it and
checked before anything is written, and publishing the concept applies it in one go.

``view_of`` turns content into an unsaved ``Bouwsteen`` whose related managers answer
from the content: the serializers, the admin form and the fingerprint of an import read
a concept exactly as they read a block.
"""

import copy
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects

from bouwstenen.constants import Voorwaarde
from bouwstenen.models import Bouwsteen, Opschalingsantwoord, Relatie
from bouwstenen.readiness import score_of
from core.errors import ServiceError
from core.prefetched import answering
from registry.models import Laag, Referentiecomponent, Thema

FIELDS = (
    "naam",
    "slug",
    "soort",
    "vorm",
    "samenvatting",
    "beschrijving",
    "levensfase",
    "licentie",
    "leverancier",
    "repository_url",
    "documentatie_url",
    "demo_url",
    "website_url",
    "contact_naam",
    "contact_email",
)
# Where an import or a harvest got the content; never typed in a form.
HERKOMST = ("bron_url", "bron_vingerafdruk", "bron_document", "bron_waarden")
M2M = {"themas": Thema, "lagen": Laag, "referentiecomponenten": Referentiecomponent}
M2M_ORDER = {"themas": "naam", "lagen": "volgorde", "referentiecomponenten": "naam"}
ANSWER_FIELDS = ("antwoord", "toelichting", "bewijs_url")

Inhoud = dict


def empty() -> Inhoud:
    """The content of a block nobody has written anything in yet (the model's defaults)."""
    fresh = Bouwsteen()
    return {
        "velden": {name: getattr(fresh, name) for name in FIELDS},
        "herkomst": {name: getattr(fresh, name) for name in HERKOMST},
        **{name: [] for name in M2M},
        "opschalingscheck": {},
        "relaties": [],
    }


def with_linked(bouwsteen: Bouwsteen) -> Bouwsteen:
    """Read the block's thema's, layers and components (in the order a read shows them)
    and answers into its caches: ``snapshot_of`` and then ``view_of`` of the same links
    ask the database once."""
    prefetch_related_objects(
        [bouwsteen],
        *(
            Prefetch(name, queryset=model.objects.order_by(M2M_ORDER[name], "pk"))
            for name, model in M2M.items()
        ),
        "opschalingsantwoorden",
    )
    return bouwsteen


def snapshot_of(bouwsteen: Bouwsteen) -> Inhoud:
    """The content of a saved block (or of a view made by ``view_of``)."""
    return {
        "velden": {name: getattr(bouwsteen, name) for name in FIELDS},
        "herkomst": {name: getattr(bouwsteen, name) for name in HERKOMST},
        **{
            name: sorted(obj.pk for obj in getattr(bouwsteen, name).all())
            for name in M2M
        },
        "opschalingscheck": {
            a.voorwaarde: {field: getattr(a, field) for field in ANSWER_FIELDS}
            for a in bouwsteen.opschalingsantwoorden.all()
        },
        "relaties": sorted([r.type, r.naar_id] for r in bouwsteen.relaties_uit.all()),
    }


def merged(
    base: Inhoud,
    *,
    values: dict | None = None,
    relations: dict[str, Iterable] | None = None,
    answers: dict[str, dict | None] | None = None,
    relaties: Iterable[tuple[str, Bouwsteen]] | None = None,
    herkomst: dict | None = None,
) -> Inhoud:
    """``base`` with the changes: fields, many-to-many (objects or pks), answers (a code
    mapped to its fields, or to None to take the answer away) and the full list of
    outgoing relations as ``(type, block)`` pairs."""
    new = copy.deepcopy(base)
    for name, value in (values or {}).items():
        if name not in FIELDS:
            raise ValueError(f"{name} is geen inhoudsveld van een bouwsteen")
        new["velden"][name] = value
    for name, value in (herkomst or {}).items():
        new["herkomst"][name] = value
    for name, items in (relations or {}).items():
        new[name] = sorted({getattr(item, "pk", item) for item in items})
    for code, fields in (answers or {}).items():
        if fields is None:
            new["opschalingscheck"].pop(code, None)
            continue
        current = new["opschalingscheck"].get(
            code, {"antwoord": "", "toelichting": "", "bewijs_url": ""}
        )
        current.update({k: v for k, v in fields.items() if k in ANSWER_FIELDS})
        new["opschalingscheck"][code] = current
    if relaties is not None:
        new["relaties"] = sorted(
            {(type_, getattr(naar, "pk", naar)) for type_, naar in relaties}
        )
        new["relaties"] = [list(pair) for pair in new["relaties"]]
    return new


def _evaluated(queryset):
    """A queryset whose rows are already fetched, as a prefetch cache holds them."""
    queryset._fetch_all()
    return queryset


def view_of(bouwsteen: Bouwsteen, inhoud: Inhoud) -> Bouwsteen:
    """An unsaved copy of ``bouwsteen`` that shows ``inhoud``: fields, related managers
    (thema's, layers, components, answers, outgoing relations) and the derived score."""
    held = getattr(bouwsteen, "_prefetched_objects_cache", {})
    view = copy.copy(bouwsteen)
    view._state = copy.copy(bouwsteen._state)
    view._prefetched_objects_cache = {}
    for name, value in {**inhoud["velden"], **inhoud["herkomst"]}.items():
        setattr(view, name, value)
    cache = view._prefetched_objects_cache
    for name, model in M2M.items():
        if name in held and sorted(o.pk for o in held[name]) == inhoud[name]:
            # The same rows the block holds, read in this order (``with_linked``).
            cache[name] = held[name]
            continue
        cache[name] = _evaluated(
            model.objects.filter(pk__in=inhoud[name]).order_by(M2M_ORDER[name], "pk")
        )
    order = {code: index for index, code in enumerate(Voorwaarde.values)}
    cache["opschalingsantwoorden"] = answering(
        Opschalingsantwoord,
        [
            Opschalingsantwoord(bouwsteen=view, voorwaarde=code, **fields)
            for code, fields in sorted(
                inhoud["opschalingscheck"].items(),
                key=lambda item: order.get(item[0], len(order)),
            )
        ],
    )
    targets = Bouwsteen.objects.select_related("organisatie").in_bulk(
        [naar for _type, naar in inhoud["relaties"]]
    )
    cache["relaties_uit"] = answering(
        Relatie,
        sorted(
            (
                Relatie(van=view, type=type_, naar=targets[naar])
                for type_, naar in inhoud["relaties"]
                if naar in targets
            ),
            key=lambda r: (r.type, r.naar.naam, r.naar.pk),
        ),
    )
    view.opschalingsscore = score_of(
        {
            code: fields["antwoord"]
            for code, fields in inhoud["opschalingscheck"].items()
        }
    )
    return view


def validate(
    view: Bouwsteen, inhoud: Inhoud, *, visible_targets, own_slug: str | None = None
) -> None:
    """Refuse content that may not be stored, with every reason per field, and take
    over what the model's validation normalises (``eupl-1.2`` becomes ``EUPL-1.2``).

    ``visible_targets`` is the queryset of blocks the writer may point a relation at.
    ``own_slug``: the slug the block holds now, read under its lock; kept, it is not
    asked about again (no other block can have it: the unique constraint holds it).
    """
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, error: ValidationError) -> None:
        errors.setdefault(field, []).extend(error.error_list)

    def add_all(exc: ValidationError) -> None:
        for field, field_errors in exc.error_dict.items():
            for error in field_errors:
                add(field, error)

    # The owner is not content: it changes only by a transfer. The uuid and who
    # submitted or last wrote are set by the services, never typed: checking them would
    # ask the database whether a fresh uuid4 is taken and the writer exists (its
    # constraints hold them anyway).
    excluded = {"organisatie", *M2M, "uuid", "ingediend_door", "inhoud_gewijzigd_door"}
    try:
        view.full_clean(exclude=excluded, validate_unique=False)
    except ValidationError as exc:
        add_all(exc)
    # Uniqueness after the fields, as full_clean asks it: not for a refused value.
    unique_excluded = excluded | set(errors)
    if own_slug is not None and view.slug == own_slug:
        unique_excluded.add("slug")
    try:
        view.validate_unique(exclude=unique_excluded)
    except ValidationError as exc:
        add_all(exc)
    for name in FIELDS:
        inhoud["velden"][name] = getattr(view, name)
    for name, model in M2M.items():
        if len(view._prefetched_objects_cache[name]) != len(inhoud[name]):
            add(
                name,
                ValidationError(
                    f"Onbekende {model._meta.verbose_name}.", code="does_not_exist"
                ),
            )
    for code, fields in inhoud["opschalingscheck"].items():
        answer = Opschalingsantwoord(bouwsteen=view, voorwaarde=code, **fields)
        try:
            answer.full_clean(exclude=["bouwsteen"], validate_unique=False)
        except ValidationError as exc:
            for field, field_errors in exc.error_dict.items():
                for error in field_errors:
                    add(f"opschalingscheck.{code}.{field}", error)
    allowed = set(
        visible_targets.filter(
            pk__in=[naar for _type, naar in inhoud["relaties"]]
        ).values_list("pk", flat=True)
    )
    for type_, naar in inhoud["relaties"]:
        if naar not in allowed:
            add(
                "relaties",
                ValidationError(
                    "U kunt alleen verwijzen naar een bouwsteen die u kunt zien.",
                    code="does_not_exist",
                ),
            )
        elif view.pk is not None and naar == view.pk:
            add(
                "relaties",
                ValidationError(
                    "Een bouwsteen kan geen relatie met zichzelf hebben.",
                    code="invalid",
                ),
            )
        try:
            Relatie(van_id=view.pk, type=type_, naar_id=naar).clean_fields(
                exclude=["van", "naar"]
            )
        except ValidationError as exc:
            for field_errors in exc.error_dict.values():
                for error in field_errors:
                    add("relaties", error)
    if errors:
        raise ServiceError.from_validation(ValidationError(errors))


def apply(
    bouwsteen: Bouwsteen,
    inhoud: Inhoud,
    *,
    before: Inhoud | None = None,
    shown: Bouwsteen | None = None,
) -> None:
    """Write ``inhoud`` into ``bouwsteen`` (inside the services' door).

    ``before`` is what the block holds now, when the caller read it already under the
    block's lock (a new block holds ``empty()``); only what differs is written, each
    kind of row in one statement, so a ``before`` read earlier would leave wrong rows.
    Without it, ``apply`` reads the block's rows itself.
    ``shown`` is a ``view_of`` the same content: its thema's, layers and components
    become the block's, so the search document and the history that follow read them
    from memory instead of asking again.
    """
    if before is None:
        bouwsteen._prefetched_objects_cache = {}
        before = empty() if bouwsteen.pk is None else snapshot_of(bouwsteen)
    for name, value in {**inhoud["velden"], **inhoud["herkomst"]}.items():
        setattr(bouwsteen, name, value)
    # Saving the block notes it for its stored representation (bouwstenen.weergave),
    # which covers its own rows below: they are written without signals.
    bouwsteen.save()
    for name in M2M:
        _write_links(bouwsteen, name, before[name], inhoud[name])
    _write_answers(bouwsteen, before["opschalingscheck"], inhoud["opschalingscheck"])
    _write_relations(bouwsteen, before["relaties"], inhoud["relaties"])
    # The managers' caches describe the old content; read afresh from here on, apart
    # from what ``shown`` holds of the new.
    cache = bouwsteen._prefetched_objects_cache = {}
    if shown is not None:
        cache.update({name: shown._prefetched_objects_cache[name] for name in M2M})


def _write_links(bouwsteen: Bouwsteen, name: str, old: list, new: list) -> None:
    """The rows of one many-to-many relation: the ones gone deleted, the new inserted."""
    field = Bouwsteen._meta.get_field(name)
    through = field.remote_field.through
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    had = set(old)
    gone = had - set(new)
    if gone:
        through.objects.filter(
            **{own: bouwsteen.pk, f"{other}__in": sorted(gone)}
        ).delete()
    added = sorted(set(new) - had)
    if added:
        through.objects.bulk_create(
            [through(**{f"{own}_id": bouwsteen.pk, f"{other}_id": pk}) for pk in added]
        )


def _write_answers(bouwsteen: Bouwsteen, old: dict, new: dict) -> None:
    """An answer that changed is replaced: one delete and one insert for them all."""
    stale = [code for code in old if old[code] != new.get(code)]
    if stale:
        bouwsteen.opschalingsantwoorden.filter(voorwaarde__in=stale).delete()
    fresh = [code for code in new if old.get(code) != new[code]]
    if fresh:
        Opschalingsantwoord.objects.bulk_create(
            [
                Opschalingsantwoord(bouwsteen=bouwsteen, voorwaarde=code, **new[code])
                for code in fresh
            ]
        )


def _write_relations(bouwsteen: Bouwsteen, old: list, new: list) -> None:
    """Relations are saved one by one: their signals tell the block at the other end
    that what it shows changed (bouwstenen.weergave.sync)."""
    wanted = {(type_, naar) for type_, naar in new}
    had = {(type_, naar) for type_, naar in old}
    for type_, naar in sorted(had - wanted):
        for relatie in bouwsteen.relaties_uit.filter(type=type_, naar_id=naar):
            relatie.delete()
    for type_, naar in sorted(wanted - had):
        Relatie(van=bouwsteen, type=type_, naar_id=naar).save()


def changed_fields(before: Inhoud, after: Inhoud) -> list[str]:
    """The names of what differs, in the order of the content, for history comments."""
    names = [
        str(Bouwsteen._meta.get_field(name).verbose_name)
        for name in FIELDS
        if before["velden"].get(name) != after["velden"].get(name)
    ]
    names += [
        str(Bouwsteen._meta.get_field(name).verbose_name)
        for name in M2M
        if before[name] != after[name]
    ]
    if before["opschalingscheck"] != after["opschalingscheck"]:
        names.append("opschalingscheck")
    if before["relaties"] != after["relaties"]:
        names.append("relaties")
    return names
