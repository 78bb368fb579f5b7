# Types for the parts of django-braces that orderkit uses (braces ships none).
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

class CsrfExemptMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse: ...

class AccessMixin:
    raise_exception: Any
    redirect_unauthenticated_users: bool
    def handle_no_permission(self, request: HttpRequest) -> HttpResponse: ...

class LoginRequiredMixin(AccessMixin):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse: ...

class PermissionRequiredMixin(AccessMixin):
    permission_required: str | None
    def check_permissions(self, request: HttpRequest) -> bool: ...
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse: ...

class JSONResponseMixin:
    def render_json_response(self, context_dict: Any, status: int = 200) -> JsonResponse: ...
