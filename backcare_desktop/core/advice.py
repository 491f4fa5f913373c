"""Advice shown where a person plans the week: low-impact exercise between sessions.

From the articles' plan (a brisk walk, swimming, cycling; raising the heart rate for 20
minutes 3 to 4 times a week), in the project's own words.
"""

from __future__ import annotations

LOW_IMPACT_TITLE = "Between stretching sessions"
LOW_IMPACT_ADVICE = (
    "Keep moving on the other days with something easy on the back: a brisk walk, a swim "
    "or water exercise, or a bike ride (a stationary bike spares you bumpy roads). Aim for "
    "about 20 minutes that leave you a little out of breath, 3 or 4 times a week."
)
