import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.utils import timezone

from bouwstenen import onderhoud
from bouwstenen.interop.sources import probe_url
from bouwstenen.services.onderhoud import linkcontroles_forget, linkcontroles_save
from core.door import GuardedCommand
from registry.permissions import OPERATOR


class Command(GuardedCommand):
    help = (
        "Bezoekt elke link (broncode, documentatie, demo, website) van elke "
        "gepubliceerde bouwsteen, met een begrensd aantal tegelijk en een tijdslimiet, "
        "en legt vast welke werken en sinds wanneer een link niet werkt. De eigenaar "
        "krijgt één e-mail als een link stukgaat. Adressen in het eigen netwerk worden "
        "niet bezocht. Voor cron, bijvoorbeeld één keer per nacht."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency",
            type=int,
            default=8,
            help="Hoeveel links tegelijk worden bezocht (standaard 8).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=10,
            help="Seconden wachten op een server, per link (standaard 10).",
        )

    def handle(self, *args, concurrency: int, timeout: float, **options):
        started = time.perf_counter()
        blocks = list(onderhoud.to_check())
        urls = sorted(
            {url for block in blocks for url in onderhoud.links_of(block).values()}
        )
        # The same address in several blocks is visited once.
        public_only = not getattr(settings, "INTEROP_ALLOW_PRIVATE_URLS", False)
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            probes = dict(
                zip(
                    urls,
                    pool.map(
                        lambda url: probe_url(
                            url, public_only=public_only, timeout=timeout
                        ),
                        urls,
                    ),
                    strict=True,
                )
            )
        now = timezone.now()
        newly_broken = 0
        for block in blocks:
            found = {
                veld: (url, probes[url])
                for veld, url in onderhoud.links_of(block).items()
            }
            newly_broken += len(
                linkcontroles_save(
                    user=OPERATOR, bouwsteen=block, probes=found, when=now
                )
            )
        linkcontroles_forget(user=OPERATOR, checked={b.pk for b in blocks})
        broken = sum(1 for probe in probes.values() if not probe.werkt)
        self.stdout.write(
            f"{len(urls)} links van {len(blocks)} bouwstenen bezocht in "
            f"{time.perf_counter() - started:.1f} s: {broken} werken niet, "
            f"{newly_broken} voor het eerst (de eigenaar krijgt een e-mail)."
        )
