import pytest

from core.env import email_settings
from core.models import Bericht
from tests.meldingen.smtp import SMTPServer
from tests.write_paths.conftest import fresh_rate_limits, world  # noqa: F401


def use_email_url(settings, url: str) -> None:
    """Configure e-mail as ``EMAIL_URL=url`` would (through the same parser)."""
    for name, value in email_settings(url).items():
        setattr(settings, name, value)
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a local port, and the register configured to use it."""
    with SMTPServer() as server:
        use_email_url(settings, f"smtp://127.0.0.1:{server.port}")
        yield server


@pytest.fixture
def cast(world):  # noqa: F811 - the write-path tests' fixture, used here
    """The write-path tests' cast, with the e-mails of its own set-up out of the way."""
    Bericht.objects.all().delete()
    return world
