"""Zwischennachweis and Verwendungsnachweis: rules, the Belegliste import, reads and forms."""
