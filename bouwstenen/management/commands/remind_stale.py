from django.utils import timezone

from bouwstenen import onderhoud
from bouwstenen.services.onderhoud import herinnering_send
from core.door import GuardedCommand
from registry.permissions import OPERATOR


class Command(GuardedCommand):
    help = (
        "Stuurt de eigenaar van elke gepubliceerde bouwsteen die twaalf maanden niet is "
        "gewijzigd (of als actueel bevestigd) één herinnering per periode. Na achttien "
        "maanden staat op de openbare pagina 'mogelijk verouderd'. Voor cron, "
        "bijvoorbeeld één keer per week."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        count = 0
        for block in onderhoud.to_remind(now):
            herinnering_send(
                user=OPERATOR,
                bouwsteen=block,
                when=now,
                maanden=max(
                    onderhoud.HERINNEREN_MAANDEN,
                    (now - block.gewijzigd_op).days * 12 // 365,
                ),
            )
            count += 1
        self.stdout.write(f"{count} herinneringen verstuurd.")
