#!/usr/bin/env python3
"""Writes small NIfTI fixtures with nibabel and records what nibabel reads back from them.

Usage: pip install nibabel numpy && python3 Scripts/make-nifti-fixtures.py [--check-written DIR]

Every fixture is written by nibabel (except the multi-member gzip, which re-wraps a nibabel file), then
loaded again with nibabel.load; the expected values in Tests/VolumeIOTests/Fixtures/expected.json are what
nibabel reports (dims, zooms, affine, header fields, scaled min/max/sum), plus the Int16 HU values CTriage
must produce (numpy rint, clipped) summarised as a sum and an index-weighted sum.

--check-written DIR loads every .nii.gz in DIR (written by CTriage's writer) and prints nibabel's view.
"""
import gzip
import json
import os
import struct
import sys
import zlib

import nibabel as nib
import numpy as np

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'VolumeIOTests', 'Fixtures')
SHAPE = (7, 6, 5)
UNIT_MM = {'unknown': 1.0, 'meter': 1000.0, 'mm': 1.0, 'micron': 0.001}
rng = np.random.default_rng(20261128)


def data_for(dtype):
    info = np.iinfo(dtype) if np.dtype(dtype).kind in 'iu' else None
    if info is None:
        values = rng.normal(-300, 500, SHAPE)
        values.flat[0] = 12.5  # a tie: rint rounds half to even
        values.flat[1] = -0.5
        return values.astype(dtype)
    low, high = max(info.min, -2000), min(info.max, 3000)
    values = rng.integers(low, high, SHAPE, endpoint=True)
    values.flat[0], values.flat[1] = low, high
    return values.astype(dtype)


def oblique_affine(det_sign=1.0):
    angle = np.deg2rad(17.0)
    rot = np.array([[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0], [0, 0, 1]])
    aff = np.eye(4)
    aff[:3, :3] = rot @ np.diag([0.7, 0.8, 2.5 * det_sign])
    aff[:3, 3] = [-120.5, 33.25, -400.0]
    return aff


MOSMED_AFFINE = np.array([[-0.7, 0, 0, 179.3], [0, -0.7, 0, 179.3], [0, 0, -8.0, -50.0], [0, 0, 0, 1]])


def build(name, data, affine, *, klass=nib.Nifti1Image, endian='<', qform=1, sform=1, slope=None, inter=None,
          units='mm'):
    hdr = klass.header_class(endianness=endian)
    img = klass(data.astype(np.dtype(data.dtype).newbyteorder(endian)), affine, header=hdr)
    img.set_qform(affine if qform else None, code=qform)
    img.set_sform(affine if sform else None, code=sform)
    img.set_data_dtype(data.dtype)
    img.header.set_xyzt_units(xyz=units)
    path = os.path.join(FIXTURES, name)
    nib.save(img, path)
    if slope is not None:
        # nibabel's writer picks its own scaling, so stored scaling is set afterwards on the raw values.
        rewrite_header(path, lambda h: (h.__setitem__('scl_slope', slope), h.__setitem__('scl_inter', inter)))
    return path


def rewrite_header(path, mutate):
    """Edits the header of a written file without nibabel re-deriving anything (for qfac/neither cases)."""
    img = nib.load(path)
    hdr = img.header.copy()
    mutate(hdr)
    raw = np.array(img.dataobj.get_unscaled())  # a copy: a plain .nii is memory-mapped and about to be truncated
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'wb') as f:
        hdr.write_to(f)
        f.seek(int(hdr['vox_offset'])) if not path.endswith('.gz') else f.write(b'\0' * (int(hdr['vox_offset']) - f.tell()))
        f.write(raw.astype(hdr.get_data_dtype()).tobytes(order='F'))


