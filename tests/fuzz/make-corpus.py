#!/usr/bin/env python3

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, 'corpus')
root = os.path.dirname(os.path.dirname(here))


def parts(*items):
    return b''.join(struct.pack('<I', len(p)) + p for p in items)


def save(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# {{{ Shapefiles

def shp_header(shape_type, length, bbox=(0, 0, 0, 0)):
    return (struct.pack('>7i', 9994, 0, 0, 0, 0, 0, length // 2) +
            struct.pack('<2i', 1000, shape_type) +
            struct.pack('<4d', *bbox) + struct.pack('<4d', 0, 0, 0, 0))


def poly_content(shape_type, rings):
    points = [p for r in rings for p in r]
    xs = [p[0] for p in points] or [0]
    ys = [p[1] for p in points] or [0]
    c = struct.pack('<i4d', shape_type, min(xs), min(ys), max(xs), max(ys))
    c += struct.pack('<2i', len(rings), len(points))
    start = 0
    for r in rings:
        c += struct.pack('<i', start)
        start += len(r)
    for x, y in points:
        c += struct.pack('<2d', x, y)
    if shape_type in (13, 15):      # Z: range and values, then M
        c += struct.pack('<2d', 0, 0) + b''.join(struct.pack('<d', 1) for _ in points)
        c += struct.pack('<2d', 0, 0) + b''.join(struct.pack('<d', 0) for _ in points)
    return c


def point_content(x, y):
    return struct.pack('<i2d', 1, x, y)


def multipoint_content(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    c = struct.pack('<i4di', 8, min(xs), min(ys), max(xs), max(ys), len(points))
    for x, y in points:
        c += struct.pack('<2d', x, y)
    return c


def shapefile(shape_type, contents):
    shp = b''
    shx = b''
    offset = 100
    for i, c in enumerate(contents):
        shx += struct.pack('>2i', offset // 2, len(c) // 2)
        shp += struct.pack('>2i', i + 1, len(c) // 2) + c
        offset += 8 + len(c)
    return (shp_header(shape_type, 100 + len(shp)) + shp,
            shp_header(shape_type, 100 + len(shx)) + shx)


def dbf(fields, records, ldid=0x57):
    record_len = 1 + sum(w for _, _, w in fields)
    header_len = 32 + 32 * len(fields) + 1
    h = struct.pack('<4BIHH', 3, 124, 1, 1, len(records), header_len, record_len)
    h += b'\0' * 17 + bytes([ldid]) + b'\0\0'
    for name, kind, width in fields:
        h += name.encode().ljust(11, b'\0') + kind.encode() + b'\0' * 4 + bytes([width, 0]) + b'\0' * 14
    h += b'\r'
    for r in records:
        h += b' '
        for (name, kind, width), v in zip(fields, r):
            v = v if isinstance(v, bytes) else str(v).encode()
            h += v.rjust(width) if kind == 'N' else v.ljust(width)
    return h + b'\x1a'


WGS84 = (b'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
         b'298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')
MERCATOR = (b'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",'
            b'DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
            b'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
            b'PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],'
            b'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],'
            b'PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],'
            b'UNIT["Meter",1.0]]')
FIELDS = [('NAME', 'C', 16), ('ISO_A2', 'C', 2), ('POP', 'N', 10)]

square = [(30, 50), (30, 51), (31, 51), (31, 50), (30, 50)]
hole = [(30.2, 50.2), (30.8, 50.2), (30.8, 50.8), (30.2, 50.8), (30.2, 50.2)]
island = [(35, 45), (35, 46), (36, 45), (35, 45)]

shp, shx = shapefile(5, [poly_content(5, [square, hole, island]), poly_content(5, [square])])
names = dbf(FIELDS, [(b'Kyiv', 'UA', 2900000), ('Моsква'.encode('cp1251', 'replace'), 'RU', 13000000)])
save('shapefile', 'polygons', bytes([0x20]) + parts(shp, shx, names, WGS84, b'UTF-8'))
save('shapefile', 'polygons-mixed-case', bytes([0x06 | 0x20]) + parts(shp, shx, names, WGS84, b'1251'))
# x.sHP with x.shx, and a decoy x.shp of the same size whose one record
# has the same 15 points, in 3 parts instead of 1 part (and 2 empty ones).
fifteen = square + hole + island + [(0, 0)]
rshp, rshx = shapefile(5, [poly_content(5, [[], [], fifteen])])
decoy = shapefile(5, [poly_content(5, [fifteen[:5], fifteen[5:10], fifteen[10:]])])[0]
save('shapefile', 'polygons-decoy', bytes([0x0f]) + parts(rshp, rshx, b'', WGS84, b'UTF-8', decoy))
save('shapefile', 'polygons-no-extension', bytes([0x10]) + parts(shp, shx))
save('shapefile', 'prj-cp1252', bytes([0]) + parts(shp, shx, names,
                                                   b'PROJCS["R\xe9seau g\xe9od\xe9sique fran\xe7ais",garbage'))
save('shapefile', 'prj-nul', bytes([0]) + parts(shp, shx, b'', b'GEOGCS[\0]'))

# Web Mercator coordinates: with the .prj they convert, without it they
# must be refused as projected.
merc = [(3339584.7, 6446275.8), (3339584.7, 6621293.7), (3450904.2, 6621293.7), (3339584.7, 6446275.8)]
mshp, mshx = shapefile(5, [poly_content(5, [merc])])
save('shapefile', 'mercator', bytes([0x20]) + parts(mshp, mshx, b'', MERCATOR))
save('shapefile', 'mercator-no-prj', bytes([0]) + parts(mshp, mshx))

pshp, pshx = shapefile(1, [point_content(37.6, 55.75), point_content(30.5, 50.45)])
save('shapefile', 'points', bytes([0x21]) + parts(pshp, pshx, dbf(FIELDS[:1], [(b'a',), (b'b',)])))
mpshp, mpshx = shapefile(8, [multipoint_content([(1, 2), (3, 4), (5, 6)])])
save('shapefile', 'multipoints', bytes([0x20]) + parts(mpshp, mpshx))
lshp, lshx = shapefile(3, [poly_content(3, [[(0, 0), (1, 1), (2, 0)], [(5, 5), (179, 6)]])])
save('shapefile', 'lines', bytes([0x20]) + parts(lshp, lshx))
zshp, zshx = shapefile(15, [poly_content(15, [square]), struct.pack('<i', 0)])
save('shapefile', 'polygonz-and-null', bytes([0x20]) + parts(zshp, zshx))

# Malformed: counts that do not fit, a part past the points, a truncated index.
bad = bytearray(shp)
struct.pack_into('<i', bad, 108 + 36, 0x7ffffff0)
save('shapefile', 'huge-parts', bytes([0]) + parts(bytes(bad), shx))
bad = bytearray(shp)
struct.pack_into('<i', bad, 108 + 48, 900)
save('shapefile', 'bad-part-start', bytes([0]) + parts(bytes(bad), shx))
save('shapefile', 'truncated-shx', bytes([0]) + parts(shp, shx[:104]))
bad_dbf = bytearray(names)
struct.pack_into('<I', bad_dbf, 4, 0xffffffff)
save('shapefile', 'dbf-huge-count', bytes([0]) + parts(shp, shx, bytes(bad_dbf)))

# }}}
# {{{ CSV

save('csv', 'plain', b'id,name,lat,lon\nru,Russia,55.75,37.62\nua,Ukraine,50.45,30.52\n')
save('csv', 'quoted', b'\xef\xbb\xbfa,b,c\r\n"x, y","say ""hi""",\r\n"two\nlines",,"\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2"\r\n')
save('csv', 'lone-cr-blank-lines', b'a,b\r\r1,2\r\n\n\n3,"4"tail\r')
save('csv', 'unterminated', b'a,b\n1,"never closed\n2,3\n')
save('csv', 'invalid-utf8', b'a,b\nM\xfcnchen,1\n')
save('csv', 'nul', b'a,b\n1,\x002\n')

# }}}
# {{{ Datasets

def read(name):
    with open(os.path.join(root, 'geodata', 'datasets', 'tip-2024-russia', name), 'rb') as f:
        return f.read()


places = (b'id,name,lat,lon,region,kind,name:uk,note\n'
          b'ru,Russia,55.75,37.62,RU,country,\xd0\xa0\xd0\xbe\xd1\x81\xd1\x96\xd1\x8f,\n'
          b'ua,Ukraine,50.45,30.52,UA,country,,\n'
          b'kp,North Korea,,,KP,,,\n'
          b'donetsk,Donetsk,,,UA-14,,,\n'
          b'central-asia,Central Asia,43,68,KZ KG TJ TM UZ,group,,Schematic\n')
flows = (b'id,origin,dest,category,count,count_low,count_high,magnitude,start,end,certainty,via,quote,source\n'
         b'f1,ua,ru,civilians,,200000,999999,hundreds,2022-02,,reported,donetsk,"Since 2022, many.",p. 1\n'
         b'f2,kp,ru,workers,20000,,,,,2017,previous-years,,,\n'
         b'f3,central-asia,ru,workers,,150,,,2023,2023-06-15,official,,,\n')
events = (b'id,date,title,description,place,category,quote,source\n'
          b'e1,2022-02-24,Invasion,"Two\nlines",ua,,,\n'
          b'e2,2016,Agreement,,kp,workers,,\n')
categories = (b'id,label,color,group,form,description\n'
              b'civilians,Civilians,#0072b2,relocation,,Civilian transfers\n'
              b'workers,Workers,,dprk-workers,labour,\n')
ini = b'[Dataset]\ntitle=Test\ntitle[uk]=\xd0\xa2\xd0\xb5\xd1\x81\xd1\x82\nsource=A report\n'

save('dataset', 'small', bytes([0]) + parts(places, flows, events, categories, ini))
save('dataset', 'small-no-geodata', bytes([2]) + parts(places, flows, events, categories, ini))
save('dataset', 'bundled', bytes([0]) + parts(read('places.csv'), read('flows.csv'), read('events.csv'),
                                              read('categories.csv'), read('dataset.ini')))
save('dataset', 'flowmap', bytes([0]) + parts(b'id,name,lat,lon\na,A,50,30\nb,B,55,37\n',
                                              b'origin,dest,count,time\na,b,10,2023-06-01\n'
                                              b'a,b,5,2023-06-02T00:00:00\nb,a,1,\n'))
save('dataset', 'problems', bytes([0]) + parts(
    b'id,name,lat,lon,region\nru,Russia,95,37,RU\nru,Again,1,2,XX-99\n\x1b[31m,Esc,1,2,\n',
    b'id,origin,dest,category,count\nf1,ru,uu,civilians,12x\nf2,ru,ua,nope,1\n',
    b'id,date,title\ne1,2022-13,Bad month\n',
    b'id,color\ncivilians,#zzzzzz\n',
    b'[Dataset]\nsource_text=../etc/passwd\nbroken line\n'))
save('dataset', 'missing-files', bytes([0]) + parts(b'id,name\n'))

# }}}
