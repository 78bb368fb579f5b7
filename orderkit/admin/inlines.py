"""Sortable inlines on Django's own inline templates, saved through orderkit.

adminsortable2's client sorts any ``fieldset.sortable`` that holds rows with an
``input._reorder_``; Django's stock tabular and stacked templates give it both (so no
per-Django-version template is needed). The numbers it writes are only a sort key: once the
parent form is saved, the rows take, in that order, the positions they hold
(:func:`orderkit.operations.reorder`), and new rows go last.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.contrib import admin
from django.core.checks import CheckMessage
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Model
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from orderkit import operations
from orderkit.access import Access
from orderkit.admin import checks, sortkeys
from orderkit.admin.media import inline_media
from orderkit.admin.ordering import default_ordering
from orderkit.admin.refusals import move_refused
from orderkit.admin.sortkeys import SORT_KEY
from orderkit.exceptions import Conflict, FormInvalid, PermissionDenied
from orderkit.forms import ReorderForm
from orderkit.kit import Kit
from orderkit.registry import registry

if TYPE_CHECKING:
    _InlineModelAdmin = admin.options.InlineModelAdmin[Any, Any]
    _TabularInline = admin.TabularInline[Any, Any]
    _StackedInline = admin.StackedInline[Any, Any]
else:
    _InlineModelAdmin = admin.options.InlineModelAdmin
    _TabularInline = admin.TabularInline
    _StackedInline = admin.StackedInline

#: The classes that adminsortable2's client looks for on an inline's fieldset.
SORTABLE_CLASSES = ("sortable", "reversed")


class OrderkitInlineFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Saves the rows' other fields as the admin does, then their order through orderkit.

    ``get_formset()`` sets the class attributes for the request that it serves.
    """

    #: Who may reorder the inline's rows, for the request that ``get_formset()`` serves.
    orderkit_access: ClassVar[Access]
    orderkit_sortable: ClassVar[bool] = False
    orderkit_descending: ClassVar[bool] = False
    #: The rows in their new order, found by ``clean()``; empty when the order holds.
    orderkit_order: Sequence[Model] = ()
    #: Whether ``clean()`` took the group's lock in the transaction that will save.
    orderkit_held: bool = False
    #: The saved rows in the order that the page posted, once validated (see full_clean).
    orderkit_shown: list[Model] | None = None

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        if SORT_KEY in form.fields and index is not None and index < self.initial_form_count():
            form.fields[SORT_KEY].initial = sortkeys.initial_key(
                index, self.initial_form_count(), descending=self.orderkit_descending
            )

    def clean(self) -> None:
        super().clean()
        self.orderkit_order = []
        self.orderkit_held = False
        if not self.orderkit_sortable:
            # A page that offered sorting, posted once the kit refuses this user: an error,
            # never a save that drops the new order in silence.
            if sortkeys.posts_a_new_order(self.initial_forms, descending=self.orderkit_descending):
                raise ValidationError(PermissionDenied().message, code=PermissionDenied.code)
            return
        if any(self.errors):
            return
        kept = [
            (index, form)
            for index, form in enumerate(self.initial_forms)
            if not form.cleaned_data.get(DELETION_FIELD_NAME, False)
        ]
        before = sorted(kept, key=lambda pair: (self._key(pair[1], initial=True), pair[0]))
        after = sorted(kept, key=lambda pair: (self._key(pair[1], initial=False), pair[0]))
        if [form.instance.pk for _, form in after] == [form.instance.pk for _, form in before]:
            return
        access = self.orderkit_access
        order = [form.instance.pk for _, form in after]
        reorder = ReorderForm({"order": order}, kit=access.kit, scope=access.rows())
        if not reorder.is_valid():
            raise ValidationError(FormInvalid(reorder).message, code="invalid")
        try:
            access.require_each(reorder.objects)
        except PermissionDenied as refused:
            raise ValidationError(move_refused(refused.obj), code=refused.code) from None
        self._hold_group(reorder.objects[0])
        self.orderkit_order = reorder.objects

    def full_clean(self) -> None:
        """Validate, then put the saved rows in the order that the page posted, so that a
        page shown again (after any error on it) shows what it would save."""
        super().full_clean()
        if self.is_bound and self.orderkit_sortable:
            rows = list(super().get_queryset())
            self.orderkit_shown = sortkeys.show_posted_order(self, rows, self.orderkit_descending)

    def get_queryset(self) -> Any:
        """The rows that the admin pairs with the forms: in the posted order once shown."""
        return self.orderkit_shown if self.orderkit_shown is not None else super().get_queryset()

    def _hold_group(self, obj: Model) -> None:
        """Take the group's lock now, inside the admin's transaction, so that a lock that
        cannot be had in time is a form error rather than a failed save. Outside a
        transaction (a formset validated on its own) ``save()`` takes it."""
        kit = self.orderkit_access.kit
        if not connections[router.db_for_write(kit.model)].in_atomic_block:
            return
        try:
            operations.hold_group(kit, obj)
        except Conflict as conflict:
            raise ValidationError(conflict.message, code=conflict.code) from conflict
        self.orderkit_held = True

    def _key(self, form: forms.BaseForm, *, initial: bool) -> int:
        initial_key: int = form.fields[SORT_KEY].initial
        if initial:
            return initial_key
        key = form.cleaned_data.get(SORT_KEY)
        return initial_key if key is None else int(key)

    def save_existing(self, form: forms.ModelForm[Any], obj: Model, commit: bool = True) -> Any:
        """Save a row's fields but never its position, which only orderkit writes."""
        changed = [name for name in form.changed_data if name != SORT_KEY]
        saved = form.save(commit=False)
        if commit and changed:
            order_field = self.orderkit_access.kit.order_field
            saved.save(
                update_fields=[
                    field.name
                    for field in saved._meta.concrete_fields
                    if not field.primary_key and field.name != order_field
                ]
            )
            form.save_m2m()
        return saved

    def save(self, commit: bool = True) -> list[Any]:
        kit, request = self.orderkit_access.kit, self.orderkit_access.request
        if commit and self.orderkit_order and not self.orderkit_held:
            # The group's lock before the rows' locks, in the order a move takes them.
            operations.hold_group(kit, self.orderkit_order[0])
        saved = super().save(commit)
        if commit and self.orderkit_order:
            operations.reorder(kit, self.orderkit_order, user=request.user, request=request)
        return saved


