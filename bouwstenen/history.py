"""The history of a building block: who changed what and when, and restoring a version.

Versions are stored by django-reversion (every write of ``bouwstenen.services``).
Restoring (``services.bouwsteen_restore_version``) takes the *content* of an old version
and saves it as any change, so rights, validation, concurrency checks and the concept of
a published block apply; the workflow status is left alone.
"""

import datetime
from dataclasses import dataclass

from reversion.errors import RevertError
from reversion.models import Version

from django.db import models

from bouwstenen.models import Bouwsteen

WORKFLOW_FIELDS = {
    "id",
    "uuid",
    "publicatiestatus",
    "gepubliceerd_op",
    "ingediend_door",
    "beoordeling_opmerking",
    "versie",
    "aangemaakt_op",
    "gewijzigd_op",
    "inhoud_gewijzigd_door",
}


def _content_fields() -> list[models.Field]:
    return [
        f
        for f in Bouwsteen._meta.get_fields()
        if getattr(f, "concrete", False) and f.name not in WORKFLOW_FIELDS
    ]


def _display(field: models.Field, value) -> str:
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        names = field.related_model.objects.filter(pk__in=value).values_list(
            field.related_model._meta.ordering[0]
            if field.related_model._meta.ordering
            else "pk",
            flat=True,
        )
        labels = [str(o) for o in field.related_model.objects.filter(pk__in=value)]
        return ", ".join(sorted(labels)) if labels else ", ".join(map(str, names))
    if field.is_relation:
        obj = field.related_model.objects.filter(pk=value).first()
        return str(obj) if obj else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _normalised(field: models.Field, value):
    if field.many_to_many:
        return sorted(int(v) for v in value or [])
    return value


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    version: Version
    changes: list[Change]

    @property
    def revision(self):
        return self.version.revision


def entries_for(bouwsteen: Bouwsteen) -> list[Entry]:
    """Newest first, each with the content fields that differ from the version before."""
    versions = list(
        Version.objects.get_for_object(bouwsteen)
        .select_related("revision__user")
        .order_by("revision__date_created", "pk")
    )
    # The status is shown too (who submitted, who published), but never restored.
    fields = [*_content_fields(), Bouwsteen._meta.get_field("publicatiestatus")]
    entries, previous = [], None
    for version in versions:
        data = version.field_dict
        changes = []
        if previous is not None:
            for field in fields:
                before = _normalised(field, previous.get(field.attname))
                after = _normalised(field, data.get(field.attname))
                if before != after:
                    changes.append(
                        Change(
                            str(field.verbose_name),
                            _display(field, before),
                            _display(field, after),
                        )
                    )
        entries.append(Entry(version, changes))
        previous = data
    return list(reversed(entries))


def describe(version: Version) -> list[tuple[str, str]]:
    data = version.field_dict
    return [
        (str(f.verbose_name), _display(f, _normalised(f, data.get(f.attname))))
        for f in _content_fields()
    ]


@dataclass
class Fase:
    """One step of a block's story: it reached ``levensfase`` on ``sinds``."""

    levensfase: str
    label: str
    sinds: datetime.datetime


def levensfase_tijdlijn(bouwsteen: Bouwsteen) -> list[Fase]:
    """The phases a block went through, oldest first, each with the moment it got there.

    Taken from the stored versions (one query), so the story from idea via pilot to
    scale is told from what really happened, not typed in. A version that keeps the
    phase adds nothing; a block without history gets its current phase since creation.
    """
    labels = dict(Bouwsteen._meta.get_field("levensfase").flatchoices)
    versions = (
        Version.objects.get_for_object(bouwsteen)
        .select_related("revision")
        .order_by("revision__date_created", "pk")
    )
    steps: list[Fase] = []
    for version in versions:
        try:
            fase = version.field_dict.get("levensfase")
        except RevertError:  # a version the current model can no longer read
            continue
        if fase and (not steps or steps[-1].levensfase != fase):
            steps.append(
                Fase(fase, str(labels.get(fase, fase)), version.revision.date_created)
            )
    if not steps or steps[-1].levensfase != bouwsteen.levensfase:
        steps.append(
            Fase(
                bouwsteen.levensfase,
                str(labels.get(bouwsteen.levensfase, bouwsteen.levensfase)),
                bouwsteen.gewijzigd_op if steps else bouwsteen.aangemaakt_op,
            )
        )
    return steps
