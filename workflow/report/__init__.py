"""The report flow (Nachweisprüfung), one process per interim or final report.

Layers, each importing only those above it: forms, services (the check, the § 49a Abs. 4
interest), views, flow, case (the applicant's submission, which starts or resumes the process).
"""
