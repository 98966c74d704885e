"""Data protection (DSGVO): retention periods per kind of record, and the data download."""

# Years each kind of record is kept before the people it names may be anonymised. A period
# runs from the end of the calendar year of its starting event (as § 147 Abs. 4 AO and
# § 257 Abs. 5 HGB count); a person is anonymised only when the periods of every record
# about them have run. docs/verarbeitungsverzeichnis.md gives the same numbers (tested).
RETENTION_YEARS = {
    # Bewilligung: from the final settlement, or a later money movement (refund received)
    # or the revocation; set by DOMAIN.md, like the city's books (KomHVO NRW).
    "grant_file": 10,
    # Bookings without an application (co-funding received, carry-over) and pledges: books.
    "budget_record": 10,
    # Ablehnung: from the decision. Our decision: the notice is final after a month; three
    # years (the regular limitation period, § 195 BGB) cover a later dispute and repeated
    # applications of the same project.
    "rejected_application": 3,
    # Rücknahme by the applicant: from the withdrawal, as a rejection.
    "withdrawn_application": 3,
    # Entwurf that was never submitted: from its last change; no file was ever opened.
    "draft": 1,
    # Account: from the last login (or the registration); an account without any
    # application is removed by this rule alone, and an account in use never is.
    "inactive_account": 2,
}

# The data download of the portal (applicants layer) is composed in the budgeting layer,
# which sees every record of a grant; the portal view finds it through this setting, so
# the layer rule (core <- applicants <- grants <- budgeting) holds.
PRIVACY_DATA_EXPORT = "budgeting.privacy.archive.personal_data_export"
