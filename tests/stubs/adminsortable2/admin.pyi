from django.contrib.admin.helpers import ActionForm
from django.forms import IntegerField

class MovePageActionForm(ActionForm):
    step: IntegerField
    page: IntegerField
