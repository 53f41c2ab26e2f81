"""Listings, tag pages, feeds and previous/next links generated from the articles' front matter.

Used by the MkDocs hook hooks/publishing.py; kept in a package so it can be
tested and benchmarked without a build.
"""
