"""The floor: the least a Django site does to change one row for a logged-in user.

The same stack as orderkit's endpoints (sessions, CSRF, authentication, messages
middleware; one JSON body in, one JSON object out), and then one ``UPDATE`` in autocommit:
no permission, no lock, no transaction, no audit. What orderkit's request costs over this
is what orderkit itself costs.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from benchmarks.benchapp.models import FloorItem


@require_POST
def set_position(request: HttpRequest, pk: int) -> JsonResponse:
    """``{"position": N}``: write ``N`` into the row ``pk``."""
    if not request.user.is_authenticated:
        return JsonResponse({"errors": "login required"}, status=403)
    position = int(json.loads(request.body)["position"])
    updated = FloorItem._default_manager.filter(pk=pk).update(position=position)
    return JsonResponse({"changed": updated == 1, "position": position})
