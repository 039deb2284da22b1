"""Schemathesis hooks for this contract (loaded through SCHEMATHESIS_HOOKS).

`iso-date-time` is not a JSON Schema format but ajv-formats' own, which the
server enforces: an ISO 8601 date-time whose offset may be missing. Without
a strategy for it Schemathesis generates from the `pattern` alone, which
cannot say that February has no 30th, and then reports the server's 400 as
"valid data rejected". This strategy generates what ajv-formats accepts
and the contract's description allows (and the pattern still filters it).
"""

import calendar

import schemathesis
from hypothesis import strategies as st


@st.composite
def iso_date_times(draw):
    # The edges of the four-digit years get a third each: date arithmetic slips there.
    year = draw(st.one_of(st.integers(0, 99), st.integers(9900, 9999), st.integers(100, 9899)))
    month = draw(st.integers(1, 12))
    # calendar has no year 0; 2000 is a leap year like it (proleptic Gregorian).
    day = draw(st.integers(1, calendar.monthrange(year or 2000, month)[1]))
    # ajv-formats takes a leap second only at 23:59:60 UTC; keep it to `Z`.
    if draw(st.integers(0, 49)) == 0:
        return f"{year:04d}-{month:02d}-{day:02d}T23:59:60Z"
    hour, minute, second = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    fraction = draw(st.one_of(st.just(""), st.from_regex(r"\A\.[0-9]{1,9}\Z")))
    offsets = [st.just(""), st.just("Z")]
    # The contract rejects a time whose UTC form leaves the years 0000-9999,
    # which only an offset in year 0000 or 9999 can cause: not a valid order.
    if 0 < year < 9999:
        offsets.append(st.builds(lambda sign, h, m: f"{sign}{h:02d}:{m:02d}", st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)))
    offset = draw(st.one_of(*offsets))
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{fraction}{offset}"


schemathesis.openapi.format("iso-date-time", iso_date_times())
