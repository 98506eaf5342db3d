#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every MIME type of a desktop file exists: defined by
shared-mime-info on this machine or by the given MIME package files."""
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
SYSTEM = '/usr/share/mime/packages/freedesktop.org.xml'


def types_in(path):
    found = set()
    for node in ET.parse(path).getroot().iter(NS + 'mime-type'):
        found.add(node.get('type'))
        for alias in node.iter(NS + 'alias'):
            found.add(alias.get('type'))
    return found


def main():
    desktop, packages = sys.argv[1], sys.argv[2:]
    known = types_in(SYSTEM)
    ours = set()
    for path in packages:
        ours |= types_in(path)
    declared = []
    with open(desktop, encoding='utf-8') as f:
        for line in f:
            if line.startswith('MimeType='):
                declared = [t for t in line.strip()[len('MimeType='):].split(';') if t]
    if not declared:
        print(f'{desktop}: no MimeType key', file=sys.stderr)
        return 1
    missing = [t for t in declared if t not in known and t not in ours]
    for t in declared:
        print(f'{t}: {"shared-mime-info" if t in known else "ours" if t in ours else "UNDEFINED"}')
    if missing:
        print(f'{desktop}: MIME types defined nowhere: {", ".join(missing)}', file=sys.stderr)
        return 1
    # Ours must not redefine what the system has.
    clash = sorted(ours & known)
    if clash:
        print(f'our MIME package redefines {", ".join(clash)}', file=sys.stderr)
        return 1
    return 0


sys.exit(main())
