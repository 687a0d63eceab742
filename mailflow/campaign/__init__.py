"""The consultation itself: the committee's letter with its numbered recommendations, read from a campaign file
or from the letter's text, the recipients list, and the address book of who was sent what. Every later stage
looks these up; this stage imports nothing from them.
"""
