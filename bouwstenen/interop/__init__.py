"""Interoperability: publiccode.yml in and out, DCAT-AP out, and harvesting other registries.

- ``limits``: how much outside input is read (bytes, seconds, YAML expansion);
- ``sources`` reads files, folders and URLs within those limits;
- ``publiccode`` (a package) reads, checks, imports and writes publiccode.yml: each
  problem named by its key path and line, one transaction per imported file, through
  ``bouwstenen.services``, for the ``import_publiccode`` command, the API and the admin
  page (``bouwstenen.admin.import_publiccode``);
- ``fingerprint`` notices blocks edited here after an import or harvest;
- ``dcat`` builds the DCAT-AP 3 catalogue in JSON-LD;
- ``harvester`` reads the published blocks of another instance of this registry and
  stores copies of them through ``bouwstenen.services.oogst``.
"""
