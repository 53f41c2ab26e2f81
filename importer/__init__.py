"""Turn scraped articles into clean, cross-linked zh-Hans / zh-Hant / en Markdown pages.

One immutable `Article` (model.py) passes through the stages listed, in order,
in pipeline.py's docstring; __main__.py is the command line.
"""
