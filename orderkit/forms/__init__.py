"""Forms that validate every request body and resolve its pks inside the caller's scope."""

from orderkit.forms.body import INVALID_CHOICE, REQUIRED, BodyForm
from orderkit.forms.reorder import ReorderForm
from orderkit.forms.simple import EditForm, LinkForm, ToggleForm

__all__ = [
    "INVALID_CHOICE",
    "REQUIRED",
    "BodyForm",
    "EditForm",
    "LinkForm",
    "ReorderForm",
    "ToggleForm",
]
