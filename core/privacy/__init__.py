"""Data protection (DSGVO) building blocks every layer uses: the export of a person's data
(Art. 15/20) and the anonymisation of a person once every retention period has run."""
