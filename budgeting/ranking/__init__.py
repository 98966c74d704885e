"""The ranking of a call (Rangliste): its reviewed applications by score, with a running sum of
the money they would need against the free budget of the call's budget lines."""
