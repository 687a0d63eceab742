"""From the respondent's words to a stance per recommendation: `lexicon` knows the stance words, `refs` finds
recommendation references, `claims` pairs them, `extract` decides and flags every doubt for review (`ticks`
rewrites a grid of ticks under stance columns as typed lines first, `translit` a phone's Latin Russian). It hands
the store a `StanceResult`.
"""
