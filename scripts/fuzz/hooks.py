"""Schemathesis hooks for this contract (loaded through SCHEMATHESIS_HOOKS).

`iso-date-time` is not a JSON Schema format but ajv-formats' own, which the
server enforces: an ISO 8601 date-time whose offset may be missing. Without
a strategy for it Schemathesis generates from the `pattern` alone, which
cannot say that February has no 30th, and then reports the server's 400 as
"valid data rejected". This strategy generates exactly what ajv-formats
accepts (and the pattern still filters it).
"""

import calendar

import schemathesis
from hypothesis import strategies as st


@st.composite
def iso_date_times(draw):
    year = draw(st.integers(0, 9999))
    month = draw(st.integers(1, 12))
    # calendar knows no year 0; it is a leap year in the proleptic Gregorian calendar.
    last_day = 29 if month == 2 and year == 0 else calendar.monthrange(year or 2000, month)[1]
    day = draw(st.integers(1, last_day))
    # ajv-formats takes a leap second only at 23:59:60 UTC; keep it to `Z`.
    if draw(st.integers(0, 49)) == 0:
        return f"{year:04d}-{month:02d}-{day:02d}T23:59:60Z"
    hour, minute, second = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    fraction = draw(st.one_of(st.just(""), st.from_regex(r"\A\.\d{1,9}\Z")))
    offset = draw(
        st.one_of(
            st.just(""),
            st.just("Z"),
            st.builds(lambda sign, h, m: f"{sign}{h:02d}:{m:02d}", st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)),
        )
    )
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{fraction}{offset}"


schemathesis.openapi.format("iso-date-time", iso_date_times())
