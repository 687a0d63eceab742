"""What the committee sees and does: the review queue and decisions (`review`), tallies (`tally`), the weekly
`digest`, exports, `status` and the committee's accounts (`users`). It reads the store; the CLI and the web
pages are thin layers over it.
"""
