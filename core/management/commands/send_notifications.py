from core.door import GuardedCommand
from core.notifications import RETRY_AFTER, send


class Command(GuardedCommand):
    help = (
        "Verstuurt de e-mails uit het postvak-uit die nog niet verstuurd zijn (de "
        "mailserver was onbereikbaar of weigerde). Voor cron, bijvoorbeeld elke tien "
        "minuten; berichten jonger dan twee minuten wachten op hun eigen verzending."
    )

    def handle(self, *args, **options):
        tally = send(older_than=RETRY_AFTER)
        self.stdout.write(
            f"{tally['verzonden']} verstuurd, {tally['mislukt']} mislukt "
            "(blijven staan voor de volgende keer)."
        )
        if tally["mislukt"]:
            # cron mails a non-zero exit; the messages are kept either way.
            raise SystemExit(1)
