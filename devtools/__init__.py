"""Development tools, apart from the product: the benchmark, the search evaluation and the
synthetic minutes generator, with their commands (`bench`, `generate_minutes`, `search_eval`,
`search_timing`).

Installed by the dev, test and bench settings only, never by base or prod; they may import
the development requirements (requirements-dev.txt) and the tests' material, and no product
module imports them (tests/test_layout.py).
"""
