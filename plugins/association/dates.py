"""German dates without relying on the machine's locale (sitekit.german has the rule)."""

from sitekit.german import date as german_date

__all__ = ["german_date"]
