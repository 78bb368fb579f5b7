from __future__ import annotations

from django.db import models


class Stable(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Pony(models.Model):
    name = models.CharField(max_length=100)
    stable = models.ForeignKey(Stable, on_delete=models.CASCADE, related_name="ponies")
    position = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    is_active = models.BooleanField(default=True)
    tags: models.ManyToManyField[Tag, PonyTag] = models.ManyToManyField(
        Tag, through="PonyTag", blank=True, related_name="ponies"
    )

    class Meta:
        ordering = ["stable", "position", "pk"]
        verbose_name_plural = "ponies"
        constraints = [
            models.UniqueConstraint(
                fields=["stable", "name"],
                name="ponies_pony_unique_name_per_stable",
                violation_error_message="This stable has a pony of that name already.",
                violation_error_code="unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PonyTag(models.Model):
    """A tag of a pony, in the pony's order of its tags (the through model of ``Pony.tags``,
    registered as a kit grouped by the pony). Its table is the one that Django made for
    ``Pony.tags`` before it had a through model (migration ``ponies.0003``)."""

    pony = models.ForeignKey(Pony, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        db_table = "ponies_pony_tags"
        ordering = ["pony", "position", "pk"]
        unique_together = [("pony", "tag")]

    def __str__(self) -> str:
        return f"{self.tag} of {self.pony}"
