"""Local development: debug on and an insecure key, unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")
# A fixed key for local development only; base refuses it whenever DEBUG is off.
os.environ.setdefault("SECRET_KEY", "django-insecure-alleen-voor-lokale-ontwikkeling")

from config.settings.base import *  # noqa: E402

WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
