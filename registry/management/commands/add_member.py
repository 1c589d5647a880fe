import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.db import transaction

from core.door import GuardedCommand
from registry.constants import Rol
from registry.models import Lidmaatschap, Organisatie

PASSWORD_VARIABLE = "REGISTRY_PASSWORD"  # noqa: S105 - a variable name, not a password


class Command(GuardedCommand):
    help = (
        "Maakt een gebruiker (zo nodig) en zijn lidmaatschap van een organisatie. Het wachtwoord "
        f"komt uit de omgevingsvariabele {PASSWORD_VARIABLE} of wordt gevraagd; nooit als argument. "
        "Idempotent: opnieuw uitvoeren werkt alleen de rol bij."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "org_code", help="Code van de organisatie, bijvoorbeeld GM0363."
        )
        parser.add_argument("--role", choices=Rol.values, required=True)
        parser.add_argument("--email", default="")

    def _password(self, user) -> str:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            if not self.stdin_is_interactive():
                raise CommandError(
                    f"Geen wachtwoord: zet {PASSWORD_VARIABLE} of voer de opdracht interactief uit."
                )
            password = getpass.getpass("Wachtwoord: ")
            if password != getpass.getpass("Wachtwoord (nogmaals): "):
                raise CommandError("De wachtwoorden verschillen.")
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(
                "Wachtwoord afgewezen: " + " ".join(exc.messages)
            ) from exc
        return password

    def stdin_is_interactive(self) -> bool:
        return sys.stdin.isatty()

    def handle(self, *args, username, org_code, role, email, **options):
        try:
            organisatie = Organisatie.objects.get(code__iexact=org_code)
        except Organisatie.DoesNotExist:
            raise CommandError(
                f"Onbekende organisatie {org_code!r}. Laad eerst de referentiegegevens "
                "(manage.py load_reference_data) of controleer de code."
            ) from None
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise CommandError(f"Ongeldig e-mailadres: {email}") from exc
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=email)
                user.set_password(self._password(user))
                user.save()
                self.stdout.write(f"Gebruiker {username} aangemaakt.")
            elif email and user.email != email:
                user.email = email
                user.save(update_fields=["email"])
            lidmaatschap, created = Lidmaatschap.objects.get_or_create(
                gebruiker=user, organisatie=organisatie, defaults={"rol": role}
            )
            if created:
                self.stdout.write(
                    f"{username} is nu {role} bij {organisatie.naam} ({organisatie.code})."
                )
            elif lidmaatschap.rol != role:
                lidmaatschap.rol = role
                lidmaatschap.save(update_fields=["rol"])
                self.stdout.write(
                    f"Rol van {username} bij {organisatie.naam} is nu {role}."
                )
            else:
                self.stdout.write(
                    f"{username} was al {role} bij {organisatie.naam}; niets gewijzigd."
                )
