"""Delivery (Bekanntgabe) of notices: recorded by the staff, the provision in the portal ended
daily."""
