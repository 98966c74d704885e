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
        "Internationaler Kulturverein Elberfeld e. V.",
        "kulturverein-elberfeld",
        LegalForm.EV,
        "VR 31245",
        "Luisenstraße 60",
        "42103",
        0,
        ("Aylin", "Kaya"),
        "0202 4593310",
        (STADTSPARKASSE, "0100001007"),
        date(2024, 5, 14),
    ),
    OrganisationSpec(
        "Griechische Gemeinde Arrenberg e. V.",
        "griechische-gemeinde",
        LegalForm.EV,
        "VR 30718",
        "Simonsstraße 30",
        "42117",
        1,
        ("Dimitrios", "Papadopoulos"),
        "0202 7479021",
        (STADTSPARKASSE, "0100015007"),
        date(2023, 11, 2),
    ),
    OrganisationSpec(
        "Elternnetzwerk Uellendahl-Katernberg",
        "elternnetzwerk-uellendahl",
        LegalForm.GBR,
        "",
        "Uellendahler Straße 410",
        "42109",
        2,
        ("Jana", "Schröder"),
        "0176 55512034",
        (VOLKSBANK, "0008123960"),
    ),
    OrganisationSpec(
        "Afrikanisches Forum Vohwinkel e. V.",
        "afrikanisches-forum",
        LegalForm.EV,
        "VR 32109",
        "Kaiserstraße 15",
        "42329",
        3,
        ("Kwame", "Mensah"),
        "0202 2781544",
        (STADTSPARKASSE, "0100020007"),
        date(2025, 2, 20),
    ),
    OrganisationSpec(
        "Türkisch-Deutscher Freundeskreis Cronenberg e. V.",
        "freundeskreis-cronenberg",
        LegalForm.EV,
        "VR 29877",
        "Hauptstraße 35",
        "42349",
        4,
        ("Mehmet", "Yıldız"),
        "0202 4781290",
        (STADTSPARKASSE, "0100039007"),
        date(2024, 9, 3),
    ),
    OrganisationSpec(
        "Brückenbau Bildung gGmbH",
        "brueckenbau-bildung",
        LegalForm.GGMBH,
        "HRB 27811",
        "Höhne 22",
        "42275",
        5,
        ("Sabine", "Hoffmann"),
        "0202 2650730",
        (SOZIALBANK, "0008123407"),
        date(2024, 3, 28),
    ),
    OrganisationSpec(
        "Syrisch-Deutsches Nachbarschaftshaus Wichlinghausen e. V.",
        "nachbarschaftshaus-wichlinghausen",
        LegalForm.EV,
        "VR 33056",
        "Wichlinghauser Straße 31",
        "42277",
        6,
        ("Rana", "Al-Hassan"),
        "0202 6989145",
        (STADTSPARKASSE, "0100044007"),
        date(2025, 6, 11),
    ),
    OrganisationSpec(
        "Frauenwerkstatt Heckinghausen gUG (haftungsbeschränkt)",
        "frauenwerkstatt-heckinghausen",
        LegalForm.GUG,
        "HRB 30154",
        "Heckinghauser Straße 120",
        "42289",
        7,
        ("Fatma", "Demir"),
        "0202 5281763",
        (GLS, "0008123400"),
        date(2024, 12, 5),
    ),
    OrganisationSpec(
        "Stiftung Polnisch-Deutsche Begegnung Langerfeld",
        "begegnung-langerfeld",
        LegalForm.STIFTUNG,
        "",
        "Langerfelder Straße 88",
        "42389",
        8,
        ("Katarzyna", "Nowak"),
        "0202 6071832",
        (STADTSPARKASSE, "0100058007"),
        date(2023, 8, 17),
    ),
    OrganisationSpec(
        "Ronsdorfer Nachbarschaftsgenossenschaft eG",
        "genossenschaft-ronsdorf",
        LegalForm.GENOSSENSCHAFT,
        "GnR 412",
        "Staasstraße 12",
        "42369",
        9,
        ("Thomas", "Braun"),
        "0202 4698820",
        (STADTSPARKASSE, "0100063007"),
        date(2025, 1, 9),
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
