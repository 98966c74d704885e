"""Payouts released before the account was stored with them keep the account the
organisation has now: the one the payout files have shown for them so far."""

from django.db import migrations


def payee_from_organisation(apps, schema_editor):
    PaymentRequest = apps.get_model("budgeting", "PaymentRequest")
    BankAccount = apps.get_model("applicants", "BankAccount")
    accounts = {a.organisation_id: a for a in BankAccount.objects.all()}
    released = PaymentRequest.objects.filter(status="released", payee_iban="").select_related(
        "application__organisation"
    )
    for request in released.iterator():
        organisation = request.application.organisation
        account = accounts.get(organisation.pk)
        if account is None:
            continue
        request.payee_holder = account.holder or organisation.name
        request.payee_iban = account.iban
        request.payee_bic = account.bic
        request.save(update_fields=["payee_holder", "payee_iban", "payee_bic"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0010_money_terms_delivery"),
        ("applicants", "0003_money_terms_delivery"),
    ]

    operations = [migrations.RunPython(payee_from_organisation, migrations.RunPython.noop)]
