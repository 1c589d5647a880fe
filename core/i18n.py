"""Dutch first: the interface is Dutch unless the visitor chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, which gives English
to most visitors with an English browser; a Dutch government site starts in Dutch.

The API is Dutch only, whatever the cookie says: its messages (DRF's own included, see
``core/api/locale``) are part of its contract, and a browser that chose English for
the pages would otherwise get English errors from the API and its docs page.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.api import API_PATH_PREFIX


class DutchFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        is_api = request.path_info.startswith(API_PATH_PREFIX)
        chosen = None if is_api else request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if not is_api:
            # The language depends on the cookie, which caches must take into account.
            patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response
