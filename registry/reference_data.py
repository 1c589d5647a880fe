"""Load the real reference data (organisations, thema's, GEMMA components) from CSV.

The files live in ``registry/data`` (copied from public sources, see the SOURCES.md
files there). Loading is idempotent: rows are matched on their natural key, changed
values are updated, and nothing is ever deleted, so what refers to them keeps its links.
"""

import csv
import io
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models
from django.utils.text import slugify

from core.door import writing
from registry.constants import OrganisatieSoort
from registry.models import Organisatie, Referentiecomponent, Thema

DATA_DIR = Path(__file__).resolve().parent / "data"


class ReferenceDataError(Exception):
    """A reference file cannot be loaded; names the file and the line."""

    def __init__(self, path: Path, line: int, message: str):
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path.name}, regel {line}: {message}")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadReport:
    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, label: str) -> Tally:
        return self.tallies.setdefault(label, Tally())

    @property
    def created(self) -> int:
        return sum(t.created for t in self.tallies.values())

    @property
    def updated(self) -> int:
        return sum(t.updated for t in self.tallies.values())

    def lines(self) -> list[str]:
        return [
            f"{label}: {t.created} aangemaakt, {t.updated} bijgewerkt, {t.unchanged} ongewijzigd"
            for label, t in self.tallies.items()
        ]


@dataclass(frozen=True)
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def fail(self, message: str) -> ReferenceDataError:
        return ReferenceDataError(self.path, self.line, message)


def read_csv(
    path: Path, *, required: list[str], optional: tuple[str, ...] = ()
) -> Iterator[Row]:
    """Yield the rows of a CSV file; every ``required`` column must be filled in."""
    if not path.is_file():
        raise ReferenceDataError(path, 0, "bestand ontbreekt")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReferenceDataError(path, line, "geen geldige UTF-8-tekst") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        missing = [c for c in [*required, *optional] if c not in header]
        if missing:
            raise ReferenceDataError(
                path, 1, f"kolom(men) ontbreken: {', '.join(missing)}"
            )
        start = reader.line_num + 1
        for record in reader:
            if None in record or any(v is None for v in record.values()):
                raise ReferenceDataError(
                    path,
                    start,
                    f"verwacht {len(header)} velden, gevonden een ander aantal",
                )
            row = Row(path, start, {k: v.strip() for k, v in record.items()})
            empty = [c for c in required if not row[c]]
            if empty:
                raise row.fail(f"verplicht veld leeg: {', '.join(empty)}")
            yield row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReferenceDataError(
            path, reader.line_num, f"ongeldige CSV: {exc}"
        ) from exc


def _check_oin(row: Row, column: str = "oin") -> str:
    oin = row[column]
    if oin and not (len(oin) == 20 and oin.isdigit()):
        raise row.fail(f"OIN {oin!r} bestaat niet uit 20 cijfers")
    return oin


class _Upserter:
    """Match rows on a natural key and create or update them, counting what happened."""

    def __init__(self, model: type[models.Model], key: str, tally: Tally):
        self.model = model
        self.key = key
        self.tally = tally
        self.existing = {getattr(obj, key): obj for obj in model.objects.all()}
        self.seen: dict[object, Row] = {}

    def __call__(
        self, row: Row, key_value, values: dict, *, on_create: dict | None = None
    ):
        if key_value in self.seen:
            raise row.fail(
                f"{self.key} {key_value!r} staat ook op regel {self.seen[key_value].line}"
            )
        self.seen[key_value] = row
        obj = self.existing.get(key_value)
        if obj is None:
            obj = self.model(**{self.key: key_value}, **values, **(on_create or {}))
            obj.save()
            self.existing[key_value] = obj
            self.tally.created += 1
            return obj
        changed = [
            name for name, value in values.items() if getattr(obj, name) != value
        ]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.tally.updated += 1
        else:
            self.tally.unchanged += 1
        return obj


_LABELS = {
    OrganisatieSoort.PROVINCIE: "Provincies",
    OrganisatieSoort.GEMEENTE: "Gemeenten",
    OrganisatieSoort.WATERSCHAP: "Waterschappen",
    OrganisatieSoort.MINISTERIE: "Ministeries",
    OrganisatieSoort.OPENBAAR_LICHAAM: "Openbare lichamen (Caribisch Nederland)",
}


def _organisation_slug(soort: str, naam: str) -> str:
    return slugify(f"{soort} {naam}")[:200]


def _load_organisations(
    report: LoadReport,
    path: Path,
    soort: OrganisatieSoort,
    *,
    required: list[str],
    optional: tuple[str, ...],
    values_of: Callable[[Row], tuple[str, dict] | None],
    upsert: _Upserter,
) -> None:
    tally = report.tally(_LABELS[soort])
    upsert.tally = tally
    for row in read_csv(path, required=required, optional=optional):
        result = values_of(row)
        if result is None:
            continue
        code, values = result
        values["soort"] = soort
        upsert(
            row,
            code,
            values,
            on_create={"slug": _organisation_slug(soort, values["naam"])},
        )


