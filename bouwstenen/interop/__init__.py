"""Interoperability: publiccode.yml in and out, DCAT-AP out, and harvesting other registries.

- ``limits``: how much outside input is read (bytes, seconds, YAML expansion);
- ``sources`` reads files, folders and URLs within those limits;
- ``yaml_loader`` parses YAML safely (UTF-8 only, no YAML bombs) and keeps line numbers;
- ``publiccode_standard`` holds the standard's vocabularies, ``licences`` reads
  ``legal.license`` as SPDX, ``organisation_names`` finds organisations by name;
- ``publiccode_validation`` checks a file against the standard, leniently, naming each
  problem by its key path and line;
- ``publiccode_mapping`` turns a publiccode.yml into the values of a building block;
- ``fingerprint`` notices blocks edited here after an import or harvest;
- ``importer`` imports them file by file (one transaction per file) through
  ``bouwstenen.services``, for the ``import_publiccode`` command, the API and the admin
  page (``bouwstenen.admin.import_publiccode``);
- ``publiccode_export`` writes a building block as publiccode.yml;
- ``dcat`` builds the DCAT-AP 3 catalogue in JSON-LD;
- ``harvester`` reads the published blocks of another instance of this registry and
  stores copies of them through ``bouwstenen.services.oogst``.
"""
