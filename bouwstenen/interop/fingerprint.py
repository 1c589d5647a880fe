"""A fingerprint of a building block's content, to notice edits made after an import.

The importer and the harvester store the fingerprint of what they wrote
(``Bouwsteen.bron_vingerafdruk``). When the block's current fingerprint differs from it,
someone changed the block here, and a new import must not overwrite that silently. Only
content counts: workflow steps (submitting, publishing) change ``versie`` but not this.
"""

import hashlib
import json
from collections.abc import Iterable

from bouwstenen.models import Bouwsteen

CONTENT_FIELDS = (
    "naam",
    "soort",
    "vorm",
    "samenvatting",
    "beschrijving",
    "levensfase",
    "licentie",
    "repository_url",
    "documentatie_url",
    "demo_url",
    "website_url",
    "contact_naam",
    "contact_email",
)


def fingerprint(
    *,
    values: dict,
    organisatie_code: str,
    themas: Iterable[str],
    lagen: Iterable[str],
    referentiecomponenten: Iterable[str],
) -> str:
    payload = {name: values.get(name) or "" for name in CONTENT_FIELDS}
    payload |= {
        "organisatie": organisatie_code,
        "themas": sorted(themas),
        "lagen": sorted(lagen),
        "referentiecomponenten": sorted(str(c) for c in referentiecomponenten),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint_of(bouwsteen: Bouwsteen) -> str:
    return fingerprint(
        values={name: getattr(bouwsteen, name) for name in CONTENT_FIELDS},
        organisatie_code=bouwsteen.organisatie.code,
        themas=[t.slug for t in bouwsteen.themas.all()],
        lagen=[laag.slug for laag in bouwsteen.lagen.all()],
        referentiecomponenten=[
            r.gemma_id for r in bouwsteen.referentiecomponenten.all()
        ],
    )
