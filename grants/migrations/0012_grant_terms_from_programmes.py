"""Existing grants get their terms: version 1 from the decision and the programme's values
(the only ones the database holds for the time of the decision), and one version per
Änderungsbescheid with the changed amount. Existing notices were sent by post."""

import datetime

from django.db import migrations
from django.db.models import Sum

POST_DELIVERY_DAYS = 4  # § 41 Abs. 2 VwVfG, the setting's default when these notices were issued


def terms_from_decisions(apps, schema_editor):
    Decision = apps.get_model("grants", "Decision")
    GrantTerms = apps.get_model("grants", "GrantTerms")
    CostLine = apps.get_model("grants", "CostLine")
    ChangeRequest = apps.get_model("grants", "ChangeRequest")
    decisions = Decision.objects.filter(outcome__in=("approved", "partial")).select_related(
        "application__call__programme"
    )
    for decision in decisions.iterator():
        application = decision.application
        programme = application.call.programme
        costs = CostLine.objects.filter(application=application).aggregate(t=Sum("amount"))["t"]
        common = {
            "application": application,
            "financing_type": programme.financing_type,
            "funding_rate": (
                programme.funding_rate if programme.financing_type == "anteil" else None
            ),
            "eligible_costs": costs or 0,
        }
        GrantTerms.objects.create(
            **common,
            version=1,
            decision=decision,
            approved_amount=decision.approved_amount,
            fixed_by_id=decision.decided_by_id,
        )
        amount = decision.approved_amount
        changes = ChangeRequest.objects.filter(
            application=application, status="approved", version_issued__isnull=False
        ).order_by("version_issued")
        for change in changes:
            amount = change.new_amount or amount
            GrantTerms.objects.create(
                **common,
                version=change.version_issued,
                change_request=change,
                approved_amount=amount,
                fixed_by_id=change.decided_by_id,
            )


def delivered_by_post(apps, schema_editor):
    Notice = apps.get_model("grants", "Notice")
    for notice in Notice.objects.filter(sent_on__isnull=True).iterator():
        sent = notice.issued_at.date()
        notice.sent_on = sent
        notice.delivered_on = sent + datetime.timedelta(days=POST_DELIVERY_DAYS)
        notice.save(update_fields=["sent_on", "delivered_on"])


class Migration(migrations.Migration):
    dependencies = [("grants", "0011_money_terms_delivery")]

    operations = [
        migrations.RunPython(terms_from_decisions, migrations.RunPython.noop),
        migrations.RunPython(delivered_by_post, migrations.RunPython.noop),
    ]
