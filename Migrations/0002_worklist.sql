-- The worklist schema (issue #6): people, studies, estimates, vitals, routing, the reading queue, readings,
-- arbitration, jobs and the audit trail. Identifiers of patients are pseudonymous; nothing here holds a name.
-- Rules that must hold whatever the code does are constraints, not application checks.

CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
    role text NOT NULL CHECK (role IN ('radiologist', 'clinic_staff', 'admin')),
    clinic_id bigint REFERENCES clinics (id),
    password_hash text,
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz,
    -- Clinic staff belong to exactly one clinic; the other roles work across clinics.
    CONSTRAINT users_staff_have_clinic CHECK ((role = 'clinic_staff') = (clinic_id IS NOT NULL))
);

-- API tokens are stored only as SHA-256 digests; the token itself is shown once, when created.
CREATE TABLE api_tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    token_sha256 bytea NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
);

CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    token_sha256 bytea NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
    csrf_sha256 bytea NOT NULL CHECK (octet_length(csrf_sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE patients (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    clinic_id bigint NOT NULL REFERENCES clinics (id),
    pseudonym text NOT NULL CHECK (pseudonym ~ '^[A-Za-z0-9_-]{1,64}$'),
    sex text CHECK (sex IN ('female', 'male', 'other')),
    birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (clinic_id, pseudonym)
);

-- Uploaded files, once per content: the same bytes uploaded again find the existing row.
CREATE TABLE blobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256 bytea NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    byte_count bigint NOT NULL CHECK (byte_count > 0),
    data bytea NOT NULL,
    CONSTRAINT blobs_size_matches CHECK (octet_length(data) = byte_count)
);

CREATE TABLE studies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    clinic_id bigint NOT NULL REFERENCES clinics (id),
    patient_id bigint NOT NULL REFERENCES patients (id),
    blob_id bigint NOT NULL UNIQUE REFERENCES blobs (id),
    format text NOT NULL CHECK (format IN ('nifti', 'dicom')),
    setting text NOT NULL DEFAULT 'outpatient' CHECK (setting IN ('outpatient', 'inpatient')),
    status text NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'estimated', 'estimate_failed', 'read', 'arbitration', 'final')),
    failure_reason text,
    acquired_at timestamptz,
    received_at timestamptz NOT NULL DEFAULT now(),
    estimated_at timestamptz,
    first_read_at timestamptz,
    second_read_at timestamptz,
    finalised_at timestamptz,
    CONSTRAINT studies_failure_has_reason CHECK ((status = 'estimate_failed') = (failure_reason IS NOT NULL))
);
CREATE INDEX studies_patient_received ON studies (patient_id, received_at);
CREATE INDEX studies_clinic_received ON studies (clinic_id, received_at);

-- Estimator output, versioned: a re-run adds a row, never overwrites one.
CREATE TABLE estimates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_id bigint NOT NULL REFERENCES studies (id),
    version integer NOT NULL CHECK (version > 0),
    estimator_version text NOT NULL,
    category smallint CHECK (category BETWEEN 0 AND 4),
    involvement_percent double precision CHECK (involvement_percent BETWEEN 0 AND 100),
    left_involvement_percent double precision CHECK (left_involvement_percent BETWEEN 0 AND 100),
    right_involvement_percent double precision CHECK (right_involvement_percent BETWEEN 0 AND 100),
    lung_ml double precision CHECK (lung_ml >= 0),
    lesion_ml double precision CHECK (lesion_ml >= 0),
    left_lung_ml double precision CHECK (left_lung_ml >= 0),
    right_lung_ml double precision CHECK (right_lung_ml >= 0),
    flags text[] NOT NULL DEFAULT '{}',
    key_images jsonb NOT NULL DEFAULT '[]',
    lung_mask_blob_id bigint REFERENCES blobs (id),
    lesion_mask_blob_id bigint REFERENCES blobs (id),
    elapsed_ms double precision,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (study_id, version)
);

-- Vitals history: each entry is a new row.
CREATE TABLE vitals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_id bigint NOT NULL REFERENCES studies (id),
    entered_by bigint NOT NULL REFERENCES users (id),
    temperature_c double precision CHECK (temperature_c BETWEEN 30 AND 45),
    respiratory_rate double precision CHECK (respiratory_rate BETWEEN 0 AND 80),
    spo2_percent double precision CHECK (spo2_percent BETWEEN 50 AND 100),
    pao2_fio2 double precision CHECK (pao2_fio2 BETWEEN 20 AND 700),
    shock boolean,
    multiple_organ_failure boolean,
    respiratory_failure boolean,
    typical_clinic boolean,
    entered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vitals_study ON vitals (study_id, entered_at);

