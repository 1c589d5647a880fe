"""The operator's writes of whole catalogues: the demo, a backup restore, generated data.

These run only from the command line (``load_demo``, ``import_catalogue``,
``generate_bouwstenen``), as the operator. They write blocks in the state their source
gives (the demo's and a backup's published blocks are published), so they do not go
through the editorial workflow, but they keep the registry's rules: every block is
validated and a public block is complete, reuse that the source marks as reported stays
reported, and everything is indexed and (for the demo and a restore) in the history.
"""

import datetime
from collections.abc import Iterable
from pathlib import Path

import reversion

from django.core.management import call_command
from django.utils import timezone

from bouwstenen import search, weergave
from bouwstenen.constants import HergebruikStatus, Levensfase
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord, Relatie
from bouwstenen.services import content
from bouwstenen.services.history import record_history
from core.door import writing
from core.errors import Code, ServiceError
from registry.constants import Publicatiestatus
from registry.models import Organisatie
from registry.permissions import OPERATOR


def _incomplete(bouwsteen: Bouwsteen, label: str) -> ServiceError:
    problems = bouwsteen.publication_problems()
    return ServiceError(
        Code.ONVOLLEDIG,
        f"{label}: gepubliceerd maar onvolledig: "
        + "; ".join(m for messages in problems.values() for m in messages),
        field_errors=problems,
    )


def seed_block(
    *,
    slug: str,
    organisatie: Organisatie,
    values: dict,
    relations: dict[str, Iterable],
    answers: dict[str, dict],
    publicatiestatus: str,
    gepubliceerd_op: datetime.datetime | None,
    comment: str,
) -> tuple[Bouwsteen, bool, bool]:
    """Write a demo block as its source describes it; returns (block, created, changed).

    Relations to other blocks are left as they are (``seed_relations``, once every
    block exists)."""
    with writing():
        bouwsteen = (
            Bouwsteen.objects.select_for_update(of=("self",)).filter(slug=slug).first()
        )
        created = bouwsteen is None
        before = content.empty() if created else content.snapshot_of(bouwsteen)
        inhoud = content.merged(
            before,
            values={**values, "slug": slug},
            relations=relations,
            answers={
                **dict.fromkeys(before["opschalingscheck"]),
                **answers,
            },
        )
        state_changed = created or (
            bouwsteen.organisatie_id != organisatie.pk
            or bouwsteen.publicatiestatus != publicatiestatus
            or bouwsteen.gepubliceerd_op != gepubliceerd_op
        )
        if inhoud == before and not state_changed:
            return bouwsteen, False, False
        bouwsteen = bouwsteen or Bouwsteen()
        bouwsteen.organisatie = organisatie
        bouwsteen.publicatiestatus = publicatiestatus
        bouwsteen.gepubliceerd_op = gepubliceerd_op
        view = content.view_of(bouwsteen, inhoud)
        content.validate(view, inhoud, visible_targets=Bouwsteen.objects.all())
        if not created:
            bouwsteen.versie += 1
        content.apply(bouwsteen, inhoud, shown=view)
        if bouwsteen.is_published and bouwsteen.publication_problems():
            raise _incomplete(bouwsteen, slug)
        search.reindex_written(bouwsteen)
        record_history(bouwsteen, OPERATOR, comment)
    return bouwsteen, created, True


def seed_phases(
    *, bouwsteen: Bouwsteen, fasen: list[tuple[str, datetime.datetime]], comment: str
) -> None:
    """The phases a demo block went through before it came into the register, each as
    a dated version of its history: what /statistieken and the block's timeline read.

    Only the history is written: the block itself stays as it is (its current phase
    is the last one). Refused when the phases are unknown, out of order, in the
    future, or do not end in the block's phase."""
    known = dict(Levensfase.choices)
    problems = [
        f"onbekende levensfase {fase!r}" for fase, _ in fasen if fase not in known
    ]
    moments = [moment for _fase, moment in fasen]
    if moments != sorted(moments):
        problems.append("de fasen staan niet op volgorde van datum")
    if moments and moments[-1] > timezone.now():
        problems.append("een fase ligt in de toekomst")
    if fasen and fasen[-1][0] != bouwsteen.levensfase:
        problems.append(
            f"de laatste fase ({fasen[-1][0]}) is niet de levensfase van de bouwsteen "
            f"({bouwsteen.levensfase})"
        )
    if problems:
        raise ServiceError(Code.ONGELDIG, f"{bouwsteen.slug}: " + "; ".join(problems))
    current = bouwsteen.levensfase
    with writing():
        try:
            for fase, moment in fasen:
                bouwsteen.levensfase = fase  # serialised as it was then, never saved
                with reversion.create_revision(atomic=False):
                    reversion.set_comment(f"{comment}: {known[fase]}")
                    reversion.set_date_created(moment)
                    reversion.add_to_revision(bouwsteen)
        finally:
            bouwsteen.levensfase = current


