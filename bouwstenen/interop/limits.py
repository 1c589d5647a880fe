"""How much input the interoperability code accepts, in one place.

Everything here comes from outside (uploads, URLs, other registries), so every read is
bounded: in bytes, in seconds, and in how far YAML may expand.
"""

# A publiccode.yml of the real world is a few kB; 1 MiB leaves ample room.
MAX_FILE_BYTES = 1024 * 1024
# A page of another registry's API (up to 100 blocks with long descriptions).
MAX_PAGE_BYTES = 8 * 1024 * 1024
# Seconds to connect and then between bytes; a whole download may take a few of these.
FETCH_TIMEOUT = 10
# The whole download, start to end, so a server dripping one byte at a time is cut off.
FETCH_DEADLINE = 30

# YAML: aliases are legitimate but rare in publiccode.yml; a handful is plenty, and a
# cap on them (with a cap on the expanded size) defuses "billion laughs" bombs.
MAX_YAML_ALIASES = 50
MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 50

# A harvest follows at most this many pages (a source that never ends is cut off).
MAX_HARVEST_PAGES = 1000
