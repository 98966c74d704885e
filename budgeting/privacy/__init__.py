"""Data protection (DSGVO) across the layers, composed here because only this layer sees
every record of a grant: the data download (Art. 15/20), the retention periods and the
anonymisation of a person once all of them have run."""
