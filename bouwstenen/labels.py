"""English names for the fixed lists the pages show (soort, levensfase, stadium, ...).

The choice labels in ``constants`` are Dutch and stay so (the API and the admin use
them). Naming them here with ``gettext_noop`` puts them in the translation files; the
``vertaal`` template filter then shows them in the visitor's language. Texts that
organisations typed (names of blocks, thema's, experiences) are never translated.

The catalogue's texts are in ``locale/{nl,en}``. To update them after changing a text::

    manage.py makemessages -l nl -l en --no-obsolete --no-location \
        -i ".venv/*" -i "node_modules/*" -i "tests/*" -i "registry/*" -i "config/*" \
        -i "bouwstenen/api/*" -i "bouwstenen/interop/*" -i "templates/admin/*" ...
    manage.py compilemessages -l nl -l en -i .venv -i node_modules

(the admin and the API keep their own Dutch texts; only the public pages are bilingual).
"""

from django.utils.translation import gettext_noop as _

CHOICE_LABELS = [
    # Soort and vorm
    _("Datatoepassing"),
    _("Use case"),
    _("Werkwijze"),
    _("Dashboard"),
    _("Model of algoritme"),
    _("Datapijplijn"),
    _("API"),
    _("Dataset"),
    _("Softwarecomponent"),
    # Levensfase
    _("Idee"),
    _("Pilot"),
    _("Opschaling"),
    _("Productie (in beheer)"),
    _("Uitgefaseerd"),
    # Hergebruik: stadium
    _("Interesse"),
    _("Verkenning"),
    _("In gebruik"),
    _("Gestopt"),
    # Opschalingscheck: antwoorden
    _("Ja"),
    _("Deels"),
    _("Nee"),
    _("N.v.t."),
    _("Nog niet ingevuld"),
    # Opschalingscheck: voorwaarden
    _("Maatschappelijke opgave benoemd"),
    _("Waarde aangetoond"),
    _("Draagvlak bij management"),
    _("Multidisciplinair team"),
    _("Roadmap"),
    _("DPIA uitgevoerd"),
    _("Informatiebeveiliging (BIO)"),
    _("Data-architectuur beschreven"),
    _("Datamanagement (eigenaar en beheerder benoemd)"),
    _("Beheer en onderhoud geregeld"),
    _("Documentatie"),
    _("Open licentie en broncode"),
    _("Gebruikerstesten"),
    _("Kennisdeling"),
    # Opschalingscheck: what each precondition asks (VOORWAARDE_UITLEG)
    _(
        "Voor welke publieke taak is dit, en wie heeft er baat bij? Ja als de opgave en het beoogde effect zijn vastgelegd."
    ),
    _(
        "Is met cijfers of ervaringen van gebruikers aangetoond wat het oplevert? Verwijs naar een evaluatie of rapport."
    ),
    _("Steunt het management de doorontwikkeling, met tijd en budget na de pilot?"),
    _("Werken inhoud, data, IT, privacy en de gebruikers samen in één team?"),
    _("Is er een plan voor de komende fasen, met mijlpalen en eigenaren?"),
    _(
        "Is een gegevensbeschermingseffectbeoordeling (DPIA) uitgevoerd, of vastgesteld dat die niet nodig is?"
    ),
    _(
        "Zijn de maatregelen uit de Baseline Informatiebeveiliging Overheid (BIO) getroffen?"
    ),
    _(
        "Is beschreven welke bronnen, koppelingen en opslag er zijn, bij voorkeur volgens Common Ground?"
    ),
    _(
        "Zijn een data-eigenaar en een databeheerder benoemd voor de gebruikte gegevens?"
    ),
    _(
        "Is geregeld wie het beheert, updates doet en storingen oplost, ook na de pilot?"
    ),
    _(
        "Is er documentatie voor gebruikers, beheerders en organisaties die het willen hergebruiken?"
    ),
    _("Staat de broncode openbaar onder een open licentie (bijvoorbeeld EUPL-1.2)?"),
    _(
        "Is het getest met de mensen die het gaan gebruiken, en is hun feedback verwerkt?"
    ),
    _(
        "Deelt het team de kennis, bijvoorbeeld in een community, op een kennisdag of in dit register?"
    ),
    # Relaties, both directions
    _("gebruikt"),
    _("is gebaseerd op"),
    _("is een alternatief voor"),
    _("is onderdeel van"),
    _("wordt gebruikt door"),
    _("is de basis voor"),
    _("heeft als onderdeel"),
    # Soort organisatie
    _("Gemeente"),
    _("Provincie"),
    _("Waterschap"),
    _("Ministerie"),
    _("Uitvoeringsorganisatie"),
    _("Samenwerkingsverband"),
    _("Openbaar lichaam (Caribisch Nederland)"),
    # Common Ground-lagen
    _("Interactie"),
    _("Proces"),
    _("Integratie"),
    _("Services"),
    _("Data"),
]
