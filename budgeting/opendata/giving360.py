"""A published grant as a 360Giving grant object, and the data package around the grants.

Only what DOMAIN.md names for open data goes out: no contact person, e-mail, telephone, bank
account or address line, and nothing from the impact indicators. Amounts stay Decimal here;
budgeting.opendata.jsonout writes them as JSON numbers with two decimals.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budgeting.opendata.identifiers import recipient_org_id

SCHEMA_VERSION = "1.4"
CURRENCY = "EUR"
COUNTRY = "DE"


def _without_empty(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}


def recipient_organization(organisation, config) -> dict:
    """The organisation as recipient: identifier, name, city, postcode, country."""
    return _without_empty(
        {
            "id": recipient_org_id(
                organisation, prefix=config["prefix"], default_court=config["register_court"]
            ),
            "name": organisation.name,
            "addressLocality": organisation.city,
            "postalCode": organisation.postcode,
            "addressCountry": COUNTRY,
        }
    )


def funding_organization(config) -> dict:
    return _without_empty(
        {
            "id": config["funder_id"],
            "name": config["funder_name"],
            "department": config["funder_department"],
        }
    )


def planned_dates(grant) -> list[dict]:
    event = _without_empty(
        {
            "startDate": grant.project_start.isoformat() if grant.project_start else None,
            "endDate": grant.project_end.isoformat() if grant.project_end else None,
        }
    )
    return [event] if event else []


def grant_object(grant, config=None) -> dict:
    """The 360Giving object of one grant read by selectors.published_grants()."""
    config = config or settings.OPEN_DATA
    programme = grant.call.programme
    return _without_empty(
        {
            "id": f"{config['prefix']}-{grant.reference}",
            "title": grant.title,
            "description": grant.summary.strip() or grant.title,
            "currency": CURRENCY,
            "amountAppliedFor": grant.requested_amount,
            "amountAwarded": grant.awarded,
            "amountDisbursed": grant.paid - grant.refunded,
            "awardDate": timezone.localdate(grant.decision.decided_at).isoformat(),
            "plannedDates": planned_dates(grant),
            "recipientOrganization": [recipient_organization(grant.organisation, config)],
            "beneficiaryLocation": [
                {"name": f"{district.name}, {config['city']}", "countryCode": COUNTRY}
                for district in grant.districts.all()
            ],
            "fundingOrganization": [funding_organization(config)],
            "grantProgramme": [
                {"code": f"{config['prefix']}-programme-{programme.pk}", "title": programme.name}
            ],
        }
    )


def package(grants, *, issued=None, config=None) -> dict:
    """The 360Giving data package of the grants (from selectors.published_grants())."""
    config = config or settings.OPEN_DATA
    title = _("%(funder)s, %(department)s: geförderte Projekte") % {
        "funder": config["funder_name"],
        "department": config["funder_department"],
    }
    return {
        "version": SCHEMA_VERSION,
        "title": title,
        "issued": (issued or timezone.localtime()).isoformat(timespec="seconds"),
        "publisher": {"name": config["funder_name"], "identifier": config["funder_id"]},
        "license": config["license"],
        "accessURL": settings.SITE_URL + reverse("transparency:index"),
        "grants": [grant_object(grant, config) for grant in grants],
    }
