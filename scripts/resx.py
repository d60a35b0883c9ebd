#!/usr/bin/env python3
"""Adds or updates entries of a .resx file: resx.py FILE KEY=VALUE ... or resx.py FILE < tsv (KEY<TAB>VALUE).

Resource files are the source of truth for UI text; this only saves hand-writing XML.
"""
import sys, os
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
'''

def main():
    path = sys.argv[1]
    pairs = [a.split('=', 1) for a in sys.argv[2:]]
    if not pairs:
        pairs = [l.rstrip('\n').split('\t', 1) for l in sys.stdin if '\t' in l]
    if not os.path.exists(path):
        with open(path, 'w', encoding='utf-8') as f:
            f.write(HEADER)
    tree = ET.parse(path)
    root = tree.getroot()
    existing = {d.get('name'): d for d in root.findall('data')}
    for key, value in pairs:
        d = existing.get(key)
        if d is None:
            d = ET.SubElement(root, 'data', {'name': key, '{http://www.w3.org/XML/1998/namespace}space': 'preserve'})
            ET.SubElement(d, 'value')
            existing[key] = d
        d.find('value').text = value
    datas = sorted(root.findall('data'), key=lambda d: d.get('name'))
    for d in root.findall('data'):
        root.remove(d)
    for d in datas:
        root.append(d)
    ET.indent(tree, '  ')
    tree.write(path, encoding='utf-8', xml_declaration=True)

main()
