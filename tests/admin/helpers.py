from bouwstenen.models import Bouwsteen


def form_data(obj: Bouwsteen, **overrides) -> dict:
    """The POST body the admin change form sends for ``obj``, with changes."""
    data = {
        "naam": obj.naam,
        "slug": obj.slug,
        "soort": obj.soort,
        "vorm": obj.vorm,
        "samenvatting": obj.samenvatting,
        "beschrijving": obj.beschrijving,
        "organisatie": obj.organisatie_id,
        "themas": [t.pk for t in obj.themas.all()],
        "lagen": [laag.pk for laag in obj.lagen.all()],
        "referentiecomponenten": [r.pk for r in obj.referentiecomponenten.all()],
        "levensfase": obj.levensfase,
        "licentie": obj.licentie,
        "contact_naam": obj.contact_naam,
        "contact_email": obj.contact_email,
        "repository_url": obj.repository_url,
        "documentatie_url": obj.documentatie_url,
        "demo_url": obj.demo_url,
        "website_url": obj.website_url,
        "versie": obj.versie,
        "_save": "Opslaan",
    }
    # The inlines (opschalingscheck, relaties) send their management forms, empty here.
    for prefix in ("opschalingsantwoorden", "relaties_uit"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data
