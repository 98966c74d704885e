"""The applicant portal's case pages: submit, withdraw, payment request, report, waiver."""
