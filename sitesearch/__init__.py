"""Site search: a Pagefind index per language with Simplified/Traditional folding.

fold.py builds the folding table from OpenCC, terms.py turns folded text into
index terms, bundle.py writes the Pagefind bundles; hooks/search_index.py runs
it after the last language build, overrides/assets/bp-search/ is the browser side.
"""
