"""An inline's sort keys: the numbers that the client writes in each row's hidden input.

The client numbers the rows 1, 2, ... from the top (or ..., 2, 1 when the rows run from the
highest position down); rows that did not move keep the key they were given. Keys are only
a sort key: :class:`~orderkit.admin.inlines.OrderkitInlineFormSet` turns their order into
an orderkit reorder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from orderkit.kit import Kit

#: The form field that carries each row's sort key (never a model field).
SORT_KEY = "orderkit_sort_key"


def initial_key(index: int, count: int, *, descending: bool) -> int:
    """The key of the row shown at ``index`` of ``count`` saved rows."""
    return count - index if descending else index + 1


def posted_key(form: Any, index: int, count: int, *, descending: bool) -> int:
    """The key that the browser posted for the row at ``index``; its initial key when it
    posted none, or no number."""
    raw = form.data.get(form.add_prefix(SORT_KEY))
    try:
        return int(str(raw).strip())
    except ValueError:
        return initial_key(index, count, descending=descending)


def shown_order(forms: Sequence[Any], *, descending: bool) -> list[int]:
    """The indexes of the saved rows' ``forms`` in the order that their posted keys give
    them on the page, top first; unmoved rows keep their places."""
    count = len(forms)
    keys = [
        posted_key(form, index, count, descending=descending) for index, form in enumerate(forms)
    ]
    ordered = sorted(range(count), key=lambda index: (keys[index], index))
    return ordered[::-1] if descending else ordered


def posts_a_new_order(forms: Sequence[Any], *, descending: bool) -> bool:
    """Whether the keys posted for the saved rows' ``forms`` move any of them."""
    return shown_order(forms, descending=descending) != list(range(len(forms)))


def show_posted_order(formset: Any, rows: list[Any], descending: bool) -> list[Any] | None:
    """Put the bound ``formset``'s saved rows (their forms, their errors) in the order that
    the page posted; answer ``rows`` (the saved rows, as the forms were) in that order, or
    ``None`` when rows were added or deleted since the page was shown."""
    count = formset.initial_form_count()
    if len(rows) != count:
        return None
    order = shown_order(formset.forms[:count], descending=descending)
    formset.forms[:count] = [formset.forms[index] for index in order]
    formset._errors[:count] = [formset._errors[index] for index in order]
    return [rows[index] for index in order]


def with_sort_key(form: type[forms.ModelForm[Any]], kit: Kit) -> type[forms.ModelForm[Any]]:
    """``form`` with the hidden sort key field, labelled as the kit's position."""
    field = forms.IntegerField(
        required=False,
        label=kit.verbose_name(kit.position_name),
        widget=forms.HiddenInput(attrs={"class": "_reorder_"}),
    )
    return type(form.__name__, (form,), {SORT_KEY: field})
