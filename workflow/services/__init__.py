"""The only place that moves a case forward: grants and budgeting services plus viewflow."""
