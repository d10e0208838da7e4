"""Rule families, one module each (see ``tqkit.registry.RULE_MODULES``).

TQ1xx untranslated words and passages · TQ2xx repetition · TQ3xx calques and source grammar ·
TQ4xx terminology · TQ5xx source-target checks · TQ9xx tqkit's own housekeeping.
"""
