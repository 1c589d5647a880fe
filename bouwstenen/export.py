"""Search results as a file: CSV for scripts, an Excel workbook for people.

Both carry the same columns (docs/api.md, "Exporteren") and every result, not one page:
rows are read as plain values in chunks (with the names of their thema's, layers and
components per chunk) and written as they come, so a download of the whole catalogue
costs flat memory. The search page's download
(``views/export.py``) and the API's list (``api/export.py``) both answer with
``response`` here; each decides what the query is. Text that a spreadsheet would run as a
formula (starting with =, +, -, @) is written as text, so a block's name can never run
code on the reader's machine.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

import xlsxwriter

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime

from bouwstenen import readiness
from bouwstenen.models import Bouwsteen
from registry.constants import Publicatiestatus

CHUNK = 1000
# The UTF-8 byte order mark: without it Excel reads the file as Windows-1252.
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": f"{CSV_MEDIA_TYPE}; charset=utf-8", "xlsx": XLSX_MEDIA_TYPE}

# What a row reads of a block, as plain values: no model instances, so 10,000 rows
# cost what the database takes to send them (docs/performance.md, "Exporteren").
FIELDS = (
    "pk",
    "slug",
    "uuid",
    "naam",
    "samenvatting",
    "organisatie__naam",
    "organisatie__code",
    "soort",
    "vorm",
    "levensfase",
    "publicatiestatus",
    "licentie",
    "hergebruik_in_gebruik",
    "hergebruik_pilot",
    "opschalingsscore",
    "repository_url",
    "documentatie_url",
    "demo_url",
    "contact_naam",
    "contact_email",
    "gepubliceerd_op",
    "gewijzigd_op",
)
# The names of a block's thema's, layers and components, per chunk of rows: through
# which table, and in which order (as the pages show them).
RELATED = {
    "themas": (Bouwsteen.themas.through, "thema__naam", ("thema__naam",)),
    "lagen": (Bouwsteen.lagen.through, "laag__naam", ("laag__volgorde",)),
    "referentiecomponenten": (
        Bouwsteen.referentiecomponenten.through,
        "referentiecomponent__naam",
        ("referentiecomponent__naam",),
    ),
}


@dataclass(frozen=True)
class Column:
    key: str  # the header, the API's name for the field
    value: object  # the row's values (FIELDS and RELATED) -> value


def _field(name: str):
    return lambda row: row[name]


def _day(moment) -> str:
    return localtime(moment).date().isoformat() if moment else ""


COLUMNS = [
    Column("uuid", lambda row: str(row["uuid"])),
    Column("naam", _field("naam")),
    Column("samenvatting", _field("samenvatting")),
    Column("organisatie", _field("organisatie__naam")),
    Column("organisatieCode", _field("organisatie__code")),
    Column("soort", _field("soort")),
    Column("vorm", _field("vorm")),
    Column("levensfase", _field("levensfase")),
    # Always gepubliceerd on the page; with a token the API also lists a member's drafts.
    Column("publicatiestatus", _field("publicatiestatus")),
    Column("themas", _field("themas")),
    Column("lagen", _field("lagen")),
    Column("referentiecomponenten", _field("referentiecomponenten")),
    Column("licentie", _field("licentie")),
    Column("hergebruikInGebruik", _field("hergebruik_in_gebruik")),
    Column("hergebruikPilot", _field("hergebruik_pilot")),
    Column(
        "opschalingsscore",
        lambda row: (
            None if row["opschalingsscore"] is None else round(row["opschalingsscore"])
        ),
    ),
    Column("repositoryUrl", _field("repository_url")),
    Column("documentatieUrl", _field("documentatie_url")),
    Column("demoUrl", _field("demo_url")),
    Column("contactNaam", _field("contact_naam")),
    Column("contactEmail", _field("contact_email")),
    Column("gepubliceerdOp", lambda row: _day(row["gepubliceerd_op"])),
    Column("gewijzigdOp", lambda row: _day(row["gewijzigd_op"])),
]
HEADERS = [column.key for column in COLUMNS] + ["pagina"]


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def prepared(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """The blocks with the counts and the score a row reads (the API's list queryset
    has them already)."""
    return readiness.with_counts(queryset)


def _names(ids: list[int]) -> dict[str, dict[int, str]]:
    """Per relation, each block's names joined by "; ", in three queries."""
    names = {}
    for relation, (through, name, order) in RELATED.items():
        joined: dict[int, list[str]] = {}
        for block_id, value in (
            through.objects.filter(bouwsteen_id__in=ids)
            .order_by("bouwsteen_id", *order)
            .values_list("bouwsteen_id", name)
        ):
            joined.setdefault(block_id, []).append(value)
        names[relation] = {pk: "; ".join(values) for pk, values in joined.items()}
    return names


def rows(queryset: QuerySet[Bouwsteen], page_url) -> Iterator[list]:
    """One list of values per block of a ``prepared`` queryset, in its order.
    ``page_url`` turns a path into the absolute address of the block's page."""
    pages = page_url(reverse("catalogus:bouwsteen", args=["-"]).removesuffix("-"))
    values = queryset.prefetch_related(None).values(*FIELDS).iterator(CHUNK)
    while chunk := list(islice(values, CHUNK)):
        names = _names([row["pk"] for row in chunk])
        for row in chunk:
            for relation, by_block in names.items():
                row[relation] = by_block.get(row["pk"], "")
            record = [_safe(column.value(row)) for column in COLUMNS]
            # Only a published block has a page in the catalogue.
            public = row["publicatiestatus"] == Publicatiestatus.GEPUBLICEERD
            record.append(pages + row["slug"] if public else "")
            yield record


def csv_chunks(records: Iterable[list]) -> Iterator[str]:
    """The file in pieces of ``CHUNK`` rows: few enough writes to the socket that the
    server's time goes to the rows, small enough that memory stays flat."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    yield BOM + buffer.getvalue()
    batches = iter(records)
    while batch := list(islice(batches, CHUNK)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(batch)
        yield buffer.getvalue()


def xlsx_file(records: Iterable[list]):
    """An Excel workbook in a temporary file (rewound), written row by row.

    ``constant_memory`` flushes each row to disk once the next begins, so the workbook
    never holds the catalogue; the string options keep every value as the text it is
    (no formulas, links or numbers guessed from text).
    """
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet("Bouwstenen")
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, HEADERS, workbook.add_format({"bold": True}))
    for number, record in enumerate(records, start=1):
        sheet.write_row(number, 0, record)
    workbook.close()
    target.seek(0)
    return target


def _filename(extension: str) -> str:
    return f"bouwstenen-{timezone.localdate().isoformat()}.{extension}"


def response(formaat: str, records: Iterable[list]):
    """The download: CSV streamed as it is written, the workbook as a file."""
    if formaat == "csv":
        answer = StreamingHttpResponse(csv_chunks(records), content_type=FORMATS["csv"])
        answer["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
        return answer
    return FileResponse(
        xlsx_file(records),
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type=FORMATS["xlsx"],
    )
