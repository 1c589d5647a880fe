"""The API's side of the filter sets (``core.filters``): their refusals as a 400 problem.

A filter set refuses with Django's ValidationError, from its form (a value that does not
exist, a parameter given twice) or from a filter while filtering (a search query the
search backend cannot take). Both become the same problem document here, each error
keeping its code, so the pages and the API share one filter set and only the API speaks
DRF.
"""

from django.core.exceptions import ValidationError as FormValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ErrorDetail, ValidationError

from core.filters import REPEATED


def repeated_error(name: str) -> ValidationError:
    """The API's 400 for a single-valued parameter that came more than once."""
    return ValidationError({name: [ErrorDetail(REPEATED, code="repeated")]})


def _problem(errors: dict) -> ValidationError:
    return ValidationError(
        {
            name: [
                ErrorDetail(message, code=error.code or "invalid")
                for error in field_errors
                for message in error.messages
            ]
            for name, field_errors in errors.items()
        }
    )


def invalid_filters(errors) -> ValidationError:
    """A filter form's errors (an ErrorDict) as the API's 400, keeping each error's code.

    Every endpoint that takes the list's filters refuses them with this same problem.
    """
    return _problem(errors.as_data())


def refused_filter(error: FormValidationError) -> ValidationError:
    """A ValidationError a filter raised while filtering, as the same 400."""
    return _problem(error.error_dict)


def filtered(filterset):
    """The filter set's records, or the API's 400 for what it refuses."""
    if not filterset.is_valid():
        raise invalid_filters(filterset.form.errors)
    try:
        return filterset.qs
    except FormValidationError as exc:
        raise refused_filter(exc) from exc


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the error code of each invalid value."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and request.query_params.keys().isdisjoint(
            filterset_class.base_filters
        ):
            # None of its parameters: a filter set would build and validate a form of
            # empty fields and hand the queryset back as it is (a list's first page
            # spent a sixth of its time there).
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        # Kept for the view's paginator, which may read what filtering learnt
        # (``FilterSet.leading``).
        view.filterset = filterset
        return filtered(filterset)
