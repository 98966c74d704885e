"""Organisations with their bank accounts, their people and memberships.

Organisation 0 is the large one (LARGE_ORGANISATION) whose portal list the benchmark opens.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from applicants.models import BankAccount, LegalForm, Membership, Organisation
from bench.seeding.common import BENCH_DOMAIN, BENCH_PASSWORD, LARGE_ORGANISATION, Context
from bench.seeding.ibans import BANK_NAME, BIC, german_iban
from core.models import User

TITLES = (
    "Sprachcafé",
    "Nachbarschaftsgarten",
    "Elterncafé",
    "Lernpatenschaften",
    "Fest der Kulturen",
    "Stadtteilspaziergänge",
    "Nähwerkstatt",
    "Ausbildungslotsen",
    "Leseclub",
    "MINT-Werkstatt",
    "Frauenfrühstück",
    "Fußball verbindet",
    "Theaterprojekt",
    "Beratungsabende",
)
PLACES = (
    "Elberfeld",
    "Arrenberg",
    "Uellendahl",
    "Vohwinkel",
    "Cronenberg",
    "Barmen",
    "Wichlinghausen",
    "Heckinghausen",
    "Langerfeld",
    "Ronsdorf",
)
FIRST_NAMES = ("Aylin", "Dimitrios", "Jana", "Kwame", "Rana")


@dataclass
class Organisations:
    orgs: list[Organisation]
    people: list[list[User]]  # per organisation, its admin first
    users: list[User]
    memberships: list[Membership]


def organisations_create(ctx: Context, n_orgs: int, districts: list[int], since: int):
    """`n_orgs` organisations registered from 1 January of year `since`, each with an account
    and one to four people (the large one four)."""
    rng = ctx.rng
    orgs = ctx.bulk(
        Organisation,
        (
            Organisation(
                name=LARGE_ORGANISATION
                if i == 0
                else f"{rng.choice(TITLES)}-Verein {rng.choice(PLACES)} {i} e. V.",
                legal_form=LegalForm.GGMBH if i == 0 else rng.choice(list(LegalForm.values)),
                register_number=f"VR {40000 + i}",
                street=f"Bench-Straße {i % 300 + 1}",
                postcode=f"42{rng.randrange(100, 400):03d}",
                city="Wuppertal",
                district_id=rng.choice(districts),
                is_nonprofit=True,
                tax_exemption_date=date(ctx.today.year - 1, 3, 1),
                contact_name=f"Kontakt {i}",
                contact_email=f"kontakt-{i}@{BENCH_DOMAIN}",
                created_at=ctx.aware(date(since, 1, 1) + timedelta(days=i % 365)),
            )
            for i in range(n_orgs)
        ),
    )
    _accounts_create(ctx, orgs)
    people = [[] for _ in orgs]
    users = _people_create(ctx, orgs, people)
    memberships = ctx.bulk(
        Membership,
        [
            Membership(
                user=user,
                organisation=org,
                role=Membership.Role.ADMIN if j == 0 else Membership.Role.MEMBER,
                joined_at=org.created_at,
            )
            for org, members in zip(orgs, people, strict=True)
            for j, user in enumerate(members)
        ],
    )
    return Organisations(orgs=orgs, people=people, users=users, memberships=memberships)


def _accounts_create(ctx: Context, orgs) -> None:
    """One distinct, valid IBAN per organisation, numbered on from the accounts there are."""
    first = BankAccount.objects.count() + 1
    ctx.bulk(
        BankAccount,
        (
            BankAccount(
                organisation=o,
                holder=o.name[:200],
                iban=german_iban(first + i),
                bic=BIC,
                bank_name=BANK_NAME,
            )
            for i, o in enumerate(orgs)
        ),
    )


def _people_create(ctx: Context, orgs, people: list[list[User]]) -> list[User]:
    """The users of every organisation, filled into `people` in their order."""
    rng = ctx.rng
    password = make_password(BENCH_PASSWORD)
    tag = f"{int(time.time())}-{rng.randrange(10**6)}"
    owners, users = [], []
    for i in range(len(orgs)):
        for j in range(4 if i == 0 else rng.choice((1, 1, 2, 3))):
            owners.append(i)
            users.append(
                User(
                    email=f"b{tag}-{i}-{j}@{BENCH_DOMAIN}",
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=f"Bench{i}",
                    password=password,
                    is_active=True,
                )
            )
    users = ctx.bulk(User, users)
    for i, user in zip(owners, users, strict=True):
        people[i].append(user)
    return users
