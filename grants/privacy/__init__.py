"""Data protection in the grants layer: applications and everything in them in a data
export, and the names of uploaded files in an anonymisation."""
