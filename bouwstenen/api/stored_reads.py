"""Reading the API's stored representations (``Weergave``, written by
``bouwstenen.api.weergave``): stored JSON handed to the renderer as ``orjson.Fragment``s,
without model instances, serializers or a second pass for the ETag.
"""

import uuid as uuid_lib

import orjson

from django.db import connections, router
from django.db.models import OuterRef, QuerySet, Subquery

from bouwstenen import kaart, weergave
from bouwstenen.interop.publiccode import export as publiccode
from bouwstenen.models import Bouwsteen, BouwsteenConcept, Relatie, Weergave
from core.api import sparse
from registry.constants import Publicatiestatus


def with_list_item(queryset: QuerySet) -> QuerySet:
    """``(pk, stored list item)`` rows of ``queryset``, in its order.

    The item is a correlated subquery, not a join: the database evaluates it after the
    sort and the LIMIT, for the page's rows only. Joined, every match carried its item
    through the sort (a search for a common word fetched a thousand items for twenty).
    """
    item = Weergave.objects.filter(bouwsteen=OuterRef("pk")).values("lijst")[:1]
    return queryset.annotate(_lijst=Subquery(item)).values_list("pk", "_lijst")


def list_items(
    rows: list[tuple[int, str | None]], fields: tuple[str, ...] | None = None
) -> list[orjson.Fragment] | list[dict]:
    """A page of ``(pk, stored list item)`` rows as fragments (or, with ``fields``, as
    those fields of each: core.api.sparse); a block whose row is missing (written before
    there were stored rows) is rendered and stored now."""
    missing = [pk for pk, item in rows if item is None]
    if missing:
        found = kaart.stored_list_items(missing)
        rows = [(pk, item if item is not None else found[pk]) for pk, item in rows]
    if fields is not None:
        return [sparse.select(orjson.loads(item), fields) for _pk, item in rows]
    return [orjson.Fragment(item) for _pk, item in rows]


# The statements that read one published block's stored columns, compiled once per
# database and columns: building and compiling the queryset cost a third of a stored
# detail's time (docs/performance.md).
_STORED_SQL: dict[tuple[str, tuple[str, ...]], tuple[str, list, int]] = {}
_SENTINEL = uuid_lib.UUID(int=1)


def _stored(uuid, columns: tuple[str, ...]) -> tuple | None:
    """The stored ``columns`` of the published block with this uuid, or None."""
    db = router.db_for_read(Weergave)
    connection = connections[db]
    key = (connection.vendor, columns)
    if key not in _STORED_SQL:
        sql, params = (
            Weergave.objects.filter(
                bouwsteen__uuid=_SENTINEL,
                bouwsteen__publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            )
            .values_list(*columns)
            .order_by()[:1]
            .query.sql_with_params()
        )
        # The statement takes the status and the uuid as the database stores it; where
        # the uuid goes is found by the sentinel.
        at = [str(p).replace("-", "") for p in params].index(_SENTINEL.hex)
        _STORED_SQL[key] = (sql, list(params), at)
    sql, params, at = _STORED_SQL[key]
    params = list(params)
    params[at] = Bouwsteen._meta.get_field("uuid").get_db_prep_value(
        uuid_lib.UUID(str(uuid)), connection
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _stored_or_rendered(uuid, columns: tuple[str, ...]) -> tuple | None:
    """``_stored``, rendering the block first when it is published but its row is
    missing or was stored before the first of ``columns`` was (null)."""
    weergave.flush()
    row = _stored(uuid, columns)
    if row is not None and row[0] is not None:
        return row
    pk = Bouwsteen.objects.published().filter(uuid=uuid).values_list("pk").first()
    if pk is None:
        return None
    weergave.changed(weergave.BLOK, pk)
    weergave.flush()
    return _stored(uuid, columns)


def detail(
    uuid, fields: tuple[str, ...] | None = None
) -> tuple[orjson.Fragment | dict, str] | None:
    """The stored detail of the published block with this uuid and its ETag, or None
    when there is no such published block; with ``fields`` only those fields, and the
    selection's ETag (core.api.sparse)."""
    row = _stored_or_rendered(uuid, ("detail", "etag"))
    if row is None:
        return None
    if fields is not None:
        return (
            sparse.select(orjson.loads(row[0]), fields),
            sparse.tagged(row[1], fields),
        )
    return orjson.Fragment(row[0]), row[1]


# The stored detail of one block, when every reader sees the block as a reader without a
# role does: it is published, it has no concept of changes (its owner's members would
# see that), and every block it relates to, either way, is published (a member also sees
# relations to the own drafts, an administrator to every block).
_AS_PUBLIC = (
    "SELECT w.detail, w.etag FROM {weergave} w "
    "JOIN {bouwsteen} b ON b.id = w.bouwsteen_id "
    "WHERE w.bouwsteen_id = %s AND b.publicatiestatus = %s "
    "AND NOT EXISTS (SELECT 1 FROM {concept} c WHERE c.bouwsteen_id = b.id) "
    "AND NOT EXISTS (SELECT 1 FROM {relatie} r JOIN {bouwsteen} o ON o.id = r.naar_id "
    "WHERE r.van_id = b.id AND o.publicatiestatus <> %s) "
    "AND NOT EXISTS (SELECT 1 FROM {relatie} r JOIN {bouwsteen} o ON o.id = r.van_id "
    "WHERE r.naar_id = b.id AND o.publicatiestatus <> %s)"
)


def written_as_public(bouwsteen: Bouwsteen) -> tuple[orjson.Fragment, str] | None:
    """The stored detail and ETag of a block a write just left, when its writer sees it
    as everyone does (see ``_AS_PUBLIC``); None otherwise.

    The door rendered it when the write ended (``bring_up_to_date``), inside the write's
    transaction; it is read from the database that was written (the primary). A write
    answers with it instead of serialising the block a second time for the writer. What
    writes outside the door left pending (a thema renamed in the admin) is rendered
    first, as for every stored read: a request that wrote nothing may ask too.
    """
    if bouwsteen.publicatiestatus != Publicatiestatus.GEPUBLICEERD:
        return None
    weergave.flush()
    database = router.db_for_write(Weergave)
    quote = connections[database].ops.quote_name
    sql = _AS_PUBLIC.format(
        weergave=quote(Weergave._meta.db_table),
        bouwsteen=quote(Bouwsteen._meta.db_table),
        concept=quote(BouwsteenConcept._meta.db_table),
        relatie=quote(Relatie._meta.db_table),
    )
    published = Publicatiestatus.GEPUBLICEERD.value
    with connections[database].cursor() as cursor:
        cursor.execute(sql, [bouwsteen.pk, published, published, published])
        row = cursor.fetchone()
    if row is None:
        return None
    return orjson.Fragment(row[0]), row[1]


def publiccode_yml(uuid, base_url: str) -> str | None:
    """The stored publiccode.yml of the published block with this uuid, for a request
    to ``base_url``; None when there is no such block or the file is to be written
    afresh (``publiccode.publiccode_stored``, ``publiccode.with_origin``)."""
    row = _stored_or_rendered(uuid, ("publiccode",))
    if not row or not row[0]:
        return None
    return publiccode.with_origin(row[0], base_url)