def expected_for(path):
    img = nib.load(path)
    hdr = img.header
    data = img.get_fdata(dtype=np.float64)
    hu = np.clip(np.rint(data), -32768, 32767)
    flat = hu.flatten(order='F')  # x fastest, as NIfTI stores it
    units = hdr.get_xyzt_units()[0]
    zooms = [float(z) for z in hdr.get_zooms()[:3]]
    with open(path, 'rb') as f:
        first = f.read(2)
    # A loaded image moves scaling into its dataobj and blanks the header's; read the fields as stored.
    with nib.openers.ImageOpener(path) as f:
        stored = type(hdr).from_fileobj(f)
    raw_slope, raw_inter = float(stored['scl_slope']), float(stored['scl_inter'])
    return {
        'file': os.path.basename(path),
        'nifti_version': 2 if isinstance(img, nib.Nifti2Image) else 1,
        'gzip': first == b'\x1f\x8b',
        'big_endian': hdr.endianness == '>',
        'dims': [int(d) for d in img.shape[:3]],
        'zooms': zooms,
        'spacing_mm': [z * UNIT_MM[units] for z in zooms],
        'affine': [[float(v) for v in row] for row in img.affine],
        'datatype': hdr.get_data_dtype().name,
        'scl_slope': raw_slope if np.isfinite(raw_slope) else None,
        'scl_inter': raw_inter if np.isfinite(raw_inter) else None,
        'qform_code': int(hdr['qform_code']),
        'sform_code': int(hdr['sform_code']),
        'qfac': float(hdr['pixdim'][0]),
        'min': float(np.nanmin(data)),
        'max': float(np.nanmax(data)),
        'sum': float(np.nansum(data)),
        'hu_sum': int(flat.sum()),
        'hu_weighted_sum': int((flat * (np.arange(flat.size) % 997 + 1)).sum()),
        'clamped': bool(np.any(np.rint(data) != hu) or np.any(np.isnan(data))),
    }


def member_with_every_header_field(payload):
    """A gzip member using FEXTRA, FNAME, FCOMMENT and FHCRC, which nibabel's own writer never sets."""
    header = bytes([0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 255])
    header += struct.pack('<H', 6) + b'CT' + struct.pack('<H', 2) + b'ok'
    header += b'study_0001.nii\0' + b'CTriage fixture\0'
    header += struct.pack('<H', zlib.crc32(header) & 0xFFFF)
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = compressor.compress(payload) + compressor.flush()
    return header + body + struct.pack('<II', zlib.crc32(payload), len(payload))


def multi_member(source, name):
    """Re-wraps a nibabel .nii as three gzip members followed by zero padding (both allowed by gzip)."""
    with open(source, 'rb') as f:
        raw = f.read()
    cut1, cut2 = 200, len(raw) // 2
    path = os.path.join(FIXTURES, name)
    with open(path, 'wb') as f:
        f.write(member_with_every_header_field(raw[:cut1]))
        for part in (raw[cut1:cut2], raw[cut2:]):
            f.write(gzip.compress(part, mtime=0))
        f.write(b'\0' * 8)
    return path