class OrderkitInlineMixin(_InlineModelAdmin):
    """Makes an inline of a model registered with orderkit sortable by dragging.

    Use :class:`OrderkitTabularInline` or :class:`OrderkitStackedInline`, or put this mixin
    before ``admin.TabularInline`` or ``admin.StackedInline``. The parent admin needs nothing.
    """

    formset = OrderkitInlineFormSet

    @property
    def orderkit_kit(self) -> Kit:
        return registry.get(self.model, "reorder")

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return [
            *super().check(**kwargs),
            *checks.check_apps(type(self)),
            *checks.check_inline(
                type(self), self.model, self.parent_model, self.fk_name, self.ordering
            ),
        ]

    @property
    def media(self) -> forms.Media:
        return super().media + inline_media()

    def orderkit_descending(self, request: HttpRequest) -> bool:
        ordering = default_ordering(self.model, self.get_ordering(request))
        return bool(self.orderkit_kit.order_direction(ordering))

    def orderkit_access(self, request: HttpRequest, parent: Model | None) -> Access:
        """Who may sort this inline's rows: the inline's change permission on ``parent``,
        and the kit's ``has_permission(request, "reorder", row)``, among the inline's
        ``get_queryset(request)``."""
        return Access(
            self.orderkit_kit,
            request,
            "reorder",
            also=lambda row: self.has_change_permission(request, parent),
            within=self.get_queryset(request),
        )

    def orderkit_may_sort(self, request: HttpRequest, obj: Model | None) -> bool:
        return self.orderkit_access(request, obj).allows()

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [*(super().get_exclude(request, obj) or ()), self.orderkit_kit.order_field]

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        # The sort key is a declared field of the form, so it may be listed already.
        hidden = (self.orderkit_kit.order_field, SORT_KEY)
        fields = [name for name in super().get_fields(request, obj) if name not in hidden]
        if self.orderkit_may_sort(request, obj):
            fields.append(SORT_KEY)
        return fields

    def get_formset(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        access = self.orderkit_access(request, obj)
        sortable = access.allows()
        kwargs["form"] = sortkeys.with_sort_key(kwargs.get("form", self.form), access.kit)
        formset = cast(type[OrderkitInlineFormSet], super().get_formset(request, obj, **kwargs))
        formset.orderkit_access = access
        formset.orderkit_sortable = sortable
        formset.orderkit_descending = self.orderkit_descending(request)
        # Django makes inline instances per request (get_inline_instances), so this marks
        # this request's fieldset for adminsortable2's client: "sortable", and "reversed"
        # when the rows run from the highest position down.
        classes = [name for name in type(self).classes or () if name not in SORTABLE_CLASSES]
        if sortable:
            classes.append("sortable")
            if formset.orderkit_descending:
                classes.append("reversed")
        self.classes = classes
        return formset


class OrderkitTabularInline(OrderkitInlineMixin, _TabularInline):
    """A sortable tabular inline on Django's own template."""


class OrderkitStackedInline(OrderkitInlineMixin, _StackedInline):
    """A sortable stacked inline on Django's own template."""
