"""The change flow (Änderungsantrag), one process per change request.

Layers, each importing only those above it: forms, services (check and decision), views (the
task pages), flow, case (the applicant's request, which starts the process), portal (the
applicant's page), urls.
"""
