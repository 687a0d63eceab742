"""From a fetched message to a recorded one: `worker` drives the cycle, `match` finds the recipient and letter a
reply belongs to, `ingest` stores, parses and records it, `parse_pool` reads a backlog in other processes.
It hands the committee stances, review items and bounces in the store.
"""