def make_all():
    os.makedirs(FIXTURES, exist_ok=True)
    for old in os.listdir(FIXTURES):
        if old.endswith(('.nii', '.nii.gz', '.json')):
            os.remove(os.path.join(FIXTURES, old))
    oblique = oblique_affine()
    paths = []
    for dtype in ['uint8', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64']:
        paths.append(build(f'dtype_{dtype}.nii.gz', data_for(dtype), oblique))
    paths.append(build('int16_be.nii', data_for('int16'), oblique, endian='>'))
    paths.append(build('float32_be.nii.gz', data_for('float32'), oblique, endian='>', slope=1.5, inter=-7))
    paths.append(build('uint16_be_plain.nii', data_for('uint16'), MOSMED_AFFINE, endian='>'))
    paths.append(build('int16_plain.nii', data_for('int16'), MOSMED_AFFINE))
    paths.append(build('qform_only.nii.gz', data_for('int16'), oblique, sform=0))
    paths.append(build('sform_only.nii.gz', data_for('int16'), oblique, qform=0))
    paths.append(build('neither.nii.gz', data_for('int16'), oblique, qform=0, sform=0))
    # MosMedData-like: axial slices 8 mm apart, qfac -1, both codes 1.
    paths.append(build('mosmed_qfac_neg.nii.gz', data_for('int16'), MOSMED_AFFINE))
    paths.append(build('qfac_neg_qform_only.nii.gz', data_for('int16'), oblique_affine(-1.0), sform=0))
    paths.append(build('qfac_zero_qform_only.nii', data_for('int16'), oblique, sform=0))
    rewrite_header(paths[-1], lambda h: h['pixdim'].__setitem__(0, 0))
    paths.append(build('scaled_int16.nii.gz', data_for('int16'), MOSMED_AFFINE, slope=2.5, inter=-1024))
    # Intercept-only scaling of 16-bit storage (the reader's fast path), native and swapped, with clamping.
    paths.append(build('offset_int16.nii', data_for('int16'), MOSMED_AFFINE, slope=1, inter=-1024))
    wide = data_for('uint16')
    wide.flat[2] = 65535  # 65535 - 1024 does not fit in int16
    paths.append(build('offset_uint16_be.nii.gz', wide, MOSMED_AFFINE, endian='>', slope=1, inter=-1024))
    paths.append(build('scaled_uint8_ties.nii.gz', data_for('uint8'), oblique, slope=0.5, inter=0.5))
    paths.append(build('slope_zero_int16.nii.gz', data_for('int16'), oblique))
    rewrite_header(paths[-1], lambda h: (h.__setitem__('scl_slope', 0), h.__setitem__('scl_inter', 55)))
    paths.append(build('slope_nan_int16.nii', data_for('int16'), oblique))
    rewrite_header(paths[-1], lambda h: (h.__setitem__('scl_slope', np.nan), h.__setitem__('scl_inter', 55)))
    paths.append(build('clamped_int32.nii.gz', data_for('int32') * 40, oblique))
    paths.append(build('units_micron.nii.gz', data_for('int16'), oblique * np.array([[1000], [1000], [1000], [1]]), units='micron'))
    paths.append(build('units_meter.nii', data_for('int16'), oblique / np.array([[1000], [1000], [1000], [1]]), units='meter'))
    paths.append(build('dim4_single.nii.gz', data_for('int16').reshape(SHAPE + (1,)), oblique))
    paths.append(build('nifti2.nii.gz', data_for('int16'), oblique, klass=nib.Nifti2Image))
    paths.append(build('nifti2_be.nii', data_for('float64'), oblique_affine(-1.0), klass=nib.Nifti2Image, endian='>', sform=0))
    paths.append(multi_member(os.path.join(FIXTURES, 'int16_plain.nii'), 'multi_member.nii.gz'))
    expected = [expected_for(p) for p in paths]
    assert next(e for e in expected if e['file'] == 'mosmed_qfac_neg.nii.gz')['qfac'] == -1
    assert next(e for e in expected if e['file'] == 'qfac_neg_qform_only.nii.gz')['qfac'] == -1
    assert next(e for e in expected if e['file'] == 'int16_be.nii')['big_endian']
    assert next(e for e in expected if e['file'] == 'clamped_int32.nii.gz')['clamped']
    assert next(e for e in expected if e['file'] == 'offset_uint16_be.nii.gz')['clamped']
    with open(os.path.join(FIXTURES, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')
    total = sum(os.path.getsize(os.path.join(FIXTURES, n)) for n in os.listdir(FIXTURES))
    print(f'{len(paths)} fixtures, {total} bytes in {os.path.normpath(FIXTURES)}')


def check_written(directory):
    for name in sorted(os.listdir(directory)):
        if name.endswith(('.nii', '.nii.gz')):
            print(json.dumps(expected_for(os.path.join(directory, name))))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check-written':
        check_written(sys.argv[2])
    else:
        make_all()
