"""The only code that writes building blocks and everything that hangs on them.

The admin, the API, the pages, the importers, the harvester and the management commands
all call these functions; each one locks, checks the caller's version and rights,
validates, writes, updates the search index and records history in one transaction, and
refuses with one error type (``ServiceError``) whose ``code`` each caller maps to its own
answer. ``core.door`` makes a write that goes around them fail (see
``tests/write_paths``).
"""

from bouwstenen.services.behoeften import (
    behoefte_close,
    behoefte_create,
    behoefte_delete,
    behoefte_transition,
    behoefte_update,
    deelname_add,
    deelname_withdraw,
)
from bouwstenen.services.bouwstenen import (
    bouwsteen_create,
    bouwsteen_delete,
    bouwsteen_update,
    current_content,
    free_slug,
    opschalingscheck_save,
    relatie_add,
    relatie_remove,
)
from bouwstenen.services.hergebruik import (
    hergebruik_confirm,
    hergebruik_record,
    hergebruik_reject,
    hergebruik_report,
    hergebruik_update,
    hergebruik_withdraw,
)
from bouwstenen.services.history import record_history
from bouwstenen.services.overdracht import (
    overdracht_accept,
    overdracht_decline,
    overdracht_request,
    overdracht_withdraw,
)
from bouwstenen.services.restore import bouwsteen_recover, bouwsteen_restore_version
from bouwstenen.services.uitgelicht import bouwsteen_feature, bouwsteen_unfeature
from bouwstenen.services.vragen import (
    bericht_melden,
    melding_afhandelen,
    vraag_afsluiten,
    vraag_beantwoorden,
    vraag_stellen,
)
from bouwstenen.services.workflow import (
    allowed_transitions,
    bouwsteen_transition,
    subject_of,
    transition_refusal,
)
from bouwstenen.services.zoekvragen import zoekvraag_zonder_resultaat
from core.errors import Code, ServiceError

__all__ = [
    "Code",
    "ServiceError",
    "allowed_transitions",
    "behoefte_close",
    "behoefte_create",
    "behoefte_delete",
    "behoefte_transition",
    "behoefte_update",
    "bericht_melden",
    "bouwsteen_create",
    "bouwsteen_delete",
    "bouwsteen_feature",
    "bouwsteen_recover",
    "bouwsteen_restore_version",
    "bouwsteen_transition",
    "bouwsteen_unfeature",
    "bouwsteen_update",
    "current_content",
    "deelname_add",
    "deelname_withdraw",
    "free_slug",
    "hergebruik_confirm",
    "hergebruik_record",
    "hergebruik_reject",
    "hergebruik_report",
    "hergebruik_update",
    "hergebruik_withdraw",
    "melding_afhandelen",
    "opschalingscheck_save",
    "overdracht_accept",
    "overdracht_decline",
    "overdracht_request",
    "overdracht_withdraw",
    "record_history",
    "relatie_add",
    "relatie_remove",
    "subject_of",
    "transition_refusal",
    "vraag_afsluiten",
    "vraag_beantwoorden",
    "vraag_stellen",
    "zoekvraag_zonder_resultaat",
]
