"""`resolve review`: answer the most uncertain decisions; the answers become judgements.

    queue       which decisions become questions, most valuable first
    judgements  the judgements file the answers are appended to
    session     showing a question, reading an answer, writing it
"""

from .session import ReviewResult, review

__all__ = ["review", "ReviewResult"]
