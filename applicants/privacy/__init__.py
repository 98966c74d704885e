"""Data protection in the applicants layer: the person, memberships, organisations, bank
accounts and invitations in a data export, and their anonymisation."""
