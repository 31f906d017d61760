#!/usr/bin/env python3
"""Real DICOMweb clients against CTriage's STOW-RS (`make dicomweb-check`, docs/dicom.md; not part of `make test`).

Starts `ctriage serve --demo` on a throwaway state directory and port, makes two phantom studies with
`ctriage synth`, uploads each NIfTI as the "twin" and turns each into a DICOM CT series with pydicom, then:
  (a) stores series 1 with dicomweb-client (STOW-RS),
  (b) uploads series 2 to Orthanc (with the DICOMweb plugin, CTriage configured as its DICOMweb server with an
      API token) over Orthanc's REST API and asks Orthanc to forward it (/dicom-web/servers/ctriage/stow).
Each DICOM study must appear via QIDO-RS, be estimated, and get the same category as its NIfTI twin.
Installs what is missing: orthanc and orthanc-dicomweb (apt), dicomweb-client, pydicom, nibabel (pip).
"""

import argparse
import base64
import importlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

APT = ["orthanc", "orthanc-dicomweb"]
PIP = {"dicomweb_client": "dicomweb-client", "pydicom": "pydicom", "nibabel": "nibabel", "numpy": "numpy"}
ADMIN = ("admin", "admin-demo-2020")
CLINIC = "DEMO-N"


def install():
    missing = [p for p in APT if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "update", "-q"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends"] + missing, check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    for module, package in PIP.items():
        try:
            importlib.import_module(module)
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=None, headers=None, timeout=60):
    req = urllib.request.Request(url, method=method, data=body, headers=headers or {})
    with urllib.request.urlopen(req, timeout=timeout) as response:
        data = response.read()
        return response.status, (json.loads(data) if data and "json" in response.headers.get("Content-Type", "") else data)


def wait(condition, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise SystemExit(f"FAIL: timed out after {seconds} s waiting for {what}")


def api_token(base):
    """Logs in as the demo admin and creates a clinic-staff user for DEMO-N; returns its API token."""
    import http.cookiejar
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = urllib.request.Request(base + "/api/v1/session", method="POST", headers={"Content-Type": "application/json"},
                                   data=json.dumps({"name": ADMIN[0], "password": ADMIN[1]}).encode())
    with opener.open(login, timeout=30) as response:
        csrf = json.loads(response.read())["csrf_token"]
    create = urllib.request.Request(base + "/api/v1/users", method="POST",
                                    headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
                                    data=json.dumps({"name": "stow.check", "role": "clinic_staff", "clinic": CLINIC}).encode())
    with opener.open(create, timeout=30) as response:
        return json.loads(response.read())["api_token"]


def upload_twin(base, token, path, patient):
    boundary = "twin-" + uuid.uuid4().hex
    with open(path, "rb") as f:
        data = f.read()
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
             for k, v in (("clinic", CLINIC), ("patient_id", patient))]
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"twin.nii.gz\"\r\n"
                 "Content-Type: application/gzip\r\n\r\n".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    status, study = request(base + "/api/v1/studies", "POST", body, {
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    return study["id"]


def nifti_to_dicom(path, out_dir, patient_id, seed):
    """One CT instance per slice, inverting what dcm2niix does (docs/dicom.md: rows flipped, LPS = diag(-1,-1,1) RAS)."""
    import nibabel
    import numpy as np
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    image = nibabel.load(path)
    volume = np.asarray(image.dataobj).astype(np.int16)
    lps = np.diag([-1.0, -1.0, 1.0]) @ image.affine[:3, :]
    columns_axis, rows_axis, slices_axis, origin = lps[:, 0], lps[:, 1], lps[:, 2], lps[:, 3]
    column_spacing, row_spacing, slice_spacing = (float(np.linalg.norm(a)) for a in (columns_axis, rows_axis, slices_axis))
    row_dir, col_dir = columns_axis / column_spacing, -rows_axis / row_spacing
    nx, ny, nz = volume.shape
    study, series = generate_uid(entropy_srcs=[f"check-study-{seed}"]), generate_uid(entropy_srcs=[f"check-series-{seed}"])
    os.makedirs(out_dir, exist_ok=True)
    files = []
    for k in range(nz):
        first_row = origin + rows_axis * (ny - 1) + slices_axis * k
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[f"check-instance-{seed}-{k}"])
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        ds.Modality, ds.PatientID, ds.StudyDate, ds.StudyTime = "CT", patient_id, "20260301", "093000"
        ds.InstanceNumber = k + 1
        ds.ImagePositionPatient = [f"{v:.6f}" for v in first_row]
        ds.ImageOrientationPatient = [f"{v:.6f}" for v in list(row_dir) + list(col_dir)]
        ds.PixelSpacing = [f"{row_spacing:.6f}", f"{column_spacing:.6f}"]
        ds.SliceThickness = f"{slice_spacing:.6f}"
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.Rows, ds.Columns = ny, nx
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleSlope, ds.RescaleIntercept = "1", "0"
        ds.PixelData = np.ascontiguousarray(volume[:, ::-1, k].T).astype("<i2").tobytes()
        name = os.path.join(out_dir, f"im{k:04d}.dcm")
        ds.save_as(name, enforce_file_format=True)
        files.append(name)
    return study, files


def estimated_category(base, token, study_id, seconds=600):
    def done():
        _, study = request(f"{base}/api/v1/studies/{study_id}", headers={"Authorization": f"Bearer {token}"})
        return study if study["status"] in ("estimated", "estimate_failed") else None
    study = wait(done, seconds, f"study {study_id} to be estimated")
    return study["status"], (study.get("estimate") or {}).get("category")


def dicom_study(base, token, study_uid, seconds=300):
    def found():
        _, matches = request(f"{base}/dicomweb/studies?StudyInstanceUID={study_uid}", headers={"Authorization": f"Bearer {token}"})
        return matches[0] if matches else None
    match = wait(found, seconds, f"DICOM study {study_uid} in QIDO-RS")
    return match["00081190"]["Value"][0].rsplit("/", 1)[1]


def compare(label, base, token, study_id, twin_id, results):
    status, category = estimated_category(base, token, study_id)
    twin_status, twin_category = estimated_category(base, token, twin_id)
    ok = study_id.lower() != twin_id.lower() and (status, category) == (twin_status, twin_category)
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {label}: DICOM study {study_id} {status} {category}; "
          f"NIfTI twin {twin_id} {twin_status} {twin_category}")


