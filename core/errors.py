"""The one error type of the services, with a stable code per kind of refusal.

A service says *why* it refuses in Dutch (``message``, and ``field_errors`` per field) and
*what kind* of refusal it is (``code``). Callers never parse the sentence: the API maps
the code to an HTTP status (``core.api.problems.SERVICE_STATUS``), the admin to a
message or a form error, an importer to a line in its report.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class Code:
    """The kinds of refusal. Strings, so they travel into problem documents as they are."""

    GEEN_TOEGANG = "geen_toegang"  # not a member, wrong role, read-only record
    VIER_OGEN = "vier_ogen"  # a second person has to do this
    VEROUDERD = "verouderd"  # someone else saved after the caller read it
    ONGELDIG = "ongeldig"  # a field is wrong
    ONVOLLEDIG = "onvolledig"  # a public block would lack what a public page needs
    STATUS = "status"  # not possible in the record's current status
    BESTAAT_AL = "bestaat_al"  # a second record where one is allowed
    EIGENAAR = "eigenaar"  # the record belongs to another organisation
    NIET_GEVONDEN = "niet_gevonden"  # what the change refers to does not exist
    TE_VAAK = "te_vaak"  # too many posts by one person in a short time


class ServiceError(Exception):
    """A refused write. Nothing of it was stored (the service's transaction rolled back)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field_errors: dict[str, list[str]] | None = None,
        current_versie: int | None = None,
        validation: ValidationError | None = None,
        retry_after: float | None = None,
    ):
        self.code = code
        self.message = message
        self.field_errors = field_errors or {}
        self.current_versie = current_versie
        self.retry_after = retry_after
        self._validation = validation
        super().__init__(message)

    @classmethod
    def from_validation(
        cls, error: ValidationError, message: str = "", *, prefix: str = ""
    ) -> "ServiceError":
        """A Django ValidationError (from ``full_clean``) as an ``ongeldig`` refusal."""
        whole = prefix.rstrip(".") or NON_FIELD_ERRORS
        if hasattr(error, "error_dict"):
            fields = {
                (whole if name == NON_FIELD_ERRORS else prefix + name): list(messages)
                for name, messages in error.message_dict.items()
            }
        else:
            fields = {whole: list(error.messages)}
        return cls(
            Code.ONGELDIG,
            message or "De invoer is niet geldig; zie de velden.",
            field_errors=fields,
            validation=error if not prefix else None,
        )

    def as_validation_error(self) -> ValidationError:
        """The field errors as a Django ValidationError, with a code per message (the
        original one when the refusal came from model validation)."""
        if self._validation is not None:
            return self._validation
        code = "required" if self.code == Code.ONVOLLEDIG else "invalid"
        if not self.field_errors:
            return ValidationError(self.message, code=code)
        return ValidationError(
            {
                field: [ValidationError(reason, code=code) for reason in reasons]
                for field, reasons in self.field_errors.items()
            }
        )

    def messages(self) -> list[str]:
        """The message and every field's reason, for places that show a flat list."""
        lines = [self.message]
        for field, reasons in self.field_errors.items():
            lines += [
                reason if field == NON_FIELD_ERRORS else f"{field}: {reason}"
                for reason in reasons
            ]
        return lines
