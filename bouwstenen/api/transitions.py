"""The workflow operations (indienen, publiceren, ...) as API answers.

``registry.workflow`` decides and explains; this module only chooses the status code:
403 when the caller lacks the rights (not a member, not a publicist, four eyes), 409 when
the building block is in the wrong status for the operation, and 400 with invalidParams
when fields are missing (a reason, or what a publication needs).
"""

from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from bouwstenen.api.serializers import api_names
from registry import permissions, workflow
from registry.api.exceptions import Conflict
from registry.constants import Rol


def refusal(bouwsteen, transition: workflow.Transition, user, message: str):
    """The API exception for a refused transition, ``message`` being the workflow's reason."""
    role = permissions.role_in(user, bouwsteen.organisatie_id)
    if role is None:
        return PermissionDenied(message)
    if transition.rol == Rol.PUBLICIST and role != Rol.PUBLICIST:
        return PermissionDenied(
            f"Alleen een publicist mag ‘{transition.label.lower()}’."
        )
    if bouwsteen.publicatiestatus not in transition.sources:
        return Conflict(message)
    return PermissionDenied(message)


def check_allowed(bouwsteen, transition: workflow.Transition, user) -> None:
    """Refuse early (before If-Match and the body are looked at) what cannot succeed."""
    why = workflow.refusal(bouwsteen, transition, user)
    if why:
        raise refusal(bouwsteen, transition, user, why)


def as_api_error(exc: workflow.TransitionRefused, bouwsteen, transition, user):
    if exc.field_errors:
        names = api_names()
        error = ValidationError(
            {
                names.get(field, field): [
                    ErrorDetail(message, code="required") for message in messages
                ]
                for field, messages in exc.field_errors.items()
            }
        )
        error.summary = exc.message
        return error
    # Judge by the status now, not the one read before: another request may have won.
    bouwsteen.refresh_from_db(fields=["publicatiestatus"])
    return refusal(bouwsteen, transition, user, exc.message)
