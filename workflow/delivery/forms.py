"""The form on the case page with which staff record how a notice was delivered when the
portal's provision ended without retrieval (grants.services.delivery)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import BoundedDateField
from grants.services.delivery import HOW_HANDED_OVER, HOW_POSTED


class NoticeDeliveryForm(forms.Form):
    how = forms.ChoiceField(label=gettext_lazy("Bescheid zugestellt"), widget=forms.RadioSelect)
    on = BoundedDateField(label=gettext_lazy("am"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = [
            (
                HOW_POSTED,
                _("zur Post gegeben (gilt %(days)s Tage danach als bekanntgegeben)")
                % {"days": settings.NOTICE_DELIVERY_DAYS},
            ),
            (HOW_HANDED_OVER, _("persönlich übergeben (am selben Tag bekanntgegeben)")),
        ]
        self.fields["how"].initial = HOW_POSTED
