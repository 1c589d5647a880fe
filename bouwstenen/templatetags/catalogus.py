"""Small helpers for the catalogue templates."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.markdown import plain_text, render_markdown

register = template.Library()


@register.filter
def vertaal(label) -> str:
    """A fixed label (see ``bouwstenen.labels``) in the visitor's language."""
    return gettext(str(label)) if label else ""


_FACET_OPTION = (
    '<li class="utrecht-form-field utrecht-form-field--checkbox facet__option">'
    '<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" '
    'id="f-{0}-{1}" name="{0}" value="{2}"{3}>'
    '<label class="utrecht-form-label utrecht-form-label--checkbox facet__label" '
    'for="f-{0}-{1}">{4}{5}</label></li>'
)
_CHECKED = mark_safe(" checked")  # noqa: S308 - a constant


@register.simple_tag
def facet_opties(groep: dict) -> str:
    """One facet's options on the search page: a checkbox per value, its name and how
    many blocks it would show. Written out here rather than in the template language,
    which took 9 of the page's 23 ms of rendering for the eighty options a search
    shows (docs/performance.md); every value is escaped by ``format_html``."""
    naam, vertalen = groep["naam"], groep["vertalen"]
    return format_html_join(
        "\n",
        _FACET_OPTION,
        (
            (
                naam,
                number,
                optie["waarde"],
                _CHECKED if optie["gekozen"] else "",
                vertaal(optie["naam"]) if vertalen else optie["naam"],
                ""
                if optie["aantal"] is None
                else format_html(
                    ' <span class="facet__count">{}</span>', intcomma(optie["aantal"])
                ),
            )
            for number, optie in enumerate(groep["opties"], 1)
        ),
    )


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's address without its query: filters and paging are not other pages."""
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.filter
def procent(value) -> int:
    """A score (0-100, or None) rounded for display and for the width of a bar."""
    return round(value) if value is not None else 0


@register.simple_tag
def api_url(bouwsteen, suffix: str = "") -> str:
    """The block's record in the REST API (``/api/v1``, NL API Design Rules, no slash)."""
    return f"/api/v1/bouwstenen/{bouwsteen.uuid}{suffix}"


@register.filter
def markdown(text) -> str:
    """Markdown as sanitised HTML (``core.markdown``: nh3 removes scripts and handlers)."""
    return render_markdown(text)


@register.filter
def platte_tekst(text) -> str:
    """Markdown as plain words, escaped like any text (a summary, a meta description)."""
    return plain_text(text)


@register.simple_tag
def inhoud_lang() -> str:
    """` lang="nl"` on texts organisations wrote, when the interface is not Dutch.

    Their texts stay as written (Dutch); WCAG 3.1.2 asks to mark such parts, so a
    screen reader pronounces them as Dutch on the English pages.
    """
    if (get_language() or "nl").split("-")[0] == "nl":
        return ""
    return mark_safe(' lang="nl"')  # noqa: S308 - a constant


@register.simple_tag
def thema_lang(thema) -> str:
    """``inhoud_lang`` for a thema's name: nothing when it shows its English name."""
    return "" if thema.toont_engels else inhoud_lang()
