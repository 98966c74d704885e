"""factory_boy factories for the whole test suite."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from applicants.models import BankAccount, Membership, Organisation
from core.models import District, User
from grants.models import (
    Application,
    ApplicationStatus,
    Call,
    CostLine,
    FinancingLine,
    FinancingType,
    Programme,
    RequiredDocument,
)
from grants.services.procedure import case_procedure_fix

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
VALID_IBAN = "DE89370400440532013000"


def today():
    return timezone.localdate()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Ayşe"
    last_name = factory.Sequence(lambda n: f"Yılmaz{n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-und-lang-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kulturverein Brücke {n} e. V.")
    legal_form = "ev"
    register_number = factory.Sequence(lambda n: f"VR {1000 + n}")
    street = "Friedrich-Ebert-Straße 1"
    postcode = "42103"
    city = "Wuppertal"
    district = factory.LazyFunction(lambda: District.objects.get(number=0))
    is_nonprofit = True
    tax_exemption_date = datetime.date(2024, 3, 1)
    contact_name = "Ayşe Yılmaz"
    contact_email = "kontakt@example.org"
    bank_account = factory.RelatedFactory(
        "tests.factories.BankAccountFactory", factory_related_name="organisation"
    )


class BankAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankAccount

    organisation = factory.SubFactory(OrganisationFactory, bank_account=None)
    holder = factory.LazyAttribute(lambda o: o.organisation.name)
    iban = VALID_IBAN


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "member"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Nachbarschaft verbindet {n}")
    description = "Projekte für das Zusammenleben im Quartier."
    financing_type = FinancingType.SHARE
    funding_rate = Decimal("80.00")
    max_amount = Decimal("15000.00")
    max_duration_months = 12

    @factory.post_generation
    def eligible_districts(obj, create, extracted, **kwargs):
        if create:
            obj.eligible_districts.set(extracted or District.objects.all())


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    programme = factory.SubFactory(ProgrammeFactory)
    name = "Satzung"


class CallFactory(factory.django.DjangoModelFactory):
    """A call that is open today."""

    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    title = "Aufruf 2027"
    opens_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=60))
    project_start_earliest = factory.LazyFunction(lambda: today())
    project_end_latest = factory.LazyFunction(lambda: today() + datetime.timedelta(days=540))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft that meets every submission rule (80 % share: 8,000 of 10,000)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    call = factory.SubFactory(CallFactory)
    created_by = factory.SubFactory(UserFactory)
    title = "Sprachcafé für Nachbarinnen"
    summary = "Ein wöchentliches Sprachcafé im Stadtteil."
    goals = "Deutsch sprechen üben, Nachbarn kennenlernen."
    target_group = "Neu zugewanderte Frauen, etwa 25 Personen."
    project_start = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    project_end = factory.LazyFunction(lambda: today() + datetime.timedelta(days=300))
    requested_amount = Decimal("8000.00")

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create:
            obj.districts.set(extracted or [District.objects.get(number=0)])

    @factory.post_generation
    def case_procedure(obj, create, extracted, **kwargs):
        """A case past its draft runs under the procedure fixed at submission, as the service
        does it; pass procedure=... to give it another one."""
        if create and obj.status != ApplicationStatus.DRAFT and obj.procedure_id is None:
            obj.procedure = case_procedure_fix(programme=obj.call.programme)
            obj.save(update_fields=["procedure"])

    @factory.post_generation
    def plan(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            CostLine.objects.create(
                application=obj, category="honorare", description="Kursleitung", amount="9000.00"
            )
            CostLine.objects.create(
                application=obj, category="sachkosten", description="Material", amount="1000.00"
            )
            FinancingLine.objects.create(application=obj, kind="eigenmittel", amount="1000.00")
            FinancingLine.objects.create(
                application=obj,
                kind="stiftung",
                source_name="Freudenberg Stiftung",
                amount="1000.00",
            )
