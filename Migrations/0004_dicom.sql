-- DICOM doors (issue #9, items 3-4): instances received over STOW-RS or through the inbox are staged per
-- series; once a series has been quiet for `dicom.stable_seconds` it is assembled into one study through the
-- same ingest transaction as an upload. Patient IDs are kept only as SHA-256 hex, like the reader gives them.

CREATE TABLE dicom_series (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_uid text NOT NULL UNIQUE CHECK (series_uid ~ '^[0-9.]{1,64}$'),
    study_uid text NOT NULL CHECK (study_uid ~ '^[0-9.]{1,64}$'),
    clinic_id bigint NOT NULL REFERENCES clinics (id),
    patient_hash text CHECK (patient_hash ~ '^[0-9a-f]{64}$'),
    study_date text,
    study_time text,
    first_arrival timestamptz NOT NULL DEFAULT now(),
    last_arrival timestamptz NOT NULL DEFAULT now(),
    state text NOT NULL DEFAULT 'staged' CHECK (state IN ('staged', 'assembled', 'failed')),
    failure_reason text,
    -- The study the series became: at most one per series, and one series per study.
    study_id bigint UNIQUE REFERENCES studies (id),
    CONSTRAINT dicom_series_failure_has_reason CHECK ((state = 'failed') = (failure_reason IS NOT NULL)),
    CONSTRAINT dicom_series_assembled_has_study CHECK ((state = 'assembled') = (study_id IS NOT NULL))
);
-- What the stable-series service scans: staged series by last arrival.
CREATE INDEX dicom_series_staged ON dicom_series (last_arrival) WHERE state = 'staged';
CREATE INDEX dicom_series_study_uid ON dicom_series (study_uid);

-- One row per SOP instance of a series; the same instance sent again finds this row and stores nothing.
CREATE TABLE dicom_instances (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id bigint NOT NULL REFERENCES dicom_series (id),
    sop_instance_uid text NOT NULL CHECK (sop_instance_uid ~ '^[0-9.]{1,64}$'),
    transfer_syntax text NOT NULL,
    blob_id bigint NOT NULL REFERENCES blobs (id),
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (series_id, sop_instance_uid)
);

-- The DICOM identity of a study assembled from a series, for QIDO-RS.
ALTER TABLE studies
    ADD COLUMN dicom_study_uid text,
    ADD COLUMN dicom_series_uid text;
CREATE INDEX studies_dicom_study_uid ON studies (dicom_study_uid) WHERE dicom_study_uid IS NOT NULL;
