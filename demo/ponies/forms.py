"""The demo's model forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ponies.models import Pony


class PonyForm(forms.ModelForm[Pony]):
    class Meta:
        model = Pony
        fields = ["name", "is_active"]

    def clean_name(self) -> str:
        """Names are unique within a stable, which this form does not show: a duplicate is
        an error of the name (the database's constraint stands behind it)."""
        name: str = self.cleaned_data["name"]
        twins = Pony.objects.filter(stable_id=self.instance.stable_id, name=name)
        if twins.exclude(pk=self.instance.pk).exists():
            raise ValidationError("This stable has a pony of that name already.", code="unique")
        return name
