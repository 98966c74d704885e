"""The department's portfolio view (Wirkung): money from the ledger and indicator targets vs
actuals across the filtered grants, with small cells about people suppressed."""
