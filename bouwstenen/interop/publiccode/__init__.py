"""publiccode.yml in and out: read leniently, check against the standard, map to a
building block and back.

- ``yaml_loader`` parses YAML safely (UTF-8 only, no YAML bombs) and keeps line numbers;
- ``standard`` holds the standard's vocabularies, ``reading`` the lenient readers of its
  values, ``licences`` reads ``legal.license`` as SPDX, ``organisation_names`` finds
  organisations by name;
- ``problems``: what is wrong, at which key path and line, error or warning;
- ``validation`` is the standard's rules, one by one, written in the typed ``checks``;
- ``mapping`` turns a file into the values of a building block (the pure mapping, with
  key paths), ``relations`` finds the organisations, thema's, lagen and components it
  names;
- ``importer`` imports files one transaction each through ``bouwstenen.services``, for
  the ``import_publiccode`` command, the API and the admin page;
- ``export`` writes a building block as publiccode.yml.
"""
