"""Project idea and advice (Projektidee, Projektberatung): the staff's queue, the idea page with
its advice records and the three outcomes, and the idea on the later application's case page.

Plain staff views, no flow: an idea is not a case (no reference number, no notice, no appeal),
and advice and outcome are one caseworker's work on one page. Layers, each importing only those
above it: forms, views, urls.
"""
