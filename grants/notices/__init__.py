"""Legal notices (Bescheide) as PDF/A-3b documents: rendering and reads.

`render` imports WeasyPrint lazily, so importing this package stays cheap.
"""
