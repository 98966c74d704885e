"""Login: e-mail and password (throttled by django-axes), the second factor (TOTP with
django-otp; mandatory for staff, optional for applicants), and how long a session lasts."""