-- Routing history with the trace that explains each decision.
CREATE TABLE routing_decisions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_id bigint NOT NULL REFERENCES studies (id),
    category_source text NOT NULL CHECK (category_source IN ('none', 'estimate', 'reading', 'arbitration')),
    category smallint CHECK (category BETWEEN 0 AND 4),
    severity text NOT NULL CHECK (severity IN ('zero', 'mild', 'moderate', 'severe', 'critical')),
    tier smallint NOT NULL CHECK (tier BETWEEN 0 AND 5),
    emergency boolean NOT NULL,
    decision text NOT NULL,
    trace jsonb NOT NULL,
    decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_decisions_study ON routing_decisions (study_id, decided_at);

-- The reading queue: one row per study. A claim is one radiologist with a lease token; a single column
-- means two radiologists can never hold the same study.
CREATE TABLE worklist_items (
    study_id bigint PRIMARY KEY REFERENCES studies (id),
    tier smallint NOT NULL CHECK (tier BETWEEN 0 AND 5),
    due_at timestamptz NOT NULL,
    arrival_at timestamptz NOT NULL,
    readings_required smallint NOT NULL CHECK (readings_required BETWEEN 1 AND 3),
    readings_signed smallint NOT NULL DEFAULT 0 CHECK (readings_signed BETWEEN 0 AND 3),
    claimed_by bigint REFERENCES users (id),
    claim_token uuid,
    claim_expires_at timestamptz,
    done_at timestamptz,
    CONSTRAINT worklist_claim_complete
        CHECK ((claimed_by IS NULL) = (claim_token IS NULL) AND (claimed_by IS NULL) = (claim_expires_at IS NULL)),
    CONSTRAINT worklist_signed_within_required CHECK (readings_signed <= readings_required)
);
CREATE INDEX worklist_open_order ON worklist_items (tier, due_at, arrival_at) WHERE done_at IS NULL;

-- Signed readings, append-only. Reading 1 and 2 are first and second readings, 3 the arbitration. The unique
-- (study, radiologist) pair is what makes every reading of a study come from a different radiologist.
CREATE TABLE readings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_id bigint NOT NULL REFERENCES studies (id),
    reading_number smallint NOT NULL CHECK (reading_number BETWEEN 1 AND 3),
    radiologist_id bigint NOT NULL REFERENCES users (id),
    category smallint NOT NULL CHECK (category BETWEEN 0 AND 4),
    findings text NOT NULL DEFAULT '' CHECK (length(findings) <= 10000),
    signed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT readings_one_per_number UNIQUE (study_id, reading_number),
    CONSTRAINT readings_distinct_radiologists UNIQUE (study_id, radiologist_id)
);

-- Second readings that disagree with the first (§5): minor ones are recorded, major ones wait for an
-- arbitration reading by a third radiologist, whose category is final.
CREATE TABLE discrepancies (
    study_id bigint PRIMARY KEY REFERENCES studies (id),
    first_reading_id bigint NOT NULL REFERENCES readings (id),
    second_reading_id bigint NOT NULL REFERENCES readings (id),
    kind text NOT NULL CHECK (kind IN ('minor', 'major')),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    arbitration_reading_id bigint REFERENCES readings (id),
    arbitrated_at timestamptz,
    CONSTRAINT discrepancies_only_major_arbitrated CHECK (arbitration_reading_id IS NULL OR kind = 'major'),
    CONSTRAINT discrepancies_arbitration_complete CHECK ((arbitration_reading_id IS NULL) = (arbitrated_at IS NULL))
);

-- Background work (estimation), claimed with FOR UPDATE SKIP LOCKED under a lease. `attempt` fences late
-- completions: a worker may only finish the attempt it claimed.
CREATE TABLE jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('estimate')),
    study_id bigint NOT NULL REFERENCES studies (id),
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempt integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    run_after timestamptz NOT NULL DEFAULT now(),
    lease_owner text,
    lease_expires_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CONSTRAINT jobs_running_has_lease CHECK ((state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL)),
    UNIQUE (kind, study_id)
);
CREATE INDEX jobs_ready ON jobs (run_after) WHERE state = 'queued';
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'running';

-- Who did what, when, with the state before and after. Append-only.
CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_user_id bigint REFERENCES users (id),
    actor text NOT NULL,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    before jsonb,
    after jsonb,
    request_id text
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, occurred_at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER readings_append_only BEFORE UPDATE OR DELETE ON readings
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER vitals_append_only BEFORE UPDATE OR DELETE ON vitals
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER routing_decisions_append_only BEFORE UPDATE OR DELETE ON routing_decisions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
