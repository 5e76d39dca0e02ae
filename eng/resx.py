#!/usr/bin/env python3
"""Writes .resx files from a small Python dict: python3 eng/resx.py FILE.resx KEY=VALUE ... (adds or replaces keys)."""
import sys
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
'''


def load(path):
    try:
        tree = ET.parse(path)
    except FileNotFoundError:
        return {}
    return {d.get('name'): (d.find('value').text or '') for d in tree.getroot().findall('data')}


def save(path, entries):
    from xml.sax.saxutils import escape
    lines = [HEADER.rstrip().rsplit('</root>', 1)[0].rstrip()]
    for key in sorted(entries):
        lines.append(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(entries[key])}</value></data>')
    lines.append('</root>')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    path = sys.argv[1]
    entries = load(path)
    for arg in sys.argv[2:]:
        key, value = arg.split('=', 1)
        entries[key] = value
    save(path, entries)
