"""How audit entries read in the history of a case."""

from django.utils.translation import gettext_lazy as _

AUDIT_LABELS = {
    "applicants.organisation.registered": _("Organisation registriert"),
    "applicants.organisation.changed": _("Angaben der Organisation geändert"),
    "applicants.organisation.delivery_consent_given": _(
        "Einwilligung in die Bekanntgabe im Portal erteilt"
    ),
    "applicants.organisation.delivery_consent_withdrawn": _(
        "Einwilligung in die Bekanntgabe im Portal widerrufen"
    ),
    "applicants.member.invited": _("Person eingeladen"),
    "applicants.member.joined": _("Person beigetreten"),
    "applicants.bank_account.set": _("Erste Bankverbindung eingetragen"),
    "applicants.bank_account.change_requested": _(
        "Neue Bankverbindung eingetragen, wartet auf Bestätigung"
    ),
    "applicants.bank_account.change_replaced": _("Wartende Bankverbindung durch eine neue ersetzt"),
    "applicants.bank_account.change_confirmed": _("Neue Bankverbindung bestätigt"),
    "applicants.bank_account.change_rejected": _("Neue Bankverbindung abgelehnt"),
    "grants.application.created": _("Entwurf angelegt"),
    "grants.application.submitted": _("Antrag eingereicht"),
    "grants.application.resubmitted": _("Überarbeiteten Antrag eingereicht"),
    "grants.application.withdrawn": _("Antrag zurückgezogen"),
    "grants.application.ready_for_decision": _("Prüfungen abgeschlossen, Entscheidung offen"),
    "grants.application.indicators_saved": _(
        "Indikatoren mit Ausgangs- und Zielwerten gespeichert"
    ),
    "grants.idea.submitted": _("Projektidee eingereicht"),
    "grants.idea.advice_recorded": _("Projektberatung erfasst"),
    "grants.idea.invited": _("Zum Antrag eingeladen (Entwurf aus der Projektidee angelegt)"),
    "grants.idea.referred": _("Auf ein anderes Förderprogramm verwiesen"),
    "grants.idea.declined": _("Projektidee nicht weiterverfolgt"),
    "grants.attachment.added": _("Unterlage hochgeladen"),
    "grants.attachment.deleted": _("Unterlage gelöscht"),
    "grants.formal_check.complete": _("Vollständigkeitsprüfung: vollständig"),
    "grants.formal_check.revision": _("Nachforderung an den Antragsteller"),
    "grants.review.recorded": _("Fachliche Prüfung abgeschlossen"),
    "grants.panel.assigned": _("Jury besetzt"),
    "grants.panel.seat_submitted": _("Jurybewertung abgegeben"),
    "grants.decision.approved": _("Bewilligt"),
    "grants.decision.partial": _("Teilbewilligt"),
    "grants.decision.rejected": _("Abgelehnt"),
    "grants.terms.fixed": _("Bewilligungsbedingungen festgelegt"),
    "grants.terms.changed": _("Bewilligungsbedingungen geändert (Änderungsbescheid)"),
    "grants.notice.issued": _("Bescheid erlassen"),
    "grants.notice.retrieved": _("Bescheid im Portal abgerufen (am Folgetag bekanntgegeben)"),
    "grants.notice.provision_ended": _(
        "Bereitstellung im Portal ohne Abruf beendet – Bescheid nicht bekanntgegeben"
    ),
    "grants.notice.posted": _("Bescheid zur Post gegeben"),
    "grants.notice.handed_over": _("Bescheid persönlich übergeben"),
    "grants.application.final_by_waiver": _("Bestandskräftig durch Rechtsbehelfsverzicht"),
    "grants.application.final_by_appeal_period": _(
        "Bestandskräftig nach Ablauf der Rechtsbehelfsfrist"
    ),
    "budgeting.payment.requested": _("Mittelabruf angefordert"),
    "budgeting.payment.factual_ok": _("Mittelabruf sachlich richtig gezeichnet"),
    "budgeting.payment.arithmetic_ok": _("Mittelabruf rechnerisch richtig gezeichnet"),
    "budgeting.payment.released": _("Auszahlung angeordnet"),
    "budgeting.payment.returned": _("Mittelabruf zurückgegeben"),
    "budgeting.ledger.payout": _("Auszahlung gebucht"),
    "budgeting.ledger.refund": _("Rückzahlung gebucht"),
    "budgeting.settlement.settled": _("Schlussfestsetzung"),
    "budgeting.refund.claimed": _("Rückforderung festgesetzt, Bescheid erlassen"),
    "budgeting.refund.repaid": _("Zahlungseingang zur Rückforderung"),
    "budgeting.refund.waived": _("Rückforderung niedergeschlagen"),
    "budgeting.late_use.claimed": _("Zinsen nach § 49a Abs. 4 VwVfG geltend gemacht"),
    "budgeting.late_use.waived": _("Auf Zinsen nach § 49a Abs. 4 VwVfG verzichtet"),
    "grants.application.settled": _("Schlussfestsetzung abgeschlossen"),
    "grants.application.closed": _("Vorgang abgeschlossen"),
    "grants.application.revoked": _("Bewilligung widerrufen"),
    "grants.change.requested": _("Änderung beantragt"),
    "grants.change.recommended": _("Änderung von der Sachbearbeitung befürwortet"),
    "grants.change.approved": _("Änderung bewilligt"),
    "grants.change.rejected": _("Änderung abgelehnt"),
    "grants.change.notice_issued": _("Änderungsbescheid erlassen"),
    "grants.report.created": _("Nachweis angelegt"),
    "grants.report.submitted": _("Nachweis eingereicht"),
    "grants.report.resubmitted": _("Überarbeiteten Nachweis eingereicht"),
    "grants.report.accepted": _("Nachweis anerkannt"),
    "grants.report.revision": _("Nachforderung zum Nachweis"),
    "grants.report.sample_drawn": _(
        "Stichprobe zum einfachen Verwendungsnachweis gezogen (Startwert, Block, Platz)"
    ),
    "grants.report.indicators_confirmed": _("Stand der Indikatoren bestätigt"),
    "budgeting.allocation.recorded": _("Haushaltsprüfung: Haushaltsstellen gewählt"),
    "budgeting.ledger.commitment": _("Mittel gebunden"),
    "budgeting.ledger.release": _("Mittelbindung aufgehoben"),
    "core.person.data_exported": _("Datenauskunft heruntergeladen"),
    "core.person.anonymised": _("Person nach Ablauf der Aufbewahrungsfristen anonymisiert"),
    "core.user.otp_confirmed": _("Zwei-Faktor-Anmeldung eingerichtet"),
    "core.user.otp_disabled": _("Zwei-Faktor-Anmeldung ausgeschaltet"),
    "core.user.otp_reset": _("Zwei-Faktor-Anmeldung von der Administration zurückgesetzt"),
}


def audit_label(action: str) -> str:
    """The German text of an action code; the code itself when it has none."""
    return AUDIT_LABELS.get(action, action)
