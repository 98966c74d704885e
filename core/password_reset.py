"""The password-reset mail in the language of its person."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from core.languages import mail_language


class LanguagePasswordResetForm(PasswordResetForm):
    """Renders the mail in the person's saved language, else in the language of the page on
    which they asked for it; staff get German or English."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        language = mail_language(user, staff=user.is_staff, fallback=translation.get_language())
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
