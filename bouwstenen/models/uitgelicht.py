"""Uitgelicht: a block a beheerder features on the home page."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from bouwstenen.models.bouwsteen import Bouwsteen


class Uitgelicht(models.Model):
    """An editorial choice of the register's beheerders, not part of the block: it
    changes neither the block's version nor what the API says about it. Only published
    blocks show; an archived one drops off the home page until it is restored."""

    bouwsteen = models.OneToOneField(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="uitgelicht",
    )
    uitgelicht_op = models.DateTimeField("uitgelicht op", default=timezone.now)
    uitgelicht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uitgelicht door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "uitgelichte bouwsteen"
        verbose_name_plural = "uitgelichte bouwstenen"
        ordering = ["-uitgelicht_op", "pk"]

    def __str__(self) -> str:
        return f"{self.bouwsteen} (uitgelicht)"
