"""The :class:`Kit`: what orderkit may do with one model, who may do it, and how its rows
fall into ordered groups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from orderkit.exceptions import NotRegistered
from orderkit.kitrelations import KitRelations

if TYPE_CHECKING:
    from django.http import HttpRequest

Action = Literal["reorder", "regroup", "toggle", "attach", "detach", "edit"]
ACTIONS: tuple[Action, ...] = ("reorder", "toggle", "attach", "detach", "edit")
#: A group as a column filter, e.g. ``{"stable_id": 3}``; ``{}`` for a kit without group_by.
Group = dict[str, Any]


class Kit(KitRelations):
    """What orderkit may do with one model, and who may do it.

    Subclass it, set the options, override the hooks, and register it with
    :func:`orderkit.register`. One instance serves every request; keep no per-request state
    on it.
    """

    #: The integer field that holds each row's position; ``None`` disables reordering.
    order_field: str | None = None
    #: Fields whose values split the rows into separately ordered groups.
    group_by: Sequence[str] = ()
    #: Boolean fields that may be toggled: names, or a mapping of name to a permission that
    #: toggling that field requires on top of :meth:`has_permission`.
    toggles: Sequence[str] | Mapping[str, str] = ()
    #: Many-to-many relations (forward fields or reverse accessors) that may be attached
    #: and detached.
    relations: Sequence[str] = ()
    #: Text fields (``CharField``) that may be edited in place, one at a time.
    editable: Sequence[str] = ()
    #: The distance between neighbours' positions when orderkit numbers a group. ``1`` keeps
    #: positions dense: a move shifts the rows between its old and new place. Above 1
    #: (e.g. ``1024``) positions are sparse: a move usually writes the moved row alone.
    spacing: int = 1
    #: Whether a reorder may move a row into another group: next to a row of that group,
    #: or to an end of a group that the request names.
    move_between_groups: bool = False

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {self.model._meta.label}>"

    @property
    def label(self) -> str:
        """The model's ``label_lower``, as used in orderkit's URLs."""
        return self.model._meta.label_lower

    # Hooks.

    def get_queryset(self, request: HttpRequest | None) -> models.QuerySet[Any]:
        """Return the rows that ``request`` may act on.

        Rows outside this queryset are answered as if they did not exist. The default is
        every row of the model's default manager.
        """
        return self.model._default_manager.all()

    def has_permission(
        self, request: HttpRequest, action: Action, obj: models.Model | None = None
    ) -> bool:
        """Return whether ``request.user`` may perform ``action``.

        ``action`` is ``"reorder"``, ``"toggle"``, ``"attach"``, ``"detach"`` or ``"edit"``;
        a reorder that moves a row into another group asks ``"regroup"`` too, for the model
        and for the moved row. It is called once with ``obj=None`` before the body is read,
        then once for each row that the request names. The default asks for the model-level
        ``change`` permission of the model, whatever the action and the row.
        """
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def accepts_group(self, request: HttpRequest, group: Group) -> bool:
        """Return whether ``request`` may move rows into ``group`` (a column filter such as
        ``{"stable_id": 3}``), under ``move_between_groups``.

        A group refused here is answered like a row outside :meth:`get_queryset`. The
        default accepts every group.
        """
        return True

    def related_queryset(self, request: HttpRequest | None, relation: str) -> models.QuerySet[Any]:
        """Return the objects that may be attached through ``relation``.

        The default is every row of the related model's default manager.
        """
        return self.related_model(relation)._default_manager.all()

    # Not hooks: what the options above register.

    def require(self, action: Action, name: str | None = None) -> None:
        """Raise :class:`~orderkit.exceptions.NotRegistered` unless the kit registers
        ``action`` (on the toggle, relation or editable field ``name``, which the other
        actions need)."""
        if action not in ACTIONS:
            raise ValueError(f"The action must be one of {', '.join(ACTIONS)}, not {action!r}.")
        if action != "reorder" and name is None:
            raise TypeError(
                f"The {action} action needs the name of a toggle, relation or editable field."
            )
        label = self.model._meta.label
        if action == "reorder":
            if self.order_field is None:
                raise NotRegistered(
                    f"{label} is registered without order_field, which reordering needs: set "
                    "order_field on its Kit."
                )
        elif action == "toggle":
            if name not in self.toggle_names:
                raise NotRegistered(f"{label}.{name} is not a registered toggle.")
        elif action == "edit":
            if name not in self.editable:
                raise NotRegistered(f"{label}.{name} is not a registered editable field.")
        elif name not in self.relations:
            raise NotRegistered(f"{label}.{name} is not a registered relation.")

    def toggle_permission(self, field: str) -> str | None:
        """The extra permission registered for toggling ``field``, if any."""
        if isinstance(self.toggles, Mapping):
            return self.toggles.get(field)
        return None

    @property
    def toggle_names(self) -> tuple[str, ...]:
        return tuple(self.toggles)

    @property
    def position_name(self) -> str:
        """``order_field``, for code that needs one (``NotRegistered`` without it)."""
        self.require("reorder")
        assert self.order_field is not None
        return self.order_field

    def field(self, name: str) -> models.Field[Any, Any]:
        """The concrete field called ``name`` (raises ``FieldDoesNotExist``)."""
        found = self.model._meta.get_field(name)
        if not isinstance(found, models.Field) or found.many_to_many:
            raise FieldDoesNotExist(f"{self.model._meta.label} has no concrete field {name!r}.")
        return found

    def verbose_name(self, name: str) -> str:
        """How the admin names a registered field or relation (``"Position"``, ``"Tags"``)."""
        if name in self.relations:
            field = self.relation_field(name)
            if isinstance(field, models.ManyToManyRel):
                related: Any = field.related_model
                return str(capfirst(related._meta.verbose_name_plural))
            return str(capfirst(field.verbose_name))
        return str(capfirst(self.field(name).verbose_name))

    # Groups and their order.

    def group_attnames(self) -> tuple[str, ...]:
        """Column attribute names of ``group_by`` (``stable_id`` for ``stable``)."""
        return tuple(self.field(name).attname for name in self.group_by)

    def group_of(self, obj: models.Model) -> Group:
        """The column filter naming ``obj``'s group, e.g. ``{"stable_id": 3}``."""
        return {attname: getattr(obj, attname) for attname in self.group_attnames()}

    def order_direction(self, ordering: Sequence[Any]) -> bool | None:
        """Whether ``ordering`` shows the kit's order descending (``True``), ascending
        (``False``), or not at all (``None``).

        Leading items that name a ``group_by`` field keep each group together, so they may
        come first: ``["stable", "position"]`` shows each stable's ponies in order. Items
        are names (``"-position"``) or expressions (``F("position").desc()``).
        """
        group_names = set(self.group_by) | set(self.group_attnames())
        for part in ordering:
            descending, name = _ordering_name(part)
            if name is not None and name.split("__")[0] in group_names:
                continue
            if name == self.order_field:
                return descending
            return None
        return None

    def groups_lead(self, ordering: Sequence[Any]) -> bool:
        """Whether ``ordering`` names every ``group_by`` field before anything else, so that
        each group's rows are shown together."""
        group_of_name = dict(zip(self.group_attnames(), self.group_by, strict=True))
        group_of_name.update((name, name) for name in self.group_by)
        leading: set[str] = set()
        for part in ordering:
            name = _ordering_name(part)[1]
            group = group_of_name.get((name or "").split("__")[0])
            if group is None:
                break
            leading.add(group)
        return leading == set(self.group_by)

    def shown_descending(self) -> bool:
        """Whether the model's ``Meta.ordering`` shows the kit's order from high to low."""
        return bool(self.order_direction(self.model._meta.ordering or ()))


def _ordering_name(part: Any) -> tuple[bool, str | None]:
    """``(descending, field name)`` of one ``ordering`` item; ``None`` for an expression
    that does not name a field."""
    if isinstance(part, str):
        return part.startswith("-"), part.removeprefix("-")
    if isinstance(part, models.OrderBy):
        return part.descending, _f_name(part.expression)
    return False, _f_name(part)


def _f_name(expression: Any) -> str | None:
    # F.name is public in Django, though the newest type stubs leave it out.
    name: str | None = (
        getattr(expression, "name", None) if isinstance(expression, models.F) else None
    )
    return name
