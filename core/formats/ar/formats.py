"""Arabic: what Django's ar formats leave out, so that it falls back to the global (American)
settings: dates were read month first (05/03/2026 as 3 May) and date-times written month
first. Here the day comes first, as in Django's Arabic SHORT_DATE_FORMAT (d/m/Y)."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"]
DATETIME_FORMAT = "j F، Y g:i A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y g:i A"
