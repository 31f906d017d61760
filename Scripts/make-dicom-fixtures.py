#!/usr/bin/env python3
"""Writes tiny DICOM CT fixtures with pydicom and records what dcm2niix + nibabel make of them.

Usage: apt-get install dcm2niix && pip install pydicom nibabel numpy && python3 Scripts/make-dicom-fixtures.py

Each series directory in Tests/DICOMTests/Fixtures/series/ is converted by dcm2niix (the Debian package) to
NIfTI, loaded with nibabel, and its dims, affine and HU values (numpy rint of the scaled data, clipped to the
Int16 range, summarised as a sum and an index-weighted sum in NIfTI x-fastest order) are written to
Tests/DICOMTests/Fixtures/expected.json, so the Swift tests need neither Python nor dcm2niix.
Files in Fixtures/malformed/ are single broken instances, each named after the error it must produce.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import (DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ExplicitVRLittleEndian,
                         ImplicitVRLittleEndian, JPEGBaseline8Bit, generate_uid)

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'DICOMTests', 'Fixtures')
CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2'
ROWS, COLUMNS, SLICES = 12, 16, 6  # not square, so a transposition cannot pass unnoticed
rng = np.random.default_rng(20260901)
# Series whose voxels come from pydicom (the standard) rather than dcm2niix: this dcm2niix masks signed values
# to Bits Stored without sign extension (-1000 in 12 bits becomes 3096); CTriage sign-extends. Geometry still
# comes from dcm2niix.
STANDARD_OVER_DCM2NIIX = {'int16_bit11'}


def uid(*parts):
    """Deterministic UIDs, so running the script again rewrites identical files."""
    return generate_uid(entropy_srcs=[str(part) for part in parts])


def phantom(dtype, low, high):
    """Random values plus an asymmetric ramp, so any flip or transposition changes the weighted sum."""
    values = rng.integers(low, high, (SLICES, ROWS, COLUMNS), endpoint=True)
    values[:, 0, 0] = low
    values[:, -1, -1] = high
    return values.astype(dtype)


def rotation(ax, az):
    """Rotation about x by ax, then about z by az (radians), applied to the identity orientation."""
    cx, sx, cz, sz = np.cos(ax), np.sin(ax), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ rx


def write_series(name, syntax, row_dir=(1, 0, 0), col_dir=(0, 1, 0), spacing=(0.75, 0.8), step=2.5,
                 origin=(-6.0, -4.5, 100.0), pixels=None, slope=None, intercept=None, bits_stored=None,
                 order='shuffled', positions=None, with_sequences=False):
    """One series of SLICES instances; `order` sets which slice gets which instance number and file name."""
    directory = os.path.join(FIXTURES, 'series', name)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    if pixels is None:
        pixels = phantom(np.int16, -1024, 2000)
    row_dir, col_dir = np.array(row_dir, float), np.array(col_dir, float)
    normal = np.cross(row_dir, col_dir)
    study, series = uid(name, 'study'), uid(name, 'series')
    numbering = list(range(SLICES))
    if order == 'reversed':
        numbering.reverse()
    elif order == 'shuffled':
        numbering = [3, 0, 5, 1, 4, 2]
    for k in range(SLICES):
        position = positions[k] if positions is not None else np.array(origin) + normal * step * k
        ds = base_dataset(syntax, study, series, uid(name, 'instance', k))
        ds.InstanceNumber = numbering[k] + 1
        ds.ImagePositionPatient = [f'{v:.6g}' for v in position]
        ds.ImageOrientationPatient = [f'{v:.6f}' for v in list(row_dir) + list(col_dir)]
        ds.PixelSpacing = [f'{spacing[0]:g}', f'{spacing[1]:g}']
        ds.SliceThickness = f'{step:g}'
        set_pixels(ds, pixels[k], syntax, bits_stored)
        if slope is not None:
            ds.RescaleSlope = f'{slope:g}'
            ds.RescaleIntercept = f'{intercept:g}'
            ds.RescaleType = 'HU'
        if with_sequences:
            add_sequences(ds)
        save(ds, os.path.join(directory, f'im{numbering[k] + 1:02d}.dcm'))
    return directory


def base_dataset(syntax, study, series, instance):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT_IMAGE_STORAGE
    meta.MediaStorageSOPInstanceUID = instance
    meta.TransferSyntaxUID = syntax
    meta.ImplementationClassUID = uid('ctriage-fixtures')
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = CT_IMAGE_STORAGE
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.Modality = 'CT'
    ds.PatientID = 'FIXTURE-0001'
    ds.PatientName = 'Phantom^Fixture'
    ds.StudyDate = '20260115'
    ds.StudyTime = '093000'
    ds.SeriesNumber = 2
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = 'MONOCHROME2'
    return ds


def set_pixels(ds, frame, syntax, bits_stored):
    ds.Rows, ds.Columns = frame.shape
    ds.BitsAllocated = frame.dtype.itemsize * 8
    ds.BitsStored = bits_stored or ds.BitsAllocated
    ds.HighBit = ds.BitsStored - 1
    ds.PixelRepresentation = 1 if frame.dtype.kind == 'i' else 0
    big = syntax == ExplicitVRBigEndian
    ds.PixelData = frame.astype(frame.dtype.newbyteorder('>' if big else '<')).tobytes()
    ds['PixelData'].VR = 'OB' if ds.BitsAllocated == 8 else 'OW'


def add_sequences(ds):
    """A defined-length sequence and an undefined-length one whose undefined-length item holds another
    undefined-length sequence: the reader must walk and skip them all."""
    item = Dataset()
    item.CodeValue = '113691'
    item.CodingSchemeDesignator = 'DCM'
    nested = Dataset()
    nested.CodeMeaning = 'nested'
    item.ConceptNameCodeSequence = Sequence([nested])
    item['ConceptNameCodeSequence'].is_undefined_length = True
    ds.ProcedureCodeSequence = Sequence([item])
    ds.ReferencedImageSequence = Sequence([Dataset(), item])
    ds['ReferencedImageSequence'].is_undefined_length = True
    ds.ReferencedImageSequence[1].is_undefined_length_sequence_item = True


def save(ds, path):
    syntax = ds.file_meta.TransferSyntaxUID
    implicit = syntax == ImplicitVRLittleEndian
    little = syntax != ExplicitVRBigEndian
    ds.save_as(path, implicit_vr=implicit, little_endian=little, enforce_file_format=True)


# --- dcm2niix ---------------------------------------------------------------------------------------------

def dcm2niix(directory):
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as inflated:
        # This dcm2niix refuses deflated files and says to inflate them first (dcmconv +te); pydicom does the
        # same: it re-saves the identical data set as explicit VR little endian.
        for path in sorted(glob.glob(os.path.join(directory, '*.dcm'))):
            ds = pydicom.dcmread(path)
            if ds.file_meta.TransferSyntaxUID == DeflatedExplicitVRLittleEndian:
                ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
                ds.save_as(os.path.join(inflated, os.path.basename(path)), enforce_file_format=True)
                directory = inflated
        result = subprocess.run(['dcm2niix', '-z', 'n', '-b', 'n', '-f', 'out', '-o', out, directory],
                                capture_output=True, text=True)
        files = sorted(glob.glob(os.path.join(out, '*.nii')))
        if result.returncode != 0 or len(files) != 1:
            sys.exit(f'dcm2niix failed on {directory}: {result.stdout}{result.stderr}')
        image = nib.load(files[0])
        data = image.get_fdata(dtype=np.float64)
        return image, data


def pydicom_volume(directory):
    """The series as pydicom decodes it, in dcm2niix's voxel order: slices by position along the normal,
    rows flipped (the NIfTI y axis runs bottom to top), x fastest."""
    slices = [pydicom.dcmread(path) for path in glob.glob(os.path.join(directory, '*.dcm'))]
    orientation = np.array(slices[0].ImageOrientationPatient, float)
    normal = np.cross(orientation[:3], orientation[3:])
    slices.sort(key=lambda ds: float(np.dot(np.array(ds.ImagePositionPatient, float), normal)))
    frames = []
    for ds in slices:
        slope, intercept = float(ds.get('RescaleSlope', 1)), float(ds.get('RescaleIntercept', 0))
        frames.append(ds.pixel_array.astype(np.float64) * slope + intercept)
    return np.stack(frames)[:, ::-1, :].transpose(2, 1, 0)


def expected_for(name):
    directory = os.path.join(FIXTURES, 'series', name)
    image, data = dcm2niix(directory)
    reference = pydicom_volume(directory)
    if name in STANDARD_OVER_DCM2NIIX:
        data = reference
    elif not np.array_equal(data, reference):
        sys.exit(f'{name}: dcm2niix and pydicom disagree on the voxels; list it in STANDARD_OVER_DCM2NIIX or fix')
    hu = np.clip(np.rint(data), -32768, 32767).astype(np.int64)
    flat = hu.ravel(order='F')
    return {
        'series': name,
        'voxels_from': 'pydicom' if name in STANDARD_OVER_DCM2NIIX else 'dcm2niix',
        'dims': list(int(d) for d in image.shape[:3]),
        'spacing_mm': [float(z) for z in image.header.get_zooms()[:3]],
        'affine': image.affine.tolist(),
        'orientation': ''.join(nib.aff2axcodes(image.affine)),
        'hu_sum': int(flat.sum()),
        'hu_weighted_sum': int((flat * (np.arange(flat.size) % 997 + 1)).sum()),
        'hu_min': int(flat.min()),
        'hu_max': int(flat.max()),
        'clamped': bool((np.rint(data) != hu).any()),
    }


# --- malformed instances ----------------------------------------------------------------------------------

def malformed():
    directory = os.path.join(FIXTURES, 'malformed')
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    good = os.path.join(FIXTURES, 'series', 'explicit_le', 'im01.dcm')
    implicit = os.path.join(FIXTURES, 'series', 'implicit_le', 'im01.dcm')
    data = open(good, 'rb').read()
    pixel_tag = b'\xe0\x7f\x10\x00OW\x00\x00'
    pixel_at = data.index(pixel_tag)
    rows_tag = b'\x28\x00\x10\x00US\x02\x00'
    rows_at = data.index(rows_tag)

    def put(name, content):
        open(os.path.join(directory, name), 'wb').write(content)

    # Cut in the middle of the Rows element's header.
    put('truncated_element.dcm', data[:rows_at + 5])
    # Pixel Data claims more bytes than the file holds.
    put('length_past_end.dcm', data[:pixel_at + 8] + (len(data) * 2).to_bytes(4, 'little') + data[pixel_at + 12:])
    # Rows (US) with undefined length: only SQ, OB/OW/UN pixel data and items may have it.
    body = open(implicit, 'rb').read()
    at = body.index(b'\x28\x00\x10\x00\x02\x00\x00\x00')
    put('undefined_length.dcm', body[:at + 4] + b'\xff\xff\xff\xff' + body[at + 8:])
    # Pixel Data one row short (length field and contents agree, but not with Rows × Columns).
    short = len(data) - pixel_at - 12 - COLUMNS * 2
    put('pixel_size_mismatch.dcm', data[:pixel_at + 8] + short.to_bytes(4, 'little') + data[pixel_at + 12:-COLUMNS * 2])
    put('not_dicom.dcm', b'\x00' * 128 + b'DICX' + data[132:])

    ds = pydicom.dcmread(good)
    ds.Modality = 'MR'
    ds.save_as(os.path.join(directory, 'non_ct.dcm'), enforce_file_format=True)
    ds = pydicom.dcmread(good)
    del ds.ImagePositionPatient
    ds.save_as(os.path.join(directory, 'missing_position.dcm'), enforce_file_format=True)
    # A JPEG baseline file: the reader must refuse by transfer syntax before looking at the fragments.
    ds = pydicom.dcmread(good)
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds.PixelData = pydicom.encaps.encapsulate([b'\xff\xd8\xff\xd9'])
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    ds.save_as(os.path.join(directory, 'jpeg_baseline.dcm'), enforce_file_format=True)


# Real files shipped with pydicom (its test data, MIT licence; CT_small.dcm is NEMA's WG04 CT1_UNC downsized
# to 128x128): a real CT instance checked against dcm2niix, and non-CT or compressed ones the reader must refuse
# only after walking their whole data set.
REAL_SERIES = {'nema_ct_small': 'CT_small.dcm'}
REAL_REFUSED = ['MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'image_dfl.dcm', 'MR_small_RLE.dcm',
                'MR_small_jp2klossless.dcm', 'JPEG-lossy.dcm']


def real_files():
    from pydicom.data import get_testdata_file
    for name, file in REAL_SERIES.items():
        directory = os.path.join(FIXTURES, 'series', name)
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        shutil.copy(get_testdata_file(file), os.path.join(directory, file))
    directory = os.path.join(FIXTURES, 'real')
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for file in REAL_REFUSED:
        shutil.copy(get_testdata_file(file), os.path.join(directory, file))


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    write_series('implicit_le', ImplicitVRLittleEndian, order='reversed', with_sequences=True)
    write_series('explicit_le', ExplicitVRLittleEndian, with_sequences=True,
                 pixels=phantom(np.uint16, 0, 3000), slope=1, intercept=-1024, bits_stored=12)
    write_series('explicit_be', ExplicitVRBigEndian, with_sequences=True)
    write_series('deflated', DeflatedExplicitVRLittleEndian, with_sequences=True)
    write_series('scaled', ExplicitVRLittleEndian, pixels=phantom(np.int16, -400, 1200), slope=2.5, intercept=-1000)
    write_series('clamped', ExplicitVRLittleEndian, pixels=phantom(np.int16, -3000, 3000), slope=16, intercept=0)
    write_series('uint8', ExplicitVRLittleEndian, pixels=phantom(np.uint8, 0, 255), slope=8, intercept=-1024)
    # dcm2niix masks unsigned values to Bits Stored but does not sign-extend signed ones; so must we.
    garbage = phantom(np.uint16, 0, 3000)
    garbage[:, 2, 3] = 0xF00A
    write_series('uint16_high_bits', ExplicitVRLittleEndian, pixels=garbage, slope=1, intercept=-1024, bits_stored=12)
    signed = phantom(np.int16, -1000, 1000)
    signed[:, 2, 3] = 0x0900
    write_series('int16_bit11', ExplicitVRLittleEndian, pixels=signed, bits_stored=12)
    write_series('feet_first', ExplicitVRLittleEndian, row_dir=(-1, 0, 0), col_dir=(0, 1, 0), step=3.0)
    write_series('coronal', ExplicitVRLittleEndian, row_dir=(1, 0, 0), col_dir=(0, 0, -1), spacing=(0.6, 0.9))
    r = rotation(np.radians(12), np.radians(-20))
    write_series('oblique', ExplicitVRLittleEndian, row_dir=r[:, 0], col_dir=r[:, 1], order='shuffled',
                 origin=(12.25, -30.5, -48.0))
    real_files()
    expected = [expected_for(os.path.basename(d)) for d in sorted(glob.glob(os.path.join(FIXTURES, 'series', '*')))]
    with open(os.path.join(FIXTURES, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')
    malformed()


if __name__ == '__main__':
    main()
