"""Finding support: the routing form, the find-support page and the public routing API."""
