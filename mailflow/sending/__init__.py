"""Letters out: `compose` renders the appeal, reminders, acknowledgements and digests from the templates, `outbox`
queues them and sends each exactly once through `smtp`. It hands the receiving stage the Message-IDs and reply
tokens that tie a reply to its letter.
"""
