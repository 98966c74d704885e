"""The payout flow (Mittelabruf), one process per payment request.

Layers, each importing only those above it: forms, services (the three sign-offs), views,
flow, case (the applicant's request, which starts the process).
"""