def seed_relations(*, van: Bouwsteen, relaties: list[tuple[str, Bouwsteen]]) -> bool:
    """Add the demo's relations from ``van`` that are missing; True when any was."""
    with writing():
        added = False
        for type_, naar in relaties:
            relatie = Relatie(van=van, type=type_, naar=naar)
            if Relatie.objects.filter(van=van, type=type_, naar=naar).exists():
                continue
            try:
                relatie.full_clean()
            except Exception as exc:
                raise ServiceError(Code.ONGELDIG, f"{van.slug}: {exc}") from exc
            relatie.save()
            added = True
        if added:
            record_history(van, OPERATOR, "Demo-catalogus: relaties gelegd")
    return added


def seed_reuse(
    *,
    bouwsteen: Bouwsteen,
    organisatie: Organisatie,
    values: dict,
    gemeld: bool,
    comment: str,
) -> bool:
    """The demo's reuse: confirmed as if the organisation recorded it, or reported by
    the owner and not yet confirmed (``gemeld``). True when something changed."""
    with writing():
        current = Hergebruik.objects.filter(
            bouwsteen=bouwsteen, organisatie=organisatie
        ).first()
        status = HergebruikStatus.GEMELD if gemeld else HergebruikStatus.BEVESTIGD
        if (
            current is not None
            and current.status == status
            and all(getattr(current, k) == v for k, v in values.items())
        ):
            return False
        hergebruik = current or Hergebruik(bouwsteen=bouwsteen, organisatie=organisatie)
        for key, value in values.items():
            setattr(hergebruik, key, value)
        hergebruik.status = status
        if gemeld:
            hergebruik.gemeld_namens = bouwsteen.organisatie
            hergebruik.gemeld_op = hergebruik.gemeld_op or bouwsteen.gepubliceerd_op
            hergebruik.melding_bron = "de eigenaar (demo)"
        try:
            hergebruik.full_clean()
        except Exception as exc:
            raise ServiceError(Code.ONGELDIG, f"{bouwsteen.slug}: {exc}") from exc
        hergebruik.save()
        record_history(hergebruik, OPERATOR, comment)
    return True


def catalogue_restore(path: Path | str) -> int:
    """Load a backup of ``export_catalogue`` into an empty database, all or nothing.

    Published blocks in it must be complete (a backup of this registry always is);
    the search index is rebuilt. Returns the number of blocks."""
    if Bouwsteen.objects.exists() or Organisatie.objects.exists():
        raise ServiceError(
            Code.STATUS,
            "De database is niet leeg. Zet een back-up alleen terug in een nieuwe, "
            "gemigreerde database zonder referentiegegevens.",
        )
    with writing():
        call_command("loaddata", str(path), verbosity=0)
        for bouwsteen in Bouwsteen.objects.published().prefetch_related(
            "themas", "lagen"
        ):
            if bouwsteen.publication_problems():
                raise _incomplete(bouwsteen, bouwsteen.slug)
        # loaddata sends its signals as raw saves, which say nothing to the stored
        # representations: every block is rendered when the restore ends.
        weergave.changed_all()
        return search.reindex()


def bulk_insert_blocks(
    blocks: list[Bouwsteen], links: list[tuple[list, list, list]], *, batch_size: int
) -> None:
    """Generated blocks (``generate_bouwstenen``) with their thema's, layers and GEMMA
    components, a few thousand rows per statement. Public ones must be complete."""
    for block, (themas, lagen, _componenten) in zip(blocks, links, strict=True):
        public = block.publicatiestatus == Publicatiestatus.GEPUBLICEERD
        if public and not (
            block.beschrijving.strip()
            and themas
            and lagen
            and block.contact_naam.strip()
            and block.contact_email.strip()
        ):
            raise ServiceError(
                Code.ONVOLLEDIG,
                f"{block.slug}: gegenereerd, gepubliceerd en onvolledig",
            )
    with writing():
        Bouwsteen.objects.bulk_create(blocks, batch_size=batch_size)
        for name, column, index in (
            ("themas", "thema_id", 0),
            ("lagen", "laag_id", 1),
            ("referentiecomponenten", "referentiecomponent_id", 2),
        ):
            through = getattr(Bouwsteen, name).through
            through.objects.bulk_create(
                [
                    through(bouwsteen_id=block.pk, **{column: item.pk})
                    for block, link in zip(blocks, links, strict=True)
                    for item in link[index]
                ],
                batch_size=batch_size,
            )
        # bulk_create sends no signals (bouwstenen.weergave).
        weergave.changed(weergave.BLOK, [block.pk for block in blocks])


def bulk_insert_details(
    reuse: list[Hergebruik],
    answers: list[Opschalingsantwoord],
    relations: list[Relatie],
) -> None:
    """Generated reuse (confirmed: a synthetic catalogue has no claims to check),
    answers and relations of blocks made by ``bulk_insert_blocks``."""
    with writing():
        Hergebruik.objects.bulk_create(reuse, ignore_conflicts=True)
        Opschalingsantwoord.objects.bulk_create(answers, ignore_conflicts=True)
        Relatie.objects.bulk_create(relations, ignore_conflicts=True)
        weergave.changed(
            weergave.BLOK,
            {row.bouwsteen_id for row in (*reuse, *answers)}
            | {end for row in relations for end in (row.van_id, row.naar_id)},
        )
