"""Ten demo organisations, one in each Stadtbezirk, each with an administrator and an account."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group
from schwifty import IBAN

from applicants.models import BankAccount, LegalForm, Membership, Organisation
from core.models import District
from core.roles import APPLICANT
from grants.demo.people import DemoUser, contact_email, user_ensure

STADTSPARKASSE = "33050000"  # Stadtsparkasse Wuppertal
VOLKSBANK = "34060094"  # Volksbank im Bergischen Land
SOZIALBANK = "37020500"
GLS = "43060967"


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    slug: str
    legal_form: str
    register_number: str
    street: str
    postcode: str
    district: int  # number of the Stadtbezirk
    contact: tuple[str, str]  # first and last name
    phone: str
    bank: tuple[str, str]  # bank code and account number; the account check digit is valid
    tax_exemption_date: date | None = None

    @property
    def email(self) -> str:
        return contact_email(self.slug)


# The first one is administered by antrag@…, who is also a member of the second one.
ORGANISATIONS = (
    OrganisationSpec(
        name="Internationaler Kulturverein Elberfeld e. V.",
        slug="kulturverein-elberfeld",
        legal_form=LegalForm.EV,
        register_number="VR 31245",
        street="Luisenstraße 60",
        postcode="42103",
        district=0,
        contact=("Aylin", "Kaya"),
        phone="0202 4593310",
        bank=(STADTSPARKASSE, "0100001007"),
        tax_exemption_date=date(2024, 5, 14),
    ),
    OrganisationSpec(
        name="Griechische Gemeinde Arrenberg e. V.",
        slug="griechische-gemeinde",
        legal_form=LegalForm.EV,
        register_number="VR 30718",
        street="Simonsstraße 30",
        postcode="42117",
        district=1,
        contact=("Dimitrios", "Papadopoulos"),
        phone="0202 7479021",
        bank=(STADTSPARKASSE, "0100015007"),
        tax_exemption_date=date(2023, 11, 2),
    ),
    OrganisationSpec(
        name="Elternnetzwerk Uellendahl-Katernberg",
        slug="elternnetzwerk-uellendahl",
        legal_form=LegalForm.GBR,
        register_number="",
        street="Uellendahler Straße 410",
        postcode="42109",
        district=2,
        contact=("Jana", "Schröder"),
        phone="0176 55512034",
        bank=(VOLKSBANK, "0008123960"),
    ),
    OrganisationSpec(
        name="Afrikanisches Forum Vohwinkel e. V.",
        slug="afrikanisches-forum",
        legal_form=LegalForm.EV,
        register_number="VR 32109",
        street="Kaiserstraße 15",
        postcode="42329",
        district=3,
        contact=("Kwame", "Mensah"),
        phone="0202 2781544",
        bank=(STADTSPARKASSE, "0100020007"),
        tax_exemption_date=date(2025, 2, 20),
    ),
    OrganisationSpec(
        name="Türkisch-Deutscher Freundeskreis Cronenberg e. V.",
        slug="freundeskreis-cronenberg",
        legal_form=LegalForm.EV,
        register_number="VR 29877",
        street="Hauptstraße 35",
        postcode="42349",
        district=4,
        contact=("Mehmet", "Yıldız"),
        phone="0202 4781290",
        bank=(STADTSPARKASSE, "0100039007"),
        tax_exemption_date=date(2024, 9, 3),
    ),
    OrganisationSpec(
        name="Brückenbau Bildung gGmbH",
        slug="brueckenbau-bildung",
        legal_form=LegalForm.GGMBH,
        register_number="HRB 27811",
        street="Höhne 22",
        postcode="42275",
        district=5,
        contact=("Sabine", "Hoffmann"),
        phone="0202 2650730",
        bank=(SOZIALBANK, "0008123407"),
        tax_exemption_date=date(2024, 3, 28),
    ),
    OrganisationSpec(
        name="Syrisch-Deutsches Nachbarschaftshaus Wichlinghausen e. V.",
        slug="nachbarschaftshaus-wichlinghausen",
        legal_form=LegalForm.EV,
        register_number="VR 33056",
        street="Wichlinghauser Straße 31",
        postcode="42277",
        district=6,
        contact=("Rana", "Al-Hassan"),
        phone="0202 6989145",
        bank=(STADTSPARKASSE, "0100044007"),
        tax_exemption_date=date(2025, 6, 11),
    ),
    OrganisationSpec(
        name="Frauenwerkstatt Heckinghausen gUG (haftungsbeschränkt)",
        slug="frauenwerkstatt-heckinghausen",
        legal_form=LegalForm.GUG,
        register_number="HRB 30154",
        street="Heckinghauser Straße 120",
        postcode="42289",
        district=7,
        contact=("Fatma", "Demir"),
        phone="0202 5281763",
        bank=(GLS, "0008123400"),
        tax_exemption_date=date(2024, 12, 5),
    ),
    OrganisationSpec(
        name="Stiftung Polnisch-Deutsche Begegnung Langerfeld",
        slug="begegnung-langerfeld",
        legal_form=LegalForm.STIFTUNG,
        register_number="",
        street="Langerfelder Straße 88",
        postcode="42389",
        district=8,
        contact=("Katarzyna", "Nowak"),
        phone="0202 6071832",
        bank=(STADTSPARKASSE, "0100058007"),
        tax_exemption_date=date(2023, 8, 17),
    ),
    OrganisationSpec(
        name="Ronsdorfer Nachbarschaftsgenossenschaft eG",
        slug="genossenschaft-ronsdorf",
        legal_form=LegalForm.GENOSSENSCHAFT,
        register_number="GnR 412",
        street="Staasstraße 12",
        postcode="42369",
        district=9,
        contact=("Thomas", "Braun"),
        phone="0202 4698820",
        bank=(STADTSPARKASSE, "0100063007"),
        tax_exemption_date=date(2025, 1, 9),
    ),
)


def organisation_ensure(spec: OrganisationSpec, *, groups: dict[str, Group]):
    """Create or update the organisation, its administrator and its bank account.

    Returns (organisation, administrator, organisation created?, administrator created?).
    """
    admin, admin_created = user_ensure(
        DemoUser(spec.email, spec.contact[0], spec.contact[1], APPLICANT), groups=groups
    )
    organisation = Organisation.objects.filter(name=spec.name).first()
    created = organisation is None
    organisation = organisation or Organisation(name=spec.name)
    organisation.legal_form = spec.legal_form
    organisation.register_number = spec.register_number
    organisation.street, organisation.postcode = spec.street, spec.postcode
    organisation.city = "Wuppertal"
    organisation.district = District.objects.get(number=spec.district)
    organisation.is_nonprofit = spec.tax_exemption_date is not None
    organisation.tax_exemption_date = spec.tax_exemption_date
    organisation.contact_name = f"{spec.contact[0]} {spec.contact[1]}"
    organisation.contact_email = spec.email
    organisation.contact_phone = spec.phone
    organisation.full_clean()
    organisation.save()

    account = BankAccount.objects.filter(organisation=organisation).first()
    account = account or BankAccount(organisation=organisation)
    bank_code, account_code = spec.bank
    account.holder = spec.name
    account.iban = IBAN.generate("DE", bank_code=bank_code, account_code=account_code).compact
    account.full_clean()  # checks the IBAN and fills in BIC and bank name
    account.save()

    membership_ensure(admin, organisation, role=Membership.Role.ADMIN)
    return organisation, admin, created, admin_created


def membership_ensure(user, organisation: Organisation, *, role: str) -> Membership:
    """The user acts for the organisation in the given role."""
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership
