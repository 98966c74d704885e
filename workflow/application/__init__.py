"""The application flow (Antragsverfahren), one process per application.

Layers, each importing only those above it: forms, services (completing the staff tasks),
views (the task pages), flow, case (what the applicant does: submit, resubmit, withdraw).
"""
