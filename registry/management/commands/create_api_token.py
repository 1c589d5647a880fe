from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from core.door import GuardedCommand
from registry import permissions


class Command(GuardedCommand):
    help = (
        "Maakt een API-token voor een gebruiker en toont de sleutel één keer. Het token "
        "schrijft namens de organisaties waarvan de gebruiker lid is. Intrekken: verwijder "
        "het token in het beheer (Auth Token › Tokens)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="De gebruikersnaam.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Vervang een bestaand token; het oude werkt dan meteen niet meer.",
        )

    def handle(self, *args, username: str, replace: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker ‘{username}’ bestaat niet.")
        if not user.is_active:
            raise CommandError(f"Gebruiker ‘{username}’ is niet actief.")
        with transaction.atomic():
            existing = Token.objects.filter(user=user)
            if existing.exists() and not replace:
                raise CommandError(
                    f"‘{username}’ heeft al een token. Gebruik --replace voor een nieuw "
                    "token; het oude werkt dan niet meer."
                )
            existing.delete()
            token = Token.objects.create(user=user)
        # Only the key on stdout, so scripts can capture it; the rest goes to stderr.
        self.stdout.write(token.key)
        self.stderr.write(
            "Bewaar deze sleutel nu: hij wordt niet opnieuw getoond. Gebruik hem als "
            "header Authorization: Token <sleutel>."
        )
        if not permissions.is_member(user):
            self.stderr.write(
                self.style.WARNING(
                    f"Let op: ‘{username}’ is van geen enkele organisatie lid; het token "
                    "kan alleen lezen wat gepubliceerd is."
                )
            )
