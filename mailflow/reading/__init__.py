"""From raw bytes to the respondent's own words: MIME and charsets (`mime`), HTML to text (`htmltext`), quotes
and signatures cut off (`quotes`), attachments read (`attachments`), the kind of message (`classify`) and its
language. It hands the stance stage a `ReplyContent` (`reply` holds the dataclasses both stages share).
"""
