from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from grants.demo import DEMO_PASSWORD
from grants.demo.logins import demo_logins
from grants.demo.second_factor import DEMO_TOTP_SECRET


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _("Zeigt die Anmeldedaten der Demo-Personen an.")

    def handle(self, *args, **options):
        logins = demo_logins()
        header = (_("E-Mail-Adresse"), _("Passwort"), _("Rolle"))
        rows = [
            (
                login.email,
                DEMO_PASSWORD,
                f"{login.role} – {login.note}" if login.note else login.role,
            )
            for login in logins
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells):
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo-Zugänge für Fördertal")))
        self.stdout.write(line(header))
        self.stdout.write("  ".join("-" * w for w in widths))
        for row in rows:
            self.stdout.write(line(row))
        secret = " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, 16, 4))
        self.stdout.write(
            _(
                "Mitarbeitende melden sich mit einem zweiten Faktor an. Der Demo-Schlüssel für "
                "eine Authenticator-App ist %(secret)s; „manage.py demo_code“ zeigt den "
                "aktuellen Code."
            )
            % {"secret": secret}
        )
        emails = [login.email for login in logins]
        if get_user_model().objects.filter(email__in=emails).count() < len(emails):
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "Die Demodaten fehlen noch ganz oder teilweise: bitte zuerst "
                        "„manage.py seed_demo“ ausführen."
                    )
                )
            )
