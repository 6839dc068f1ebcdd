"""VTIMEZONE components are compact where possible and always read back to the real offsets."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.tz import tzical

from events.vtimezones import compact_vtimezone

REGULAR = ["Europe/Brussels", "Europe/Helsinki", "Europe/Lisbon", "America/New_York"]
IRREGULAR = ["Europe/Istanbul", "Europe/Moscow"]  # rules changed: written with RDATE lists
ZONES = REGULAR + IRREGULAR


def _weekly_mismatches(tzinfo, name: str) -> int:
    zone = ZoneInfo(name)
    moment, misses = datetime(2000, 1, 3, 12), 0
    while moment.year < 2040:
        misses += (
            moment.replace(tzinfo=tzinfo).utcoffset() != moment.replace(tzinfo=zone).utcoffset()
        )
        moment += timedelta(days=7)
    return misses


@pytest.mark.parametrize("name", ZONES)
def test_vtimezone_reads_back_to_the_zones_real_offsets(name):
    component = compact_vtimezone(name, date(2000, 1, 1), date(2041, 1, 1))
    reader = tzical(io.StringIO(component.to_ical().decode())).get()
    assert _weekly_mismatches(reader, name) == 0


@pytest.mark.parametrize(
    "name",
    [
        *REGULAR,
        *(
            pytest.param(
                name,
                marks=pytest.mark.xfail(
                    strict=True, reason="vobject 0.9 mis-reads RDATE lists (a reader limitation)"
                ),
            )
            for name in IRREGULAR
        ),
    ],
)
def test_vtimezone_reads_back_correctly_in_vobject(name):
    vobject = pytest.importorskip("vobject")
    component = compact_vtimezone(name, date(2000, 1, 1), date(2041, 1, 1))
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + component.to_ical().decode()
    parsed = vobject.readOne(text + "END:VCALENDAR\r\n")
    assert _weekly_mismatches(parsed.vtimezone.gettzinfo(), name) == 0


def test_regular_european_zone_is_written_as_two_yearly_rules():
    text = compact_vtimezone("Europe/Helsinki", date(2000, 1, 1), date(2041, 1, 1)).to_ical()
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert b"RDATE" not in text
