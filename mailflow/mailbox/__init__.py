"""Where replies are read: one `Mailbox` protocol (`fetch`) over IMAP (`imap`) and a local Maildir (`maildir`).
It hands the receiving stage batches of raw messages and files them once they are processed.
"""
