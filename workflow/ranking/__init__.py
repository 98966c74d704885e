"""Rangliste: the ranking of a call for the jury and the staff who decide (staff pages)."""
