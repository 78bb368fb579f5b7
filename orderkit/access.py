"""Who may do what: the one place that decides whether a request may act on a kit's rows.

The endpoints, the admin (change list, page moves, inlines) and the template tags all ask an
:class:`Access`; none of them calls ``has_permission`` or ``get_queryset`` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q, QuerySet

from orderkit.exceptions import LoginRequired, PermissionDenied
from orderkit.registry import registry

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.kit import Action, Group, Kit

#: A condition of the caller's own, asked with ``None`` (the model) and then with each row.
Condition = Callable[[Model | None], bool]


def refusal(request: HttpRequest, obj: Model | None = None) -> LoginRequired | PermissionDenied:
    """How a refused caller is told: ``LoginRequired`` when anonymous, else
    ``PermissionDenied`` (naming ``obj`` when one row was refused)."""
    if not request.user.is_authenticated:
        return LoginRequired()
    return PermissionDenied(obj=obj)


class Access:
    """What one request may do with one action on one kit's rows.

    ``field`` is the toggled field (its registered permission is asked too). ``also`` adds
    the caller's own condition (the admin's ``has_change_permission``); ``within`` narrows
    the rows in scope (the admin's ``get_queryset(request)``).
    """

    def __init__(
        self,
        kit: Kit,
        request: HttpRequest,
        action: Action,
        *,
        field: str | None = None,
        also: Condition | None = None,
        within: QuerySet[Any] | None = None,
    ) -> None:
        self.kit = kit
        self.request = request
        self.action = action
        self.field = field
        self.also = also
        self.within = within
        self._model_allowed: bool | None = None

    def allows(self, obj: Model | None = None) -> bool:
        """Whether the action is allowed on the model, and on ``obj`` when one is given.

        The model-level question is asked once (the endpoints ask it before they read a
        body) and its answer kept; then, for ``obj``, the kit's question about that row and
        the caller's own condition.
        """
        if self._model_allowed is None:
            self._model_allowed = self._allows_model()
        if not self._model_allowed:
            return False
        if obj is None:
            return True
        allowed = self.kit.has_permission(self.request, self.action, obj) and self._also(obj)
        return allowed and self._owner_allows(obj)

    def _allows_model(self) -> bool:
        kit, request = self.kit, self.request
        if not kit.has_permission(request, self.action) or not self._also(None):
            return False
        if not self._owner_allows(None):
            return False
        extra = kit.toggle_permission(self.field) if self.field is not None else None
        return extra is None or request.user.has_perm(extra)

    def require(self, obj: Model | None = None) -> None:
        """Raise :func:`refusal` unless :meth:`allows`."""
        if not self.allows(obj):
            raise refusal(self.request, obj)

    def require_each(self, objs: Iterable[Model]) -> None:
        for obj in objs:
            self.require(obj)

    def accepts_group(self, group: Group) -> bool:
        """Whether the request may move rows into ``group``: the kit's ``accepts_group``."""
        return self.kit.accepts_group(self.request, group)

    def for_action(self, action: Action) -> Access:
        """The same request's access for another action, such as ``"regroup"`` for a
        reorder that moves a row into another group."""
        return Access(self.kit, self.request, action, also=self.also, within=self.within)

    def rows(self) -> QuerySet[Any]:
        """The rows that the request may name: the kit's ``get_queryset(request)``, within
        the caller's queryset when one was given; for a kit that orders links, only those of
        the owners in the owner's kit's ``get_queryset(request)``."""
        scope = self.kit.get_queryset(self.request)
        found = registry.links_owner(self.kit)
        if found is not None:
            # Links are named only of owners that the owner's kit shows the request.
            owner_kit, order = found
            owners = owner_kit.get_queryset(self.request).values("pk")
            scope = scope.filter(**{f"{order.owner}__in": owners})
        if self.within is None:
            return scope
        return self.within.filter(pk__in=scope.values("pk"))

    def related(self, relation: str, obj: Model | None = None) -> QuerySet[Any]:
        """The objects that the request may name through ``relation``: those it may attach
        (the kit's ``related_queryset``) and, for a detach from ``obj``, those linked now."""
        allowed = self.kit.related_queryset(self.request, relation)
        if self.action != "detach" or obj is None:
            return allowed
        linked = getattr(obj, self.kit.relation_accessor(relation)).all()
        manager: Any = allowed.model._default_manager
        return manager.filter(  # type: ignore[no-any-return]
            Q(pk__in=allowed.values("pk")) | Q(pk__in=linked.values("pk"))
        )

    def _owner_allows(self, link: Model | None) -> bool:
        """For a kit that orders links (a through model's): whether the caller may attach
        to their owner, the model and ``link``'s owner row, as its kit decides."""
        found = registry.links_owner(self.kit)
        if found is None:
            return True
        owner_kit, order = found
        owner = None if link is None else getattr(link, order.owner)
        return owner_kit.has_permission(self.request, "attach", owner)

    def _also(self, obj: Model | None) -> bool:
        return self.also is None or self.also(obj)
