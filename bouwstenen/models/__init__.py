"""The building blocks and everything about them.

One module a model (or a model and what only it uses); every model is importable from
``bouwstenen.models`` as before, which is also where Django finds them.
"""

from bouwstenen.models.behoefte import Behoefte, Deelname
from bouwstenen.models.bouwsteen import Bouwsteen
from bouwstenen.models.concept import BouwsteenConcept
from bouwstenen.models.hergebruik import (
    Hergebruik,
    HergebruikQuerySet,
    Opschalingsantwoord,
)
from bouwstenen.models.onderhoud import Herinnering, Linkcontrole
from bouwstenen.models.overdracht import Overdracht
from bouwstenen.models.relatie import Relatie
from bouwstenen.models.uitgelicht import Uitgelicht
from bouwstenen.models.vraag import Antwoord, Melding, Vraag, VraagQuerySet
from bouwstenen.models.weergave import Weergave
from bouwstenen.models.zoekdocument import Zoekdocument, Zoekwoord
from bouwstenen.models.zoekvraag import GemisteZoekvraag

__all__ = [
    "Behoefte",
    "Antwoord",
    "Bouwsteen",
    "BouwsteenConcept",
    "Deelname",
    "GemisteZoekvraag",
    "Hergebruik",
    "Melding",
    "HergebruikQuerySet",
    "Herinnering",
    "Linkcontrole",
    "Opschalingsantwoord",
    "Overdracht",
    "Relatie",
    "Uitgelicht",
    "Vraag",
    "VraagQuerySet",
    "Weergave",
    "Zoekdocument",
    "Zoekwoord",
]
