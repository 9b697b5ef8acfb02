"""Text helpers below every stage: character classes, offset maps,
character-level normalisation, labelled metadata fields and dates.

Every stage (ingest, normalise, extract) imports these; none of them
imports a stage.
"""