# One transaction through the write door: what blocks derive from a renamed organisation
# or thema is brought up to date once, at the end (core.door).
@writing()
def load_reference_data(data_dir: Path = DATA_DIR) -> LoadReport:
    """Load every reference file in one transaction: all of it, or nothing."""
    report = LoadReport()
    orgs = data_dir / "organisations"
    upsert = _Upserter(Organisatie, "code", Tally())

    _load_organisations(
        report,
        orgs / "provincies.csv",
        OrganisatieSoort.PROVINCIE,
        required=["code", "preferred_name", "tooi_uri"],
        optional=("afkorting", "oin"),
        values_of=lambda row: (
            row["code"],
            {
                "naam": row["preferred_name"],
                "afkorting": row["afkorting"],
                "oin": _check_oin(row),
                "tooi_uri": row["tooi_uri"],
            },
        ),
        upsert=upsert,
    )
    provinces = {
        o.code: o for o in Organisatie.objects.filter(soort=OrganisatieSoort.PROVINCIE)
    }

    def gemeente(row: Row):
        provincie = provinces.get(row["province_code"])
        if provincie is None:
            raise row.fail(f"onbekende provincie {row['province_code']!r}")
        return row["code"], {
            "naam": row["preferred_name"],
            "oin": _check_oin(row),
            "tooi_uri": row["tooi_uri"],
            "provincie": provincie,
        }

    _load_organisations(
        report,
        orgs / "gemeenten.csv",
        OrganisatieSoort.GEMEENTE,
        required=["code", "preferred_name", "province_code", "tooi_uri"],
        optional=("oin",),
        values_of=gemeente,
        upsert=upsert,
    )
    _load_organisations(
        report,
        orgs / "waterschappen.csv",
        OrganisatieSoort.WATERSCHAP,
        required=["code", "preferred_name", "tooi_uri"],
        optional=("oin",),
        values_of=lambda row: (
            row["code"],
            {
                "naam": row["preferred_name"],
                "oin": _check_oin(row),
                "tooi_uri": row["tooi_uri"],
            },
        ),
        upsert=upsert,
    )

    def ministerie(row: Row):
        if row["active"] not in ("true", "false"):
            raise row.fail(f"active moet true of false zijn, niet {row['active']!r}")
        if row["active"] != "true":
            return None
        return row["tooi_code"], {
            "naam": f"Ministerie van {row['name']}",
            "afkorting": row["abbr"],
            "oin": _check_oin(row),
            "tooi_uri": row["tooi_uri"],
        }

    _load_organisations(
        report,
        orgs / "ministeries.csv",
        OrganisatieSoort.MINISTERIE,
        required=["tooi_code", "name", "tooi_uri", "active"],
        optional=("abbr", "oin"),
        values_of=ministerie,
        upsert=upsert,
    )
    _load_organisations(
        report,
        orgs / "caribische_openbare_lichamen.csv",
        OrganisatieSoort.OPENBAAR_LICHAAM,
        required=["tooi_code", "name", "tooi_uri"],
        optional=("oin",),
        values_of=lambda row: (
            row["tooi_code"],
            {"naam": row["name"], "oin": _check_oin(row), "tooi_uri": row["tooi_uri"]},
        ),
        upsert=upsert,
    )

    upsert_thema = _Upserter(Thema, "slug", report.tally("Thema's"))
    for row in read_csv(
        data_dir / "themas" / "themas.csv",
        required=["slug", "naam"],
        optional=("naam_en", "omschrijving", "eu_data_theme", "publiccode_scope"),
    ):
        if row["slug"] != slugify(row["slug"]):
            raise row.fail(f"slug {row['slug']!r} is geen geldige slug")
        upsert_thema(
            row,
            row["slug"],
            {
                "naam": row["naam"],
                "naam_en": row["naam_en"],
                "omschrijving": row["omschrijving"],
                "eu_data_theme": row["eu_data_theme"],
                "publiccode_scope": row["publiccode_scope"],
            },
        )

    upsert_component = _Upserter(
        Referentiecomponent, "gemma_id", report.tally("Referentiecomponenten")
    )
    for row in read_csv(
        data_dir / "gemma" / "referentiecomponenten.csv",
        required=["id", "name"],
        optional=("description", "url", "gemma_status", "toelichting"),
    ):
        try:
            gemma_id = uuid.UUID(row["id"])
        except ValueError:
            raise row.fail(
                f"id {row['id']!r} is geen geldige GEMMA-id (UUID)"
            ) from None
        upsert_component(
            row,
            gemma_id,
            {
                "naam": row["name"],
                "omschrijving": row["description"],
                "toelichting": row["toelichting"],
                "gemma_url": row["url"],
                "gemma_status": row["gemma_status"],
            },
        )
    return report
