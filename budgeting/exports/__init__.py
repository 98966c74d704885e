"""Exports of the budgeting app."""