def run_orthanc(work, base, token, files, study_uid, results):
    http_port, dicom_port = free_port(), free_port()
    config = {
        "Name": "ctriage-check", "StorageDirectory": os.path.join(work, "orthanc-db"), "IndexDirectory": os.path.join(work, "orthanc-db"),
        "HttpPort": http_port, "DicomPort": dicom_port, "RemoteAccessAllowed": False, "AuthenticationEnabled": False,
        "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
        "DicomWeb": {"Enable": True, "Root": "/dicom-web/",
                     "Servers": {"ctriage": {"Url": f"{base}/dicomweb/", "HttpHeaders": {"Authorization": f"Bearer {token}"}}}},
    }
    config_path = os.path.join(work, "orthanc.json")
    with open(config_path, "w") as f:
        json.dump(config, f)
    log = open(os.path.join(work, "orthanc.log"), "w")
    orthanc = subprocess.Popen(["Orthanc", config_path], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    orthanc_base = f"http://127.0.0.1:{http_port}"
    try:
        def up():
            try:
                return request(orthanc_base + "/system")[1]
            except Exception:
                return None
        system = wait(up, 60, "Orthanc to start")
        print(f"Orthanc {system.get('Version')} with the DICOMweb plugin")
        parent = None
        for name in files:
            with open(name, "rb") as f:
                _, answer = request(orthanc_base + "/instances", "POST", f.read(), {"Content-Type": "application/dicom"})
            parent = answer["ParentStudy"]
        status, answer = request(orthanc_base + "/dicom-web/servers/ctriage/stow", "POST",
                                 json.dumps({"Resources": [parent]}).encode(), {"Content-Type": "application/json"}, timeout=300)
        print(f"Orthanc forward: HTTP {status} {answer if isinstance(answer, dict) else answer[:200]!r}")
        return dicom_study(base, token, study_uid)
    finally:
        orthanc.send_signal(signal.SIGINT)
        try:
            orthanc.wait(30)
        except subprocess.TimeoutExpired:
            orthanc.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/ctriage")
    parser.add_argument("--skip-install", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    if not args.skip_install:
        install()
    import dicomweb_client
    import pydicom
    from dicomweb_client.api import DICOMwebClient

    work = tempfile.mkdtemp(prefix="ctriage-dicomweb-")
    os.chmod(work, 0o755)  # as root the embedded cluster runs as `postgres`, which must reach state/ inside
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = dict(os.environ, CTRIAGE_DICOM_STABLE_SECONDS="3", CTRIAGE_DICOM_POLL_SECONDS="0.5")
    log = open(os.path.join(work, "ctriage.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--demo", "--state-dir", os.path.join(work, "state"), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment)
    results = []
    try:
        def healthy():
            if server.poll() is not None:
                raise SystemExit("FAIL: ctriage serve exited; see " + log.name)
            try:
                return request(base + "/health", timeout=2)[0] == 200
            except Exception:
                return False
        wait(healthy, 300, "ctriage serve --demo")
        token = api_token(base)
        subprocess.run([args.binary, "synth", "--out", os.path.join(work, "synth"), "--count", "2", "--seed", "909", "--size", "160", "--slices", "40"],
                       check=True, stdout=subprocess.DEVNULL)
        cases = [os.path.join(work, "synth", f"case_{n:04d}.nii.gz") for n in (1, 2)]
        twins = [upload_twin(base, token, path, f"TWIN-{n}") for n, path in enumerate(cases, 1)]
        series = [nifti_to_dicom(path, os.path.join(work, f"dicom{n}"), f"CHECK-{n}", n) for n, path in enumerate(cases, 1)]
        print(f"dicomweb-client {dicomweb_client.__version__}, pydicom {pydicom.__version__}")

        client = DICOMwebClient(url=f"{base}/dicomweb", headers={"Authorization": f"Bearer {token}"})
        answer = client.store_instances(datasets=[pydicom.dcmread(name) for name in series[0][1]])
        referenced = len(answer.get("ReferencedSOPSequence", [])) if answer is not None else 0
        print(f"dicomweb-client STOW-RS: {referenced} of {len(series[0][1])} instances referenced")
        compare("(a) dicomweb-client STOW-RS", base, token, dicom_study(base, token, series[0][0]), twins[0], results)

        compare("(b) Orthanc DICOMweb forward", base, token, run_orthanc(work, base, token, series[1][1], series[1][0], results),
                twins[1], results)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        if args.keep or not all(results) or not results:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if not results or not all(results):
        raise SystemExit(1)
    print("dicomweb-check passed")


if __name__ == "__main__":
    main()
