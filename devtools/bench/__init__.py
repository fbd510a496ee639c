"""Synthetic minutes for benchmarks: realistic meetings in the seeds' format, from a seed.

    from devtools.bench import minutes_text, synthetic_meeting
    text = minutes_text(synthetic_meeting(seed=1, index=42))

Pure Python without Django. Words come from wordfreq's Swedish frequencies and PDFs are
drawn with reportlab: both are development requirements (requirements-dev.txt).
"""

from .generator import SyntheticAttendee, SyntheticItem, SyntheticMeeting, synthetic_meeting
from .pdf import minutes_pdf
from .render import minutes_text

__all__ = [
    "SyntheticAttendee",
    "SyntheticItem",
    "SyntheticMeeting",
    "minutes_pdf",
    "minutes_text",
    "synthetic_meeting",
]
