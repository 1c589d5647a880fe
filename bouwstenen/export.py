"""Search results as a file: CSV for scripts, an Excel workbook for people.

Both carry the same columns (docs/api.md, "Exporteren") and every result, not one page:
rows are read in chunks (prefetches per chunk) and written as they come, so a download
of the whole catalogue costs flat memory. The search page's download
(``views/export.py``) and the API's list (``api/export.py``) both answer with
``response`` here; each decides what the query is. Text that a spreadsheet would run as a
formula (starting with =, +, -, @) is written as text, so a block's name can never run
code on the reader's machine.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from bouwstenen import readiness
from bouwstenen.models import Bouwsteen
from bouwstenen.selectors import with_relations

CHUNK = 500
# The UTF-8 byte order mark: without it Excel reads the file as Windows-1252.
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": f"{CSV_MEDIA_TYPE}; charset=utf-8", "xlsx": XLSX_MEDIA_TYPE}


@dataclass(frozen=True)
class Column:
    key: str  # the header, the API's name for the field
    value: object  # Bouwsteen -> value


def _names(related) -> str:
    return "; ".join(item.naam for item in related.all())


COLUMNS = [
    Column("uuid", lambda b: str(b.uuid)),
    Column("naam", lambda b: b.naam),
    Column("samenvatting", lambda b: b.samenvatting),
    Column("organisatie", lambda b: b.organisatie.naam),
    Column("organisatieCode", lambda b: b.organisatie.code),
    Column("soort", lambda b: b.soort),
    Column("vorm", lambda b: b.vorm),
    Column("levensfase", lambda b: b.levensfase),
    Column("themas", lambda b: _names(b.themas)),
    Column("lagen", lambda b: _names(b.lagen)),
    Column("referentiecomponenten", lambda b: _names(b.referentiecomponenten)),
    Column("licentie", lambda b: b.licentie),
    Column("hergebruikInGebruik", lambda b: b.hergebruik_in_gebruik),
    Column("hergebruikPilot", lambda b: b.hergebruik_pilot),
    Column(
        "opschalingsscore",
        lambda b: None if b.opschalingsscore is None else round(b.opschalingsscore),
    ),
    Column("repositoryUrl", lambda b: b.repository_url),
    Column("documentatieUrl", lambda b: b.documentatie_url),
    Column("demoUrl", lambda b: b.demo_url),
    Column("contactNaam", lambda b: b.contact_naam),
    Column("contactEmail", lambda b: b.contact_email),
    Column(
        "gepubliceerdOp",
        lambda b: b.gepubliceerd_op.date().isoformat() if b.gepubliceerd_op else "",
    ),
    Column("gewijzigdOp", lambda b: b.gewijzigd_op.date().isoformat()),
]
HEADERS = [column.key for column in COLUMNS] + ["pagina"]


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def prepared(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """The blocks with what a row reads: counts, score, owner, thema's, layers and
    components (the API's list queryset has them already)."""
    return with_relations(readiness.with_counts(queryset))


def rows(queryset: QuerySet[Bouwsteen], page_url) -> Iterator[list]:
    """One list of values per block of a ``prepared`` queryset, in its order.
    ``page_url`` turns a path into the absolute address of the block's page."""
    for block in queryset.iterator(chunk_size=CHUNK):
        values = [_safe(column.value(block)) for column in COLUMNS]
        values.append(page_url(reverse("catalogus:bouwsteen", args=[block.slug])))
        yield values


class _Echo:
    """A file-like object that hands back what csv.writer writes, to stream it."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(records: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(HEADERS)
    for record in records:
        yield writer.writerow(record)


def xlsx_file(records: Iterable[list]):
    """An Excel workbook in a temporary file (rewound), written row by row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Bouwstenen")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for key in HEADERS:
        cell = WriteOnlyCell(sheet, value=key)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for record in records:
        sheet.append(record)
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(target)
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
