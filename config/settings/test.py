"""The test suite: fast password hashing, otherwise the same settings as production."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-" + "x" * 50)
# The test client and the live server speak plain http.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("ACCESS_LOG_LEVEL", "WARNING")

from config.settings.base import *  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Serve static files from the apps' folders, so tests need no collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
